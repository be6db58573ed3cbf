import EcoGraph

/// `ecograph alternatives`: stated alternatives and ranked peers as text or JSON.
extension AlternativeList {
    /// ```
    /// Alternatives to Kong
    ///
    /// Stated
    ///   KrakenD
    ///     KrakenD is an alternative to Kong (graphs/….relations.yaml:755, overlay) — …
    /// Same-category peers, by what they share (3 of 3)
    ///   1. Caddy (score 4)
    ///      both are written in Go
    /// ```
    public func text(_ graph: CatalogGraph, style: ReportStyle = ReportStyle()) -> String {
        var s = style.bold("Alternatives to \(style.label(subject))") + "\n"
        s += "\n" + style.bold("Stated") + (stated.isEmpty ? ": none" : "") + "\n"
        for c in stated {
            s += "  " + style.label(c.node) + "\n"
            for r in c.reasons { s += reason(r, graph, style, indent: "    ") }
        }
        s += "\n" + style.bold("Same-category peers, by what they share")
        if peers.isEmpty { s += ": none\n"; return s }
        s += " (\(peers.count) of \(totalPeers))\n"
        for (i, c) in peers.enumerated() {
            let head = "  \(i + 1). "
            s += head + style.label(c.node) + " (score \(c.score))\n"
            for r in c.reasons { s += reason(r, graph, style, indent: String(repeating: " ", count: head.count)) }
        }
        return s
    }

    private func reason(_ r: AlternativeReason, _ graph: CatalogGraph, _ style: ReportStyle, indent: String) -> String {
        let name = ReportStyle.clean(r.node.name)
        switch r.kind {
        case .stated, .related:
            return r.edges.map { indent + style.sentence($0, in: graph) + "\n" }.joined()
        case .sharedTarget:
            return indent + "both relate to \(name):\n" + r.edges.map { indent + "  " + style.sentence($0, in: graph) + "\n" }.joined()
        case .sharedLanguage: return indent + "both are written in \(name)\n"
        case .sharedCategory: return indent + "both are listed in \(name)\n"
        case .sameSection: return indent + "both are listed under \(name)\n"
        }
    }

    /// The schema is in `docs/cli-json.md` ("alternatives").
    public func json(_ graph: CatalogGraph) -> [UInt8] {
        var out = OutputBuffer()
        out.append("{\n  \"subject\": "); out.appendNodeRef(subject)
        for (key, list) in [("stated", stated), ("peers", peers)] {
            out.append(",\n  \"\(key)\": ")
            out.appendJSONLines(list) { out, c in
                out.append("{\"node\": "); out.appendNodeRef(c.node)
                out.append(", \"score\": "); out.append(c.score)
                out.append(", \"reasons\": ")
                out.appendJSONList(c.reasons) { out, r in
                    out.append("{\"kind\": "); out.appendJSONString(r.kind.rawValue)
                    out.append(", \"node\": "); out.appendNodeRef(r.node)
                    out.append(", \"weight\": "); out.append(r.weight)
                    out.append(", \"edges\": ")
                    out.appendJSONList(r.edges) { $0.appendEdge($1, in: graph) }
                    out.append("}")
                }
                out.append("}")
            }
        }
        out.append(",\n  \"total_peers\": "); out.append(totalPeers)
        out.append("\n}\n")
        return out.bytes
    }
}

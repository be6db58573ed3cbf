import EcoGraph

/// `ecograph why`: every connection between two nodes as text or JSON.
extension Connections {
    /// ```
    /// How Pika and Redis are connected
    ///
    /// Direct
    ///   Pika is compatible with Redis (graphs/….relations.yaml:959, overlay) — …
    /// Shared categories
    ///   Cache
    /// ```
    public func text(_ graph: CatalogGraph, style: ReportStyle = ReportStyle()) -> String {
        let c = ReportStyle.clean
        var s = style.bold("How \(style.label(a)) and \(style.label(b)) are connected") + "\n"
        if isEmpty {
            return s + "\nNothing connects them: no direct relation, shared category, language or target, "
                + "and no relation path of up to \(maxLength) hops.\n"
        }
        func section(_ title: String, _ lines: [String]) {
            guard !lines.isEmpty else { return }
            s += "\n" + style.bold(title) + "\n" + lines.map { "  " + $0 + "\n" }.joined()
        }
        section("Direct", direct.map { style.sentence($0, in: graph) })
        section("Shared categories", sharedCategories.map { graph.categoryPath($0.id).map(c).joined(separator: " / ") })
        section("Shared languages", sharedLanguages.map { c($0.name) })
        section("Shared targets", sharedTargets.flatMap { t in
            [style.label(t.node)] + (t.fromA + t.fromB).map { "  " + style.sentence($0, in: graph) }
        })
        if !paths.isEmpty {
            s += "\n" + style.bold("Paths of 2 to \(maxLength) hops") + "\n"
            for (i, p) in paths.enumerated() { s += style.path(p, number: i + 1, in: graph, indent: "  ") }
        }
        return s
    }

    /// The schema is in `docs/cli-json.md` ("why").
    public func json(_ graph: CatalogGraph) -> [UInt8] {
        var out = OutputBuffer()
        out.append("{\n  \"a\": "); out.appendNodeRef(a)
        out.append(",\n  \"b\": "); out.appendNodeRef(b)
        out.append(",\n  \"connected\": "); out.append(isEmpty ? "false" : "true")
        out.append(",\n  \"direct\": "); out.appendJSONList(direct) { $0.appendEdge($1, in: graph) }
        out.append(",\n  \"shared_categories\": "); out.appendJSONList(sharedCategories) { $0.appendNodeRef($1) }
        out.append(",\n  \"shared_languages\": "); out.appendJSONList(sharedLanguages) { $0.appendNodeRef($1) }
        out.append(",\n  \"shared_targets\": ")
        out.appendJSONList(sharedTargets) { out, t in
            out.append("{\"node\": "); out.appendNodeRef(t.node)
            out.append(", \"from_a\": "); out.appendJSONList(t.fromA) { $0.appendEdge($1, in: graph) }
            out.append(", \"from_b\": "); out.appendJSONList(t.fromB) { $0.appendEdge($1, in: graph) }
            out.append("}")
        }
        out.append(",\n  \"max_length\": "); out.append(maxLength)
        out.append(",\n  \"paths\": ")
        out.appendJSONLines(paths) { $0.appendPath($1, in: graph) }
        out.append("\n}\n")
        return out.bytes
    }
}

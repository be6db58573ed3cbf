import EcoGraph

/// `ecograph path`: the shortest paths as text or JSON.
extension PathSearch {
    /// ```
    /// Kong → Nginx: 1 hop, 1 shortest path
    ///
    /// 1. Kong → Nginx
    ///    Kong is listed under Nginx (graphs/distributed-architecture.md:163, markdown: "nested under Nginx")
    ///    Kong is built on Nginx (graphs/distributed-architecture.relations.yaml:731, overlay) — …
    /// ```
    public func text(_ graph: CatalogGraph, style: ReportStyle = ReportStyle()) -> String {
        let head = style.label(from) + " → " + style.label(to)
        guard let distance else {
            return style.bold(head) + ": no path over " + relations.map(\.rawValue).joined(separator: ", ") + "\n"
        }
        var s = style.bold(head) + ": \(distance) hop\(distance == 1 ? "" : "s"), "
        s += "\(total) shortest path\(total == 1 ? "" : "s")"
        if paths.count < total { s += " (showing the first \(paths.count))" }
        s += "\n"
        for (i, p) in paths.enumerated() { s += "\n" + style.path(p, number: i + 1, in: graph) }
        return s
    }

    /// The schema is in `docs/cli-json.md` ("path").
    public func json(_ graph: CatalogGraph) -> [UInt8] {
        var out = OutputBuffer()
        out.append("{\n  \"from\": "); out.appendNodeRef(from)
        out.append(",\n  \"to\": "); out.appendNodeRef(to)
        out.append(",\n  \"relations\": "); out.appendJSONArray(relations.map(\.rawValue))
        out.append(",\n  \"distance\": ")
        if let distance { out.append(distance) } else { out.append("null") }
        out.append(",\n  \"total\": "); out.append(total)
        out.append(",\n  \"paths\": ")
        out.appendJSONLines(paths) { $0.appendPath($1, in: graph) }
        out.append("\n}\n")
        return out.bytes
    }
}

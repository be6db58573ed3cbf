import EcoGraph

/// `ecograph show`: the card as text or JSON.
extension NodeCard {
    /// ```
    /// Kong
    ///   kind         project
    ///   …
    /// Relations out
    ///   is built on
    ///     Nginx (graphs/….relations.yaml:731, overlay) — …
    /// ```
    public func text(_ graph: CatalogGraph, style: ReportStyle = ReportStyle()) -> String {
        let c = ReportStyle.clean
        var s = style.bold(c(node.name)) + "\n"
        func field(_ name: String, _ value: String) {
            s += "  " + name.padding(12) + " " + value + "\n"
        }
        field("kind", node.kind.rawValue + (node.kind == .external ? " (named by a relation, not listed in the catalog)" : ""))
        field("id", node.id.rawValue)
        if !node.aliases.isEmpty { field("aliases", node.aliases.map(c).joined(separator: ", ")) }
        for (i, u) in node.urls.enumerated() { field(i == 0 ? "url" : "", c(u)) }
        for (i, path) in categories.enumerated() { field(i == 0 ? "categories" : "", path.map(c).joined(separator: " / ")) }
        if !languages.isEmpty { field("languages", languages.map { c($0.name) }.joined(separator: ", ")) }
        else if node.noLanguage { field("languages", "none (a format or specification)") }
        for (i, p) in node.provenance.enumerated() {
            field(i == 0 ? "listed at" : "", p.location.map { "\(c($0.file)):\($0.line)" } ?? "-")
        }
        if let d = node.description { field("description", c(d)) }
        if let note = node.note { field("note", c(note)) }
        for (title, groups, forward) in [("Relations out", outgoing, true), ("Relations in", incoming, false)] {
            s += "\n" + style.bold(title) + (groups.isEmpty ? ": none" : "") + "\n"
            for g in groups {
                s += "  " + (forward ? g.relation.phrase : g.relation.inversePhrase) + "\n"
                for item in g.items { s += "    " + style.label(item.other) + " " + style.provenance(item.edge.provenance) + "\n" }
            }
        }
        return s
    }

    /// The schema is in `docs/cli-json.md` ("show").
    public func json(_ graph: CatalogGraph) -> [UInt8] {
        var out = OutputBuffer()
        out.append("{\n  \"node\": {\"id\": "); out.appendJSONString(node.id.rawValue)
        out.append(", \"kind\": "); out.appendJSONString(node.kind.rawValue)
        out.append(", \"name\": "); out.appendJSONString(node.name)
        out.append(", \"aliases\": "); out.appendJSONArray(node.aliases)
        out.append(", \"urls\": "); out.appendJSONArray(node.urls)
        out.append(", \"description\": ")
        if let d = node.description { out.appendJSONString(d) } else { out.append("null") }
        out.append(", \"note\": ")
        if let n = node.note { out.appendJSONString(n) } else { out.append("null") }
        out.append(", \"provenance\": ")
        out.appendJSONList(node.provenance) { NodeLinkJSONWriter.provenance($1, into: &$0) }
        out.append("},\n  \"categories\": ")
        out.appendJSONList(categories) { $0.appendJSONArray($1) }
        out.append(",\n  \"languages\": ")
        out.appendJSONList(languages) { $0.appendNodeRef($1) }
        for (key, groups, forward) in [("out", outgoing, true), ("in", incoming, false)] {
            out.append(",\n  \"\(key)\": ")
            out.appendJSONLines(groups) { out, g in
                out.append("{\"relation\": "); out.appendJSONString(g.relation.rawValue)
                out.append(", \"phrase\": "); out.appendJSONString(forward ? g.relation.phrase : g.relation.inversePhrase)
                out.append(", \"edges\": ")
                out.appendJSONList(g.items) { $0.appendEdge($1.edge, in: graph) }
                out.append("}")
            }
        }
        out.append("\n}\n")
        return out.bytes
    }
}

extension String {
    /// Pads with spaces to `width` characters.
    func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}

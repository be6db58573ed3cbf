import EcoGraph

/// Writes GraphML that Gephi, yEd, Cytoscape and `networkx.read_graphml` load: typed `<key>`s,
/// one `<node>` per node (ID = ecograph ID) and one `<edge>` per edge, list values joined with
/// `; `, every text XML-escaped and stripped of characters XML 1.0 forbids.
///
/// ```xml
/// <node id="project:kong"><data key="n_label">Kong</data><data key="n_kind">project</data>…</node>
/// <edge id="e42" source="project:kong" target="project:nginx"><data key="e_relation">built-on</data>…</edge>
/// ```
///
/// `label` is the key Gephi shows; `name` is the same text under the name ecograph uses.
/// Parallel edges (same ends, different relation) are kept: networkx reads a `MultiDiGraph`.
public struct GraphMLWriter: StreamingGraphWriter {
    public init() {}

    /// (id, for, attr.name, attr.type)
    static let keys: [(String, String, String, String)] = [
        ("n_label", "node", "label", "string"),
        ("n_kind", "node", "kind", "string"),
        ("n_name", "node", "name", "string"),
        ("n_url", "node", "url", "string"),
        ("n_urls", "node", "urls", "string"),
        ("n_description", "node", "description", "string"),
        ("n_aliases", "node", "aliases", "string"),
        ("n_categories", "node", "categories", "string"),
        ("n_languages", "node", "languages", "string"),
        ("n_level", "node", "level", "int"),
        ("n_section", "node", "section", "string"),
        ("n_no_language", "node", "no_language", "boolean"),
        ("n_note", "node", "note", "string"),
        ("n_provenance", "node", "provenance", "string"),
        ("e_label", "edge", "label", "string"),
        ("e_relation", "edge", "relation", "string"),
        ("e_method", "edge", "method", "string"),
        ("e_file", "edge", "file", "string"),
        ("e_line", "edge", "line", "int"),
        ("e_column", "edge", "column", "int"),
        ("e_phrase", "edge", "phrase", "string"),
        ("e_confidence", "edge", "confidence", "double"),
        ("e_note", "edge", "note", "string"),
        ("e_reference", "edge", "reference", "string"),
    ]

    public func write(_ graph: CatalogGraph, into out: inout OutputBuffer, chunkSize: Int,
                      sink: ([UInt8]) throws -> Void) rethrows {
        out.append("""
        <?xml version="1.0" encoding="UTF-8"?>
        <graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">

        """)
        for (id, domain, name, type) in Self.keys {
            out.append("  <key id=\"\(id)\" for=\"\(domain)\" attr.name=\"\(name)\" attr.type=\"\(type)\"/>\n")
        }
        out.append("  <graph id=\"G\" edgedefault=\"directed\">\n")
        // Category and language names for the list keys: few nodes, looked up often.
        var groupNames: [NodeID: String] = [:]
        for n in graph.nodes where n.kind == .category || n.kind == .language { groupNames[n.id] = n.name }
        let nodes = graph.nodes
        let edges = graph.edges
        var e = 0
        var categories: [String] = []
        var languages: [String] = []
        // By index, not `for n in nodes`: the iterator copies (retains) every field of every node.
        for i in nodes.indices {
            while e < edges.count && edges[e].source < nodes[i].id { e += 1 }
            categories.removeAll(keepingCapacity: true)
            languages.removeAll(keepingCapacity: true)
            while e < edges.count && edges[e].source == nodes[i].id {
                let relation = edges[e].relation
                if relation == .inCategory, let name = groupNames[edges[e].target], categories.last != name { categories.append(name) }
                if relation == .writtenIn, let name = groupNames[edges[e].target], languages.last != name { languages.append(name) }
                e += 1
            }
            node(nodes[i], categories: categories, languages: languages, into: &out)
            try out.flush(ifOver: chunkSize, to: sink)
        }
        for k in edges.indices {
            edge(edges[k], number: k, into: &out)
            try out.flush(ifOver: chunkSize, to: sink)
        }
        out.append("  </graph>\n</graphml>\n")
    }

    private func node(_ n: borrowing Node, categories: [String], languages: [String], into out: inout OutputBuffer) {
        out.append("    <node id=\"")
        out.appendXMLEscaped(n.id.rawValue)
        out.append("\">")
        data("n_label", n.name, &out)
        data("n_kind", n.kind.rawValue, &out)
        data("n_name", n.name, &out)
        data("n_url", n.urls.first, &out)
        data("n_urls", n.urls, &out)
        data("n_description", n.description, &out)
        data("n_aliases", n.aliases, &out)
        data("n_categories", categories, &out)
        data("n_languages", languages, &out)
        if let level = n.level { data("n_level", level, &out) }
        data("n_section", n.section, &out)
        if n.noLanguage { data("n_no_language", "true", &out) }
        data("n_note", n.note, &out)
        data("n_provenance", n.provenance.map(\.summary), &out)
        out.append("</node>\n")
    }

    private func edge(_ edge: borrowing Edge, number k: Int, into out: inout OutputBuffer) {
        out.append("    <edge id=\"e")
        out.append(k)
        out.append("\" source=\"")
        out.appendXMLEscaped(edge.source.rawValue)
        out.append("\" target=\"")
        out.appendXMLEscaped(edge.target.rawValue)
        out.append("\">")
        data("e_label", edge.relation.rawValue, &out)
        data("e_relation", edge.relation.rawValue, &out)
        data("e_method", edge.provenance.method.rawValue, &out)
        if let l = edge.provenance.location {
            data("e_file", l.file, &out)
            data("e_line", l.line, &out)
            data("e_column", l.column, &out)
        }
        data("e_phrase", edge.provenance.phrase, &out)
        if let c = edge.provenance.confidence, c.isFinite { data("e_confidence", "\(c)", &out) }
        data("e_note", edge.provenance.note, &out)
        data("e_reference", edge.provenance.source, &out)
        out.append("</edge>\n")
    }

    private func data(_ key: String, _ value: String?, _ out: inout OutputBuffer) {
        guard let value, !value.isEmpty else { return }
        out.append("<data key=\"")
        out.append(key)
        out.append("\">")
        out.appendXMLEscaped(value)
        out.append("</data>")
    }

    private func data(_ key: String, _ value: Int, _ out: inout OutputBuffer) {
        out.append("<data key=\"")
        out.append(key)
        out.append("\">")
        out.append(value)
        out.append("</data>")
    }

    private func data(_ key: String, _ values: [String], _ out: inout OutputBuffer) {
        guard !values.isEmpty else { return }
        out.append("<data key=\"")
        out.append(key)
        out.append("\">")
        for (i, v) in values.enumerated() {
            if i > 0 { out.append("; ") }
            out.appendXMLEscaped(v)
        }
        out.append("</data>")
    }
}

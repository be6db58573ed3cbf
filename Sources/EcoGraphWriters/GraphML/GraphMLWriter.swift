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
        let nodes = graph.nodes
        var groupNames: [NodeID: String] = [:]
        for i in nodes.indices where nodes[i].kind == .category || nodes[i].kind == .language {
            groupNames[nodes[i].id] = nodes[i].name
        }
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
        data(Key.label, n.name, &out)
        data(Key.kind, n.kind.rawValue, &out)
        data(Key.name, n.name, &out)
        data(Key.url, n.urls.first, &out)
        data(Key.urls, n.urls, &out)
        data(Key.description, n.description, &out)
        data(Key.aliases, n.aliases, &out)
        data(Key.categories, categories, &out)
        data(Key.languages, languages, &out)
        if let level = n.level { data(Key.level, level, &out) }
        data(Key.section, n.section, &out)
        if n.noLanguage { data(Key.noLanguage, "true", &out) }
        data(Key.note, n.note, &out)
        if !n.provenance.isEmpty {
            out.append(Key.provenance)
            for k in n.provenance.indices {
                if k > 0 { out.append("; ") }
                Self.summary(n.provenance[k], into: &out)
            }
            out.append("</data>")
        }
        out.append("</node>\n")
    }

    /// `Provenance.summary`, XML-escaped, written piece by piece: escaping each piece gives the
    /// bytes of escaping the whole, and a 200,000-entry graph would build as many strings.
    static func summary(_ p: Provenance, into out: inout OutputBuffer) {
        if let l = p.location {
            out.appendXMLEscaped(l.file)
            out.append(byte: 0x3A)  // :
            out.append(l.line)
            out.append(byte: 0x3A)
            out.append(l.column)
        } else {
            out.append("-")
        }
        out.append(" (")
        out.append(p.method.rawValue)
        if let phrase = p.phrase {
            out.append(": &quot;")
            out.appendXMLEscaped(phrase)
            out.append("&quot;")
        }
        if let confidence = p.confidence {
            out.append(", confidence ")
            out.append(Provenance.format(confidence))
        }
        out.append(")")
        if let note = p.note {
            out.append(" — ")
            out.appendXMLEscaped(note)
        }
    }

    private func edge(_ edge: borrowing Edge, number k: Int, into out: inout OutputBuffer) {
        out.append("    <edge id=\"e")
        out.append(k)
        out.append("\" source=\"")
        out.appendXMLEscaped(edge.source.rawValue)
        out.append("\" target=\"")
        out.appendXMLEscaped(edge.target.rawValue)
        out.append("\">")
        out.append(contentsOf: Self.relationData[edge.relation])
        data(Key.method, edge.provenance.method.rawValue, &out)
        if let l = edge.provenance.location {
            data(Key.file, l.file, &out)
            data(Key.line, l.line, &out)
            data(Key.column, l.column, &out)
        }
        data(Key.phrase, edge.provenance.phrase, &out)
        if let c = edge.provenance.confidence, c.isFinite { data(Key.confidence, "\(c)", &out) }
        data(Key.edgeNote, edge.provenance.note, &out)
        data(Key.reference, edge.provenance.source, &out)
        out.append("</edge>\n")
    }

    /// The opening `<data key="…">` tag of each key, written whole.
    enum Key {
        static let label: StaticString = "<data key=\"n_label\">"
        static let kind: StaticString = "<data key=\"n_kind\">"
        static let name: StaticString = "<data key=\"n_name\">"
        static let url: StaticString = "<data key=\"n_url\">"
        static let urls: StaticString = "<data key=\"n_urls\">"
        static let description: StaticString = "<data key=\"n_description\">"
        static let aliases: StaticString = "<data key=\"n_aliases\">"
        static let categories: StaticString = "<data key=\"n_categories\">"
        static let languages: StaticString = "<data key=\"n_languages\">"
        static let level: StaticString = "<data key=\"n_level\">"
        static let section: StaticString = "<data key=\"n_section\">"
        static let noLanguage: StaticString = "<data key=\"n_no_language\">"
        static let note: StaticString = "<data key=\"n_note\">"
        static let provenance: StaticString = "<data key=\"n_provenance\">"
        static let method: StaticString = "<data key=\"e_method\">"
        static let file: StaticString = "<data key=\"e_file\">"
        static let line: StaticString = "<data key=\"e_line\">"
        static let column: StaticString = "<data key=\"e_column\">"
        static let phrase: StaticString = "<data key=\"e_phrase\">"
        static let confidence: StaticString = "<data key=\"e_confidence\">"
        static let reference: StaticString = "<data key=\"e_reference\">"
        static let edgeNote: StaticString = "<data key=\"e_note\">"
    }

    /// `e_label` and `e_relation` of each relation kind (by `order`), the same on every edge of it.
    static let relationData = RelationTexts { r, out in
        out.append("<data key=\"e_label\">\(r.rawValue)</data><data key=\"e_relation\">\(r.rawValue)</data>")
    }

    private func data(_ open: StaticString, _ value: String?, _ out: inout OutputBuffer) {
        guard let value, !value.isEmpty else { return }
        out.append(open)
        out.appendXMLEscaped(value)
        out.append("</data>")
    }

    private func data(_ open: StaticString, _ value: Int, _ out: inout OutputBuffer) {
        out.append(open)
        out.append(value)
        out.append("</data>")
    }

    private func data(_ open: StaticString, _ values: [String], _ out: inout OutputBuffer) {
        guard !values.isEmpty else { return }
        out.append(open)
        for i in values.indices {
            if i > 0 { out.append("; ") }
            out.appendXMLEscaped(values[i])
        }
        out.append("</data>")
    }
}

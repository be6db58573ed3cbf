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
///
/// Nodes and edges are written on all cores in ordered rounds (`ParallelRecords`), each read in
/// place in the graph's arrays: a `Node` copied out of `graph.nodes` retains its ten or so
/// reference fields, and a 200,000-entry graph has 300,000 nodes and edges.
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
        let lists = GraphMLGroupLists(graph)
        let shared = GraphMLSharedTexts(graph)
        try ParallelRecords.write(count: graph.nodes.count, into: &out, chunkSize: chunkSize, sink: sink) { i, piece in
            graph.nodes.withUnsafeBufferPointer { nodes in
                Self.node(nodes, i, lists: lists, shared: shared, into: &piece)
            }
        }
        try ParallelRecords.write(count: graph.edges.count, into: &out, chunkSize: chunkSize, sink: sink) { k, piece in
            graph.edges.withUnsafeBufferPointer { edges in
                Self.edge(edges.baseAddress! + k, number: k, shared: shared, into: &piece)
            }
        }
        out.append("  </graph>\n</graphml>\n")
    }

    /// Node `i` of `nodes`, read in place.
    private static func node(_ nodes: UnsafeBufferPointer<Node>, _ i: Int, lists: GraphMLGroupLists,
                             shared: GraphMLSharedTexts, into out: inout OutputBuffer) {
        let n = nodes.baseAddress! + i
        out.append("    <node id=\"")
        shared.ids.append(i, to: &out)
        out.append("\">")
        let kind = n.pointee.kind
        if n.pointee.name.isEmpty {
            shared.kindData.append(kind, to: &out)
        } else {
            out.append(Key.label)
            out.appendXMLEscapedTwice(n.pointee.name) { out in
                out.append("</data>")
                shared.kindData.append(kind, to: &out)
                out.append(Key.name)
            }
            out.append("</data>")
        }
        n.pointee.urls.withUnsafeBufferPointer { urls in
            guard !urls.isEmpty else { return }
            if urls[0].isEmpty {  // no url; the list starts with an empty item
                data(Key.urls, urls, &out)
                return
            }
            out.append(Key.url)
            out.appendXMLEscapedTwice(urls[0]) { out in
                out.append("</data>")
                out.append(Key.urls)
            }
            for k in urls.indices.dropFirst() {
                out.append("; ")
                out.appendXMLEscaped(urls[k])
            }
            out.append("</data>")
        }
        data(Key.description, n.pointee.description, &out)
        n.pointee.aliases.withUnsafeBufferPointer { data(Key.aliases, $0, &out) }
        lists.write(Key.categories, of: i, .inCategory, nodes, into: &out)
        lists.write(Key.languages, of: i, .writtenIn, nodes, into: &out)
        if let level = n.pointee.level { data(Key.level, level, &out) }
        data(Key.section, n.pointee.section, &out)
        if n.pointee.noLanguage { data(Key.noLanguage, "true", &out) }
        data(Key.note, n.pointee.note, &out)
        n.pointee.provenance.withUnsafeBufferPointer { provenance in
            guard let first = provenance.baseAddress, !provenance.isEmpty else { return }
            out.append(Key.provenance)
            for k in provenance.indices {
                if k > 0 { out.append("; ") }
                summary(first + k, shared: shared, into: &out)
            }
            out.append("</data>")
        }
        out.append("</node>\n")
    }

    /// `Provenance.summary`, XML-escaped, written piece by piece: escaping each piece gives the
    /// bytes of escaping the whole, and a 200,000-entry graph would build as many strings.
    static func summary(_ p: UnsafePointer<Provenance>, shared: GraphMLSharedTexts, into out: inout OutputBuffer) {
        if let l = p.pointee.location {
            shared.appendFile(l.file, to: &out)
            out.append(byte: 0x3A)  // :
            out.append(l.line)
            out.append(byte: 0x3A)
            out.append(l.column)
        } else {
            out.append("-")
        }
        out.append(" (")
        out.append(p.pointee.method.rawValue)
        if let phrase = p.pointee.phrase {
            out.append(": &quot;")
            out.appendXMLEscaped(phrase)
            out.append("&quot;")
        }
        if let confidence = p.pointee.confidence {
            out.append(", confidence ")
            out.append(Provenance.format(confidence))
        }
        out.append(")")
        if let note = p.pointee.note {
            out.append(" — ")
            out.appendXMLEscaped(note)
        }
    }

    /// Edge `k`, read in place.
    private static func edge(_ edge: UnsafePointer<Edge>, number k: Int, shared: GraphMLSharedTexts,
                             into out: inout OutputBuffer) {
        out.append("    <edge id=\"e")
        out.append(k)
        out.append("\" source=\"")
        shared.appendID(edge.pointee.source, node: shared.ends[k].source, to: &out)
        out.append("\" target=\"")
        shared.appendID(edge.pointee.target, node: shared.ends[k].target, to: &out)
        out.append("\">")
        out.append(contentsOf: relationData[edge.pointee.relation])
        shared.methodData.append(edge.pointee.provenance.method, to: &out)
        if let l = edge.pointee.provenance.location {
            if !l.file.isEmpty {
                out.append(Key.file)
                shared.appendFile(l.file, to: &out)
                out.append("</data>")
            }
            data(Key.line, l.line, &out)
            data(Key.column, l.column, &out)
        }
        data(Key.phrase, edge.pointee.provenance.phrase, &out)
        if let c = edge.pointee.provenance.confidence, c.isFinite { data(Key.confidence, "\(c)", &out) }
        data(Key.edgeNote, edge.pointee.provenance.note, &out)
        data(Key.reference, edge.pointee.provenance.source, &out)
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

    private static func data(_ open: StaticString, _ value: String?, _ out: inout OutputBuffer) {
        guard let value, !value.isEmpty else { return }
        out.append(open)
        out.appendXMLEscaped(value)
        out.append("</data>")
    }

    private static func data(_ open: StaticString, _ value: Int, _ out: inout OutputBuffer) {
        out.append(open)
        out.append(value)
        out.append("</data>")
    }

    private static func data(_ open: StaticString, _ values: UnsafeBufferPointer<String>, _ out: inout OutputBuffer) {
        guard !values.isEmpty else { return }
        out.append(open)
        for i in values.indices {
            if i > 0 { out.append("; ") }
            out.appendXMLEscaped(values[i])
        }
        out.append("</data>")
    }
}

/// The category and language names each node's `n_categories` and `n_languages` list: the
/// names of the category and language nodes its `in-category` and `written-in` edges lead to,
/// in edge order, a name not repeated right after itself.
///
/// A node's outgoing edges are one run of `graph.edges` (sorted by source), found here once
/// from the graph's `edgeEndpoints`, so any node's lists can be written on any thread.
/// Assumes node IDs are unique, as `GraphBuilder` makes them.
struct GraphMLGroupLists: Sendable {
    private let graph: CatalogGraph
    /// Node `i`'s edges are `graph.edges[outStart[i]..<outEnd[i]]` (empty when it has none).
    private let outStart: [Int32]
    private let outEnd: [Int32]

    init(_ graph: CatalogGraph) {
        self.graph = graph
        var outStart = [Int32](repeating: 0, count: graph.nodes.count)
        var outEnd = [Int32](repeating: 0, count: graph.nodes.count)
        graph.edgeEndpoints.withUnsafeBufferPointer { ends in
            for k in ends.indices {
                let s = Int(ends[k].source)
                guard s >= 0 else { continue }
                if outEnd[s] == 0 { outStart[s] = Int32(k) }
                outEnd[s] = Int32(k + 1)
            }
        }
        self.outStart = outStart
        self.outEnd = outEnd
    }

    /// `<open>name; name…</data>` for node `i`'s `relation` edges to categories and languages,
    /// nothing when there are none. `nodes` is `graph.nodes`, read in place.
    func write(_ open: StaticString, of i: Int, _ relation: RelationKind, _ nodes: UnsafeBufferPointer<Node>,
               into out: inout OutputBuffer) {
        var last = -1
        graph.edges.withUnsafeBufferPointer { edges in
            graph.edgeEndpoints.withUnsafeBufferPointer { ends in
                for k in Int(outStart[i])..<Int(outEnd[i]) where edges[k].relation == relation {
                    let t = Int(ends[k].target)
                    guard t >= 0, nodes[t].kind == .category || nodes[t].kind == .language else { continue }
                    if last >= 0 && (t == last || nodes[t].name == nodes[last].name) { continue }
                    out.append(last < 0 ? open : "; ")
                    out.appendXMLEscaped(nodes[t].name)
                    last = t
                }
            }
        }
        if last >= 0 { out.append("</data>") }
    }
}

/// Escaped texts that many records repeat, made once per graph: every node's ID (a node's own
/// element and every edge at it), the `n_kind` and `e_method` data of each kind and method, and
/// the catalog's file name (in most provenance).
struct GraphMLSharedTexts: Sendable {
    let ids: NodeTexts
    /// `graph.edgeEndpoints`.
    let ends: [(source: Int32, target: Int32)]
    let kindData: CaseTexts<NodeKind>
    let methodData: CaseTexts<ProvenanceMethod>
    /// The file most provenance names (the catalog's), and its escaped bytes.
    private let file: String
    private let escapedFile: [UInt8]

    init(_ graph: CatalogGraph) {
        ids = NodeTexts(graph.nodes.count) { i, out in
            graph.nodes.withUnsafeBufferPointer { out.appendXMLEscaped($0[i].id.rawValue) }
        }
        ends = graph.edgeEndpoints
        kindData = Self.data(GraphMLWriter.Key.kind)
        methodData = Self.data(GraphMLWriter.Key.method)
        file = graph.sources.first ?? ""
        var out = OutputBuffer(capacity: 256)
        out.appendXMLEscaped(file)
        escapedFile = out.takeBytes()
    }

    /// `id` XML-escaped: node `node`'s ready-made text, or (-1: not a node) escaped now.
    func appendID(_ id: NodeID, node: Int32, to out: inout OutputBuffer) {
        if node >= 0 { ids.append(Int(node), to: &out) } else { out.appendXMLEscaped(id.rawValue) }
    }

    /// `file` XML-escaped.
    func appendFile(_ file: String, to out: inout OutputBuffer) {
        if file == self.file { out.append(contentsOf: escapedFile) } else { out.appendXMLEscaped(file) }
    }

    /// `<open>raw value</data>` of each case of a small enumeration.
    private static func data<T: CaseIterable & RawRepresentable & Equatable & Sendable>(_ open: StaticString) -> CaseTexts<T>
    where T.RawValue == String {
        CaseTexts { c, out in
            out.append(open)
            out.appendXMLEscaped(c.rawValue)
            out.append("</data>")
        }
    }
}

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
                ProvenanceWarming.ahead(of: i, in: nodes)
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

    /// Node `i` of `nodes`, read in place; its ID, name, description, URLs and aliases come from
    /// the shared `NodeTextTable` (bytes in node order), not from its strings and arrays.
    private static func node(_ nodes: UnsafeBufferPointer<Node>, _ i: Int, lists: GraphMLGroupLists,
                             shared: GraphMLSharedTexts, into out: inout OutputBuffer) {
        let n = nodes.baseAddress! + i
        let texts = shared.texts
        out.append("    <node id=\"")
        out.appendXMLEscaped(texts.id(i))
        out.append("\">")
        let kind = n.pointee.kind
        let name = texts.name(i)
        if name.bytes.isEmpty {
            shared.kindData.append(kind, to: &out)
        } else {
            out.append(Key.label)
            out.appendXMLEscaped(name)
            out.append("</data>")
            shared.kindData.append(kind, to: &out)
            out.append(Key.name)
            out.appendXMLEscaped(name)
            out.append("</data>")
        }
        let urls = texts.urls(i)
        if let first = urls.first {
            if texts.text(first).bytes.isEmpty {  // no url; the list starts with an empty item
                data(Key.urls, urls, texts, &out)
            } else {
                out.append(Key.url)
                out.appendXMLEscaped(texts.text(first))
                out.append("</data>")
                data(Key.urls, urls, texts, &out)
            }
        }
        if let description = texts.description(i), !description.bytes.isEmpty {
            out.append(Key.description)
            out.appendXMLEscaped(description)
            out.append("</data>")
        }
        data(Key.aliases, texts.aliases(i), texts, &out)
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
        if let (line, column) = shared.catalog.location(in: p) {
            out.append(contentsOf: shared.escapedFile)
            appendPosition(line, column, &out)
        } else if let l = p.pointee.location {
            out.appendXMLEscaped(l.file)
            appendPosition(l.line, l.column, &out)
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

    /// `:line:column`, as `SourceLocation.description` ends.
    private static func appendPosition(_ line: Int, _ column: Int, _ out: inout OutputBuffer) {
        out.append(byte: 0x3A)  // :
        out.append(line)
        out.append(byte: 0x3A)
        out.append(column)
    }

    /// Edge `k`, read in place; its ends' IDs come from the node table (an end that is not a
    /// node is escaped here).
    private static func edge(_ edge: UnsafePointer<Edge>, number k: Int, shared: GraphMLSharedTexts,
                             into out: inout OutputBuffer) {
        out.append("    <edge id=\"e")
        out.append(k)
        out.append("\" source=\"")
        let id = { (i: Int, out: inout OutputBuffer) in out.appendXMLEscaped(shared.texts.id(i)) }
        shared.ends.write(k, edge, source: true, into: &out, node: id, other: appendID)
        out.append("\" target=\"")
        shared.ends.write(k, edge, source: false, into: &out, node: id, other: appendID)
        out.append("\">")
        relationData.append(edge.pointee.relation, to: &out)
        let p = edge.provenance
        shared.methodData.append(p.pointee.method, to: &out)
        if let (line, column) = shared.catalog.location(in: p) {
            out.append(contentsOf: shared.fileData)
            positionData(line: line, column: column, &out)
        } else if let l = p.pointee.location {
            data(Key.file, l.file, &out)
            positionData(line: l.line, column: l.column, &out)
        }
        data(Key.phrase, p.pointee.phrase, &out)
        if let c = p.pointee.confidence, c.isFinite { data(Key.confidence, "\(c)", &out) }
        data(Key.edgeNote, p.pointee.note, &out)
        data(Key.reference, p.pointee.source, &out)
        out.append("</edge>\n")
    }

    /// An edge end that is not a node: its ID, escaped.
    private static func appendID(_ id: NodeID, _ out: inout OutputBuffer) { out.appendXMLEscaped(id.rawValue) }

    /// An edge's `e_line` and `e_column`.
    private static func positionData(line: Int, column: Int, _ out: inout OutputBuffer) {
        data(Key.line, line, &out)
        data(Key.column, column, &out)
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
    static let relationData = CaseTexts<RelationKind> { r, out in
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

    /// `<open>text; text…</data>` of table texts `range`, nothing when it is empty.
    private static func data(_ open: StaticString, _ range: Range<Int>, _ texts: NodeTextTable, _ out: inout OutputBuffer) {
        guard !range.isEmpty else { return }
        out.append(open)
        for k in range {
            if k > range.lowerBound { out.append("; ") }
            out.appendXMLEscaped(texts.text(k))
        }
        out.append("</data>")
    }
}

/// The category and language names each node's `n_categories` and `n_languages` list: the
/// names of the category and language nodes its `in-category` and `written-in` edges lead to,
/// in edge order, a name not repeated right after itself.
///
/// A node's outgoing edges are one run of `graph.edges` (sorted by source), found here once
/// from the graph's `edgeEndpoints`, so any node's lists can be written on any thread. The
/// group names are escaped once per graph: a few hundred categories are named in 200,000 lists,
/// and reading a shared name's `String` on both cores at once retains one object from both.
/// Assumes node IDs are unique, as `GraphBuilder` makes them.
struct GraphMLGroupLists: Sendable {
    private let graph: CatalogGraph
    /// Node `i`'s edges are `graph.edges[outStart[i]..<outEnd[i]]` (empty when it has none).
    private let outStart: [Int32]
    private let outEnd: [Int32]
    /// Whether node `i` is a category or a language.
    private let isGroup: [Bool]
    /// Each group's name, XML-escaped (nothing for other nodes).
    private let names: NodeTexts

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
        let isGroup = graph.nodes.withUnsafeBufferPointer { nodes in
            nodes.indices.map { nodes[$0].kind == .category || nodes[$0].kind == .language }
        }
        self.isGroup = isGroup
        names = NodeTexts(graph.nodes.count) { i, out in
            if isGroup[i] { out.appendXMLEscaped(graph.nodes[i].name) }
        }
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
                    guard t >= 0, isGroup[t] else { continue }
                    if last >= 0 && (t == last || sameName(t, last, nodes)) { continue }
                    out.append(last < 0 ? open : "; ")
                    names.append(t, to: &out)
                    last = t
                }
            }
        }
        if last >= 0 { out.append("</data>") }
    }

    /// Whether groups `a` and `b` have equal names (`==`). Escaping is a function, so different
    /// escaped bytes are different texts, and when both are ASCII (besides characters escaping
    /// strips, which no normalisation changes) different names; anything else asks the strings.
    private func sameName(_ a: Int, _ b: Int, _ nodes: UnsafeBufferPointer<Node>) -> Bool {
        let differ = names.withBytes(a) { x in
            names.withBytes(b) { y in !x.elementsEqual(y) && !x.contains { $0 >= 0x80 } && !y.contains { $0 >= 0x80 } }
        }
        return !differ && nodes[a].name == nodes[b].name
    }
}

/// Texts that many records repeat, made once per graph: every node's texts (its ID is also
/// written at every edge at it), the `n_kind` and `e_method` data of each kind and method, and
/// the catalog's file name (in most provenance).
struct GraphMLSharedTexts: Sendable {
    /// Every node's ID, name, description, URLs and aliases (shared with the other writers).
    let texts: NodeTextTable
    /// Each edge's ends as node indices.
    let ends: EdgeEnds
    let kindData: CaseTexts<NodeKind>
    let methodData: CaseTexts<ProvenanceMethod>
    /// The file most provenance names (the catalog's); its escaped bytes, and its `e_file`
    /// data (nothing when the name is empty; an empty element when only its escaping is).
    let catalog: CatalogFile
    let escapedFile: [UInt8]
    let fileData: [UInt8]

    init(_ graph: CatalogGraph) {
        texts = NodeTextTable.shared(for: graph)
        ends = EdgeEnds(graph)
        kindData = Self.data(GraphMLWriter.Key.kind)
        methodData = Self.data(GraphMLWriter.Key.method)
        catalog = CatalogFile(graph.sources.first ?? "")
        var out = OutputBuffer(capacity: 256)
        out.appendXMLEscaped(catalog.file)
        escapedFile = out.takeBytes()
        if !catalog.file.isEmpty {   // not `escapedFile`: escaping may drop every character
            out.append(GraphMLWriter.Key.file)
            out.append(contentsOf: escapedFile)
            out.append("</data>")
        }
        fileData = out.takeBytes()
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

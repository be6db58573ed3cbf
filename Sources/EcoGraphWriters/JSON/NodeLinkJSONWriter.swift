import EcoGraph

/// The lossless machine view: node-link JSON that `networkx.node_link_graph(data, edges="edges")`
/// loads. Keys come in a fixed order, nodes sorted by ID, edges by (source, relation, target).
///
/// ```json
/// {"directed": true, "multigraph": true, "graph": {...},
///  "nodes": [{"id": "project:kong", "kind": "project", "name": "Kong", "url": "…", "urls": […], …}],
///  "edges": [{"source": "project:kong", "target": "project:nginx", "relation": "built-on", "key": "built-on", "provenance": {…}}]}
/// ```
public struct NodeLinkJSONWriter: StreamingGraphWriter {
    public init() {}

    public func write(_ graph: CatalogGraph, into out: inout OutputBuffer, chunkSize: Int,
                      sink: ([UInt8]) throws -> Void) rethrows {
        out.append("{\n  \"directed\": true,\n  \"multigraph\": true,\n  \"graph\": {\"generator\": \"ecograph\", \"sources\": ")
        out.appendJSONArray(graph.sources)
        out.append("},\n  \"nodes\": [")
        let table = NodeTextTable.shared(for: graph)
        let provenance = ProvenanceFields.nodeLink(catalog: graph.sources.first ?? "")
        let count = graph.nodes.count
        try ParallelRecords.write(graph.nodes, into: &out, chunkSize: chunkSize, sink: sink) { n, i, piece in
            ProvenanceWarming.ahead(of: n, at: i, count: count)
            Self.node(n, i, table, provenance, into: &piece)
        }
        out.append("\n  ],\n  \"edges\": [")
        let ends = EdgeEnds(graph)
        try ParallelRecords.write(graph.edges, into: &out, chunkSize: chunkSize, sink: sink) { e, k, piece in
            Self.edge(e, k, ends, table, provenance, into: &piece)
        }
        out.append("\n  ]\n}\n")
    }

    /// Node `i` (`n`), its texts from `table`.
    static func node(_ n: UnsafePointer<Node>, _ i: Int, _ table: NodeTextTable, _ provenance: ProvenanceFields,
                     into out: inout OutputBuffer) {
        out.append(i == 0 ? "\n    {\"id\": " : ",\n    {\"id\": ")
        out.appendJSONString(table.id(i))
        out.append(", \"kind\": ")
        Self.kindJSON.append(n.pointee.kind, to: &out)
        out.append(", \"name\": ")
        out.appendJSONString(table.name(i))
        out.append(", \"url\": ")
        let urls = table.urls(i)
        if urls.isEmpty { out.append("null") } else { out.appendJSONString(table.text(urls.lowerBound)) }
        out.append(", \"urls\": ")
        out.appendJSONArray(table, urls)
        out.append(", \"description\": ")
        if let d = table.description(i) { out.appendJSONString(d) } else { out.append("null") }
        out.append(", \"aliases\": ")
        out.appendJSONArray(table, table.aliases(i))
        if let level = n.pointee.level { out.append(", \"level\": "); out.append(level) }
        if let section = n.pointee.section { out.append(", \"section\": "); out.appendJSONString(section) }
        if n.pointee.noLanguage { out.append(", \"no_language\": true") }
        if let note = n.pointee.note { out.append(", \"note\": "); out.appendJSONString(note) }
        out.append(", \"provenance\": [")
        n.pointee.provenance.withUnsafeBufferPointer { all in
            for k in all.indices {
                if k > 0 { out.append(", ") }
                provenance.object(all.baseAddress! + k, into: &out)
            }
        }
        out.append("]}")
    }

    /// networkx keys parallel edges by (source, target, key): a repeated edge (same kind, other
    /// provenance; sorted next to each other) gets `kind#2`, `kind#3`… or it is lost.
    /// - Parameter e: edge `k` of the graph's edge array, in place (the edges before it are read).
    static func repeatCount(_ e: UnsafePointer<Edge>, at k: Int, _ ends: EdgeEnds) -> Int {
        var r = 0
        while r < k && e[-r - 1].relation == e.pointee.relation && ends.sameEnds(k - r - 1, e - r - 1, k, e) { r += 1 }
        return r + 1
    }

    static func edge(_ e: UnsafePointer<Edge>, _ k: Int, _ ends: EdgeEnds, _ table: NodeTextTable, _ provenance: ProvenanceFields,
                     into out: inout OutputBuffer) {
        let relation = e.pointee.relation
        let count = repeatCount(e, at: k, ends)
        out.append(k == 0 ? "\n    {\"source\": " : ",\n    {\"source\": ")
        ends.write(k, e, source: true, into: &out, node: { i, out in out.appendJSONString(table.id(i)) }, other: appendID)
        out.append(", \"target\": ")
        ends.write(k, e, source: false, into: &out, node: { i, out in out.appendJSONString(table.id(i)) }, other: appendID)
        out.append(", \"relation\": ")
        Self.relationJSON.append(relation, to: &out)
        out.append(", \"key\": ")
        if count == 1 { Self.relationJSON.append(relation, to: &out) } else { out.appendJSONString(relation.rawValue + "#\(count)") }
        out.append(", \"provenance\": ")
        provenance.object(e.provenance, into: &out)
        out.append("}")
    }

    /// An edge end that is not a node: its ID as a JSON string.
    private static func appendID(_ id: NodeID, _ out: inout OutputBuffer) { out.appendJSONString(id.rawValue) }

    static let relationJSON = CaseTexts<RelationKind> { r, out in out.appendJSONString(r.rawValue) }
    static let kindJSON = CaseTexts<NodeKind> { kind, out in out.appendJSONString(kind.rawValue) }
    static let methodJSON = CaseTexts<ProvenanceMethod> { method, out in out.appendJSONString(method.rawValue) }

    /// `{"method": "inferred", "file": "…", "line": 3, "column": 7, "phrase": "…", "confidence": 0.9}`
    public static func provenance(_ p: borrowing Provenance, into out: inout OutputBuffer) {
        withUnsafePointer(to: copy p) { Self.anyProvenance.object($0, into: &out) }
    }

    /// Provenance fields for a provenance from anywhere (no catalog file known).
    private static let anyProvenance = ProvenanceFields.nodeLink(catalog: "")
}

/// The fields of a provenance object (`"method": …, "file": …, "line": …`), as the node-link
/// JSON and JSON-LD writers write them (they differ in the key of the curator's source and in
/// how confidence is written), read in place from a record.
///
/// Nearly every provenance names the catalog's file: that one is recognised by its string's
/// words (`CatalogFile`) and written from bytes escaped once, so no record copies (retains) or
/// escapes it; a `Provenance` copied out of a record retains up to four strings.
struct ProvenanceFields: Sendable {
    private let catalog: CatalogFile
    /// `catalog.file` as a JSON string (text 0).
    private let fileJSON: NodeTexts
    private let sourceKey: StaticString
    private let confidence: @Sendable (Double) -> String

    init(catalog: String, sourceKey: StaticString, confidence: @escaping @Sendable (Double) -> String) {
        self.catalog = CatalogFile(catalog)
        fileJSON = NodeTexts(1) { _, out in out.appendJSONString(catalog) }
        self.sourceKey = sourceKey
        self.confidence = confidence
    }

    /// The node-link JSON writer's fields (`"source"`, confidence to two places).
    static func nodeLink(catalog: String) -> ProvenanceFields {
        ProvenanceFields(catalog: catalog, sourceKey: "source", confidence: Provenance.format)
    }

    /// `{` fields `}`.
    func object(_ p: UnsafePointer<Provenance>, into out: inout OutputBuffer) {
        out.append(byte: 0x7B)
        write(p, first: true, into: &out)
        out.append(byte: 0x7D)
    }

    /// The fields, after a comma unless `first`.
    func write(_ p: UnsafePointer<Provenance>, first: Bool, into out: inout OutputBuffer) {
        out.append(first ? "\"method\": " : ", \"method\": ")
        NodeLinkJSONWriter.methodJSON.append(p.pointee.method, to: &out)
        if let (line, column) = catalog.location(in: p) {
            out.append(", \"file\": ")
            fileJSON.append(0, to: &out)
            position(line, column, into: &out)
        } else if let l = p.pointee.location {
            out.append(", \"file\": ")
            out.appendJSONString(l.file)
            position(l.line, l.column, into: &out)
        }
        if let phrase = p.pointee.phrase { out.append(", \"phrase\": "); out.appendJSONString(phrase) }
        if let c = p.pointee.confidence, c.isFinite { out.append(", \"confidence\": "); out.append(confidence(c)) }
        if let note = p.pointee.note { out.append(", \"note\": "); out.appendJSONString(note) }
        if let source = p.pointee.source {
            out.append(", \"")
            out.append(sourceKey)
            out.append("\": ")
            out.appendJSONString(source)
        }
    }

    @inline(__always)
    private func position(_ line: Int, _ column: Int, into out: inout OutputBuffer) {
        out.append(", \"line\": ")
        out.append(line)
        out.append(", \"column\": ")
        out.append(column)
    }
}

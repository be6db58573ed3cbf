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
        try ParallelRecords.write(graph.nodes, into: &out, chunkSize: chunkSize, sink: sink) { n, i, piece in
            Self.node(n, i, table, into: &piece)
        }
        out.append("\n  ],\n  \"edges\": [")
        let ends = EdgeEnds(table: table, endpoints: graph.edgeEndpoints)
        try ParallelRecords.write(graph.edges, into: &out, chunkSize: chunkSize, sink: sink) { e, k, piece in
            Self.edge(e, k, ends, into: &piece)
        }
        out.append("\n  ]\n}\n")
    }

    /// Node `i` (`n`), its texts from `table`.
    static func node(_ n: UnsafePointer<Node>, _ i: Int, _ table: NodeTextTable, into out: inout OutputBuffer) {
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
        for k in n.pointee.provenance.indices {
            if k > 0 { out.append(", ") }
            provenance(n.pointee.provenance[k], into: &out)
        }
        out.append("]}")
    }

    /// The ends of the graph's edges: node indices (`edgeEndpoints`), their IDs from the node
    /// text table; an end that is not a node is read from the edge.
    struct EdgeEnds: Sendable {
        let table: NodeTextTable
        let endpoints: [(source: Int32, target: Int32)]

        /// Whether edges `a` and `b` (`ea`, `eb`) have the same ends: equal IDs are the same node
        /// index, except for ends that are not nodes, which are compared as IDs.
        @inline(__always)
        func same(_ a: Int, _ ea: UnsafePointer<Edge>, _ b: Int, _ eb: UnsafePointer<Edge>) -> Bool {
            let (x, y) = (endpoints[a], endpoints[b])
            return Self.same(x.source, y.source, ea.pointee.source, eb.pointee.source)
                && Self.same(x.target, y.target, ea.pointee.target, eb.pointee.target)
        }

        @inline(__always)
        private static func same(_ i: Int32, _ j: Int32, _ a: @autoclosure () -> NodeID, _ b: @autoclosure () -> NodeID) -> Bool {
            i >= 0 || j >= 0 ? i == j : a() == b()
        }

        /// Edge `k`'s (`e`'s) source and target IDs as JSON strings: from the table when they are
        /// nodes, from the edge when not.
        @inline(__always)
        func appendSource(_ k: Int, _ e: UnsafePointer<Edge>, to out: inout OutputBuffer) {
            let node = endpoints[k].source
            if node >= 0 { out.appendJSONString(table.id(Int(node))) } else { out.appendJSONString(e.pointee.source.rawValue) }
        }

        @inline(__always)
        func appendTarget(_ k: Int, _ e: UnsafePointer<Edge>, to out: inout OutputBuffer) {
            let node = endpoints[k].target
            if node >= 0 { out.appendJSONString(table.id(Int(node))) } else { out.appendJSONString(e.pointee.target.rawValue) }
        }
    }

    /// networkx keys parallel edges by (source, target, key): a repeated edge (same kind, other
    /// provenance; sorted next to each other) gets `kind#2`, `kind#3`… or it is lost.
    /// - Parameter e: edge `k` of the graph's edge array, in place (the edges before it are read).
    static func repeatCount(_ e: UnsafePointer<Edge>, at k: Int, _ ends: EdgeEnds) -> Int {
        var r = 0
        while r < k && e[-r - 1].relation == e.pointee.relation && ends.same(k - r - 1, e - r - 1, k, e) { r += 1 }
        return r + 1
    }

    static func edge(_ e: UnsafePointer<Edge>, _ k: Int, _ ends: EdgeEnds, into out: inout OutputBuffer) {
        let relation = e.pointee.relation
        let count = repeatCount(e, at: k, ends)
        out.append(k == 0 ? "\n    {\"source\": " : ",\n    {\"source\": ")
        ends.appendSource(k, e, to: &out)
        out.append(", \"target\": ")
        ends.appendTarget(k, e, to: &out)
        out.append(", \"relation\": ")
        out.append(contentsOf: Self.relationJSON[relation])
        out.append(", \"key\": ")
        if count == 1 { out.append(contentsOf: Self.relationJSON[relation]) } else { out.appendJSONString(relation.rawValue + "#\(count)") }
        out.append(", \"provenance\": ")
        provenance(e.pointee.provenance, into: &out)
        out.append("}")
    }

    static let relationJSON = RelationTexts { r, out in out.appendJSONString(r.rawValue) }
    static let kindJSON = CaseTexts<NodeKind> { kind, out in out.appendJSONString(kind.rawValue) }
    static let methodJSON = CaseTexts<ProvenanceMethod> { method, out in out.appendJSONString(method.rawValue) }

    /// `{"method": "inferred", "file": "…", "line": 3, "column": 7, "phrase": "…", "confidence": 0.9}`
    public static func provenance(_ p: borrowing Provenance, into out: inout OutputBuffer) {
        out.append("{")
        provenanceFields(p, first: true, sourceKey: "source", confidence: Provenance.format, into: &out)
        out.append("}")
    }

    /// The fields of a provenance object, shared by the node-link JSON and JSON-LD writers
    /// (which differ in the key of the curator's source and in how confidence is written).
    static func provenanceFields(_ p: Provenance, first: Bool, sourceKey: StaticString, confidence: (Double) -> String,
                                 into out: inout OutputBuffer) {
        out.append(first ? "\"method\": " : ", \"method\": ")
        methodJSON.append(p.method, to: &out)
        if let l = p.location {
            out.append(", \"file\": ")
            out.appendJSONString(l.file)
            out.append(", \"line\": ")
            out.append(l.line)
            out.append(", \"column\": ")
            out.append(l.column)
        }
        if let phrase = p.phrase { out.append(", \"phrase\": "); out.appendJSONString(phrase) }
        if let c = p.confidence, c.isFinite { out.append(", \"confidence\": "); out.append(confidence(c)) }
        if let note = p.note { out.append(", \"note\": "); out.appendJSONString(note) }
        if let source = p.source {
            out.append(", \"")
            out.append(sourceKey)
            out.append("\": ")
            out.appendJSONString(source)
        }
    }
}

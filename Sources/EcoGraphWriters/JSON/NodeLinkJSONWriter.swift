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
        try ParallelRecords.write(graph.nodes, into: &out, chunkSize: chunkSize, sink: sink) { n, i, piece in
            Self.node(n, first: i == 0, into: &piece)
        }
        out.append("\n  ],\n  \"edges\": [")
        try ParallelRecords.write(graph.edges, into: &out, chunkSize: chunkSize, sink: sink) { e, i, piece in
            Self.edge(e, first: i == 0, repeat: Self.repeatCount(e, at: i), into: &piece)
        }
        out.append("\n  ]\n}\n")
    }

    static func node(_ n: UnsafePointer<Node>, first: Bool, into out: inout OutputBuffer) {
        out.append(first ? "\n    " : ",\n    ")
        field("{\"id\": ", n.pointee.id.rawValue, into: &out)
        out.append(", \"kind\": ")
        Self.kindJSON.append(n.pointee.kind, to: &out)
        field(", \"name\": ", n.pointee.name, into: &out)
        out.append(", \"url\": ")
        if let u = n.pointee.urls.first { out.appendJSONString(u) } else { out.append("null") }
        out.append(", \"urls\": ")
        out.appendJSONArray(n.pointee.urls)
        out.append(", \"description\": ")
        if let d = n.pointee.description { out.appendJSONString(d) } else { out.append("null") }
        out.append(", \"aliases\": ")
        out.appendJSONArray(n.pointee.aliases)
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

    /// `prefix` (the key, with what comes before it) and a JSON string.
    @inline(__always) static func field(_ prefix: StaticString, _ value: String, into out: inout OutputBuffer) {
        out.append(prefix)
        out.appendJSONString(value)
    }

    /// networkx keys parallel edges by (source, target, key): a repeated edge (same kind, other
    /// provenance; sorted next to each other) gets `kind#2`, `kind#3`… or it is lost.
    /// - Parameter e: edge `i` of the graph's edge array, in place (the edges before it are read).
    static func repeatCount(_ e: UnsafePointer<Edge>, at i: Int) -> Int {
        var k = 0
        while k < i && e[-k - 1].source == e.pointee.source && e[-k - 1].target == e.pointee.target
                && e[-k - 1].relation == e.pointee.relation { k += 1 }
        return k + 1
    }

    static func edge(_ e: UnsafePointer<Edge>, first: Bool, repeat count: Int, into out: inout OutputBuffer) {
        let relation = e.pointee.relation
        out.append(first ? "\n    " : ",\n    ")
        field("{\"source\": ", e.pointee.source.rawValue, into: &out)
        field(", \"target\": ", e.pointee.target.rawValue, into: &out)
        field(", \"relation\": ", relation.rawValue, into: &out)
        field(", \"key\": ", count == 1 ? relation.rawValue : relation.rawValue + "#\(count)", into: &out)
        out.append(", \"provenance\": ")
        provenance(e.pointee.provenance, into: &out)
        out.append("}")
    }

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

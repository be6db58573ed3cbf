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
        try ParallelRecords.write(count: graph.nodes.count, into: &out, chunkSize: chunkSize, sink: sink) { i, piece in
            Self.node(graph.nodes[i], first: i == 0, into: &piece)
        }
        out.append("\n  ],\n  \"edges\": [")
        try ParallelRecords.write(count: graph.edges.count, into: &out, chunkSize: chunkSize, sink: sink) { i, piece in
            Self.edge(graph.edges[i], first: i == 0, repeat: Self.repeatCount(graph.edges, at: i), into: &piece)
        }
        out.append("\n  ]\n}\n")
    }

    static func node(_ n: borrowing Node, first: Bool, into out: inout OutputBuffer) {
        out.append(first ? "\n    " : ",\n    ")
        field("{\"id\": ", n.id.rawValue, into: &out)
        field(", \"kind\": ", n.kind.rawValue, into: &out)
        field(", \"name\": ", n.name, into: &out)
        out.append(", \"url\": ")
        if let u = n.url { out.appendJSONString(u) } else { out.append("null") }
        out.append(", \"urls\": ")
        out.appendJSONArray(n.urls)
        out.append(", \"description\": ")
        if let d = n.description { out.appendJSONString(d) } else { out.append("null") }
        out.append(", \"aliases\": ")
        out.appendJSONArray(n.aliases)
        if let level = n.level { out.append(", \"level\": "); out.append(level) }
        if let section = n.section { out.append(", \"section\": "); out.appendJSONString(section) }
        if n.noLanguage { out.append(", \"no_language\": true") }
        if let note = n.note { out.append(", \"note\": "); out.appendJSONString(note) }
        out.append(", \"provenance\": [")
        for (k, p) in n.provenance.enumerated() {
            if k > 0 { out.append(", ") }
            provenance(p, into: &out)
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
    static func repeatCount(_ edges: [Edge], at i: Int) -> Int {
        var k = i
        while k > 0 && edges[k - 1].source == edges[i].source && edges[k - 1].target == edges[i].target
                && edges[k - 1].relation == edges[i].relation { k -= 1 }
        return i - k + 1
    }

    static func edge(_ e: borrowing Edge, first: Bool, repeat count: Int, into out: inout OutputBuffer) {
        out.append(first ? "\n    " : ",\n    ")
        field("{\"source\": ", e.source.rawValue, into: &out)
        field(", \"target\": ", e.target.rawValue, into: &out)
        field(", \"relation\": ", e.relation.rawValue, into: &out)
        field(", \"key\": ", count == 1 ? e.relation.rawValue : e.relation.rawValue + "#\(count)", into: &out)
        out.append(", \"provenance\": ")
        provenance(e.provenance, into: &out)
        out.append("}")
    }

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
        out.appendJSONString(p.method.rawValue)
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

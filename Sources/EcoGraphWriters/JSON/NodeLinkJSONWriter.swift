import EcoGraph

/// The lossless machine view: node-link JSON that `networkx.node_link_graph(data, edges="edges")`
/// loads. Keys come in a fixed order, nodes sorted by ID, edges by (source, relation, target).
///
/// ```json
/// {"directed": true, "multigraph": true, "graph": {...},
///  "nodes": [{"id": "project:kong", "kind": "project", "name": "Kong", "url": "…", "urls": […], …}],
///  "edges": [{"source": "project:kong", "target": "project:nginx", "relation": "built-on", "key": "built-on", "provenance": {…}}]}
/// ```
public struct NodeLinkJSONWriter: GraphWriter {
    public init() {}

    public func write(_ graph: CatalogGraph, into out: inout OutputBuffer) {
        out.append("{\n  \"directed\": true,\n  \"multigraph\": true,\n  \"graph\": {\"generator\": \"ecograph\", \"sources\": ")
        out.appendJSONArray(graph.sources)
        out.append("},\n  \"nodes\": [")
        for (i, n) in graph.nodes.enumerated() {
            out.append(i == 0 ? "\n    " : ",\n    ")
            out.append("{\"id\": ")
            out.appendJSONString(n.id.rawValue)
            out.append(", \"kind\": ")
            out.appendJSONString(n.kind.rawValue)
            out.append(", \"name\": ")
            out.appendJSONString(n.name)
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
                Self.provenance(p, into: &out)
            }
            out.append("]}")
        }
        out.append("\n  ],\n  \"edges\": [")
        var repeatCount = 1
        for (i, e) in graph.edges.enumerated() {
            // networkx keys parallel edges by (source, target, key): a repeated edge (same kind,
            // other provenance; sorted next to each other) gets `kind#2`, `kind#3`… or it is lost.
            let previous = i > 0 ? graph.edges[i - 1] : nil
            let repeated = previous.map { $0.source == e.source && $0.target == e.target && $0.relation == e.relation } ?? false
            repeatCount = repeated ? repeatCount + 1 : 1
            out.append(i == 0 ? "\n    " : ",\n    ")
            out.append("{\"source\": ")
            out.appendJSONString(e.source.rawValue)
            out.append(", \"target\": ")
            out.appendJSONString(e.target.rawValue)
            out.append(", \"relation\": ")
            out.appendJSONString(e.relation.rawValue)
            out.append(", \"key\": ")
            out.appendJSONString(repeatCount == 1 ? e.relation.rawValue : e.relation.rawValue + "#\(repeatCount)")
            out.append(", \"provenance\": ")
            Self.provenance(e.provenance, into: &out)
            out.append("}")
        }
        out.append("\n  ]\n}\n")
    }

    /// `{"method": "inferred", "file": "…", "line": 3, "column": 7, "phrase": "…", "confidence": 0.9}`
    public static func provenance(_ p: Provenance, into out: inout OutputBuffer) {
        out.append("{\"method\": ")
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
        if let c = p.confidence { out.append(", \"confidence\": "); out.append(Provenance.format(c)) }
        if let note = p.note { out.append(", \"note\": "); out.appendJSONString(note) }
        if let source = p.source { out.append(", \"source\": "); out.appendJSONString(source) }
        out.append("}")
    }
}

import EcoGraph

/// The rows of `ecograph relations`: semantic relations with their provenance, in edge order.
public struct RelationListing: Sendable {
    public struct Row: Sendable, Hashable {
        public var source: Node
        public var relation: RelationKind
        public var target: Node
        public var provenance: Provenance
    }

    public var rows: [Row]

    /// - Parameters:
    ///   - methods: keep only relations obtained these ways (all when empty).
    ///   - structural: include `in-category`, `written-in`, `subcategory-of` and `sub-entry-of`.
    public init(_ graph: CatalogGraph, methods: [ProvenanceMethod] = [], structural: Bool = false) {
        rows = graph.edges.compactMap { e in
            guard structural || !e.relation.isStructural,
                  methods.isEmpty || methods.contains(e.provenance.method),
                  let s = graph.node(e.source), let t = graph.node(e.target) else { return nil }
            return Row(source: s, relation: e.relation, target: t, provenance: e.provenance)
        }
    }

    public func text() -> String {
        var s = ""
        for r in rows {
            s += "\(r.source.name) \(r.relation.rawValue) \(r.target.name)  — \(r.provenance.summary)\n"
        }
        var counts: [RelationKind: Int] = [:]
        for r in rows { counts[r.relation, default: 0] += 1 }
        s += "\(rows.count) relations"
        let parts = RelationKind.allCases.compactMap { k in counts[k].map { "\(k.rawValue) \($0)" } }
        if !parts.isEmpty { s += ": " + parts.joined(separator: ", ") }
        return s + "\n"
    }

    public func json() -> [UInt8] {
        var out = OutputBuffer()
        out.append("[")
        for (i, r) in rows.enumerated() {
            out.append(i == 0 ? "\n  " : ",\n  ")
            out.append("{\"source\": "); out.appendJSONString(r.source.id.rawValue)
            out.append(", \"source_name\": "); out.appendJSONString(r.source.name)
            out.append(", \"relation\": "); out.appendJSONString(r.relation.rawValue)
            out.append(", \"target\": "); out.appendJSONString(r.target.id.rawValue)
            out.append(", \"target_name\": "); out.appendJSONString(r.target.name)
            out.append(", \"provenance\": ")
            NodeLinkJSONWriter.provenance(r.provenance, into: &out)
            out.append("}")
        }
        out.append(rows.isEmpty ? "]\n" : "\n]\n")
        return out.bytes
    }
}

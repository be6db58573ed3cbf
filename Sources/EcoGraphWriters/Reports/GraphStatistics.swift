import EcoGraph

/// Counts for `ecograph stats`: nodes by kind, entries per category and per language,
/// relations per kind and per provenance.
public struct GraphStatistics: Sendable {
    public struct Row: Sendable, Hashable {
        public var name: String
        public var id: String
        public var count: Int
    }

    public var nodesByKind: [(NodeKind, Int)]
    /// Top-level categories (no parent) and sub-groups.
    public var topCategories: Int
    public var subgroups: Int
    public var entriesPerCategory: [Row]
    public var entriesPerLanguage: [Row]
    public var relationsByKind: [(RelationKind, Int)]
    public var relationsByMethod: [(ProvenanceMethod, Int)]
    public var projectsWithoutLanguage: Int

    /// - Complexity: O(n + e).
    public init(_ graph: CatalogGraph) {
        var kinds: [NodeKind: Int] = [:]
        for n in graph.nodes { kinds[n.kind, default: 0] += 1 }
        nodesByKind = NodeKind.allCases.map { ($0, kinds[$0] ?? 0) }
        let categories = graph.nodes(ofKind: .category)
        let sub = categories.filter { !graph.targets(of: $0.id, .subcategoryOf).isEmpty }.count
        subgroups = sub
        topCategories = categories.count - sub
        var perCategory: [NodeID: Set<NodeID>] = [:]
        var perLanguage: [NodeID: Int] = [:]
        var relations: [RelationKind: Int] = [:]
        var methods: [ProvenanceMethod: Int] = [:]
        for e in graph.edges {
            relations[e.relation, default: 0] += 1
            methods[e.provenance.method, default: 0] += 1
            switch e.relation {
            case .inCategory:
                // An entry counts in its category and in every category above it.
                var c: NodeID? = e.target
                var hops = 0
                while let id = c, hops < 16 {
                    perCategory[id, default: []].insert(e.source)
                    c = graph.targets(of: id, .subcategoryOf).first?.id
                    hops += 1
                }
            case .writtenIn:
                perLanguage[e.target, default: 0] += 1
            default: break
            }
        }
        entriesPerCategory = categories.map { Row(name: $0.name, id: $0.id.rawValue, count: perCategory[$0.id]?.count ?? 0) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.id < $1.id }
        entriesPerLanguage = graph.nodes(ofKind: .language).map { Row(name: $0.name, id: $0.id.rawValue, count: perLanguage[$0.id] ?? 0) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.id < $1.id }
        relationsByKind = RelationKind.allCases.map { ($0, relations[$0] ?? 0) }
        relationsByMethod = ProvenanceMethod.allCases.map { ($0, methods[$0] ?? 0) }
        projectsWithoutLanguage = graph.nodes(ofKind: .project).filter { p in
            !p.noLanguage && !graph.outgoing(p.id).contains { $0.relation == .writtenIn }
        }.count
    }

    public func text() -> String {
        var s = "Nodes\n"
        for (k, c) in nodesByKind { s += "  \(pad(k.rawValue, 12)) \(c)\n" }
        s += "  (categories: \(topCategories) top-level, \(subgroups) sub-groups)\n"
        s += "\nRelations\n"
        for (k, c) in relationsByKind where c > 0 { s += "  \(pad(k.rawValue, 16)) \(c)\n" }
        s += "  by provenance: " + relationsByMethod.map { "\($0.0.rawValue) \($0.1)" }.joined(separator: ", ") + "\n"
        s += "\nEntries per category\n"
        for r in entriesPerCategory { s += "  \(pad(String(r.count), 5)) \(r.name)\n" }
        s += "\nEntries per language\n"
        for r in entriesPerLanguage { s += "  \(pad(String(r.count), 5)) \(r.name)\n" }
        s += "\nProjects with no language: \(projectsWithoutLanguage)\n"
        return s
    }

    private func pad(_ s: String, _ n: Int) -> String {
        s.count >= n ? s : s + String(repeating: " ", count: n - s.count)
    }

    public func json() -> [UInt8] {
        var out = OutputBuffer()
        out.append("{\n  \"nodes\": {")
        out.append(nodesByKind.map { "\"\($0.0.rawValue)\": \($0.1)" }.joined(separator: ", "))
        out.append("},\n  \"categories\": {\"top_level\": \(topCategories), \"subgroups\": \(subgroups)},\n  \"relations\": {")
        out.append(relationsByKind.map { "\"\($0.0.rawValue)\": \($0.1)" }.joined(separator: ", "))
        out.append("},\n  \"relations_by_provenance\": {")
        out.append(relationsByMethod.map { "\"\($0.0.rawValue)\": \($0.1)" }.joined(separator: ", "))
        out.append("},\n  \"entries_per_category\": [")
        rows(entriesPerCategory, &out)
        out.append("],\n  \"entries_per_language\": [")
        rows(entriesPerLanguage, &out)
        out.append("],\n  \"projects_without_language\": \(projectsWithoutLanguage)\n}\n")
        return out.bytes
    }

    private func rows(_ rows: [Row], _ out: inout OutputBuffer) {
        for (i, r) in rows.enumerated() {
            out.append(i == 0 ? "\n    " : ",\n    ")
            out.append("{\"id\": ")
            out.appendJSONString(r.id)
            out.append(", \"name\": ")
            out.appendJSONString(r.name)
            out.append(", \"count\": \(r.count)}")
        }
        if !rows.isEmpty { out.append("\n  ") }
    }
}

/// A selection of the graph, shared by every export and listing: categories, a language, a
/// kind, relation kinds, and a project's neighbourhood.
///
/// ```swift
/// let redis = try GraphFilter(focus: "Redis", depth: 1).apply(to: graph)
/// ```
public struct GraphFilter: Sendable, Equatable {
    /// Keep entries listed in any of these categories (or their sub-groups).
    public var categories: [String] = []
    /// Keep entries written in any of these languages.
    public var languages: [String] = []
    /// Keep only nodes of these kinds (entries; categories and languages follow the entries).
    public var kinds: [NodeKind] = []
    /// Keep only these semantic relation kinds (structural edges always stay).
    public var relations: [RelationKind] = []
    /// Keep only what is within `depth` relation hops of this entry.
    public var focus: String?
    public var depth: Int = 1

    public init(categories: [String] = [], languages: [String] = [], kinds: [NodeKind] = [],
                relations: [RelationKind] = [], focus: String? = nil, depth: Int = 1) {
        self.categories = categories
        self.languages = languages
        self.kinds = kinds
        self.relations = relations
        self.focus = focus
        self.depth = depth
    }

    public var isEmpty: Bool {
        categories.isEmpty && languages.isEmpty && kinds.isEmpty && relations.isEmpty && focus == nil
    }

    /// The selected subgraph: the kept entries, the categories and languages they hang from,
    /// the externals their relations reach, and the edges among all of these.
    /// - Throws: `DiagnosticError` (`unknownName`) for a category, language or focus that does not resolve.
    /// - Complexity: O(n + e).
    public func apply(to graph: CatalogGraph) throws -> CatalogGraph {
        if isEmpty { return graph }
        var keep = Set<NodeID>()
        let entries = graph.nodes.filter { $0.kind.isEntry || $0.kind == .external }
        var selected = entries.map(\.id)

        if !categories.isEmpty {
            var wanted = Set<NodeID>()
            for name in categories {
                let matches = graph.resolveAll(name).filter { $0.kind == .category }
                guard !matches.isEmpty || graph.resolve(name)?.kind == .category else {
                    let all = graph.nodes(ofKind: .category).map(\.name)
                    throw DiagnosticError(.error("unknown-name", at: nil, kind: .unknownName,
                        "no category named '\(name)'\(didYouMean(Fuzzy.closest(name, among: all, maxDistance: max(2, name.count / 3))))"))
                }
                for c in matches.isEmpty ? [graph.resolve(name)!] : matches { wanted.formUnion(descendants(of: c.id, in: graph)) }
            }
            selected = selected.filter { id in graph.categories(of: id).contains { wanted.contains($0.id) } }
        }
        if !languages.isEmpty {
            var wanted = Set<NodeID>()
            for name in languages {
                let canonical = Language.canonicalName(name) ?? name
                guard let l = graph.resolveAll(canonical).first(where: { $0.kind == .language }) else {
                    let all = graph.nodes(ofKind: .language).map(\.name)
                    throw DiagnosticError(.error("unknown-name", at: nil, kind: .unknownName,
                        "no language named '\(name)' in this catalog\(didYouMean(Fuzzy.closest(name, among: all, maxDistance: 2)))"))
                }
                wanted.insert(l.id)
            }
            selected = selected.filter { id in graph.languages(of: id).contains { wanted.contains($0.id) } }
        }
        if !kinds.isEmpty {
            selected = selected.filter { graph.node($0).map { kinds.contains($0.kind) } ?? false }
        }
        let relationAllowed: (RelationKind) -> Bool = { r in
            r.isStructural ? true : (relations.isEmpty || relations.contains(r))
        }
        if let focus {
            guard let center = graph.resolve(focus), center.kind.isEntry || center.kind == .external else {
                throw DiagnosticError(.error("unknown-name", at: nil, kind: .unknownName,
                    "no entry named '\(focus)'\(didYouMean(graph.suggestions(for: focus)))"))
            }
            let near = neighbourhood(of: center.id, depth: depth, in: graph, allowed: relationAllowed)
            let pool = Set(selected)
            selected = near.filter { pool.contains($0) || $0 == center.id }
        } else if !relations.isEmpty && categories.isEmpty && languages.isEmpty && kinds.isEmpty {
            // Only relation kinds: the entries those relations touch.
            var touched = Set<NodeID>()
            for e in graph.edges where relations.contains(e.relation) { touched.insert(e.source); touched.insert(e.target) }
            selected = selected.filter { touched.contains($0) }
        }
        keep.formUnion(selected)
        // Externals reached by kept entries' relations.
        for id in selected {
            for e in graph.outgoing(id) + graph.incoming(id) where !e.relation.isStructural && relationAllowed(e.relation) {
                let other = e.source == id ? e.target : e.source
                if graph.node(other)?.kind == .external { keep.insert(other) }
            }
        }
        // Categories (with their parents) and languages of kept entries.
        for id in Array(keep) {
            for c in graph.categories(of: id) {
                var cur: Node? = c
                while let node = cur, keep.insert(node.id).inserted {
                    cur = graph.targets(of: node.id, .subcategoryOf).first
                }
            }
            for l in graph.languages(of: id) { keep.insert(l.id) }
        }
        let nodes = graph.nodes.filter { keep.contains($0.id) }
        let edges = graph.edges.filter { keep.contains($0.source) && keep.contains($0.target) && relationAllowed($0.relation) }
        return CatalogGraph(nodes: nodes, edges: edges, sources: graph.sources)
    }

    private func descendants(of id: NodeID, in graph: CatalogGraph) -> Set<NodeID> {
        var out: Set<NodeID> = [id]
        var stack = [id]
        while let c = stack.popLast() {
            for sub in graph.sources(into: c, .subcategoryOf) where out.insert(sub.id).inserted { stack.append(sub.id) }
        }
        return out
    }

    /// Entries and externals within `depth` hops over relations between entries (both ways).
    private func neighbourhood(of center: NodeID, depth: Int, in graph: CatalogGraph,
                               allowed: (RelationKind) -> Bool) -> [NodeID] {
        var seen: Set<NodeID> = [center]
        var frontier = [center]
        for _ in 0..<max(0, depth) {
            var next: [NodeID] = []
            for id in frontier {
                for e in graph.outgoing(id) + graph.incoming(id) {
                    guard e.relation == .subEntryOf || (!e.relation.isStructural && allowed(e.relation)) else { continue }
                    let other = e.source == id ? e.target : e.source
                    if seen.insert(other).inserted { next.append(other) }
                }
            }
            frontier = next
        }
        return seen.sorted()
    }
}

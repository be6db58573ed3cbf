import EcoGraph

extension DOTWriter {
    /// What the detailed diagram draws, worked out once from the graph: the clusters in catalog
    /// order, the one cluster each entry is drawn in, language colours and the relation edges.
    struct Diagram {
        let graph: CatalogGraph
        /// Top-level categories, in catalog order.
        var topLevel: [Node] = []
        /// Sub-groups of a category, in catalog order.
        var subgroups: [NodeID: [Node]] = [:]
        /// Entries drawn directly in a category, in catalog order.
        var members: [NodeID: [Node]] = [:]
        /// The cluster an entry is drawn in: its first category in catalog order.
        var home: [NodeID: NodeID] = [:]
        /// The entry's other categories, in catalog order ("also in: …").
        var alsoIn: [NodeID: [Node]] = [:]
        /// Entries and externals with no category: drawn in their own clusters.
        var externals: [Node] = []
        var uncategorized: [Node] = []
        /// Languages of drawn entries by descending entry count, then name.
        var languages: [(language: Node, count: Int)] = []
        var colour: [NodeID: String] = [:]
        /// An entry's languages, in legend order.
        var languagesOf: [NodeID: [Node]] = [:]
        /// Relation edges to draw: semantic relations and `sub-entry-of`, one per pair and kind.
        var edges: [Edge] = []
        /// Entries per top-level category, counting sub-groups, each entry once.
        var entryCount: [NodeID: Int] = [:]
        /// Catalog position of every node, for ordering.
        var position: [NodeID: Int] = [:]
        /// Each category, then every category above it, nearest first (`entryClasses`).
        var lineage: [NodeID: [NodeID]] = [:]

        /// - Complexity: O(n log n + e).
        init(_ graph: CatalogGraph) {
            self.graph = graph
            position = Self.catalogPositions(graph)
            let categories = Self.sortedByPosition(graph.nodes(ofKind: .category), position)
            var parentOf: [NodeID: NodeID] = [:]
            for c in categories {
                if let parent = graph.targets(of: c.id, .subcategoryOf).first, parent.id != c.id {
                    parentOf[c.id] = parent.id
                    subgroups[parent.id, default: []].append(c)
                } else {
                    topLevel.append(c)
                }
            }
            for c in categories { lineage[c.id] = [c.id] + ancestors(of: c.id) }
            let categoryRank = Dictionary(uniqueKeysWithValues: categories.enumerated().map { ($1.id, $0) })

            let entries = Self.sortedByPosition(graph.nodes.filter { $0.kind.isEntry }, position)
            for entry in entries {
                let cats = graph.categories(of: entry.id).sorted { (categoryRank[$0.id] ?? .max, $0.id) < (categoryRank[$1.id] ?? .max, $1.id) }
                guard let first = cats.first else { uncategorized.append(entry); continue }
                home[entry.id] = first.id
                members[first.id, default: []].append(entry)
                if cats.count > 1 { alsoIn[entry.id] = Array(cats.dropFirst()) }
                var tops = Set<NodeID>()
                for c in cats {
                    var top = c.id
                    var hops = 0
                    while let p = parentOf[top], hops < 64 { top = p; hops += 1 }
                    tops.insert(top)
                }
                for t in tops { entryCount[t, default: 0] += 1 }
            }
            externals = Self.sortedByPosition(graph.nodes(ofKind: .external), position)

            let entryLanguages = entries.map { graph.languages(of: $0.id) }
            var perLanguage: [NodeID: Int] = [:]
            for ls in entryLanguages { for l in ls { perLanguage[l.id, default: 0] += 1 } }
            languages = perLanguage.compactMap { id, count in graph.node(id).map { ($0, count) } }
                .sorted { Self.legendOrder(($0.language, $0.count), ($1.language, $1.count)) }
            for (i, entry) in languages.enumerated() { colour[entry.language.id] = Self.languageColour(rank: i) }
            let languageRank = Dictionary(uniqueKeysWithValues: languages.enumerated().map { ($1.language.id, $0) })
            for (entry, ls) in zip(entries, entryLanguages) {
                if !ls.isEmpty { languagesOf[entry.id] = ls.sorted { (languageRank[$0.id] ?? .max) < (languageRank[$1.id] ?? .max) } }
            }
            edges = Self.drawnEdges(graph)
        }

        /// The legend's order of languages: by descending entry count, then name and ID.
        static func legendOrder(_ a: (language: Node, count: Int), _ b: (language: Node, count: Int)) -> Bool {
            a.count != b.count ? a.count > b.count : (a.language.name, a.language.id) < (b.language.name, b.language.id)
        }

        /// The fill of the language at `rank` in legend order.
        static func languageColour(rank: Int) -> String {
            rank < Palette.languages.count ? Palette.languages[rank] : Palette.otherLanguage
        }

        /// Semantic relations between drawn nodes, one per (pair, kind) — `alternative-to` one
        /// per unordered pair — and `sub-entry-of` only where no semantic relation joins the pair.
        static func drawnEdges(_ graph: CatalogGraph) -> [Edge] {
            func drawn(_ id: NodeID) -> Bool {
                guard let k = graph.node(id)?.kind else { return false }
                return k.isEntry || k == .external
            }
            struct Key: Hashable { var a: NodeID; var b: NodeID; var relation: RelationKind }
            struct Pair: Hashable { var a: NodeID; var b: NodeID }
            func pair(_ e: Edge) -> Pair { e.source < e.target ? Pair(a: e.source, b: e.target) : Pair(a: e.target, b: e.source) }
            var specific = Set<Pair>()
            for e in graph.edges where !e.relation.isStructural { specific.insert(pair(e)) }
            var seen = Set<Key>()
            var out: [Edge] = []
            for e in graph.edges where e.source != e.target && drawn(e.source) && drawn(e.target) {
                switch e.relation {
                case .subEntryOf where specific.contains(pair(e)): continue
                case .subEntryOf: break
                default: if e.relation.isStructural { continue }
                }
                let p = pair(e)
                let key = e.relation.isSymmetric ? Key(a: p.a, b: p.b, relation: e.relation)
                                                 : Key(a: e.source, b: e.target, relation: e.relation)
                if seen.insert(key).inserted { out.append(e) }
            }
            return out
        }

        /// `nodes` in catalog order (ties by ID). Sorts indices on integer keys looked up once:
        /// comparing whole `Node` values through two hash look-ups each was a third of the time
        /// of a 200,000-entry overview.
        static func sortedByPosition(_ nodes: [Node], _ position: [NodeID: Int]) -> [Node] {
            let keys = nodes.map { position[$0.id] ?? .max }
            let order = nodes.indices.sorted { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : nodes[$0].id < nodes[$1].id }
            return order.map { nodes[$0] }
        }

        /// Each node's rank in reading order: see `readingOrder`.
        static func catalogPositions(_ graph: CatalogGraph) -> [NodeID: Int] {
            let order = readingOrder(Array(graph.nodes.indices), of: graph.nodes)
            return Dictionary(uniqueKeysWithValues: order.enumerated().map { (graph.nodes[$1].id, $0) })
        }

        /// `indices` of `nodes` (sorted by ID) in reading order: the first place the catalog
        /// lists each node (markdown provenance), then anything else (overlay-only nodes) by ID.
        static func readingOrder(_ indices: [Int], of nodes: [Node]) -> [Int] {
            let locations: [SourceLocation?] = indices.map { i in
                let markdown = nodes[i].provenance.filter { $0.method == .markdown }.compactMap(\.location).min()
                return markdown ?? nodes[i].provenance.compactMap(\.location).min()
            }
            let order = locations.indices.sorted { a, b in
                switch (locations[a], locations[b]) {
                case let (x?, y?): return x != y ? x < y : indices[a] < indices[b]
                case (.some, nil): return true
                case (nil, .some): return false
                case (nil, nil): return indices[a] < indices[b]
                }
            }
            return order.map { indices[$0] }
        }

        /// Every category above `id`, nearest first.
        func ancestors(of id: NodeID) -> [NodeID] {
            var out: [NodeID] = []
            var current = id
            while let p = graph.targets(of: current, .subcategoryOf).first?.id, !out.contains(p), p != id {
                out.append(p)
                current = p
            }
            return out
        }
    }
}

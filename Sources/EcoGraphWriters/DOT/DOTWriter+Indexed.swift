import EcoGraph

extension DOTWriter {
    /// `graph` on integer node indices, for aggregating over hundreds of thousands of nodes
    /// without a `NodeID` (string) hash look-up per use: each edge's ends are resolved once, here.
    ///
    /// Indices are positions in `graph.nodes`, which is sorted by ID (a `CatalogGraph`
    /// invariant), so comparing two indices compares their IDs.
    struct IndexedGraph {
        let graph: CatalogGraph
        let kinds: [NodeKind]
        /// Edge `k` of `graph.edges` joins `sources[k]` to `targets[k]` (-1: not a node) by
        /// `relations[k]`.
        let sources: [Int]
        let targets: [Int]
        let relations: [RelationKind]

        /// - Complexity: O(n + e) string comparisons and hash look-ups.
        init(_ graph: CatalogGraph) {
            self.graph = graph
            let nodes = graph.nodes, edges = graph.edges
            var kinds: [NodeKind] = []
            kinds.reserveCapacity(nodes.count)
            // Categories and languages, the targets of most edges, in a table small enough to
            // stay in cache; entries and externals in another.
            var hubs: [NodeID: Int] = [:], others: [NodeID: Int] = [:]
            others.reserveCapacity(nodes.count)
            for i in nodes.indices {
                let kind = nodes[i].kind
                kinds.append(kind)
                if kind.isEntry || kind == .external { others[nodes[i].id] = i } else { hubs[nodes[i].id] = i }
            }
            var sources: [Int] = [], targets: [Int] = [], relations: [RelationKind] = []
            sources.reserveCapacity(edges.count)
            targets.reserveCapacity(edges.count)
            relations.reserveCapacity(edges.count)
            // Edges are sorted by source, as nodes are by ID: one walk along both finds every
            // source.
            var next = 0, source = -1
            for k in edges.indices {
                if k == 0 || edges[k].source != edges[k - 1].source {
                    while next < nodes.count && nodes[next].id < edges[k].source { next += 1 }
                    source = next < nodes.count && nodes[next].id == edges[k].source ? next : -1
                }
                sources.append(source)
                targets.append(hubs[edges[k].target] ?? others[edges[k].target] ?? -1)
                relations.append(edges[k].relation)
            }
            self.kinds = kinds
            self.sources = sources
            self.targets = targets
            self.relations = relations
        }

        /// The nodes at `indices` in reading order: see `Diagram.catalogPositions`.
        func readingOrder(_ indices: [Int]) -> [Int] {
            Diagram.readingOrder(indices, of: graph.nodes)
        }

        /// Each category's parent: the first target of its `subcategory-of` edges, unless that
        /// is itself (-1: top-level; for other nodes always -1).
        func categoryParents() -> [Int] {
            var parent = [Int](repeating: -1, count: kinds.count)
            var seen = [Bool](repeating: false, count: kinds.count)
            for k in relations.indices where relations[k] == .subcategoryOf {
                let s = sources[k], t = targets[k]
                guard s >= 0, t >= 0, kinds[s] == .category, !seen[s] else { continue }
                seen[s] = true
                if t != s { parent[s] = t }
            }
            return parent
        }
    }
}

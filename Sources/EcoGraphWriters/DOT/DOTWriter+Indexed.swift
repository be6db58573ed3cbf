import EcoGraph

extension DOTWriter {
    /// `graph` on integer node indices, for aggregating over hundreds of thousands of nodes
    /// without a `NodeID` (string) hash look-up per use.
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

        /// - Complexity: O(n + e), without hashing: the graph knows its edges' ends.
        init(_ graph: CatalogGraph) {
            self.graph = graph
            let nodes = graph.nodes, edges = graph.edges
            kinds = nodes.indices.map { nodes[$0].kind }
            sources = graph.edgeEndpoints.map { Int($0.source) }
            targets = graph.edgeEndpoints.map { Int($0.target) }
            relations = edges.indices.map { edges[$0].relation }
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

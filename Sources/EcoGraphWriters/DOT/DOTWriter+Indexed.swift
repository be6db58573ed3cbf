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
            for i in nodes.indices { kinds.append(nodes[i].kind) }
            // Categories and languages, the targets of most edges, in a table small enough to
            // stay in cache; entries and externals in another.
            let isHub = kinds.map { !$0.isEntry && $0 != .external }
            let hubs = IDTable(nodes, nodes.indices.filter { isHub[$0] })
            let others = IDTable(nodes, nodes.indices.filter { !isHub[$0] })
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
                let target = edges[k].target, hash = target.hashValue
                let hub = hubs.index(of: target, hash: hash)
                targets.append(hub >= 0 ? hub : others.index(of: target, hash: hash))
                relations.append(edges[k].relation)
            }
            self.kinds = kinds
            self.sources = sources
            self.targets = targets
            self.relations = relations
        }

        /// Node indices by ID, for some of `nodes`: open addressing over `Int32` slots, each
        /// checked against `nodes[i].id`. Unlike a `[NodeID: Int]` it keeps no copy of the IDs,
        /// so building and freeing it retains and releases nothing.
        struct IDTable {
            private let nodes: [Node]
            private var slots: [Int32]
            private let mask: Int

            init(_ nodes: [Node], _ indices: [Int]) {
                self.nodes = nodes
                var size = 8
                while size < 2 * indices.count { size *= 2 }
                mask = size - 1
                slots = [Int32](repeating: -1, count: size)
                for i in indices {
                    var slot = nodes[i].id.hashValue & mask
                    while slots[slot] >= 0 { slot = (slot + 1) & mask }
                    slots[slot] = Int32(i)
                }
            }

            /// The index of the node `id` (whose `hashValue` is `hash`), or -1.
            func index(of id: NodeID, hash: Int) -> Int {
                var slot = hash & mask
                while slots[slot] >= 0 {
                    let i = Int(slots[slot])
                    if nodes[i].id == id { return i }
                    slot = (slot + 1) & mask
                }
                return -1
            }
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

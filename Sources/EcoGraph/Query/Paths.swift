/// A walk from one node to another over relation edges, in either direction.
public struct RelationPath: Sendable, Hashable {
    /// The nodes along the path: the first is where it starts, the last where it ends.
    public var nodes: [Node]
    /// `hops[i]` holds every followed edge between `nodes[i]` and `nodes[i + 1]`, as steps from
    /// `nodes[i]`, in edge order: Kong reaches Nginx both by `built-on` and by `sub-entry-of`,
    /// and that is one path with two reasons, not two paths.
    public var hops: [[Step]]

    public var length: Int { hops.count }
}

/// The result of a shortest-path search: the first `limit` paths in name order, and how many
/// there are in all.
public struct PathSearch: Sendable, Hashable {
    public var from: Node
    public var to: Node
    /// The relation kinds the search followed.
    public var relations: [RelationKind]
    public var paths: [RelationPath]
    /// How many shortest paths exist (may exceed `paths.count` when capped).
    public var total: Int
    /// Hops on a shortest path; nil when `to` cannot be reached.
    public var distance: Int?
}

extension CatalogGraph {
    /// What `path` follows unless told otherwise: what projects are to each other, and nesting.
    /// Categories and languages are left out: every two Java projects are two hops apart through
    /// `language:java`, which says nothing.
    public static let pathRelations: [RelationKind] = [.subEntryOf] + RelationKind.semantic

    /// All shortest paths between two nodes, walking edges in both directions.
    ///
    /// ```swift
    /// let s = graph.shortestPaths(from: kong.id, to: redis.id)
    /// s.distance                                // 2
    /// s.paths[0].nodes.map(\.name)              // ["Kong", "Tyk API Gateway", "Redis"]
    /// ```
    /// - Parameters:
    ///   - relations: the kinds to follow; empty means `pathRelations`.
    ///   - limit: at most this many paths are returned (the first in name order); `total` counts all.
    /// - Complexity: O(n + e) for the two breadth-first searches, plus O(limit × distance × degree)
    ///   to spell the paths out.
    public func shortestPaths(from: NodeID, to: NodeID, via relations: [RelationKind] = [],
                              limit: Int = 10) -> PathSearch {
        let kinds = relations.isEmpty ? Self.pathRelations : relations
        let wanted = Set(kinds)
        guard let a = node(from), let b = node(to) else {
            let missing = Node(id: from, kind: .external, name: from.rawValue)
            return PathSearch(from: node(from) ?? missing, to: node(to) ?? missing, relations: kinds, paths: [], total: 0, distance: nil)
        }
        let fromStart = distances(from: from, wanted: wanted, stopAt: to)
        guard let distance = fromStart[to] else {
            return PathSearch(from: a, to: b, relations: kinds, paths: [], total: 0, distance: nil)
        }
        let toEnd = distances(from: to, wanted: wanted, stopAt: from)
        // A node is on a shortest path exactly when its two distances add up to the whole.
        let onPath: (NodeID) -> Int? = { id in
            guard let d1 = fromStart[id], let d2 = toEnd[id], d1 + d2 == distance else { return nil }
            return d1
        }
        // Counts of shortest paths from each node to `to`, for `total`, computed backwards.
        var count: [NodeID: Int] = [to: 1]
        func pathsToEnd(_ id: NodeID) -> Int {
            if let c = count[id] { return c }
            let d = onPath(id)!
            var c = 0
            for next in nextHops(from: id, wanted: wanted) where onPath(next.to) == d + 1 {
                let (sum, overflow) = c.addingReportingOverflow(pathsToEnd(next.to))
                c = overflow ? .max : sum
            }
            count[id] = c
            return c
        }
        let total = pathsToEnd(from)

        var paths: [RelationPath] = []
        var nodesSoFar = [a]
        var hopsSoFar: [[Step]] = []
        func walk(_ id: NodeID, _ d: Int) {
            if paths.count >= limit { return }
            if id == to {
                paths.append(RelationPath(nodes: nodesSoFar, hops: hopsSoFar))
                return
            }
            for next in nextHops(from: id, wanted: wanted) where onPath(next.to) == d + 1 {
                guard let n = node(next.to) else { continue }
                nodesSoFar.append(n)
                hopsSoFar.append(next.steps)
                walk(next.to, d + 1)
                nodesSoFar.removeLast()
                hopsSoFar.removeLast()
            }
        }
        walk(from, 0)
        return PathSearch(from: a, to: b, relations: kinds, paths: paths, total: total, distance: distance)
    }

    /// Every simple path of 1…`maxLength` hops between two nodes (no node visited twice), shortest
    /// first, then in name order; at most `limit`.
    ///
    /// ```swift
    /// graph.simplePaths(from: kong.id, to: caddy.id, maxLength: 3).map { $0.nodes.map(\.name) }
    /// // [["Kong", "Nginx", "Caddy"], …]
    /// ```
    /// - Complexity: O(maxLength × d^maxLength) for the mean degree d over the followed kinds,
    ///   cut short at `limit` paths; small for `maxLength` ≤ 3 on a catalog.
    public func simplePaths(from: NodeID, to: NodeID, maxLength: Int, via relations: [RelationKind] = [],
                            limit: Int = 50) -> [RelationPath] {
        let wanted = Set(relations.isEmpty ? Self.pathRelations : relations)
        guard let a = node(from), contains(to), from != to else { return [] }
        // Prune: only nodes within reach of `to` in the hops left can be on a path.
        let toEnd = distances(from: to, wanted: wanted, stopAt: nil, maxDepth: maxLength)
        var found: [RelationPath] = []
        var nodesSoFar = [a]
        var hopsSoFar: [[Step]] = []
        var visited: Set<NodeID> = [from]
        // One depth-first pass per length, so that the shortest come first and the search stops
        // as soon as `limit` paths are found, however many longer ones there are.
        func walk(_ id: NodeID, left: Int) {
            if found.count >= limit { return }
            if left == 0 {
                if id == to { found.append(RelationPath(nodes: nodesSoFar, hops: hopsSoFar)) }
                return
            }
            if id == to { return }
            for next in nextHops(from: id, wanted: wanted) where !visited.contains(next.to) {
                guard let d = toEnd[next.to], d <= left - 1, let n = node(next.to) else { continue }
                visited.insert(next.to)
                nodesSoFar.append(n)
                hopsSoFar.append(next.steps)
                walk(next.to, left: left - 1)
                nodesSoFar.removeLast()
                hopsSoFar.removeLast()
                visited.remove(next.to)
            }
        }
        for length in 1...max(1, maxLength) where found.count < limit { walk(from, left: length) }
        return found
    }

    /// Hop counts from `start` over `wanted` kinds in both directions, breadth-first; stops after
    /// the level that reaches `stopAt`, or at `maxDepth`.
    func distances(from start: NodeID, wanted: Set<RelationKind>, stopAt: NodeID?,
                   maxDepth: Int = .max) -> [NodeID: Int] {
        var dist: [NodeID: Int] = [start: 0]
        var frontier = [start]
        var level = 0
        while !frontier.isEmpty && level < maxDepth {
            if let stopAt, dist[stopAt] != nil { break }
            level += 1
            var next: [NodeID] = []
            for id in frontier {
                for s in steps(from: id, wanted: wanted, direction: .both) where dist[s.to] == nil {
                    dist[s.to] = level
                    next.append(s.to)
                }
            }
            frontier = next
        }
        return dist
    }

    /// The nodes one hop from `id`, each with every edge that leads there, in name order.
    func nextHops(from id: NodeID, wanted: Set<RelationKind>) -> [(to: NodeID, steps: [Step])] {
        var grouped: [NodeID: [Step]] = [:]
        for s in steps(from: id, wanted: wanted, direction: .both) { grouped[s.to, default: []].append(s) }
        return grouped.compactMap { (to, steps) -> (Node, [Step])? in node(to).map { ($0, steps.sorted { $0.edge < $1.edge }) } }
            .sorted { Self.byName($0.0, $1.0) }
            .map { (to: $0.0.id, steps: $0.1) }
    }
}

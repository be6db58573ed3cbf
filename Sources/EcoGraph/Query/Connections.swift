/// A node that two nodes both point at (both built on Nginx, both use Redis), with each one's edges.
public struct SharedTarget: Sendable, Hashable {
    public var node: Node
    /// The first node's edges to it, in edge order.
    public var fromA: [Edge]
    /// The second node's edges to it, in edge order.
    public var fromB: [Edge]
}

/// Every way two nodes are connected: `ecograph why A B`.
///
/// ```swift
/// let why = graph.connections(between: kong.id, and: nginx.id)
/// why.direct.map(\.relation)      // [.subEntryOf, .builtOn]
/// why.paths.map(\.length)         // [2]: Kong → OpenResty → Nginx
/// ```
public struct Connections: Sendable, Hashable {
    public var a: Node
    public var b: Node
    /// Edges between the two, either direction, any kind, in edge order.
    public var direct: [Edge]
    /// Categories both are listed in.
    public var sharedCategories: [Node]
    /// Languages both are written in.
    public var sharedLanguages: [Node]
    /// Nodes both point at over relation edges (the kinds `path` follows), by name.
    public var sharedTargets: [SharedTarget]
    /// Simple relation paths of 2…`maxLength` hops, shortest first, then in name order.
    public var paths: [RelationPath]
    /// The longest path looked for.
    public var maxLength: Int

    /// True when nothing connects them.
    public var isEmpty: Bool {
        direct.isEmpty && sharedCategories.isEmpty && sharedLanguages.isEmpty && sharedTargets.isEmpty && paths.isEmpty
    }
}

extension CatalogGraph {
    /// Every way `a` and `b` are connected: direct edges both ways, shared categories and
    /// languages, shared relation targets, and relation paths of up to `maxLength` hops.
    ///
    /// ```swift
    /// graph.connections(between: pika.id, and: redis.id).direct.first?.relation   // .compatibleWith
    /// ```
    /// - Parameters:
    ///   - maxLength: the longest path to list (direct edges are listed apart, so paths start at 2).
    ///   - limit: at most this many paths.
    /// - Complexity: O(d^maxLength) for the paths (d the mean degree over relation edges), O(degree)
    ///   for the rest.
    public func connections(between a: NodeID, and b: NodeID, maxLength: Int = 3, limit: Int = 20) -> Connections {
        let na = node(a) ?? Node(id: a, kind: .external, name: a.rawValue)
        let nb = node(b) ?? Node(id: b, kind: .external, name: b.rawValue)
        let direct = (outgoing(a).filter { $0.target == b } + incoming(a).filter { $0.source == b && $0.target != $0.source }).sorted()
        let bCategories = Set(categories(of: b).map(\.id))
        let bLanguages = Set(languages(of: b).map(\.id))
        let paths = simplePaths(from: a, to: b, maxLength: maxLength, limit: limit + direct.count)
            .filter { $0.length >= 2 }
        return Connections(a: na, b: nb, direct: direct,
                           sharedCategories: categories(of: a).filter { bCategories.contains($0.id) },
                           sharedLanguages: languages(of: a).filter { bLanguages.contains($0.id) },
                           sharedTargets: sharedTargets(a, b),
                           paths: Array(paths.prefix(limit)), maxLength: maxLength)
    }

    /// Nodes that both `a` and `b` point at over `pathRelations` kinds (`alternative-to` read
    /// both ways), `a` and `b` themselves excluded, by name.
    /// - Parameter sameRelation: keep only edges whose kind the other node also has to the target
    ///   (both built on Nginx), rather than any kind (one compatible with Redis, one a tool for it).
    /// - Complexity: O(degree(a) + degree(b)).
    public func sharedTargets(_ a: NodeID, _ b: NodeID, sameRelation: Bool = false) -> [SharedTarget] {
        let kinds = Set(Self.pathRelations)
        func targets(_ id: NodeID) -> [NodeID: [Edge]] {
            var out: [NodeID: [Edge]] = [:]
            for e in outgoing(id) where kinds.contains(e.relation) { out[e.target, default: []].append(e) }
            for e in incoming(id) where e.relation.isSymmetric { out[e.source, default: []].append(e) }
            out[a] = nil
            out[b] = nil
            return out
        }
        let ta = targets(a), tb = targets(b)
        var shared: [SharedTarget] = []
        for (t, edgesA) in ta {
            guard var edgesB = tb[t], let n = node(t) else { continue }
            var edgesA = edgesA
            if sameRelation {
                let kindsA = Set(edgesA.map(\.relation)), kindsB = Set(edgesB.map(\.relation))
                edgesA = edgesA.filter { kindsB.contains($0.relation) }
                edgesB = edgesB.filter { kindsA.contains($0.relation) }
                if edgesA.isEmpty { continue }
            }
            shared.append(SharedTarget(node: n, fromA: edgesA.sorted(), fromB: edgesB.sorted()))
        }
        return shared.sorted { Self.byName($0.node, $1.node) }
    }
}

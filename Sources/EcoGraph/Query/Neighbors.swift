/// Which edges of a node to follow: those leaving it, those arriving at it, or both.
/// `alternative-to` is symmetric and is followed in either direction whatever this says.
public enum EdgeDirection: String, CaseIterable, Sendable, Hashable, Codable {
    case out = "out"
    case `in` = "in"
    case both = "both"
}

/// One edge of a graph walk, oriented the way it was walked: `from` is the node the walk was
/// at, `to` the node the edge leads to. `forward` is false when the edge was walked against its
/// direction (`Nginx → Kong` over `Kong built-on Nginx`).
public struct Step: Sendable, Hashable {
    public var from: NodeID
    public var to: NodeID
    public var edge: Edge

    public init(from: NodeID, edge: Edge) {
        self.from = from
        self.edge = edge
        self.to = edge.source == from ? edge.target : edge.source
    }

    /// True when the walk follows the edge's own direction.
    public var forward: Bool { edge.source == from }
}

/// The nodes around one node, in breadth-first order, each with the edge that first reached it.
///
/// ```swift
/// let around = graph.neighbors(of: graph.resolve("Kong")!.id, relations: [.builtOn])
/// around.entries.map(\.node.name)   // ["Nginx", "OpenResty"]
/// ```
public struct Neighborhood: Sendable, Hashable {
    /// A node reached by the walk.
    public struct Entry: Sendable, Hashable {
        public var node: Node
        /// Hops from the centre (1 for direct neighbours).
        public var depth: Int
        /// Every edge that leads to this node from a node one hop closer to the centre, in
        /// edge order (Kong reaches Nginx both by `sub-entry-of` and by `built-on`).
        public var steps: [Step]
    }

    public var center: Node
    public var relations: [RelationKind]
    public var direction: EdgeDirection
    public var depth: Int
    /// By depth, then by name (case-insensitive), then by ID.
    public var entries: [Entry]
}

extension CatalogGraph {
    /// The neighbourhood of `id` up to `depth` hops.
    ///
    /// Categories and languages are reported when an edge reaches them but are not walked
    /// through unless `relations` names `in-category`, `subcategory-of` or `written-in`
    /// explicitly: otherwise depth 2 around any Java project would list every Java project.
    ///
    /// ```swift
    /// graph.neighbors(of: kafka.id, relations: [.toolFor], direction: .in).entries.map(\.node.name)
    /// // ["Kafka Center", "Kafka Manager"]
    /// ```
    /// - Parameters:
    ///   - relations: the relation kinds to follow; empty follows all.
    ///   - direction: follow edges leaving (`out`), arriving (`in`) or both.
    ///   - depth: how many hops; 0 returns the centre alone.
    /// - Returns: the reached nodes, the centre excluded.
    /// - Complexity: O(n + e) for the nodes and edges within `depth` hops.
    public func neighbors(of id: NodeID, relations: [RelationKind] = [], direction: EdgeDirection = .both,
                          depth: Int = 1) -> Neighborhood {
        guard let center = node(id) else {
            return Neighborhood(center: Node(id: id, kind: .external, name: id.rawValue), relations: relations,
                                direction: direction, depth: depth, entries: [])
        }
        let wanted = Set(relations)
        let walkThroughHubs = relations.contains { $0 == .inCategory || $0 == .subcategoryOf || $0 == .writtenIn }
        var seen: Set<NodeID> = [id]
        var frontier = [id]
        var entries: [Neighborhood.Entry] = []
        var level = 0
        while level < depth && !frontier.isEmpty {
            level += 1
            var reached: [NodeID: [Step]] = [:]
            for from in frontier {
                for step in steps(from: from, wanted: wanted, direction: direction) where !seen.contains(step.to) {
                    reached[step.to, default: []].append(step)
                }
            }
            var next: [Neighborhood.Entry] = []
            for (to, steps) in reached {
                guard let n = node(to) else { continue }
                next.append(Neighborhood.Entry(node: n, depth: level, steps: steps.sorted { $0.edge < $1.edge }))
            }
            next.sort { Self.byName($0.node, $1.node) }
            for e in next { seen.insert(e.node.id) }
            entries += next
            frontier = next.filter { walkThroughHubs || ($0.node.kind != .category && $0.node.kind != .language) }.map(\.node.id)
        }
        return Neighborhood(center: center, relations: relations, direction: direction, depth: depth, entries: entries)
    }

    /// The edges at `from` that a walk may take, oriented from `from`.
    func steps(from: NodeID, wanted: Set<RelationKind>, direction: EdgeDirection) -> [Step] {
        var out: [Step] = []
        for e in outgoing(from) where wanted.isEmpty || wanted.contains(e.relation) {
            if direction != .in || e.relation.isSymmetric { out.append(Step(from: from, edge: e)) }
        }
        for e in incoming(from) where wanted.isEmpty || wanted.contains(e.relation) {
            if e.source == from { continue }  // a self-loop was already taken
            if direction != .out || e.relation.isSymmetric { out.append(Step(from: from, edge: e)) }
        }
        return out
    }

    /// Display order for people: name without case, then ID so that equal names stay stable.
    static func byName(_ a: Node, _ b: Node) -> Bool {
        let (x, y) = (a.name.lowercased(), b.name.lowercased())
        return x != y ? x < y : a.id < b.id
    }
}

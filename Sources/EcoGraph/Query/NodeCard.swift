/// Everything the graph knows about one node, for `ecograph show`: its fields, categories,
/// languages, and every edge in and out grouped by relation kind.
///
/// ```swift
/// let card = NodeCard(graph, graph.resolve("Kong")!)
/// card.outgoing.map(\.relation)   // [.inCategory, .writtenIn, .subEntryOf, .builtOn]
/// ```
public struct NodeCard: Sendable, Hashable {
    /// The edges of one relation kind on one side of the node.
    public struct Group: Sendable, Hashable {
        public var relation: RelationKind
        /// The edges, each with the node at the other end, by that node's name.
        public var items: [Item]
    }

    public struct Item: Sendable, Hashable {
        public var other: Node
        public var edge: Edge
    }

    public var node: Node
    /// Categories, as paths from the top-level category (`["API Gateway && API Proxy", "API gateway"]`).
    public var categories: [[String]]
    public var languages: [Node]
    /// Edges leaving the node, by relation kind in vocabulary order.
    public var outgoing: [Group]
    /// Edges arriving at the node, by relation kind in vocabulary order.
    public var incoming: [Group]

    /// - Complexity: O(degree × log degree).
    public init(_ graph: CatalogGraph, _ node: Node) {
        self.node = node
        categories = graph.categories(of: node.id).map { graph.categoryPath($0.id) }
        languages = graph.languages(of: node.id)
        outgoing = Self.group(graph.outgoing(node.id)) { graph.node($0.target) }
        incoming = Self.group(graph.incoming(node.id).filter { $0.source != $0.target }) { graph.node($0.source) }
    }

    private static func group(_ edges: [Edge], other: (Edge) -> Node?) -> [Group] {
        var byKind: [RelationKind: [Item]] = [:]
        for e in edges {
            guard let n = other(e) else { continue }
            byKind[e.relation, default: []].append(Item(other: n, edge: e))
        }
        return RelationKind.allCases.compactMap { kind in
            guard let items = byKind[kind] else { return nil }
            return Group(relation: kind, items: items.sorted { a, b in
                a.other.id != b.other.id ? CatalogGraph.byName(a.other, b.other) : a.edge < b.edge
            })
        }
    }
}

extension CatalogGraph {
    /// A category's names from its top-level category down to itself.
    /// - Complexity: O(nesting depth).
    public func categoryPath(_ id: NodeID) -> [String] {
        var path: [String] = []
        var current = node(id)
        var seen = Set<NodeID>()
        while let c = current, seen.insert(c.id).inserted {
            path.insert(c.name, at: 0)
            current = targets(of: c.id, .subcategoryOf).first
        }
        return path
    }
}

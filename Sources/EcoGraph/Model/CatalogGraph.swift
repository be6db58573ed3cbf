/// The one graph every reader builds and every query and writer reads: nodes sorted by ID,
/// edges sorted by (source, relation, target), with O(1) look-ups by ID, name, alias and URL.
///
/// ```swift
/// let graph = try CatalogLoader().load(catalog: "graphs/distributed-architecture.md")
/// graph.resolve("zookeeper")?.name   // "Apache Zookeeper"
/// graph.outgoing(graph.resolve("Kong")!.id).map(\.relation)   // [.inCategory, .subEntryOf, .writtenIn, .builtOn]
/// ```
public struct CatalogGraph: Sendable {
    public let nodes: [Node]
    public let edges: [Edge]
    /// The files the graph was read from (catalog first, then the overlay).
    public let sources: [String]

    /// The indices in `nodes` of each edge's source and target: `edgeEndpoints[k]` belongs to
    /// `edges[k]`; -1 for an end that is not a node of the graph. For writers that work on
    /// node indices rather than hashing ID strings.
    public let edgeEndpoints: [(source: Int32, target: Int32)]

    private let indexByID: IDIndex
    /// Edges by source and by target, as compressed rows: the edges of node `i` are
    /// `outEdges[outStart[i]..<outStart[i + 1]]`, in edge order. Two flat arrays instead of an
    /// array per node keep large graphs cheap to build and to free.
    private let outStart: [Int]
    private let outEdges: [Int32]
    private let inStart: [Int]
    private let inEdges: [Int32]
    private let names: NameIndex

    /// Builds the indexes. Nodes are sorted by ID and edges by (source, relation, target,
    /// provenance) here, so the result does not depend on the order they were given in.
    /// - Complexity: O(n log n + e log e).
    public init(nodes: [Node], edges: [Edge], sources: [String] = []) {
        let sortedNodes = nodes.sorted { $0.id < $1.id }
        self.init(sortedNodes: sortedNodes, sortedEdges: edges.sorted(), endpoints: nil, sources: sources,
                  names: NameIndex(sortedNodes))
    }

    /// For `GraphBuilder`, which sorts with integer keys, knows each edge's node indices and
    /// has built the name index already. `endpoints[k]` are the indices in `sortedNodes` of
    /// `sortedEdges[k]`'s source and target.
    init(sortedNodes: [Node], sortedEdges: [Edge], endpoints: [(source: Int32, target: Int32)]?,
         sources: [String], names: NameIndex) {
        self.nodes = sortedNodes
        self.edges = sortedEdges
        self.sources = sources
        self.names = names
        let byID = IDIndex(sortedNodes)
        indexByID = byID
        let ends = endpoints ?? sortedEdges.map { e in
            (source: Int32(byID[e.source] ?? -1), target: Int32(byID[e.target] ?? -1))
        }
        edgeEndpoints = ends
        // The two tables at once, on two cores.
        ((outStart, outEdges), (inStart, inEdges)) = concurrently(
            { Self.rows(ends.lazy.map(\.source), nodeCount: sortedNodes.count) },
            { Self.rows(ends.lazy.map(\.target), nodeCount: sortedNodes.count) })
    }

    /// A counting sort of edge indices by node (`-1`: not a node), keeping edge order.
    private static func rows<S: Collection>(_ nodeOfEdge: S, nodeCount: Int) -> ([Int], [Int32]) where S.Element == Int32 {
        var start = [Int](repeating: 0, count: nodeCount + 1)
        for v in nodeOfEdge where v >= 0 { start[Int(v) + 1] += 1 }
        for i in 0..<nodeCount { start[i + 1] += start[i] }
        var next = start
        var rows = [Int32](repeating: 0, count: start[nodeCount])
        for (k, v) in nodeOfEdge.enumerated() where v >= 0 {
            rows[next[Int(v)]] = Int32(k)
            next[Int(v)] += 1
        }
        return (start, rows)
    }

    /// - Complexity: O(1).
    public func node(_ id: NodeID) -> Node? { indexByID[id].map { nodes[$0] } }

    /// The index of node `id` in `nodes`, if the graph has it. - Complexity: O(1) expected.
    public func index(of id: NodeID) -> Int? { indexByID[id] }

    /// - Complexity: O(1).
    public func contains(_ id: NodeID) -> Bool { indexByID[id] != nil }

    /// Edges leaving `id`, in edge order. - Complexity: O(degree).
    public func outgoing(_ id: NodeID) -> [Edge] {
        guard let i = indexByID[id] else { return [] }
        return outEdges[outStart[i]..<outStart[i + 1]].map { edges[Int($0)] }
    }

    /// Edges arriving at `id`, in edge order. - Complexity: O(degree).
    public func incoming(_ id: NodeID) -> [Edge] {
        guard let i = indexByID[id] else { return [] }
        return inEdges[inStart[i]..<inStart[i + 1]].map { edges[Int($0)] }
    }

    /// The node a user means by `name`: an ID, a name or alias (case-insensitive, tolerant of a
    /// vendor prefix and of punctuation), or a URL. Entries win over categories and languages
    /// of the same name. - Complexity: O(1) expected.
    public func resolve(_ name: String) -> Node? {
        if let byID = node(NodeID(name)) { return byID }
        return names.lookup(name).map { nodes[$0] }
    }

    /// Every node whose name or alias is `name` (all kinds).
    public func resolveAll(_ name: String) -> [Node] {
        names.lookupAll(name).map { nodes[$0] }
    }

    /// Up to three names close to `name`, for "did you mean …".
    public func suggestions(for name: String) -> [String] {
        names.suggestions(for: name)
    }

    public func nodes(ofKind kind: NodeKind) -> [Node] { nodes.filter { $0.kind == kind } }

    /// The targets of `id`'s outgoing `relation` edges, as nodes.
    public func targets(of id: NodeID, _ relation: RelationKind) -> [Node] {
        outgoing(id).filter { $0.relation == relation }.compactMap { node($0.target) }
    }

    /// The sources of edges of `relation` into `id`, as nodes.
    public func sources(into id: NodeID, _ relation: RelationKind) -> [Node] {
        incoming(id).filter { $0.relation == relation }.compactMap { node($0.source) }
    }

    /// The categories an entry is listed in.
    public func categories(of id: NodeID) -> [Node] { targets(of: id, .inCategory) }

    /// The implementation languages of a project.
    public func languages(of id: NodeID) -> [Node] { targets(of: id, .writtenIn) }

    /// The top-level category above a category (itself when it has no parent).
    public func rootCategory(of id: NodeID) -> Node? {
        var current = node(id)
        var guardCount = 0
        while let c = current, let parent = targets(of: c.id, .subcategoryOf).first, guardCount < 64 {
            current = parent
            guardCount += 1
        }
        return current
    }
}

/// Node IDs → node indices: open addressing on each ID's `hashValue`, the hash a `Dictionary`
/// of the IDs would use (equal IDs hash equal, as `String` compares them). The hashes are
/// computed on all cores and the table filled with integer work alone; a `Dictionary` hashed
/// and inserted 200,000 strings one after the other.
struct IDIndex: Sendable {
    private let nodes: [Node]
    /// 0 for an empty slot, else (the top 32 bits of the ID's hash) << 32 | (node index + 1).
    private var slots: [UInt64]
    private let mask: Int

    /// Each node's ID → its index (the last one, for a repeated ID).
    init(_ nodes: [Node]) {
        self.nodes = nodes
        var size = 16
        while size < 2 * nodes.count { size *= 2 }
        mask = size - 1
        slots = [UInt64](repeating: 0, count: size)
        let hashes = GraphBuilder.concurrentMap(nodes.count) { nodes[$0].id.rawValue.hashValue }
        for i in nodes.indices {
            // Integer work only: a node's ID is read only when its hash's top bits match.
            let slot = find(hash: hashes[i]) { nodes[$0].id == nodes[i].id }
            slots[slot.at] = Self.tag(hashes[i]) | UInt64(i + 1)
        }
    }

    private static func tag(_ hash: Int) -> UInt64 { UInt64(UInt(bitPattern: hash)) & 0xFFFF_FFFF_0000_0000 }

    /// The slot of the node with `hash` for which `isIt` holds, or the empty slot where it
    /// would go, and that node's index.
    private func find(hash: Int, _ isIt: (Int) -> Bool) -> (at: Int, node: Int?) {
        let tag = Self.tag(hash)
        var s = hash & mask
        while slots[s] != 0 {
            let node = Int(slots[s] & 0xFFFF_FFFF) - 1
            if slots[s] & 0xFFFF_FFFF_0000_0000 == tag && isIt(node) { return (s, node) }
            s = (s + 1) & mask
        }
        return (s, nil)
    }

    subscript(id: NodeID) -> Int? { find(hash: id.rawValue.hashValue) { nodes[$0].id == id }.node }
}

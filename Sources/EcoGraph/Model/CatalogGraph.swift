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
        self.init(sortedNodes: sortedNodes, sortedEdges: edges.sorted(), endpoints: nil, ids: nil, sources: sources,
                  names: NameIndex(sortedNodes))
    }

    /// For `GraphBuilder`, which sorts with integer keys, knows each edge's node indices and
    /// has built the name index already. `endpoints[k]` are the indices in `sortedNodes` of
    /// `sortedEdges[k]`'s source and target; `ids`, when given, finds every node's ID.
    init(sortedNodes: [Node], sortedEdges: [Edge], endpoints: [(source: Int32, target: Int32)]?, ids: IDIndex?,
         sources: [String], names: NameIndex) {
        self.nodes = sortedNodes
        self.edges = sortedEdges
        self.sources = sources
        self.names = names
        let byID = ids ?? IDIndex(sortedNodes)
        indexByID = byID
        let ends = endpoints ?? sortedEdges.map { e in
            (source: Int32(byID[e.source] ?? -1), target: Int32(byID[e.target] ?? -1))
        }
        edgeEndpoints = ends
        (outStart, outEdges) = Self.rows(ends.lazy.map(\.source), nodeCount: sortedNodes.count)
        (inStart, inEdges) = Self.rows(ends.lazy.map(\.target), nodeCount: sortedNodes.count)
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

/// Node IDs → node indices. `GraphBuilder` hands over the table it grouped the IDs with, so
/// that no ID is hashed again: `slots` (an ID without qualifier → a slot of `nodeOfSlot`), and
/// the few qualified IDs in `others`.
struct IDIndex: Sendable {
    private var slots: [String: Int] = [:]
    private var nodeOfSlot: [Int] = []
    private var others: [String: Int] = [:]

    /// Each node's ID → its index (the last one, for a repeated ID).
    init(_ nodes: [Node]) {
        others.reserveCapacity(nodes.count)
        for i in nodes.indices { others[nodes[i].id.rawValue] = i }   // not a whole `Node` copied per node
    }

    /// `slots[id]` → `nodeOfSlot[that]`, then `others[id]`; the keys of `slots` and `others`
    /// must be distinct.
    init(slots: [String: Int], nodeOfSlot: [Int], others: [String: Int]) {
        self.slots = slots
        self.nodeOfSlot = nodeOfSlot
        self.others = others
    }

    subscript(id: NodeID) -> Int? {
        if let s = slots[id.rawValue] { return nodeOfSlot[s] }
        return others[id.rawValue]
    }
}

/// Name, alias and URL keys → node index. Keys that would point at two nodes are kept as
/// ambiguous and resolve to the entry (project or resource) if exactly one is an entry.
public struct NameIndex: Sendable {
    private var exact = KeyMap()
    private var loose = KeyMap()
    private var urls = KeyMap()
    private var allNames: [String] = []
    private var kinds: [NodeKind] = []

    init() {}

    init(_ nodes: [Node]) {
        exact.reserveCapacity(nodes.count * 2)
        loose.reserveCapacity(nodes.count * 2)
        for (i, n) in nodes.enumerated() {
            add(i, kind: n.kind, name: n.name, aliases: n.aliases, urls: n.urls)
        }
    }

    /// Registers node `i` under its name, aliases and URLs. Indices must be added in order.
    mutating func add(_ i: Int, kind: NodeKind, name: String, aliases: [String], urls nodeURLs: [String]) {
        add(i, kind: kind, name: name, keys: Self.keys(name), aliases: aliases, urlKeys: nodeURLs.map(NameKey.url))
    }

    /// `add` with the name's keys and the URLs' keys (`NameKey.url`) computed already.
    mutating func add(_ i: Int, kind: NodeKind, name: String, keys: Keys, aliases: [String], urlKeys: [String]) {
        if i == kinds.count { kinds.append(kind) } else { kinds[i] = kind }
        file(i, keys)
        addNames(i, aliases)
        for u in urlKeys { urls.add(u, i) }
        if kind != .language { allNames.append(name) }
    }

    /// The keys a name is filed under: exact, and loosely without a vendor and compacted.
    struct Keys: Sendable {
        var exact: String
        var withoutVendor: String?
        var compact: String
    }

    static func keys(_ name: String) -> Keys {
        let k = NameKey.exact(name)
        return Keys(exact: k, withoutVendor: NameKey.withoutVendor(k), compact: NameKey.compact(k))
    }

    mutating func addNames(_ i: Int, _ names: [String]) {
        for name in names { file(i, Self.keys(name)) }
    }

    private mutating func file(_ i: Int, _ keys: Keys) {
        exact.add(keys.exact, i)
        if let v = keys.withoutVendor { loose.add(v, i) }
        if !keys.compact.isEmpty && keys.compact != keys.exact { loose.add(keys.compact, i) }
    }

    /// Room for `count` nodes' names, aliases and URLs.
    mutating func reserveCapacity(_ count: Int) {
        exact.reserveCapacity(count)
        loose.reserveCapacity(count)
        urls.reserveCapacity(count)
    }

    /// Files node `i` under a URL's key (`NameKey.url`).
    mutating func addURL(_ i: Int, key: String) { urls.add(key, i) }

    mutating func setKind(_ i: Int, _ kind: NodeKind) { kinds[i] = kind }

    /// The same index for the nodes in another order, without computing or rehashing any key:
    /// the maps keep the builder's indices, and `rank[i]`, the new index of old node `i`,
    /// translates every answer. `kinds` are the final kinds in the old order, `nodes` the nodes
    /// in the new order. Answers are those of an index built from `nodes`.
    func reordered(_ rank: [Int], kinds: [NodeKind], nodes: [Node]) -> NameIndex {
        var index = self
        index.rank = rank
        index.kinds = kinds
        index.allNames = nodes.indices.compactMap { nodes[$0].kind == .language ? nil : nodes[$0].name }
        return index
    }

    /// Set by `reordered`: stored index → node index.
    private var rank: [Int]? = nil

    @inline(__always) private func translated(_ i: Int) -> Int { rank.map { $0[i] } ?? i }

    /// Stored indices as node indices, in increasing order (the order an index built from the
    /// nodes keeps them in).
    private func translated(_ list: [Int]) -> [Int] {
        guard let rank else { return list }
        return list.count == 1 ? [rank[list[0]]] : list.map { rank[$0] }.sorted()
    }

    func pick(_ found: KeyMap.Found?) -> Int? {
        guard let found else { return nil }
        guard let candidates = found.several else { return translated(found.first) }
        for preferred in [NodeKind.project, .resource, .external, .category, .language] {
            let ofKind = candidates.filter { kinds[$0] == preferred }
            if ofKind.count == 1 { return translated(ofKind[0]) }
            if ofKind.count > 1 { return nil }
        }
        return nil
    }

    public func lookup(_ name: String) -> Int? {
        let k = NameKey.exact(name)
        if let i = pick(exact[k]) { return i }
        // A URL has a "/" (which "://" implies); the byte test rules out most names before the
        // character search, which is slow.
        if name.utf8.contains(0x2F), name.contains("/"), let i = pick(urls[NameKey.url(name)]) { return i }
        if let i = pick(loose[k]) { return i }
        if let v = NameKey.withoutVendor(k) {
            if let i = pick(exact[v]) { return i }
            if let i = pick(loose[v]) { return i }
        }
        let c = NameKey.compact(k)
        if !c.isEmpty, let i = pick(loose[c]) { return i }
        return nil
    }

    /// Every exact and loose key (not the URL keys).
    var nameKeys: FlattenSequence<[Dictionary<String, Int>.Keys]> { [exact.keys, loose.keys].joined() }

    /// How many `nameKeys` there are.
    var nameKeyCount: Int { exact.keys.count + loose.keys.count }

    /// The node named exactly `name` (case and spacing aside), if there is one.
    public func lookupExact(_ name: String) -> Int? { lookupExact(key: NameKey.exact(name)) }

    /// `lookupExact` by the name's exact key (`NameKey.exact`).
    func lookupExact(key: String) -> Int? { pick(exact[key]) }

    func lookupAll(_ name: String) -> [Int] {
        let k = NameKey.exact(name)
        let named = translated(exact[k]?.all ?? [])
        return named + translated(urls[NameKey.url(name)]?.all ?? []).filter { !named.contains($0) }
    }

    func suggestions(for name: String) -> [String] {
        let threshold = max(2, name.count / 3)
        return Fuzzy.closest(name, among: allNames.sorted(), maxDistance: threshold)
    }
}

/// String keys → node indices without an array per key: most keys name one node, stored
/// inline; the few that name several keep their list in `lists`.
struct KeyMap: Sendable {
    /// A node index (≥ 0), or `-1 - k` for `lists[k]`.
    private var slots: [String: Int] = [:]
    private var lists: [[Int]] = []

    /// The nodes under one key: `first`, and all of them (in the order added) when there are several.
    struct Found {
        var first: Int
        var several: [Int]?
        var all: [Int] { several ?? [first] }
    }

    mutating func reserveCapacity(_ count: Int) { slots.reserveCapacity(count) }

    /// The keys, in no particular order.
    var keys: Dictionary<String, Int>.Keys { slots.keys }

    /// Adds `i` under `key` unless it is there already; one hash look-up.
    mutating func add(_ key: String, _ i: Int) {
        Self.insert(i, into: &slots[key, default: Int.min], lists: &lists)
    }

    private static func insert(_ i: Int, into slot: inout Int, lists: inout [[Int]]) {
        if slot == Int.min {
            slot = i
        } else if slot >= 0 {
            if slot != i {
                lists.append([slot, i])
                slot = -lists.count
            }
        } else if !lists[-1 - slot].contains(i) {
            lists[-1 - slot].append(i)
        }
    }

    subscript(key: String) -> Found? {
        guard let slot = slots[key] else { return nil }
        return slot >= 0 ? Found(first: slot) : Found(first: lists[-1 - slot][0], several: lists[-1 - slot])
    }
}

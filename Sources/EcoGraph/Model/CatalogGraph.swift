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

    private let indexByID: [NodeID: Int]
    private let outIndex: [[Int]]
    private let inIndex: [[Int]]
    private let names: NameIndex

    /// Builds the indexes. Nodes are sorted by ID and edges by (source, relation, target,
    /// provenance) here, so the result does not depend on the order they were given in.
    /// - Complexity: O(n log n + e log e).
    public init(nodes: [Node], edges: [Edge], sources: [String] = []) {
        let sortedNodes = nodes.sorted { $0.id < $1.id }
        self.nodes = sortedNodes
        self.edges = edges.sorted()
        self.sources = sources
        var byID: [NodeID: Int] = [:]
        byID.reserveCapacity(sortedNodes.count)
        for (i, n) in sortedNodes.enumerated() { byID[n.id] = i }
        indexByID = byID
        var out = [[Int]](repeating: [], count: sortedNodes.count)
        var inc = [[Int]](repeating: [], count: sortedNodes.count)
        for (i, e) in self.edges.enumerated() {
            if let s = byID[e.source] { out[s].append(i) }
            if let t = byID[e.target] { inc[t].append(i) }
        }
        outIndex = out
        inIndex = inc
        names = NameIndex(sortedNodes)
    }

    /// - Complexity: O(1).
    public func node(_ id: NodeID) -> Node? { indexByID[id].map { nodes[$0] } }

    /// - Complexity: O(1).
    public func contains(_ id: NodeID) -> Bool { indexByID[id] != nil }

    /// Edges leaving `id`, in edge order. - Complexity: O(degree).
    public func outgoing(_ id: NodeID) -> [Edge] {
        guard let i = indexByID[id] else { return [] }
        return outIndex[i].map { edges[$0] }
    }

    /// Edges arriving at `id`, in edge order. - Complexity: O(degree).
    public func incoming(_ id: NodeID) -> [Edge] {
        guard let i = indexByID[id] else { return [] }
        return inIndex[i].map { edges[$0] }
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

/// Name, alias and URL keys → node index. Keys that would point at two nodes are kept as
/// ambiguous and resolve to the entry (project or resource) if exactly one is an entry.
public struct NameIndex: Sendable {
    private(set) var exact: [String: [Int]] = [:]
    private var loose: [String: [Int]] = [:]
    private var urls: [String: [Int]] = [:]
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
        if i == kinds.count { kinds.append(kind) } else { kinds[i] = kind }
        addNames(i, [name] + aliases)
        for u in nodeURLs { Self.add(&urls, NameKey.url(u), i) }
        if kind != .language { allNames.append(name) }
    }

    mutating func addNames(_ i: Int, _ names: [String]) {
        for name in names {
            let k = NameKey.exact(name)
            Self.add(&exact, k, i)
            if let v = NameKey.withoutVendor(k) { Self.add(&loose, v, i) }
            let c = NameKey.compact(k)
            if !c.isEmpty && c != k { Self.add(&loose, c, i) }
        }
    }

    mutating func addURL(_ i: Int, _ url: String) { Self.add(&urls, NameKey.url(url), i) }

    mutating func setKind(_ i: Int, _ kind: NodeKind) { kinds[i] = kind }

    private static func add(_ map: inout [String: [Int]], _ key: String, _ i: Int) {
        if map[key]?.contains(i) == true { return }
        map[key, default: []].append(i)
    }

    func pick(_ candidates: [Int]?) -> Int? {
        guard let candidates, !candidates.isEmpty else { return nil }
        if candidates.count == 1 { return candidates[0] }
        for preferred in [NodeKind.project, .resource, .external, .category, .language] {
            let ofKind = candidates.filter { kinds[$0] == preferred }
            if ofKind.count == 1 { return ofKind[0] }
            if ofKind.count > 1 { return nil }
        }
        return nil
    }

    public func lookup(_ name: String) -> Int? {
        let k = NameKey.exact(name)
        if let i = pick(exact[k]) { return i }
        if name.contains("://") || name.contains("/"), let i = pick(urls[NameKey.url(name)]) { return i }
        if let i = pick(loose[k]) { return i }
        if let v = NameKey.withoutVendor(k) {
            if let i = pick(exact[v]) { return i }
            if let i = pick(loose[v]) { return i }
        }
        let c = NameKey.compact(k)
        if !c.isEmpty, let i = pick(loose[c]) { return i }
        return nil
    }

    /// The node named exactly `name` (case and spacing aside), if there is one.
    public func lookupExact(_ name: String) -> Int? { pick(exact[NameKey.exact(name)]) }

    func lookupAll(_ name: String) -> [Int] {
        let k = NameKey.exact(name)
        return (exact[k] ?? []) + (urls[NameKey.url(name)] ?? []).filter { !(exact[k] ?? []).contains($0) }
    }

    func suggestions(for name: String) -> [String] {
        let threshold = max(2, name.count / 3)
        return Fuzzy.closest(name, among: allNames.sorted(), maxDistance: threshold)
    }
}

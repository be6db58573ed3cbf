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

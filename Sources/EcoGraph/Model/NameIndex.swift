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
        allNames = nodes.compactMap { $0.kind == .language ? nil : $0.name }
    }

    /// Registers node `i` under its name, aliases and URLs. Indices must be added in order.
    mutating func add(_ i: Int, kind: NodeKind, name: String, aliases: [String], urls nodeURLs: [String]) {
        add(i, kind: kind, keys: Self.keys(name), aliases: aliases, urlKeys: nodeURLs.map { KeyMap.Key(NameKey.url($0)) })
    }

    /// Registers node `i` under its name's keys, its aliases and its URLs' keys (`NameKey.url`).
    /// Indices must be added in order. The names for `suggestions` are not kept: the builder's
    /// index gets them from `reordered`.
    mutating func add(_ i: Int, kind: NodeKind, keys: consuming Keys, aliases: [String], urlKeys: [KeyMap.Key]) {
        if i == kinds.count { kinds.append(kind) } else { kinds[i] = kind }
        file(i, keys)
        addNames(i, aliases)
        for u in urlKeys { urls.add(u, i) }
    }

    /// The keys a name is filed under: exact, and loosely without a vendor and compacted
    /// (`compact` is nil when it is empty or the exact key itself).
    struct Keys: Sendable {
        var exact: KeyMap.Key
        var withoutVendor: KeyMap.Key?
        var compact: KeyMap.Key?
    }

    static func keys(_ name: String) -> Keys {
        let k = NameKey.exact(name)
        let c = NameKey.compact(k)
        return Keys(exact: KeyMap.Key(k), withoutVendor: NameKey.withoutVendor(k).map(KeyMap.Key.init),
                    compact: c.isEmpty || c == k ? nil : KeyMap.Key(c))
    }

    mutating func addNames(_ i: Int, _ names: [String]) {
        for name in names { file(i, Self.keys(name)) }
    }

    /// Takes `keys` to move their texts into the maps: a copy would retain each one.
    private mutating func file(_ i: Int, _ keys: consuming Keys) {
        exact.add(keys.exact, i)
        if let v = keys.withoutVendor { loose.add(v, i) }
        if let c = keys.compact { loose.add(c, i) }
    }

    /// Room for `count` nodes' names, aliases and URLs.
    mutating func reserveCapacity(_ count: Int) {
        exact.reserveCapacity(count)
        loose.reserveCapacity(count)
        urls.reserveCapacity(count)
    }

    /// Until `fileDeferredKeys`, the loose and URL keys are only noted (`KeyMap.deferAdding`):
    /// `lookupExact` may be used meanwhile, `lookup` may not.
    mutating func deferLooseKeys() {
        loose.deferAdding()
        urls.deferAdding()
    }

    /// Files the keys noted since `deferLooseKeys`.
    mutating func fileDeferredKeys() {
        loose.fileDeferred()
        urls.fileDeferred()
    }

    /// Files node `i` under a URL's key (`NameKey.url`).
    mutating func addURL(_ i: Int, key: consuming KeyMap.Key) { urls.add(key, i) }

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
    var nameKeys: FlattenSequence<[[String]]> { [exact.keys, loose.keys].joined() }

    /// How many `nameKeys` there are.
    var nameKeyCount: Int { exact.keys.count + loose.keys.count }

    /// The node named exactly `name` (case and spacing aside), if there is one.
    public func lookupExact(_ name: String) -> Int? { lookupExact(key: NameKey.exact(name)) }

    /// `lookupExact` by the name's exact key (`NameKey.exact`).
    func lookupExact(key: String) -> Int? { pick(exact[key]) }

    /// `lookupExact` by the name's exact key with its hash.
    func lookupExact(key: KeyMap.Key) -> Int? { pick(exact[key]) }

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

/// String keys → node indices, in an open-addressing table whose slots hold each key's 64-bit
/// hash (`Key`): a probe compares integers and reads a key's text only when the hashes are
/// equal, and a caller that has the hash already (the builder works out its listings' keys and
/// hashes on all cores) gives it, so inserting hashes nothing — a `Dictionary` of `String`s
/// hashes every key on every insert and look-up. Most keys name one node, stored
/// inline; the few that name several keep their list in `lists`.
struct KeyMap: Sendable {
    /// A key with its hash (`KeyMap.hash`).
    struct Key: Sendable {
        var text: String
        var hash: UInt64

        init(_ text: String) {
            self.text = text
            hash = KeyMap.hash(text)
        }

        init(text: String, hash: UInt64) {
            self.text = text
            self.hash = hash
        }
    }

    /// `entry` < 0: empty; otherwise `keys[entry]` is the key, with `hash`, and `value` a node
    /// index (≥ 0) or `-1 - k` for `lists[k]`.
    private struct Slot {
        var hash: UInt64 = 0
        var entry: Int32 = -1
        var value: Int32 = 0
    }

    private var slots: [Slot] = []
    /// 64 − log2(slots.count): a key's first slot is the top bits of its hash.
    private var shift: UInt64 = 64
    /// The keys, in the order first added.
    private(set) var keys: [String] = []
    private var lists: [[Int]] = []
    /// Set by `deferAdding`: `add` only notes its key and node in `deferred`, for `fileDeferred`.
    private var deferring = false
    private var deferred: [(key: Key, node: Int)] = []

    /// The nodes under one key: `first`, and all of them (in the order added) when there are several.
    struct Found {
        var first: Int
        var several: [Int]?
        var all: [Int] { several ?? [first] }
    }

    /// `String`'s own hash, so that keys equal as `String`s (canonically equivalent: `é` as
    /// one scalar or two, the Kelvin sign and `K`) hash alike, as in a `Dictionary`. Its seed
    /// changes between processes, which changes only the order of `keys` and of a key's nodes
    /// (never an answer), as a `Dictionary`'s key order did.
    static func hash(_ text: String) -> UInt64 { UInt64(UInt(bitPattern: text.hashValue)) }

    /// Room for `count` keys without growing.
    mutating func reserveCapacity(_ count: Int) {
        if (count + 1) * 4 > slots.count * 3 { rehash(to: count) }
    }

    private mutating func rehash(to count: Int) {
        let capacity: Int
        (capacity, shift) = tableSize(for: count)
        let old = slots
        slots = [Slot](repeating: Slot(), count: capacity)
        let mask = capacity - 1
        for s in old where s.entry >= 0 {
            var i = Int(truncatingIfNeeded: s.hash >> shift)
            while slots[i].entry >= 0 { i = (i + 1) & mask }
            slots[i] = s
        }
    }

    /// The slot of `key`, or the empty slot where it would go.
    @inline(__always) private func find(_ key: Key) -> (slot: Int, found: Bool) {
        guard !slots.isEmpty else { return (0, false) }
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: key.hash >> shift)
        while true {
            let s = slots[i]
            if s.entry < 0 { return (i, false) }
            if s.hash == key.hash && keys[Int(s.entry)] == key.text { return (i, true) }
            i = (i + 1) & mask
        }
    }

    /// Until `fileDeferred`, `add` only notes its key, and the map must not be read: filing the
    /// keys all at once in the order of their home slots walks the table once from front to
    /// back, where filing them one by one missed the cache nearly every time.
    mutating func deferAdding() { deferring = true }

    /// Files the keys `add` noted since `deferAdding`. The answers are those of filing them
    /// when they came; only the order of `keys` and of a key's nodes can differ.
    mutating func fileDeferred() {
        deferring = false
        var notes = deferred
        deferred = []
        for k in orderByTopBits(notes.map(\.key.hash)) {
            // The text is moved out (an empty string left in its place), not retained.
            var text = ""
            swap(&text, &notes[k].key.text)
            add(Key(text: text, hash: notes[k].key.hash), notes[k].node)
        }
    }

    /// Adds `i` under `key` unless it is there already; one probe, no hashing. Takes `key` to
    /// move its text into the map.
    mutating func add(_ key: consuming Key, _ i: Int) {
        if deferring {
            deferred.append((key, i))
            return
        }
        if (keys.count + 1) * 4 > slots.count * 3 { rehash(to: max(keys.count + 1, 2 * keys.count)) }
        let (slot, found) = find(key)
        guard found else {
            precondition(i <= Int(Int32.max) && keys.count < Int(Int32.max), "too many names")
            slots[slot] = Slot(hash: key.hash, entry: Int32(keys.count), value: Int32(i))
            keys.append(key.text)
            return
        }
        let value = Int(slots[slot].value)
        if value >= 0 {
            if value != i {
                lists.append([value, i])
                slots[slot].value = Int32(-lists.count)
            }
        } else if !lists[-1 - value].contains(i) {
            lists[-1 - value].append(i)
        }
    }

    subscript(key: Key) -> Found? {
        precondition(!deferring, "read while adding is deferred")
        let (slot, found) = find(key)
        guard found else { return nil }
        let value = Int(slots[slot].value)
        return value >= 0 ? Found(first: value) : Found(first: lists[-1 - value][0], several: lists[-1 - value])
    }

    subscript(key: String) -> Found? { self[Key(key)] }
}

/// The indices of `values` ordered by their top 16 bits (a counting sort, stable): hash tables
/// that take a key's home slot from the top bits of a hash insert a batch of keys in this order
/// to walk their slots once from front to back.
func orderByTopBits(_ values: [UInt64]) -> [Int] {
    var start = [Int](repeating: 0, count: (1 << 16) + 1)
    for v in values { start[Int(v >> 48) + 1] += 1 }
    for b in 0..<(1 << 16) { start[b + 1] += start[b] }
    var order = [Int](repeating: 0, count: values.count)
    for (k, v) in values.enumerated() {
        order[start[Int(v >> 48)]] = k
        start[Int(v >> 48)] += 1
    }
    return order
}

/// The slot count (a power of two, at least 16) that keeps `count` keys at most 3/4 full, and
/// 64 − its log2: the shift that takes a 64-bit hash's top bits as a slot.
func tableSize(for count: Int) -> (capacity: Int, shift: UInt64) {
    var capacity = 16, shift: UInt64 = 60
    while capacity * 3 < (count + 1) * 4 { capacity *= 2; shift -= 1 }
    return (capacity, shift)
}

extension NameIndex {
    /// Moves every node this index files up by `offset`, and puts the kinds of `offset` new
    /// nodes (`kindsInFront`, which the caller files next) in front: a walk over the maps'
    /// slots, where filing the keys again would probe a random slot per key. For a streamed
    /// file (`GraphBuilder.FileStream`), whose entries are numbered before the number of
    /// categories in front of them is known.
    mutating func shiftNodes(by offset: Int, kindsInFront: [NodeKind]) {
        precondition(kindsInFront.count == offset && rank == nil, "shiftNodes: one kind per new node, before reordering")
        exact.shiftNodes(by: offset)
        loose.shiftNodes(by: offset)
        urls.shiftNodes(by: offset)
        kinds.insert(contentsOf: kindsInFront, at: 0)
    }
}

extension KeyMap {
    /// Every node (stored, listed or deferred) moved up by `offset`; keys stay where they are.
    mutating func shiftNodes(by offset: Int) {
        guard offset != 0 else { return }
        let delta = Int32(offset)   // a value past Int32.max traps on the addition below
        slots.withUnsafeMutableBufferPointer { slots in
            for i in slots.indices where slots[i].entry >= 0 && slots[i].value >= 0 { slots[i].value += delta }
        }
        for k in lists.indices { lists[k] = lists[k].map { $0 + offset } }
        for k in deferred.indices { deferred[k].node += offset }
    }
}

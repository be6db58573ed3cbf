extension GraphBuilder {
    /// Edge keys → edge indices, for the builder's look-up before every edge it adds: open
    /// addressing on one packed integer per key (source, target, relation), hashed by one
    /// multiplication, each slot holding its key and value together (one cache miss a probe) —
    /// several times cheaper than a `Dictionary` of `EdgeKey`s, which hashes with SipHash. Keys
    /// that do not pack (negative or huge indices) go to a `Dictionary`.
    ///
    /// While a catalog file is placed (`beginBatch`), the keys of edges from nodes made since
    /// (the file's own nodes, nearly every edge it adds) wait in a list per source node instead:
    /// nothing else can hold an edge from such a node, so looking one up walks that node's few
    /// pending keys, which are recent and in the cache, where a probe of the large table
    /// missed the cache nearly every time. `commit` then inserts them in the order of their
    /// home slots, walking the table once from front to back.
    struct EdgeTable {
        private struct Slot {
            /// 0: empty; 1: removed; otherwise a packed key + 2.
            var packed: UInt64 = 0
            var value = 0
        }

        private var slots: [Slot] = []
        /// Slots that are not empty (removed ones included).
        private var used = 0
        /// 64 − log2(slots.count): the slot is the top bits of the key's product with a large
        /// odd constant (Fibonacci hashing), which depend on every bit of the key.
        private var shift: UInt64 = 64
        private var overflow: [EdgeKey: Int] = [:]

        /// Sources from this index on are new in the batch: their edges' keys are in `pending`.
        private var freshFrom = Int.max
        private var pending: [Slot] = []
        /// Per new source (`source - freshFrom`): its latest entry in `pending`, or -1.
        private var firstPending: [Int32] = []
        /// Per entry of `pending`: the previous one of the same source, or -1.
        private var nextPending: [Int32] = []

        private static let empty: UInt64 = 0, removed: UInt64 = 1
        private static let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15

        private static func pack(_ key: EdgeKey) -> UInt64? {
            guard key.source >= 0, key.target >= 0, key.source < 1 << 29, key.target < 1 << 29,
                  key.relation.order < 16 else { return nil }
            return (UInt64(key.source) << 33 | UInt64(key.target) << 4 | UInt64(key.relation.order)) + 2
        }

        /// Room for `count` keys without growing.
        mutating func reserveCapacity(_ count: Int) {
            if (count + 1) * 4 > slots.count * 3 { rehash(to: count) }
        }

        /// The slot of `packed`, or the empty slot where it would go.
        private func find(_ packed: UInt64) -> (slot: Int, found: Bool) {
            let mask = slots.count - 1
            var i = Int(truncatingIfNeeded: (packed &* Self.multiplier) >> shift)
            var firstRemoved: Int?
            while true {
                switch slots[i].packed {
                case packed: return (i, true)
                case Self.empty: return (firstRemoved ?? i, false)
                case Self.removed: if firstRemoved == nil { firstRemoved = i }
                default: break
                }
                i = (i + 1) & mask
            }
        }

        /// Puts a key that is not in the table into the first free slot from its home.
        private mutating func insertNew(_ s: Slot) {
            let mask = slots.count - 1
            var i = Int(truncatingIfNeeded: (s.packed &* Self.multiplier) >> shift)
            while slots[i].packed > Self.removed { i = (i + 1) & mask }
            if slots[i].packed == Self.empty { used += 1 }
            slots[i] = s
        }

        private mutating func rehash(to count: Int) {
            let capacity: Int
            (capacity, shift) = tableSize(for: count)
            let old = slots
            slots = [Slot](repeating: Slot(), count: capacity)
            used = 0
            for s in old where s.packed > Self.removed { insertNew(s) }
        }

        /// From now until `commit`, keys whose source is `freshFrom` or above wait in per-source
        /// lists: the caller promises that no such key is in the table.
        mutating func beginBatch(freshFrom: Int) {
            commit()
            self.freshFrom = freshFrom
        }

        /// Moves the batch's keys into the table, in the order of their home slots, so the table
        /// is walked once.
        mutating func commit() {
            guard freshFrom != Int.max else { return }
            freshFrom = Int.max
            defer { pending = []; firstPending = []; nextPending = [] }
            guard !pending.isEmpty else { return }
            if (used + pending.count + 1) * 4 > slots.count * 3 { rehash(to: max(used + pending.count, 2 * used)) }
            for k in orderByTopBits(pending.map { $0.packed &* Self.multiplier }) { insertNew(pending[k]) }
        }

        /// The entry of `pending` for `packed`, whose source `source` is new in the batch.
        private func pendingEntry(_ packed: UInt64, source: Int) -> Int? {
            let s = source - freshFrom
            guard s < firstPending.count else { return nil }
            var p = Int(firstPending[s])
            while p >= 0 {
                if pending[p].packed == packed { return p }
                p = Int(nextPending[p])
            }
            return nil
        }

        subscript(key: EdgeKey) -> Int? {
            get {
                guard let packed = Self.pack(key) else { return overflow[key] }
                if key.source >= freshFrom { return pendingEntry(packed, source: key.source).map { pending[$0].value } }
                guard !slots.isEmpty else { return nil }
                let (slot, found) = find(packed)
                return found ? slots[slot].value : nil
            }
            set {
                guard let packed = Self.pack(key) else { overflow[key] = newValue; return }
                if key.source >= freshFrom {
                    if let newValue {
                        if let p = pendingEntry(packed, source: key.source) {
                            pending[p].value = newValue
                        } else {
                            let s = key.source - freshFrom
                            if s >= firstPending.count { firstPending += repeatElement(-1, count: s + 1 - firstPending.count) }
                            nextPending.append(firstPending[s])
                            firstPending[s] = Int32(pending.count)
                            pending.append(Slot(packed: packed, value: newValue))
                        }
                        return
                    }
                    // Removing ends the batch: the key is then in the table, if anywhere.
                    commit()
                }
                if slots.isEmpty || (used + 1) * 4 > slots.count * 3 { rehash(to: max(used + 1, 2 * used)) }
                let (slot, found) = find(packed)
                if let newValue {
                    if !found {
                        if slots[slot].packed == Self.empty { used += 1 }
                        slots[slot].packed = packed
                    }
                    slots[slot].value = newValue
                } else if found {
                    slots[slot].packed = Self.removed
                }
            }
        }
    }
}

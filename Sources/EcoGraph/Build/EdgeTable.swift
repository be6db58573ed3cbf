extension GraphBuilder {
    /// Edge keys → edge indices, for the builder's look-up before every edge it adds: open
    /// addressing on one packed integer per key (source, target, relation), hashed by one
    /// multiplication — several times cheaper than a `Dictionary` of `EdgeKey`s, which hashes
    /// with SipHash. Keys that do not pack (negative or huge indices) go to a `Dictionary`.
    struct EdgeTable {
        /// 0: empty; 1: removed; otherwise a packed key + 2.
        private var slots: [UInt64] = []
        private var values: [Int] = []
        /// Slots that are not empty (removed ones included).
        private var used = 0
        /// 64 − log2(slots.count): the slot is the top bits of the key's product with a large
        /// odd constant (Fibonacci hashing), which depend on every bit of the key.
        private var shift: UInt64 = 64
        private var overflow: [EdgeKey: Int] = [:]

        private static let empty: UInt64 = 0, removed: UInt64 = 1

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
            var i = Int(truncatingIfNeeded: (packed &* 0x9E37_79B9_7F4A_7C15) >> shift)
            var firstRemoved: Int?
            while true {
                switch slots[i] {
                case packed: return (i, true)
                case Self.empty: return (firstRemoved ?? i, false)
                case Self.removed: if firstRemoved == nil { firstRemoved = i }
                default: break
                }
                i = (i + 1) & mask
            }
        }

        private mutating func rehash(to count: Int) {
            var capacity = 16
            shift = 60
            while capacity * 3 < (count + 1) * 4 { capacity *= 2; shift -= 1 }
            let (oldSlots, oldValues) = (slots, values)
            slots = [UInt64](repeating: Self.empty, count: capacity)
            values = [Int](repeating: 0, count: capacity)
            used = 0
            for (k, packed) in oldSlots.enumerated() where packed > Self.removed {
                let slot = find(packed).slot
                slots[slot] = packed
                values[slot] = oldValues[k]
                used += 1
            }
        }

        subscript(key: EdgeKey) -> Int? {
            get {
                guard let packed = Self.pack(key) else { return overflow[key] }
                guard !slots.isEmpty else { return nil }
                let (slot, found) = find(packed)
                return found ? values[slot] : nil
            }
            set {
                guard let packed = Self.pack(key) else { overflow[key] = newValue; return }
                if slots.isEmpty || (used + 1) * 4 > slots.count * 3 { rehash(to: max(used + 1, 2 * used)) }
                let (slot, found) = find(packed)
                if let newValue {
                    if !found {
                        if slots[slot] == Self.empty { used += 1 }
                        slots[slot] = packed
                    }
                    values[slot] = newValue
                } else if found {
                    slots[slot] = Self.removed
                }
            }
        }
    }
}

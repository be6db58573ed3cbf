import Dispatch

/// A quick test, exact for "no", of whether `NameIndex.lookup` can find a candidate name: most
/// word spans after a phrase name nothing, and ruling them out here costs a pass over their
/// bytes instead of the full look-up (keys built and hashed up to five times), the language
/// check and the spelling check.
///
/// Why "no" is exact. Every look-up key of a name (its exact key `k`, `withoutVendor(k)` and
/// `compact(k)`) that finds a node equals one of the index's exact or loose keys. The letters
/// and digits of a key survive in `compact`, so:
/// - an ASCII name that resolves has `compact(k)` — its ASCII letters and digits, lower-cased —
///   equal to the compact form of some index key, or, when `k` starts with a vendor prefix
///   (which then is its first word), the compact form of the rest is. A key that is not
///   ASCII can equal an ASCII one only through characters canonically equal to ASCII
///   punctuation (U+037E, U+1FEF), which `compact` drops too; so keys are filed here under
///   their ASCII letters and digits, lower-cased, whatever else they hold.
/// - a name with a CJK unified ideograph resolves only to a key holding that ideograph (the
///   ideograph is kept by every key function, has no decomposition, and only the CJK
///   compatibility ideographs decompose to one: with such a key in the index, the test is off).
/// - a name with a `/` may be a URL, which is looked up by other keys: always "maybe".
/// Hashes go into a Bloom filter, so "maybe" is sometimes wrong, never "no". It is a blocked
/// one: a hash's two bits are in one 64-bit word, so a test or an insert costs one cache miss in
/// a table of a megabyte or more, not two.
struct CandidateFilter: Sendable {
    private var bits: [UInt64]
    /// A mixed hash shifted right by this many bits is the index of its word in `bits`.
    private let shift: UInt64
    /// One bit per CJK unified ideograph (U+4E00–U+9FFF) found in a key; nil when not filtering
    /// on ideographs.
    private var ideographs: [UInt64]?

    static let ideographRange: ClosedRange<UInt32> = 0x4E00...0x9FFF

    /// A filter for an index whose exact and loose keys are `keys` (URL keys aside).
    ///
    /// Built on all cores: each part walks every key's position (cheap: no key is read) but
    /// hashes only the keys of its own blocks, the first touch of each key's bytes being what
    /// costs; the parts' bits are then joined. The bits do not depend on how keys are split.
    /// `parts`: how many parts build it (by default one for a small index, else two).
    init<Keys: Collection<String> & Sendable>(keys: Keys, count: Int, parts: Int? = nil) {
        var words = 16, shift: UInt64 = 60
        while words * 64 < count * 16 { words <<= 1; shift -= 1 }
        self.shift = shift
        let empty = CandidateFilter(bits: [UInt64](repeating: 0, count: words), shift: shift)
        let parts = parts ?? (count < 4096 ? 1 : 2)
        let built = [CandidateFilter](unsafeUninitializedCapacity: parts) { buffer, initialized in
            let out = UncheckedSendable(buffer.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                var filter = empty
                var k = 0
                var i = keys.startIndex
                while i != keys.endIndex {
                    if (k >> 8) % parts == part { filter.add(keys[i]) }
                    keys.formIndex(after: &i)
                    k += 1
                }
                (out.value + part).initialize(to: filter)
            }
            initialized = parts
        }
        bits = built[0].bits
        ideographs = built[0].ideographs
        for other in built.dropFirst() { join(other) }
    }

    private init(bits: [UInt64], shift: UInt64) {
        self.bits = bits
        self.shift = shift
        ideographs = [UInt64](repeating: 0, count: (Self.ideographRange.count + 63) / 64)
    }

    /// Files one key.
    private mutating func add(_ key: String) {
        var key = key
        let ascii = key.withUTF8 { u in
            insert(Self.compactHash(u, from: 0))
            return !u.contains { $0 >= 0x80 }
        }
        if !ascii { addIdeographs(key) }
    }

    /// Adds the keys `other` holds (a filter of the same size).
    private mutating func join(_ other: CandidateFilter) {
        for i in bits.indices { bits[i] |= other.bits[i] }
        guard let mine = ideographs, let theirs = other.ideographs else {
            ideographs = nil
            return
        }
        ideographs = zip(mine, theirs).map { $0 | $1 }
    }

    private mutating func addIdeographs(_ key: String) {
        for s in key.unicodeScalars {
            if Self.ideographRange.contains(s.value) {
                let i = Int(s.value - Self.ideographRange.lowerBound)
                ideographs?[i >> 6] |= 1 << UInt64(i & 63)
            } else if (0xF900...0xFAFF).contains(s.value) || (0x2F800...0x2FA1F).contains(s.value) {
                ideographs = nil
            }
        }
    }

    /// `compactHash` of no bytes.
    private static let emptyHash: UInt64 = 0xCBF2_9CE4_8422_2325

    /// FNV-1a of the ASCII letters and digits from byte `from` on, lower-cased (`continuing`:
    /// the hash of the letters and digits before them).
    @inline(__always) private static func compactHash(_ u: UnsafeBufferPointer<UInt8>, from: Int,
                                                      continuing: UInt64 = emptyHash) -> UInt64 {
        var h = continuing
        guard var p = u.baseAddress?.advanced(by: from), let end = u.baseAddress?.advanced(by: u.count) else { return h }
        while p < end {
            let c = p.pointee
            p += 1
            guard RelationInferrer.isAlphanumeric(c) else { continue }
            h = (h ^ UInt64(c | (c &- 0x41 < 26 ? 0x20 : 0))) &* 0x100_0000_01B3
        }
        return h
    }

    /// The word of `bits` for hash `h` and the two bits in it, from the hash mixed by a
    /// multiplication (its high bits pick the word, two runs of six in the middle the bits).
    @inline(__always) private func probe(_ h: UInt64) -> (word: Int, bits: UInt64) {
        let m = (h ^ h >> 31) &* 0x9E37_79B9_7F4A_7C15
        return (Int(truncatingIfNeeded: m >> shift), 1 << (m >> 20 & 63) | 1 << (m >> 26 & 63))
    }

    private mutating func insert(_ h: UInt64) {
        let (word, mask) = probe(h)
        bits[word] |= mask
    }

    private func contains(_ h: UInt64) -> Bool {
        let (word, mask) = probe(h)
        return bits[word] & mask == mask
    }

    /// Whether the index may find `name` (false only when it cannot).
    func mayResolve(_ name: String) -> Bool {
        var copy = name
        return copy.withUTF8 { u in
            var ascii = true
            for c in u {
                if c == 0x2F { return true }
                if c >= 0x80 { ascii = false }
            }
            return ascii ? mayResolveASCII(u) : mayResolveOther(u)
        }
    }

    /// A candidate name put together word by word (the words joined by single spaces), as
    /// much of it as `mayResolve` reads, without its bytes: the inferrer tests "Apache",
    /// "Apache Kafka", "Apache Kafka Streams" by adding a word each time, and makes a `String`
    /// only for a candidate the filter lets through. Its answer is `mayResolve` of the joined
    /// name: the compact hash skips the spaces, so it goes on from word to word; the first word
    /// is the first word `mayResolveASCII` splits off as long as no word holds an ASCII space
    /// (a tokenizer's words do not; a word with one makes the answer "maybe").
    struct Words {
        fileprivate var hash = CandidateFilter.emptyHash
        /// The compact hash of the words after the first.
        fileprivate var restHash = CandidateFilter.emptyHash
        fileprivate var count = 0
        fileprivate var firstIsVendor = false
        fileprivate var ascii = true
        /// A `/` (may be a URL) or an ASCII space in a word: "maybe".
        fileprivate var alwaysMay = false
        /// An ideograph the index's keys do not hold.
        fileprivate var missingIdeograph = false

        init() {}

        /// Adds a word (valid UTF-8, not empty) of the name; `filter` tells its ideographs.
        mutating func add(_ u: UnsafeBufferPointer<UInt8>, of filter: CandidateFilter) {
            var wordASCII = true
            for c in u {
                if c == 0x2F || ASCIIKey.isSpace(c) { alwaysMay = true }
                if c >= 0x80 { wordASCII = false }
            }
            if !wordASCII {
                ascii = false
                if !missingIdeograph { missingIdeograph = !filter.mayResolveOther(u) }
            }
            if count == 0 {
                firstIsVendor = CandidateFilter.isVendorWord(u)
            } else {
                restHash = CandidateFilter.compactHash(u, from: 0, continuing: restHash)
            }
            hash = CandidateFilter.compactHash(u, from: 0, continuing: hash)
            count += 1
        }
    }

    /// `mayResolve` of the words joined by single spaces.
    func mayResolve(_ name: Words) -> Bool {
        if name.alwaysMay { return true }
        guard name.ascii else { return !name.missingIdeograph }
        return contains(name.hash) || (name.firstIsVendor && name.count > 1 && contains(name.restHash))
    }

    private func mayResolveASCII(_ u: UnsafeBufferPointer<UInt8>) -> Bool {
        if contains(Self.compactHash(u, from: 0)) { return true }
        // The exact key starts with its first word, lower-cased, and a space when more follows.
        var s = 0
        while s < u.count && ASCIIKey.isSpace(u[s]) { s += 1 }
        var e = s
        while e < u.count && !ASCIIKey.isSpace(u[e]) { e += 1 }
        guard e < u.count, Self.isVendorWord(UnsafeBufferPointer(rebasing: u[s..<e])) else { return false }
        return contains(Self.compactHash(u, from: e))
    }

    /// The vendor prefixes without their space.
    private static let vendorWords: [[UInt8]] = ASCIIKey.vendorPrefixBytes.map { Array($0.dropLast()) }

    private static func isVendorWord(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = word.first, ASCIIKey.vendorPrefixFirstBytes.contains(ASCIIKey.lower(first)) else { return false }
        return vendorWords.contains { v in v.count == word.count && zip(v, word).allSatisfy { $0 == ASCIIKey.lower($1) } }
    }

    /// Whether every CJK unified ideograph in `u` is in some key (always, when not filtering on them).
    private func mayResolveOther(_ u: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let ideographs else { return true }
        var k = 0
        while k < u.count {
            let (v, length) = RelationInferrer.scalar(u, k)
            k += length
            guard Self.ideographRange.contains(v) else { continue }
            let i = Int(v - Self.ideographRange.lowerBound)
            if ideographs[i >> 6] & (1 << UInt64(i & 63)) == 0 { return false }
        }
        return true
    }
}

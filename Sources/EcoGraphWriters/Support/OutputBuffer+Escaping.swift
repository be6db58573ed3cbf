/// A set of byte values, scanned for with one table look-up per byte, eight bytes a step.
final class ByteSet: @unchecked Sendable {  // immutable once made
    private let member: UnsafeMutablePointer<Bool>

    init(_ bytes: some Sequence<UInt8>) {
        member = .allocate(capacity: 256)
        member.initialize(repeating: false, count: 256)
        for b in bytes { member[Int(b)] = true }
    }

    deinit { member.deallocate() }

    /// The position of the first member of the set in `p[i..<n]`, or `n`.
    @inline(__always)
    func firstMember(in p: UnsafePointer<UInt8>, from i: Int, to n: Int) -> Int {
        let member = self.member
        var i = i
        while i &+ 8 <= n {
            if member[Int(p[i])] || member[Int(p[i &+ 1])] || member[Int(p[i &+ 2])] || member[Int(p[i &+ 3])]
                || member[Int(p[i &+ 4])] || member[Int(p[i &+ 5])] || member[Int(p[i &+ 6])] || member[Int(p[i &+ 7])] {
                break
            }
            i &+= 8
        }
        while i < n && !member[Int(p[i])] { i &+= 1 }
        return i
    }

    /// Whether `utf8` holds a member of the set.
    func occurs(in utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let p = utf8.baseAddress else { return false }
        return firstMember(in: p, from: 0, to: utf8.count) < utf8.count
    }
}

/// The stop bytes of an escaper, found sixteen bytes a step with vector compares when the set
/// is a range of low bytes (the controls) and at most six others, as the JSON, XML and CSV
/// escapers' are; other sets are scanned with the table alone.
///
/// Most escaped text (IDs, names, URLs, descriptions) holds no stop at all, and a table look-up
/// per byte was most of the cost of escaping it.
struct VectorStops {
    /// Every byte below this is a stop.
    private let limit: SIMD16<UInt8>
    /// The other stops (repeated to fill six).
    private let e0, e1, e2, e3, e4, e5: SIMD16<UInt8>
    private let vectorised: Bool
    /// The same set, for the last few bytes and the exact position inside a block.
    private let table: ByteSet

    init(_ stops: Set<UInt8>) {
        let low = (0...UInt8.max).first { !stops.contains($0) } ?? .max
        let others = stops.filter { $0 >= low }.sorted()
        vectorised = !stops.isEmpty && others.count <= 6
        let pad = stops.min() ?? 0
        let splat = { (k: Int) in SIMD16<UInt8>(repeating: k < others.count ? others[k] : pad) }
        (limit, e0, e1, e2, e3, e4, e5) = (SIMD16(repeating: low), splat(0), splat(1), splat(2), splat(3), splat(4), splat(5))
        table = ByteSet(stops)
    }

    /// The position of the first stop byte in `p[i..<n]`, or `n`.
    @inline(__always)
    func first(in p: UnsafePointer<UInt8>, from i: Int, to n: Int) -> Int {
        var i = i
        while vectorised && i &+ 16 <= n {
            let v = UnsafeRawPointer(p + i).loadUnaligned(as: SIMD16<UInt8>.self)
            let hit = (v .< limit) .| (v .== e0) .| (v .== e1) .| (v .== e2) .| (v .== e3) .| (v .== e4) .| (v .== e5)
            if any(hit) { return table.firstMember(in: p, from: i, to: i &+ 16) }
            i &+= 16
        }
        return table.firstMember(in: p, from: i, to: n)
    }
}

/// A byte-level escaping table for text formats whose special characters are all ASCII: each
/// ASCII byte maps to a replacement (or is copied), plus what to write for U+2028/U+2029 (line
/// and paragraph separators) and U+FFFE/U+FFFF (non-characters), the only non-ASCII code points
/// that need care.
///
/// A string is escaped straight into the output buffer (`appendInPlace`), with room for the worst
/// case checked once, and runs of ordinary bytes copied at once: most names and descriptions
/// need no escaping at all, and a 200,000-entry export escapes hundreds of megabytes.
final class ByteEscaper: @unchecked Sendable {  // immutable once made
    /// ASCII bytes replaced or dropped, and the lead bytes of U+2028, U+2029 (0xE2) and U+FFFE,
    /// U+FFFF (0xEF) when this escaper rewrites them.
    private let stops: VectorStops
    /// Replacements in slots of `slotSize` bytes: one per ASCII byte (only consulted for bytes in
    /// `stops`; empty: drop it), then U+2028, U+2029 and the non-characters.
    private let slots: UnsafeMutablePointer<UInt8>
    /// The length of each slot's replacement.
    private let lengths: UnsafeMutablePointer<Int>
    private static let slotSize = 8
    private static let lineSlot = 128, paragraphSlot = 129, nonCharacterSlot = 130, slotCount = 131
    /// Whether U+2028/U+2029 and U+FFFE/U+FFFF are rewritten (else copied).
    private let rewritesSeparators: Bool
    private let rewritesNonCharacters: Bool
    /// The most bytes one input byte can become: escaping n bytes writes at most n × this.
    private let expansion: Int

    /// `replacing`: ASCII byte → text (`"": drop it`); `dropping`: ASCII bytes removed.
    init(replacing: [UInt8: String], dropping: [ClosedRange<UInt8>] = [], lineSeparator: String? = nil,
         paragraphSeparator: String? = nil, nonCharacter: String? = nil) {
        let slots = UnsafeMutablePointer<UInt8>.allocate(capacity: Self.slotCount * Self.slotSize)
        slots.initialize(repeating: 0, count: Self.slotCount * Self.slotSize)
        let lengths = UnsafeMutablePointer<Int>.allocate(capacity: Self.slotCount)
        lengths.initialize(repeating: 0, count: Self.slotCount)
        var expansion = 1
        func set(_ slot: Int, _ text: String, replacedBytes: Int) {
            let bytes = Array(text.utf8)
            precondition(bytes.count <= Self.slotSize, "replacements are at most \(Self.slotSize) bytes")
            (slots + slot * Self.slotSize).update(from: bytes, count: bytes.count)
            lengths[slot] = bytes.count
            expansion = max(expansion, (bytes.count + replacedBytes - 1) / replacedBytes)
        }
        var stops = dropping.flatMap { $0 }
        for (b, text) in replacing {
            precondition(b < 0x80, "only ASCII bytes can be replaced")
            set(Int(b), text, replacedBytes: 1)
            stops.append(b)
        }
        rewritesSeparators = lineSeparator != nil || paragraphSeparator != nil
        if rewritesSeparators {
            stops.append(0xE2)
            set(Self.lineSlot, lineSeparator ?? "\u{2028}", replacedBytes: 3)
            set(Self.paragraphSlot, paragraphSeparator ?? "\u{2029}", replacedBytes: 3)
        }
        rewritesNonCharacters = nonCharacter != nil
        if let nonCharacter {
            stops.append(0xEF)
            set(Self.nonCharacterSlot, nonCharacter, replacedBytes: 3)
        }
        self.stops = VectorStops(Set(stops))
        self.slots = slots
        self.lengths = lengths
        self.expansion = expansion
    }

    deinit {
        slots.deallocate()
        lengths.deallocate()
    }

    /// Whether escaping would change `utf8` (else it can be copied as it is).
    func changes(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let p = utf8.baseAddress else { return false }
        return stops.first(in: p, from: 0, to: utf8.count) < utf8.count
    }

    /// `utf8` escaped into `out`, between two `quote` bytes when one is given.
    @inline(__always)
    func escape(_ utf8: UnsafeBufferPointer<UInt8>, into out: inout OutputBuffer, quote: UInt8? = nil) {
        out.appendInPlace(atMost: utf8.count &* expansion &+ 2) { target in
            guard let quote else { return escape(utf8, to: target) }
            target[0] = quote
            let n = escape(utf8, to: target + 1) &+ 1
            target[n] = quote
            return n &+ 1
        }
    }

    /// `utf8` escaped into `target`, which has room for `utf8.count × expansion` bytes; returns
    /// how many bytes it wrote.
    private func escape(_ utf8: UnsafeBufferPointer<UInt8>, to target: UnsafeMutablePointer<UInt8>) -> Int {
        guard let p = utf8.baseAddress else { return 0 }
        let n = utf8.count
        var written = 0
        var start = 0
        var i = 0
        while true {
            i = stops.first(in: p, from: i, to: n)
            guard i < n else { break }
            let (slot, width) = slot(at: i, in: p, count: n)
            guard slot >= 0 else { i &+= width; continue }
            OutputBuffer.copy(p + start, to: target + written, count: i &- start)
            written &+= i &- start
            let length = lengths[slot]
            (target + written).update(from: slots + slot &* Self.slotSize, count: length)
            written &+= length
            i &+= width
            start = i
        }
        OutputBuffer.copy(p + start, to: target + written, count: n &- start)
        return written &+ (n &- start)
    }

    /// The slot of what replaces the special byte at `i` (-1: copy it), and how many bytes it
    /// replaces.
    @inline(__always)
    private func slot(at i: Int, in p: UnsafePointer<UInt8>, count n: Int) -> (Int, Int) {
        let b = p[i]
        if b < 0x80 { return (Int(b), 1) }
        if rewritesSeparators, b == 0xE2, i &+ 2 < n, p[i &+ 1] == 0x80, p[i &+ 2] == 0xA8 || p[i &+ 2] == 0xA9 {
            return (p[i &+ 2] == 0xA8 ? Self.lineSlot : Self.paragraphSlot, 3)
        }
        if rewritesNonCharacters, b == 0xEF, i &+ 2 < n, p[i &+ 1] == 0xBF, p[i &+ 2] == 0xBE || p[i &+ 2] == 0xBF {
            return (Self.nonCharacterSlot, 3)
        }
        return (-1, 1)
    }
}

extension OutputBuffer {
    /// `s` escaped, between two `quote` bytes when one is given. Reads native strings' bytes in
    /// place (`withUTF8` would need a copy of `s` to mutate).
    @inline(__always)
    mutating func append(_ s: String, escaping escaper: ByteEscaper, quote: UInt8? = nil) {
        let done: Void? = s.utf8.withContiguousStorageIfAvailable { escaper.escape($0, into: &self, quote: quote) }
        guard done == nil else { return }
        var s = s
        s.withUTF8 { escaper.escape($0, into: &self, quote: quote) }
    }

    /// A decimal integer, without going through a `String`. One digit (most columns) is one
    /// byte; longer numbers are written by `appendDigits`.
    @inline(__always)
    mutating func appendDecimal(_ value: Int) {
        if UInt(bitPattern: value) < 10 {
            append(byte: UInt8(truncatingIfNeeded: value) &+ 0x30)
        } else {
            appendDigits(value)
        }
    }

    /// `appendDecimal`, digits written straight into the buffer, last first, two at a time from a
    /// table of the hundred digit pairs (one division per pair; line and column numbers are most
    /// of the integers written).
    private mutating func appendDigits(_ value: Int) {
        let magnitude = value.magnitude
        let length = Self.decimalLength(magnitude) &+ (value < 0 ? 1 : 0)
        appendInPlace(atMost: 21) { p in
            if value < 0 { p[0] = 0x2D }
            Self.digitPairs.withUTF8Buffer { pairs in
                var v = magnitude, k = length
                while v >= 100 {
                    let pair = Int(v % 100) &* 2
                    v /= 100
                    k &-= 2
                    p[k] = pairs[pair]
                    p[k &+ 1] = pairs[pair &+ 1]
                }
                if v >= 10 {
                    p[k &- 2] = pairs[Int(v) &* 2]
                    p[k &- 1] = pairs[Int(v) &* 2 &+ 1]
                } else {
                    p[k &- 1] = UInt8(truncatingIfNeeded: v) &+ 0x30
                }
            }
            return length
        }
    }

    /// "00", "01", … "99" end to end.
    private static var digitPairs: StaticString {
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"
    }

    /// The number of decimal digits of `v`.
    @inline(__always)
    static func decimalLength(_ v: UInt) -> Int {
        var length = 1
        var bound: UInt = 10
        while v >= bound {
            length &+= 1
            if length == 20 { break }  // 10^20 does not fit: v has 20 digits
            bound &*= 10
        }
        return length
    }

    /// Text escaped for XML 1.0 content or a double-quoted attribute: `&` `<` `>` `"` `'` as
    /// entities; tab, line feed and carriage return as character references (so that attribute
    /// normalisation and line-end handling keep them); characters XML 1.0 forbids (C0 controls,
    /// U+FFFE, U+FFFF) dropped, since no parser accepts them even as references.
    ///
    /// ```swift
    /// out.appendXMLEscaped("a < b & \"c\"\u{1}")   // a &lt; b &amp; &quot;c&quot;
    /// ```
    public mutating func appendXMLEscaped(_ s: String) {
        append(s, escaping: Self.xml)
    }

    static let xml = ByteEscaper(
        replacing: [0x26: "&amp;", 0x3C: "&lt;", 0x3E: "&gt;", 0x22: "&quot;", 0x27: "&apos;",
                    0x09: "&#9;", 0x0A: "&#10;", 0x0D: "&#13;"],
        dropping: [0x00...0x1F], nonCharacter: "")

    /// RFC 8259 string escapes, `<` as `\u003c` (no `</script>` breakout) and U+2028/U+2029 as
    /// `\u2028`/`\u2029` (JavaScript line terminators).
    static let json: ByteEscaper = {
        let hex = Array("0123456789abcdef")
        var replacing: [UInt8: String] = [:]
        for b in UInt8(0)..<0x20 { replacing[b] = "\\u00" + String(hex[Int(b >> 4)]) + String(hex[Int(b & 0xF)]) }
        replacing[0x22] = "\\\""
        replacing[0x5C] = "\\\\"
        replacing[0x0A] = "\\n"
        replacing[0x0D] = "\\r"
        replacing[0x09] = "\\t"
        replacing[0x3C] = "\\u003c"
        return ByteEscaper(replacing: replacing, lineSeparator: "\\u2028", paragraphSeparator: "\\u2029")
    }()
}

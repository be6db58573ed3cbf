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

/// A byte-level escaping table for text formats whose special characters are all ASCII: each
/// ASCII byte maps to a replacement (or is copied), plus what to write for U+2028/U+2029 (line
/// and paragraph separators) and U+FFFE/U+FFFF (non-characters), the only non-ASCII code points
/// that need care.
///
/// Escaping copies runs of ordinary bytes with one `memcpy` each: most names and descriptions
/// need no escaping at all, and a 200,000-entry export escapes hundreds of megabytes.
final class ByteEscaper: @unchecked Sendable {  // immutable once made
    /// ASCII bytes replaced or dropped, and the lead bytes of U+2028, U+2029 (0xE2) and U+FFFE,
    /// U+FFFF (0xEF) when this escaper rewrites them.
    private let stops: ByteSet
    /// Replacement per ASCII byte (empty: drop it); only consulted for bytes in `stops`.
    private let table: [[UInt8]]
    /// Written for U+2028 and U+2029; nil copies them.
    private let lineSeparator: [UInt8]?
    private let paragraphSeparator: [UInt8]?
    /// Written for U+FFFE and U+FFFF; nil copies them.
    private let nonCharacter: [UInt8]?

    /// `replacing`: ASCII byte → text (`"": drop it`); `dropping`: ASCII bytes removed.
    init(replacing: [UInt8: String], dropping: [ClosedRange<UInt8>] = [], lineSeparator: String? = nil,
         paragraphSeparator: String? = nil, nonCharacter: String? = nil) {
        var table = [[UInt8]](repeating: [], count: 128)
        var stops = dropping.flatMap { $0 }
        for (b, text) in replacing {
            precondition(b < 0x80, "only ASCII bytes can be replaced")
            table[Int(b)] = Array(text.utf8)
            stops.append(b)
        }
        if lineSeparator != nil || paragraphSeparator != nil { stops.append(0xE2) }
        if nonCharacter != nil { stops.append(0xEF) }
        self.stops = ByteSet(stops)
        self.table = table
        self.lineSeparator = lineSeparator.map { Array($0.utf8) }
        self.paragraphSeparator = paragraphSeparator.map { Array($0.utf8) }
        self.nonCharacter = nonCharacter.map { Array($0.utf8) }
    }

    /// `utf8` escaped into `out`.
    func escape(_ utf8: UnsafeBufferPointer<UInt8>, into out: inout OutputBuffer) {
        guard let p = utf8.baseAddress else { return }
        let n = utf8.count
        var start = 0
        var i = 0
        while true {
            i = stops.firstMember(in: p, from: i, to: n)
            guard i < n else { break }
            let (replacement, width) = replacement(at: i, in: p, count: n)
            guard let replacement else { i &+= width; continue }
            out.append(p + start, count: i &- start)
            replacement.withUnsafeBufferPointer { out.append($0) }
            i &+= width
            start = i
        }
        out.append(p + start, count: n &- start)
    }

    /// What replaces the special byte at `i`, and how many bytes it replaces (nil: copy them).
    private func replacement(at i: Int, in p: UnsafePointer<UInt8>, count n: Int) -> ([UInt8]?, Int) {
        let b = p[i]
        if b < 0x80 { return (table[Int(b)], 1) }
        if b == 0xE2, i + 2 < n, p[i + 1] == 0x80, p[i + 2] == 0xA8 || p[i + 2] == 0xA9 {
            return (p[i + 2] == 0xA8 ? lineSeparator : paragraphSeparator, 3)
        }
        if b == 0xEF, i + 2 < n, p[i + 1] == 0xBF, p[i + 2] == 0xBE || p[i + 2] == 0xBF {
            return (nonCharacter, 3)
        }
        return (nil, 1)
    }
}

extension OutputBuffer {
    mutating func append(_ s: String, escaping escaper: ByteEscaper) {
        var s = s
        s.withUTF8 { escaper.escape($0, into: &self) }
    }

    /// A decimal integer, without going through a `String`.
    mutating func appendDecimal(_ value: Int) {
        if value < 0 { append(byte: 0x2D) }
        var v = value.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: room for 20 digits
        withUnsafeMutableBytes(of: &digits) { buffer in
            var start = 24
            repeat {
                start -= 1
                buffer[start] = UInt8(truncatingIfNeeded: v % 10) + 0x30
                v /= 10
            } while v > 0
            append(buffer.baseAddress!.assumingMemoryBound(to: UInt8.self) + start, count: 24 - start)
        }
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

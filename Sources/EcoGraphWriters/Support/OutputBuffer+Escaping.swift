/// A byte-level escaping table for text formats whose special characters are all ASCII: each
/// ASCII byte maps to a replacement (or is copied), plus what to write for U+2028/U+2029 (line
/// and paragraph separators) and U+FFFE/U+FFFF (non-characters), the only non-ASCII code points
/// that need care.
///
/// Escaping copies runs of ordinary bytes with one `memcpy` each and looks at a 128-bit mask per
/// byte: most names and descriptions need no escaping at all, and a 200,000-entry export escapes
/// hundreds of megabytes.
struct ByteEscaper: Sendable {
    /// Replacement per ASCII byte (empty: drop it); only consulted where `special` is set.
    let table: [[UInt8]]
    /// Bit b of (low, high) is set when ASCII byte b is replaced or dropped.
    let special: (low: UInt64, high: UInt64)
    /// Written for U+2028 and U+2029; nil copies them.
    let lineSeparator: [UInt8]?
    let paragraphSeparator: [UInt8]?
    /// Written for U+FFFE and U+FFFF; nil copies them.
    let nonCharacter: [UInt8]?

    /// `replacing`: ASCII byte → text (`"": drop it`); `dropping`: ASCII bytes removed.
    init(replacing: [UInt8: String], dropping: [ClosedRange<UInt8>] = [], lineSeparator: String? = nil,
         paragraphSeparator: String? = nil, nonCharacter: String? = nil) {
        var table = [[UInt8]](repeating: [], count: 128)
        var low: UInt64 = 0, high: UInt64 = 0
        func mark(_ b: UInt8) { if b < 64 { low |= 1 << UInt64(b) } else { high |= 1 << UInt64(b - 64) } }
        for range in dropping { for b in range { mark(b) } }
        for (b, text) in replacing {
            precondition(b < 0x80, "only ASCII bytes can be replaced")
            table[Int(b)] = Array(text.utf8)
            mark(b)
        }
        self.table = table
        special = (low, high)
        self.lineSeparator = lineSeparator.map { Array($0.utf8) }
        self.paragraphSeparator = paragraphSeparator.map { Array($0.utf8) }
        self.nonCharacter = nonCharacter.map { Array($0.utf8) }
    }

    @inline(__always)
    func isSpecial(_ b: UInt8) -> Bool {
        b < 64 ? special.low & (1 << UInt64(b)) != 0 : special.high & (1 << UInt64(b &- 64)) != 0
    }
}

extension OutputBuffer {
    mutating func append(_ s: String, escaping escaper: ByteEscaper) {
        var s = s
        s.withUTF8 { utf8 in
            var start = 0
            var i = 0
            let n = utf8.count
            while i < n {
                let b = utf8[i]
                var replacement: [UInt8]? = nil
                var width = 1
                if b < 0x80 {
                    guard escaper.isSpecial(b) else { i += 1; continue }
                    replacement = escaper.table[Int(b)]
                } else if b == 0xE2, i + 2 < n, utf8[i + 1] == 0x80, utf8[i + 2] == 0xA8 || utf8[i + 2] == 0xA9 {
                    replacement = utf8[i + 2] == 0xA8 ? escaper.lineSeparator : escaper.paragraphSeparator
                    width = 3
                } else if b == 0xEF, i + 2 < n, utf8[i + 1] == 0xBF, utf8[i + 2] == 0xBE || utf8[i + 2] == 0xBF {
                    replacement = escaper.nonCharacter
                    width = 3
                }
                guard let replacement else { i += width; continue }
                if start < i { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<i])) }
                bytes.append(contentsOf: replacement)
                i += width
                start = i
            }
            if start < n { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<n])) }
        }
    }

    /// A decimal integer, without going through a `String`.
    mutating func appendDecimal(_ value: Int) {
        if value < 0 { bytes.append(0x2D) }
        var v = value.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[19 - count] = UInt8(truncatingIfNeeded: v % 10) + 0x30
                v /= 10
                count += 1
            } while v > 0
            bytes.append(contentsOf: buffer[(20 - count)...])
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

/// A byte-level escaping table for text formats whose special characters are all ASCII: each
/// byte maps to a replacement (nil: copy it), plus what to write for U+2028/U+2029 (line and
/// paragraph separators) and U+FFFE/U+FFFF (non-characters), the only non-ASCII code points that
/// need care. Working on UTF-8 bytes keeps escaping allocation-free.
struct ByteEscaper: Sendable {
    var table: [[UInt8]?]
    /// Written for U+2028 and U+2029; nil copies them.
    var separators: [UInt8]?
    /// Written for U+FFFE and U+FFFF; nil copies them.
    var nonCharacters: [UInt8]?

    /// `replacing`: byte → text; `dropping`: bytes removed.
    init(replacing: [UInt8: String], dropping: [ClosedRange<UInt8>], separators: String?, nonCharacters: String?) {
        var table = [[UInt8]?](repeating: nil, count: 256)
        for range in dropping { for b in range { table[Int(b)] = [] } }
        for (b, text) in replacing { table[Int(b)] = Array(text.utf8) }
        self.table = table
        self.separators = separators.map { Array($0.utf8) }
        self.nonCharacters = nonCharacters.map { Array($0.utf8) }
    }
}

extension OutputBuffer {
    mutating func append(_ s: String, escaping escaper: ByteEscaper) {
        var s = s
        s.withUTF8 { utf8 in
            var i = 0
            let n = utf8.count
            while i < n {
                let b = utf8[i]
                if let r = escaper.table[Int(b)] {
                    bytes.append(contentsOf: r)
                } else if b == 0xE2, let r = escaper.separators, i + 2 < n, utf8[i + 1] == 0x80, utf8[i + 2] == 0xA8 || utf8[i + 2] == 0xA9 {
                    bytes.append(contentsOf: r)
                    i += 2
                } else if b == 0xEF, let r = escaper.nonCharacters, i + 2 < n, utf8[i + 1] == 0xBF, utf8[i + 2] == 0xBE || utf8[i + 2] == 0xBF {
                    bytes.append(contentsOf: r)
                    i += 2
                } else {
                    bytes.append(b)
                }
                i += 1
            }
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
        dropping: [0x00...0x1F], separators: nil, nonCharacters: "")
}

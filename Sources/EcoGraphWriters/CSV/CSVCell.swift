import EcoGraph

/// One CSV cell: RFC 4180 quoting (a cell with a comma, a quote, a line break or a leading or
/// trailing space is quoted, quotes doubled), and, unless `raw`, formula neutralisation: a cell
/// that starts with `=`, `+`, `-`, `@`, a tab or a CR (or the full-width `＝` `＋` `－` `＠`) gets a
/// leading `'`, so that Excel, LibreOffice and Google Sheets show it as text instead of running it
/// (OWASP "CSV injection").
///
/// Cells are written straight into the buffer, byte by byte: no intermediate `String`s, since a
/// 200,000-entry export writes millions of cells.
///
/// ```swift
/// var out = OutputBuffer()
/// CSVCell.append("=HYPERLINK(\"x\")", into: &out, raw: false)   // "'=HYPERLINK(""x"")"
/// CSVCell.append(list: ["Go", "C"], into: &out, raw: false)     // Go; C
/// ```
public enum CSVCell {
    /// Separator of list values inside one cell.
    public static let listSeparator = "; "
    /// `listSeparator`, for appending as bytes.
    static let listSeparatorBytes: StaticString = "; "

    public static func append(_ value: String, into out: inout OutputBuffer, raw: Bool) {
        var value = value
        value.withUTF8 { append(utf8: $0, into: &out, raw: raw) }
    }

    /// `append(_:into:raw:)` of the text whose UTF-8 bytes `text` holds.
    static func append(utf8 text: UnsafeBufferPointer<UInt8>, into out: inout OutputBuffer, raw: Bool) {
        guard let first = text.first else { return }
        let quoted = needsQuotes(first: first, last: text.last!) || hasQuoteTrigger(text)
        open(quoted: quoted, neutralised: !raw && startsFormula(text), &out)
        appendText(text, quoted: quoted, &out)
        if quoted { out.append(byte: 0x22) }
    }

    /// The cell `append(URLHost.host(url))` writes, for a URL given as UTF-8, with no `String`
    /// made.
    static func appendHost(ofURL url: UnsafeBufferPointer<UInt8>, into out: inout OutputBuffer, raw: Bool) {
        guard let bounds = URLHost.hostBounds(url), !bounds.isEmpty else { return }
        let host = UnsafeBufferPointer(rebasing: url[bounds])
        // Most hosts are lower-case letters, digits, dots and dashes, not starting with a dash:
        // a cell of their own bytes (nothing to lower-case, quote or neutralise).
        if host[0] != 0x2D && !unplainHostBytes.occurs(in: host) {
            out.append(host)
            return
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bounds.count) { host in
            for k in bounds { host[k - bounds.lowerBound] = URLHost.lowerCased(url[k]) }
            append(utf8: UnsafeBufferPointer(host), into: &out, raw: raw)
        }
    }

    /// The bytes other than lower-case letters, digits, dots and dashes (a host without them is
    /// written as it is).
    private static let unplainHostBytes = ByteSet((0...255).filter { b in
        !((0x61...0x7A).contains(b) || (0x30...0x39).contains(b) || b == 0x2E || b == 0x2D)
    }.map(UInt8.init))

    /// A list of values joined with `; ` as one cell (nothing when every value is empty).
    public static func append(list: [String], into out: inout OutputBuffer, raw: Bool) {
        guard list.contains(where: { !$0.isEmpty }) else { return }
        // The joined text starts with the separator when the first value is empty, and ends
        // with it when the last one is.
        var first = list[0], last = list[list.count - 1]
        if first.isEmpty { first = listSeparator }
        if last.isEmpty { last = listSeparator }
        let neutralised = !raw && first.withUTF8(startsFormula)
        var quoted = needsQuotes(first: first.utf8.first!, last: last.utf8.last!)
        if !quoted {
            for i in list.indices where hasQuoteTrigger(list[i]) {
                quoted = true
                break
            }
        }
        open(quoted: quoted, neutralised: neutralised, &out)
        for i in list.indices {
            if i > 0 { out.append(listSeparatorBytes) }
            var value = list[i]
            value.withUTF8 { appendText($0, quoted: quoted, &out) }
        }
        if quoted { out.append(byte: 0x22) }
    }

    /// Whether text starting with `utf8` is read as a formula: `=`, `+`, `-`, `@`, tab, CR, or
    /// the full-width `＝` `＋` `－` `＠` (U+FF1D, U+FF0B, U+FF0D, U+FF20: EF BC 9D/8B/8D/A0).
    static func startsFormula(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let b = utf8.first else { return false }
        switch b {
        case 0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D: return true
        case 0xEF:
            guard utf8.count >= 3, utf8[1] == 0xBC else { return false }
            return utf8[2] == 0x9D || utf8[2] == 0x8B || utf8[2] == 0x8D || utf8[2] == 0xA0
        default: return false
        }
    }

    /// Leading and trailing spaces are quoted: spreadsheets and some parsers trim them otherwise.
    private static func needsQuotes(first: UInt8, last: UInt8) -> Bool { first == 0x20 || last == 0x20 }

    /// A comma, a quote or a line break: the cell must be quoted.
    static let quoteTriggers = ByteSet([0x2C, 0x22, 0x0A, 0x0D])

    private static func hasQuoteTrigger(_ s: String) -> Bool {
        var s = s
        return s.withUTF8(hasQuoteTrigger)
    }

    /// `quoteTriggers.occurs(in: utf8)`, eight bytes at a time: a word with no byte below 0x0E
    /// (line breaks), no `"` and no `,` holds no trigger, found with a few word operations
    /// instead of a table look-up per byte (descriptions run to a hundred bytes and more).
    static func hasQuoteTrigger(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let p = UnsafeRawPointer(utf8.baseAddress) else { return false }
        let n = utf8.count
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        var i = 0
        while i &+ 8 <= n {
            let w = p.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            // Each term is non-zero exactly when some byte is below 0x0E, or is `"` or `,`
            // (a byte x ^ c is zero exactly when x == c).
            let (quote, comma) = (w ^ (ones &* 0x22), w ^ (ones &* 0x2C))
            let below = (w &- ones &* 0x0E) & ~w
            if (below | (quote &- ones) & ~quote | (comma &- ones) & ~comma) & highs != 0 {
                break  // maybe a trigger (or a tab…): the bytes decide
            }
            i &+= 8
        }
        return quoteTriggers.firstMember(in: p.assumingMemoryBound(to: UInt8.self), from: i, to: n) < n
    }

    private static func open(quoted: Bool, neutralised: Bool, _ out: inout OutputBuffer) {
        if quoted { out.append(byte: 0x22) }
        if neutralised { out.append(byte: 0x27) }
    }

    private static func appendText(_ text: UnsafeBufferPointer<UInt8>, quoted: Bool, _ out: inout OutputBuffer) {
        if quoted { doubledQuotes.escape(text, into: &out) } else { out.append(text) }
    }

    static let doubledQuotes = ByteEscaper(replacing: [0x22: "\"\""])

    /// The end of a record (RFC 4180: CRLF).
    public static func endRecord(into out: inout OutputBuffer) { out.append("\r\n" as StaticString) }

    /// A header or record of plain cells.
    public static func appendRecord(_ cells: [String], into out: inout OutputBuffer, raw: Bool) {
        for (i, c) in cells.enumerated() {
            if i > 0 { out.append(byte: 0x2C) }
            append(c, into: &out, raw: raw)
        }
        endRecord(into: &out)
    }
}

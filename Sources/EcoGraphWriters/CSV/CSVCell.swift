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
    /// `=`, `+`, `-`, `@`, tab, CR and the full-width `＝` `＋` `－` `＠` (a switch: this runs per cell).
    static func isFormulaStart(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠": return true
        default: return false
        }
    }

    /// Separator of list values inside one cell.
    public static let listSeparator = "; "

    public static func append(_ value: String, into out: inout OutputBuffer, raw: Bool) {
        append(parts: CollectionOfOne(value), separator: "", into: &out, raw: raw)
    }

    /// A list of values joined with `; ` as one cell.
    public static func append(list: [String], into out: inout OutputBuffer, raw: Bool) {
        append(parts: list, separator: listSeparator, into: &out, raw: raw)
    }

    /// Writes `parts` joined by `separator` as one cell, as if the joined string were written.
    static func append<C: BidirectionalCollection>(parts: C, separator: String, into out: inout OutputBuffer, raw: Bool)
    where C.Element == String {
        guard let firstPart = parts.first(where: { !$0.isEmpty }) else { return }
        // The joined text starts with the separator when the first part is empty.
        let first = parts.first!.isEmpty && parts.count > 1 && !separator.isEmpty
            ? separator.unicodeScalars.first! : firstPart.unicodeScalars.first!
        let neutralise = !raw && isFormulaStart(first)
        // Leading and trailing spaces are quoted: spreadsheets and some parsers trim them otherwise.
        let lastByte = parts.last!.isEmpty ? separator.utf8.last : parts.last!.utf8.last
        var needsQuotes = first == " " || lastByte == 0x20
        if !needsQuotes {
            for p in parts where hasSpecial(p) {
                needsQuotes = true
                break
            }
        }
        if needsQuotes { out.append(byte: 0x22) }
        if neutralise { out.append(byte: 0x27) }
        var firstDone = false
        for p in parts {
            if firstDone { out.append(separator) }
            firstDone = true
            if needsQuotes { appendDoublingQuotes(p, into: &out) } else { out.append(p) }
        }
        if needsQuotes { out.append(byte: 0x22) }
    }

    /// A comma, a quote or a line break.
    private static func hasSpecial(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { utf8 in
            for b in utf8 where b == 0x2C || b == 0x22 || b == 0x0A || b == 0x0D { return true }
            return false
        }
    }

    private static func appendDoublingQuotes(_ s: String, into out: inout OutputBuffer) {
        out.append(s, escaping: doubledQuotes)
    }

    static let doubledQuotes = ByteEscaper(replacing: [0x22: "\"\""])

    /// The end of a record (RFC 4180: CRLF).
    public static func endRecord(into out: inout OutputBuffer) {
        out.append(byte: 0x0D)
        out.append(byte: 0x0A)
    }

    /// A header or record of plain cells.
    public static func appendRecord(_ cells: [String], into out: inout OutputBuffer, raw: Bool) {
        for (i, c) in cells.enumerated() {
            if i > 0 { out.append(byte: 0x2C) }
            append(c, into: &out, raw: raw)
        }
        endRecord(into: &out)
    }
}

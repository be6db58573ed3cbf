import EcoGraph
import EcoGraphWriters
import Testing

/// The byte-level fast paths (run scanning eight bytes a step, cells decided on bytes) against
/// plain specifications written on Unicode scalars, on many random strings of awkward pieces.
@Suite("Fast paths match their specification")
struct FastPathTests {
    /// Pieces that need escaping, quoting or neutralising somewhere, and ordinary ones; strings of
    /// up to 24 pieces cross the eight-byte steps of the scanner at every offset.
    static let pieces = ["a", "bc", "defghij", " ", ",", "\"", "'", "\\", "<", ">", "&", "\n", "\r", "\r\n", "\t",
                         "\u{1}", "\u{1F}", "\u{7F}", "=", "+", "-", "@", "＝", "＋", "－", "＠", "; ", "中", "é",
                         "—", "\u{2028}", "\u{2029}", "\u{FFFE}", "\u{FFFF}", "\u{FFFD}", "🚀", "\u{E2}"]

    /// A small deterministic generator (the same strings on every run).
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static func strings(_ count: Int, seed: UInt64) -> [String] {
        var g = Generator(state: seed)
        return (0..<count).map { _ in
            (0..<Int.random(in: 0...24, using: &g)).map { _ in pieces.randomElement(using: &g)! }.joined()
        }
    }

    static func text(_ write: (inout OutputBuffer) -> Void) -> String {
        var out = OutputBuffer(capacity: 16)  // small, so that long strings cross the staging area
        write(&out)
        return String(decoding: out.bytes, as: UTF8.self)
    }

    /// `s` with each scalar replaced by `rule(scalar)` (nil: kept as it is).
    static func mapped(_ s: String, _ rule: (Unicode.Scalar) -> String?) -> String {
        var out = ""
        for c in s.unicodeScalars {
            if let replacement = rule(c) { out += replacement } else { out.unicodeScalars.append(c) }
        }
        return out
    }

    static let xmlEntities: [Unicode.Scalar: String] = [
        "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&apos;", "\t": "&#9;", "\n": "&#10;", "\r": "&#13;",
    ]

    /// Entities; other C0 controls, U+FFFE and U+FFFF dropped.
    static func xmlSpec(_ s: String) -> String {
        mapped(s) { c in xmlEntities[c] ?? (c.value < 0x20 || c == "\u{FFFE}" || c == "\u{FFFF}" ? "" : nil) }
    }

    static let jsonEscapes: [Unicode.Scalar: String] = [
        "\"": "\\\"", "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "<": "\\u003c",
        "\u{2028}": "\\u2028", "\u{2029}": "\\u2029",
    ]

    /// Short escapes; other C0 controls as `\u00xx`.
    static func jsonSpec(_ s: String) -> String {
        let hex = Array("0123456789abcdef")
        return "\"" + mapped(s) { c in
            jsonEscapes[c] ?? (c.value < 0x20 ? "\\u00" + String(hex[Int(c.value >> 4)]) + String(hex[Int(c.value & 0xF)]) : nil)
        } + "\""
    }

    /// RFC 4180 and formula neutralisation, on the joined text as a whole.
    static func csvSpec(_ parts: [String], raw: Bool) -> String {
        guard parts.contains(where: { !$0.isEmpty }) else { return "" }
        let text = parts.joined(separator: CSVCell.listSeparator)
        let first = text.unicodeScalars.first!
        let neutralised = !raw && ["=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠"].contains(first)
        let quoted = first == " " || text.utf8.last == 0x20 || text.utf8.contains { [0x2C, 0x22, 0x0A, 0x0D].contains($0) }
        var body = ""
        for c in text.unicodeScalars {
            if quoted && c == "\"" { body += "\"" }
            body.unicodeScalars.append(c)
        }
        return (quoted ? "\"" : "") + (neutralised ? "'" : "") + body + (quoted ? "\"" : "")
    }

    @Test func xmlEscaping() {
        for s in Self.strings(3000, seed: 1) {
            #expect(Self.text { $0.appendXMLEscaped(s) } == Self.xmlSpec(s), "\(s.debugDescription)")
        }
    }

    @Test func jsonStrings() {
        for s in Self.strings(3000, seed: 2) {
            #expect(Self.text { $0.appendJSONString(s) } == Self.jsonSpec(s), "\(s.debugDescription)")
        }
    }

    /// Escaped strings written one after another into one buffer: escapes land at every offset
    /// of the staging area (room checked once per string, settling when it is short), into a
    /// stage a copy of the buffer shares, and past the staging area's size.
    @Test func escapingAcrossTheStagingArea() {
        let all = Self.strings(3000, seed: 4) + [String(repeating: "a\"中\u{2028}<", count: 9000)]
        var json = OutputBuffer(capacity: 300)
        var xml = OutputBuffer(capacity: 300)
        var copies: [OutputBuffer] = []
        for (k, s) in all.enumerated() {
            if k % 100 == 0 { copies.append(json) }  // shares the stage until one of them writes
            json.appendJSONString(s)
            xml.appendXMLEscaped(s)
        }
        #expect(String(decoding: json.bytes, as: UTF8.self) == all.map(Self.jsonSpec).joined())
        #expect(String(decoding: xml.bytes, as: UTF8.self) == all.map(Self.xmlSpec).joined())
        for (k, var copy) in copies.enumerated() {
            copy.appendJSONString(all[0])
            #expect(String(decoding: copy.bytes, as: UTF8.self) == (all[..<(k * 100)] + [all[0]]).map(Self.jsonSpec).joined())
        }
    }

    @Test func csvCells() {
        let all = Self.strings(3000, seed: 3)
        for (k, s) in all.enumerated() {
            for raw in [false, true] {
                #expect(Self.text { CSVCell.append(s, into: &$0, raw: raw) } == Self.csvSpec([s], raw: raw), "\(s.debugDescription)")
                let list = Array(all[k..<min(all.count, k + k % 4)])
                #expect(Self.text { CSVCell.append(list: list, into: &$0, raw: raw) } == Self.csvSpec(list, raw: raw),
                        "\(list.debugDescription)")
            }
        }
        // Lists of empty values, and empty values first or last.
        for list in [[""], ["", ""], ["", "a"], ["a", ""], ["", " "], ["=", ""], ["", "=a"]] {
            #expect(Self.text { CSVCell.append(list: list, into: &$0, raw: false) } == Self.csvSpec(list, raw: false),
                    "\(list.debugDescription)")
        }
    }

    /// Copies of a buffer do not share what is written after the copy.
    @Test func copiesAreIndependent() {
        var a = OutputBuffer(capacity: 16)
        a.append("shared ")
        var b = a
        a.append("by a")
        b.append("by b")
        #expect(String(decoding: a.bytes, as: UTF8.self) == "shared by a")
        #expect(String(decoding: b.bytes, as: UTF8.self) == "shared by b")
        let long = String(repeating: "x", count: 100_000)
        a.append(long)
        #expect(a.count == 11 + 100_000 && a.bytes.suffix(3) == Array("xxx".utf8))
    }
}

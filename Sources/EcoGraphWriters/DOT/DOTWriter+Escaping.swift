extension DOTWriter {
    /// The one DOT-escaping function: `text` as a double-quoted DOT ID, quotes included.
    ///
    /// Every name, description, URL, class and attribute value the writer emits goes through it,
    /// so untrusted text can neither end the string nor inject a Graphviz escape sequence:
    /// - `"` → `\"` and `\` → `\\`, so `\N`, `\G`, `\L` … arrive as text, not as substitutions;
    /// - line breaks (`\r\n`, `\r`, `\n`) → `\n`, Graphviz's centred line break;
    /// - `&` → `&amp;`: Graphviz decodes HTML entities in labels and tooltips (so `&nbsp;` would
    ///   turn into U+00A0, and an unknown `&foo;` would reach the SVG undecoded and make it
    ///   malformed), and Graphviz 2.43 writes `&` of a URL into the SVG unescaped;
    /// - other control characters → a space, U+FFFE/U+FFFF → U+FFFD: XML 1.0 forbids them, and
    ///   Graphviz copies them into SVG as they are.
    ///
    /// Keywords (`graph`, `node`, `strict`, …) need nothing more: a quoted ID is never a keyword.
    ///
    /// ```swift
    /// DOTWriter.quoted(#"say "hi" \N"#)   // "\"say \\\"hi\\\" \\\\N\""
    /// ```
    public static func quoted(_ text: String) -> String {
        var out = OutputBuffer(capacity: text.utf8.count + 2)
        out.appendDOT(text)
        return String(decoding: out.bytes, as: UTF8.self)
    }

    /// Text for an HTML-like label (`<…>`): `&<>"'` as entities, line breaks and control
    /// characters as spaces. Graphviz parses HTML-like labels as XML, so this is all they need.
    ///
    /// ```swift
    /// DOTWriter.htmlEscaped("a<b> & 'c'")   // "a&lt;b&gt; &amp; &#39;c&#39;"
    /// ```
    public static func htmlEscaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: appendXMLSafe(scalar, to: &out)
            }
        }
        return out
    }

    /// `scalar`, or a space for a control character and U+FFFD for U+FFFE/U+FFFF: XML 1.0
    /// forbids them, and Graphviz copies them into SVG as they are.
    private static func appendXMLSafe(_ scalar: Unicode.Scalar, to out: inout String) {
        switch scalar.value {
        case 0..<0x20, 0x7F: out += " "
        case 0xFFFE, 0xFFFF: out.unicodeScalars.append("\u{FFFD}")
        default: out.unicodeScalars.append(scalar)
        }
    }

    /// Tooltip text before quoting. Graphviz 2.43 runs its `\N`/`\G`/`\E` substitution on a
    /// tooltip after it has already turned `\\` into `\`, so a tooltip needs its backslashes
    /// doubled once more than a label to stay text. (A Graphviz that substitutes once shows a
    /// doubled backslash: harmless, and still no injection.)
    static func tooltipText(_ text: String) -> String {
        // A byte scan first (most tooltips have no backslash): `contains` on Characters is slow.
        guard text.utf8.contains(UInt8(ascii: "\\")) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for ch in text { if ch == "\\" { out += "\\\\" } else { out.append(ch) } }
        return out
    }

    /// The link target for `url`, or nil when its scheme is not http, https or mailto (a
    /// `javascript:` or `data:` link in an SVG runs in the reader's browser). Characters that
    /// are not allowed raw in a URL are percent-encoded.
    ///
    /// ```swift
    /// DOTWriter.safeLink("https://nginx.org")      // "https://nginx.org"
    /// DOTWriter.safeLink("javascript:alert(1)")    // nil
    /// DOTWriter.safeLink(#"http://x/"a"\b"#)       // "http://x/%22a%22%5Cb"
    /// ```
    public static func safeLink(_ url: String) -> String? {
        // Control characters and spaces are refused outright: browsers strip tabs and newlines
        // from a URL, which would let "java\tscript:" through a prefix check.
        guard !url.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F }) else { return nil }
        let lower = url.lowercased()
        guard ["http://", "https://", "mailto:"].contains(where: { lower.hasPrefix($0) && lower.count > $0.count }) else { return nil }
        // Characters a URL may not contain raw (RFC 3986) and that Graphviz 2.43 copies into
        // the SVG attribute unescaped (`"`, `'`, `<`, `>`) or reads as an escape (`\`).
        var out = ""
        for scalar in url.unicodeScalars {
            switch scalar {
            case "\"", "'", "<", ">", "\\", "`", "{", "}", "|", "^":
                out += "%" + String(scalar.value, radix: 16, uppercase: true)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

extension OutputBuffer {
    /// Appends `text` as `DOTWriter.quoted` describes. Works on the UTF-8 bytes, with no
    /// `String` in between: quoting was most of the time of a detailed diagram. A `String` is
    /// valid UTF-8, so every special character is one ASCII byte, except U+FFFE and U+FFFF
    /// (EF BF BE, EF BF BF), which become U+FFFD (EF BF BD).
    mutating func appendDOT(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            append(byte: UInt8(ascii: "\""))
            var i = 0
            while i < utf8.count {
                let b = utf8[i]
                switch b {
                case UInt8(ascii: "\\"): append(byte: UInt8(ascii: "\\")); append(byte: b)
                case UInt8(ascii: "\""): append(byte: UInt8(ascii: "\\")); append(byte: b)
                case UInt8(ascii: "&"): append("&amp;")
                case UInt8(ascii: "\r"): append("\\n")
                case UInt8(ascii: "\n"): if i == 0 || utf8[i - 1] != UInt8(ascii: "\r") { append("\\n") }
                case 0..<0x20, 0x7F: append(byte: UInt8(ascii: " "))
                case 0xEF where i + 2 < utf8.count && utf8[i + 1] == 0xBF && utf8[i + 2] >= 0xBE:
                    append("\u{FFFD}")
                    i += 2
                default: append(byte: b)
                }
                i += 1
            }
            append(byte: UInt8(ascii: "\""))
        }
    }

    /// Appends ` [name="value", …]`, every value through `DOTWriter.quoted`. `htmlLabel`, when
    /// given, is markup the writer built from `DOTWriter.htmlEscaped` text and goes first as
    /// `label=<…>`; no other value is ever written unquoted.
    mutating func appendDOTAttributes(_ attributes: [(String, String)], htmlLabel: String? = nil) {
        append(" [")
        var first = true
        if let htmlLabel {
            append("label=<")
            append(htmlLabel)
            append(">")
            first = false
        }
        for (name, value) in attributes {
            if !first { append(", ") }
            first = false
            append(name)
            append("=")
            appendDOT(value)
        }
        append("]")
    }
}

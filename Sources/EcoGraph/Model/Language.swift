/// The canonical programming-language names and the spellings catalogs use for them.
public enum Language {
    /// Canonical names, in display order.
    public static let canonical: [String] = [
        "Go", "Java", "C", "C++", "C#", "F#", "Visual Basic", "Python", "Ruby", "JavaScript",
        "TypeScript", "Rust", "Scala", "Kotlin", "Groovy", "Clojure", "Erlang", "Elixir", "Haskell",
        "OCaml", "Lua", "PHP", "Perl", "Swift", "Objective-C", "Dart", "Zig", "Nim", "Crystal", "D",
        "R", "Julia", "Shell", "SQL", "Assembly", "Elm", "Fortran",
    ]

    /// Lower-cased spelling → canonical name. `.NET` entries of the catalogs are C# projects;
    /// `node` means JavaScript run on Node.js.
    public static let aliases: [String: String] = {
        var map: [String: String] = [:]
        for name in canonical { map[name.lowercased()] = name }
        let extra: [(String, String)] = [
            ("golang", "Go"), ("node", "JavaScript"), ("nodejs", "JavaScript"), ("node.js", "JavaScript"),
            ("js", "JavaScript"), ("javascript/node", "JavaScript"), ("ts", "TypeScript"),
            (".net", "C#"), ("dotnet", "C#"), ("csharp", "C#"), ("c sharp", "C#"), ("fsharp", "F#"),
            ("vb.net", "Visual Basic"), ("vb", "Visual Basic"), ("cpp", "C++"), ("c/c++", "C++"),
            ("python3", "Python"), ("py", "Python"), ("objc", "Objective-C"), ("objective c", "Objective-C"),
            ("bash", "Shell"), ("sh", "Shell"), ("rustlang", "Rust"), ("ocaml/reason", "OCaml"),
        ]
        for (k, v) in extra { map[k] = v }
        return map
    }()

    /// The canonical name for a spelling, or nil when it is not a known language.
    public static func canonicalName(_ spelling: String) -> String? {
        if let key = ASCIIKey.ascii(spelling, { lowercasedTrimmed($0[...]) }) { return aliases[key] }
        return aliases[spelling.trimmingSpaces().lowercased()]
    }

    /// ASCII bytes without surrounding white space, lower-cased: `trimmingSpaces().lowercased()`
    /// for ASCII text (the white space `trimmingSpaces` removes below U+0080 is tab … carriage
    /// return and space).
    static func lowercasedTrimmed(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> String {
        var lo = bytes.startIndex, hi = bytes.endIndex
        while lo < hi && ASCIIKey.isSpace(bytes[lo]) { lo += 1 }
        while hi > lo && ASCIIKey.isSpace(bytes[hi - 1]) { hi -= 1 }
        return String(unsafeUninitializedCapacity: hi - lo) { out in
            for i in lo..<hi { out[i - lo] = ASCIIKey.lower(bytes[i]) }
            return hi - lo
        }
    }

    /// Splits a link text into a language prefix and a name: `"Golang: Sonyflake"` →
    /// `("Golang", "Sonyflake")`. The prefix must be a known spelling, or one edit away from a
    /// canonical name when it is a single short word (`"Jave: X"`; the builder warns about it).
    /// `"schedulix - open source"` and `"Note: X"` keep their text as the name.
    public static func splitPrefix(_ text: String) -> (prefix: String?, name: String) {
        if let split = splitPrefixASCII(text) { return split }
        return General.splitPrefix(text)
    }

    /// `splitPrefix` on bytes for ASCII text without a carriage return (so that every byte is
    /// one `Character`), as nearly every link text is; nil for other text, and for a prefix
    /// that is not a known spelling (the rare case of the edit-distance test), which the
    /// general code decides.
    static func splitPrefixASCII(_ text: String) -> (prefix: String?, name: String)? {
        let split = ASCIIKey.ascii(text) { u -> (prefix: String?, name: String)? in
            guard let colon = u.firstIndex(of: 0x3A) else { return (nil, text) }
            guard !u.contains(0x0D) else { return nil }
            guard colon + 1 < u.count, u[colon + 1] == 0x20 || u[colon + 1] == 0x09 else { return (nil, text) }
            var lo = colon + 1, hi = u.count
            while lo < hi && ASCIIKey.isSpace(u[lo]) { lo += 1 }
            while hi > lo && ASCIIKey.isSpace(u[hi - 1]) { hi -= 1 }
            guard lo < hi, colon <= 20 else { return (nil, text) }
            guard aliases[lowercasedTrimmed(u[..<colon])] != nil else { return nil }
            var start = 0, end = colon
            while start < end && ASCIIKey.isSpace(u[start]) { start += 1 }
            while end > start && ASCIIKey.isSpace(u[end - 1]) { end -= 1 }
            return (String(decoding: UnsafeBufferPointer(rebasing: u[start..<end]), as: UTF8.self),
                    String(decoding: UnsafeBufferPointer(rebasing: u[lo..<hi]), as: UTF8.self))
        }
        return split ?? nil
    }

    /// `splitPrefix` for any text, character by character.
    enum General {
        static func splitPrefix(_ text: String) -> (prefix: String?, name: String) {
            guard let colon = text.firstIndex(of: ":") else { return (nil, text) }
            let head = text[..<colon]
            let rest = text[text.index(after: colon)...]
            guard let space = rest.first, space == " " || space == "\t" else { return (nil, text) }
            let name = String(rest).trimmingSpaces()
            guard !name.isEmpty, head.count <= 20 else { return (nil, text) }
            let prefix = String(head).trimmingSpaces()
            if canonicalName(prefix) != nil { return (prefix, name) }
            if !prefix.contains(" "), prefix.count >= 2, prefix.count <= 12,
               prefix.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || "+#.".unicodeScalars.contains($0) }),
               !Fuzzy.closest(prefix, among: canonical, maxDistance: 1).isEmpty,
               prefix.count > 2 {
                return (prefix, name)
            }
            return (nil, text)
        }
    }

    /// The closest canonical names to an unknown spelling (edit distance ≤ 2), best first.
    public static func suggestions(for spelling: String) -> [String] {
        Fuzzy.closest(spelling, among: canonical, maxDistance: 2)
    }
}

extension String {
    /// Trims ASCII and Unicode white space at both ends.
    public func trimmingSpaces() -> String {
        // Nothing to trim when the text starts and ends with an ASCII byte that is not white
        // space (the usual case): those bytes are whole scalars.
        if let f = utf8.first, let l = utf8.last, f < 0x80, l < 0x80, !ASCIIKey.isSpace(f), !ASCIIKey.isSpace(l) {
            return self
        }
        let onBytes: String? = utf8.withContiguousStorageIfAvailable { b in
            let r = UTF8Text.trimmed(b, 0, b.count)
            return r.count == b.count ? self : String(decoding: UnsafeBufferPointer(rebasing: b[r]), as: UTF8.self)
        }
        if let onBytes { return onBytes }
        var scalars = Substring(self).unicodeScalars
        while let f = scalars.first, f.properties.isWhitespace { scalars.removeFirst() }
        while let l = scalars.last, l.properties.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}

/// White space at the ends of valid UTF-8 text, found on its bytes: the reader trims text
/// it has as bytes, and `trimmingSpaces` uses it for native strings.
public enum UTF8Text {
    /// The range of `b[lo..<hi]` left after removing white space (Unicode `White_Space`, as
    /// `trimmingSpaces()` does) at both ends, decided one scalar at a time from the edges.
    public static func trimmed(_ b: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) -> Range<Int> {
        var lo = lo, hi = hi
        while lo < hi {
            let c = b[lo]
            if c < 0x80 {
                guard ASCIIKey.isSpace(c) else { break }
                lo += 1
            } else {
                let (scalar, length) = scalarStarting(b, at: lo)
                guard scalar.properties.isWhitespace else { break }
                lo += length
            }
        }
        while hi > lo {
            let c = b[hi - 1]
            if c < 0x80 {
                guard ASCIIKey.isSpace(c) else { break }
                hi -= 1
            } else {
                var start = hi - 1
                while b[start] & 0xC0 == 0x80 { start -= 1 }
                guard scalarStarting(b, at: start).scalar.properties.isWhitespace else { break }
                hi = start
            }
        }
        return lo..<hi
    }

    /// The scalar whose first byte is at `i`, and its length in bytes.
    public static func scalarStarting(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> (scalar: Unicode.Scalar, length: Int) {
        let c = UInt32(b[i])
        let value: UInt32, length: Int
        if c < 0x80 {
            value = c; length = 1
        } else if c < 0xE0 {
            value = (c & 0x1F) << 6 | UInt32(b[i + 1] & 0x3F); length = 2
        } else if c < 0xF0 {
            value = (c & 0x0F) << 12 | UInt32(b[i + 1] & 0x3F) << 6 | UInt32(b[i + 2] & 0x3F); length = 3
        } else {
            value = (c & 0x07) << 18 | UInt32(b[i + 1] & 0x3F) << 12 | UInt32(b[i + 2] & 0x3F) << 6 | UInt32(b[i + 3] & 0x3F)
            length = 4
        }
        return (Unicode.Scalar(value)!, length)
    }
}

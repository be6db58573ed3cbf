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
        aliases[spelling.trimmingSpaces().lowercased()]
    }

    /// Splits a link text into a language prefix and a name: `"Golang: Sonyflake"` →
    /// `("Golang", "Sonyflake")`. The prefix must be a known spelling, or one edit away from a
    /// canonical name when it is a single short word (`"Jave: X"`; the builder warns about it).
    /// `"schedulix - open source"` and `"Note: X"` keep their text as the name.
    public static func splitPrefix(_ text: String) -> (prefix: String?, name: String) {
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

    /// The closest canonical names to an unknown spelling (edit distance ≤ 2), best first.
    public static func suggestions(for spelling: String) -> [String] {
        Fuzzy.closest(spelling, among: canonical, maxDistance: 2)
    }
}

extension String {
    /// Trims ASCII and Unicode white space at both ends.
    public func trimmingSpaces() -> String {
        var scalars = Substring(self).unicodeScalars
        while let f = scalars.first, f.properties.isWhitespace { scalars.removeFirst() }
        while let l = scalars.last, l.properties.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}

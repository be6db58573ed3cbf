/// Normalised look-up keys for names and URLs: how "Zookeeper" finds "Apache Zookeeper",
/// "NGINX" finds "Nginx" and `https://github.com/nginx/nginx/` finds its entry.
public enum NameKey {
    /// Lower-cased, white space collapsed, surrounding punctuation trimmed.
    public static func exact(_ name: String) -> String {
        var out = ""
        out.reserveCapacity(name.utf8.count)
        var space = false
        for ch in name.lowercased().unicodeScalars {
            if ch.properties.isWhitespace { space = !out.isEmpty; continue }
            if space { out.unicodeScalars.append(" "); space = false }
            out.unicodeScalars.append(ch)
        }
        while let last = out.unicodeScalars.last, ".,;:!?\"'()[]".unicodeScalars.contains(last) {
            out.unicodeScalars.removeLast()
        }
        return out
    }

    /// Vendor prefixes that names carry or drop ("Apache Kafka" / "Kafka", "Google's Dapper").
    public static let vendorPrefixes: [String] = [
        "apache ", "google's ", "google ", "twitter's ", "twitter ", "netflix's ", "netflix ",
        "microsoft ", "alibaba's ", "alibaba ", "baidu ", "facebook's ", "facebook ", "the ",
        "tencent ", "uber ", "yahoo ", "hashicorp ", "linkedin ", "eclipse ", "sony ", "weibo ",
    ]

    /// The exact key without a vendor prefix, or nil when it has none.
    public static func withoutVendor(_ exactKey: String) -> String? {
        for p in vendorPrefixes where exactKey.hasPrefix(p) && exactKey.count > p.count + 1 {
            return String(exactKey.dropFirst(p.count))
        }
        return nil
    }

    /// Only letters and digits: "go-kit" ≈ "gokit", "Akka.net" ≈ "akkanet".
    public static func compact(_ exactKey: String) -> String {
        String(String.UnicodeScalarView(exactKey.unicodeScalars.filter {
            $0.properties.isAlphabetic || $0.properties.numericType != nil
        }))
    }

    /// `HTTPS://www.Example.org/a/` → `example.org/a`: scheme, `www.`, a trailing slash and a
    /// trailing `index.html` do not make two URLs different.
    public static func url(_ url: String) -> String {
        var s = Substring(url.trimmingSpaces())
        if let r = s.firstRange(of: "://") { s = s[r.upperBound...] }
        var lower = s.lowercased()
        if lower.hasPrefix("www.") { lower.removeFirst(4) }
        if lower.hasSuffix("/index.html") { lower.removeLast("index.html".count) }
        while lower.hasSuffix("/") { lower.removeLast() }
        return lower
    }
}

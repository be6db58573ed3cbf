/// Normalised look-up keys for names and URLs: how "Zookeeper" finds "Apache Zookeeper",
/// "NGINX" finds "Nginx" and `https://github.com/nginx/nginx/` finds its entry.
public enum NameKey {
    /// Lower-cased, white space collapsed, surrounding punctuation trimmed.
    public static func exact(_ name: String) -> String {
        ASCIIKey.exact(name) ?? General.exact(name)
    }

    /// Vendor prefixes that names carry or drop ("Apache Kafka" / "Kafka", "Google's Dapper").
    public static let vendorPrefixes: [String] = [
        "apache ", "google's ", "google ", "twitter's ", "twitter ", "netflix's ", "netflix ",
        "microsoft ", "alibaba's ", "alibaba ", "baidu ", "facebook's ", "facebook ", "the ",
        "tencent ", "uber ", "yahoo ", "hashicorp ", "linkedin ", "eclipse ", "sony ", "weibo ",
    ]

    /// The exact key without a vendor prefix, or nil when it has none.
    public static func withoutVendor(_ exactKey: String) -> String? {
        ASCIIKey.withoutVendor(exactKey) ?? General.withoutVendor(exactKey)
    }

    /// Only letters and digits: "go-kit" ≈ "gokit", "Akka.net" ≈ "akkanet".
    public static func compact(_ exactKey: String) -> String {
        ASCIIKey.compact(exactKey) ?? General.compact(exactKey)
    }

    /// `HTTPS://www.Example.org/a/` → `example.org/a`: scheme, `www.`, a trailing slash and a
    /// trailing `index.html` do not make two URLs different.
    public static func url(_ url: String) -> String {
        ASCIIKey.url(url) ?? General.url(url)
    }

    /// The keys for any text, scalar by scalar (`ASCIIKey` gives the same for ASCII, faster).
    enum General {
        static func exact(_ name: String) -> String {
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

        static func withoutVendor(_ exactKey: String) -> String? {
            for p in vendorPrefixes where exactKey.hasPrefix(p) && exactKey.count > p.count + 1 {
                return String(exactKey.dropFirst(p.count))
            }
            return nil
        }

        static func compact(_ exactKey: String) -> String {
            String(String.UnicodeScalarView(exactKey.unicodeScalars.filter {
                $0.properties.isAlphabetic || $0.properties.numericType != nil
            }))
        }

        static func url(_ url: String) -> String {
            var s = Substring(url.trimmingSpaces())
            if let r = s.firstRange(of: "://") { s = s[r.upperBound...] }
            var lower = s.lowercased()
            if lower.hasPrefix("www.") { lower.removeFirst(4) }
            if lower.hasSuffix("/index.html") { lower.removeLast("index.html".count) }
            while lower.hasSuffix("/") { lower.removeLast() }
            return lower
        }
    }
}

/// Byte-level versions of the `NameKey` functions for ASCII text, which is nearly every name and
/// URL: the same keys without Unicode property look-ups, which dominated building large
/// graphs. Each returns nil for non-ASCII input, which takes the general path.
enum ASCIIKey {
    @inline(__always) static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }
    @inline(__always) static func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }

    /// `.,;:!?"'()[]`
    @inline(__always) static func isTrailingPunctuation(_ b: UInt8) -> Bool {
        switch b {
        case 0x2E, 0x2C, 0x3B, 0x3A, 0x21, 0x3F, 0x22, 0x27, 0x28, 0x29, 0x5B, 0x5D: return true
        default: return false
        }
    }

    /// Runs `body` on the UTF-8 of `s` when it is all ASCII.
    @inline(__always) static func ascii<T>(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T? {
        var s = s
        return s.withUTF8 { utf8 -> T? in isASCII(utf8) ? body(utf8) : nil }
    }

    /// Whether every byte is below 0x80, tested eight bytes at a time.
    @inline(__always) static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        var i = 0
        var high: UInt64 = 0
        while i + 8 <= bytes.count {
            high |= raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            i += 8
        }
        while i < bytes.count { high |= UInt64(bytes[i]); i += 1 }
        return high & 0x8080_8080_8080_8080 == 0
    }

    static func exact(_ name: String) -> String? {
        ascii(name) { src in
            String(unsafeUninitializedCapacity: src.count) { out in
                var n = 0
                var space = false
                for b in src {
                    if isSpace(b) { space = n > 0; continue }
                    if space { out[n] = 0x20; n += 1; space = false }
                    out[n] = lower(b)
                    n += 1
                }
                while n > 0 && isTrailingPunctuation(out[n - 1]) { n -= 1 }
                return n
            }
        }
    }

    static func compact(_ exactKey: String) -> String? {
        ascii(exactKey) { src in
            String(unsafeUninitializedCapacity: src.count) { out in
                var n = 0
                for b in src where (b >= 0x30 && b <= 0x39) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) {
                    out[n] = b
                    n += 1
                }
                return n
            }
        }
    }

    /// nil when the key is not ASCII; `.some(nil)` when it has no vendor prefix.
    static func withoutVendor(_ exactKey: String) -> String?? {
        ascii(exactKey) { src -> String? in
            // The first byte rules out most prefixes before a comparison.
            guard let first = src.first, vendorPrefixFirstBytes.contains(first) else { return nil }
            for p in vendorPrefixBytes where src.count > p.count + 1 && p[0] == first && src.starts(with: p) {
                return String(decoding: UnsafeBufferPointer(rebasing: src[p.count...]), as: UTF8.self)
            }
            return nil
        }
    }

    static let vendorPrefixBytes: [[UInt8]] = NameKey.vendorPrefixes.map { Array($0.utf8) }
    static let vendorPrefixFirstBytes = ByteSet(vendorPrefixBytes.map { $0[0] })
    static let indexHTML: [UInt8] = Array("/index.html".utf8)

    static func url(_ url: String) -> String? {
        ascii(url) { src in
            var lo = 0, hi = src.count
            while lo < hi && isSpace(src[lo]) { lo += 1 }
            while hi > lo && isSpace(src[hi - 1]) { hi -= 1 }
            var k = lo
            while k + 3 <= hi {
                if src[k] == 0x3A && src[k + 1] == 0x2F && src[k + 2] == 0x2F { lo = k + 3; break }
                k += 1
            }
            return String(unsafeUninitializedCapacity: hi - lo) { out in
                var n = 0
                for i in lo..<hi { out[n] = lower(src[i]); n += 1 }
                var start = 0
                if n >= 4 && out[0] == 0x77 && out[1] == 0x77 && out[2] == 0x77 && out[3] == 0x2E { start = 4 }
                // The last byte rules out nearly every URL before the comparison.
                let index = indexHTML
                if n - start >= index.count && out[n - 1] == 0x6C && out[(n - index.count)..<n].elementsEqual(index) { n -= index.count - 1 }
                while n > start && out[n - 1] == 0x2F { n -= 1 }
                if start > 0 {
                    for i in start..<n { out[i - start] = out[i] }
                    n -= start
                }
                return n
            }
        }
    }
}

/// A set of bytes below 0x80 as two bit masks: a membership test without hashing.
struct ByteSet: Sendable {
    private var low: UInt64 = 0, high: UInt64 = 0

    init(_ bytes: some Sequence<UInt8>) {
        for b in bytes where b < 0x80 {
            if b < 0x40 { low |= 1 << UInt64(b) } else { high |= 1 << UInt64(b - 0x40) }
        }
    }

    @inline(__always) func contains(_ b: UInt8) -> Bool {
        b < 0x40 ? low >> UInt64(b) & 1 != 0 : b < 0x80 && high >> UInt64(b - 0x40) & 1 != 0
    }
}

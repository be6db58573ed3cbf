/// The host part of a URL, without Foundation's URL parser (which rejects many catalog URLs).
enum URLHost {
    /// `https://user@GitHub.com:443/a/b` → `github.com`; empty for a URL with no `//` authority
    /// (`javascript:…`, `mailto:…`). Works on the UTF-8 bytes in place: it runs once per entry.
    static func host(_ url: String) -> String {
        var url = url
        return url.withUTF8 { host(utf8: $0) }
    }

    /// `host` of the URL whose UTF-8 bytes are `utf8`.
    static func host(utf8: UnsafeBufferPointer<UInt8>) -> String {
        guard let bounds = hostBounds(utf8) else { return "" }
        // The ends are ASCII delimiters, so the bytes between are whole characters.
        return String(unsafeUninitializedCapacity: bounds.count) { host in
            for k in bounds { host[k - bounds.lowerBound] = lowerCased(utf8[k]) }
            return bounds.count
        }
    }

    /// Whether `bytes` (a URL's host as `hostBounds` finds it) are `lowerCaseHost` once
    /// lower-cased: `host(url) == lowerCaseHost` for an ASCII `lowerCaseHost`, without a `String`.
    static func isHost(_ bytes: UnsafeBufferPointer<UInt8>, _ lowerCaseHost: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count == lowerCaseHost.count else { return false }
        for k in bytes.indices where lowerCased(bytes[k]) != lowerCaseHost[k] { return false }
        return true
    }

    /// `A`–`Z` lower-cased, every other byte as it is: the host's bytes are `host` this way.
    static func lowerCased(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b + 0x20 : b }

    /// Where the host lies in a URL's UTF-8 bytes (before lower-casing); nil for no `//`
    /// authority.
    static func hostBounds(_ utf8: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        var start = -1
        var i = 0
        while i + 2 < utf8.count {
            if utf8[i] == 0x3A && utf8[i + 1] == 0x2F && utf8[i + 2] == 0x2F { start = i + 3; break }  // "://"
            i += 1
        }
        guard start >= 0 else { return nil }
        var end = start
        while end < utf8.count && utf8[end] != 0x2F && utf8[end] != 0x3F && utf8[end] != 0x23 { end += 1 }  // / ? #
        var hostStart = start
        for k in start..<end where utf8[k] == 0x40 { hostStart = k + 1 }  // user@
        var hostEnd = end
        if hostStart < end && utf8[hostStart] != 0x5B {  // not an IPv6 literal: drop :port
            for k in hostStart..<end where utf8[k] == 0x3A { hostEnd = k; break }
        }
        return hostStart..<hostEnd
    }
}

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
    /// authority. One pass over the authority, on the bytes in place: the host starts after
    /// the authority's last `@` and ends at the first `:` after that (a port), unless it is an
    /// IPv6 literal (`[`).
    static func hostBounds(_ url: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        guard let p = url.baseAddress else { return nil }
        let n = url.count
        var i = 0
        while i &+ 2 < n && !(p[i] == 0x3A && p[i &+ 1] == 0x2F && p[i &+ 2] == 0x2F) { i &+= 1 }  // "://"
        guard i &+ 2 < n else { return nil }
        var (hostStart, end, colon) = (i &+ 3, i &+ 3, -1)
        scan: while end < n {
            switch p[end] {
            case 0x2F, 0x3F, 0x23: break scan  // / ? #
            case 0x40: (hostStart, colon) = (end &+ 1, -1)  // user@
            case 0x3A where colon < 0: colon = end
            default: break
            }
            end &+= 1
        }
        let port = hostStart < end && p[hostStart] != 0x5B && colon >= 0
        return hostStart..<(port ? colon : end)
    }
}

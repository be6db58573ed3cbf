/// The host part of a URL, without Foundation's URL parser (which rejects many catalog URLs).
enum URLHost {
    /// `https://user@GitHub.com:443/a/b` → `github.com`; empty for a URL with no `//` authority
    /// (`javascript:…`, `mailto:…`). Works on UTF-8 bytes: it runs once per entry.
    static func host(_ url: String) -> String {
        let utf8 = Array(url.utf8)
        var start = -1
        var i = 0
        while i + 2 < utf8.count {
            if utf8[i] == 0x3A && utf8[i + 1] == 0x2F && utf8[i + 2] == 0x2F { start = i + 3; break }  // "://"
            i += 1
        }
        guard start >= 0 else { return "" }
        var end = start
        while end < utf8.count && utf8[end] != 0x2F && utf8[end] != 0x3F && utf8[end] != 0x23 { end += 1 }  // / ? #
        var hostStart = start
        for k in start..<end where utf8[k] == 0x40 { hostStart = k + 1 }  // user@
        var hostEnd = end
        if hostStart < end && utf8[hostStart] != 0x5B {  // not an IPv6 literal: drop :port
            for k in hostStart..<end where utf8[k] == 0x3A { hostEnd = k; break }
        }
        let host = utf8[hostStart..<hostEnd].map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
        return String(decoding: host, as: UTF8.self)
    }
}

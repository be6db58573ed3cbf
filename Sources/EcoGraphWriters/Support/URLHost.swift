/// The host part of a URL, without Foundation's URL parser (which rejects many catalog URLs).
enum URLHost {
    /// `https://user@GitHub.com:443/a/b` → `github.com`; empty for a URL with no `//` authority
    /// (`javascript:…`, `mailto:…`).
    static func host(_ url: String) -> String {
        guard let r = url.firstRange(of: "://") else { return "" }
        var host = url[r.upperBound...].prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        if let at = host.lastIndex(of: "@") { host = host[host.index(after: at)...] }
        if !host.hasPrefix("["), let colon = host.firstIndex(of: ":") { host = host[..<colon] }
        return host.lowercased()
    }
}

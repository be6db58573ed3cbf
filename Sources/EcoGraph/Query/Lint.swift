/// Checks a catalog graph for problems a curator should fix (in the overlay) or know about.
/// Returns every finding at once, each at the file:line:col it comes from; never prints.
///
/// ```swift
/// let findings = Lint.check(result.graph, readerDiagnostics: result.diagnostics)
/// findings.filter { $0.severity == .error }.isEmpty
/// ```
public enum Lint {
    /// The rules, for `--format sarif` and the README.
    public static let rules: [(id: String, summary: String)] = [
        ("unknown-name", "an overlay names an entry the catalog does not list"),
        ("unknown-language", "a language name outside the canonical list"),
        ("self-relation", "a relation from an entry to itself"),
        ("overlay-schema", "the overlay does not follow schema version 1"),
        ("yaml", "the overlay is not valid YAML"),
        ("duplicate-url", "two entries share one URL"),
        ("several-urls", "one entry is listed with different URLs"),
        ("no-language", "a project with no implementation language and no explicit 'languages: []'"),
        ("built-on-cycle", "entries built on each other in a cycle"),
        ("name-typo", "an entry's name looks like a misspelling of its repository's name"),
        ("unused-reject", "an overlay reject that matches no inferred relation"),
        ("external-is-listed", "an overlay external that the catalog lists"),
    ]

    /// - Complexity: O(n + e) plus O(n log n) sorting.
    public static func check(_ graph: CatalogGraph, readerDiagnostics: [Diagnostic] = []) -> [Diagnostic] {
        var out = readerDiagnostics
        let entries = graph.nodes.filter { $0.kind.isEntry }
        func place(_ n: Node) -> SourceLocation? { n.provenance.first?.location }

        // One URL, several entries.
        var byURL: [String: [Node]] = [:]
        for n in entries { for u in n.urls { byURL[NameKey.url(u), default: []].append(n) } }
        for key in byURL.keys.sorted() {
            let nodes = byURL[key]!
            guard nodes.count > 1 else { continue }
            for n in nodes.dropFirst() {
                out.append(.warning("duplicate-url", at: place(n),
                    "'\(n.name)' has the same URL as '\(nodes[0].name)' (\(key)); if they are one thing, give one an alias in the overlay"))
            }
        }
        for n in entries where Set(n.urls.map(NameKey.url)).count > 1 {
            out.append(.warning("several-urls", at: place(n),
                "'\(n.name)' is listed with \(n.urls.count) URLs: \(n.urls.joined(separator: ", ")); the first is used as its link"))
        }
        for n in entries where n.kind == .project && !n.noLanguage && graph.languages(of: n.id).isEmpty {
            out.append(.warning("no-language", at: place(n),
                "'\(n.name)' has no language; add it in the overlay ('\(n.name)': {languages: [Go]}) or say 'languages: []'"))
        }
        out += cycles(graph, .builtOn)
        for n in entries {
            guard let u = n.url, let slug = repositorySlug(u) else { continue }
            let name = NameKey.compact(NameKey.exact(n.name)), repo = NameKey.compact(slug.lowercased())
            guard name != repo, name.count >= 4, !repo.contains(name), !name.contains(repo),
                  !n.aliases.contains(where: { NameKey.compact(NameKey.exact($0)) == repo }) else { continue }
            let d = Fuzzy.distance(name, repo, limit: 2)
            if d >= 1 && d <= 2 && abs(name.count - repo.count) <= 1 {
                out.append(.warning("name-typo", at: place(n),
                    "'\(n.name)' looks like a misspelling of its repository '\(slug)'; add the right spelling as an alias in the overlay"))
            }
        }
        return out.sorted()
    }

    /// `https://github.com/golang/groupcache` → `groupcache`.
    static func repositorySlug(_ url: String) -> String? {
        let key = NameKey.url(url)
        let parts = key.split(separator: "/")
        guard parts.count >= 3, ["github.com", "gitlab.com", "bitbucket.org"].contains(String(parts[0])) else { return nil }
        var repo = String(parts[2])
        if repo.hasSuffix(".git") { repo.removeLast(4) }
        // The original spelling, from the URL as written.
        if let r = url.split(separator: "/").first(where: { $0.lowercased() == repo }) { return String(r) }
        return repo
    }

    /// Cycles of one relation kind (Tarjan's strongly connected components).
    static func cycles(_ graph: CatalogGraph, _ relation: RelationKind) -> [Diagnostic] {
        let ids = graph.nodes.map(\.id)
        var index: [NodeID: Int] = [:]
        for (i, id) in ids.enumerated() { index[id] = i }
        var adjacency = [[Int]](repeating: [], count: ids.count)
        for e in graph.edges where e.relation == relation {
            if let s = index[e.source], let t = index[e.target] { adjacency[s].append(t) }
        }
        var order = [Int](repeating: -1, count: ids.count), low = [Int](repeating: 0, count: ids.count)
        var onStack = [Bool](repeating: false, count: ids.count), stack: [Int] = [], counter = 0
        var components: [[Int]] = []
        func connect(_ v: Int) {
            order[v] = counter; low[v] = counter; counter += 1
            stack.append(v); onStack[v] = true
            for w in adjacency[v] {
                if order[w] < 0 { connect(w); low[v] = min(low[v], low[w]) }
                else if onStack[w] { low[v] = min(low[v], order[w]) }
            }
            if low[v] == order[v] {
                var c: [Int] = []
                while let w = stack.popLast() { onStack[w] = false; c.append(w); if w == v { break } }
                if c.count > 1 { components.append(c.sorted()) }
            }
        }
        for v in ids.indices where order[v] < 0 && !adjacency[v].isEmpty { connect(v) }
        return components.sorted { $0[0] < $1[0] }.map { c in
            let nodes = c.map { graph.nodes[$0] }
            let edge = graph.edges.first { $0.relation == relation && $0.source == nodes[0].id && c.contains(index[$0.target]!) }
            return .error("built-on-cycle", at: edge?.provenance.location ?? nodes[0].provenance.first?.location,
                          "\(nodes.map { "'\($0.name)'" }.joined(separator: ", ")) are \(relation.rawValue) each other in a cycle; remove or reject one of these relations")
        }
    }
}

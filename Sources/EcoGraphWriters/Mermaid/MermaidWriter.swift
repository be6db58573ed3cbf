import EcoGraph

/// Writes a Mermaid flowchart that GitHub renders in a ```` ```mermaid ```` block: a `subgraph`
/// per category (sub-groups nested in their category), each entry in the category it is first
/// listed in, externals outside with a dashed border, and the semantic relations as labelled
/// edges (`alternative-to` both ways).
///
/// Node IDs are `n1`, `n2`… and subgraph IDs `c1`, `c2`… (by node order), so no name can clash
/// with Mermaid's keywords (`end`, `graph`, …) or syntax. Labels are always quoted, with `"` `#`
/// `&` `<` `>` `` ` `` and `%` written as Mermaid entity codes (`#quot;`, `#35;`…) and line
/// breaks and control characters as spaces; no `click` links are written, so no URL is ever live.
/// GitHub renders diagrams up to 50,000 characters and 500 edges: for a big catalog, export a
/// selection (`--category`, `--focus`).
///
/// ```
/// flowchart LR
///   subgraph c5["API Gateway && API Proxy"]  (written with #amp;)
///     n80["Kong"]
///   end
///   n80 -->|"built on"| n120
/// ```
public struct MermaidWriter: GraphWriter {
    public init() {}

    public func write(_ graph: CatalogGraph, into out: inout OutputBuffer) {
        let index = GraphIndex(graph)
        let nodes = graph.nodes
        let drawn = nodes.indices.filter { nodes[$0].kind.isEntry || nodes[$0].kind == .external }
        // Each entry goes in the category of its first listing (by provenance), then by ID.
        var home = [Int](repeating: -1, count: nodes.count)
        var members = [[Int]](repeating: [], count: nodes.count)
        // Provenance compared where it is stored: a copy would retain each of its strings.
        graph.edges.withUnsafeBufferPointer { edges in
            for i in drawn {
                var best = -1  // the edge
                var bestCategory = -1
                for k in index.outgoing(i) where edges[k].relation == .inCategory {
                    let c = Int(index.targetOf[k])
                    guard c >= 0 else { continue }
                    if best < 0 || edges[k].provenance < edges[best].provenance
                        || (!(edges[best].provenance < edges[k].provenance) && c < bestCategory) {
                        (best, bestCategory) = (k, c)
                    }
                }
                if bestCategory >= 0 {
                    home[i] = bestCategory
                    members[bestCategory].append(i)
                }
            }
        }
        let categories = Table.categoriesInCatalogOrder(index.nodes)
        var children = [[Int]](repeating: [], count: nodes.count)
        var topLevel: [Int] = []
        for c in categories {
            if let parent = index.targets(of: c, .subcategoryOf).first, parent != c, nodes[parent].kind == .category {
                children[parent].append(c)
            } else {
                topLevel.append(c)
            }
        }
        // A category is drawn when it or a sub-group holds an entry.
        var nonEmpty = [Bool](repeating: false, count: nodes.count)
        func mark(_ c: Int, _ depth: Int) -> Bool {
            var any = !members[c].isEmpty
            if depth < 32 { for s in children[c] where mark(s, depth + 1) { any = true } }
            nonEmpty[c] = any
            return any
        }
        for c in topLevel { _ = mark(c, 0) }

        out.append("flowchart LR\n")
        func subgraph(_ c: Int, _ depth: Int) {
            guard nonEmpty[c], depth < 32 else { return }
            let pad = String(repeating: "  ", count: depth + 1)
            out.append(pad)
            out.append("subgraph c")
            out.append(c + 1)
            out.append("[\"")
            Self.appendLabel(nodes[c].name, into: &out)
            out.append("\"]\n")
            for i in members[c] { declare(i, pad + "  ") }
            for s in children[c] { subgraph(s, depth + 1) }
            out.append(pad)
            out.append("end\n")
        }
        func declare(_ i: Int, _ pad: String) {
            out.append(pad)
            out.append("n")
            out.append(i + 1)
            let external = nodes[i].kind == .external
            out.append(external ? "([\"" : "[\"")
            Self.appendLabel(nodes[i].name, into: &out)
            out.append(external ? "\"]):::external\n" : "\"]\n")
        }
        for c in topLevel { subgraph(c, 0) }
        for i in drawn where home[i] < 0 { declare(i, "  ") }
        var isDrawn = [Bool](repeating: false, count: nodes.count)
        for i in drawn { isDrawn[i] = true }
        graph.edges.withUnsafeBufferPointer { edges in
            for k in edges.indices where !edges[k].relation.isStructural {
                let (s, t) = (Int(index.sourceOf[k]), Int(index.targetOf[k]))
                guard s >= 0, t >= 0, isDrawn[s], isDrawn[t] else { continue }
                // Repeated edges (same ends and kind, other provenance) are drawn once.
                if k > 0, edges[k - 1].source == edges[k].source, edges[k - 1].target == edges[k].target,
                   edges[k - 1].relation == edges[k].relation { continue }
                out.append("  n")
                out.append(s + 1)
                Self.edgeLabel.append(edges[k].relation, to: &out)
                out.append(t + 1)
                out.append("\n")
            }
        }
        out.append("  classDef external stroke-dasharray: 5 5\n")
    }

    /// ` -->|"built on"| n` (both ways for a symmetric relation), made once per relation kind.
    static let edgeLabel = CaseTexts<RelationKind> { r, out in
        out.append(r.isSymmetric ? " <-->|\"" : " -->|\"")
        appendLabel(String(r.rawValue.map { $0 == "-" ? " " : $0 }), into: &out)
        out.append("\"| n")
    }

    /// Text for inside a quoted Mermaid label.
    static func appendLabel(_ s: String, into out: inout OutputBuffer) {
        out.append(s, escaping: label)
    }

    /// Mermaid's entity codes (`#quot;`, or `#35;` by decimal code point) for what would end a
    /// label, start a comment or markdown string, or become HTML; line breaks become spaces.
    static let label = ByteEscaper(
        replacing: [0x22: "#quot;", 0x23: "#35;", 0x26: "#amp;", 0x3C: "#lt;", 0x3E: "#gt;", 0x60: "#96;", 0x25: "#37;",
                    0x09: " ", 0x0A: " ", 0x0D: " "],
        dropping: [0x00...0x1F, 0x7F...0x7F], lineSeparator: " ", paragraphSeparator: " ", nonCharacter: "")
}

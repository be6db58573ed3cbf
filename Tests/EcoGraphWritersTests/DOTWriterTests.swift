import EcoGraph
import EcoGraphReaders
import EcoGraphWriters
import Foundation
import Testing

/// The repository root, from this file's path (Tests/EcoGraphWritersTests/DOTWriterTests.swift).
private let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
private let seedPath = repoRoot.appendingPathComponent("graphs/distributed-architecture.md").path

private func seed() throws -> CatalogGraph { try CatalogLoader().load(catalog: seedPath).graph }

private func at(_ line: Int) -> Provenance { .markdown(SourceLocation(file: "hostile.md", line: line)) }

/// Names, descriptions and URLs chosen to break out of a DOT string, an HTML-like label, a
/// Graphviz escape or an SVG attribute.
let hostileTexts = [
    #"Quote " inside"#, #"Back\slash\"#, #"\N \G \L \E \T \H"#, "<b>&amp; tags</b> & 'apos'",
    "{ braces } [ brackets ] ; -> --", "graph", "node", "strict", "subgraph", "edge", "digraph",
    "Line one\nLine two\r\nThree\rFour", "Tab\there\u{01}ctl\u{7F}", "]]> <!-- --> <![CDATA[",
    "Unicode ✓ 中文 \u{FFFE}", "&nbsp; &foo; &#0; &#x41;",
]

/// A graph whose every string is hostile: two categories (one also a hostile name), projects
/// named and described with `hostileTexts`, URLs of every scheme.
func hostileGraph() -> CatalogGraph {
    let cat1 = Node(id: NodeID("category:c1"), kind: .category, name: #"Cat "one" \N {"#, provenance: [at(1)], level: 2)
    let cat2 = Node(id: NodeID("category:c2"), kind: .category, name: "graph", provenance: [at(50)], level: 2)
    let go = Node(id: NodeID("language:go"), kind: .language, name: "Go")
    let urls = ["https://example.com/?a=1&b=\"2\"", "javascript:alert(1)", "JaVaScRiPt:alert(2)", "data:text/html,<x>",
                "mailto:a@b.c", "http://x/\\N", "java\tscript:alert(3)", "ftp://x", "vbscript:x", "file:///etc/passwd"]
    var nodes = [cat1, cat2, go]
    var edges: [Edge] = []
    for (i, text) in hostileTexts.enumerated() {
        let id = NodeID("project:p\(i)")
        nodes.append(Node(id: id, kind: i % 5 == 4 ? .resource : .project, name: text, urls: [urls[i % urls.count]],
                          description: "Description of " + text, provenance: [at(2 + i)]))
        edges.append(Edge(source: id, target: cat1.id, relation: .inCategory, provenance: at(2 + i)))
        edges.append(Edge(source: id, target: go.id, relation: .writtenIn, provenance: at(2 + i)))
        if i > 0 {
            edges.append(Edge(source: id, target: NodeID("project:p\(i - 1)"), relation: i % 2 == 0 ? .builtOn : .alternativeTo, provenance: at(2 + i)))
        }
    }
    // Listed in both categories: drawn once, in the first.
    edges.append(Edge(source: NodeID("project:p0"), target: cat2.id, relation: .inCategory, provenance: at(51)))
    nodes.append(Node(id: NodeID("external:x"), kind: .external, name: "External \"x\" \\G", provenance: [at(60)]))
    edges.append(Edge(source: NodeID("project:p1"), target: NodeID("external:x"), relation: .uses, provenance: at(3)))
    return CatalogGraph(nodes: nodes, edges: edges, sources: ["hostile.md"])
}

/// Splits DOT into tokens the way Graphviz's scanner does (quoted strings with `\"`, HTML
/// strings with nested `<>`, punctuation, bare words) and fails on an unterminated string or
/// unbalanced braces. Returns the quoted strings' contents and the brace depth profile.
func dotTokens(_ dot: String) throws -> (strings: [String], html: [String]) {
    struct Malformed: Error { var message: String }
    let chars = Array(dot.unicodeScalars)
    var i = 0, depth = 0, bracket = 0
    var strings: [String] = [], html: [String] = []
    while i < chars.count {
        let c = chars[i]
        switch c {
        case "\"":
            var s = String.UnicodeScalarView()
            i += 1
            while true {
                guard i < chars.count else { throw Malformed(message: "unterminated string") }
                if chars[i] == "\\" && i + 1 < chars.count { s.append(chars[i]); s.append(chars[i + 1]); i += 2; continue }
                if chars[i] == "\"" { break }
                if chars[i] == "\n" { throw Malformed(message: "raw newline in a string") }
                s.append(chars[i])
                i += 1
            }
            strings.append(String(s))
        case "<":
            var nesting = 1
            var s = String.UnicodeScalarView()
            i += 1
            while nesting > 0 {
                guard i < chars.count else { throw Malformed(message: "unterminated HTML label") }
                if chars[i] == "<" { nesting += 1 }
                if chars[i] == ">" { nesting -= 1 }
                if nesting > 0 { s.append(chars[i]) }
                i += 1
            }
            i -= 1
            html.append(String(s))
        case "{": depth += 1
        case "}": depth -= 1; if depth < 0 { throw Malformed(message: "unbalanced }") }
        case "[": bracket += 1
        case "]": bracket -= 1; if bracket < 0 { throw Malformed(message: "unbalanced ]") }
        default: break
        }
        i += 1
    }
    if depth != 0 || bracket != 0 { throw Malformed(message: "unbalanced braces or brackets") }
    return (strings, html)
}

@Suite("DOTWriter")
struct DOTWriterTests {
    @Test("quoted() escapes quotes, backslashes, line breaks, ampersands and control characters")
    func quotedEscapes() throws {
        #expect(DOTWriter.quoted(#"a"b"#) == #""a\"b""#)
        #expect(DOTWriter.quoted(#"\N"#) == #""\\N""#)
        #expect(DOTWriter.quoted("a\nb\r\nc\rd") == #""a\nb\nc\nd""#)
        #expect(DOTWriter.quoted("x & y") == #""x &amp; y""#)
        #expect(DOTWriter.quoted("t\u{01}\u{7F}\u{FFFE}") == "\"t  \u{FFFD}\"")
        #expect(DOTWriter.quoted("graph") == #""graph""#)
        for text in hostileTexts {
            let q = DOTWriter.quoted(text)
            let tokens = try dotTokens(q)
            #expect(tokens.strings.count == 1, "\(text) must stay one string")
            #expect(!q.dropFirst().dropLast().contains("\n"))
        }
    }

    @Test("htmlEscaped() leaves no markup")
    func htmlEscapes() {
        #expect(DOTWriter.htmlEscaped(#"<a href="x">&'</a>"#) == "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;")
        for text in hostileTexts {
            let e = DOTWriter.htmlEscaped(text)
            #expect(!e.contains("<") && !e.contains(">") && !e.contains("\"") && !e.contains("'") && !e.contains("\n"))
        }
    }

    @Test("links: only http, https and mailto")
    func safeLinks() {
        #expect(DOTWriter.safeLink("https://nginx.org") == "https://nginx.org")
        #expect(DOTWriter.safeLink("HTTP://X.ORG") == "HTTP://X.ORG")
        #expect(DOTWriter.safeLink("mailto:a@b.c") == "mailto:a@b.c")
        for bad in ["javascript:alert(1)", " javascript:x", "java\tscript:x", "data:text/html,x", "vbscript:x",
                    "file:///etc", "ftp://x", "//evil.com", "https://", "http://a b"] {
            #expect(DOTWriter.safeLink(bad) == nil, "\(bad)")
        }
    }

    @Test("hostile names, descriptions and URLs keep the DOT well-formed and drop unsafe links")
    func hostileGraphStaysWellFormed() throws {
        let graph = hostileGraph()
        for writer in [DOTWriter(), DOTWriter(engine: .osage), DOTWriter(mode: .overview, engine: .sfdp)] {
            let dot = writer.string(graph)
            let tokens = try dotTokens(dot)
            #expect(dot.hasPrefix("digraph \"ecograph\" {\n") && dot.hasSuffix("}\n"))
            let urls = tokens.strings.filter { $0.contains(":") && !$0.hasPrefix("project:") }
            for bad in ["javascript:", "JaVaScRiPt:", "data:", "vbscript:", "file:", "ftp:"] {
                #expect(!urls.contains { $0.hasPrefix(bad) }, "\(bad) link in \(writer.mode)")
            }
            for html in tokens.html {
                // HTML-like labels carry only the writer's own tags.
                let tags = html.split(separator: "<").dropFirst().map { String($0.prefix { $0 != ">" && $0 != " " }) }
                #expect(tags.allSatisfy { ["BR/", "FONT", "/FONT", "TABLE", "/TABLE", "TR", "/TR", "TD", "/TD", "B", "/B"].contains($0) }, "\(tags)")
            }
        }
        let warnings = DOTWriter().warnings(for: graph)
        let dropped = graph.nodes.filter { n in n.url.map { DOTWriter.safeLink($0) == nil } ?? false }
        #expect(!dropped.isEmpty)
        #expect(warnings.count == dropped.count)
        #expect(warnings.allSatisfy { $0.severity == .warning && $0.location?.file == "hostile.md" })
    }

    @Test("the same graph gives the same bytes, whatever order it was built in")
    func deterministic() throws {
        let graph = try seed()
        let a = DOTWriter().bytes(graph), b = DOTWriter().bytes(graph)
        #expect(a == b)
        let shuffled = CatalogGraph(nodes: graph.nodes.reversed(), edges: graph.edges.reversed(), sources: graph.sources)
        #expect(DOTWriter().bytes(shuffled) == a)
        let hostile = hostileGraph()
        #expect(DOTWriter(mode: .overview).bytes(hostile) == DOTWriter(mode: .overview).bytes(hostile))
    }

    @Test("clusters are the categories, sub-groups nested; every entry is drawn once")
    func clustersAreCategories() throws {
        let graph = try seed()
        let dot = DOTWriter().string(graph)
        let categories = graph.nodes(ofKind: .category)
        let clusters = dot.components(separatedBy: "subgraph \"cluster_").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        let categoryClusters = clusters.filter { !$0.hasPrefix("_") }
        #expect(Set(categoryClusters) == Set(categories.map { String($0.id.slug) }))
        #expect(categoryClusters.count == categories.count)
        let topLevel = categories.filter { graph.targets(of: $0.id, .subcategoryOf).isEmpty }
        #expect(dot.components(separatedBy: "class=\"category top-level").count - 1 == topLevel.count)
        #expect(topLevel.count == 20)

        // A sub-group's cluster opens inside its parent's.
        for sub in categories where !graph.targets(of: sub.id, .subcategoryOf).isEmpty {
            let parent = graph.targets(of: sub.id, .subcategoryOf)[0]
            let open = try #require(dot.range(of: "subgraph \"cluster_\(parent.id.slug)\" {"))
            let inner = try #require(dot.range(of: "subgraph \"cluster_\(sub.id.slug)\" {"))
            let between = dot[open.upperBound..<inner.lowerBound]
            #expect(between.components(separatedBy: "subgraph").count == between.components(separatedBy: "  }\n").count,
                    "\(sub.name) is not nested in \(parent.name)")
        }

        for entry in graph.nodes where entry.kind.isEntry || entry.kind == .external {
            let statements = dot.components(separatedBy: "\n").filter { $0.trimmingCharacters(in: .whitespaces).hasPrefix("\"\(entry.id.rawValue)\" [") }
            #expect(statements.count == 1, "\(entry.name) drawn \(statements.count) times")
        }
        // Nginx is listed in three categories: drawn in the first, the others named under it.
        let nginx = try #require(graph.resolve("Nginx"))
        #expect(graph.categories(of: nginx.id).count > 1)
        let line = try #require(dot.components(separatedBy: "\n").first { $0.contains("\"\(nginx.id.rawValue)\" [") })
        #expect(line.contains("also in: "))
        #expect(line.contains("cat-reverse-proxy") && line.contains("cat-load-balance"))
    }

    @Test("edges: structural kinds are not drawn, sub-entry-of yields to a specific kind, alternative-to has no direction")
    func edgeRules() throws {
        let a = NodeID("project:a"), b = NodeID("project:b"), c = NodeID("project:c"), cat = NodeID("category:k")
        let graph = CatalogGraph(nodes: [
            Node(id: cat, kind: .category, name: "K", provenance: [at(1)]),
            Node(id: a, kind: .project, name: "A", provenance: [at(2)]),
            Node(id: b, kind: .project, name: "B", provenance: [at(3)]),
            Node(id: c, kind: .project, name: "C", provenance: [at(4)]),
        ], edges: [
            Edge(source: a, target: cat, relation: .inCategory, provenance: at(2)),
            Edge(source: b, target: cat, relation: .inCategory, provenance: at(3)),
            Edge(source: c, target: cat, relation: .inCategory, provenance: at(4)),
            Edge(source: b, target: a, relation: .subEntryOf, provenance: at(3)),
            Edge(source: b, target: a, relation: .builtOn, provenance: at(3)),
            Edge(source: c, target: a, relation: .subEntryOf, provenance: at(4)),
            Edge(source: c, target: b, relation: .alternativeTo, provenance: at(4)),
        ])
        let dot = DOTWriter().string(graph)
        let relationLines = dot.components(separatedBy: "\n").filter { $0.contains("class=\"relation ") }
        #expect(relationLines.count == 3)
        #expect(relationLines.contains { $0.hasPrefix("  \"project:b\" -> \"project:a\"") && $0.contains("rel-built-on") })
        #expect(!relationLines.contains { $0.hasPrefix("  \"project:b\" -> \"project:a\"") && $0.contains("rel-sub-entry-of") })
        #expect(relationLines.contains { $0.hasPrefix("  \"project:c\" -> \"project:a\"") && $0.contains("rel-sub-entry-of") })
        #expect(relationLines.contains { $0.contains("rel-alternative-to") && $0.contains("dir=\"none\"") })
        #expect(!dot.contains("\"category:k\" ->") && !dot.contains("-> \"category:k\""))
        // The legend shows exactly the kinds drawn.
        for kind in ["built-on", "sub-entry-of", "alternative-to"] { #expect(dot.contains("\"_legend:rel:\(kind)\"")) }
        #expect(!dot.contains("\"_legend:rel:uses\""))
    }

    @Test("languages get palette colours by descending entry count, then name; the rest share grey")
    func languageColours() throws {
        let graph = try seed()
        let dot = DOTWriter().string(graph)
        let stats = GraphStatistics(graph).entriesPerLanguage.filter { $0.count > 0 }
        // The legend lists languages in that order.
        var last = dot.startIndex
        for row in stats.prefix(8) {
            let r = try #require(dot.range(of: "\"_legend:lang:\(row.id.split(separator: ":")[1])\""), "\(row.name)")
            #expect(r.lowerBound > last)
            last = r.lowerBound
        }
        if stats.count > 8 { #expect(dot.contains("\"_legend:lang:other\"")) }
        let go = try #require(graph.resolve("NATS"))
        let line = try #require(dot.components(separatedBy: "\n").first { $0.contains("\"\(go.id.rawValue)\" [") })
        #expect(line.contains("lang-go"))
    }

    @Test("auto: dot for the seed, osage for many relations, the overview for huge catalogs")
    func plannedEngine() throws {
        let graph = try seed()
        let seedPlan = DOTWriter.planned(for: graph, engine: .auto)
        #expect(seedPlan.mode == .detailed && seedPlan.engine == .dot)
        #expect(DOTWriter.planned(for: graph, engine: .neato).engine == .neato)

        var nodes = [Node(id: NodeID("category:big"), kind: .category, name: "Big", provenance: [at(1)])]
        var edges: [Edge] = []
        let n = DOTWriter.detailedLimit + 1
        for i in 0..<n {
            let id = NodeID("project:n\(i)")
            nodes.append(Node(id: id, kind: .project, name: "n\(i)", provenance: [at(i + 2)]))
            edges.append(Edge(source: id, target: nodes[0].id, relation: .inCategory, provenance: at(i + 2)))
        }
        let huge = CatalogGraph(nodes: nodes, edges: edges)
        let plan = DOTWriter.planned(for: huge, engine: .auto)
        #expect(plan.mode == .overview && plan.engine == .sfdp)
        let overview = plan.string(huge)
        #expect(overview.contains("\"category:big\" ["))
        #expect(!overview.contains("\"project:n0\""))
        #expect(overview.contains("\\n\(n)\""))
    }
}

import EcoGraph
import EcoGraphReaders
import EcoGraphRender
import EcoGraphWriters
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

private let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
private let seedPath = repoRoot.appendingPathComponent("graphs/distributed-architecture.md").path

private func seed() throws -> CatalogGraph { try CatalogLoader().load(catalog: seedPath).graph }

/// The elements of an SVG, each with its attributes, its ancestors' `<g>` ids and classes, and
/// its text; parsing fails the test when the XML is not well-formed.
final class SVGOutline: NSObject, XMLParserDelegate {
    struct Element {
        var name: String
        var attributes: [String: String]
        /// (id, class) of the enclosing `<g>` elements, innermost last.
        var groups: [(id: String, class: String)]
        var text = ""
    }

    private(set) var elements: [Element] = []
    private var open: [Int] = []
    private var error: Error?

    init(_ svg: [UInt8]) throws {
        super.init()
        let parser = XMLParser(data: Data(svg))
        parser.shouldResolveExternalEntities = false
        parser.delegate = self
        let ok = parser.parse()
        if let e = parser.parserError ?? error, !ok { throw e }
        try #require(ok, "the SVG is not well-formed XML")
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        let groups = open.map { elements[$0] }.filter { $0.name == "g" }.map { ($0.attributes["id"] ?? "", $0.attributes["class"] ?? "") }
        elements.append(Element(name: name, attributes: attributes, groups: groups))
        open.append(elements.count - 1)
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        open.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if let i = open.last { elements[i].text += string }
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) { error = parseError }

    func groups(classContaining word: String) -> [Element] {
        elements.filter { $0.name == "g" && ($0.attributes["class"] ?? "").split(separator: " ").contains(Substring(word)) }
    }

    /// The `<a>` inside the node `<g>` with this id.
    func link(ofNode id: String) -> Element? {
        elements.first { $0.name == "a" && $0.groups.contains { $0.id == id && $0.class.hasPrefix("node") } }
    }
}

private func svg(_ graph: CatalogGraph, _ writer: DOTWriter) throws -> [UInt8] {
    try GraphvizRenderer().render(dot: writer.bytes(graph), engine: writer.engine.rawValue, format: "svg")
}

@Suite("GraphvizRenderer")
struct GraphvizRendererTests {
    @Test("the seed's SVG: well-formed, a cluster per top-level category, every entry linked with a tooltip, a legend")
    func seedSVG() throws {
        let graph = try seed()
        let writer = DOTWriter.planned(for: graph, engine: .auto)
        #expect(writer.engine == .dot)
        let outline = try SVGOutline(try svg(graph, writer))

        let topLevel = graph.nodes(ofKind: .category).filter { graph.targets(of: $0.id, .subcategoryOf).isEmpty }
        let clusters = outline.groups(classContaining: "cluster").filter { ($0.attributes["class"] ?? "").contains("top-level") }
        #expect(clusters.count == topLevel.count)
        #expect(clusters.count == 20)
        #expect(Set(clusters.compactMap { $0.attributes["id"] }) == Set(topLevel.map(\.id.rawValue)))
        // Each cluster shows its category's name.
        for c in topLevel {
            let texts = outline.elements.filter { $0.name == "text" && $0.groups.contains { $0.id == c.id.rawValue } }.map(\.text)
            #expect(texts.contains { $0.hasPrefix(c.name) }, "\(c.name)")
        }

        let entries = graph.nodes.filter { $0.kind.isEntry }
        #expect(entries.contains { $0.kind == .resource })
        for entry in entries {
            let node = try #require(outline.groups(classContaining: "node").first { $0.attributes["id"] == entry.id.rawValue }, "\(entry.name)")
            #expect((node.attributes["class"] ?? "").split(separator: " ").contains(Substring(entry.kind.rawValue)))
            let title = outline.elements.first { $0.name == "title" && $0.groups.last?.id == entry.id.rawValue }
            #expect(title?.text == entry.id.rawValue)
            let a = try #require(outline.link(ofNode: entry.id.rawValue), "\(entry.name) has no link")
            let href = a.attributes["xlink:href"]
            if let url = entry.url, DOTWriter.safeLink(url) != nil { #expect(href == url, "\(entry.name)") } else { #expect(href == nil) }
            let tooltip = try #require(a.attributes["xlink:title"])
            // The description, control characters (a tab in Celery's) shown as spaces.
            let description = entry.description.map { $0.isEmpty ? entry.name : $0 } ?? entry.name
            #expect(tooltip == String(description.map { $0.isASCII && $0.asciiValue! < 0x20 ? " " : $0 }), "\(entry.name)")
        }
        // Languages carry their class.
        let nats = try #require(graph.resolve("NATS"))
        let natsNode = outline.groups(classContaining: "node").first { $0.attributes["id"] == nats.id.rawValue }
        #expect(natsNode?.attributes["class"]?.contains("lang-go") == true)

        let legend = try #require(outline.groups(classContaining: "cluster").first { $0.attributes["id"] == "_legend" })
        #expect(legend.attributes["class"]?.contains("legend") == true)
        #expect(outline.groups(classContaining: "legend").filter { $0.attributes["class"]?.hasPrefix("edge") == true }.count >= 5)
        #expect(outline.groups(classContaining: "rel-built-on").count == graph.edges.filter { $0.relation == .builtOn }.count + 1)
    }

    @Test("hostile names, descriptions and URLs: Graphviz parses the DOT and the SVG stays well-formed, text intact")
    func hostileSVG() throws {
        let weird = [#"Quote " \N \G"#, "<b>&amp;</b> & 'x' &nbsp; &foo; &#0;", "graph", "node { } [ ] ;", "two\nlines\r\nend", "ctl\u{01}\u{7F}"]
        let cat = Node(id: NodeID("category:c"), kind: .category, name: #"C "\N" <>&"#, level: 2)
        var nodes = [cat], edges: [Edge] = []
        let urls = ["javascript:alert(1)", "https://e.com/?a=1&b=2", "data:text/html,<x>", "mailto:x@y.z", "http://x/\\N\"", "vbscript:x"]
        for (i, name) in weird.enumerated() {
            let id = NodeID("project:w\(i)")
            nodes.append(Node(id: id, kind: .project, name: name, urls: [urls[i]], description: "desc " + name))
            edges.append(Edge(source: id, target: cat.id, relation: .inCategory, provenance: .markdown(SourceLocation(file: "w.md", line: i + 1))))
            if i > 0 {
                edges.append(Edge(source: id, target: NodeID("project:w\(i - 1)"), relation: .alternativeTo, provenance: .markdown(SourceLocation(file: "w.md", line: i + 1))))
            }
        }
        edges.append(Edge(source: NodeID("project:w1"), target: NodeID("category:c2"), relation: .inCategory, provenance: .markdown(SourceLocation(file: "w.md", line: 9))))
        nodes.append(Node(id: NodeID("category:c2"), kind: .category, name: "strict", level: 2))
        let graph = CatalogGraph(nodes: nodes, edges: edges)
        for writer in [DOTWriter(), DOTWriter(engine: .osage), DOTWriter(mode: .overview, engine: .sfdp)] {
            let outline = try SVGOutline(try svg(graph, writer))
            let text = outline.elements.map(\.text).joined(separator: "\n")
            let attributes = outline.elements.flatMap { $0.attributes.values }
            #expect(!attributes.contains { $0.lowercased().hasPrefix("javascript:") || $0.hasPrefix("data:") || $0.hasPrefix("vbscript:") })
            guard writer.mode == .detailed else { continue }
            #expect(text.contains(#"Quote " \N \G"#), "label text was changed: \(writer.engine)")
            #expect(text.contains("<b>&amp;</b> & 'x' &nbsp; &foo; &#0;"))
            #expect(outline.link(ofNode: "project:w1")?.attributes["xlink:href"] == "https://e.com/?a=1&b=2")
            #expect(outline.link(ofNode: "project:w3")?.attributes["xlink:href"] == "mailto:x@y.z")
            // Characters that would end the attribute are percent-encoded, `\` too (no escape sequence).
            #expect(outline.link(ofNode: "project:w4")?.attributes["xlink:href"] == "http://x/%5CN%22")
            #expect(outline.link(ofNode: "project:w0")?.attributes["xlink:href"] == nil)
            let tooltip = try #require(outline.link(ofNode: "project:w0")?.attributes["xlink:title"])
            // `\N` in a tooltip must not turn into the node's name.
            #expect(!tooltip.contains("project:w0"))
            #expect(tooltip.hasPrefix("desc Quote \""))
        }
    }

    @Test("PNG and PDF: right signatures, same bytes every time")
    func binaryFormats() throws {
        let graph = try seed()
        let dot = DOTWriter().bytes(try GraphFilter(focus: "Redis", depth: 1).apply(to: graph))
        let png = try GraphvizRenderer().render(dot: dot, engine: "dot", format: "png")
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        let pdf = try GraphvizRenderer().render(dot: dot, engine: "dot", format: "pdf")
        #expect(Array(pdf.prefix(4)) == Array("%PDF".utf8))
        #expect(try GraphvizRenderer().render(dot: dot, engine: "dot", format: "pdf") == pdf)
        #expect(try GraphvizRenderer().render(dot: dot, engine: "dot", format: "png") == png)
        #expect(String(decoding: pdf, as: UTF8.self).contains("/CreationDate (D:19700101000000"))
    }

    @Test("unknown formats and engines, bad DOT and oversized graphs give clear errors")
    func errors() throws {
        let dot = Array("digraph { a -> b }".utf8)
        let renderer = GraphvizRenderer()
        for (engine, format) in [("dot", "nope"), ("nope", "svg")] {
            let error = try #require(throws: DiagnosticError.self) { try renderer.render(dot: dot, engine: engine, format: format) }
            #expect(error.kind == .unavailable)
            #expect(error.description.contains("'nope'") && error.description.contains("dot -c"))
        }
        let syntax = try #require(throws: DiagnosticError.self) { try renderer.render(dot: Array("digraph { a -> ".utf8), engine: "dot", format: "svg") }
        #expect(syntax.kind == .data)
        #expect(syntax.description.contains("syntax error"))

        let limit = GraphvizRenderer.limits(for: "dot").nodes
        let big = "digraph {" + (0...limit).map { "n\($0);" }.joined() + "}"
        let capped = try #require(throws: DiagnosticError.self) { try renderer.render(dot: Array(big.utf8), engine: "dot", format: "svg") }
        #expect(capped.kind == .unavailable)
        #expect(capped.description.contains("--engine auto"))
        #expect(try GraphvizRenderer.formats().contains("svg"))
        #expect(try GraphvizRenderer.engines().contains("dot"))
    }

    @Test("renders from many threads at once without crashing, each with the right result")
    func concurrent() async throws {
        let graph = try seed()
        let jobs: [(String, [UInt8])] = ["Redis", "Kong", "Apache Kafka", "Nginx"].map { name in
            (name, DOTWriter().bytes((try? GraphFilter(focus: name, depth: 1).apply(to: graph)) ?? graph))
        }
        let expected = try jobs.map { try GraphvizRenderer().render(dot: $0.1, engine: "dot", format: "svg") }
        let results = try await withThrowingTaskGroup(of: (Int, String, [UInt8]).self) { group in
            for round in 0..<3 {
                let engine = round == 1 ? "osage" : "dot"
                for (i, job) in jobs.enumerated() {
                    group.addTask { (i, engine, try GraphvizRenderer().render(dot: job.1, engine: engine, format: "svg")) }
                }
            }
            var all: [(Int, String, [UInt8])] = []
            for try await r in group { all.append(r) }
            return all
        }
        #expect(results.count == jobs.count * 3)
        for (i, engine, bytes) in results {
            let outline = try SVGOutline(bytes)
            let focus = try #require(graph.resolve(jobs[i].0))
            #expect(outline.link(ofNode: focus.id.rawValue) != nil)
            // dot is deterministic: concurrent renders equal the sequential ones.
            if engine == "dot" { #expect(bytes == expected[i]) }
        }
    }
}


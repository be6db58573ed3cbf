import EcoGraph
import EcoGraphWriters
import Testing

/// The GraphML writer (nodes and edges read in place, written on all cores in rounds, list
/// values written straight from the edges) against a plain specification built from strings
/// with the graph's public API, on random graphs of awkward names: repeated category names,
/// edges to and from IDs that are not nodes, `in-category` edges to languages and projects,
/// inferred edges with every kind of confidence.
@Suite("GraphML matches its specification")
struct GraphMLEquivalenceTests {
    static func xml(_ s: String) -> String { FastPathTests.xmlSpec(s) }

    /// `<data key="k">v</data>`, or nothing for an empty value.
    static func data(_ key: String, _ value: String?) -> String {
        guard let value, !value.isEmpty else { return "" }
        return "<data key=\"\(key)\">" + xml(value) + "</data>"
    }

    /// A list value, items joined with `; `: written whenever the list has items, even empty ones.
    static func data(_ key: String, list: [String]) -> String {
        list.isEmpty ? "" : "<data key=\"\(key)\">" + list.map(xml).joined(separator: "; ") + "</data>"
    }

    /// Names of the category and language nodes `id`'s `relation` edges lead to, a name not
    /// repeated right after itself.
    static func groupNames(_ graph: CatalogGraph, _ id: NodeID, _ relation: RelationKind) -> [String] {
        var names: [String] = []
        for e in graph.outgoing(id) where e.relation == relation {
            guard let t = graph.node(e.target), t.kind == .category || t.kind == .language else { continue }
            if names.last != t.name { names.append(t.name) }
        }
        return names
    }

    /// The `<node>` and `<edge>` elements, as the format's documentation describes them.
    static func specification(_ graph: CatalogGraph) -> String {
        var s = ""
        for n in graph.nodes {
            s += "    <node id=\"\(xml(n.id.rawValue))\">" + data("n_label", n.name) + data("n_kind", n.kind.rawValue)
            s += data("n_name", n.name) + data("n_url", n.url) + data("n_urls", list: n.urls)
            s += data("n_description", n.description) + data("n_aliases", list: n.aliases)
            s += data("n_categories", list: groupNames(graph, n.id, .inCategory))
            s += data("n_languages", list: groupNames(graph, n.id, .writtenIn))
            s += data("n_level", n.level.map(String.init)) + data("n_section", n.section)
            s += data("n_no_language", n.noLanguage ? "true" : nil) + data("n_note", n.note)
            s += data("n_provenance", list: n.provenance.map(\.summary)) + "</node>\n"
        }
        for (k, e) in graph.edges.enumerated() {
            let p = e.provenance
            s += "    <edge id=\"e\(k)\" source=\"\(xml(e.source.rawValue))\" target=\"\(xml(e.target.rawValue))\">"
            s += data("e_label", e.relation.rawValue) + data("e_relation", e.relation.rawValue) + data("e_method", p.method.rawValue)
            if let l = p.location { s += data("e_file", l.file) + data("e_line", "\(l.line)") + data("e_column", "\(l.column)") }
            s += data("e_phrase", p.phrase) + data("e_confidence", p.confidence.flatMap { $0.isFinite ? "\($0)" : nil })
            s += data("e_note", p.note) + data("e_reference", p.source) + "</edge>\n"
        }
        return s
    }

    /// A random graph of `count` nodes: names from the fast-path tests' awkward pieces, a few
    /// category names used twice, and about two edges per node.
    static let catalog = "catalog \"a\" & b.md"

    static func randomGraph(_ count: Int, seed: UInt64) -> CatalogGraph {
        var g = FastPathTests.Generator(state: seed)
        let texts = FastPathTests.strings(997, seed: seed)
        func text() -> String { texts.randomElement(using: &g)! }
        func maybe(_ s: @autoclosure () -> String) -> String? { Bool.random(using: &g) ? s() : nil }
        let kinds = NodeKind.allCases
        /// Mostly the catalog's file, which the writer escapes once.
        func file() -> String { Int.random(in: 0..<3, using: &g) == 0 ? text() : catalog }
        func list(upTo n: Int) -> [String] { (0..<Int.random(in: 0...n, using: &g)).map { _ in text() } }
        func provenance(_ location: EcoGraph.SourceLocation, _ k: Int) -> Provenance {
            let method: ProvenanceMethod = k == 0 ? .markdown : .overlay
            let confidence: Double? = Bool.random(using: &g) ? Double(k) / 3 : nil
            return Provenance(method: method, location: k == 1 ? nil : location, phrase: maybe(text()),
                              confidence: confidence, note: maybe(text()))
        }
        var nodes: [Node] = []
        for i in 0..<count {
            let kind: NodeKind = i % 7 == 0 ? .category : i % 11 == 0 ? .language : kinds.randomElement(using: &g)!
            let location = EcoGraph.SourceLocation(file: file(), line: i, column: i % 5)
            let provenances: [Provenance] = (0..<Int.random(in: 0...2, using: &g)).map { k in provenance(location, k) }
            let name: String = kind == .category && i % 3 == 0 ? "Same Name" : text()
            let level: Int? = kind == .category ? i % 4 : nil
            nodes.append(Node(id: NodeID(kind: kind, slug: "\(i)-" + text()), kind: kind, name: name, urls: list(upTo: 2),
                              description: maybe(text()), aliases: list(upTo: 2), provenance: provenances, level: level,
                              section: maybe(text()), noLanguage: i % 13 == 0, note: maybe(text())))
        }
        let confidences: [Double] = [0.9, 0.9 - 0.2, 0.5, 1, 0, 1.0 / 3, .infinity, .nan]
        var edges: [Edge] = []
        for i in 0..<count {
            for _ in 0..<Int.random(in: 0...4, using: &g) {
                let outside = Int.random(in: 0..<50, using: &g) == 0
                let source = outside ? NodeID("project:not-a-node-\(i)") : nodes[i].id
                let target = Int.random(in: 0..<40, using: &g) == 0 ? NodeID("category:missing") : nodes.randomElement(using: &g)!.id
                let relations: [RelationKind] = Bool.random(using: &g) ? [.inCategory, .writtenIn] : RelationKind.allCases
                let relation = relations.randomElement(using: &g)!
                let location: EcoGraph.SourceLocation? = Bool.random(using: &g) ? EcoGraph.SourceLocation(file: file(), line: i) : nil
                let confidence: Double? = Bool.random(using: &g) ? confidences.randomElement(using: &g) : nil
                let p = Provenance(method: .inferred, location: location, phrase: maybe(text()), confidence: confidence,
                                   note: maybe(text()), source: maybe(text()))
                edges.append(Edge(source: source, target: target, relation: relation, provenance: p))
            }
        }
        return CatalogGraph(nodes: nodes, edges: edges, sources: [catalog])
    }

    /// Category names that are equal as strings but not as bytes (precomposed and decomposed
    /// accents) are one name in a list; names that escape alike but differ (a character XML
    /// forbids is stripped) are two; the catalog's file named by a string of its own is still
    /// the catalog's.
    @Test func groupNamesCompareAsStrings() {
        let names = ["Caf\u{E9}", "Cafe\u{301}", "Caf\u{E9}\u{1}", "Caf\u{E9}", "Tools", "Tools\u{1}", "Tools", "tools"]
        var nodes = names.enumerated().map { k, name in Node(id: NodeID("category:c\(k)"), kind: .category, name: name) }
        nodes.append(Node(id: NodeID("project:p"), kind: .project, name: "P"))
        let file = String(Self.catalog.reversed().reversed())  // equal text, another string
        let edges = names.indices.map { k in
            Edge(source: NodeID("project:p"), target: NodeID("category:c\(k)"), relation: .inCategory,
                 provenance: .markdown(EcoGraph.SourceLocation(file: k % 2 == 0 ? Self.catalog : file, line: k)))
        }
        let graph = CatalogGraph(nodes: nodes, edges: edges, sources: [Self.catalog])
        #expect(Self.body(GraphMLWriter().bytes(graph)) == Self.specification(graph))
    }

    /// The bytes after the `<graph>` line, up to `</graph>`.
    static func body(_ bytes: [UInt8]) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        let open = "<graph id=\"G\" edgedefault=\"directed\">\n", close = "  </graph>\n</graphml>\n"
        guard let start = text.range(of: open), text.hasSuffix(close) else { return "<malformed>" }
        return String(text[start.upperBound...].dropLast(close.count))
    }

    /// Small graphs are written on the calling thread, 10,000 records or more in rounds on all
    /// cores; both, whole and streamed in small pieces.
    @Test(arguments: [(40, UInt64(5)), (300, 6), (12_000, 7)])
    func matchesSpecification(count: Int, seed: UInt64) {
        let graph = Self.randomGraph(count, seed: seed)
        let whole = GraphMLWriter().bytes(graph)
        let expected = Self.specification(graph)
        #expect(Self.body(whole) == expected)
        var streamed: [UInt8] = []
        GraphMLWriter().stream(graph, chunkSize: 4096) { streamed += $0 }
        #expect(streamed == whole)
    }
}

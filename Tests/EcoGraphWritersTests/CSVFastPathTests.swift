import EcoGraph
@testable import EcoGraphWriters
import Testing

/// The CSV set's fast paths against the general code they stand in for: list cells written from
/// per-node traits against `CSVCell.append(list:)`, every category's rows found in one pass
/// against the walk per category, on random graphs with awkward names, cycles of sub-groups,
/// several parents and edges to missing nodes.
@Suite("CSV fast paths match the general code")
struct CSVFastPathTests {
    typealias Generator = FastPathTests.Generator

    static func nodes(_ names: [String]) -> [Node] {
        names.enumerated().map { k, name in Node(id: NodeID("project:n\(k)"), kind: .project, name: name) }
    }

    @Test func listCellsMatchTheGeneralWriter() {
        // Empty names, spaces at either end, quotes, commas and formula starts, in every place.
        let names = FastPathTests.strings(400, seed: 11) + ["", " ", "a ", " a", "=", "\"", ",", "; "]
        var g = Generator(state: 12)
        for raw in [false, true] {
            let cells = CSVNodeCells(Self.nodes(names), raw: raw)
            for _ in 0..<3000 {
                let positions = (0..<Int.random(in: 0...4, using: &g)).map { _ in
                    Bool.random(using: &g) ? Int.random(in: names.count - 8..<names.count, using: &g)
                        : Int.random(in: 0..<names.count, using: &g)
                }
                let fast = FastPathTests.text { cells.appendNames(positions, to: &$0) }
                let general = FastPathTests.text { CSVCell.append(list: positions.map { names[$0] }, into: &$0, raw: raw) }
                #expect(fast == general, "\(positions.map { names[$0] }.debugDescription)")
            }
            for i in names.indices {
                #expect(FastPathTests.text { cells.appendName(i, to: &$0) }
                        == FastPathTests.text { CSVCell.append(names[i], into: &$0, raw: raw) })
            }
        }
    }

    /// Categories with random sub-group edges (cycles, several parents, self-loops), entries
    /// listed in several of them, a language listed in one (not an entry), and edges to nodes
    /// that are not in the graph.
    static func randomGraph(seed: UInt64) -> CatalogGraph {
        var g = Generator(state: seed)
        let awkward = FastPathTests.strings(40, seed: seed)
        var nodes: [Node] = (0..<12).map { Node(id: NodeID("category:c\($0)"), kind: .category, name: "C\($0)") }
        nodes += (0..<40).map { k in
            Node(id: NodeID("project:p\(k)"), kind: k % 7 == 0 ? .resource : .project,
                 name: k % 3 == 0 ? "Same" : awkward[k], urls: k % 2 == 0 ? ["https://x.example/\(k)"] : [])
        }
        nodes.append(Node(id: NodeID("language:go"), kind: .language, name: "Go"))
        var edges: [Edge] = []
        func edge(_ s: String, _ t: String, _ r: RelationKind, _ line: Int) {
            edges.append(Edge(source: NodeID(s), target: NodeID(t), relation: r,
                              provenance: .markdown(SourceLocation(file: "f.md", line: line))))
        }
        for c in 0..<12 where Bool.random(using: &g) {
            for _ in 0..<Int.random(in: 1...2, using: &g) { edge("category:c\(c)", "category:c\(Int.random(in: 0..<12, using: &g))", .subcategoryOf, c) }
        }
        for p in 0..<40 {
            for _ in 0..<Int.random(in: 0...3, using: &g) {
                let target = Int.random(in: 0..<13, using: &g)
                edge("project:p\(p)", target == 12 ? "category:missing" : "category:c\(target)", .inCategory, p)
            }
            for r in [RelationKind.alternativeTo, .portOf, .builtOn, .subEntryOf, .writtenIn] where Int.random(in: 0..<3, using: &g) == 0 {
                let target = Int.random(in: 0..<41, using: &g)
                edge("project:p\(p)", target == 40 ? "project:missing" : r == .writtenIn ? "language:go" : "project:p\(target)", r, p)
            }
        }
        edge("language:go", "category:c0", .inCategory, 1)
        edge("project:missing", "category:c1", .inCategory, 2)
        return CatalogGraph(nodes: nodes, edges: edges)
    }

    @Test func categoryRowsFromOnePassMatchTheWalkPerCategory() {
        for seed in 1...60 as ClosedRange<UInt64> {
            let graph = Self.randomGraph(seed: seed)
            let table = Table(index: GraphIndex(graph), cells: CSVNodeCells(graph.nodes, raw: false))
            let all = table.entriesByCategory()
            for c in graph.nodes.indices where graph.nodes[c].kind == .category {
                #expect(all[c] == table.entries(inCategory: c), "seed \(seed), \(graph.nodes[c].id)")
            }
            // The set writes the same bytes as each table alone.
            let set = CSVExportSet(graph)
            for file in set.files {
                guard let i = set.tables.firstIndex(where: { $0.name == file.name }) else { continue }
                #expect(file.bytes == CSVMatrixWriter(set.tables[i].matrix).bytes(graph), "seed \(seed), \(file.name)")
            }
        }
    }

    @Test func nameSortKeysOrderAsLowerCasedStrings() {
        // Shared eight-byte prefixes, different lengths, case, the Kelvin sign (lower-cases to
        // ASCII), a combining accent after the eighth byte, and the awkward pieces.
        let names = ["abcdefgh", "abcdefghi", "ABCDEFGH", "abcdefgh\u{301}", "abcdefgé", "\u{212A}elvin", "kelvin",
                     "Kelvin", "a", "", "ab", "Ab"] + FastPathTests.strings(300, seed: 21)
        let keys = names.indices.map { NameSortKey(names[$0], position: $0) }
        for a in keys {
            for b in keys.prefix(60) {
                let (x, y) = (names[a.position].lowercased(), names[b.position].lowercased())
                #expect(NameSortKey.textOrder(a, b) == (x == y ? nil : x < y), "\(x.debugDescription) \(y.debugDescription)")
            }
        }
    }

    @Test func neighboursMatchTheirDefinition() {
        for seed in 1...30 as ClosedRange<UInt64> {
            let graph = Self.randomGraph(seed: seed)
            let index = GraphIndex(graph)
            for i in graph.nodes.indices {
                for r in [RelationKind.alternativeTo, .portOf] {
                    let both = Set(index.targets(of: i, r) + index.sources(into: i, r)).sorted()
                    #expect(index.neighbours(of: i, r) == both)
                }
            }
        }
    }
}

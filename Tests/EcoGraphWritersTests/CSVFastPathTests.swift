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

    @Test func urlCellsMatchTheGeneralWriter() {
        // Hosts with user parts, ports, IPv6 literals, capitals, no authority, and awkward text
        // around them (quotes, commas, formula starts, spaces at either end).
        var g = Generator(state: 13)
        let parts = ["https://", "http://", "//", "mailto:", "user@", "Ex,ample.COM", "[::1]", ":8080", "/a/b", "?q=\"x\"",
                     "#f", " ", "=", "-x.org", "中.org", "@", ":", "/"]
        let urls = (0..<600).map { _ in (0..<Int.random(in: 0...5, using: &g)).map { _ in parts.randomElement(using: &g)! }.joined() }
        let nodes = urls.enumerated().map { k, url in
            Node(id: NodeID("project:n\(k)"), kind: .project, name: "n", urls: k % 50 == 0 ? [] : [url, "https://second.example"])
        }
        for raw in [false, true] {
            let cells = CSVNodeCells(nodes, raw: raw)
            for i in nodes.indices {
                let url = nodes[i].urls.first ?? ""
                #expect(FastPathTests.text { cells.appendURL(i, to: &$0) }
                        == FastPathTests.text { CSVCell.append(url, into: &$0, raw: raw) }, "\(url.debugDescription)")
                #expect(FastPathTests.text { cells.appendURLHost(i, to: &$0) }
                        == FastPathTests.text { CSVCell.append(URLHost.host(url), into: &$0, raw: raw) }, "\(url.debugDescription)")
            }
        }
    }

    @Test func quoteTriggerScanMatchesTheByteSet() {
        // Triggers and their word-test neighbours (tab, 0x0E, `!`, `#`, `+`, `-`, high bytes) at
        // every place in and across eight-byte words.
        let palette: [UInt8] = [0x2C, 0x22, 0x0A, 0x0D, 0x09, 0x0E, 0x00, 0x21, 0x23, 0x2B, 0x2D, 0x80, 0xFF, 0x61, 0x61, 0x61]
        var g = Generator(state: 15)
        for _ in 0..<5000 {
            let bytes = (0..<Int.random(in: 0...40, using: &g)).map { _ in
                Int.random(in: 0..<4, using: &g) == 0 ? palette.randomElement(using: &g)! : 0x61
            }
            bytes.withUnsafeBufferPointer { utf8 in
                #expect(CSVCell.hasQuoteTrigger(utf8) == CSVCell.quoteTriggers.occurs(in: utf8), "\(bytes)")
            }
        }
    }

    @Test func hostCellsMatchTheGeneralWriter() {
        // Plain hosts (written as they are) next to everything that is not: capitals, dashes
        // first, user parts, ports, IPv6 literals, no authority.
        var g = Generator(state: 16)
        let parts = ["https://", "http://", "//", "://", "a-b.example.org", "x9.io", "-x.org", "Ex.COM", "user@", "@", ":",
                     ":8080", "[::1]", "/a", "?q", "#f", ",", " ", "中", "="]
        for raw in [false, true] {
            for _ in 0..<3000 {
                var url = (0..<Int.random(in: 0...6, using: &g)).map { _ in parts.randomElement(using: &g)! }.joined()
                let shown = url.debugDescription
                url.withUTF8 { utf8 in
                    #expect(URLHost.hostBounds(utf8) == Self.hostBoundsSpecification(utf8), "\(shown)")
                    #expect(FastPathTests.text { CSVCell.appendHost(ofURL: utf8, into: &$0, raw: raw) }
                            == FastPathTests.text { CSVCell.append(URLHost.host(utf8: utf8), into: &$0, raw: raw) }, "\(shown)")
                }
            }
        }
    }

    /// Where a URL's host lies, written plainly (several passes): what `URLHost.hostBounds`
    /// computes in one.
    static func hostBoundsSpecification(_ utf8: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
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

    @Test func namesSortedOnPrefixesMatchTheStringSort() {
        // Long shared prefixes (the sixteen bytes compared inline), case, non-ASCII names and
        // equal names (sorted by ID).
        let names = Self.asciiNames(300, seed: 23) + FastPathTests.strings(300, seed: 24)
            + ["abcdefghijklmnopq", "ABCDEFGHIJKLMNOP", "abcdefghijklmnop", "abcdefghijklmnoP", "\u{212A}elvin", "kelvin", "Same", "same"]
        let graph = CatalogGraph(nodes: Self.nodes(names), edges: [])
        let nodes = graph.nodes
        let table = Table(index: GraphIndex(graph), cells: CSVNodeCells(nodes, raw: false))
        let order = nodes.indices.sorted { a, b in
            let (x, y) = (nodes[a].name.lowercased(), nodes[b].name.lowercased())
            return x != y ? x < y : nodes[a].id < nodes[b].id
        }
        #expect(table.byName(Array(nodes.indices)) == order)
    }

    @Test func textsMadeOnAllCoresMatchTextsMadeInOrder() {
        let texts = FastPathTests.strings(10_007, seed: 14)
        for count in [0, 1, 4095, 4096, 10_007] {
            let serial = NodeTexts(count) { i, out in out.append(texts[i]) }
            let parallel = NodeTexts(parallel: count, scratch: {}) { i, _, out in out.append(texts[i]) }
            for i in 0..<count {
                #expect(FastPathTests.text { serial.append(i, to: &$0) } == FastPathTests.text { parallel.append(i, to: &$0) })
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
                     "Kelvin", "a", "", "ab", "Ab", "abcdefghIJ", "abcdefghij", "abcdefghi[", "abcdefghI", "a\u{0}",
                     "ABCDEFGHIJKLMNOPQ", "abcdefghijklmnop"] + FastPathTests.strings(300, seed: 21)
            + Self.asciiNames(100, seed: 22)
        let cells = CSVNodeCells(Self.nodes(names), raw: false)
        let keys = names.indices.map { p in cells.withName(p) { NameSortKey($0, position: p) } }
        for a in keys {
            for b in keys.prefix(80) {
                let (x, y) = (names[a.position].lowercased(), names[b.position].lowercased())
                #expect(NameSortKey.textOrder(a, b) == (x == y ? nil : x < y), "\(x.debugDescription) \(y.debugDescription)")
            }
        }
    }

    /// ASCII names that share their first eight lower-cased bytes and differ after them, in case
    /// and in the letters around the capitals (`[` sorts between them).
    static func asciiNames(_ count: Int, seed: UInt64) -> [String] {
        var g = Generator(state: seed)
        let pieces = ["a", "A", "b", "B", "z", "Z", "[", "_", " "]
        return (0..<count).map { _ in
            (Bool.random(using: &g) ? "Abcdefgh" : "abcdEFGH") + (0..<Int.random(in: 0...4, using: &g)).map { _ in
                pieces.randomElement(using: &g)!
            }.joined()
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

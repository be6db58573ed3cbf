@testable import EcoGraph
import BenchSupport
import Testing

/// The graph builder's byte-level and integer fast paths against the general code they stand
/// in for, on random texts and edges (the third performance round).
@Suite struct BuildFastPathTests {
    /// Pieces of link texts: language prefixes as catalogs write them, near misses, white
    /// space (a carriage return makes two bytes one character), and non-ASCII text.
    static let pieces: [String] = [
        "Go", "golang", "Java", "Jave", "C++", "C#", ".NET", "JavaScript/Node", "Python3", "Note", "vb.net", "objective c",
        "Kafka", "a", "Z", " ", "  ", "\t", "\n", "\r", "\r\n", "\u{0B}", ":", ": ", ":\t", "::", "-", "é", "e\u{301}",
        "\u{00A0}", "\u{3000}", "基于", "Ｇｏ", "K", "\u{212A}",
    ]

    static func texts(_ count: Int, seed: UInt64) -> [String] {
        var rng = SplitMix64(seed: seed)
        return (0..<count).map { _ in (0..<rng.int(in: 0...7)).map { _ in rng.pick(pieces) }.joined() }
    }

    @Test func prefixSplitOnBytesMatchesCharacters() {
        var fast = 0
        let texts = Self.texts(30_000, seed: 31) + ["Golang: Sonyflake", "Go:Kafka", " Go : x ", "C++:\tx", "Note: X", "Go: ",
                                                    "Go:\r\nX", "aaaaaaaaaaaaaaaaaaaaa Go: X", "Jave: X"]
        for text in texts {
            let general = Language.General.splitPrefix(text)
            if let split = Language.splitPrefixASCII(text) {
                fast += 1
                #expect(split.prefix == general.prefix && split.name == general.name, "\(text.debugDescription)")
            }
            let chosen = Language.splitPrefix(text)
            #expect(chosen.prefix == general.prefix && chosen.name == general.name, "\(text.debugDescription)")
        }
        #expect(fast > 5_000)   // the fast path was taken, and compared, often
    }

    @Test func canonicalNamesOnBytesMatchTheGeneralPath() {
        for text in Self.texts(20_000, seed: 32) {
            #expect(Language.canonicalName(text) == Language.aliases[Self.referenceTrim(text).lowercased()], "\(text.debugDescription)")
        }
    }

    @Test func trimmingSpacesMatchesScalarTrimming() {
        for text in Self.texts(20_000, seed: 33) + ["", " ", "x", " x", "x ", "\u{00A0}x", "x\u{3000}", "\r\n"] {
            #expect(text.trimmingSpaces() == Self.referenceTrim(text), "\(text.debugDescription)")
        }
    }

    /// `trimmingSpaces` as it was: white space scalars off both ends.
    static func referenceTrim(_ text: String) -> String {
        var scalars = Substring(text).unicodeScalars
        while let f = scalars.first, f.properties.isWhitespace { scalars.removeFirst() }
        while let l = scalars.last, l.properties.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }

    /// Names that are not ASCII take the general resource test, whose byte pre-check must not
    /// rule out a word that `contains` finds (a CJK compatibility ideograph equals a unified one).
    @Test func resourceTestMatchesCharacterSearch() {
        var rng = SplitMix64(seed: 34)
        let pool = ["wiki", "Wiki", "docs", "DOCUMENTATION", "blog", "é", "e\u{301}", "i\u{307}", "\u{212A}", "社区", "社", "区",
                    "\u{FA4C}", "\u{2F8B2}", "教程", "源码", "文档", "分析", "解读", "Kafka", " ", "-", "\u{301}"]
        let words = ["wiki", "internals", "documentation", "documents", "docs", "tutorial", "handbook", "blog", "article",
                     "社区", "分析", "解读", "教程", "文档", "源码"]
        var found = 0
        for _ in 0..<20_000 {
            let name = (0..<rng.int(in: 1...5)).map { _ in rng.pick(pool) }.joined()
            let lower = name.lowercased()
            let expected = words.contains { lower.contains($0) }
            if expected { found += 1 }
            #expect(GraphBuilder.looksLikeResource(name, url: nil) == expected, "\(name.debugDescription)")
        }
        #expect(found > 2_000)
    }

    @Test func byteSetMatchesASet() {
        var rng = SplitMix64(seed: 35)
        for _ in 0..<200 {
            let members = (0..<rng.int(in: 0...20)).map { _ in UInt8(rng.below(256)) }
            let set = ByteSet(members), reference = Set(members.filter { $0 < 0x80 })
            for b in UInt8.min...UInt8.max { #expect(set.contains(b) == reference.contains(b)) }
        }
    }

    /// The counting sort of edges gives the order of a comparison sort on (source rank,
    /// relation, target rank), for unique edges in any order.
    @Test func edgeOrderMatchesASort() {
        var rng = SplitMix64(seed: 36)
        let relations = RelationKind.allCases
        for round in 0..<40 {
            let nodes = 1 + rng.below(round < 20 ? 30 : 400)
            var rank = Array(0..<nodes)
            for i in rank.indices.reversed() { rank.swapAt(i, rng.below(i + 1)) }
            var seen = Set<[Int]>()
            var edges: [GraphBuilder.DraftEdge] = []
            // Some nodes with many edges, past the insertion sort's limit.
            for _ in 0..<rng.below(3_000) {
                let s = round % 3 == 0 ? rng.below(min(nodes, 3)) : rng.below(nodes), t = rng.below(nodes)
                let r = rng.below(relations.count)
                guard seen.insert([s, t, r]).inserted else { continue }
                edges.append(GraphBuilder.DraftEdge(source: s, target: t, relation: relations[r],
                                                    provenance: .markdown(SourceLocation(file: "f", line: edges.count))))
            }
            let expected = edges.indices.sorted { a, b in
                (rank[edges[a].source], edges[a].relation.order, rank[edges[a].target])
                    < (rank[edges[b].source], edges[b].relation.order, rank[edges[b].target])
            }
            #expect(GraphBuilder.edgeOrder(edges, rank: rank) == expected)
        }
    }

    /// The edge table, with batches of new sources waiting in their own lists, answers as a
    /// dictionary does, through inserts, updates, removals and batches.
    @Test func edgeTableMatchesADictionary() {
        var rng = SplitMix64(seed: 41)
        let relations = RelationKind.allCases
        for round in 0..<30 {
            var table = GraphBuilder.EdgeTable()
            var expected: [GraphBuilder.EdgeKey: Int] = [:]
            var nodes = 1
            var batch = false
            for step in 0..<(round < 15 ? 300 : 5_000) {
                switch rng.below(20) {
                case 0:
                    // A batch begins for the nodes made from now on, or ends.
                    if batch { table.commit() } else { table.beginBatch(freshFrom: nodes) }
                    batch.toggle()
                case 1, 2:
                    nodes += 1 + rng.below(3)
                default:
                    // Keys cluster on recent nodes, as a catalog's edges do; a few do not pack.
                    let s = rng.below(8) == 0 ? rng.below(nodes) : max(0, nodes - 1 - rng.below(4))
                    let t = rng.below(50) == 0 ? -1 - rng.below(3) : rng.below(nodes)
                    let key = GraphBuilder.EdgeKey(source: s, target: t, relation: relations[rng.below(relations.count)])
                    #expect(table[key] == expected[key])
                    let value: Int? = rng.below(10) == 0 ? nil : step
                    table[key] = value
                    expected[key] = value
                }
            }
            table.commit()
            for (key, value) in expected { #expect(table[key] == value) }
        }
    }

    /// The key map, with and without deferred filing, holds the nodes a dictionary of sets
    /// holds, on random keys (colliding, empty, non-ASCII).
    @Test func keyMapMatchesADictionary() {
        var rng = SplitMix64(seed: 42)
        for round in 0..<20 {
            let keys = Self.texts(round < 10 ? 40 : 3_000, seed: UInt64(round))
            var map = KeyMap()
            var expected: [String: [Int]] = [:]
            for step in 0..<(round < 10 ? 200 : 20_000) {
                if rng.below(500) == 0 { map.deferAdding() }
                if rng.below(400) == 0 { map.fileDeferred() }
                let key = rng.pick(keys), node = rng.below(round < 10 ? 5 : 10_000)
                map.add(KeyMap.Key(key), node)
                if !(expected[key]?.contains(node) ?? false) { expected[key, default: []].append(node) }
                if step % 97 == 0 {
                    map.fileDeferred()
                    let probe = rng.pick(keys)
                    let found = map[probe]
                    #expect(found.map { Set($0.all) } == expected[probe].map { Set($0) })
                }
            }
            map.fileDeferred()
            #expect(Set(map.keys) == Set(expected.keys))
            #expect(map.keys.count == expected.count)
            for (key, nodes) in expected { #expect(Set(map[key]?.all ?? []) == Set(nodes)) }
        }
    }
}

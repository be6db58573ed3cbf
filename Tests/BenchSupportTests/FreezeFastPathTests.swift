@testable import EcoGraph
import BenchSupport
import Testing

/// Freezing's fast paths (the fourth performance round) against the general code they stand
/// in for: grouping and sorting IDs by sorting keys on two cores rather than hashing them, and
/// the graph's ID index of precomputed hashes rather than a `Dictionary`.
@Suite struct FreezeFastPathTests {
    /// Pieces of names and IDs: shared long prefixes (past the 24 bytes the sort keys hold),
    /// repeats, and non-ASCII text, some of it canonically equal to other text.
    static let pieces: [String] = [
        "project:", "category:", "a", "b", "-", "kafka", "apache-kafka-streams-", "0", "é", "e\u{301}", "\u{212A}", "K",
        "Ü", "基于", "\u{0}",
    ]

    static func strings(_ count: Int, seed: UInt64) -> [String] {
        InferenceFastPathTests.strings(count, seed: seed, pool: pieces, pieces: 0...6)
    }

    /// On both cores (past 4,096 strings) and on one, with many repeats: `<`'s order, ties in
    /// index order. Without text that is not in NFC: `String`'s `<` is not transitive on it
    /// ("K" == "\u{212A}", yet "Ka" < "\u{212A}" < "\u{212A}a"), so no sort has one right answer.
    @Test func keySortMatchesStringSort() {
        for (count, seed) in [(300, 41), (9_000, 42)] as [(Int, UInt64)] {
            let strings = Self.strings(count, seed: seed).filter { !$0.unicodeScalars.contains { $0 == "\u{212A}" || $0 == "\u{301}" } }
            let expected = strings.indices.sorted { strings[$0] != strings[$1] ? strings[$0] < strings[$1] : $0 < $1 }
            #expect(GraphBuilder.sortedKeys(strings).map { Int($0.index) } == expected)
        }
    }

    /// The slug groups: each distinct ID once, in `<`'s order, with its drafts in draft order,
    /// as grouping the IDs with a `Dictionary` (which compares them as `String`s) gives.
    @Test func slugGroupsMatchADictionary() {
        var rng = SplitMix64(seed: 43)
        let names = ["Kafka", "kafka", "KAFKA", "Café", "Cafe\u{301}", "\u{212A}afka", "Apache Kafka Streams Connector",
                     "Apache Kafka Streams Connect", "Go", "C++", "基于", "a", "b"]
        let kinds: [NodeKind] = [.project, .resource, .category]
        let drafts = (0..<6_000).map { _ in GraphBuilder.Draft(kind: rng.pick(kinds), name: rng.pick(names) + rng.pick(["", " x", "!"])) }
        var reference: [String: [Int]] = [:]
        for (i, d) in drafts.enumerated() { reference[Slug.id(d.kind, d.name), default: []].append(i) }
        let groups = GraphBuilder.SlugGroups(drafts)
        #expect(groups.count == reference.count)
        var previous: String? = nil
        for k in 0..<groups.count {
            let key = groups.key(k)
            if let previous { #expect(previous < key) }
            previous = key
            #expect(Array(groups.group(k)) == reference[key])
            #expect(groups.single(k) == (reference[key]?.count == 1 ? reference[key]?.first : nil))
            #expect(groups.contains(key))
            #expect(groups.contains(key + "-x") == (reference[key + "-x"] != nil))
        }
    }

    /// The ID index against a `Dictionary` of the nodes' IDs (the last node of a repeated ID),
    /// for IDs that are there, IDs that are not, and IDs equal only as `String`s compare them.
    @Test func idIndexMatchesADictionary() {
        let ids = Self.strings(5_000, seed: 44)
        let nodes = ids.map { Node(id: NodeID($0), kind: .project, name: $0) }
        let index = IDIndex(nodes)
        var reference: [String: Int] = [:]
        for (i, n) in nodes.enumerated() { reference[n.id.rawValue] = i }
        for query in ids + Self.strings(2_000, seed: 45) + ["Ke\u{301}", "K\u{E9}", "\u{212A}"] {
            #expect(index[NodeID(query)] == reference[query], "\(query.debugDescription)")
        }
    }
}

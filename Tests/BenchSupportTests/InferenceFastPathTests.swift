@testable import EcoGraph
import BenchSupport
import Testing

/// The inference fast paths of the third round against the general code they stand in for.
@Suite struct InferenceFastPathTests {
    /// Pieces of names and candidate spans: vendor prefixes, punctuation that keys drop,
    /// characters canonically equal to ASCII punctuation, CJK (with a compatibility ideograph),
    /// Latin letters with a case and a decomposition, and URL-like text.
    static let namePieces: [String] = [
        "Apache ", "apache", "Google's ", "google ", "The ", "the", "Kafka", "kafka", "KAFKA", "Redis", "go", "-", "kit",
        "Node", ".", "js", " ", "  ", "\t", "Zoo", "Keeper", "2", "0", "'", "(", ")", ";", "\u{037E}", "\u{1FEF}", "`",
        "消息", "队列", "类", "\u{FAAE}", "似", "É", "e\u{301}", "é", "Ｋ", "\u{212A}", "/", "github.com/a", "&", "Pika",
    ]

    static func strings(_ count: Int, seed: UInt64, pool: [String] = namePieces, pieces: ClosedRange<Int> = 1...5) -> [String] {
        var rng = SplitMix64(seed: seed)
        return (0..<count).map { _ in (0..<rng.int(in: pieces)).map { _ in rng.pick(pool) }.joined() }
    }

    static func index(_ names: [String]) -> NameIndex {
        var index = NameIndex()
        for (i, name) in names.enumerated() { index.add(i, kind: .project, name: name, aliases: [], urls: []) }
        return index
    }

    /// Whatever the index finds, the filter lets through: it says "no" only to names the
    /// index cannot find (with and without a compatibility ideograph among the keys).
    @Test func candidateFilterNeverRulesOutAName() {
        for (seed, extra) in [(UInt64(31), [String]()), (32, ["\u{FAAE}似"])] {
            let names = Self.strings(3_000, seed: seed, pool: Self.namePieces.filter { $0 != "\u{FAAE}" }) + extra
            let index = Self.index(names)
            let filter = CandidateFilter(keys: index.nameKeys, count: index.nameKeyCount)
            var found = 0, ruledOut = 0
            let candidates = Self.strings(60_000, seed: seed + 100) + names.map { $0.uppercased() } + names.map { "Apache " + $0 }
            for name in candidates {
                let may = filter.mayResolve(name)
                if index.lookup(name) != nil {
                    found += 1
                    #expect(may, "\(name.debugDescription)")
                } else if !may {
                    ruledOut += 1
                }
            }
            #expect(found > 3_000 && ruledOut > 1_000, "found \(found), ruled out \(ruledOut)")   // both answers, often
        }
    }

    /// A candidate tested word by word (`CandidateFilter.Words`, as the inferrer tests the
    /// tokens after a phrase) gets the answer of the words joined by spaces.
    @Test func candidateWordsMatchJoinedName() {
        for (seed, extra) in [(UInt64(37), [String]()), (38, ["\u{FAAE}似"])] {
            let names = Self.strings(3_000, seed: seed) + extra
            let index = Self.index(names)
            let filter = CandidateFilter(keys: index.nameKeys, count: index.nameKeyCount)
            var may = 0, ruledOut = 0
            for text in Self.strings(20_000, seed: seed + 100, pieces: 1...8) {
                let tokens = RelationInferrer.tokenize(text).map { String($0.text) }
                for start in tokens.indices {
                    var words = CandidateFilter.Words()
                    for end in start..<min(tokens.count, start + 4) {
                        var word = tokens[end]
                        word.withUTF8 { words.add($0, of: filter) }
                        let joined = tokens[start...end].joined(separator: " ")
                        #expect(filter.mayResolve(words) == filter.mayResolve(joined), "\(joined.debugDescription)")
                        if filter.mayResolve(joined) { may += 1 } else { ruledOut += 1 }
                    }
                }
            }
            #expect(may > 1_000 && ruledOut > 1_000, "may \(may), ruled out \(ruledOut)")
        }
    }

    /// The filter built in parts (on several cores) answers as one built in one part.
    @Test func candidateFilterInPartsMatchesOnePart() {
        for (seed, extra) in [(UInt64(35), [String]()), (36, ["\u{FAAE}似"])] {
            let names = Self.strings(6_000, seed: seed) + extra
            let index = Self.index(names)
            let whole = CandidateFilter(keys: index.nameKeys, count: index.nameKeyCount, parts: 1)
            let inParts = (2...3).map { CandidateFilter(keys: index.nameKeys, count: index.nameKeyCount, parts: $0) }
            for name in Self.strings(30_000, seed: seed + 100) + names {
                let answer = whole.mayResolve(name)
                #expect(inParts.allSatisfy { $0.mayResolve(name) == answer }, "\(name.debugDescription)")
            }
        }
    }

    /// An inferrer with the filter finds what one without it does.
    @Test func filteredInferenceMatchesUnfiltered() {
        let names = ["Redis", "LVS", "Nginx", "Kafka", "go-kit", "like", "top", "Apache Kafka", "消息队列", "Google", "AI"]
        let index = Self.index(names)
        let resolve: @Sendable (String) -> Int? = { index.lookup($0) }
        let plain = RelationInferrer(resolve: resolve, spellings: { [names[$0]] })
        let filtered = RelationInferrer(resolve: resolve, isExcluded: { _ in false }, spellings: { [names[$0]] },
                                        filter: CandidateFilter(keys: index.nameKeys, count: index.nameKeyCount))
        let pool = FastPathEquivalenceTests.inferencePieces + [" Apache Kafka", " 消息队列", " Google ", " AI ", "基于 ", " and "]
        var found = 0
        for text in FastPathEquivalenceTests.texts(30_000, seed: 33, pool: pool) {
            let hits = filtered.infer(text)
            #expect(hits == plain.infer(text), "\(text.debugDescription)")
            if !hits.isEmpty { found += 1 }
        }
        #expect(found > 2_000)
    }

    /// The tokenizer lower-cases a word on bytes when its non-ASCII scalars are `isCaseless`.
    @Test func caselessScalarsLowerToThemselves() {
        for v in UInt32(0x80)...0xFFFF {
            guard let scalar = Unicode.Scalar(v), RelationInferrer.isSimple(v), RelationInferrer.isCaseless(v) else { continue }
            #expect(String(Character(scalar)).lowercased() == String(Character(scalar)), "U+\(String(v, radix: 16))")
        }
    }

    /// The byte-level spelling checks against the scalar properties they stand in for.
    @Test func spellingChecksMatchScalarProperties() {
        let pool = ["A", "b", "Z", "z", "0", "-", ".", " ", "Go", "AI", "gRPC", "É", "é", "ß", "消息", "Ｋ", "'s"]
        for word in Self.strings(20_000, seed: 34, pool: pool, pieces: 0...4) {
            let scalars = word.unicodeScalars
            let letters = scalars.filter { $0.properties.isAlphabetic }
            let expected = !word.contains(" ") && scalars.first?.properties.isUppercase == true
                && (letters.dropFirst().allSatisfy { $0.properties.isLowercase } || letters.allSatisfy { $0.properties.isUppercase })
            #expect(RelationInferrer.isCapitalisedWord(word) == expected, "\(word.debugDescription)")
            #expect(RelationInferrer.hasUppercase(word) == scalars.contains { $0.properties.isUppercase }, "\(word.debugDescription)")
        }
    }

    /// Reading only the sentences around the glance's words finds what reading every token
    /// does, with sentences that end on conjunctions, names after them and specification words.
    @Test func sentenceWindowsMatchReadingEverything() {
        let names = ["Redis", "LVS", "Nginx", "Kafka", "go-kit", "OpenTracing", "消息队列", "Apache Kafka"]
        let index = Self.index(names)
        let inferrer = RelationInferrer(resolve: { index.lookup($0) })
        let pool = FastPathEquivalenceTests.inferencePieces + [
            ". ", "; ", "。", "：", " and. ", " or; ", " & ", " /. ", " 和。", " API", " OpenTracing", " Redis", ", ", " Kafka,",
            "bindings for ", " based on ", " is ", " a ", "-backed ", " LVS based", "Nginx-compatible ", " 基于 ", "消息队列",
        ]
        var found = 0, windowed = 0
        for text in FastPathEquivalenceTests.texts(40_000, seed: 35, pool: pool) {
            let glance = RelationInferrer.glance(text)
            var all = glance
            all.wordOffsets = nil
            let hits = inferrer.infer(text, glance: glance)
            #expect(hits == inferrer.infer(text, glance: all), "\(text.debugDescription)")
            if !hits.isEmpty { found += 1 }
            if let offsets = glance.wordOffsets, !offsets.isEmpty,
               RelationInferrer.tokenWindows(text, around: offsets).map(\.count).reduce(0, +) < RelationInferrer.tokenize(text).count {
                windowed += 1
            }
        }
        #expect(found > 4_000 && windowed > 200, "found \(found), windowed \(windowed)")   // often with sentences left out
    }
}

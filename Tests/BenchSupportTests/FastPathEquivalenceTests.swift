@testable import EcoGraph
@testable import EcoGraphReaders
import BenchSupport
import Testing

/// The performance work replaced character-by-character code with byte-level fast paths that
/// must give the same answers. These tests hold each fast path against the general code it
/// stands in for, on many random texts made of the characters that matter (white space,
/// punctuation, quotes, CJK, combining marks that take the general path).
@Suite struct FastPathEquivalenceTests {
    static let pieces: [String] = [
        "a", "Z", "k", "0", "9", " ", "  ", "\t", "\n", "\r\n", ".", ",", ";", ":", "!", "?", "(", ")", "[", "]",
        "\"", "'", "-", "/", "://", "www.", "/index.html", "Apache ", "google's ", "the ", "built on top of ",
        "Kafka", "go-kit", "é", "Ü", "ß", "—", "–", "’", "”", "“", "‘", "\u{00A0}", "\u{3000}", "基于", "兼容",
        "替代", "代替", "移植", "类似于", "\u{FAAE}似于", "，", "。", "、", "；", "：", "消息", "カフカ", "Ｋ",
        "e\u{301}", "\u{200D}", "\u{037E}", "🙂", "İ", "\u{2028}",
    ]

    static func texts(_ count: Int, seed: UInt64, asciiOnly: Bool = false, pool: [String] = pieces) -> [String] {
        var rng = SplitMix64(seed: seed)
        let pool = asciiOnly ? pool.filter { $0.utf8.allSatisfy { $0 < 0x80 } } : pool
        return (0..<count).map { _ in (0..<rng.int(in: 0...14)).map { _ in rng.pick(pool) }.joined() }
    }

    struct Tok: Equatable {
        var text: String, lower: String, offset: Int, breakAfter: Int
        init(_ t: RelationInferrer.Token) { text = String(t.text); lower = t.lower; offset = t.offset; breakAfter = t.breakAfter }
    }

    /// The reader's trim is `trimmingSpaces` now, on bytes (`UTF8Text.trimmed`): held against
    /// white space scalars taken off both ends, on the reader's awkward texts.
    @Test func readerTrimMatchesTrimmingSpaces() {
        var texts = Self.texts(20_000, seed: 17)
        texts += [" ", "\t\n", "\u{00A0}x\u{00A0}", " x\u{3000}", "\u{85}a", "a \u{1C}", " 基于 ", "\u{2028}", ""]
        for text in texts {
            #expect(text.trimmingSpaces() == BuildFastPathTests.referenceTrim(text), "\(text.debugDescription)")
        }
    }

    /// The word-at-a-time UTF-8 check against the standard library's decoder.
    @Test func utf8CheckMatchesTheDecoder() {
        func expected(_ bytes: [UInt8]) -> Int? {
            var parser = Unicode.UTF8.ForwardParser()
            var it = bytes.makeIterator()
            var offset = 0
            while true {
                switch parser.parseScalar(from: &it) {
                case .valid(let e):
                    if e.count == 1 && e.first == 0 { return offset }
                    offset += e.count
                case .error(let length): _ = length; return offset
                case .emptyInput: return nil
                }
            }
        }
        var rng = SplitMix64(seed: 23)
        let pieces: [[UInt8]] = ["abcdefgh", "x", "\n", "é", "基于", "🙂", "\u{10FFFF}"].map { Array($0.utf8) }
            + [[0], [0x80], [0xC0, 0x80], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xFF], [0xE4, 0xBD]]
        var checked = 0
        for _ in 0..<20_000 {
            var bytes: [UInt8] = []
            for _ in 0..<rng.int(in: 0...12) {
                // Mostly valid text, so that the fast path runs before the first error.
                let p = rng.int(in: 0...9) < 8 ? rng.pick(Array(pieces[0..<7])) : rng.pick(pieces)
                bytes += p
            }
            let got = bytes.withUnsafeBufferPointer { UTF8Check.firstInvalidOffset($0) }
            #expect(got == expected(bytes), "\(bytes)")
            if got != nil { checked += 1 }
        }
        #expect(checked > 1_000)
    }

    @Test func tokenizerFastPathMatchesCharacters() {
        var fast = 0
        for text in Self.texts(20_000, seed: 11) {
            if let tokens = RelationInferrer.tokenizeSimple(text) {
                fast += 1
                #expect(tokens.map(Tok.init) == RelationInferrer.tokenizeCharacters(text).map(Tok.init), "\(text.debugDescription)")
            }
        }
        #expect(fast > 2_000)   // the fast path was taken, and compared, often
    }

    /// Every scalar the fast tokenizer accepts is a character of its own, next to anything.
    @Test func simpleScalarsNeverJoin() {
        let ranges: [ClosedRange<UInt32>] = [0x20...0x7E, 0xA0...0x2FF, 0x2010...0x2027, 0x2030...0x205E, 0x3000...0x3029,
                                             0x3030...0x303F, 0x3041...0x3096, 0x30A0...0x30FF, 0x4E00...0x9FFF, 0xFF01...0xFF9D]
        for range in ranges {
            for v in range {
                let s = Character(Unicode.Scalar(v)!)
                #expect(RelationInferrer.isSimple(v))
                #expect("a\(s)".count == 2 && "\(s)a".count == 2 && "\(s)\(s)".count == 2, "U+\(String(v, radix: 16))")
            }
        }
    }

    /// Texts of phrase and suffix words, names and the characters that end or join tokens.
    static let inferencePieces: [String] = pieces + [
        "based", " based ", "-based", "-Based", "backed by ", "Redis", "redis-backed", "REDIS", "LVS", "Nginx", " Kafka",
        "on top of ", "ON TOP of", "built", " on", "top", " of ", "drop-in replacement for ", "drop", "in", "like ",
        "uses ", "client", " proxy for ", "bindings", "compatible with ", "1", "x", "_", "li\u{212A}e ", "\u{212A}",
        "runs on ", "similar in nature to ", "Twitter's ", "Google's ", " and ", "/", "&",
    ]

    /// The byte glance that skips most descriptions before tokenizing may say "maybe" too
    /// often, never "no" to a text the tokens would find a relation in.
    @Test func glanceSkipsNoRelation() {
        let names = ["Redis", "LVS", "Nginx", "Kafka", "go-kit", "like", "top"]
        let inferrer = RelationInferrer(resolve: { n in names.firstIndex { $0.lowercased() == n.lowercased() } })
        var skipped = 0, found = 0, chinese = 0
        for text in Self.texts(40_000, seed: 18, pool: Self.inferencePieces) {
            let glance = RelationInferrer.glance(text)
            // What `infer` did before the glance: every text tokenized, Chinese searched for in any non-ASCII one.
            let full = inferrer.infer(text, glance: .init(mayHaveWords: true, mayHaveChinese: text.utf8.contains { $0 >= 0x80 }))
            #expect(inferrer.infer(text) == full, "\(text.debugDescription)")
            if !glance.mayHaveWords { skipped += 1 }
            if !full.isEmpty { found += 1 }
            if glance.mayHaveChinese { chinese += 1 }
        }
        #expect(skipped > 2_000 && found > 2_000 && chinese > 2_000)   // both sides were compared, often
    }

    /// An inferrer remembers how names resolved: one that read many texts reads each as a new one does.
    @Test func rememberedNamesResolveAsNew() {
        let names = ["Redis", "LVS", "Nginx", "K", "go-kit", "like", "Google", "google"]
        func inferrer() -> RelationInferrer {
            RelationInferrer(resolve: { n in names.firstIndex { $0.lowercased() == n.lowercased() } },
                             isExcluded: { $0 == 5 }, spellings: { [names[$0]] })
        }
        let shared = inferrer()
        var found = 0
        for text in Self.texts(10_000, seed: 19, pool: Self.inferencePieces + [" K", " Google", "\u{212A} "]) {
            let hits = shared.infer(text)
            #expect(hits == inferrer().infer(text), "\(text.debugDescription)")
            if !hits.isEmpty { found += 1 }
        }
        #expect(found > 400)   // names were found, and remembered, often
    }

    /// The glance's premise: no non-ASCII character but the Kelvin sign lowers to ASCII only.
    @Test func onlyTheKelvinSignLowersToASCII() {
        for v in UInt32(0x80)...0x10FFFF {
            guard let scalar = Unicode.Scalar(v) else { continue }
            let lower = String(Character(scalar)).lowercased()
            #expect(lower.utf8.contains { $0 >= 0x80 } || v == 0x212A, "U+\(String(v, radix: 16))")
        }
    }

    @Test func nameKeysMatchTheGeneralPath() {
        for text in Self.texts(20_000, seed: 12, asciiOnly: true) {
            #expect(ASCIIKey.exact(text) == NameKey.General.exact(text))
            let key = NameKey.General.exact(text)
            #expect(ASCIIKey.compact(key) == NameKey.General.compact(key))
            #expect(ASCIIKey.compact(text) == NameKey.General.compact(text))
            #expect(ASCIIKey.withoutVendor(key) == .some(NameKey.General.withoutVendor(key)))
            #expect(ASCIIKey.url(text) == NameKey.General.url(text), "\(text.debugDescription)")
        }
        #expect(ASCIIKey.exact("Kafka é") == nil)   // non-ASCII takes the general path
    }

    @Test func slugFastPathMatchesTheGeneralPath() {
        let names = Self.texts(20_000, seed: 16, asciiOnly: true) + ["", ".NET", "C#", "C++", "Cap'n Proto", "..", "'", "a.b", " .x", "+", "#"]
        for name in names {
            #expect(Slug.ascii(name) == Slug.General.make(name), "\(name.debugDescription)")
            #expect(Slug.id(.project, name) == "project:" + Slug.General.make(name))
        }
        #expect(Slug.ascii("Kafka é") == nil)   // non-ASCII takes the general path
        #expect(Slug.id(.category, "消息队列 Queue") == "category:" + Slug.General.make("消息队列 Queue"))
    }

    /// The builder's edge table answers as a `Dictionary` would, through inserts, updates,
    /// removals, growth and keys that do not pack.
    @Test func edgeTableMatchesADictionary() {
        var rng = SplitMix64(seed: 17)
        var table = GraphBuilder.EdgeTable()
        var dictionary: [GraphBuilder.EdgeKey: Int] = [:]
        let relations = RelationKind.allCases
        for step in 0..<50_000 {
            let range = step % 3 == 0 ? 40 : 2_000
            let key = GraphBuilder.EdgeKey(source: rng.below(range) - (step % 97 == 0 ? range : 0), target: rng.below(range),
                                           relation: relations[rng.below(relations.count)])
            switch rng.below(4) {
            case 0: table[key] = nil; dictionary[key] = nil
            case 1: #expect(table[key] == dictionary[key])
            default: table[key] = step; dictionary[key] = step
            }
        }
        for (key, value) in dictionary { #expect(table[key] == value) }
    }

    @Test func chinesePhraseSearchMatchesCharacterSearch() {
        for text in Self.texts(20_000, seed: 13) {
            for (p, phrase) in RelationInferrer.chinese.map(\.0).enumerated() {
                var expected: [Range<String.Index>] = []
                var from = text.startIndex
                while let r = text[from...].firstRange(of: phrase) {
                    expected.append(r)
                    from = r.upperBound
                }
                #expect(RelationInferrer.matches(of: p, in: text) == expected, "\(text.debugDescription) \(phrase)")
            }
        }
    }

    @Test func resourceTestMatchesTheGeneralPath() {
        for text in Self.texts(5_000, seed: 14, asciiOnly: true) + ["Kafka Wiki", "DOCS", "blogger", "Internals of X"] {
            let lower = text.lowercased()
            let general = ["wiki", "internals", "documentation", "documents", "docs", "tutorial", "handbook", "blog",
                           "article"].contains { lower.contains($0) }
            #expect(GraphBuilder.looksLikeResourceASCII(text) == general)
        }
    }

    @Test func byteSortMatchesStringSort() {
        let strings = Self.texts(5_000, seed: 15, asciiOnly: true) + ["", "a", "a\u{0}", "project:aaaaaaaa", "project:aaaaaaa", "project:apache-kafka-streams", "project:apache-kafka-connect"]
        #expect(GraphBuilder.sortedKeys(strings).map { Int($0.index) }.map { strings[$0] } == strings.sorted())
        let mixed = strings + ["é", "e\u{301}z", "Ü"]
        #expect(GraphBuilder.sortedKeys(mixed).map { Int($0.index) }.map { mixed[$0] } == mixed.sorted())
    }
}

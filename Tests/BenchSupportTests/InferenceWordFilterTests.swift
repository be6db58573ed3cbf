@testable import EcoGraph
import BenchSupport
import Testing

/// The inference fast paths of the fifth round (the glance's run filter, word filters that
/// test a token before its lower case is made, the byte-counted prefix after a Chinese phrase,
/// the ASCII name test) against the general code they stand in for, on awkward text.
@Suite struct InferenceWordFilterTests {
    /// Phrase and filler words in mixed case, run into letters, digits and dashes, beside the
    /// general pieces (CJK, combining marks, the Kelvin sign, CR LF, quotes).
    static let pool = FastPathEquivalenceTests.inferencePieces + [
        "Of", "OR", "or", "on", "On", "us", "usEs", "used", "user", "the", "A", "an", "very ", "Popular", "open-source",
        "And", "&", "与", "和", "micro", "Cron", "GO", "Java", "node", "sdk for ", "UI for ", "ui", "Part of ", "think ",
        "modelled after ", "x1", "2nd", "fork", "forks", "port", "Port of ", "'s", "'S", "’s", "Ｋ", "\u{FAAE}", "类似于",
    ]

    /// What the glance's offsets must be: every maximal run of ASCII letters and digits that
    /// starts a pattern (its runs, case aside, with nothing alphanumeric between them).
    static func referenceOffsets(_ text: String) -> [Int] {
        let u = Array(text.utf8)
        func isAlnum(_ i: Int) -> Bool { i < u.count && RelationInferrer.isAlphanumeric(u[i]) }
        func matches(_ runs: [[UInt8]], at start: Int) -> Bool {
            var i = start
            for (r, run) in runs.enumerated() {
                if r > 0 { while i < u.count && !isAlnum(i) { i += 1 } }
                for b in run {
                    guard i < u.count, ASCIIKey.lower(u[i]) == b else { return false }
                    i += 1
                }
                if isAlnum(i) { return false }
            }
            return true
        }
        return u.indices.filter { i in
            isAlnum(i) && (i == 0 || !isAlnum(i - 1)) && RelationInferrer.runPatterns.contains { matches($0, at: i) }
        }
    }

    /// The glance's (length, first byte) slot and `runBit` never rule out a run that starts a
    /// pattern, and the Chinese bits are those of the phrases' first characters.
    @Test func glanceFindsEveryPatternStart() {
        var found = 0
        for text in FastPathEquivalenceTests.texts(40_000, seed: 51, pool: Self.pool) {
            let glance = RelationInferrer.glance(text)
            let kelvin = text.unicodeScalars.contains("\u{212A}")
            let expected = Self.referenceOffsets(text)
            #expect(glance.mayHaveWords == (kelvin || !expected.isEmpty), "\(text.debugDescription)")
            if !kelvin { #expect(glance.wordOffsets == expected, "\(text.debugDescription)") }
            var chinese: UInt8 = 0
            let scalars = Set(text.unicodeScalars.map(\.value))
            for (p, phrase) in RelationInferrer.chinese.enumerated()
            where scalars.contains(phrase.0.unicodeScalars.first!.value) || (RelationInferrer.chineseHasVariant[p] && scalars.contains(0xFAAE)) {
                chinese |= 1 << UInt8(p)
            }
            #expect(glance.chinesePhrases == chinese, "\(text.debugDescription)")
            if !expected.isEmpty { found += 1 }
        }
        #expect(found > 10_000)
    }

    /// A word filter asked about a token says "no" only when the set lacks its lower case.
    @Test func wordFiltersNeverRuleOutAMember() {
        let filters = [(RelationInferrer.fillerWords, RelationInferrer.fillers),
                       (RelationInferrer.commonWordFilter, RelationInferrer.commonWords),
                       (RelationInferrer.conjunctionWords, RelationInferrer.conjunctions),
                       (RelationInferrer.phraseWords, Set(RelationInferrer.phrasesByFirstWord.keys))]
        var members = 0
        for text in FastPathEquivalenceTests.texts(20_000, seed: 52, pool: Self.pool) {
            for token in RelationInferrer.tokenize(text) {
                let lower = token.lower
                #expect(lower == token.text.lowercased())
                for (filter, set) in filters where set.contains(lower) {
                    members += 1
                    #expect(filter.mayContain(token), "\(token.text.debugDescription)")
                }
                #expect(RelationInferrer.isConjunction(token) == RelationInferrer.conjunctions.contains(lower))
            }
        }
        #expect(members > 5_000)
    }

    /// The prefix after a Chinese phrase, counted on bytes, ends where the character count does.
    @Test func prefixEndMatchesCharacters() {
        for text in FastPathEquivalenceTests.texts(20_000, seed: 53, pool: Self.pool) {
            var from = text.startIndex
            while true {
                for count in [0, 1, 3, 80] {
                    #expect(RelationInferrer.prefixEnd(text, from: from, count) == text[from...].prefix(count).endIndex,
                            "\(text.debugDescription) from \(text.utf8.distance(from: text.startIndex, to: from))")
                }
                guard from < text.endIndex else { break }
                from = text.index(after: from)
            }
        }
    }

    /// The byte test of a name's first scalar against its scalar properties.
    @Test func looksLikeANameMatchesScalarProperties() {
        let pool = ["A", "b", "Z", "z", "0", "9", "-", ".", " ", "'", "É", "é", "Ｋ", "１", "消息", "Ⅻ", "\u{212A}", "_"]
        for word in InferenceFastPathTests.strings(20_000, seed: 54, pool: pool, pieces: 0...3) {
            let first = word.unicodeScalars.first
            let expected = first.map { $0.properties.isUppercase || $0.properties.numericType != nil } ?? false
            #expect(RelationInferrer.looksLikeAName(word[...]) == expected, "\(word.debugDescription)")
        }
    }
}

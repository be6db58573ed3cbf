import Dispatch

/// Finds relations stated in a description ("built on top of NGINX", "a port of ZeroMQ",
/// "backed by Redis", "基于 Nginx") and resolves their targets against the names the graph knows.
///
/// It works on words, not regular expressions: the description is split into tokens once, and
/// phrases are looked up by their first word, so the cost is linear in the text.
///
/// ```swift
/// let inferrer = RelationInferrer { name in index.lookup(name) }
/// inferrer.infer("Open-source API layer built on top of NGINX")
/// // [Hit(relation: .builtOn, target: .known(nginx), phrase: "built on top of NGINX", confidence: 0.9)]
/// ```
public struct RelationInferrer: Sendable {
    public enum Target: Sendable, Hashable {
        /// A node the resolver knows (its index).
        case known(Int)
        /// A capitalised name the catalog does not list: becomes an external node.
        case external(String)
    }

    public struct Hit: Sendable, Hashable {
        public var relation: RelationKind
        public var target: Target
        /// The words the relation was read from, as written.
        public var phrase: String
        public var confidence: Double
        /// UTF-8 offset of the phrase in the description.
        public var offset: Int
    }

    struct Phrase: Sendable {
        var words: [String]
        var relation: RelationKind
        var confidence: Double
        /// May name something the catalog does not list (a capitalised name right after it).
        var allowsExternal: Bool
        /// Only the first word after the phrase may be the name (weak phrases such as "like").
        var immediateOnly: Bool
    }

    static let phrases: [Phrase] = {
        func p(_ text: String, _ r: RelationKind, _ c: Double, external: Bool = false, immediate: Bool = false) -> Phrase {
            Phrase(words: text.split(separator: " ").map(String.init), relation: r, confidence: c,
                   allowsExternal: external, immediateOnly: immediate)
        }
        return [
            p("built on top of", .builtOn, 0.9, external: true), p("runs on top of", .builtOn, 0.9, external: true),
            p("running on top of", .builtOn, 0.9, external: true), p("on top of", .builtOn, 0.8, external: true),
            p("built upon", .builtOn, 0.85, external: true), p("built on", .builtOn, 0.85, external: true),
            p("runs on", .builtOn, 0.6, immediate: true), p("layer over", .builtOn, 0.7),
            p("based on", .uses, 0.6, external: true), p("backed by", .uses, 0.85),
            p("stores data in", .uses, 0.7), p("uses", .uses, 0.5, immediate: true),
            p("port of", .portOf, 0.9, external: true), p("implementation of", .portOf, 0.7),
            p("reimplementation of", .portOf, 0.85, external: true), p("rewrite of", .portOf, 0.8, external: true),
            p("fork of", .extends, 0.9, external: true), p("distribution of", .extends, 0.85, external: true),
            p("derived from", .extends, 0.8, external: true), p("modification of", .extends, 0.7),
            p("extension of", .extends, 0.8), p("extension for", .extends, 0.7),
            p("inspired by", .inspiredBy, 0.9, external: true), p("modeled after", .inspiredBy, 0.8, external: true),
            p("modelled after", .inspiredBy, 0.8, external: true),
            p("compatible with", .compatibleWith, 0.9), p("drop-in replacement for", .compatibleWith, 0.85),
            p("alternative to", .alternativeTo, 0.9), p("replacement for", .alternativeTo, 0.8),
            p("similar in nature to", .alternativeTo, 0.8), p("similar to", .alternativeTo, 0.75),
            p("think", .alternativeTo, 0.6, immediate: true), p("like", .alternativeTo, 0.5, immediate: true),
            p("client for", .clientOf, 0.85), p("client of", .clientOf, 0.85), p("client library for", .clientOf, 0.85),
            p("bindings for", .clientOf, 0.8), p("binding for", .clientOf, 0.8), p("driver for", .clientOf, 0.8),
            p("sdk for", .clientOf, 0.75),
            p("tool for managing", .toolFor, 0.85), p("tool for", .toolFor, 0.7), p("manager for", .toolFor, 0.85),
            p("proxy for", .toolFor, 0.8), p("dashboard for", .toolFor, 0.8), p("ui for", .toolFor, 0.75),
            p("monitoring for", .toolFor, 0.7), p("management for", .toolFor, 0.7), p("cluster proxy for", .toolFor, 0.85),
            p("part of", .partOf, 0.8), p("component of", .partOf, 0.8),
            p("documentation for", .documents, 0.8), p("documentation of", .documents, 0.8),
        ]
    }()

    /// Suffix words: "<Name> based", "<Name>-backed", "<Name> bindings", "<Name> cluster proxy".
    static let suffixes: [(String, RelationKind, Double)] = [
        ("based", .builtOn, 0.6), ("backed", .uses, 0.8), ("bindings", .clientOf, 0.75),
        ("client", .clientOf, 0.6), ("proxy", .toolFor, 0.6), ("extensions", .extends, 0.7),
        ("compatible", .compatibleWith, 0.8),
    ]

    /// Chinese phrasings; the name follows the phrase.
    static let chinese: [(String, RelationKind, Double)] = [
        ("基于", .builtOn, 0.7), ("兼容", .compatibleWith, 0.8), ("替代", .alternativeTo, 0.7),
        ("代替", .alternativeTo, 0.7), ("移植", .portOf, 0.7), ("类似于", .alternativeTo, 0.6),
    ]

    static let phrasesByFirstWord: [String: [Phrase]] = {
        var map: [String: [Phrase]] = [:]
        for ph in phrases { map[ph.words[0], default: []].append(ph) }
        for k in map.keys { map[k]!.sort { $0.words.count > $1.words.count } }
        return map
    }()

    /// A quick, exact-for-"no" test of whether a word may be in a small set: a table of
    /// (length, first byte) pairs, so most words are ruled out without hashing them.
    struct WordFilter: Sendable {
        private var table = [Bool](repeating: false, count: 32 * 256)

        init(_ words: some Sequence<String>) {
            for w in words { table[Self.slot(w.utf8)] = true }
        }

        private static func slot(_ utf8: some Collection<UInt8>) -> Int {
            min(utf8.count, 31) * 256 + (utf8.isEmpty ? 0 : Int(utf8[utf8.startIndex]))
        }

        func mayContain(_ word: String) -> Bool { table[Self.slot(word.utf8)] }
        func mayContain(_ word: Substring) -> Bool { table[Self.slot(word.utf8)] }

        /// `mayContain(token.lower)` without making `lower` for an ASCII token (whose lower
        /// case has its length and its first byte lower-cased); true for any other token.
        func mayContain(_ token: Token) -> Bool {
            let u = token.text.utf8
            guard token.isASCII, let first = u.first else { return true }
            return table[RelationInferrer.runSlot(u.count, first)]
        }
    }

    static let phraseWords = WordFilter(phrasesByFirstWord.keys)
    static let suffixWords = WordFilter(suffixes.map(\.0))

    /// Words that may stand between a phrase and the name ("a port of the very popular …").
    static let fillers: Set<String> = [
        "a", "an", "the", "top", "very", "popular", "open", "source", "open-source", "pure", "native",
        "100%", "well-known", "famous", "existing", "original", "project", "projects", "of",
    ]

    /// Words that are names in some catalogs but too common to count when they do not
    /// follow the phrase directly.
    static let commonWords: Set<String> = [
        "micro", "cron", "scheduler", "balance", "pen", "documents", "cache", "proxy", "server",
        "client", "go", "java", "node", "rpc", "api", "http", "sql", "linux", "windows", "web", "data",
    ]

    static let conjunctions: Set<String> = ["and", "or", "&", "与", "和", "及", "/"]

    static let fillerWords = WordFilter(fillers)
    static let commonWordFilter = WordFilter(commonWords)
    static let conjunctionWords = WordFilter(conjunctions)

    /// Whether a token is a conjunction (its lower case made only when it may be one).
    static func isConjunction(_ token: Token) -> Bool {
        conjunctionWords.mayContain(token) && conjunctions.contains(token.lower)
    }

    let resolve: @Sendable (String) -> Int?
    let isExcluded: @Sendable (Int) -> Bool
    let spellings: @Sendable (Int) -> [String]
    let filter: CandidateFilter?
    let candidates = CandidateMemo()

    /// `resolveCandidate`'s answers, shared by the threads that read descriptions (prose repeats
    /// its words, and an answer never changes: the closures read a fixed index). Holds up to
    /// `limit` names, then only answers from what it holds.
    final class CandidateMemo: @unchecked Sendable {
        static let limit = 1 << 17
        private let lock = DispatchSemaphore(value: 1)
        private var answers: [String: Int?] = [:]

        func answer(_ name: String, _ work: (String) -> Int?) -> Int? {
            lock.wait()
            let known = answers[name]
            lock.signal()
            if let known { return known }
            let answer = work(name)
            lock.wait()
            if answers.count < Self.limit { answers[name] = answer }
            lock.signal()
            return answer
        }
    }

    /// - Parameters:
    ///   - resolve: finds a node index for a candidate name (name, alias, vendor-tolerant).
    ///   - isExcluded: nodes that cannot be targets (categories, languages).
    ///   - spellings: a node's name and aliases, to tell "Google" in prose from an entry
    ///     spelled "google" (no check when it returns nothing).
    public init(resolve: @escaping @Sendable (String) -> Int?, isExcluded: @escaping @Sendable (Int) -> Bool = { _ in false },
                spellings: @escaping @Sendable (Int) -> [String] = { _ in [] }) {
        self.init(resolve: resolve, isExcluded: isExcluded, spellings: spellings, filter: nil)
    }

    /// - Parameter filter: rules out names `resolve` cannot find before it is asked (see
    ///   `CandidateFilter`; it must be built from the keys of the index `resolve` reads).
    init(resolve: @escaping @Sendable (String) -> Int?, isExcluded: @escaping @Sendable (Int) -> Bool,
         spellings: @escaping @Sendable (Int) -> [String], filter: CandidateFilter?) {
        self.resolve = resolve
        self.isExcluded = isExcluded
        self.spellings = spellings
        self.filter = filter
    }

    struct Token {
        var text: Substring
        var offset: Int
        /// 0: none, 1: comma, 2: sentence or clause end.
        var breakAfter: Int
        /// All ASCII, so byte offsets are character offsets.
        var isASCII = false
        /// For ASCII tokens: the byte offset of the last `-` in `lower`, or -1.
        var lastDash = -1
        /// No scalar but ASCII ones has a lower case of its own, so `lower` lower-cases bytes.
        var caseless = false

        /// The token in lower case, made when asked: most tokens of a sentence that holds a
        /// phrase are never looked up, and making a `String` for each was a fifth of tokenizing.
        var lower: String {
            guard caseless else { return text.lowercased() }
            var word = text
            return word.withUTF8 { u in
                String(unsafeUninitializedCapacity: u.count) { out in
                    for k in u.indices { out[k] = ASCIIKey.lower(u[k]) }
                    return u.count
                }
            }
        }
    }

    /// `tokenize` on bytes, for text whose every character is a single scalar from a small set
    /// of scripts (ASCII, Latin-1 and Latin Extended, general punctuation, CJK ideographs,
    /// kana and CJK punctuation, fullwidth forms), which is nearly every description: the same
    /// tokens, without walking grapheme clusters. No scalar of those ranges joins another into
    /// one character (they are not combining marks, joiners, prepends, Hangul jamo or regional
    /// indicators), so each scalar is a character and the byte offsets are the same. Returns
    /// nil for other text.
    static func tokenizeSimple(_ text: String) -> [Token]? {
        var copy = text
        return copy.withUTF8 { u in simpleSpans(u).map { spans in tokens(text, u, spans[...]) } }
    }

    /// Where a token is in the text (UTF-8 offsets) and its break: what `tokenizeSimple` finds
    /// before it makes any string.
    struct Span {
        var start: Int
        var end: Int
        var breakAfter: Int
    }

    /// `tokenizeSimple`'s tokens as spans (nil for text that is not simple).
    static func simpleSpans(_ u: UnsafeBufferPointer<UInt8>) -> [Span]? {
        let n = u.count
        var spans: [Span] = []
        spans.reserveCapacity(n / 5)
        var wordStart = -1
        func close(_ end: Int, _ brk: Int) {
            // No word pending: only the break, for the token before.
            var s = wordStart, e = wordStart < 0 ? wordStart : end, b = brk
            wordStart = -1
            if s >= 0 {
                while e > s {
                    var k = e - 1
                    while u[k] & 0xC0 == 0x80 { k -= 1 }
                    guard let lb = trailingBreak(Self.scalar(u, k).value) else { break }
                    b = max(b, lb)
                    e = k
                }
                while s < e {
                    let (v, length) = Self.scalar(u, s)
                    guard isOpening(v) else { break }
                    s += length
                }
            }
            if s < e {
                spans.append(Span(start: s, end: e, breakAfter: b))
            } else if b > 0, !spans.isEmpty {
                spans[spans.count - 1].breakAfter = max(spans[spans.count - 1].breakAfter, b)
            }
        }
        var i = 0
        while i < n {
            let c = u[i]
            if c < 0x80 {
                // ASCII is simple, and white space its only separator (of break 0).
                if ASCIIKey.isSpace(c) { close(i, 0) } else if wordStart < 0 { wordStart = i }
                i += 1
                continue
            }
            let (v, length) = Self.scalar(u, i)
            guard isSimple(v) else { return nil }
            if let brk = separatorBreak(v) { close(i, brk) } else if wordStart < 0 { wordStart = i }
            i += length
        }
        close(n, 2)
        return spans
    }

    /// The tokens of `spans` of `text` (whose UTF-8 is `u`).
    static func tokens(_ text: String, _ u: UnsafeBufferPointer<UInt8>, _ spans: ArraySlice<Span>) -> [Token] {
        let utf8 = text.utf8
        let base = utf8.startIndex
        return spans.map { span in
            let s = span.start, e = span.end
            // `caseless`: no scalar but ASCII ones has a lower case of its own.
            var ascii = true, caseless = true, dash = -1
            var k = s
            while k < e {
                let c = u[k]
                if c < 0x80 {
                    if c == 0x2D { dash = k - s }
                    k += 1
                    continue
                }
                ascii = false
                let (v, length) = Self.scalar(u, k)
                guard isCaseless(v) else { caseless = false; break }
                k += length
            }
            let word = text[utf8.index(base, offsetBy: s)..<utf8.index(base, offsetBy: e)]
            return Token(text: word, offset: s, breakAfter: span.breakAfter, isASCII: ascii,
                         lastDash: ascii ? dash : -1, caseless: caseless)
        }
    }

    /// The scalar that starts at byte `i` of valid UTF-8, and its length.
    @inline(__always) static func scalar(_ u: UnsafeBufferPointer<UInt8>, _ i: Int) -> (value: UInt32, length: Int) {
        let b = UInt32(u[i])
        if b < 0x80 { return (b, 1) }
        if b < 0xE0 { return ((b & 0x1F) << 6 | UInt32(u[i + 1] & 0x3F), 2) }
        if b < 0xF0 { return ((b & 0x0F) << 12 | UInt32(u[i + 1] & 0x3F) << 6 | UInt32(u[i + 2] & 0x3F), 3) }
        return ((b & 0x07) << 18 | UInt32(u[i + 1] & 0x3F) << 12 | UInt32(u[i + 2] & 0x3F) << 6 | UInt32(u[i + 3] & 0x3F), 4)
    }

    /// The scalars `tokenizeSimple` handles (see there).
    @inline(__always) static func isSimple(_ v: UInt32) -> Bool {
        switch v {
        case 0x00...0x7F, 0xA0...0x2FF, 0x2010...0x2027, 0x2030...0x205E, 0x3000...0x3029, 0x3030...0x303F,
             0x3041...0x3096, 0x30A0...0x30FF, 0x4E00...0x9FFF, 0xFF01...0xFF9D:
            return true
        default:
            return false
        }
    }

    /// For a simple non-ASCII scalar: whether `lowercased()` leaves it as it is. Only Latin
    /// letters (below U+2010) and the fullwidth capitals change among the simple scalars.
    @inline(__always) static func isCaseless(_ v: UInt32) -> Bool {
        v >= 0x2010 && !(0xFF21...0xFF3A).contains(v)
    }

    /// For a simple scalar: a word separator's break (white space 0, `，` `、` 1, `。` `；` `：` 2).
    @inline(__always) static func separatorBreak(_ v: UInt32) -> Int? {
        switch v {
        case 0x20, 0x09...0x0D, 0xA0, 0x3000: return 0
        case 0xFF0C, 0x3001: return 1
        case 0x3002, 0xFF1B, 0xFF1A: return 2
        default: return nil
        }
    }

    /// For a simple scalar: `trailingBreak` of its character.
    @inline(__always) static func trailingBreak(_ v: UInt32) -> Int? {
        switch v {
        case 0x2C: return 1
        case 0x27, 0x29, 0x5D, 0x22, 0x2019, 0x201D: return 0
        case 0x2E, 0x3B, 0x3A, 0x21, 0x3F: return 2
        default: return nil
        }
    }

    /// For a simple scalar: `isOpening` of its character.
    @inline(__always) static func isOpening(_ v: UInt32) -> Bool {
        v == 0x28 || v == 0x5B || v == 0x22 || v == 0x27 || v == 0x201C || v == 0x2018
    }

    static func tokenize(_ text: String) -> [Token] {
        tokenizeSimple(text) ?? tokenizeCharacters(text)
    }

    /// `tokenize` character by character, for any text.
    static func tokenizeCharacters(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var start: String.Index? = nil
        var offset = 0, startOffset = 0
        func close(_ end: String.Index, _ brk: Int) {
            guard let s = start else {
                if brk > 0, !tokens.isEmpty { tokens[tokens.count - 1].breakAfter = max(tokens[tokens.count - 1].breakAfter, brk) }
                return
            }
            var word = text[s..<end]
            var b = brk
            var trimmedOffset = startOffset
            while let last = word.last, let lb = Self.trailingBreak(last) {
                b = max(b, lb)
                word = word.dropLast()
            }
            while let first = word.first, Self.isOpening(first) {
                word = word.dropFirst()
                trimmedOffset += first.utf8.count
            }
            if !word.isEmpty {
                tokens.append(Token(text: word, offset: trimmedOffset, breakAfter: b))
            } else if b > 0, !tokens.isEmpty {
                tokens[tokens.count - 1].breakAfter = max(tokens[tokens.count - 1].breakAfter, b)
            }
            start = nil
        }
        var i = text.startIndex
        while i < text.endIndex {
            let ch = text[i]
            if let brk = Self.separatorBreak(ch) {
                close(i, brk)
            } else if start == nil {
                start = i
                startOffset = offset
            }
            offset += ch.utf8.count
            i = text.index(after: i)
        }
        close(text.endIndex, 2)
        return tokens
    }

    // Character tests on the character's one scalar, not by comparing `Character`s (which
    // normalises both sides and dominated tokenizing). The same answers: a character of more
    // than one scalar equals none of these, and the only other character canonically equal to
    // one of them is U+037E (Greek question mark), which is `;`.

    /// The only scalar of a one-scalar character.
    @inline(__always) static func single(_ c: Character) -> Unicode.Scalar? {
        let scalars = c.unicodeScalars
        guard let f = scalars.first, scalars.index(after: scalars.startIndex) == scalars.endIndex else { return nil }
        return f
    }

    /// Word separators: white space (0), `，` `、` (1, a comma), `。` `；` `：` (2, a clause end).
    @inline(__always) static func separatorBreak(_ c: Character) -> Int? {
        if c.isWhitespace { return 0 }
        switch single(c) {
        case "，", "、": return 1
        case "。", "；", "：": return 2
        default: return nil
        }
    }

    /// A word's trailing punctuation: `,` (1), quotes and closing brackets (0), `.;:!?` (2).
    @inline(__always) static func trailingBreak(_ c: Character) -> Int? {
        switch single(c) {
        case ",": return 1
        case "'", "’", ")", "]", "\"", "”": return 0
        case ".", ";", "\u{037E}", ":", "!", "?": return 2
        default: return nil
        }
    }

    /// A word's leading punctuation: `(`, `[` and quotes.
    @inline(__always) static func isOpening(_ c: Character) -> Bool {
        switch single(c) {
        case "(", "[", "\"", "'", "“", "‘": return true
        default: return false
        }
    }

    /// What one pass over a description's bytes tells before it is tokenized.
    struct Glance {
        /// A phrase or a suffix word may be in it (when false, none is).
        var mayHaveWords: Bool
        /// Bit `p` set: the first character of Chinese phrase `p` (for 类似于 also U+FAAE) is in
        /// it; a phrase whose bit is clear is not there, and its search is skipped.
        var chinesePhrases: UInt8
        /// Where the phrases and suffix words that may be there start (UTF-8 offsets, in
        /// order): a token that reads as one holds one of these. nil: anywhere.
        var wordOffsets: [Int]? = nil

        /// The first character of some Chinese phrase (or U+FAAE, which is canonically 类) is
        /// in it (when false, no Chinese phrase is).
        var mayHaveChinese: Bool { chinesePhrases != 0 }

        init(mayHaveWords: Bool, chinesePhrases: UInt8, wordOffsets: [Int]? = nil) {
            self.mayHaveWords = mayHaveWords
            self.chinesePhrases = chinesePhrases
            self.wordOffsets = wordOffsets
        }

        /// Every Chinese phrase searched for, or none.
        init(mayHaveWords: Bool, mayHaveChinese: Bool, wordOffsets: [Int]? = nil) {
            self.init(mayHaveWords: mayHaveWords, chinesePhrases: mayHaveChinese ? 0xFF : 0, wordOffsets: wordOffsets)
        }
    }

    /// The phrases and suffix words as runs of ASCII letters and digits, lower case
    /// ("drop-in replacement for" → drop, in, replacement, for), by `WordFilter`-style slot of
    /// their first run.
    static let runPatterns: [[[UInt8]]] = phrases.map { ph in
        ph.words.flatMap { $0.split(separator: "-").map { Array($0.utf8) } }
    } + suffixes.map { [Array($0.0.utf8)] }

    static let runPatternsBySlot: [[Int]] = {
        var table = [[Int]](repeating: [], count: 32 * 256)
        for (p, runs) in runPatterns.enumerated() { table[runSlot(runs[0].count, runs[0][0])].append(p) }
        return table
    }()

    /// Whether `runPatternsBySlot` has anything in a slot, by the run's first byte (as written:
    /// both cases of a letter): bit `min(length, 31)` of its entry.
    static let runLengthsByFirstByte: [UInt32] = {
        var table = [UInt32](repeating: 0, count: 256)
        for slot in runPatternsBySlot.indices where !runPatternsBySlot[slot].isEmpty {
            let first = UInt8(slot & 255), length = UInt32(slot >> 8)
            table[Int(first)] |= 1 << length
            if first &- 0x61 < 26 { table[Int(first - 0x20)] |= 1 << length }
        }
        return table
    }()

    /// The bit of `firstRunBits` for a run of ASCII letters and digits: from its length and
    /// its first, second and last bytes, lower-cased (`| 0x20` lower-cases a letter and leaves
    /// a digit as it is; a one-byte run's first byte stands for the other two). All four are
    /// known once the run's end is found, so the scan does no work per byte but find the end,
    /// and they tell apart most common words from the patterns ("of", "or" from "on"; "used"
    /// from "uses"; "being" from "based", "built").
    @inline(__always) static func runBit(count: Int, _ first: UInt8, _ second: UInt8, _ last: UInt8) -> Int {
        let key = UInt32(truncatingIfNeeded: min(count, 31)) | UInt32(first | 0x20) << 5
            | UInt32(second | 0x20) << 13 | UInt32(last | 0x20) << 21
        return Int(truncatingIfNeeded: (key &* 0x9E37_79B1) >> 20)
    }

    /// One bit in 4,096 per pattern's first run (by `runBit`): a run whose bit is clear starts
    /// no phrase and is no suffix word, ruled out with one test.
    static let firstRunBits: [UInt64] = {
        var bits = [UInt64](repeating: 0, count: 64)
        for runs in runPatterns {
            let run = runs[0]
            let b = runBit(count: run.count, run[0], run[min(1, run.count - 1)], run[run.count - 1])
            bits[b >> 6] |= 1 << UInt64(b & 63)
        }
        return bits
    }()

    @inline(__always) static func runSlot(_ count: Int, _ first: UInt8) -> Int {
        min(count, 31) * 256 + Int(ASCIIKey.lower(first))
    }

    /// The first characters of the Chinese phrases, and U+FAAE, as UTF-8 (all three bytes long).
    static let chineseFirstCodes: [UInt32] = (chinese.map { String($0.0.first!) } + ["\u{FAAE}"]).map { first in
        first.utf8.reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// The three bytes of a character that starts at a lead byte ≥ 0xE2 as one integer (what
    /// `chineseFirstCodes` holds), or 0 when the text ends before them.
    @inline(__always) static func code3(_ u: UnsafeBufferPointer<UInt8>, _ i: Int) -> UInt32 {
        i + 2 < u.count ? UInt32(u[i]) << 16 | UInt32(u[i + 1]) << 8 | UInt32(u[i + 2]) : 0
    }

    /// For each of `chineseFirstCodes`, the bit of its phrase (U+FAAE's is 类似于's).
    static let chinesePhraseBit: [UInt8] = chineseFirstCodes.indices.map {
        1 << UInt8($0 < chinese.count ? $0 : chineseHasVariant.firstIndex(of: true)!)
    }

    /// Bit `code % 64` of each of `chineseFirstCodes`: a character without its bit starts no
    /// Chinese phrase, which rules out most characters with one test.
    static let chineseFirstMask: UInt64 = chineseFirstCodes.reduce(0) { $0 | 1 << UInt64($1 % 64) }

    /// U+212A (the Kelvin sign) as `code3` gives it.
    static let kelvinCode: UInt32 = 0xE284AA

    @inline(__always) static func isAlphanumeric(_ c: UInt8) -> Bool {
        (c &- 0x30) < 10 || (c | 0x20) &- 0x61 < 26
    }

    /// `isAlphanumeric` of every byte, for `glance`'s scan: one load a byte instead of two
    /// range tests.
    static let alphanumericBytes: [Bool] = (0...255).map { isAlphanumeric(UInt8($0)) }

    /// Whether `description` may hold a phrase (its words in a row) or a suffix word, on bytes,
    /// exact for "no". A token whose lower case is one of those (all-ASCII) words is, in the
    /// text, that word in any case, with no ASCII letter or digit on either side (tokens end at
    /// separators and punctuation), and the tokens of a phrase are separated only by
    /// separators and punctuation. So each such token is a maximal run of ASCII letters and
    /// digits, and a phrase is a row of runs with nothing alphanumeric in between. The only
    /// non-ASCII character whose lower case is ASCII is the Kelvin sign (U+212A → "k"): a text
    /// with one is always read in full. A Chinese phrase starts with its first character's
    /// bytes, or, for 类似于, with U+FAAE (see `matches(of:in:)`).
    static func glance(_ description: String) -> Glance {
        var copy = description
        let lengths = runLengthsByFirstByte, firstRuns = firstRunBits, chineseFirst = chineseFirstCodes, chineseMask = chineseFirstMask
        return alphanumericBytes.withUnsafeBufferPointer { alphanumeric in copy.withUTF8 { u in
            var words = false, kelvin = false
            var chinese: UInt8 = 0
            var offsets: [Int] = []
            let n = u.count
            guard let p = u.baseAddress else { return Glance(mayHaveWords: false, chinesePhrases: 0, wordOffsets: offsets) }
            var i = 0
            while i < n {
                let c = p[i]
                if c >= 0x80 {
                    if c >= 0xE2 {
                        let code = code3(u, i)
                        if code == kelvinCode { words = true; kelvin = true }
                        if chineseMask & (1 << UInt64(code % 64)) != 0, let k = chineseFirst.firstIndex(of: code) {
                            chinese |= chinesePhraseBit[k]
                        }
                    }
                    // To the next character (the text is valid UTF-8: `c` is a lead byte).
                    i += c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4
                    continue
                }
                guard alphanumeric[Int(c)] else { i += 1; continue }
                var e = i + 1
                while e < n && alphanumeric[Int(p[e])] { e += 1 }
                // Two filters, the cheaper first: the (length, first byte) slot, then `runBit`.
                if lengths[Int(c)] >> UInt32(min(e - i, 31)) & 1 != 0 {
                    let slot = runSlot(e - i, c)
                    let bit = runBit(count: e - i, c, p[min(i + 1, e - 1)], p[e - 1])
                    if firstRuns[bit >> 6] & (1 << UInt64(bit & 63)) != 0,
                       runPatternsBySlot[slot].contains(where: { Self.runs(runPatterns[$0], in: u, at: i) }) {
                        words = true
                        offsets.append(i)
                    }
                }
                i = e
            }
            return Glance(mayHaveWords: words, chinesePhrases: chinese, wordOffsets: kelvin ? nil : offsets)
        } }
    }

    /// Whether the maximal alphanumeric runs from byte `i` on are `runs`, case aside.
    private static func runs(_ runs: [[UInt8]], in u: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        var i = start
        for (r, run) in runs.enumerated() {
            if r > 0 {
                while i < u.count && !isAlphanumeric(u[i]) { i += 1 }
            }
            for b in run {
                guard i < u.count else { return false }
                let c = u[i]
                guard (c >= 0x41 && c <= 0x5A ? c | 0x20 : c) == b else { return false }
                i += 1
            }
            if i < u.count && isAlphanumeric(u[i]) { return false }
        }
        return true
    }

    /// The relations a description states.
    /// - Complexity: O(words) phrase look-ups, and at most a few name look-ups per phrase.
    public func infer(_ description: String) -> [Hit] {
        infer(description, glance: Self.glance(description))
    }

    /// `infer`, told what `glance` saw (tests pass a glance that sees everything).
    func infer(_ description: String, glance: Glance) -> [Hit] {
        guard !description.isEmpty else { return [] }
        guard glance.mayHaveWords else { return glance.mayHaveChinese ? dedupe(inferChinese(description, glance.chinesePhrases)) : [] }
        var hits: [Hit] = []
        for tokens in Self.tokenWindows(description, around: glance.wordOffsets) {
            readWords(tokens, of: description, phraseStarts: glance.wordOffsets, into: &hits)
        }
        if glance.mayHaveChinese { hits += inferChinese(description, glance.chinesePhrases) }
        return dedupe(hits)
    }

    /// The tokens of the sentences where a phrase or a suffix word may be (at `offsets`), as
    /// runs of sentences in order; all the tokens as one run when `offsets` is nil or the
    /// text is not simple. What `readWords` reads from a token with a phrase or a suffix word
    /// stays in its sentence (a token with a break of 2 ends one) and the next, and goes on
    /// to the one after that only past a conjunction ending a sentence ("Redis and. Kafka"),
    /// a token of at most three bytes; back, it reads at most four tokens (`nameEnding`); the
    /// words of other tokens give nothing. So reading the runs gives the hits, in the same
    /// order, that reading every token does.
    static func tokenWindows(_ text: String, around offsets: [Int]?) -> [[Token]] {
        guard let offsets else { return [tokenize(text)] }
        var copy = text
        return copy.withUTF8 { u -> [[Token]] in
            guard let spans = simpleSpans(u) else { return [tokenize(text)] }
            var windows: [ClosedRange<Int>] = []
            var o = 0
            for (k, span) in spans.enumerated() {
                while o < offsets.count && offsets[o] < span.start { o += 1 }
                guard o < offsets.count, offsets[o] < span.end else { continue }
                // From the sentence's start, but no more than four tokens before the first
                // token with a word: only `nameEnding` reads back, four tokens at most.
                var first = k
                while first > max(0, k - 4) && spans[first - 1].breakAfter < 2 { first -= 1 }
                var end = k
                var sentences = 0
                // To the end of this sentence and the next, and on past short sentence ends.
                while end < spans.count - 1 && (spans[end].breakAfter < 2 || sentences < 1
                                                || spans[end].end - spans[end].start <= 3) {
                    if spans[end].breakAfter >= 2 { sentences += 1 }
                    end += 1
                }
                if let last = windows.last, last.upperBound + 1 >= first {
                    windows[windows.count - 1] = last.lowerBound...end
                } else {
                    windows.append(first...end)
                }
            }
            return windows.map { tokens(text, u, spans[$0]) }
        }
    }

    /// The phrase and suffix relations in `tokens` (of `description`), appended to `hits`.
    /// `phraseStarts`: the glance's `wordOffsets`; a token that starts a phrase starts at one of
    /// them (see `glance`), so other tokens skip the phrase look-up. nil: any token may.
    private func readWords(_ tokens: [Token], of description: String, phraseStarts: [Int]?, into hits: inout [Hit]) {
        var i = 0
        var nextStart = 0
        while i < tokens.count {
            let t = tokens[i]
            var mayStart = true
            if let phraseStarts {
                while nextStart < phraseStarts.count && phraseStarts[nextStart] < t.offset { nextStart += 1 }
                // A suffix word is a run of the token too, alone or after its last dash: a token
                // that holds none of the glance's offsets starts no phrase and ends in no suffix word.
                guard nextStart < phraseStarts.count && phraseStarts[nextStart] < t.offset + t.text.utf8.count else {
                    i += 1
                    continue
                }
                mayStart = phraseStarts[nextStart] == t.offset
            }
            let lower = t.lower
            if mayStart, Self.phraseWords.mayContain(lower), let candidates = Self.phrasesByFirstWord[lower] {
                for ph in candidates where matches(ph, tokens, at: i) {
                    let after = i + ph.words.count
                    let found = targets(tokens, from: after, ph)
                    let phraseEnd = found.last.map { $0.end } ?? after
                    let phraseText = Self.slice(description, tokens, i, max(phraseEnd, after) - 1)
                    for f in found {
                        hits.append(Hit(relation: f.relationOverride ?? ph.relation, target: f.target, phrase: phraseText,
                                        confidence: f.immediate ? ph.confidence : ph.confidence - 0.2, offset: t.offset))
                    }
                    if !found.isEmpty { break }
                }
            }
            // The part after the last dash, found once per token (not once per suffix word).
            let dash = t.isASCII ? (t.lastDash < 0 ? nil : lower.utf8.index(lower.utf8.startIndex, offsetBy: t.lastDash))
                                 : lower.lastIndex(of: "-")
            let afterDash = dash.map { lower[lower.index(after: $0)...] }
            // Only a suffix word, alone or after a dash, can start a suffix relation.
            guard Self.suffixWords.mayContain(lower) || afterDash.map({ Self.suffixWords.mayContain($0) }) == true else {
                i += 1
                continue
            }
            for (word, relation, confidence) in Self.suffixes {
                var nameEnd: Int? = nil
                if lower == word, i > 0 { nameEnd = i - 1 }
                if let dash, afterDash! == word {
                    let head = String(t.text[..<t.text.index(t.text.startIndex, offsetBy: lower.distance(from: lower.startIndex, to: dash))])
                    if Self.looksLikeAName(head[...]), let n = resolveCandidate(head) {
                        hits.append(Hit(relation: relation, target: .known(n), phrase: String(t.text), confidence: confidence, offset: t.offset))
                    }
                    continue
                }
                guard let end = nameEnd, tokens[end].breakAfter == 0 else { continue }
                if let (n, start) = nameEnding(tokens, at: end), Self.looksLikeAName(tokens[start].text) {
                    hits.append(Hit(relation: relation, target: .known(n),
                                    phrase: Self.slice(description, tokens, start, i), confidence: confidence,
                                    offset: tokens[start].offset))
                }
            }
            i += 1
        }
    }

    private func matches(_ ph: Phrase, _ tokens: [Token], at i: Int) -> Bool {
        guard i + ph.words.count <= tokens.count else { return false }
        for (k, w) in ph.words.enumerated() {
            if tokens[i + k].lower != w { return false }
            if k < ph.words.count - 1 && tokens[i + k].breakAfter > 0 { return false }
        }
        return tokens[i + ph.words.count - 1].breakAfter < 2
    }

    private struct Found {
        var target: Target
        var end: Int
        var immediate: Bool
        var relationOverride: RelationKind?
    }

    /// The names after a phrase: the first one in the clause, then any joined by "and", "or", ",".
    private func targets(_ tokens: [Token], from start: Int, _ ph: Phrase) -> [Found] {
        var found: [Found] = []
        var j = start
        var firstWord = true
        var possessive = false
        let window = ph.immediateOnly ? 0 : 8
        var scanned = 0
        var pendingExternal: Found? = nil
        while j < tokens.count && scanned <= window + (firstWord ? 3 : 0) {
            let t = tokens[j]
            if firstWord && (Self.fillerWords.mayContain(t) && Self.fillers.contains(t.lower) || Self.isVendorPossessive(t)) {
                if Self.isVendorPossessive(t) { possessive = true }
                if t.breakAfter >= 2 { break }
                j += 1
                continue
            }
            if let (n, end) = nameStarting(tokens, at: j, strict: !firstWord) {
                var rel: RelationKind? = nil
                if ph.relation == .uses && possessive { rel = .inspiredBy }
                // "Bindings for the Go OpenTracing API": implementing a specification's API is
                // compatibility with it, not being a client of a service.
                if ph.relation == .clientOf, end + 1 < tokens.count, Self.specificationWords.contains(tokens[end + 1].lower) {
                    rel = .compatibleWith
                }
                found.append(Found(target: .known(n), end: end + 1, immediate: firstWord, relationOverride: rel))
                // More names joined by a conjunction or a comma.
                var k = end
                while k + 1 < tokens.count && tokens[k].breakAfter < 2 {
                    var next = k + 1
                    if Self.isConjunction(tokens[next]) { next += 1 }
                    else if tokens[k].breakAfter != 1 { break }
                    guard next < tokens.count, let (m, e2) = nameStarting(tokens, at: next, strict: false) else { break }
                    found.append(Found(target: .known(m), end: e2 + 1, immediate: firstWord, relationOverride: rel))
                    k = e2
                }
                return found
            }
            if firstWord && ph.allowsExternal && pendingExternal == nil, let (name, end) = externalName(tokens, at: j) {
                // A name the catalog does not list — unless a listed one follows in the same
                // clause ("derived from Linux Virtual Server LVS"): keep looking first.
                var rel: RelationKind? = nil
                if ph.relation == .uses && possessive { rel = .inspiredBy }
                pendingExternal = Found(target: .external(name), end: end + 1, immediate: true, relationOverride: rel)
                if tokens[end].breakAfter >= 2 { break }
                firstWord = false
                j = end + 1
                continue
            }
            if ph.immediateOnly { break }
            // Another phrase starts here: the clause has moved on ("based on net/rpc like Dubbo").
            if !firstWord || j > start, Self.phraseWords.mayContain(t), Self.phrasesByFirstWord[t.lower] != nil { break }
            firstWord = false
            if t.breakAfter >= 2 { break }
            j += 1
            scanned += 1
        }
        return pendingExternal.map { [$0] } ?? found
    }

    /// Words after a name that make it a specification rather than a service.
    static let specificationWords: Set<String> = ["api", "apis", "specification", "spec", "standard", "protocol"]

    /// "Twitter's": a word of more than two characters whose lower case ends in "'s" or "’s"
    /// (on bytes for ASCII words, where characters are bytes and only "'s" or "'S" can end one).
    private static func isVendorPossessive(_ t: Token) -> Bool {
        guard t.isASCII else {
            let lower = t.lower
            return (lower.hasSuffix("'s") || lower.hasSuffix("’s")) && lower.count > 2
        }
        let u = t.text.utf8
        guard u.count > 2 else { return false }
        let end = u.endIndex
        return u[u.index(end, offsetBy: -2)] == 0x27 && u[u.index(end, offsetBy: -1)] | 0x20 == 0x73
    }

    private func resolveCandidate(_ name: String) -> Int? {
        if let filter, !filter.mayResolve(name) { return nil }
        return resolvePassed(name)
    }

    /// `resolveCandidate` of `tokens[range]` joined by spaces, whose words `words` holds: most
    /// candidates fail the filter there, and no `String` is made for them.
    private func resolveCandidate(_ tokens: [Token], _ range: ClosedRange<Int>, words: CandidateFilter.Words) -> Int? {
        if let filter, !filter.mayResolve(words) { return nil }
        return resolvePassed(Self.joined(tokens, range))
    }

    /// Adds a token to a candidate name's words for the filter (nothing without one).
    private func add(_ token: Token, to words: inout CandidateFilter.Words) {
        guard let filter else { return }
        var text = token.text
        text.withUTF8 { words.add($0, of: filter) }
    }

    /// The tokens' texts joined by spaces: a candidate name.
    private static func joined(_ tokens: [Token], _ range: ClosedRange<Int>) -> String {
        range.count == 1 ? String(tokens[range.lowerBound].text) : tokens[range].map { String($0.text) }.joined(separator: " ")
    }

    /// `resolveCandidate` of a name the filter let through.
    private func resolvePassed(_ name: String) -> Int? {
        // Only ASCII names are remembered: `==` on strings is canonical equivalence, and a
        // non-ASCII name can equal one spelled otherwise ("K" and the Kelvin sign).
        return name.utf8.allSatisfy { $0 < 0x80 } ? candidates.answer(name, resolveAnew) : resolveAnew(name)
    }

    private func resolveAnew(_ name: String) -> Int? {
        // A language spelling ("Golang") or a handle ("@golang") names no project, even when a
        // list has an entry called that.
        guard !name.hasPrefix("@"), Language.canonicalName(name) == nil,
              let n = resolve(name), !isExcluded(n), spellingAgrees(name, n) else { return nil }
        return n
    }

    /// "Google", "AI" or "Schema" in prose is a word, not the entry a list spells "google", "ai"
    /// or "schema": a capitalised or all-capitals single word names an entry only when one of
    /// the entry's spellings has a capital too (or is the same). CamelCase ("GoQuery") is a name.
    private func spellingAgrees(_ written: String, _ n: Int) -> Bool {
        guard Self.isCapitalisedWord(written) else { return true }
        let names = spellings(n)
        if names.isEmpty { return true }
        return names.contains { $0 == written || Self.hasUppercase($0) }
    }

    /// One word (no space) written "Google" or "AI": its first scalar a capital, and its other
    /// letters all small or all capitals. On bytes for ASCII (letters are A–Z, a–z there).
    static func isCapitalisedWord(_ written: String) -> Bool {
        var copy = written
        let ascii = copy.withUTF8 { u -> Bool? in
            guard !u.contains(where: { $0 >= 0x80 }) else { return nil }
            guard !u.contains(0x20), let first = u.first, first &- 0x41 < 26 else { return false }
            var capitalised = true, allCapitals = true
            for c in u.dropFirst() {
                if c &- 0x41 < 26 { capitalised = false } else if c &- 0x61 < 26 { allCapitals = false }
            }
            return capitalised || allCapitals
        }
        if let ascii { return ascii }
        let scalars = written.unicodeScalars
        guard !written.contains(" "), let first = scalars.first, first.properties.isUppercase else { return false }
        let letters = scalars.filter { $0.properties.isAlphabetic }
        let capitalised = letters.dropFirst().allSatisfy { $0.properties.isLowercase }
        let allCapitals = letters.allSatisfy { $0.properties.isUppercase }
        return capitalised || allCapitals
    }

    /// Whether a scalar of `name` is a capital; on bytes for ASCII.
    static func hasUppercase(_ name: String) -> Bool {
        var copy = name
        let ascii = copy.withUTF8 { u -> Bool? in
            var upper = false
            for c in u {
                if c >= 0x80 { return nil }
                if c &- 0x41 < 26 { upper = true }
            }
            return upper
        }
        return ascii ?? name.unicodeScalars.contains { $0.properties.isUppercase }
    }

    /// "Redis-backed", "LVS based", "Jaeger Bindings": a suffix rule needs a name written as one
    /// (capitalised or with a digit), not a common word ("graph-based", "torrent client").
    static func looksLikeAName(_ word: Substring) -> Bool {
        // On the byte for an ASCII first scalar: only A–Z are capitals there, only 0–9 numbers.
        if let c = word.utf8.first, c < 0x80 { return c &- 0x41 < 26 || c &- 0x30 < 10 }
        guard let f = word.unicodeScalars.first else { return false }
        return f.properties.isUppercase || f.properties.numericType != nil
    }

    /// The longest known name starting at token `i` (up to four words).
    private func nameStarting(_ tokens: [Token], at i: Int, strict: Bool) -> (Int, Int)? {
        var best: (Int, Int)? = nil
        var words = CandidateFilter.Words()
        for k in i..<min(tokens.count, i + 4) {
            add(tokens[k], to: &words)
            if k == i && Self.commonWordFilter.mayContain(tokens[i]) && Self.commonWords.contains(tokens[i].lower) {
                if tokens[k].breakAfter > 0 { break }
                continue
            }
            // Strict: a first word that is not written as a name names nothing alone. Resolving it
            // only decides whether a break after it ends the search (a known word does not).
            let weakFirst = strict && k == i && !Self.looksLikeAName(tokens[i].text)
            if weakFirst && tokens[k].breakAfter == 0 { continue }
            if let n = resolveCandidate(tokens, i...k, words: words) {
                if weakFirst { continue }
                best = (n, k)
            }
            if tokens[k].breakAfter > 0 { break }
        }
        return best
    }

    /// The longest known name that ends at token `end` (up to three words), skipping one generic
    /// word such as "cluster".
    private func nameEnding(_ tokens: [Token], at end: Int) -> (Int, Int)? {
        var last = end
        if ["cluster", "server", "api", "protocol", "service"].contains(tokens[end].lower), end > 0,
           tokens[end - 1].breakAfter == 0 { last = end - 1 }
        var best: (Int, Int)? = nil
        for start in stride(from: last, through: max(0, last - 2), by: -1) {
            if start < last && tokens[start].breakAfter > 0 { break }
            var words = CandidateFilter.Words()
            for k in start...last { add(tokens[k], to: &words) }
            if let n = resolveCandidate(tokens, start...last, words: words),
               !Self.commonWords.contains(Self.joined(tokens, start...last).lowercased()) { best = (n, start) }
        }
        return best
    }

    /// A capitalised name right after a strong phrase: "Twitter's Snowflake" → "Snowflake",
    /// "Apache Mesos" → "Apache Mesos", "DPDK" → "DPDK".
    private func externalName(_ tokens: [Token], at i: Int) -> (String, Int)? {
        var words: [Substring] = []
        var end = i
        for k in i..<min(tokens.count, i + 3) {
            let w = tokens[k].text
            guard let f = w.unicodeScalars.first, f.properties.isUppercase || (f.properties.numericType != nil && k > i),
                  w.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || $0.properties.numericType != nil || "-.+".unicodeScalars.contains($0) })
            else { break }
            words.append(w)
            end = k
            if tokens[k].breakAfter > 0 { break }
        }
        guard !words.isEmpty else { return nil }
        let name = words.joined(separator: " ")
        if Language.canonicalName(name) != nil { return nil }
        if name.count < 2 || ["I", "It", "This", "The", "A", "An"].contains(name) { return nil }
        return (name, end)
    }

    /// The Chinese phrases' relations, for the phrases whose bit is set in `phrases`.
    private func inferChinese(_ description: String, _ phrases: UInt8) -> [Hit] {
        var hits: [Hit] = []
        for (p, (phrase, relation, confidence)) in Self.chinese.enumerated() where phrases & 1 << UInt8(p) != 0 {
            for r in Self.matches(of: p, in: description) {
                let tokens = Self.tokenize(String(description[r.upperBound..<Self.prefixEnd(description, from: r.upperBound, 80)]))
                guard !tokens.isEmpty, let (n, end) = nameStarting(tokens, at: 0, strict: false) else { continue }
                let offset = description.utf8.distance(from: description.startIndex, to: r.lowerBound)
                hits.append(Hit(relation: relation, target: .known(n),
                                phrase: phrase + " " + tokens[0...end].map { String($0.text) }.joined(separator: " "),
                                confidence: confidence, offset: offset))
                var k = end
                while k + 2 < tokens.count, Self.isConjunction(tokens[k + 1]),
                      let (m, e2) = nameStarting(tokens, at: k + 2, strict: false) {
                    hits.append(Hit(relation: relation, target: .known(m), phrase: phrase, confidence: confidence, offset: offset))
                    k = e2
                }
            }
        }
        return hits
    }

    /// `text[from...].prefix(characters).endIndex`, counted on bytes when the scalars from `from`
    /// up to one past that many are simple (see `tokenizeSimple`) and none is a carriage return
    /// (which joins a line feed): then each scalar is a character. Otherwise by characters.
    static func prefixEnd(_ text: String, from: String.Index, _ characters: Int) -> String.Index {
        var copy = text
        let start = text.utf8.distance(from: text.startIndex, to: from)
        let end = copy.withUTF8 { u -> Int? in
            var i = start, count = 0
            while i < u.count {
                let (v, length) = scalar(u, i)
                guard isSimple(v), v != 0x0D else { return nil }
                if count == characters { return i }
                count += 1
                i += length
            }
            return i
        }
        guard let end else { return text[from...].prefix(characters).endIndex }
        return text.utf8.index(text.startIndex, offsetBy: end)
    }

    /// Where Chinese phrase `p` occurs in `text`, in order, without overlaps: what repeated
    /// `firstRange(of:)` finds, but searched on bytes, which is many times faster. A byte match
    /// counts where it starts and ends on character boundaries; as each phrase character is a
    /// whole character that no other encoding is canonically equal to, those are exactly the
    /// character matches. The exception, 类 (also U+FAAE), takes the character search.
    static func matches(of p: Int, in text: String) -> [Range<String.Index>] {
        let phrase = chinese[p].0
        if chineseHasVariant[p] && containsBytes(text, [0xEF, 0xAA, 0xAE]) {
            var found: [Range<String.Index>] = []
            var from = text.startIndex
            while let r = text[from...].firstRange(of: phrase) {
                found.append(r)
                from = r.upperBound
            }
            return found
        }
        let needle = chineseBytes[p]
        var offsets: [Int] = []
        var copy = text
        copy.withUTF8 { u in
            var i = 0
            while i + needle.count <= u.count {
                if u[i] == needle[0] {
                    var k = 1
                    while k < needle.count && u[i + k] == needle[k] { k += 1 }
                    if k == needle.count {
                        offsets.append(i)
                        i += needle.count
                        continue
                    }
                }
                i += 1
            }
        }
        var found: [Range<String.Index>] = []
        var lastEnd = 0
        for i in offsets where i >= lastEnd {
            let utf8 = text.utf8
            let lower = utf8.index(utf8.startIndex, offsetBy: i)
            let upper = utf8.index(lower, offsetBy: needle.count)
            guard lower.samePosition(in: text) != nil,
                  upper == text.endIndex || upper.samePosition(in: text) != nil else { continue }
            found.append(lower..<upper)
            lastEnd = i + needle.count
        }
        return found
    }

    static let chineseBytes: [[UInt8]] = chinese.map { Array($0.0.utf8) }
    static let chineseHasVariant: [Bool] = chinese.map { $0.0.contains("类") }

    static func containsBytes(_ text: String, _ needle: [UInt8]) -> Bool {
        var text = text
        return text.withUTF8 { u in
            guard let first = needle.first, u.count >= needle.count else { return false }
            var i = 0
            while i + needle.count <= u.count {
                if u[i] == first {
                    var k = 1
                    while k < needle.count && u[i + k] == needle[k] { k += 1 }
                    if k == needle.count { return true }
                }
                i += 1
            }
            return false
        }
    }

    private static func slice(_ text: String, _ tokens: [Token], _ from: Int, _ to: Int) -> String {
        let a = tokens[from], b = tokens[min(to, tokens.count - 1)]
        let utf8 = text.utf8
        let s = utf8.index(utf8.startIndex, offsetBy: a.offset)
        let e = utf8.index(utf8.startIndex, offsetBy: b.offset + b.text.utf8.count)
        return String(text[s..<e])
    }

    private struct HitKey: Hashable {
        var relation: RelationKind
        var target: Target
    }

    private func dedupe(_ hits: [Hit]) -> [Hit] {
        if hits.count < 2 { return hits }
        var best: [HitKey: Hit] = [:]
        var order: [HitKey] = []
        for h in hits {
            let key = HitKey(relation: h.relation, target: h.target)
            if let old = best[key] {
                if h.confidence > old.confidence { best[key] = h }
            } else {
                best[key] = h
                order.append(key)
            }
        }
        return order.map { best[$0]! }
    }
}

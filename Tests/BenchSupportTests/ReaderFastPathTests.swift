@testable import EcoGraph
@testable import EcoGraphReaders
import BenchSupport
import Foundation
import Testing

/// The markdown reader's byte-level text steps (`TextBytes`, `LineTable`) against the
/// `String`/`Character` code they stand in for, on random texts built from the pieces that
/// decide them: separators, language prefixes, colons, white space of every kind, and
/// combining marks and joiners right after the bytes the fast paths look at.
@Suite struct ReaderFastPathTests {
    static let pieces: [String] = FastPathEquivalenceTests.pieces + [
        "Go", "golang", "Java", "Jave", "node.js", "C#", ".NET", "c/c++", "Note", "Apache Kafka", "x",
        ": ", ":\t", ":", " :", "\u{301}", ":\u{301} ", " \u{301}", "-\u{301}", "—\u{301}", "：", "\u{600}",
        " - ", " – ", " -\u{301} ", "\u{301} - ", ". ", ".\u{301} ", " -", "- ", "\u{85}", "\u{1680}", "\u{205F}",
    ]

    static func texts(_ count: Int, seed: UInt64) -> [String] {
        FastPathEquivalenceTests.texts(count, seed: seed, pool: pieces)
    }

    @Test func separatorDropMatchesTheCharacterCode() {
        for text in Self.texts(20_000, seed: 31) + [":", " — x", "-\u{301}x", "：高", ", a", "\u{3000}:\u{3000}"] {
            let bytes = Array(text.utf8)
            #expect(bytes.withUnsafeBufferPointer(TextBytes.droppingSeparator) == Piece.dropSeparator(text), "\(text.debugDescription)")
        }
    }

    /// The reader splits prefixes with `Language.splitPrefix`: its byte path held against the
    /// character code on the reader's shapes of link text.
    @Test func languagePrefixMatchesSplitPrefix() {
        var split = 0
        var rng = SplitMix64(seed: 39)
        // Most texts get the shape `Prefix: Name` that the fast path decides.
        let shaped = Self.texts(20_000, seed: 37).map { rng.pick(["Go: ", "golang:\t", "JAVA: ", ".net:  ", "Jave: ", ""]) + $0 }
        for text in shaped + Self.texts(5_000, seed: 41) + ["Go: ", "Go:x", "Jave: X", "Note: X", "Go:\u{301} X", ": X"] {
            let fast = Language.splitPrefix(text)
            let general = Language.General.splitPrefix(text)
            #expect(fast.prefix == general.prefix && fast.name == general.name, "\(text.debugDescription)")
            if general.prefix != nil { split += 1 }
        }
        #expect(split > 5_000)
    }

    @Test func byteSearchMatchesTheCharacterSearch() {
        for text in Self.texts(20_000, seed: 43) {
            for needle: StaticString in [" - ", " – ", ". "] {
                let expected = text.firstRange(of: needle.description)
                #expect(TextBytes.firstRange(of: needle, in: text) == expected, "\(text.debugDescription)")
                #expect(TextBytes.contains(needle, in: text) == text.contains(needle.description), "\(text.debugDescription)")
            }
        }
    }

    /// `LineTable.column` against a plain scan of the line for the text's first 12 bytes.
    @Test func descriptionColumnsMatchAScan() {
        var rng = SplitMix64(seed: 47)
        for _ in 0..<300 {
            let page = Self.texts(rng.int(in: 1...12), seed: rng.next()).joined(separator: "\n")
            let bytes = Array(page.utf8)
            let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
            bytes.withUnsafeBufferPointer { slice in
                let table = LineTable(slice)
                for (n, line) in lines.enumerated() {
                    for text in Self.texts(4, seed: rng.next()) + [String(decoding: line.suffix(rng.int(in: 0...20)), as: UTF8.self)] {
                        let needle = Array(text.utf8.prefix(12))
                        // The line as the table sees it: up to and with its line feed.
                        let hay = n < lines.count - 1 ? line + [0x0A] : line
                        var expected = 7
                        if !needle.isEmpty, hay.count >= needle.count,
                           let i = (0...(hay.count - needle.count)).first(where: { Array(hay[$0..<($0 + needle.count)]) == needle }) {
                            expected = i + 1
                        }
                        #expect(table.column(of: text, line: n + 1, fallback: 7) == expected, "\(text.debugDescription) in \(page.debugDescription)")
                    }
                }
            }
        }
    }

    /// `Piece.isBlank` is `trimmingSpaces().isEmpty` on bytes, whatever mix of ASCII and other
    /// white space the text has (" \u{3000}" once counted as not blank, so an entry written
    /// `- \u{3000} [Kafka](…)` lost its link).
    @Test func blankTextMatchesTheTrim() {
        for text in Self.texts(20_000, seed: 53) + ["", " ", " \u{3000}", "\u{3000} ", "\t\u{00A0}\n", "\u{3000}x", " x "] {
            let bytes = Array(text.utf8)
            let blank = bytes.withUnsafeBufferPointer { Piece.isBlank($0) }
            #expect(blank == text.trimmingSpaces().isEmpty, "\(text.debugDescription)")
        }
    }

    @Test func anEntryAfterMixedWhiteSpaceKeepsItsLink() throws {
        let doc = try MarkdownCatalogReader().read(data: Data("## Queue\n\n- \u{3000} [Kafka](http://kafka.apache.org/): a log\n".utf8), file: "b.md")
        #expect(doc.listings.map(\.name) == ["Kafka"])
        #expect(doc.listings.first?.url == "http://kafka.apache.org/")
    }
}

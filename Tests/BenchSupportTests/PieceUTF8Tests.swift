@testable import EcoGraph
@testable import EcoGraphReaders
import BenchSupport
import Foundation
import Testing

/// The UTF-8 check made piece by piece while the pieces are parsed (`MarkdownCatalogReader.parse`)
/// against the check of the whole file: on random catalogs cut into many pieces, with bad bytes
/// put anywhere (at piece starts, inside characters, several at once), `read` and `readAndPlace`
/// report the file's first bad byte at the same line and column, with the same message.
@Suite struct PieceUTF8Tests {
    static let bad: [[UInt8]] = [[0], [0x80], [0xC0, 0x80], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xFF], [0xE4, 0xBD]]

    /// The error of the check of the whole file, as `read` reported it before.
    static func expected(_ bytes: [UInt8], file: String) -> Diagnostic? {
        bytes.withUnsafeBufferPointer { b in
            UTF8Check.firstInvalidOffset(b).map {
                let bad = UTF8Check.located($0, in: b)
                return .error("invalid-utf8", at: SourceLocation(file: file, line: bad.line, column: bad.column),
                              "invalid UTF-8 (byte 0x\(String(bad.byte, radix: 16, uppercase: true))); save the file as UTF-8")
            }
        }
    }

    static func thrown(_ body: () throws -> Void) -> Diagnostic? {
        do {
            try body()
            return nil
        } catch let e as DiagnosticError {
            return e.diagnostics.first
        } catch {
            return nil
        }
    }

    @Test func firstBadByteOfThePiecesIsTheFilesFirst() {
        var rng = SplitMix64(seed: 5)
        var reported = 0
        for seed in UInt64(1)...12 {
            let text = Array(StreamedBuildTests.catalog(seed: seed, blocks: 40, raw: seed % 3 == 0).utf8)
            for _ in 0..<12 {
                var bytes = text
                // One to three bad runs anywhere; a line start is where a piece may begin.
                for _ in 0..<rng.int(in: 1...3) {
                    let lineStarts = bytes.indices.filter { $0 == 0 || bytes[$0 - 1] == 0x0A }
                    let at = rng.int(in: 0...1) == 0 ? rng.pick(lineStarts) : rng.int(in: 0...(bytes.count - 1))
                    bytes.insert(contentsOf: rng.pick(Self.bad), at: at)
                }
                let want = Self.expected(bytes, file: "u.md")
                #expect(want != nil)
                for pieceSize in [1, 150] {
                    var reader = MarkdownCatalogReader()
                    reader.chunkThreshold = 1
                    reader.pieceSize = pieceSize
                    let read = Self.thrown { _ = try bytes.withUnsafeBufferPointer { try reader.read(bytes: $0, file: "u.md") } }
                    let placed = Self.thrown { _ = try bytes.withUnsafeBufferPointer { try reader.readAndPlace(bytes: $0, file: "u.md") } }
                    #expect(read == want && placed == want, "seed \(seed), piece size \(pieceSize)")
                    if read != nil { reported += 1 }
                }
            }
        }
        #expect(reported > 100)
    }
}

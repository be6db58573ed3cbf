import EcoGraph
import EcoGraphWriters
import Foundation
import Testing

@Suite("Output buffer escaping")
struct OutputBufferTests {
    @Test func jsonStringsEscapeWhatMustBeEscaped() throws {
        var out = OutputBuffer()
        out.appendJSONString("a\"b\\c\nd\re\tf\u{1}g</script>\u{2028}\u{2029}\u{FFFF}中🚀")
        #expect(String(decoding: out.bytes, as: UTF8.self)
                == #""a\"b\\c\nd\re\tf\u0001g\u003c/script>\u2028\u2029"# + "\u{FFFF}中🚀\"")
        for s in Support.hostileNames {
            var o = OutputBuffer()
            o.appendJSONArray([s])
            let back = try JSONSerialization.jsonObject(with: Data(o.bytes)) as? [String]
            #expect(back == [s], "\(s.debugDescription) reads back")
        }
    }

    @Test func decimalsWithoutStrings() {
        // Every digit count, at and around each power of ten, both signs, and random values.
        var values = [0, 7, 10, 158, -42, Int.max, Int.min, Int.max - 1, Int.min + 1]
        var power = 1
        for _ in 0..<18 {
            power *= 10
            values += [power - 1, power, power + 1, -(power - 1), -power, -(power + 1)]
        }
        var g = FastPathTests.Generator(state: 11)
        values += (0..<2000).map { _ in Int(truncatingIfNeeded: g.next()) >> Int(g.next() % 64) }
        var all = OutputBuffer(capacity: 16)
        for n in values {
            var out = OutputBuffer()
            out.append(n)
            #expect(String(decoding: out.bytes, as: UTF8.self) == String(n))
            all.append(n)
            all.append(byte: 0x20)
        }
        #expect(String(decoding: all.bytes, as: UTF8.self) == values.map { "\($0) " }.joined())
    }

    /// Streaming in small pieces gives exactly the bytes of one whole write.
    @Test func streamingGivesTheSameBytes() {
        let graph = Support.seed
        let writers: [any StreamingGraphWriter] = [NodeLinkJSONWriter(), JSONLDWriter(), GraphMLWriter(), CSVMatrixWriter(.projects),
                                                   CSVMatrixWriter(.relations, options: CSVOptions(bom: true))]
        for writer in writers {
            var pieces = 0
            var streamed: [UInt8] = []
            writer.stream(graph, chunkSize: 4096) { piece in
                pieces += 1
                streamed.append(contentsOf: piece)
            }
            #expect(streamed == writer.bytes(graph), "\(type(of: writer))")
            #expect(pieces > 2, "\(type(of: writer)) was written in pieces")
        }
        let set = CSVExportSet(graph)
        for (i, file) in set.files.enumerated() {
            var streamed: [UInt8] = []
            set.write(i, chunkSize: 512) { streamed.append(contentsOf: $0) }
            #expect(streamed == file.bytes, "\(file.name)")
        }
    }
}

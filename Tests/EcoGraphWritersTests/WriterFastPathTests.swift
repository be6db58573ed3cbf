import EcoGraph
@testable import EcoGraphWriters
import Testing

/// The writers' in-place paths against the general code they stand in for: the output buffer
/// writing into its array's spare capacity (copies, readers and sinks that keep what they are
/// given), provenance fields with the catalog's file written from bytes escaped once, forge
/// hosts compared on bytes, and node references percent-encoded into place.
@Suite("Writer fast paths match the general code")
struct WriterFastPathTests {
    /// Copies of a buffer, arrays read from it and pieces a sink keeps are never written by the
    /// buffer afterwards, however appends and reads interleave.
    @Test func bufferCopiesReadersAndSinksKeepTheirBytes() {
        var g = FastPathTests.Generator(state: 21)
        let pieces = FastPathTests.strings(400, seed: 22)
        var a = OutputBuffer(capacity: 16)
        var expectedA: [UInt8] = []
        var kept: [(bytes: [UInt8], expected: [UInt8])] = []
        var copies: [(buffer: OutputBuffer, expected: [UInt8])] = []
        var handedOver: [[UInt8]] = []
        for (k, s) in pieces.enumerated() {
            switch g.next() % 8 {
            case 0: kept.append((a.bytes, expectedA))
            case 1: copies.append((a, expectedA))
            case 2:
                a.handOver { handedOver.append($0) }
                #expect(handedOver.last == expectedA)
                expectedA = []
            case 3:
                let big = String(repeating: s + "\"", count: 50)  // longer than the buffer's room
                a.appendJSONString(big)
                expectedA += Array(FastPathTests.text { $0.appendJSONString(big) }.utf8)
            default:
                a.append(s)
                a.append(k)
                expectedA += Array(s.utf8) + Array(String(k).utf8)
            }
            if let last = copies.indices.last, g.next() % 3 == 0 {
                copies[last].buffer.append(s)  // a copy written to after the original moved on
                copies[last].expected += Array(s.utf8)
            }
        }
        #expect(a.bytes == expectedA)
        for (bytes, expected) in kept { #expect(bytes == expected) }
        for (buffer, expected) in copies { #expect(buffer.bytes == expected) }
        #expect(a.takeBytes() == expectedA)
        #expect(a.isEmpty)
        a.append("after")
        #expect(a.bytes == Array("after".utf8))
    }

    /// Provenance fields read in place, with the catalog's file from bytes escaped once, are the
    /// fields written for a provenance from anywhere (no catalog file known), in both writers'
    /// forms.
    @Test func provenanceFieldsWithTheCatalogFileMatchTheGeneralOnes() {
        let graph = GraphMLEquivalenceTests.randomGraph(400, seed: 23)
        let catalog = graph.sources[0]
        let forms = [
            (ProvenanceFields.nodeLink(catalog: catalog), ProvenanceFields.nodeLink(catalog: "")),
            (ProvenanceFields(catalog: catalog, sourceKey: "reference", confidence: JSONLDWriter.jsonNumber),
             ProvenanceFields(catalog: "", sourceKey: "reference", confidence: JSONLDWriter.jsonNumber)),
        ]
        let all = graph.edges.map(\.provenance) + graph.nodes.flatMap(\.provenance)
        #expect(all.contains { $0.location?.file == catalog })
        for (fast, general) in forms {
            for p in all {
                withUnsafePointer(to: p) { p in
                    #expect(FastPathTests.text { fast.object(p, into: &$0) } == FastPathTests.text { general.object(p, into: &$0) })
                    #expect(FastPathTests.text { fast.write(p, first: false, into: &$0) }
                            == FastPathTests.text { general.write(p, first: false, into: &$0) })
                }
            }
        }
    }

    @Test func forgeHostsOnBytesMatchTheHostSet() {
        var g = FastPathTests.Generator(state: 24)
        let parts = ["https://", "http://", "//", "git+ssh://", "user@", "GitHub.com", "github.com", "gitlab.com", "GITEE.COM",
                     "codeberg.org", "github.com.", "xgithub.com", "github.co", ":443", "/a/b", "?q", "#f", "中", "@", ":", "/"]
        for _ in 0..<2000 {
            let url = (0..<Int.random(in: 0...5, using: &g)).map { _ in parts.randomElement(using: &g)! }.joined()
            var bytes = Array(url.utf8)
            let fast = bytes.withUnsafeMutableBufferPointer { JSONLDWriter.isForge(NodeTextTable.Text(bytes: UnsafeBufferPointer($0), flags: 0)) }
            #expect(fast == LinkedDataVocabulary.forgeHosts.contains(URLHost.host(url)), "\(url.debugDescription)")
        }
    }

    /// References encoded into place are the vocabulary's, which are every byte outside
    /// `A-Z a-z 0-9 - _ ~` percent-encoded but the first `:`, which becomes `/`.
    @Test func referencesMatchTheirSpecification() {
        for id in FastPathTests.strings(2000, seed: 25) + ["project:kong", "a:b:c", ":", "", "category:消息队列"] {
            var spec = ""
            var split = false
            for b in id.utf8 {
                switch b {
                case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                     UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "~"):
                    spec.unicodeScalars.append(Unicode.Scalar(b))
                case UInt8(ascii: ":") where !split:
                    split = true
                    spec += "/"
                default:
                    spec += "%" + String(b, radix: 16, uppercase: true).leftPadded(to: 2)
                }
            }
            #expect(LinkedDataVocabulary.reference(NodeID(id)) == spec)
            #expect(FastPathTests.text { JSONLDWriter.reference(NodeID(id), into: &$0) } == "\"" + spec + "\"")
        }
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}

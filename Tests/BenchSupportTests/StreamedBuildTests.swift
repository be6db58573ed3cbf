@testable import EcoGraph
@testable import EcoGraphReaders
import BenchSupport
import Foundation
import Testing

/// Reading and placing side by side (`MarkdownCatalogReader.readAndPlace`, which drives
/// `GraphBuilder.FileStream`) against `read` and then `add`, on random catalogs cut into many
/// pieces: the same document, and the same builder down to the order of drafts and edges.
@Suite struct StreamedBuildTests {
    static let names = ["Kafka", "Apache Kafka", "kafka", "Pulsar", "NATS", "nats", "Raft", "etcd", "Go", "Redis", "Docs Handbook",
                        "Wiki", "Consul", "ZooKeeper", "Zoo Keeper", "gRPC", "Thrift", "Ａｐａｃｈｅ", "基于", "X"]
    static let headings = ["Messaging", "Consensus", "Storage", "Tools", "Messaging", "Misc", "Resources", "RPC"]
    static let prefixes = ["", "", "", "Go: ", "Golang: ", "Java: ", "Jave: ", "Python: "]
    static let descriptions = ["", "A client for Kafka.", "Built on top of etcd and Raft.", "An alternative to Redis, written in Go.",
                               "Inspired by ZooKeeper.", "A fork of NATS", "Uses gRPC. Works with Consul.", "Docs."]
    /// Blocks that make the reader fall back to one parse when a piece ends in them, and
    /// others that hold heading-like lines.
    static let rawBlocks = [
        "```\nsome code\n\n# not a heading\n```",
        "<!--\n\n# not a heading\n\n- [Hidden](https://h.example): commented out\n-->",
        "```npm install foo``` is inline code.\n\n```\nsome code\n\n# not a heading\n```",
        "<div>\n```\n</div>\n\n```\nsome code\n\n# not a heading\n```",
    ]

    /// A catalog of `blocks` random blocks: headings of every level (repeated names among
    /// them, and headings with nothing under them), labels, lists with nested entries, plain
    /// sub-items (some naming entries listed later), bare links, tables of contents, prose,
    /// and, if `raw`, code and HTML blocks; entries may come before the first heading.
    static func catalog(seed: UInt64, blocks: Int, raw: Bool) -> String {
        var rng = SplitMix64(seed: seed)
        var text = rng.int(in: 0...1) == 0 ? "- [\(rng.pick(names))](https://first.example): before any heading\n\n" : ""
        func name() -> String { rng.int(in: 0...2) == 0 ? rng.pick(names) : "Entry \(rng.int(in: 0...blocks))" }
        func item(_ depth: Int) -> String {
            let indent = String(repeating: "  ", count: depth)
            switch rng.int(in: 0...9) {
            case 0, 1: return indent + "- " + rng.pick(prefixes) + name() + (rng.int(in: 0...1) == 0 ? "" : " - a plain sub-item") + "\n"
            case 2: return indent + "- https://github.com/x/\(rng.int(in: 0...20)) \(rng.pick(descriptions))\n"
            default:
                let n = name()
                return indent + "- [\(rng.pick(prefixes))\(n)](https://\(rng.int(in: 0...3) == 0 ? "same" : n.lowercased()).example)"
                    + (rng.int(in: 0...1) == 0 ? ": " : " - ") + rng.pick(descriptions) + "\n"
            }
        }
        for _ in 0..<blocks {
            switch rng.int(in: 0...12) {
            case 0...2: text += String(repeating: "#", count: rng.int(in: 1...4)) + " " + rng.pick(headings) + "\n\n"
            case 3: text += "\(rng.pick(headings)) label:\n"
                    text += item(0) + "\n"
            case 4: text += "- [Contents](#messaging)\n- [More](#tools)\n\n"
            case 5: text += "Some prose about \(rng.pick(names)). And more.\n\n"
            case 6 where raw: text += rng.pick(rawBlocks) + "\n\n"
            default:
                var depth = 0
                for _ in 0..<rng.int(in: 1...6) {
                    text += item(depth)
                    depth = max(0, min(depth + rng.int(in: -1...1), 2))
                }
                text += "\n"
            }
        }
        return text
    }

    /// The builder's state, in order, as text.
    static func state(_ b: GraphBuilder) -> [String] {
        b.drafts.map { d in
            "\(d.kind) \(d.name) \(d.urls.elements) \(d.description ?? "-") \(d.aliases) \(d.provenance) \(d.level ?? -1) \(d.section ?? "-") \(d.parentCategory ?? -1)"
        } + b.edges.map { "\($0.source) \($0.target) \($0.relation) \($0.provenance)" }
            + b.described.map { "\($0.node) \($0.text) \($0.location)" }
            + b.resourceNested.map { "\($0.child) \($0.parent) \($0.location)" }
            + b.diagnostics.map(\.description) + b.sources
    }

    func expectSameBuild(_ text: String, pieceSize: Int) throws {
        var reader = MarkdownCatalogReader()
        reader.chunkThreshold = 1
        reader.pieceSize = pieceSize
        let bytes = Array(text.utf8)
        let (streamedDoc, streamed) = try bytes.withUnsafeBufferPointer { try reader.readAndPlace(bytes: $0, file: "s.md") }
        let doc = try bytes.withUnsafeBufferPointer { try reader.read(bytes: $0, file: "s.md") }
        var added = GraphBuilder()
        added.add(doc)
        #expect(streamedDoc.headings == doc.headings && streamedDoc.listings == doc.listings)
        #expect(Self.state(streamed) == Self.state(added))
        var s = streamed, a = added
        let one = s.finish(overlay: nil, infer: true), two = a.finish(overlay: nil, infer: true)
        #expect(one.graph.nodes == two.graph.nodes && one.graph.edges == two.graph.edges && one.diagnostics == two.diagnostics)
        #expect(one.graph.resolve("Kafka")?.id == two.graph.resolve("Kafka")?.id)
    }

    @Test func streamedBuildsEqualReadThenAdd() throws {
        for seed in UInt64(1)...24 {
            let text = Self.catalog(seed: seed, blocks: 60, raw: seed % 4 == 0)
            for pieceSize in [1, 200, 1 << 16] { try expectSameBuild(text, pieceSize: pieceSize) }
        }
    }

    /// Plain sub-items that name entries listed in later pieces, a heading whose parent is in
    /// an earlier piece, a repeated heading, a label, nesting, and a wrong cut (the whole-file
    /// fallback) in the middle.
    @Test func awkwardCutsGiveTheSameBuild() throws {
        let text = """
        - [Early](https://early.example): before any heading
          - Later One

        # Section

        ## Messaging

        - Later Two - names an entry further down
        - [Go: Kafka](https://kafka.example): A client for Later One.

        ### Brokers

        Brokers label:
        - [Later One](https://one.example) - the first
          - [Nested](https://nested.example): nested under it
            - kafka

        ## Messaging

        ### Empty

        ## Tools

        - [Later Two](https://two.example): uses Kafka
        - [Jave: Odd](https://odd.example)

        """
        // The cutter takes the inline code for a fence, so it cuts inside the real one after it.
        let cutWrongly = text + "\n```npm install foo``` is inline code.\n\n```\nsome code\n\n# not a heading\n```\n\n" + text
        for pieceSize in [1, 40, 120] {
            try expectSameBuild(text, pieceSize: pieceSize)
            try expectSameBuild(cutWrongly, pieceSize: pieceSize)
        }
        // The fallback was taken: a piece but the last ends in a code block.
        var pieces: [Piece] = []
        cutWrongly.utf8.withContiguousStorageIfAvailable { bytes in
            MarkdownCatalogReader.parse(bytes, Chunker.split(bytes, target: 1), file: "s.md", prepare: false) { piece, _ in
                pieces.append(piece)
                return true
            }
        }
        let endsInCode = pieces.dropLast().contains { $0.endsInRawBlock }
        #expect(endsInCode)
    }

    @Test func streamedReadsThrowWhatReadsThrow() {
        func error(_ text: [UInt8], _ body: (UnsafeBufferPointer<UInt8>) throws -> Void) -> String? {
            do { try text.withUnsafeBufferPointer(body) } catch let e as DiagnosticError { return e.description } catch { return "\(error)" }
            return nil
        }
        var reader = MarkdownCatalogReader()
        reader.chunkThreshold = 1
        for text in [[], Array(" \n".utf8), Array("## A\n\nprose\n".utf8), Array("## A\n\n- [x](https://x.org): caf".utf8) + [0xE9]] {
            let streamed = error(text) { _ = try reader.readAndPlace(bytes: $0, file: "e.md") }
            #expect(streamed != nil && streamed == error(text) { _ = try reader.read(bytes: $0, file: "e.md") })
        }
    }
}

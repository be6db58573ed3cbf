import BenchSupport
import EcoGraph
import EcoGraphReaders
import Foundation
import Testing

@Suite struct SplitMix64Tests {
    @Test func matchesTheReferenceSequence() {
        // The published SplitMix64 outputs for seed 0 (Vigna's splitmix64.c).
        var rng = SplitMix64(seed: 0)
        #expect(rng.next() == 0xE220_A839_7B1D_CDAF)
        #expect(rng.next() == 0x6E78_9E6A_A1B9_65F4)
        #expect(rng.next() == 0x06C4_5D18_8009_454F)
    }

    @Test func drawsStayInRange() {
        var rng = SplitMix64(seed: 7)
        var seen = Set<Int>()
        for _ in 0..<2_000 {
            let x = rng.below(10)
            #expect((0..<10).contains(x))
            seen.insert(x)
            #expect((3...5).contains(rng.int(in: 3...5)))
        }
        #expect(seen.count == 10)
        #expect(rng.weighted([("never", 0), ("always", 5)]) == "always")
    }
}

@Suite struct CatalogGeneratorTests {
    @Test func sameArgumentsGiveTheSameBytes() {
        let a = CatalogGenerator(entries: 2_000, seed: 1).generate()
        let b = CatalogGenerator(entries: 2_000, seed: 1).generate()
        let c = CatalogGenerator(entries: 2_000, seed: 2).generate()
        #expect(a == b)
        #expect(a != c)
    }

    /// Pins the bytes, so that a change of platform or Swift version that altered the output
    /// (and so the benchmark's inputs) is caught. Editing `Vocabulary` or the generator changes
    /// it on purpose: update the value then.
    @Test func bytesArePinned() {
        let bytes = CatalogGenerator(entries: 200, seed: 1).generate()
        #expect(bytes.count == Self.pinnedCount)
        #expect(fnv1a(bytes) == Self.pinnedHash)
    }

    static let pinnedCount = 51_440
    static let pinnedHash: UInt64 = 6_444_997_084_871_753_730

    @Test(arguments: [1, 9, 200, 2_000, 20_000])
    func readerFindsEveryEntry(entries: Int) throws {
        let bytes = CatalogGenerator(entries: entries, seed: 3).generate()
        let doc = try bytes.withUnsafeBufferPointer {
            try MarkdownCatalogReader().read(bytes: $0, file: "synthetic.md")
        }
        #expect(doc.listings.count == entries)
    }

    @Test func catalogHasTheShapesOfARealList() throws {
        let bytes = CatalogGenerator(entries: 2_000, seed: 1).generate()
        let text = String(decoding: bytes, as: UTF8.self)
        let doc = try bytes.withUnsafeBufferPointer {
            try MarkdownCatalogReader().read(bytes: $0, file: "synthetic.md")
        }
        #expect(text.contains("\n\t- ["))
        #expect(text.contains("\n    - ["))
        #expect(text.contains("\n  - ["))
        #expect(text.contains("\n\n### "))
        #expect(doc.headings.contains { $0.level == 0 })                 // paragraph labels
        #expect(doc.headings.contains { $0.level == 2 && $0.section?.hasPrefix("Projects about ") == true })
        #expect(doc.listings.contains { $0.isPlain })
        #expect(doc.listings.contains { $0.parent != nil && !$0.isPlain })
        let prefixes = Set(doc.listings.compactMap(\.languagePrefix))
        #expect(prefixes.isSuperset(of: ["Go", "Golang", ".NET", "C++"]))
        #expect(doc.listings.contains { $0.description.unicodeScalars.contains { $0.value >= 0x4E00 && $0.value <= 0x9FFF } })

        var builder = GraphBuilder()
        builder.add(doc)
        let graph = builder.finish(overlay: nil, infer: true).graph
        let inferred = Set(graph.edges.filter { $0.provenance.method == .inferred }.map(\.relation))
        #expect(inferred.isSuperset(of: [.builtOn, .portOf, .uses, .inspiredBy, .compatibleWith, .alternativeTo, .documents]))
        // Repeated entries merge: fewer entry nodes than linked listings.
        let entryNodes = graph.nodes.filter { $0.kind == .project || $0.kind == .resource }.count
        #expect(entryNodes < doc.listings.count)
        #expect(graph.nodes.contains { $0.kind == .resource })
    }

    private func fnv1a(_ bytes: [UInt8]) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return h
    }
}

import EcoGraph
import EcoGraphWriters
import Foundation
import Testing

@Suite("Mermaid")
struct MermaidTests {
    @Test func seedMatchesGoldenFile() {
        Support.assertSnapshot(MermaidWriter().bytes(Support.seed), named: "seed.mmd")
    }

    /// The flowchart's structure: balanced subgraphs, safe IDs, quoted and escaped labels, and the
    /// semantic relations (once each) as the only edges.
    @Test func structureIsSafe() throws {
        for graph in [Support.seed, Support.hostile, try Support.hostileCatalog()] {
            let text = MermaidWriter().string(graph)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            #expect(lines.first == "flowchart LR")
            var depth = 0
            var declared: Set<String> = []
            var edges = 0
            for line in lines.dropFirst() {
                let t = line.drop { $0 == " " }
                if t.hasPrefix("subgraph ") {
                    depth += 1
                    #expect(t.range(of: #"^subgraph c[0-9]+\["[^"]*"\]$"#, options: .regularExpression) != nil, "\(t)")
                } else if t == "end" {
                    depth -= 1
                    #expect(depth >= 0)
                } else if t.hasPrefix("classDef ") {
                    continue
                } else if t.contains("-->|") {
                    edges += 1
                    #expect(t.range(of: #"^n[0-9]+ (<-->|-->)\|"[a-z ]+"\| n[0-9]+$"#, options: .regularExpression) != nil, "\(t)")
                } else {
                    let m = t.range(of: #"^n[0-9]+(\["[^"]*"\]|\(\["[^"]*"\]\):::external)$"#, options: .regularExpression)
                    #expect(m != nil, "a node line: \(t)")
                    declared.insert(String(t.prefix { $0 != "[" && $0 != "(" }))
                }
                #expect(!t.contains("click") || !t.hasPrefix("click"), "no click links")
                #expect(!t.unicodeScalars.contains { $0.value < 0x20 }, "no control characters")
            }
            #expect(depth == 0, "every subgraph ends")
            let drawn = graph.nodes.filter { $0.kind.isEntry || $0.kind == .external }
            #expect(declared.count == drawn.count, "every entry and external once")
            let semantic = Set(graph.edges.filter { !$0.relation.isStructural }.map { "\($0.source)|\($0.relation)|\($0.target)" })
            #expect(edges == semantic.count)
        }
    }

    @Test func labelsAreEscaped() {
        let text = MermaidWriter().string(Support.hostile)
        #expect(text.contains("A --#gt; B; click A #quot;javascript:alert(1)#quot;"))
        #expect(text.contains("#lt;/script#gt;"))
        #expect(text.contains("#35;1 #96;tick#96; 🚀"))
        #expect(text.contains("#37;#37;{init"))
        #expect(text.contains("line break  and CR"), "line breaks become spaces")
        #expect(!text.contains("javascript:alert(\""), "URLs are never written")
    }
}

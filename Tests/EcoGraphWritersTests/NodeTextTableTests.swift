import EcoGraph
@testable import EcoGraphWriters
import Testing

/// The node text table (every node's texts copied into one buffer, with escaping flags) and the
/// node-link JSON writer that reads it, against the node strings themselves, on random graphs of
/// awkward texts (`GraphMLEquivalenceTests.randomGraph`: edges to and from IDs that are not
/// nodes, repeated edges, every kind of escaping).
@Suite("Node text table matches the nodes")
struct NodeTextTableTests {
    static func text(_ t: NodeTextTable.Text) -> [UInt8] { Array(t.bytes) }

    /// Small graphs are made in one part, 4,096 nodes or more in parts on all cores.
    @Test(arguments: [(0, UInt64(1)), (40, 2), (5_000, 3)])
    func textsAndFlags(count: Int, seed: UInt64) {
        let graph = GraphMLEquivalenceTests.randomGraph(count, seed: seed)
        let table = NodeTextTable(graph.nodes)
        #expect(table.nodeCount == graph.nodes.count)
        for (i, n) in graph.nodes.enumerated() {
            #expect(Self.text(table.id(i)) == Array(n.id.rawValue.utf8))
            #expect(Self.text(table.name(i)) == Array(n.name.utf8))
            #expect(table.description(i).map(Self.text) == n.description.map { Array($0.utf8) })
            #expect(table.urls(i).map { Self.text(table.text($0)) } == n.urls.map { Array($0.utf8) })
            #expect(table.aliases(i).map { Self.text(table.text($0)) } == n.aliases.map { Array($0.utf8) })
            // Node i's texts in table order: ID, name, description, URLs, aliases.
            var strings = [n.id.rawValue, n.name] + (n.description.map { [$0] } ?? []) + n.urls
            strings += n.aliases
            let firstText = table.urls(i).lowerBound - (n.description == nil ? 2 : 3)
            for (k, s) in zip(firstText..., strings) {
                let t = table.text(k)
                // A flag may be set for a text escaping leaves alone (a stop byte that starts an
                // ordinary character), never missing for one it changes.
                #expect(t.needsJSONEscaping || FastPathTests.jsonSpec(s) == "\"" + s + "\"")
                #expect(t.needsXMLEscaping || FastPathTests.xmlSpec(s) == s)
                #expect(FastPathTests.text { $0.appendJSONString(t) } == FastPathTests.jsonSpec(s))
            }
        }
    }

    /// The nodes and edges of node-link JSON, written from the graph's strings.
    static func specification(_ graph: CatalogGraph) -> String {
        func json(_ s: String?) -> String { s.map(FastPathTests.jsonSpec) ?? "null" }
        func list(_ items: [String]) -> String { "[" + items.map(FastPathTests.jsonSpec).joined(separator: ",") + "]" }
        func provenance(_ p: Provenance) -> String { FastPathTests.text { NodeLinkJSONWriter.provenance(p, into: &$0) } }
        var records: [String] = []
        for n in graph.nodes {
            var s = "{\"id\": \(json(n.id.rawValue)), \"kind\": \(json(n.kind.rawValue)), \"name\": \(json(n.name))"
            s += ", \"url\": \(json(n.url)), \"urls\": \(list(n.urls)), \"description\": \(json(n.description))"
            s += ", \"aliases\": \(list(n.aliases))"
            if let level = n.level { s += ", \"level\": \(level)" }
            if let section = n.section { s += ", \"section\": \(json(section))" }
            if n.noLanguage { s += ", \"no_language\": true" }
            if let note = n.note { s += ", \"note\": \(json(note))" }
            records.append(s + ", \"provenance\": [" + n.provenance.map(provenance).joined(separator: ", ") + "]}")
        }
        let nodes = records.joined(separator: ",\n    ")
        records = []
        for (k, e) in graph.edges.enumerated() {
            var repeats = 1
            while repeats <= k, case let d = graph.edges[k - repeats], d.source == e.source, d.target == e.target,
                  d.relation == e.relation { repeats += 1 }
            let key = repeats == 1 ? e.relation.rawValue : "\(e.relation.rawValue)#\(repeats)"
            records.append("{\"source\": \(json(e.source.rawValue)), \"target\": \(json(e.target.rawValue)), "
                           + "\"relation\": \(json(e.relation.rawValue)), \"key\": \(json(key)), "
                           + "\"provenance\": \(provenance(e.provenance))}")
        }
        return nodes + "\n  ],\n  \"edges\": [\n    " + records.joined(separator: ",\n    ")
    }

    /// Whole and streamed in small pieces, on the calling thread and (10,000 records or more) in
    /// rounds on all cores.
    @Test(arguments: [(40, UInt64(5)), (300, 6), (12_000, 7)])
    func nodeLinkJSONMatchesSpecification(count: Int, seed: UInt64) {
        let graph = GraphMLEquivalenceTests.randomGraph(count, seed: seed)
        let whole = NodeLinkJSONWriter().string(graph)
        let open = "\"nodes\": [\n    ", close = "\n  ]\n}\n"
        let body = whole.range(of: open).map { String(whole[$0.upperBound...].dropLast(close.count)) }
        #expect(body == Self.specification(graph))
        var streamed: [UInt8] = []
        NodeLinkJSONWriter().stream(graph, chunkSize: 4096) { streamed += $0 }
        #expect(String(decoding: streamed, as: UTF8.self) == whole)
    }
}

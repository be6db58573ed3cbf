import EcoGraph
import EcoGraphReaders
import Testing

/// `index(of:)` and `edgeEndpoints`: a node's place in `nodes` and each edge's ends as indices,
/// the same whether the graph comes from the builder or from `CatalogGraph(nodes:edges:)`.
@Suite struct NodeIndexTests {
    /// Checks both answers against a search of `nodes` by ID.
    static func check(_ graph: CatalogGraph) {
        for (i, n) in graph.nodes.enumerated() {
            #expect(graph.index(of: n.id) == i)
        }
        #expect(graph.index(of: NodeID("project:no-such-node")) == nil)
        #expect(graph.edgeEndpoints.count == graph.edges.count)
        for (k, e) in graph.edges.enumerated() {
            let ends = graph.edgeEndpoints[k]
            #expect(ends.source == Int32(graph.nodes.firstIndex { $0.id == e.source } ?? -1))
            #expect(ends.target == Int32(graph.nodes.firstIndex { $0.id == e.target } ?? -1))
        }
    }

    @Test func builtGraph() throws {
        let graph = try CatalogLoader().load(catalog: Paths.seed).graph
        #expect(!graph.edges.isEmpty)
        Self.check(graph)
    }

    @Test func graphFromNodesAndEdges() {
        let a = Node(id: NodeID("project:a"), kind: .project, name: "A")
        let b = Node(id: NodeID("project:b"), kind: .project, name: "B")
        let p = Provenance(method: .overlay, location: nil)
        // Given out of order, and one edge to a node the graph does not have.
        let graph = CatalogGraph(nodes: [b, a], edges: [
            Edge(source: b.id, target: a.id, relation: .uses, provenance: p),
            Edge(source: a.id, target: NodeID("project:missing"), relation: .uses, provenance: p),
        ])
        #expect(graph.index(of: a.id) == 0)
        #expect(graph.index(of: b.id) == 1)
        #expect(graph.edgeEndpoints.map(\.source) == [0, 1])
        #expect(graph.edgeEndpoints.map(\.target) == [-1, 0])
        Self.check(graph)
    }
}

import EcoGraph

/// Integer adjacency over a `CatalogGraph` for writers that visit every node's neighbours.
///
/// `CatalogGraph.outgoing(_:)` hashes an ID and copies edges on every call; a writer that asks
/// for categories, languages and each relation kind of 200,000 entries would do that millions
/// of times. Here each edge's endpoints are resolved once, and a node's edges are index ranges.
///
/// ```swift
/// let index = GraphIndex(graph)
/// for e in index.outgoing(3) where graph.edges[e].relation == .writtenIn { … }
/// ```
struct GraphIndex: Sendable {
    let graph: CatalogGraph
    /// `graph.nodes` and `graph.edges`, stored: read in every inner loop.
    let nodes: [Node]
    let edges: [Edge]
    /// Node position of each edge's source and target (-1 when the node is not in the graph):
    /// the graph's own `edgeEndpoints`, read in place.
    let sourceOf: EndpointColumn
    let targetOf: EndpointColumn
    /// Outgoing edges of node `i` are `graph.edges[outStart[i]..<outEnd[i]]`: edges are sorted by
    /// source, so they are contiguous.
    private let outStart: [Int32]
    private let outEnd: [Int32]
    /// Incoming edge indices of node `i` are `inEdges[inStart[i]..<inStart[i + 1]]`, in edge order.
    private let inStart: [Int32]
    private let inEdges: [Int32]

    /// - Complexity: O(n + e) expected.
    init(_ graph: CatalogGraph) {
        self.graph = graph
        self.nodes = graph.nodes
        self.edges = graph.edges
        let nodes = graph.nodes
        let edges = graph.edges
        // The graph knows each edge's ends; edges are sorted by source, so a node's outgoing
        // edges are one run.
        sourceOf = EndpointColumn(ends: graph.edgeEndpoints, isSource: true)
        targetOf = EndpointColumn(ends: graph.edgeEndpoints, isSource: false)
        var outStart = [Int32](repeating: 0, count: nodes.count)
        var outEnd = [Int32](repeating: 0, count: nodes.count)
        var inCount = [Int32](repeating: 0, count: nodes.count + 1)
        for k in edges.indices {
            let n = Int(sourceOf[k]), t = targetOf[k]
            if n >= 0 {
                if outEnd[n] == 0 && outStart[n] == 0 { outStart[n] = Int32(k) }
                outEnd[n] = Int32(k + 1)
            }
            if t >= 0 { inCount[Int(t) + 1] += 1 }
        }
        for i in 0..<nodes.count { inCount[i + 1] += inCount[i] }
        var fill = inCount
        var inEdges = [Int32](repeating: 0, count: Int(inCount[nodes.count]))
        for k in 0..<edges.count where targetOf[k] >= 0 {
            let t = Int(targetOf[k])
            inEdges[Int(fill[t])] = Int32(k)
            fill[t] += 1
        }
        self.outStart = outStart
        self.outEnd = outEnd
        self.inStart = inCount
        self.inEdges = inEdges
    }


    /// - Complexity: O(1) expected.
    func position(of id: NodeID) -> Int? { graph.index(of: id) }

    /// Indices into `graph.edges` of the edges leaving node `i`, in edge order. - Complexity: O(1).
    func outgoing(_ i: Int) -> Range<Int> { Int(outStart[i])..<Int(outEnd[i]) }

    /// Indices into `graph.edges` of the edges arriving at node `i`, in edge order. - Complexity: O(1).
    func incoming(_ i: Int) -> ArraySlice<Int32> { inEdges[Int(inStart[i])..<Int(inStart[i + 1])] }

    /// Positions of the targets of node `i`'s `relation` edges, in edge order, without repeats
    /// (edges are sorted by source, relation, target, so repeats are adjacent).
    /// - Complexity: O(out-degree).
    func targets(of i: Int, _ relation: RelationKind) -> [Int] {
        var out: [Int] = []
        targets(of: i, relation, into: &out)
        return out
    }

    /// Positions of the sources of `relation` edges into node `i`, in edge order, without repeats.
    /// - Complexity: O(in-degree).
    func sources(into i: Int, _ relation: RelationKind) -> [Int] {
        var out: [Int] = []
        sources(into: i, relation, into: &out)
        return out
    }

    /// Both directions of a symmetric relation, sorted by position (that is, by ID).
    func neighbours(of i: Int, _ relation: RelationKind) -> [Int] {
        var out: [Int] = []
        neighbours(of: i, relation, into: &out)
        return out
    }

    /// Most lists are empty: `removeAll` on an empty array still costs a generic call.
    private static func clear<T>(_ list: inout [T]) {
        if !list.isEmpty { list.removeAll(keepingCapacity: true) }
    }

    /// Replaces `positions` with `targets(of: i, relation)`, reusing its storage: the CSV tables
    /// ask this a dozen times per entry.
    func targets(of i: Int, _ relation: RelationKind, into positions: inout [Int]) {
        Self.clear(&positions)
        appendTargets(of: i, relation, to: &positions)
    }

    /// Replaces `positions` with `sources(into: i, relation)`, reusing its storage.
    func sources(into i: Int, _ relation: RelationKind, into positions: inout [Int]) {
        Self.clear(&positions)
        appendSources(into: i, relation, to: &positions)
    }

    /// Replaces `positions` with `neighbours(of: i, relation)`, reusing its storage. Targets
    /// alone and sources alone are already in order (edges are sorted by source, then target);
    /// only a node with both sorts.
    func neighbours(of i: Int, _ relation: RelationKind, into positions: inout [Int]) {
        targets(of: i, relation, into: &positions)
        let targetCount = positions.count
        appendSources(into: i, relation, to: &positions)
        guard targetCount > 0 && positions.count > targetCount else { return }
        positions.sort()
        var kept = 1
        for j in 1..<positions.count where positions[j] != positions[kept - 1] {
            positions[kept] = positions[j]
            kept += 1
        }
        positions.removeLast(positions.count - kept)
    }

    private func appendTargets(of i: Int, _ relation: RelationKind, to positions: inout [Int]) {
        var last = -1
        for k in outgoing(i) where edges[k].relation == relation {
            let t = Int(targetOf[k])
            if t >= 0 && t != last { positions.append(t) }
            last = t
        }
    }

    private func appendSources(into i: Int, _ relation: RelationKind, to positions: inout [Int]) {
        var last = -1
        for k in incoming(i) where edges[Int(k)].relation == relation {
            let s = Int(sourceOf[Int(k)])
            if s >= 0 && s != last { positions.append(s) }
            last = s
        }
    }

    /// The categories above category `i` (nearest first), stopping at a cycle.
    func ancestors(ofCategory i: Int) -> [Int] {
        var chain: [Int] = []
        var current = i
        while let parent = targets(of: current, .subcategoryOf).first, parent != i, !chain.contains(parent) {
            chain.append(parent)
            current = parent
        }
        return chain
    }
}

/// One end (source or target) of every edge, by edge index: a view of `edgeEndpoints`.
struct EndpointColumn: Sendable {
    let ends: [(source: Int32, target: Int32)]
    let isSource: Bool

    @inline(__always) subscript(k: Int) -> Int32 { isSource ? ends[k].source : ends[k].target }
}

/// Each edge's source and target as node indices (the graph's `edgeEndpoints`; -1 for an end
/// that is not a node), for writers that write a node end from texts made once per graph, by
/// index, and read an edge's own ID (which retains its string) only for an end that is not a
/// node. Shared by the node-link JSON, JSON-LD and GraphML writers.
struct EdgeEnds: Sendable {
    let endpoints: [(source: Int32, target: Int32)]

    init(_ graph: CatalogGraph) { endpoints = graph.edgeEndpoints }

    /// Writes edge `k`'s (`e`'s) source, or its target: `node(i, &out)` for node `i`, `other(id,
    /// &out)` for an ID that is not a node.
    @inline(__always)
    func write(_ k: Int, _ e: UnsafePointer<Edge>, source: Bool, into out: inout OutputBuffer,
               node: (Int, inout OutputBuffer) -> Void, other: (NodeID, inout OutputBuffer) -> Void) {
        let i = source ? endpoints[k].source : endpoints[k].target
        if i >= 0 { node(Int(i), &out) } else { other(source ? e.pointee.source : e.pointee.target, &out) }
    }

    /// Whether edges `a` and `b` (`ea`, `eb`) have the same target: equal IDs are the same node
    /// index, except for ends that are not nodes, which are compared as IDs.
    @inline(__always)
    func sameTarget(_ a: Int, _ ea: UnsafePointer<Edge>, _ b: Int, _ eb: UnsafePointer<Edge>) -> Bool {
        Self.same(endpoints[a].target, endpoints[b].target, ea.pointee.target, eb.pointee.target)
    }

    /// Whether edges `a` and `b` (`ea`, `eb`) have the same source and the same target.
    @inline(__always)
    func sameEnds(_ a: Int, _ ea: UnsafePointer<Edge>, _ b: Int, _ eb: UnsafePointer<Edge>) -> Bool {
        Self.same(endpoints[a].source, endpoints[b].source, ea.pointee.source, eb.pointee.source) && sameTarget(a, ea, b, eb)
    }

    @inline(__always)
    private static func same(_ i: Int32, _ j: Int32, _ a: @autoclosure () -> NodeID, _ b: @autoclosure () -> NodeID) -> Bool {
        i >= 0 || j >= 0 ? i == j : a() == b()
    }
}

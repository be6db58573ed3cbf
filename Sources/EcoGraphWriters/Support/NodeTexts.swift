import EcoGraph

/// One piece of encoded text per node (an escaped ID, an IRI…), made once and kept in one
/// buffer, for writers that write it again for every edge that ends at the node.
///
/// ```swift
/// let refs = NodeTexts(graph.nodes.count) { i, out in out.append(graph.nodes[i].id.rawValue) }
/// refs.append(index.targetOf[k], to: &out)
/// ```
struct NodeTexts: Sendable {
    private let bytes: [UInt8]
    /// Node `i`'s text is `bytes[start[i]..<start[i + 1]]`.
    private let start: [Int]

    /// - Complexity: O(n) calls of `encode`.
    init(_ count: Int, _ encode: (Int, inout OutputBuffer) -> Void) {
        var out = OutputBuffer(capacity: count * 32)
        var start = [Int](repeating: 0, count: count + 1)
        for i in 0..<count {
            encode(i, &out)
            start[i + 1] = out.count
        }
        bytes = out.takeBytes()
        self.start = start
    }

    /// Appends node `i`'s text. - Complexity: O(its length).
    func append(_ i: Int, to out: inout OutputBuffer) {
        let (from, to) = (start[i], start[i + 1])
        guard from < to else { return }
        bytes.withUnsafeBufferPointer { all in out.append(all.baseAddress! + from, count: to - from) }
    }

    /// Calls `body` with node `i`'s text (in place, no copy).
    func withBytes<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try bytes.withUnsafeBufferPointer { all in try body(UnsafeBufferPointer(rebasing: all[start[i]..<start[i + 1]])) }
    }
}

/// Bytes made once per relation kind and written for every edge of that kind, found by the
/// kind's `order` (no hashing per edge).
struct RelationTexts: Sendable {
    private let texts: [[UInt8]]

    init(_ encode: (RelationKind, inout OutputBuffer) -> Void) {
        texts = RelationKind.allCases.sorted().map { r in
            var out = OutputBuffer(capacity: 128)
            encode(r, &out)
            return out.takeBytes()
        }
    }

    subscript(_ r: RelationKind) -> [UInt8] { texts[r.order] }
}

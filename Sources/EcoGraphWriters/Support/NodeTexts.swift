import EcoGraph

/// One piece of encoded text per node (an escaped ID, an IRI…), made once and kept in one
/// buffer, for writers that write it again for every edge that ends at the node.
///
/// ```swift
/// let refs = NodeTexts(graph.nodes.count) { i, out in out.append(graph.nodes[i].id.rawValue) }
/// refs.append(index.targetOf[k], to: &out)
/// ```
struct NodeTexts: Sendable {
    private let storage: Texts

    /// - Complexity: O(n) calls of `encode`.
    init(_ count: Int, _ encode: (Int, inout OutputBuffer) -> Void) {
        var out = OutputBuffer(capacity: count * 32)
        var end = [Int](repeating: 0, count: count)
        for i in 0..<count {
            encode(i, &out)
            end[i] = out.count
        }
        storage = Texts(out.takeBytes(), ends: end)
    }

    /// Appends node `i`'s text. - Complexity: O(its length).
    @inline(__always)
    func append(_ i: Int, to out: inout OutputBuffer) {
        let text = storage[i]
        if text.count > 0 { out.append(text.baseAddress!, count: text.count) }
    }

    /// Calls `body` with node `i`'s text (in place, no copy).
    func withBytes<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try body(storage[i])
    }
}

/// Texts laid end to end in memory of their own: reading one is two loads and no retain of an
/// array (the writers read one per cell, millions of times).
private final class Texts: @unchecked Sendable {  // immutable once made
    private let bytes: UnsafeMutableBufferPointer<UInt8>
    /// Text `i` is `bytes[start[i]..<start[i + 1]]`.
    private let start: UnsafeMutableBufferPointer<Int>

    init(_ all: [UInt8], ends: [Int]) {
        bytes = .allocate(capacity: max(all.count, 1))
        _ = bytes.initialize(from: all)
        start = .allocate(capacity: ends.count + 1)
        start[0] = 0
        for (i, e) in ends.enumerated() { start[i + 1] = e }
    }

    deinit {
        bytes.deallocate()
        start.deallocate()
    }

    /// - Precondition: `0 <= i < count` (checked).
    @inline(__always)
    subscript(i: Int) -> UnsafeBufferPointer<UInt8> {
        precondition(i >= 0 && i &+ 1 < start.count)
        let from = start[i]
        return UnsafeBufferPointer(start: bytes.baseAddress! + from, count: start[i &+ 1] &- from)
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

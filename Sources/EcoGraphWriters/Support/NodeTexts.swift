import Dispatch
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

    /// The same texts as `init(count, encode)`, encoded on all cores: nodes are cut into a few
    /// runs per core, each run encoded into a buffer of its own, and the runs joined in order.
    /// Worth it where a table of a whole graph is made before any writing can start. `encode`
    /// may need scratch storage: each run makes its own with `scratch` and reuses it from node
    /// to node.
    /// - Complexity: O(n) calls of `encode`, spread over the cores.
    init<Scratch>(parallel count: Int, scratch: @Sendable () -> Scratch,
                  _ encode: @Sendable (Int, inout Scratch, inout OutputBuffer) -> Void) {
        let runs = count < 4096 ? 1 : 8
        let pieces = UnsafeMutableBufferPointer<(bytes: [UInt8], ends: [Int])>.allocate(capacity: runs)
        pieces.initialize(repeating: ([], []))
        defer { pieces.deinitialize().deallocate() }
        let slots = UncheckedSendable(pieces.baseAddress!)
        DispatchQueue.concurrentPerform(iterations: runs) { r in
            let nodes = count * r / runs..<count * (r + 1) / runs
            var state = scratch()
            var out = OutputBuffer(capacity: nodes.count * 32)
            var ends = [Int](repeating: 0, count: nodes.count)
            for i in nodes {
                encode(i, &state, &out)
                ends[i - nodes.lowerBound] = out.count
            }
            slots.value[r] = (out.takeBytes(), ends)
        }
        storage = Texts(runs: UnsafeBufferPointer(pieces))
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

    /// Runs of texts joined in order; a run's `ends` count from its own start. Copied straight
    /// into place: a whole graph's texts are tens of megabytes.
    init(runs: UnsafeBufferPointer<(bytes: [UInt8], ends: [Int])>) {
        bytes = .allocate(capacity: max(runs.reduce(0) { $0 + $1.bytes.count }, 1))
        start = .allocate(capacity: runs.reduce(0) { $0 + $1.ends.count } + 1)
        start[0] = 0
        var (offset, i) = (0, 0)
        for run in runs {
            run.bytes.withUnsafeBufferPointer { run in
                if let base = run.baseAddress { (bytes.baseAddress! + offset).initialize(from: base, count: run.count) }
            }
            for e in run.ends {
                i += 1
                start[i] = offset + e
            }
            offset += run.bytes.count
        }
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

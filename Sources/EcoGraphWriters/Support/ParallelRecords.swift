import Dispatch
import EcoGraph

/// Writes records (nodes, edges) that do not depend on each other on all cores, in rounds of a
/// few thousand per core, appending each round to the output in record order: the bytes are
/// the same as one pass would write, and a streaming writer still holds only a round at a time.
enum ParallelRecords {
    /// Records per piece, and pieces per round: `concurrentPerform` spreads the pieces over the
    /// cores there are. A round's pieces (a megabyte or so each) stay in the cache until the
    /// sink copies them out: with 4,096 records a piece, the rounds of two writers at once were
    /// tens of megabytes, written to memory and read back (a 200,000-entry export of JSON,
    /// JSON-LD and GraphML took 0.15-0.5 s more CPU, more on a busier machine, mostly in the
    /// kernel).
    static let batch = 1024
    static let ways = 4
    /// Fewer records than this are written on the calling thread.
    static let parallelThreshold = 10_000

    /// `write(count:…)` over the elements of `records`, each handed to `record` in place (with
    /// its index): a struct read out of an array is a copy, which retains every reference in it.
    static func write<Record>(_ records: [Record], into out: inout OutputBuffer, chunkSize: Int,
                              sink: ([UInt8]) throws -> Void,
                              record: @escaping @Sendable (UnsafePointer<Record>, Int, inout OutputBuffer) -> Void) rethrows {
        try records.withUnsafeBufferPointer { buffer in
            let base = UncheckedSendable(buffer.baseAddress)
            try write(count: buffer.count, into: &out, chunkSize: chunkSize, sink: sink) { i, piece in
                record(base.value! + i, i, &piece)
            }
        }
    }

    static func write(count: Int, into out: inout OutputBuffer, chunkSize: Int, sink: ([UInt8]) throws -> Void,
                      record: @escaping @Sendable (Int, inout OutputBuffer) -> Void) rethrows {
        guard count >= parallelThreshold else {
            for i in 0..<count {
                record(i, &out)
                try out.flush(ifOver: chunkSize, to: sink)
            }
            return
        }
        // Each piece keeps its storage from round to round (fresh megabytes every round are
        // pages the kernel has to clear), and is moved out of the array while it is written, so
        // that no two cores write next to each other.
        var pieces = (0..<ways).map { _ in OutputBuffer(capacity: batch * 512) }
        var start = 0
        while start < count {
            let round = start
            pieces.withUnsafeMutableBufferPointer { buffer in
                let slots = UncheckedSendable(buffer.baseAddress!)
                DispatchQueue.concurrentPerform(iterations: ways) { w in
                    var piece = (slots.value + w).move()
                    let lo = min(count, round + w * batch), hi = min(count, lo + batch)
                    for i in lo..<hi { record(i, &piece) }
                    (slots.value + w).initialize(to: piece)
                }
            }
            for w in 0..<ways { try pass(&pieces[w], after: &out, chunkSize: chunkSize, sink: sink) }
            start += ways * batch
        }
    }

    /// Moves a finished piece's bytes on in order: when `out` and the piece together reach
    /// `chunkSize`, or the piece alone a quarter of it, `out` goes to `sink` and then the piece
    /// itself (copying a piece of that size into `out` first would copy every byte once more
    /// for nothing); otherwise the piece is appended to `out`. Either way the piece is emptied,
    /// keeping its storage.
    private static func pass(_ piece: inout OutputBuffer, after out: inout OutputBuffer, chunkSize: Int,
                             sink: ([UInt8]) throws -> Void) rethrows {
        guard out.count + piece.count >= chunkSize || piece.count >= chunkSize / 4 else {
            piece.handOver { out.append(contentsOf: $0) }
            return
        }
        if !out.isEmpty { try out.handOver(to: sink) }
        if !piece.isEmpty { try piece.handOver(to: sink) }
    }
}

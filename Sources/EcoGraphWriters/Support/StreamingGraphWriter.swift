import EcoGraph

/// A writer that can hand its output over in pieces, so that exporting a graph of any size needs
/// a buffer of about `chunkSize` bytes instead of the whole output (hundreds of megabytes for a
/// 200,000-entry catalog, several such at once when formats render in parallel).
///
/// ```swift
/// var out = OutputBuffer(capacity: 2 << 20)
/// try JSONLDWriter().write(graph, into: &out, chunkSize: 1 << 20) { piece in try file.write(contentsOf: piece) }
/// try file.write(contentsOf: out.bytes)   // the rest
/// ```
public protocol StreamingGraphWriter: GraphWriter {
    /// Writes the whole graph into `out`, handing its bytes to `sink` and emptying it whenever it
    /// holds `chunkSize` bytes or more; what is left at the end stays in `out`.
    func write(_ graph: CatalogGraph, into out: inout OutputBuffer, chunkSize: Int,
               sink: ([UInt8]) throws -> Void) rethrows
}

extension StreamingGraphWriter {
    /// Everything stays in `out`.
    public func write(_ graph: CatalogGraph, into out: inout OutputBuffer) {
        write(graph, into: &out, chunkSize: .max, sink: { _ in })
    }

    /// The output in pieces of about `chunkSize` bytes, the last one included.
    public func stream(_ graph: CatalogGraph, chunkSize: Int = OutputBuffer.chunkSize,
                       to sink: ([UInt8]) throws -> Void) rethrows {
        var out = OutputBuffer(capacity: OutputBuffer.streamingCapacity(chunkSize))
        try write(graph, into: &out, chunkSize: chunkSize, sink: sink)
        if !out.isEmpty { try sink(out.takeBytes()) }
    }
}

extension OutputBuffer {
    /// The piece size streaming exports use.
    public static let chunkSize = 1 << 20

    /// Room for a piece and the record that crosses its end (at most 4 MiB up front: a
    /// `chunkSize` of `.max` means "never flush", not "reserve everything").
    static func streamingCapacity(_ chunkSize: Int) -> Int {
        chunkSize >= 1 << 21 ? 1 << 22 : chunkSize + chunkSize / 2
    }

    /// Hands the bytes to `sink` and empties the buffer (keeping its storage) once it holds
    /// `chunkSize` bytes; writers call this between records.
    @inline(__always)
    public mutating func flush(ifOver chunkSize: Int, to sink: ([UInt8]) throws -> Void) rethrows {
        guard count >= chunkSize else { return }
        try handOver(to: sink)
    }
}

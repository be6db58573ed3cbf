/// A growable byte buffer the writers append to. Writers produce bytes, not `String`s: it is
/// several times faster for large graphs and keeps the output exactly what was written.
public struct OutputBuffer: Sendable {
    public var bytes: [UInt8] = []

    public init(capacity: Int = 1 << 16) { bytes.reserveCapacity(capacity) }

    public mutating func append(_ s: String) {
        var s = s
        s.withUTF8 { bytes.append(contentsOf: $0) }
    }

    public mutating func append(_ s: Substring) {
        var s = s
        s.withUTF8 { bytes.append(contentsOf: $0) }
    }

    public mutating func append(byte: UInt8) { bytes.append(byte) }

    public mutating func append(_ n: Int) { appendDecimal(n) }

    public mutating func append(contentsOf other: [UInt8]) { bytes.append(contentsOf: other) }

    /// A JSON string literal, quotes included (RFC 8259: `"`, `\`, control characters escaped;
    /// U+2028 and U+2029 too, so the result is also safe inside a `<script>` block).
    public mutating func appendJSONString(_ s: String) {
        bytes.append(0x22)
        append(s, escaping: Self.json)
        bytes.append(0x22)
    }

    /// A JSON array of strings.
    public mutating func appendJSONArray(_ items: [String]) {
        append(byte: 0x5B)
        for (i, s) in items.enumerated() {
            if i > 0 { append(byte: 0x2C) }
            appendJSONString(s)
        }
        append(byte: 0x5D)
    }
}

/// Text formats that writers produce from a graph.
public protocol GraphWriter: Sendable {
    /// Writes the whole graph. Writers never print and never touch files.
    func write(_ graph: CatalogGraph, into out: inout OutputBuffer)
}

extension GraphWriter {
    /// The whole output as bytes.
    public func bytes(_ graph: CatalogGraph) -> [UInt8] {
        // Reserving generously costs address space only (untouched pages are not resident) and
        // saves copying hundreds of megabytes as the buffer doubles.
        var out = OutputBuffer(capacity: max(1 << 16, graph.nodes.count * 640 + graph.edges.count * 320))
        write(graph, into: &out)
        return out.bytes
    }

    /// The whole output as text (for tests and small graphs).
    public func string(_ graph: CatalogGraph) -> String {
        String(decoding: bytes(graph), as: UTF8.self)
    }
}

import EcoGraph

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

    public mutating func append(_ n: Int) { append(String(n)) }

    public mutating func append(contentsOf other: [UInt8]) { bytes.append(contentsOf: other) }

    /// A JSON string literal, quotes included (RFC 8259: `"`, `\`, control characters escaped;
    /// U+2028 and U+2029 too, so the result is also safe inside a `<script>` block).
    public mutating func appendJSONString(_ s: String) {
        bytes.append(0x22)
        var s = s
        s.withUTF8 { utf8 in
            // Bytes that need no escape are copied a run at a time, not one by one.
            var run = 0
            var i = 0
            let n = utf8.count
            while i < n {
                let b = utf8[i]
                if b >= 0x20 && b != 0x22 && b != 0x5C && b != 0x3C && b != 0xE2 {
                    i += 1
                    continue
                }
                if run < i { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<i])) }
                switch b {
                case 0x22: bytes.append(0x5C); bytes.append(0x22)
                case 0x5C: bytes.append(0x5C); bytes.append(0x5C)
                case 0x0A: bytes.append(0x5C); bytes.append(0x6E)
                case 0x0D: bytes.append(0x5C); bytes.append(0x72)
                case 0x09: bytes.append(0x5C); bytes.append(0x74)
                case 0x3C: bytes.append(contentsOf: Self.escapedLessThan)  // '<': no "</script>" breakout
                case 0x00..<0x20:
                    bytes.append(contentsOf: Self.escapePrefix)
                    bytes.append(Self.hex[Int(b >> 4)])
                    bytes.append(Self.hex[Int(b & 0xF)])
                case 0xE2 where i + 2 < n && utf8[i + 1] == 0x80 && (utf8[i + 2] == 0xA8 || utf8[i + 2] == 0xA9):
                    bytes.append(contentsOf: utf8[i + 2] == 0xA8 ? Self.escapedLineSeparator : Self.escapedParagraphSeparator)
                    i += 2
                default: bytes.append(b)
                }
                i += 1
                run = i
            }
            if run < n { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<n])) }
        }
        bytes.append(0x22)
    }

    static let escapedLessThan: [UInt8] = Array("\\u003c".utf8)
    static let escapePrefix: [UInt8] = Array("\\u00".utf8)
    static let escapedLineSeparator: [UInt8] = Array("\\u2028".utf8)
    static let escapedParagraphSeparator: [UInt8] = Array("\\u2029".utf8)

    static let hex: [UInt8] = Array("0123456789abcdef".utf8)

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
        var out = OutputBuffer(capacity: max(1 << 16, graph.nodes.count * 256))
        write(graph, into: &out)
        return out.bytes
    }

    /// The whole output as text (for tests and small graphs).
    public func string(_ graph: CatalogGraph) -> String {
        String(decoding: bytes(graph), as: UTF8.self)
    }
}

import EcoGraph

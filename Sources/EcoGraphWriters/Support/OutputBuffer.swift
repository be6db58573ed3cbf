/// A growable byte buffer the writers append to. Writers produce bytes, not `String`s: it is
/// several times faster for large graphs and keeps the output exactly what was written.
///
/// Appends go to a small staging area (a raw pointer, in cache) and reach `bytes` a few tens of
/// kilobytes at a time: `Array.append(contentsOf:)` costs some fifty instructions a call, and a
/// 200,000-entry export appends tens of millions of short pieces.
public struct OutputBuffer: Sendable {
    /// What has left the staging area.
    private var settled: [UInt8] = []
    private var stage: Stage
    /// Bytes in `stage`, after `settled`.
    private var staged = 0

    public init(capacity: Int = 1 << 16) {
        settled.reserveCapacity(capacity)
        stage = Stage(capacity: Swift.min(Swift.max(capacity, 256), Stage.largest))
    }

    /// Everything written, in order. Reading it copies the staged tail (at most a few tens of
    /// kilobytes); writers hand whole outputs over with `takeBytes()` instead.
    public var bytes: [UInt8] {
        get {
            guard staged > 0 else { return settled }
            var all = settled
            all.append(contentsOf: UnsafeBufferPointer(start: stage.base, count: staged))
            return all
        }
        _modify {
            settle()
            yield &settled
        }
    }

    /// The number of bytes written.
    public var count: Int { settled.count + staged }

    public var isEmpty: Bool { count == 0 }

    /// The bytes, without a copy, leaving the buffer empty.
    public mutating func takeBytes() -> [UInt8] {
        settle()
        defer { settled = [] }
        return settled
    }

    /// Hands the bytes to `sink` and empties the buffer, keeping its storage.
    mutating func handOver(to sink: ([UInt8]) throws -> Void) rethrows {
        settle()
        try sink(settled)
        settled.removeAll(keepingCapacity: true)
    }

    /// Moves the staged bytes to `settled`.
    private mutating func settle() {
        guard staged > 0 else { return }
        settled.append(contentsOf: UnsafeBufferPointer(start: stage.base, count: staged))
        staged = 0
    }

    /// `count` bytes from `source`: the one primitive every append goes through.
    @inline(__always)
    mutating func append(_ source: UnsafePointer<UInt8>, count n: Int) {
        guard _fastPath(n <= stage.capacity &- staged && isKnownUniquelyReferenced(&stage)) else {
            appendSlowly(source, count: n)
            return
        }
        Self.copy(source, to: stage.base + staged, count: n)
        staged &+= n
    }

    /// Lets `write` put at most `maxCount` bytes straight into the staging area (one capacity
    /// check for a whole escaped string instead of one per piece); `write` returns how many it
    /// put there. More than the staging area holds goes through a temporary allocation.
    @inline(__always)
    mutating func appendInPlace(atMost maxCount: Int, _ write: (UnsafeMutablePointer<UInt8>) -> Int) {
        guard _fastPath(maxCount <= stage.capacity &- staged && isKnownUniquelyReferenced(&stage)) else {
            appendInPlaceSlowly(atMost: maxCount, write)
            return
        }
        staged &+= write(stage.base + staged)
    }

    @inline(never)
    private mutating func appendInPlaceSlowly(atMost maxCount: Int, _ write: (UnsafeMutablePointer<UInt8>) -> Int) {
        guard maxCount <= stage.capacity else {
            let scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: maxCount)
            defer { scratch.deallocate() }
            append(scratch, count: write(scratch))
            return
        }
        makeStageUnique()
        if maxCount > stage.capacity - staged { settle() }
        staged += write(stage.base + staged)
    }

    /// `memcpy`, with the short copies most appends are (a tag, a name, a number) done in two
    /// overlapping loads and stores instead of a call.
    @inline(__always)
    static func copy(_ source: UnsafePointer<UInt8>, to target: UnsafeMutablePointer<UInt8>, count n: Int) {
        let (from, to) = (UnsafeRawPointer(source), UnsafeMutableRawPointer(target))
        if n >= 8 && n <= 16 {
            let head = from.loadUnaligned(as: UInt64.self), tail = from.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
            to.storeBytes(of: head, as: UInt64.self)
            to.storeBytes(of: tail, toByteOffset: n - 8, as: UInt64.self)
        } else if n >= 4 && n < 8 {
            let head = from.loadUnaligned(as: UInt32.self), tail = from.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)
            to.storeBytes(of: head, as: UInt32.self)
            to.storeBytes(of: tail, toByteOffset: n - 4, as: UInt32.self)
        } else {
            target.update(from: source, count: n)
        }
    }

    @inline(never)
    private mutating func appendSlowly(_ source: UnsafePointer<UInt8>, count n: Int) {
        makeStageUnique()
        if n > stage.capacity - staged { settle() }
        if n > stage.capacity {
            settled.append(contentsOf: UnsafeBufferPointer(start: source, count: n))
        } else {
            (stage.base + staged).update(from: source, count: n)
            staged += n
        }
    }

    /// A copy of this buffer may share the stage: this one gets its own before writing to it.
    private mutating func makeStageUnique() {
        guard !isKnownUniquelyReferenced(&stage) else { return }
        let own = Stage(capacity: stage.capacity)
        own.base.update(from: stage.base, count: staged)
        stage = own
    }

    @inline(__always)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress else { return }
        append(base, count: bytes.count)
    }

    /// Disfavoured (like `Substring`), so that a literal is appended as a `StaticString`: its bytes and length are
    /// known when compiling, and the copy is a few moves.
    @_disfavoredOverload
    public mutating func append(_ s: String) {
        var s = s
        s.withUTF8 { append($0) }
    }

    @inline(__always)
    public mutating func append(_ s: StaticString) {
        s.withUTF8Buffer { append($0) }
    }

    @_disfavoredOverload
    public mutating func append(_ s: Substring) {
        var s = s
        s.withUTF8 { append($0) }
    }

    @inline(__always)
    public mutating func append(byte: UInt8) {
        guard _fastPath(staged < stage.capacity && isKnownUniquelyReferenced(&stage)) else {
            withUnsafePointer(to: byte) { append($0, count: 1) }
            return
        }
        stage.base[staged] = byte
        staged &+= 1
    }

    public mutating func append(_ n: Int) { appendDecimal(n) }

    public mutating func append(contentsOf other: [UInt8]) {
        other.withUnsafeBufferPointer { append($0) }
    }

    /// A JSON string literal, quotes included (RFC 8259: `"`, `\`, control characters escaped;
    /// U+2028 and U+2029 too, so the result is also safe inside a `<script>` block).
    public mutating func appendJSONString(_ s: String) {
        append(s, escaping: Self.json, quote: 0x22)
    }

    /// A JSON array of strings.
    public mutating func appendJSONArray(_ items: [String]) {
        append(byte: 0x5B)
        for i in items.indices {
            if i > 0 { append(byte: 0x2C) }
            appendJSONString(items[i])
        }
        append(byte: 0x5D)
    }
}

/// Bytes made once per case of a small enum (a node kind, a provenance method) and written for
/// every record with that case: found by a scan of the few cases, with no hashing and no
/// escaping per record.
struct CaseTexts<Case: CaseIterable & Equatable & Sendable>: Sendable {
    private let texts: [(Case, [UInt8])]

    init(_ encode: (Case, inout OutputBuffer) -> Void) {
        texts = Case.allCases.map { c in
            var out = OutputBuffer(capacity: 128)
            encode(c, &out)
            return (c, out.takeBytes())
        }
    }

    func append(_ c: Case, to out: inout OutputBuffer) {
        for (k, text) in texts where k == c {
            out.append(contentsOf: text)
            return
        }
    }
}

/// The staging area's memory, shared by copies of a buffer until one of them writes.
private final class Stage: @unchecked Sendable {
    /// Large enough that settling is rare, small enough to stay in cache.
    static let largest = 1 << 15
    let base: UnsafeMutablePointer<UInt8>
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    deinit { base.deallocate() }
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
        return out.takeBytes()
    }

    /// The whole output as text (for tests and small graphs).
    public func string(_ graph: CatalogGraph) -> String {
        String(decoding: bytes(graph), as: UTF8.self)
    }
}

import EcoGraph

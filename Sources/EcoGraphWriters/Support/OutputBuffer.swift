/// A growable byte buffer the writers append to. Writers produce bytes, not `String`s: it is
/// several times faster for large graphs and keeps the output exactly what was written.
///
/// Appends write straight into the spare capacity of the byte array that is handed on
/// (`takeBytes`, a streaming sink) through a pointer kept here, with one capacity check and no
/// `Array.append` (some fifty instructions a call; a 200,000-entry export appends tens of
/// millions of short pieces); the array's count catches up only when the bytes are read
/// (`WrittenInPlace`). Before the fifth performance round appends went to a small staging area that was copied
/// into the array every few tens of kilobytes: a second pass over every byte of the output.
public struct OutputBuffer: @unchecked Sendable {  // `base` points into `storage`, which only this buffer writes
    /// The bytes: `storage.bytes`, then `count - storage.bytes.count` more written past its end, in its
    /// spare capacity.
    private var storage: Storage
    /// `storage.bytes`' first byte and capacity: valid while `storage` is this buffer's alone
    /// (a copy of the buffer shares it: the first of them to write makes its own).
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// The number of bytes written.
    public private(set) var count: Int

    public init(capacity: Int = 1 << 16) {
        storage = Storage(capacity: Swift.max(capacity, 256))
        (base, self.capacity) = storage.locate()
        count = 0
    }

    /// Everything written, in order. Reading it copies the bytes written since they were last
    /// settled (all of them, for a buffer never read); writers hand whole outputs over with
    /// `takeBytes()` instead.
    public var bytes: [UInt8] {
        get {
            let settled = storage.bytes.count
            guard count > settled else { return storage.bytes }
            var all = storage.bytes
            all.append(contentsOf: UnsafeBufferPointer(start: base + settled, count: count - settled))
            return all
        }
        _modify {
            settle()
            defer { relocate() }
            yield &storage.bytes
        }
    }

    public var isEmpty: Bool { count == 0 }

    /// The bytes, without a copy, leaving the buffer empty.
    public mutating func takeBytes() -> [UInt8] {
        settle()
        defer {
            storage.bytes = []
            relocate()
        }
        return storage.bytes
    }

    /// Hands the bytes to `sink` and empties the buffer, keeping its storage.
    mutating func handOver(to sink: ([UInt8]) throws -> Void) rethrows {
        settle()
        defer { relocate() }
        try sink(storage.bytes)
        storage.bytes.removeAll(keepingCapacity: true)
    }

    /// Makes `storage.bytes` all the bytes written (its count catches up; no byte moves unless
    /// the array is shared with a reader, who keeps its own).
    private mutating func settle() {
        makeStorageUnique()
        let settled = storage.bytes.count
        guard count > settled else { return }
        storage.bytes.append(contentsOf: WrittenInPlace(start: base + settled, count: count - settled))
        relocate()
    }

    /// Reads `base` and `capacity` again after `storage.bytes` changed; `count` is its count.
    private mutating func relocate() {
        (base, capacity) = storage.locate()
        count = storage.bytes.count
    }

    /// `count` bytes from `source`: the one primitive every append goes through.
    @inline(__always)
    mutating func append(_ source: UnsafePointer<UInt8>, count n: Int) {
        guard _fastPath(n <= capacity &- count && isKnownUniquelyReferenced(&storage)) else {
            appendSlowly(source, count: n)
            return
        }
        Self.copy(source, to: base + count, count: n)
        count &+= n
    }

    /// Lets `write` put at most `maxCount` bytes straight into the buffer (one capacity check for
    /// a whole escaped string instead of one per piece); `write` returns how many it put there.
    @inline(__always)
    mutating func appendInPlace(atMost maxCount: Int, _ write: (UnsafeMutablePointer<UInt8>) -> Int) {
        guard _fastPath(maxCount <= capacity &- count && isKnownUniquelyReferenced(&storage)) else {
            makeRoom(for: maxCount)
            count &+= write(base + count)
            return
        }
        count &+= write(base + count)
    }

    @inline(never)
    private mutating func appendSlowly(_ source: UnsafePointer<UInt8>, count n: Int) {
        makeRoom(for: n)
        (base + count).update(from: source, count: n)
        count &+= n
    }

    /// Makes this buffer's storage its own, with room for `n` more bytes (growing by doubling).
    @inline(never)
    private mutating func makeRoom(for n: Int) {
        makeStorageUnique()
        guard n > capacity - count else { return }
        settle()
        storage.bytes.reserveCapacity(Swift.max(2 * capacity, count + n))
        relocate()
    }

    /// A copy of this buffer shares its storage: this one gets its own (with the bytes written so
    /// far) before writing.
    private mutating func makeStorageUnique() {
        guard !isKnownUniquelyReferenced(&storage) else { return }
        let own = Storage(capacity: capacity)
        own.bytes.append(contentsOf: UnsafeBufferPointer(start: base, count: count))
        storage = own
        relocate()
    }

    /// `memcpy`, with the short copies most appends are (a tag, a name, an ID, a number) done in
    /// two overlapping loads and stores instead of a call.
    @inline(__always)
    static func copy(_ source: UnsafePointer<UInt8>, to target: UnsafeMutablePointer<UInt8>, count n: Int) {
        let (from, to) = (UnsafeRawPointer(source), UnsafeMutableRawPointer(target))
        if n >= 8 && n <= 16 {
            let head = from.loadUnaligned(as: UInt64.self), tail = from.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
            to.storeBytes(of: head, as: UInt64.self)
            to.storeBytes(of: tail, toByteOffset: n - 8, as: UInt64.self)
        } else if n > 16 && n <= 32 {
            let head = from.loadUnaligned(as: SIMD16<UInt8>.self), tail = from.loadUnaligned(fromByteOffset: n - 16, as: SIMD16<UInt8>.self)
            to.storeBytes(of: head, as: SIMD16<UInt8>.self)
            to.storeBytes(of: tail, toByteOffset: n - 16, as: SIMD16<UInt8>.self)
        } else if n >= 4 && n < 8 {
            let head = from.loadUnaligned(as: UInt32.self), tail = from.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)
            to.storeBytes(of: head, as: UInt32.self)
            to.storeBytes(of: tail, toByteOffset: n - 4, as: UInt32.self)
        } else {
            target.update(from: source, count: n)
        }
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
        guard _fastPath(count < capacity && isKnownUniquelyReferenced(&storage)) else {
            withUnsafePointer(to: byte) { append($0, count: 1) }
            return
        }
        base[count] = byte
        count &+= 1
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

/// Bytes made once per case of a small enum (a node kind, a provenance method, a relation) and
/// written for every record with that case: found by a scan of the few cases, with no hashing,
/// no escaping and no retain per record (the texts lie in one buffer of their own: an array per
/// case was retained and released by both cores on every record).
struct CaseTexts<Case: CaseIterable & Equatable & Sendable>: Sendable {
    private let cases: [Case]
    private let texts: NodeTexts

    init(_ encode: (Case, inout OutputBuffer) -> Void) {
        let cases = Array(Case.allCases)
        self.cases = cases
        texts = NodeTexts(cases.count) { i, out in encode(cases[i], &out) }
    }

    @inline(__always)
    func append(_ c: Case, to out: inout OutputBuffer) {
        for i in cases.indices where cases[i] == c {
            texts.append(i, to: &out)
            return
        }
    }
}

/// An output buffer's bytes, shared by copies of the buffer until one of them writes.
private final class Storage: @unchecked Sendable {  // only the one buffer that holds it alone writes
    var bytes: [UInt8] = []

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    /// Where `bytes`' elements start, and how many fit there. - Precondition: this storage is
    /// its buffer's alone, so that `bytes` is not copied on the way (`bytes` may be shared with
    /// a reader: its elements are never written, only the spare capacity after them).
    func locate() -> (UnsafeMutablePointer<UInt8>, Int) {
        let capacity = bytes.capacity
        if capacity == 0 { bytes.reserveCapacity(256) }
        // The array's storage stays where it is until `bytes` is next changed, which every
        // caller follows with `locate()` again.
        let base = bytes.withUnsafeBufferPointer { UnsafeMutablePointer(mutating: $0.baseAddress!) }
        return (base, bytes.capacity)
    }
}

/// Bytes already written where an array's next elements go (its spare capacity): appending them
/// only moves the array's count on. Anywhere else (the array was shared, so appending moved it)
/// they are copied like any other bytes.
private struct WrittenInPlace: Sequence {
    let start: UnsafePointer<UInt8>
    let count: Int

    var underestimatedCount: Int { count }

    func makeIterator() -> UnsafeBufferPointer<UInt8>.Iterator {
        UnsafeBufferPointer(start: start, count: count).makeIterator()
    }

    func _copyContents(initializing target: UnsafeMutableBufferPointer<UInt8>) -> (UnsafeBufferPointer<UInt8>.Iterator, Int) {
        precondition(target.count >= count)
        if count > 0 && UnsafePointer(target.baseAddress!) != start {
            target.baseAddress!.initialize(from: start, count: count)
        }
        return (UnsafeBufferPointer(start: start + count, count: 0).makeIterator(), count)
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
        return out.takeBytes()
    }

    /// The whole output as text (for tests and small graphs).
    public func string(_ graph: CatalogGraph) -> String {
        String(decoding: bytes(graph), as: UTF8.self)
    }
}

import EcoGraph

import Dispatch
import EcoGraph

/// Every node's most written texts (ID, name, description, URLs, aliases) as raw UTF-8 bytes
/// laid end to end in node order in one buffer, each with flags saying whether JSON or XML
/// escaping may change it (a flag not set: the bytes are written as they are). Made once per graph, on all cores, and shared by the writers of
/// one export (`shared(for:)`).
///
/// Why: a node's strings are small heap objects scattered over hundreds of megabytes; the first
/// touch of each (the retain that loads its reference count, then its bytes) is a cache miss, and
/// every writer used to pay it again, and every edge again for its ends' IDs. Here they are read
/// once, and the writers copy sequential bytes, with no retain, escaping only what is flagged
/// (few texts need it). An edge's ends are written from the same table by node index
/// (`CatalogGraph.edgeEndpoints`).
///
/// ```swift
/// let table = NodeTextTable.shared(for: graph)
/// out.appendJSONString(table.id(i))                           // "project:kong", quoted
/// out.appendJSONArray(table, table.urls(i))                   // ["https://…", …]
/// ```
final class NodeTextTable: @unchecked Sendable {  // immutable once made
    /// One text: its bytes (in the table's buffer) and what escaping it may need: a flag is set
    /// when the text holds one of the escaper's stop bytes (`ByteEscaper.changes`), so it can be
    /// set for text that escapes to itself, never clear for text that does not.
    struct Text {
        let bytes: UnsafeBufferPointer<UInt8>
        let flags: UInt8

        static let changedByJSON: UInt8 = 1
        static let changedByXML: UInt8 = 2

        var needsJSONEscaping: Bool { flags & Self.changedByJSON != 0 }
        var needsXMLEscaping: Bool { flags & Self.changedByXML != 0 }
    }

    let nodeCount: Int
    private let bytes: UnsafeMutableBufferPointer<UInt8>
    /// Text `k` is `bytes[start[k]..<start[k + 1]]`.
    private let start: UnsafeMutableBufferPointer<Int>
    private let flags: UnsafeMutableBufferPointer<UInt8>
    /// Node `i`'s texts are `first[i]..<first[i + 1]`: its ID, its name, its description when it
    /// has one, then its URLs from `urlStart[i]`, then its aliases from `aliasStart[i]`.
    private let first: UnsafeMutableBufferPointer<Int32>
    private let urlStart: UnsafeMutableBufferPointer<Int32>
    private let aliasStart: UnsafeMutableBufferPointer<Int32>

    /// - Complexity: O(total length of the texts), spread over the cores.
    init(_ nodes: [Node]) {
        nodeCount = nodes.count
        let count = nodes.count
        let ways = count < 4096 ? 1 : 16
        let parts = (0..<ways).map { w in count * w / ways..<count * (w + 1) / ways }
        // Sizes first (a string's length is in the string itself, so this reads only the nodes
        // and their URL and alias arrays), so that each part can write its texts in place.
        let sizes = ResultBox<(bytes: Int, texts: Int)>(count: ways)
        let base = nodes.withUnsafeBufferPointer { UncheckedSendable($0.baseAddress) }
        DispatchQueue.concurrentPerform(iterations: ways) { w in
            var size = (bytes: 0, texts: 0)
            for i in parts[w] { Self.measure(base.value! + i, into: &size) }
            sizes.put(size, at: w)
        }
        var offsets: [(byte: Int, text: Int)] = []
        var total = (byte: 0, text: 0)
        for size in sizes.values {
            offsets.append(total)
            total = (total.byte + size.bytes, total.text + size.texts)
        }
        bytes = .allocate(capacity: max(total.byte, 1))
        start = .allocate(capacity: total.text + 1)
        flags = .allocate(capacity: max(total.text, 1))
        first = .allocate(capacity: count + 1)
        urlStart = .allocate(capacity: max(count, 1))
        aliasStart = .allocate(capacity: max(count, 1))
        start[0] = 0
        first[count] = Int32(total.text)
        let table = UncheckedSendable(self), places = offsets
        DispatchQueue.concurrentPerform(iterations: ways) { w in
            table.value.fill(parts[w], of: base.value!, at: places[w])
        }
        withExtendedLifetime(nodes) {}  // `base` points into it
    }

    deinit {
        bytes.deallocate()
        start.deallocate()
        flags.deallocate()
        first.deallocate()
        urlStart.deallocate()
        aliasStart.deallocate()
    }

    // MARK: - Reading

    @inline(__always)
    func text(_ k: Int) -> Text {
        precondition(k >= 0 && k &+ 1 < start.count)
        let from = start[k]
        return Text(bytes: UnsafeBufferPointer(start: bytes.baseAddress! + from, count: start[k &+ 1] &- from),
                    flags: flags[k])
    }

    @inline(__always) func id(_ i: Int) -> Text { text(Int(first[i])) }
    @inline(__always) func name(_ i: Int) -> Text { text(Int(first[i]) &+ 1) }

    @inline(__always)
    func description(_ i: Int) -> Text? {
        let k = Int(first[i]) &+ 2
        return k < Int(urlStart[i]) ? text(k) : nil
    }

    /// The text indices of node `i`'s URLs, in order (the first is the primary one).
    @inline(__always) func urls(_ i: Int) -> Range<Int> { Int(urlStart[i])..<Int(aliasStart[i]) }
    /// The text indices of node `i`'s aliases, in order.
    @inline(__always) func aliases(_ i: Int) -> Range<Int> { Int(aliasStart[i])..<Int(first[i &+ 1]) }

    // MARK: - Sharing

    /// The table of `graph`'s nodes, made on the first call and kept for the next callers (the
    /// writers of one export ask for it one after the other or at once; the second waits for
    /// the first). One graph is remembered: the last one asked about.
    static func shared(for graph: CatalogGraph) -> NodeTextTable {
        let nodes = graph.nodes
        return cacheQueue.sync {
            // The remembered array keeps its storage alive, so an equal address is the same array.
            if let (kept, table) = cache, Self.address(kept) == Self.address(nodes) && kept.count == nodes.count {
                return table
            }
            let table = NodeTextTable(nodes)
            cache = (nodes, table)
            return table
        }
    }

    nonisolated(unsafe) private static var cache: ([Node], NodeTextTable)?
    /// Serialises `cache` (a serial queue's `sync` is a lock that needs no Foundation).
    private static let cacheQueue = DispatchQueue(label: "ecograph.NodeTextTable.cache")

    private static func address(_ nodes: [Node]) -> UnsafeRawPointer? {
        nodes.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
    }

    // MARK: - Building

    /// Adds node `n`'s byte and text counts to `size`.
    private static func measure(_ n: UnsafePointer<Node>, into size: inout (bytes: Int, texts: Int)) {
        size.bytes += n.pointee.id.rawValue.utf8.count + n.pointee.name.utf8.count
        size.texts += 2 + n.pointee.urls.count + n.pointee.aliases.count
        if let d = n.pointee.description { size.bytes += d.utf8.count; size.texts += 1 }
        for u in n.pointee.urls { size.bytes += u.utf8.count }
        for a in n.pointee.aliases { size.bytes += a.utf8.count }
    }

    /// Writes the texts of nodes `range` from byte `at.byte` and text `at.text` on, then their
    /// flags (from the copied bytes, in cache).
    ///
    /// The copying calls nothing it cannot see (`put` is inlined), so the compiler reads each
    /// string in place without retaining it: a retain is an atomic operation, and one on a string
    /// not in the cache waits for it before the next can start, where plain loads overlap.
    private func fill(_ range: Range<Int>, of nodes: UnsafePointer<Node>, at: (byte: Int, text: Int)) {
        var byte = at.byte, text = at.text
        for i in range {
            let n = nodes + i
            first[i] = Int32(text)
            put(n.pointee.id.rawValue, &text, &byte)
            put(n.pointee.name, &text, &byte)
            if n.pointee.description != nil { put(n.pointee.description!, &text, &byte) }
            urlStart[i] = Int32(text)
            n.pointee.urls.withUnsafeBufferPointer { urls in
                for k in urls.indices { put(urls[k], &text, &byte) }
            }
            aliasStart[i] = Int32(text)
            n.pointee.aliases.withUnsafeBufferPointer { aliases in
                for k in aliases.indices { put(aliases[k], &text, &byte) }
            }
        }
        // The first text starts at `at.byte`: `start[at.text]` is the previous part's to write,
        // and that part may still be writing.
        var from = at.byte
        for k in at.text..<text {
            let to = start[k + 1]
            let t = UnsafeBufferPointer(start: bytes.baseAddress! + from, count: to - from)
            flags[k] = (OutputBuffer.json.changes(t) ? Text.changedByJSON : 0) | (OutputBuffer.xml.changes(t) ? Text.changedByXML : 0)
            from = to
        }
    }

    /// Copies `s` as text `text`, its bytes from `byte` on, and moves both past it.
    @inline(__always)
    private func put(_ s: borrowing String, _ text: inout Int, _ byte: inout Int) {
        let to = bytes.baseAddress! + byte
        let n: Int? = s.utf8.withContiguousStorageIfAvailable { utf8 in
            if utf8.count > 0 { to.update(from: utf8.baseAddress!, count: utf8.count) }
            return utf8.count
        }
        if let n { byte += n } else {
            var other = copy s
            other.withUTF8 { utf8 in
                if utf8.count > 0 { to.update(from: utf8.baseAddress!, count: utf8.count) }
                byte += utf8.count
            }
        }
        text += 1
        start[text] = byte
    }
}

/// The writers' shared node texts (`NodeTextTable.shared(for:)`), made ahead of the writers.
public enum SharedNodeTexts {
    /// Makes the shared table of `graph` now when a writer of `formats` will ask for it (JSON,
    /// JSON-LD, GraphML, the CSV tables). The table is made with `concurrentPerform`, which runs
    /// serially when nested in another one (the export's jobs are), so an export calls this
    /// first, from the top level, where both of its passes use every core.
    public static func prepare(for formats: [ExportFormat], of graph: CatalogGraph) {
        if formats.contains(where: { [.json, .jsonld, .graphml, .csv].contains($0) }) { _ = NodeTextTable.shared(for: graph) }
    }
}

/// Results of `concurrentPerform` iterations, one slot each (each iteration writes only its own).
private final class ResultBox<T>: @unchecked Sendable {
    private var slots: [T?]
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func put(_ value: T, at i: Int) { slots.withUnsafeMutableBufferPointer { $0[i] = value } }
    var values: [T] { slots.map { $0! } }
}

extension OutputBuffer {
    /// A table text as a JSON string literal, quotes included (the same bytes as
    /// `appendJSONString` of the string it was made from): copied as it is unless flagged.
    @inline(__always)
    mutating func appendJSONString(_ text: NodeTextTable.Text) {
        if text.needsJSONEscaping {
            Self.json.escape(text.bytes, into: &self, quote: 0x22)
            return
        }
        let n = text.bytes.count
        appendInPlace(atMost: n &+ 2) { target in
            target[0] = 0x22
            if n > 0 { OutputBuffer.copy(text.bytes.baseAddress!, to: target + 1, count: n) }
            target[n &+ 1] = 0x22
            return n &+ 2
        }
    }

    /// A table text XML-escaped (the same bytes as `appendXMLEscaped` of the string it was made
    /// from): copied as it is unless flagged.
    @inline(__always)
    mutating func appendXMLEscaped(_ text: NodeTextTable.Text) {
        if text.needsXMLEscaping {
            Self.xml.escape(text.bytes, into: &self)
        } else {
            append(text.bytes)
        }
    }

    /// Table texts `range` as a JSON array of strings (as `appendJSONArray` of their strings).
    mutating func appendJSONArray(_ table: NodeTextTable, _ range: Range<Int>) {
        append(byte: 0x5B)
        for k in range {
            if k > range.lowerBound { append(byte: 0x2C) }
            appendJSONString(table.text(k))
        }
        append(byte: 0x5D)
    }
}

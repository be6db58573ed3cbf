import EcoGraph

/// The file most provenance in a graph names (the catalog's), recognised in a record without
/// copying the record's `String` out of it.
///
/// Nearly every node and edge names the same file, and all of them share one string object.
/// Copying that string out of a record retains the object, and writers on both cores retaining
/// one object make its reference count a cache line the cores take from each other, on every
/// record. Here a location's `file` is compared by its two words, in place: the same words are
/// the same string; other words fall back to the general code (`nil` from `line(in:)`).
struct CatalogFile: @unchecked Sendable {  // immutable; `file` keeps the compared object alive
    let file: String
    private let words: (UInt64, UInt64)

    /// Where `location.file` lies in a `Provenance` (an optional's value starts where the
    /// optional does).
    private static let fileOffset = MemoryLayout<Provenance>.offset(of: \.location)!
        + MemoryLayout<SourceLocation>.offset(of: \.file)!

    init(_ file: String) {
        self.file = file
        words = withUnsafeBytes(of: file) { $0.loadUnaligned(as: (UInt64, UInt64).self) }
    }

    /// The location of `provenance` when its file is this one, else nil (no location, or
    /// another file: use the general code).
    @inline(__always)
    func location(in provenance: UnsafePointer<Provenance>) -> (line: Int, column: Int)? {
        guard provenance.pointee.location != nil,
              UnsafeRawPointer(provenance).loadUnaligned(fromByteOffset: Self.fileOffset, as: (UInt64, UInt64).self) == words
        else { return nil }
        return (provenance.pointee.location.unsafelyUnwrapped.line, provenance.pointee.location.unsafelyUnwrapped.column)
    }
}

extension UnsafePointer<Edge> {
    /// The edge's provenance, in place.
    var provenance: UnsafePointer<Provenance> {
        (UnsafeRawPointer(self) + Self.provenanceOffset).assumingMemoryBound(to: Provenance.self)
    }

    private static let provenanceOffset = MemoryLayout<Edge>.offset(of: \.provenance)!
}

/// Loads the headers of the provenance arrays of a run of nodes in one short loop of independent
/// loads, ahead of writing them: each node's array is a heap object first touched there, and the
/// core waits for these cache misses side by side instead of one per node while writing it
/// (where most of a node's time went). Reads the counts in place, with no retain.
enum ProvenanceWarming {
    /// Nodes per run (a piece of `ParallelRecords` starts at a multiple of it).
    static let run = 32

    /// Warms the run that node `i` of `nodes` starts, when it starts one; writers call it for
    /// every node, in order, before writing it.
    @inline(__always)
    static func ahead(of i: Int, in nodes: UnsafeBufferPointer<Node>) {
        guard i % run == 0 else { return }
        var total = 0
        for k in i..<min(i + run, nodes.count) { total &+= (nodes.baseAddress! + k).pointee.provenance.count }
        keep(total)
    }

    /// `ahead(of: i, in: nodes)` for `node`, node `i` of `count` nodes laid end to end.
    @inline(__always)
    static func ahead(of node: UnsafePointer<Node>, at i: Int, count: Int) {
        ahead(of: i, in: UnsafeBufferPointer(start: node - i, count: count))
    }

    /// Keeps the loads: their sum goes to a function the optimiser cannot see into.
    @_optimize(none) @inline(never)
    private static func keep(_ value: Int) {}
}

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

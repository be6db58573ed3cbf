import EcoGraph

/// Which relation kinds leave and reach each node, one bit per kind (its `order`): most of a
/// row's relation cells are empty (a project has a dozen relation columns and two or three
/// edges), and a bit test says so without a look at the edges.
struct RelationKindsByNode: Sendable {
    private let outgoing: [UInt16]
    private let incoming: [UInt16]

    /// - Complexity: O(n + e).
    init(_ index: GraphIndex) {
        var outgoing = [UInt16](repeating: 0, count: index.nodes.count)
        var incoming = outgoing
        for k in index.edges.indices {
            let bit = Self.bit(index.edges[k].relation)
            let (s, t) = (Int(index.sourceOf[k]), Int(index.targetOf[k]))
            if s >= 0 { outgoing[s] |= bit }
            if t >= 0 { incoming[t] |= bit }
        }
        self.outgoing = outgoing
        self.incoming = incoming
    }

    private static func bit(_ relation: RelationKind) -> UInt16 { 1 << UInt16(relation.order) }

    /// Whether node `i` has a `relation` edge going out (false: it has none).
    func hasOutgoing(_ i: Int, _ relation: RelationKind) -> Bool { outgoing[i] & Self.bit(relation) != 0 }

    /// Whether node `i` has a `relation` edge coming in (false: it has none).
    func hasIncoming(_ i: Int, _ relation: RelationKind) -> Bool { incoming[i] & Self.bit(relation) != 0 }
}

/// The cells of `relations.csv` that mostly repeat from one row to the next (method, file,
/// confidence), encoded when they change instead of on every row.
struct RepeatedCells {
    /// A cell's value and its bytes, kept while rows repeat the value.
    private struct Last<Value: Equatable> {
        var value: Value?
        var bytes: [UInt8] = []

        mutating func append(_ v: Value, raw: Bool, _ text: (Value) -> String, to out: inout OutputBuffer) {
            if v != value {
                value = v
                bytes = RepeatedCells.encode(text(v), raw: raw)
            }
            out.append(contentsOf: bytes)
        }
    }

    private let raw: Bool
    private let methods: CaseTexts<ProvenanceMethod>
    private var file = Last<String>()
    private var confidence = Last<Double>()
    /// The file most rows name, and its cell after a comma.
    private let catalog: CatalogFile
    private let catalogCell: [UInt8]

    init(raw: Bool, catalog: CatalogFile) {
        self.raw = raw
        methods = CaseTexts { method, out in CSVCell.append(method.rawValue, into: &out, raw: raw) }
        self.catalog = catalog
        catalogCell = [0x2C] + Self.encode(catalog.file, raw: raw)
    }

    /// When `provenance` names the catalog's file: `,file` (the cell after a comma), and the
    /// line and column. Nil, writing nothing, otherwise.
    func catalogLocation(in provenance: UnsafePointer<Provenance>, to out: inout OutputBuffer) -> (line: Int, column: Int)? {
        guard let location = catalog.location(in: provenance) else { return nil }
        out.append(contentsOf: catalogCell)
        return location
    }

    fileprivate static func encode(_ text: String, raw: Bool) -> [UInt8] {
        var out = OutputBuffer(capacity: 256)
        CSVCell.append(text, into: &out, raw: raw)
        return out.takeBytes()
    }

    /// The cell `CSVCell.append(method.rawValue)` writes.
    func appendMethod(_ method: ProvenanceMethod, to out: inout OutputBuffer) { methods.append(method, to: &out) }

    /// The cell `CSVCell.append(file)` writes.
    mutating func appendFile(_ file: String, to out: inout OutputBuffer) {
        self.file.append(file, raw: raw, { $0 }, to: &out)
    }

    /// The cell `CSVCell.append(Provenance.format(confidence))` writes.
    mutating func appendConfidence(_ confidence: Double, to out: inout OutputBuffer) {
        self.confidence.append(confidence, raw: raw, Provenance.format, to: &out)
    }
}

/// A lower-cased name to sort rows by, made from the name's UTF-8 bytes: for an ASCII name its
/// first eight lower-cased bytes as one integer and, past those, the bytes themselves, lower-cased
/// as they are compared (for ASCII, `String` order is byte order), so that most comparisons end
/// at the integers and no `String` is made; other names keep their lower-cased `String`.
struct NameSortKey {
    let position: Int
    /// The name's bytes, in a table that outlives the key (`CSVNodeCells`).
    private let name: UnsafeBufferPointer<UInt8>
    /// The first eight bytes of the lower-cased name, big-endian, zero-padded; compared only
    /// when both names are ASCII.
    private let prefix: UInt64
    /// The lower-cased name when it is not ASCII (nil: ASCII).
    private let text: String?

    init(_ name: UnsafeBufferPointer<UInt8>, position: Int) {
        prefix = Self.word(name, from: 0)
        self.name = name
        self.position = position
        text = name.contains { $0 >= 0x80 } ? String(decoding: name, as: UTF8.self).lowercased() : nil
    }

    /// Eight lower-cased bytes of `name` from `start` as one big-endian integer, zero-padded.
    private static func word(_ name: UnsafeBufferPointer<UInt8>, from start: Int) -> UInt64 {
        var word: UInt64 = 0
        for k in start..<start + 8 { word = word << 8 | UInt64(k < name.count ? URLHost.lowerCased(name[k]) : 0) }
        return word
    }

    /// A key's place in a sort: its first sixteen lower-cased bytes inline, so that comparing
    /// two ASCII names that differ there reads no key (a random access, and a retain of its
    /// string). Names of a catalog share their first eight bytes often ("amber-bolt",
    /// "amber-bolt Connect"), their first sixteen far less.
    struct Item {
        let prefix: UInt64
        /// Bytes 8 to 15 of the lower-cased name, as `prefix` holds bytes 0 to 7.
        let next: UInt64
        let key: Int32
        /// Whether the name is ASCII (its bytes order it against another ASCII name's).
        let ascii: Bool

        init(_ sortKey: NameSortKey, key: Int) {
            prefix = sortKey.prefix
            next = sortKey.name.count > 8 ? NameSortKey.word(sortKey.name, from: 8) : 0
            self.key = Int32(key)
            ascii = sortKey.text == nil
        }

        /// `textOrder` of the two keys when their first sixteen bytes decide it (zero-padded
        /// bytes that differ come after the shorter name's end); nil when they do not.
        @inline(__always)
        static func prefixOrder(_ a: Item, _ b: Item) -> Bool? {
            guard a.ascii && b.ascii else { return nil }
            if a.prefix != b.prefix { return a.prefix < b.prefix }
            return a.next != b.next ? a.next < b.next : nil
        }
    }

    /// The lower-cased name as a `String` (made now for an ASCII name).
    private var lowerCasedText: String { text ?? String(decoding: name, as: UTF8.self).lowercased() }

    /// Whether `a`'s lower-cased name sorts before `b`'s (`String` order); nil when they are equal.
    static func textOrder(_ a: NameSortKey, _ b: NameSortKey) -> Bool? {
        guard a.text == nil && b.text == nil else {
            let (x, y) = (a.lowerCasedText, b.lowerCasedText)
            return x == y ? nil : x < y
        }
        if a.prefix != b.prefix { return a.prefix < b.prefix }
        for k in min(8, a.name.count, b.name.count)..<min(a.name.count, b.name.count) {
            let (x, y) = (URLHost.lowerCased(a.name[k]), URLHost.lowerCased(b.name[k]))
            if x != y { return x < y }
        }
        return a.name.count == b.name.count ? nil : a.name.count < b.name.count
    }
}

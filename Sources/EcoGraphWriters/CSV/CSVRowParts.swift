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
    private let methods: [(method: ProvenanceMethod, bytes: [UInt8])]
    private var file = Last<String>()
    private var confidence = Last<Double>()

    init(raw: Bool) {
        self.raw = raw
        methods = ProvenanceMethod.allCases.map { ($0, Self.encode($0.rawValue, raw: raw)) }
    }

    fileprivate static func encode(_ text: String, raw: Bool) -> [UInt8] {
        var out = OutputBuffer(capacity: 256)
        CSVCell.append(text, into: &out, raw: raw)
        return out.takeBytes()
    }

    /// The cell `CSVCell.append(method.rawValue)` writes.
    func appendMethod(_ method: ProvenanceMethod, to out: inout OutputBuffer) {
        for m in methods where m.method == method {
            out.append(contentsOf: m.bytes)
            return
        }
    }

    /// The cell `CSVCell.append(file)` writes.
    mutating func appendFile(_ file: String, to out: inout OutputBuffer) {
        self.file.append(file, raw: raw, { $0 }, to: &out)
    }

    /// The cell `CSVCell.append(Provenance.format(confidence))` writes.
    mutating func appendConfidence(_ confidence: Double, to out: inout OutputBuffer) {
        self.confidence.append(confidence, raw: raw, Provenance.format, to: &out)
    }
}

/// A lower-cased name to sort rows by, with its first eight bytes as one integer when it is
/// ASCII: comparing two ASCII texts is comparing their bytes, so most comparisons end at the
/// integers, without a string comparison.
struct NameSortKey {
    let text: String
    let position: Int
    /// The first eight bytes of `text`, big-endian, zero-padded; compared only when `isASCII`.
    private let prefix: UInt64
    private let isASCII: Bool

    init(_ name: String, position: Int) {
        var text = name.lowercased()
        (prefix, isASCII) = text.withUTF8 { utf8 in
            var prefix: UInt64 = 0
            for k in 0..<8 { prefix = prefix << 8 | UInt64(k < utf8.count ? utf8[k] : 0) }
            return (prefix, !utf8.contains { $0 >= 0x80 })
        }
        self.text = text
        self.position = position
    }

    /// Whether `a`'s text sorts before `b`'s (`String` order); nil when they are equal.
    static func textOrder(_ a: NameSortKey, _ b: NameSortKey) -> Bool? {
        if a.isASCII && b.isASCII && a.prefix != b.prefix { return a.prefix < b.prefix }
        return a.text == b.text ? nil : a.text < b.text
    }
}

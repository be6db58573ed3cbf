import EcoGraph

/// Every node's ID, name and first URL as CSV bytes, encoded once per table set, and list cells of names
/// written from node positions.
///
/// A 200,000-entry set writes each name and ID several times (a project's row, its category
/// row, every relation it is an end of, every list it is named in); deciding quoting and
/// neutralisation once per node, and copying bytes after that, replaces a `String` look-up,
/// a retain and a scan per cell.
///
/// ```swift
/// let cells = CSVNodeCells(NodeTextTable.shared(for: graph), raw: false)
/// cells.appendID(i, to: &out)                          // the same bytes as CSVCell.append(id.rawValue)
/// cells.appendNames([3, 7], to: &out)                  // the same bytes as CSVCell.append(list: [name3, name7])
/// ```
struct CSVNodeCells: Sendable {
    /// What a name's bytes hold that decides how a list cell containing it is written.
    struct Traits: OptionSet, Sendable {
        let rawValue: UInt8
        static let empty = Traits(rawValue: 1)
        static let startsFormula = Traits(rawValue: 2)
        static let leadingSpace = Traits(rawValue: 4)
        static let trailingSpace = Traits(rawValue: 8)
        static let quoteTrigger = Traits(rawValue: 16)
        /// Written as they are, texts without these make a cell of their own bytes.
        static let needsCare: Traits = [.empty, .startsFormula, .leadingSpace, .trailingSpace, .quoteTrigger]

        init(rawValue: UInt8) { self.rawValue = rawValue }

        init(_ utf8: UnsafeBufferPointer<UInt8>) {
            guard let first = utf8.first else {
                self = .empty
                return
            }
            var traits: Traits = []
            if CSVCell.startsFormula(utf8) { traits.insert(.startsFormula) }
            if first == 0x20 { traits.insert(.leadingSpace) }
            if utf8.last == 0x20 { traits.insert(.trailingSpace) }
            if CSVCell.hasQuoteTrigger(utf8) { traits.insert(.quoteTrigger) }
            self = traits
        }
    }

    /// Which of a node's texts a column holds.
    private enum Field: Sendable { case id, name, firstURL }

    /// One text per node (read in the shared `NodeTextTable`), with its traits.
    private struct Column: Sendable {
        let table: NodeTextTable
        let field: Field
        let traits: [Traits]
        let raw: Bool

        init(_ table: NodeTextTable, _ field: Field, raw: Bool) {
            self.table = table
            self.field = field
            self.raw = raw
            traits = (0..<table.nodeCount).map { Traits(Self.text($0, field, in: table)) }
        }

        /// Node `i`'s text (empty for a node with no URL).
        @inline(__always)
        func text(_ i: Int) -> UnsafeBufferPointer<UInt8> { Self.text(i, field, in: table) }

        @inline(__always)
        private static func text(_ i: Int, _ field: Field, in table: NodeTextTable) -> UnsafeBufferPointer<UInt8> {
            switch field {
            case .id: return table.id(i).bytes
            case .name: return table.name(i).bytes
            case .firstURL:
                let urls = table.urls(i)
                return urls.isEmpty ? UnsafeBufferPointer(start: nil, count: 0) : table.text(urls.lowerBound).bytes
            }
        }

        @inline(__always)
        func append(_ i: Int, to out: inout OutputBuffer) { out.append(text(i)) }

        /// The bytes `CSVCell.append(text(i))` writes: the text as it is, unless it needs quotes
        /// or a neutralising quote (rare), when it is written as a list of one (the same rules).
        @inline(__always)
        func appendCell(_ i: Int, to out: inout OutputBuffer) {
            if traits[i].isDisjoint(with: .needsCare) { append(i, to: &out) } else { appendList(CollectionOfOne(i), to: &out) }
        }

        /// The bytes `CSVCell.append(list:)` writes for the texts at `positions`, decided from
        /// each text's `Traits` instead of its bytes.
        func appendList<Positions: Collection<Int>>(_ positions: Positions, to out: inout OutputBuffer) {
            guard let first = positions.first else { return }
            var any: Traits = []
            var last = first
            var allEmpty = true
            for p in positions {
                any.formUnion(traits[p])
                if !traits[p].contains(.empty) { allEmpty = false }
                last = p
            }
            guard !allEmpty else { return }
            // An empty first or last value leaves the separator at that end: "; " starts with
            // no formula and no space, and ends with a space.
            let (head, tail) = (traits[first], traits[last])
            let neutralised = !raw && head.contains(.startsFormula)
            let quoted = head.contains(.leadingSpace) || tail.contains(.empty) || tail.contains(.trailingSpace)
                || any.contains(.quoteTrigger)
            if quoted { out.append(byte: 0x22) }
            if neutralised { out.append(byte: 0x27) }
            var separate = false
            for p in positions {
                if separate { out.append(CSVCell.listSeparatorBytes) }
                separate = true
                if quoted && traits[p].contains(.quoteTrigger) {
                    CSVCell.doubledQuotes.escape(text(p), into: &out)
                } else {
                    append(p, to: &out)
                }
            }
            if quoted { out.append(byte: 0x22) }
        }
    }

    let raw: Bool
    private let texts: NodeTextTable
    private let ids: Column
    private let names: Column
    /// Each node's first URL (its `url` and `link` cells, and its host's).
    private let urls: Column

    /// The cells of `texts`' nodes: their bytes are the table's, in node order (no string of a
    /// node is read again). - Complexity: O(total length of the IDs, names and first URLs).
    init(_ texts: NodeTextTable, raw: Bool) {
        self.raw = raw
        self.texts = texts
        ids = Column(texts, .id, raw: raw)
        names = Column(texts, .name, raw: raw)
        urls = Column(texts, .firstURL, raw: raw)
    }

    /// The cells of `nodes`, from a table of their own.
    init(_ nodes: [Node], raw: Bool) {
        self.init(NodeTextTable(nodes), raw: raw)
    }

    /// Node `i`'s ID as one cell. - Complexity: O(its length).
    func appendID(_ i: Int, to out: inout OutputBuffer) { ids.appendCell(i, to: &out) }

    /// Node `i`'s name as one cell. - Complexity: O(its length).
    func appendName(_ i: Int, to out: inout OutputBuffer) { names.appendCell(i, to: &out) }

    /// Node `i`'s first URL as one cell (nothing when it has none).
    func appendURL(_ i: Int, to out: inout OutputBuffer) { urls.appendCell(i, to: &out) }

    /// Node `i`'s description as one cell (nothing when it has none): `CSVCell.append(description)`.
    func appendDescription(_ i: Int, to out: inout OutputBuffer) {
        if let description = texts.description(i) { CSVCell.append(utf8: description.bytes, into: &out, raw: raw) }
    }

    /// The host of node `i`'s first URL as one cell: `CSVCell.append(URLHost.host(url))`.
    func appendURLHost(_ i: Int, to out: inout OutputBuffer) {
        CSVCell.appendHost(ofURL: urls.text(i), into: &out, raw: raw)
    }

    /// Calls `body` with node `i`'s name as UTF-8 (in place, valid while these cells live).
    func withName<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try body(names.text(i))
    }

    /// The names of the nodes at `positions`, joined with `; ` as one cell: the bytes
    /// `CSVCell.append(list:)` writes for those names (see there for the rules).
    func appendNames(_ positions: [Int], to out: inout OutputBuffer) { names.appendList(positions, to: &out) }
}

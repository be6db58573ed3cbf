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
/// let cells = CSVNodeCells(graph.nodes, raw: false)
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
            if CSVCell.quoteTriggers.occurs(in: utf8) { traits.insert(.quoteTrigger) }
            self = traits
        }
    }

    /// One text per node, with its traits.
    private struct Column: Sendable {
        let texts: NodeTexts
        let traits: [Traits]
        let raw: Bool

        init(_ count: Int, raw: Bool, _ text: @Sendable (Int) -> String) {
            let texts = NodeTexts(parallel: count) { i, out in out.append(text(i)) }
            traits = (0..<count).map { i in texts.withBytes(i, Traits.init) }
            self.texts = texts
            self.raw = raw
        }

        /// The bytes `CSVCell.append(text(i))` writes: the text as it is, unless it needs quotes
        /// or a neutralising quote (rare), when it is written as a list of one (the same rules).
        @inline(__always)
        func appendCell(_ i: Int, to out: inout OutputBuffer) {
            if traits[i].isDisjoint(with: .needsCare) { texts.append(i, to: &out) } else { appendList(CollectionOfOne(i), to: &out) }
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
                    texts.withBytes(p) { CSVCell.doubledQuotes.escape($0, into: &out) }
                } else {
                    texts.append(p, to: &out)
                }
            }
            if quoted { out.append(byte: 0x22) }
        }
    }

    let raw: Bool
    private let ids: Column
    private let names: Column
    /// Each node's first URL (its `url` and `link` cells, and its host's).
    private let urls: Column

    /// - Complexity: O(total length of the IDs and names), on all cores.
    init(_ nodes: [Node], raw: Bool) {
        self.raw = raw
        ids = Column(nodes.count, raw: raw) { nodes[$0].id.rawValue }
        names = Column(nodes.count, raw: raw) { nodes[$0].name }
        urls = Column(nodes.count, raw: raw) { nodes[$0].urls.first ?? "" }
    }

    /// Node `i`'s ID as one cell. - Complexity: O(its length).
    func appendID(_ i: Int, to out: inout OutputBuffer) { ids.appendCell(i, to: &out) }

    /// Node `i`'s name as one cell. - Complexity: O(its length).
    func appendName(_ i: Int, to out: inout OutputBuffer) { names.appendCell(i, to: &out) }

    /// Node `i`'s first URL as one cell (nothing when it has none).
    func appendURL(_ i: Int, to out: inout OutputBuffer) { urls.appendCell(i, to: &out) }

    /// The host of node `i`'s first URL as one cell: `CSVCell.append(URLHost.host(url))`.
    func appendURLHost(_ i: Int, to out: inout OutputBuffer) {
        urls.texts.withBytes(i) { CSVCell.appendHost(ofURL: $0, into: &out, raw: raw) }
    }

    /// Calls `body` with node `i`'s name as UTF-8 (in place, valid while these cells live).
    func withName<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try names.texts.withBytes(i, body)
    }

    /// The names of the nodes at `positions`, joined with `; ` as one cell: the bytes
    /// `CSVCell.append(list:)` writes for those names (see there for the rules).
    func appendNames(_ positions: [Int], to out: inout OutputBuffer) { names.appendList(positions, to: &out) }
}

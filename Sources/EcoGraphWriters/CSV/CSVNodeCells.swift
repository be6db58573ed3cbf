import EcoGraph

/// Every node's ID and name as CSV bytes, encoded once per table set, and list cells of names
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

    let raw: Bool
    /// Node `i`'s ID as one cell.
    private let idCells: NodeTexts
    /// Node `i`'s name as one cell.
    private let nameCells: NodeTexts
    /// Node `i`'s name as it is, for list cells (which quote the joined text as a whole).
    private let names: NodeTexts
    private let traits: [Traits]

    /// - Complexity: O(total length of the IDs and names).
    init(_ nodes: [Node], raw: Bool) {
        self.raw = raw
        idCells = NodeTexts(nodes.count) { i, out in CSVCell.append(nodes[i].id.rawValue, into: &out, raw: raw) }
        nameCells = NodeTexts(nodes.count) { i, out in CSVCell.append(nodes[i].name, into: &out, raw: raw) }
        let names = NodeTexts(nodes.count) { i, out in out.append(nodes[i].name) }
        traits = nodes.indices.map { i in names.withBytes(i, Traits.init) }
        self.names = names
    }

    func appendID(_ i: Int, to out: inout OutputBuffer) { idCells.append(i, to: &out) }

    func appendName(_ i: Int, to out: inout OutputBuffer) { nameCells.append(i, to: &out) }

    /// The names of the nodes at `positions`, joined with `; ` as one cell: the bytes
    /// `CSVCell.append(list:)` writes for those names (see there for the rules), decided from
    /// each name's `Traits` instead of its text.
    func appendNames(_ positions: [Int], to out: inout OutputBuffer) {
        guard let first = positions.first, let last = positions.last else { return }
        var any: Traits = []
        var allEmpty = true
        for p in positions {
            any.formUnion(traits[p])
            if !traits[p].contains(.empty) { allEmpty = false }
        }
        guard !allEmpty else { return }
        // An empty first or last value leaves the separator at that end: "; " starts with no
        // formula and no space, and ends with a space.
        let (head, tail) = (traits[first], traits[last])
        let neutralised = !raw && head.contains(.startsFormula)
        let quoted = head.contains(.leadingSpace) || tail.contains(.empty) || tail.contains(.trailingSpace)
            || any.contains(.quoteTrigger)
        if quoted { out.append(byte: 0x22) }
        if neutralised { out.append(byte: 0x27) }
        for (k, p) in positions.enumerated() {
            if k > 0 { out.append(CSVCell.listSeparatorBytes) }
            if quoted && traits[p].contains(.quoteTrigger) {
                names.withBytes(p) { CSVCell.doubledQuotes.escape($0, into: &out) }
            } else {
                names.append(p, to: &out)
            }
        }
        if quoted { out.append(byte: 0x22) }
    }
}

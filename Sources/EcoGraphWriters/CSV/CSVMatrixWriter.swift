import EcoGraph

/// Writes one comparison table as RFC 4180 CSV: UTF-8, CRLF line ends, a fixed column order,
/// rows in a fixed order, cells quoted where needed and formula-neutralised unless `raw`.
///
/// ```swift
/// let csv = CSVMatrixWriter(.projects).bytes(graph)
/// // id,name,kind,categories,languages,url,repository_host,description,built-on,uses,…
/// // project:kong,Kong,project,API Gateway && API Proxy,Lua,https://getkong.org/,getkong.org,…,Nginx,…
/// ```
///
/// The columns of each table:
/// - `projects`: `id, name, kind, categories, languages, url, repository_host, description`, then
///   one column per semantic relation kind (`built-on` … `part-of`) listing the targets' names
///   joined by `; ` (`alternative-to` both ways). Rows: projects, resources and externals by ID.
/// - `category:NAME`: `name, language, built_on, uses, alternatives, port_of, ports, sub_entries,
///   link, id` for the entries listed in the category or its sub-groups, by name.
/// - `category-language`: `category, parent, entries`, one column per language (by name), and
///   `no language`; a category counts the entries of its sub-groups too. Rows in catalog order.
/// - `relations`: `Source, Target, Type, Label, Relation, Source Name, Target Name, Method, File,
///   Line, Column, Phrase, Confidence, Note, Reference`. Gephi's spreadsheet import reads
///   `Source`, `Target` (node IDs), `Type` (`Directed`/`Undirected`) and `Label`, the rest as
///   edge attributes; Neo4j's `LOAD CSV WITH HEADERS` reads any header (`row.Source`,
///   `row.Relation`, …).
/// - `adjacency`: the entries and externals that take part in a semantic relation, by ID, as rows
///   and columns (headed by name); a cell lists the kinds of the row → column relations.
public struct CSVMatrixWriter: StreamingGraphWriter {
    public var matrix: CSVMatrix
    public var options: CSVOptions

    /// More rows than this make `adjacency` too big to open (n² cells); the CLI refuses it.
    public static let adjacencyLimit = 2_000

    public init(_ matrix: CSVMatrix, options: CSVOptions = CSVOptions()) {
        self.matrix = matrix
        self.options = options
    }

    public func write(_ graph: CatalogGraph, into out: inout OutputBuffer, chunkSize: Int,
                      sink: ([UInt8]) throws -> Void) rethrows {
        try write(Table(index: GraphIndex(graph), raw: options.raw), into: &out, chunkSize: chunkSize, sink: sink)
    }

    /// The UTF-8 byte order mark `options.bom` asks for.
    static func appendBOM(to out: inout OutputBuffer) { out.append(contentsOf: [0xEF, 0xBB, 0xBF]) }

    func write(_ table: Table, into out: inout OutputBuffer, chunkSize: Int = .max,
               sink: ([UInt8]) throws -> Void = { _ in }) rethrows {
        if options.bom { Self.appendBOM(to: &out) }
        // Only the graph-wide tables grow large enough to stream.
        switch matrix {
        case .projects: try table.projects(into: &out, chunkSize: chunkSize, sink: sink)
        case .categoryLanguage: table.categoryLanguage(into: &out)
        case .relations: try table.relations(into: &out, chunkSize: chunkSize, sink: sink)
        case .adjacency: table.adjacency(into: &out)
        case .category, .categoryNamed:
            // An unknown category gives the header alone; the CLI resolves names first and
            // reports unknown ones.
            var c = -1
            if case .category(let id)? = try? matrix.resolved(in: table.index.graph), let p = table.index.position(of: id) { c = p }
            table.category(table.entries(inCategory: c), into: &out)
        }
    }

    /// The rows and columns of `adjacency`: entries and externals that take part in a semantic
    /// relation with another entry or external, by ID. - Complexity: O(n + e).
    public static func adjacencyNodes(_ graph: CatalogGraph) -> [NodeID] {
        Table.adjacencyMembers(GraphIndex(graph)).map { graph.nodes[$0].id }
    }
}

/// The per-table logic, sharing one index and every node's cells.
struct Table: Sendable {
    let index: GraphIndex
    let cells: CSVNodeCells
    var raw: Bool { cells.raw }
    /// `index.nodes`, stored: a computed property would retain and release the array per row.
    private let nodes: [Node]
    private let kinds: RelationKindsByNode
    /// The `kind` cell of each node kind, after its comma.
    private let kindCells: CaseTexts<NodeKind>

    init(index: GraphIndex, cells: CSVNodeCells) {
        self.index = index
        self.cells = cells
        nodes = index.nodes
        kinds = RelationKindsByNode(index)
        kindCells = CaseTexts { [raw = cells.raw] kind, out in
            out.append(byte: 0x2C)
            CSVCell.append(kind.rawValue, into: &out, raw: raw)
        }
    }

    init(index: GraphIndex, raw: Bool) {
        self.init(index: index, cells: CSVNodeCells(NodeTextTable.shared(for: index.graph), raw: raw))
    }

    /// Nil writes what an empty text does: nothing.
    private func cell(optional s: String?, _ out: inout OutputBuffer) {
        out.append(byte: 0x2C)
        if let s { CSVCell.append(s, into: &out, raw: raw) }
    }

    private func cell(list: [String], _ out: inout OutputBuffer) {
        out.append(byte: 0x2C)
        CSVCell.append(list: list, into: &out, raw: raw)
    }

    /// Numbers never need quoting or neutralising.
    private func cell(number: Int, _ out: inout OutputBuffer) {
        out.append(byte: 0x2C)
        out.append(number)
    }

    private func cell(name i: Int, _ out: inout OutputBuffer) {
        out.append(byte: 0x2C)
        cells.appendName(i, to: &out)
    }

    private func cell(url i: Int, _ out: inout OutputBuffer) {
        out.append(byte: 0x2C)
        cells.appendURL(i, to: &out)
    }

    private func header(_ names: [String], _ out: inout OutputBuffer) {
        CSVCell.appendRecord(names, into: &out, raw: raw)
    }

    // MARK: projects

    static let projectColumns = ["id", "name", "kind", "categories", "languages", "url", "repository_host", "description"]
        + RelationKind.semantic.map(\.rawValue)

    func projects(into out: inout OutputBuffer, chunkSize: Int, sink: ([UInt8]) throws -> Void) rethrows {
        header(Self.projectColumns, &out)
        var positions: [Int] = []
        let nodes = self.nodes
        for i in nodes.indices where nodes[i].kind.isEntry || nodes[i].kind == .external {
            projectRow(i, &positions, &out)
            try out.flush(ifOver: chunkSize, to: sink)
        }
    }

    /// Node `i`'s fields are read in place: copying the node would retain all of them.
    private func projectRow(_ i: Int, _ positions: inout [Int], _ out: inout OutputBuffer) {
        cells.appendID(i, to: &out)
        cell(name: i, &out)
        kindCells.append(nodes[i].kind, to: &out)
        relationCell(i, .inCategory, .outgoing, &positions, &out)
        relationCell(i, .writtenIn, .outgoing, &positions, &out)
        cell(url: i, &out)
        out.append(byte: 0x2C)
        cells.appendURLHost(i, to: &out)
        out.append(byte: 0x2C)
        cells.appendDescription(i, to: &out)
        for r in RelationKind.semantic { relationCell(i, r, r.isSymmetric ? .both : .outgoing, &positions, &out) }
        CSVCell.endRecord(into: &out)
    }

    // MARK: category

    enum Direction { case outgoing, incoming, both }

    /// language, built on, uses, alternatives, port of, ports, sub-entries.
    static let categoryRelations: [(RelationKind, Direction)] = [
        (.writtenIn, .outgoing), (.builtOn, .outgoing), (.uses, .outgoing), (.alternativeTo, .both),
        (.portOf, .outgoing), (.portOf, .incoming), (.subEntryOf, .incoming),
    ]

    /// A cell listing the names at the other end of node `i`'s `relation` edges; `positions` is
    /// scratch storage reused across cells.
    private func relationCell(_ i: Int, _ relation: RelationKind, _ direction: Direction, _ positions: inout [Int],
                              _ out: inout OutputBuffer) {
        out.append(byte: 0x2C)
        // Most cells are empty: the masks say so without a look at the edges.
        switch direction {
        case .outgoing:
            guard kinds.hasOutgoing(i, relation) else { return }
            index.targets(of: i, relation, into: &positions)
        case .incoming:
            guard kinds.hasIncoming(i, relation) else { return }
            index.sources(into: i, relation, into: &positions)
        case .both:
            guard kinds.hasOutgoing(i, relation) || kinds.hasIncoming(i, relation) else { return }
            index.neighbours(of: i, relation, into: &positions)
        }
        cells.appendNames(positions, to: &out)
    }

    static let categoryColumns = ["name", "language", "built_on", "uses", "alternatives", "port_of", "ports", "sub_entries", "link", "id"]

    /// The entries listed in category `c` or any of its sub-groups, sorted by name then ID.
    func entries(inCategory c: Int) -> [Int] {
        guard c >= 0 else { return [] }
        var groups: Set<Int> = [c]
        var stack = [c]
        while let g = stack.popLast() {
            for sub in index.sources(into: g, .subcategoryOf) where groups.insert(sub).inserted { stack.append(sub) }
        }
        var members: [Int] = []
        for g in groups.sorted() {
            for k in index.incoming(g) where index.edges[Int(k)].relation == .inCategory {
                let s = Int(index.sourceOf[Int(k)])
                if s >= 0 && nodes[s].kind.isEntry { members.append(s) }
            }
        }
        members.sort()
        var unique: [Int] = []
        for m in members where unique.last != m { unique.append(m) }
        return byName(unique)
    }

    /// `entries(inCategory:)` of every category at once (keyed by position), from one pass over
    /// the `in-category` edges instead of a walk and a scan per category: an entry listed in
    /// group `g` counts in every category `g` reaches by `subcategory-of` edges (`g` included),
    /// which are the categories whose walk down reaches `g`. The entries are sorted by name once,
    /// all together, and visited in that order, so each category's list comes out sorted.
    /// - Complexity: O(e + entries × depth), plus one sort.
    func entriesByCategory() -> [Int: [Int]] {
        // By position, not in a dictionary: one look-up per in-category edge.
        var above = [[Int]?](repeating: nil, count: nodes.count)
        var members = [[Int]](repeating: [], count: nodes.count)
        var lastEntry = [Int](repeating: -1, count: nodes.count)
        for s in byName(nodes.indices.filter(isListed)) {
            for k in index.outgoing(s) where index.edges[k].relation == .inCategory {
                let g = Int(index.targetOf[k])
                guard g >= 0 else { continue }
                if above[g] == nil { above[g] = categories(reachedFrom: g) }
                for c in above[g].unsafelyUnwrapped where lastEntry[c] != s {
                    members[c].append(s)
                    lastEntry[c] = s
                }
            }
        }
        var entries: [Int: [Int]] = [:]
        for c in nodes.indices where nodes[c].kind == .category { entries[c] = members[c] }
        return entries
    }

    /// The categories node `g` reaches by `subcategory-of` edges, `g` included, stopping at cycles.
    private func categories(reachedFrom g: Int) -> [Int] {
        var seen: Set<Int> = [g]
        var stack = [g]
        var reached: [Int] = []
        while let x = stack.popLast() {
            if nodes[x].kind == .category { reached.append(x) }
            for t in index.targets(of: x, .subcategoryOf) where seen.insert(t).inserted { stack.append(t) }
        }
        return reached
    }

    /// `entries` sorted by lower-cased name, then ID.
    func byName(_ entries: [Int]) -> [Int] {
        let keys = entries.map { p in cells.withName(p) { NameSortKey($0, position: p) } }
        // Sorting flat (prefix, key) items moves no strings, and most comparisons end at the
        // items' prefixes without reading a key (a random access each, and a retain of its string).
        var items = keys.indices.map { NameSortKey.Item(keys[$0], key: $0) }
        let nodes = self.nodes  // not `self`: the sort would copy the whole table per merge
        keys.withUnsafeBufferPointer { keys in
            items.sort { a, b in
                if let order = NameSortKey.Item.prefixOrder(a, b) { return order }
                let (x, y) = (Int(a.key), Int(b.key))
                return NameSortKey.textOrder(keys[x], keys[y]) ?? (nodes[keys[x].position].id < nodes[keys[y].position].id)
            }
        }
        return items.map { keys[Int($0.key)].position }
    }

    func category(_ entries: [Int], into out: inout OutputBuffer) {
        header(Self.categoryColumns, &out)
        var positions: [Int] = []
        for i in entries { categoryRow(i, &positions, &out) }
    }

    /// `category(entries)` from rows made by `categoryRows(listed:)`.
    func category(_ entries: [Int], rows: NodeTexts, into out: inout OutputBuffer) {
        header(Self.categoryColumns, &out)
        for i in entries { rows.append(i, to: &out) }
    }

    /// The row in a category table of each entry listed in a category (nothing for other
    /// nodes). A row depends on the entry alone, not on the table, so rows are made once, in
    /// node order and on all cores: written table by table, in name order, they read nodes,
    /// edges and strings all over the heap, one cache miss after another.
    func categoryRows() -> NodeTexts {
        NodeTexts(parallel: nodes.count, scratch: { [Int]() }) { i, positions, out in
            if isListed(i) { categoryRow(i, &positions, &out) }
        }
    }

    /// Whether node `i` is an entry listed in some group (in category tables, when the group is
    /// a category or under one).
    private func isListed(_ i: Int) -> Bool { nodes[i].kind.isEntry && kinds.hasOutgoing(i, .inCategory) }

    private func categoryRow(_ i: Int, _ positions: inout [Int], _ out: inout OutputBuffer) {
        cells.appendName(i, to: &out)
        for (r, direction) in Self.categoryRelations { relationCell(i, r, direction, &positions, &out) }
        cell(url: i, &out)
        out.append(byte: 0x2C)
        cells.appendID(i, to: &out)
        CSVCell.endRecord(into: &out)
    }

    // MARK: category-language

    /// Categories in catalog order (first listing), then by ID.
    func categoriesInCatalogOrder() -> [Int] { Self.categoriesInCatalogOrder(nodes) }

    /// Category positions in the order the catalog lists them (then by ID). Static, for the
    /// Mermaid writer, which needs the order but none of a table's per-node cells.
    static func categoriesInCatalogOrder(_ nodes: [Node]) -> [Int] {
        let cats = nodes.indices.filter { nodes[$0].kind == .category }
        return cats.sorted { a, b in
            let (la, lb) = (nodes[a].provenance.first?.location, nodes[b].provenance.first?.location)
            if la != lb {
                guard let la else { return false }
                guard let lb else { return true }
                return la < lb
            }
            return nodes[a].id < nodes[b].id
        }
    }

    func categoryLanguage(into out: inout OutputBuffer) {
        let categories = categoriesInCatalogOrder()
        let languages = nodes.indices.filter { nodes[$0].kind == .language }
            .sorted { (nodes[$0].name.lowercased(), nodes[$0].id) < (nodes[$1].name.lowercased(), nodes[$1].id) }
        var row = [Int](repeating: -1, count: nodes.count)
        for (r, c) in categories.enumerated() { row[c] = r }
        var column = [Int](repeating: -1, count: nodes.count)
        for (k, l) in languages.enumerated() { column[l] = k }
        let width = languages.count + 1  // + "no language"
        var counts = [Int](repeating: 0, count: categories.count * width)
        var totals = [Int](repeating: 0, count: categories.count)
        // The rows an entry listed in row r's category counts in: r and the rows above it.
        let lineage = categories.map { c in ([c] + index.ancestors(ofCategory: c)).filter { row[$0] >= 0 }.map { row[$0] } }
        // The last entry counted in each row, so that an entry counts once per row.
        var countedEntry = [Int](repeating: -1, count: categories.count)
        var listed: [Int] = []
        var langs: [Int] = []
        for i in nodes.indices where nodes[i].kind.isEntry && kinds.hasOutgoing(i, .inCategory) {
            index.targets(of: i, .inCategory, into: &listed)
            langs.removeAll(keepingCapacity: true)
            for c in listed where row[c] >= 0 {
                for r in lineage[row[c]] where countedEntry[r] != i {
                    countedEntry[r] = i
                    if langs.isEmpty {
                        // The entry's language columns, in place.
                        index.targets(of: i, .writtenIn, into: &langs)
                        var kept = 0
                        for k in langs.indices where column[langs[k]] >= 0 {
                            langs[kept] = column[langs[k]]
                            kept += 1
                        }
                        langs.removeLast(langs.count - kept)
                        if langs.isEmpty { langs.append(languages.count) }
                    }
                    totals[r] += 1
                    for l in langs { counts[r * width + l] += 1 }
                }
            }
        }
        header(["category", "parent", "entries"] + languages.map { nodes[$0].name } + ["no language"], &out)
        for (r, c) in categories.enumerated() {
            cells.appendName(c, to: &out)
            if let parent = index.targets(of: c, .subcategoryOf).first { cell(name: parent, &out) } else { out.append(byte: 0x2C) }
            cell(number: totals[r], &out)
            for k in 0..<width { cell(number: counts[r * width + k], &out) }
            CSVCell.endRecord(into: &out)
        }
    }

    // MARK: relations

    static let relationColumns = ["Source", "Target", "Type", "Label", "Relation", "Source Name", "Target Name",
                                  "Method", "File", "Line", "Column", "Phrase", "Confidence", "Note", "Reference"]

    func relations(into out: inout OutputBuffer, chunkSize: Int, sink: ([UInt8]) throws -> Void) rethrows {
        header(Self.relationColumns, &out)
        let raw = self.raw
        // Type, Label and Relation depend on the relation alone: one text per relation, by `order`.
        let relations = RelationKind.allCases.sorted()
        let relationCells = NodeTexts(relations.count) { order, out in
            let r = relations[order]
            for text in [r.isSymmetric ? "Undirected" : "Directed", r.phrase, r.rawValue] {
                out.append(byte: 0x2C)
                CSVCell.append(text, into: &out, raw: raw)
            }
        }
        var repeated = RepeatedCells(raw: raw, catalog: CatalogFile(index.graph.sources.first ?? ""))
        try index.edges.withUnsafeBufferPointer { edges in
            for k in edges.indices {
                relationRow(k, edges.baseAddress! + k, relationCells, &repeated, &out)
                try out.flush(ifOver: chunkSize, to: sink)
            }
        }
    }

    /// Edge `k`'s fields are read in place: copying the edge would retain all of them.
    private func relationRow(_ k: Int, _ edge: UnsafePointer<Edge>, _ relationCells: NodeTexts,
                             _ repeated: inout RepeatedCells, _ out: inout OutputBuffer) {
        let (s, t) = (Int(index.sourceOf[k]), Int(index.targetOf[k]))
        if s >= 0 { cells.appendID(s, to: &out) } else { CSVCell.append(edge.pointee.source.rawValue, into: &out, raw: raw) }
        out.append(byte: 0x2C)
        if t >= 0 { cells.appendID(t, to: &out) } else { CSVCell.append(edge.pointee.target.rawValue, into: &out, raw: raw) }
        relationCells.append(edge.pointee.relation.order, to: &out)
        out.append(byte: 0x2C)
        if s >= 0 { cells.appendName(s, to: &out) }
        out.append(byte: 0x2C)
        if t >= 0 { cells.appendName(t, to: &out) }
        out.append(byte: 0x2C)
        let p = edge.provenance
        repeated.appendMethod(p.pointee.method, to: &out)
        if let (line, column) = repeated.catalogLocation(in: p, to: &out) {
            cell(number: line, &out)
            cell(number: column, &out)
        } else if let l = p.pointee.location {
            out.append(byte: 0x2C)
            repeated.appendFile(l.file, to: &out)
            cell(number: l.line, &out)
            cell(number: l.column, &out)
        } else {
            out.append(",,,")
        }
        cell(optional: p.pointee.phrase, &out)
        out.append(byte: 0x2C)
        if let c = p.pointee.confidence { repeated.appendConfidence(c, to: &out) }
        cell(optional: p.pointee.note, &out)
        cell(optional: p.pointee.source, &out)
        CSVCell.endRecord(into: &out)
    }

    // MARK: adjacency

    static func isMember(_ kind: NodeKind) -> Bool { kind.isEntry || kind == .external }

    static func adjacencyMembers(_ index: GraphIndex) -> [Int] {
        var member = [Bool](repeating: false, count: index.nodes.count)
        for k in index.edges.indices where !index.edges[k].relation.isStructural {
            let (s, t) = (Int(index.sourceOf[k]), Int(index.targetOf[k]))
            guard s >= 0, t >= 0, isMember(index.nodes[s].kind), isMember(index.nodes[t].kind) else { continue }
            member[s] = true
            member[t] = true
        }
        return member.indices.filter { member[$0] }
    }

    func adjacency(into out: inout OutputBuffer) {
        let members = Self.adjacencyMembers(index)
        var column = [Int](repeating: -1, count: nodes.count)
        for (k, m) in members.enumerated() { column[m] = k }
        header(["from \\ to"] + members.map { nodes[$0].name }, &out)
        var cells = [[RelationKind]](repeating: [], count: members.count)
        for m in members {
            for k in 0..<cells.count { cells[k].removeAll(keepingCapacity: true) }
            for k in index.outgoing(m) where !index.edges[k].relation.isStructural {
                let t = Int(index.targetOf[k])
                if t >= 0, column[t] >= 0, !cells[column[t]].contains(index.edges[k].relation) {
                    cells[column[t]].append(index.edges[k].relation)
                }
            }
            for k in index.incoming(m) where index.edges[Int(k)].relation.isSymmetric {
                let s = Int(index.sourceOf[Int(k)])
                if s >= 0, column[s] >= 0, !cells[column[s]].contains(index.edges[Int(k)].relation) {
                    cells[column[s]].append(index.edges[Int(k)].relation)
                }
            }
            CSVCell.append(nodes[m].name, into: &out, raw: raw)
            for c in cells { cell(list: c.sorted().map(\.rawValue), &out) }
            CSVCell.endRecord(into: &out)
        }
    }
}

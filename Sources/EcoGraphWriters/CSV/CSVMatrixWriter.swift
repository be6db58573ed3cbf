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
        try write(GraphIndex(graph), into: &out, chunkSize: chunkSize, sink: sink)
    }

    func write(_ index: GraphIndex, into out: inout OutputBuffer, chunkSize: Int = .max,
               sink: ([UInt8]) throws -> Void = { _ in }) rethrows {
        if options.bom { out.append(contentsOf: [0xEF, 0xBB, 0xBF]) }
        let table = Table(index: index, raw: options.raw)
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
            if case .category(let id)? = try? matrix.resolved(in: index.graph), let p = index.position(of: id) { c = p }
            table.category(c, into: &out)
        }
    }

    /// The rows and columns of `adjacency`: entries and externals that take part in a semantic
    /// relation with another entry or external, by ID. - Complexity: O(n + e).
    public static func adjacencyNodes(_ graph: CatalogGraph) -> [NodeID] {
        Table.adjacencyMembers(GraphIndex(graph)).map { graph.nodes[$0].id }
    }
}

/// The per-table logic, sharing one index and one cell writer.
struct Table {
    let index: GraphIndex
    let raw: Bool
    /// `index.nodes`, stored: a computed property would retain and release the array per row.
    private let nodes: [Node]

    init(index: GraphIndex, raw: Bool) {
        self.index = index
        self.raw = raw
        nodes = index.nodes
    }

    private func cell(_ s: String, _ out: inout OutputBuffer) {
        out.append(byte: 0x2C)
        CSVCell.append(s, into: &out, raw: raw)
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

    private func header(_ names: [String], _ out: inout OutputBuffer) {
        CSVCell.appendRecord(names, into: &out, raw: raw)
    }

    // MARK: projects

    static let projectColumns = ["id", "name", "kind", "categories", "languages", "url", "repository_host", "description"]
        + RelationKind.semantic.map(\.rawValue)

    func projects(into out: inout OutputBuffer, chunkSize: Int, sink: ([UInt8]) throws -> Void) rethrows {
        header(Self.projectColumns, &out)
        var names: [String] = []
        let nodes = self.nodes
        for i in nodes.indices where nodes[i].kind.isEntry || nodes[i].kind == .external {
            projectRow(nodes[i], i, &names, &out)
            try out.flush(ifOver: chunkSize, to: sink)
        }
    }

    /// `borrowing`: a row reads a few fields; copying the node would retain all of them.
    private func projectRow(_ n: borrowing Node, _ i: Int, _ names: inout [String], _ out: inout OutputBuffer) {
        CSVCell.append(n.id.rawValue, into: &out, raw: raw)
        cell(n.name, &out)
        cell(n.kind.rawValue, &out)
        relationCell(i, .inCategory, .outgoing, &names, &out)
        relationCell(i, .writtenIn, .outgoing, &names, &out)
        let url = n.urls.first
        cell(url ?? "", &out)
        cell(url.map(URLHost.host) ?? "", &out)
        cell(n.description ?? "", &out)
        for r in RelationKind.semantic { relationCell(i, r, r.isSymmetric ? .both : .outgoing, &names, &out) }
        CSVCell.endRecord(into: &out)
    }

    // MARK: category

    enum Direction { case outgoing, incoming, both }

    /// language, built on, uses, alternatives, port of, ports, sub-entries.
    static let categoryRelations: [(RelationKind, Direction)] = [
        (.writtenIn, .outgoing), (.builtOn, .outgoing), (.uses, .outgoing), (.alternativeTo, .both),
        (.portOf, .outgoing), (.portOf, .incoming), (.subEntryOf, .incoming),
    ]

    /// A cell listing the names at the other end of node `i`'s `relation` edges; `names` is
    /// scratch storage reused across cells.
    private func relationCell(_ i: Int, _ relation: RelationKind, _ direction: Direction, _ names: inout [String],
                              _ out: inout OutputBuffer) {
        switch direction {
        case .outgoing: index.targetNames(of: i, relation, into: &names)
        case .incoming: index.sourceNames(into: i, relation, into: &names)
        case .both: index.neighbourNames(of: i, relation, into: &names)
        }
        cell(list: names, &out)
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
        let keys = unique.map { (nodes[$0].name.lowercased(), $0) }
        return keys.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : nodes[$0.1].id < nodes[$1.1].id }.map(\.1)
    }

    func category(_ c: Int, into out: inout OutputBuffer) {
        header(Self.categoryColumns, &out)
        var names: [String] = []
        let nodes = self.nodes
        for i in entries(inCategory: c) { categoryRow(nodes[i], i, &names, &out) }
    }

    private func categoryRow(_ n: borrowing Node, _ i: Int, _ names: inout [String], _ out: inout OutputBuffer) {
        CSVCell.append(n.name, into: &out, raw: raw)
        for (r, direction) in Self.categoryRelations { relationCell(i, r, direction, &names, &out) }
        cell(n.urls.first ?? "", &out)
        cell(n.id.rawValue, &out)
        CSVCell.endRecord(into: &out)
    }

    // MARK: category-language

    /// Categories in catalog order (first listing), then by ID.
    func categoriesInCatalogOrder() -> [Int] {
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
        let ancestors = categories.map { index.ancestors(ofCategory: $0) }
        var seen: [Int] = []
        var langs: [Int] = []
        for i in nodes.indices where nodes[i].kind.isEntry {
            // Every category the entry counts in: where it is listed, and the ones above.
            seen.removeAll(keepingCapacity: true)
            for c in index.targets(of: i, .inCategory) where row[c] >= 0 {
                for x in [c] + ancestors[row[c]] where row[x] >= 0 && !seen.contains(x) { seen.append(x) }
            }
            guard !seen.isEmpty else { continue }
            langs.removeAll(keepingCapacity: true)
            for l in index.targets(of: i, .writtenIn) where column[l] >= 0 { langs.append(column[l]) }
            if langs.isEmpty { langs.append(languages.count) }
            for c in seen {
                totals[row[c]] += 1
                for l in langs { counts[row[c] * width + l] += 1 }
            }
        }
        header(["category", "parent", "entries"] + languages.map { nodes[$0].name } + ["no language"], &out)
        for (r, c) in categories.enumerated() {
            CSVCell.append(nodes[c].name, into: &out, raw: raw)
            cell(index.targets(of: c, .subcategoryOf).first.map { nodes[$0].name } ?? "", &out)
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
        let edges = index.edges
        for k in edges.indices {
            relationRow(edges[k], k, &out)
            try out.flush(ifOver: chunkSize, to: sink)
        }
    }

    private func relationRow(_ e: borrowing Edge, _ k: Int, _ out: inout OutputBuffer) {
        CSVCell.append(e.source.rawValue, into: &out, raw: raw)
        cell(e.target.rawValue, &out)
        cell(e.relation.isSymmetric ? "Undirected" : "Directed", &out)
        cell(e.relation.phrase, &out)
        cell(e.relation.rawValue, &out)
        let (s, t) = (Int(index.sourceOf[k]), Int(index.targetOf[k]))
        cell(s >= 0 ? nodes[s].name : "", &out)
        cell(t >= 0 ? nodes[t].name : "", &out)
        cell(e.provenance.method.rawValue, &out)
        if let l = e.provenance.location {
            cell(l.file, &out)
            cell(number: l.line, &out)
            cell(number: l.column, &out)
        } else {
            out.append(",,,")
        }
        cell(e.provenance.phrase ?? "", &out)
        cell(e.provenance.confidence.map(Provenance.format) ?? "", &out)
        cell(e.provenance.note ?? "", &out)
        cell(e.provenance.source ?? "", &out)
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

import Dispatch
import EcoGraph

/// The whole set of comparison tables `export --format csv -o DIR` writes: `projects.csv`,
/// `category-language.csv`, `relations.csv`, `adjacency.csv` (when the selection is small enough
/// to open, see `CSVMatrixWriter.adjacencyLimit`) and one `category-<slug>.csv` per category.
///
/// ```swift
/// let set = CSVExportSet(graph)
/// for (i, table) in set.tables.enumerated() {
///     try set.write(i) { piece in try append(piece, to: dir + "/" + table.name) }
/// }
/// set.diagnostics   // a warning when adjacency.csv was left out
/// ```
public struct CSVExportSet: Sendable {
    public struct File: Sendable, Hashable {
        public var name: String
        public var bytes: [UInt8]
    }

    /// The tables, in a fixed order: the four graph-wide ones, then the categories by file name.
    public let tables: [(name: String, matrix: CSVMatrix)]
    /// Warnings about tables left out.
    public let diagnostics: [Diagnostic]
    public let options: CSVOptions
    private let table: Table
    /// The rows of each category table (nil for the other tables), found for all at once.
    private let categoryEntries: [[Int]?]
    /// The bytes of each entry's row in the category tables (the same row in every table).
    private let categoryRows: NodeTexts

    /// Decides the tables; they are written one at a time with `write(_:chunkSize:sink:)`, so
    /// that the whole set never has to be in memory at once.
    /// - Complexity: O(n + e).
    public init(_ graph: CatalogGraph, options: CSVOptions = CSVOptions()) {
        let index = GraphIndex(graph)
        var tables: [(name: String, matrix: CSVMatrix)] = [
            (Self.fileName(.projects)!, .projects), (Self.fileName(.categoryLanguage)!, .categoryLanguage),
            (Self.fileName(.relations)!, .relations),
        ]
        var diagnostics: [Diagnostic] = []
        let members = Table.adjacencyMembers(index).count
        if members <= CSVMatrixWriter.adjacencyLimit {
            tables.append((Self.fileName(.adjacency)!, .adjacency))
        } else {
            diagnostics.append(.warning("adjacency-too-large", at: nil,
                "adjacency.csv left out: \(members) entries take part in relations (more than \(CSVMatrixWriter.adjacencyLimit)); narrow the selection with --category, --language or --focus"))
        }
        var categories = Self.categoryFileNames(graph).map { ($0.value, $0.key) }
        categories.sort { $0.0 < $1.0 }
        for (name, id) in categories { tables.append((name, .category(id))) }
        let table = Table(index: index, raw: options.raw)
        // Sorting each category's entries (one core) and making their rows (all cores) do not
        // depend on each other: both at once.
        let (entries, rows) = concurrently({ table.entriesByCategory() }, { table.categoryRows() })
        categoryEntries = tables.map { name, matrix in
            guard case .category(let id) = matrix, let c = index.position(of: id) else { return nil }
            return entries[c]
        }
        categoryRows = rows
        self.tables = tables
        self.diagnostics = diagnostics
        self.options = options
        self.table = table
    }

    /// Writes table `i` of `tables`, in pieces of about `chunkSize` bytes, the last one included.
    /// - Complexity: O(n + e) for the graph-wide tables, O(a²) for an adjacency of a rows.
    public func write(_ i: Int, chunkSize: Int = OutputBuffer.chunkSize, sink: ([UInt8]) throws -> Void) rethrows {
        var out = OutputBuffer(capacity: OutputBuffer.streamingCapacity(chunkSize))
        if let entries = categoryEntries[i] {
            if options.bom { CSVMatrixWriter.appendBOM(to: &out) }
            table.category(entries, rows: categoryRows, into: &out)
        } else {
            try CSVMatrixWriter(tables[i].matrix, options: options).write(table, into: &out, chunkSize: chunkSize, sink: sink)
        }
        if !out.isEmpty { try sink(out.takeBytes()) }
    }

    /// Every table, rendered (for tests and small graphs).
    public var files: [File] {
        tables.indices.map { i in
            var bytes: [UInt8] = []
            write(i, chunkSize: .max) { bytes.append(contentsOf: $0) }
            return File(name: tables[i].name, bytes: bytes)
        }
    }

    /// The file name of a graph-wide table in the set; nil for a category's table (see
    /// `categoryFileNames`).
    public static func fileName(_ matrix: CSVMatrix) -> String? {
        switch matrix {
        case .projects: return "projects.csv"
        case .categoryLanguage: return "category-language.csv"
        case .relations: return "relations.csv"
        case .adjacency: return "adjacency.csv"
        case .category, .categoryNamed: return nil
        }
    }

    /// `category-<slug>.csv` for each category; the slug is made safe for a file name (no `/`,
    /// no leading dot) and made unique with `-2`, `-3`… in ID order.
    public static func categoryFileNames(_ graph: CatalogGraph) -> [NodeID: String] {
        // The set's own tables' names are taken: a category called "Language" gets
        // `category-language-2.csv`, not the category × language table's name.
        var used = Set([CSVMatrix.projects, .categoryLanguage, .relations, .adjacency].compactMap(fileName))
        var names: [NodeID: String] = [:]
        let nodes = graph.nodes
        for i in nodes.indices where nodes[i].kind == .category {
            let id = nodes[i].id
            let base = "category-" + Slug.make(String(id.slug))
            var name = base + ".csv"
            var k = 2
            while !used.insert(name).inserted {
                name = base + "-\(k).csv"
                k += 1
            }
            names[id] = name
        }
        return names
    }
}

import EcoGraph

/// The whole set of comparison tables `export --format csv -o DIR` writes: `projects.csv`,
/// `category-language.csv`, `relations.csv`, `adjacency.csv` (when the selection is small enough
/// to open, see `CSVMatrixWriter.adjacencyLimit`) and one `category-<slug>.csv` per category.
///
/// ```swift
/// let set = CSVExportSet(graph)
/// for file in set.files { try write(file.bytes, to: dir + "/" + file.name) }
/// set.diagnostics   // a warning when adjacency.csv was left out
/// ```
public struct CSVExportSet: Sendable {
    public struct File: Sendable, Hashable {
        public var name: String
        public var bytes: [UInt8]
    }

    /// In a fixed order: the four tables, then the categories by file name.
    public var files: [File]
    /// Warnings about tables left out.
    public var diagnostics: [Diagnostic]

    /// - Complexity: O((n + e) · c) for c categories, plus O(a²) for an adjacency of a rows.
    public init(_ graph: CatalogGraph, options: CSVOptions = CSVOptions()) {
        let index = GraphIndex(graph)
        func render(_ m: CSVMatrix) -> [UInt8] {
            // Per-category tables are small: reserve for the graph-wide ones only.
            var capacity = 1 << 12
            if case .category = m {} else { capacity = max(capacity, graph.nodes.count * 128) }
            var out = OutputBuffer(capacity: capacity)
            CSVMatrixWriter(m, options: options).write(index, into: &out)
            return out.bytes
        }
        var files = [File(name: "projects.csv", bytes: render(.projects)),
                     File(name: "category-language.csv", bytes: render(.categoryLanguage)),
                     File(name: "relations.csv", bytes: render(.relations))]
        var diagnostics: [Diagnostic] = []
        let members = Table.adjacencyMembers(index).count
        if members <= CSVMatrixWriter.adjacencyLimit {
            files.append(File(name: "adjacency.csv", bytes: render(.adjacency)))
        } else {
            diagnostics.append(.warning("adjacency-too-large", at: nil,
                "adjacency.csv left out: \(members) entries take part in relations (more than \(CSVMatrixWriter.adjacencyLimit)); narrow the selection with --category, --language or --focus"))
        }
        var categories = Self.categoryFileNames(graph).map { ($0.value, $0.key) }
        categories.sort { $0.0 < $1.0 }
        for (name, id) in categories {
            files.append(File(name: name, bytes: render(.category(id))))
        }
        self.files = files
        self.diagnostics = diagnostics
    }

    /// `category-<slug>.csv` for each category; the slug is made safe for a file name (no `/`,
    /// no leading dot) and made unique with `-2`, `-3`… in ID order.
    public static func categoryFileNames(_ graph: CatalogGraph) -> [NodeID: String] {
        var used: Set<String> = []
        var names: [NodeID: String] = [:]
        for c in graph.nodes where c.kind == .category {
            let base = "category-" + Slug.make(String(c.id.slug))
            var name = base + ".csv"
            var k = 2
            while !used.insert(name).inserted {
                name = base + "-\(k).csv"
                k += 1
            }
            names[c.id] = name
        }
        return names
    }
}

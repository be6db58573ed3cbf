import EcoGraph

/// The comparison tables `export --format csv` writes, one file each.
///
/// ```swift
/// let m = try CSVMatrix(argument: "category:Message Queue").resolved(in: graph)   // .category(category:message-queue)
/// CSVMatrixWriter(m).bytes(graph)
/// ```
public enum CSVMatrix: Sendable, Hashable {
    /// `projects.csv`: a row per project, resource and external.
    case projects
    /// `category-language.csv`: entries per category (sub-groups rolled up) and language.
    case categoryLanguage
    /// `relations.csv`: the edge list with provenance (Gephi, Neo4j).
    case relations
    /// `adjacency.csv`: entry × entry, the relation kinds in the cell.
    case adjacency
    /// `category-<slug>.csv`: a category's entries and what users compare them by.
    case category(NodeID)
    /// A category given by name, not yet looked up (see `resolved(in:)`).
    case categoryNamed(String)

    /// The names `--matrix` accepts, besides `category:NAME`.
    public static let argumentNames = ["projects", "category-language", "relations", "adjacency", "category:NAME"]

    /// Parses a `--matrix` value: `projects`, `category-language`, `relations`, `adjacency` or
    /// `category:NAME`. Returns nil for anything else.
    public init?(argument: String) {
        switch argument.lowercased() {
        case "projects": self = .projects
        case "category-language": self = .categoryLanguage
        case "relations": self = .relations
        case "adjacency": self = .adjacency
        default:
            guard argument.lowercased().hasPrefix("category:") else { return nil }
            let name = String(argument.dropFirst("category:".count)).trimmingSpaces()
            guard !name.isEmpty else { return nil }
            self = .categoryNamed(name)
        }
    }

    /// Looks up a category given by name (name, alias or ID, case-insensitive).
    /// - Throws: `DiagnosticError` (`unknownName`) with suggestions when no category has that name.
    public func resolved(in graph: CatalogGraph) throws -> CSVMatrix {
        guard case .categoryNamed(let name) = self else { return self }
        let matches = graph.resolveAll(name).filter { $0.kind == .category }
        if let c = matches.first ?? graph.resolve(name).flatMap({ $0.kind == .category ? $0 : nil }) {
            return .category(c.id)
        }
        let all = graph.nodes(ofKind: .category).map(\.name)
        throw DiagnosticError(.error("unknown-name", at: nil, kind: .unknownName,
            "no category named '\(name)'\(didYouMean(Fuzzy.closest(name, among: all, maxDistance: max(2, name.count / 3))))"))
    }
}

/// How cells are written.
public struct CSVOptions: Sendable, Hashable {
    /// Do not neutralise cells that a spreadsheet would read as formulas (for machines).
    public var raw: Bool
    /// Start each file with a UTF-8 byte order mark, so that Excel reads it as UTF-8.
    public var bom: Bool

    public init(raw: Bool = false, bom: Bool = false) {
        self.raw = raw
        self.bom = bom
    }
}

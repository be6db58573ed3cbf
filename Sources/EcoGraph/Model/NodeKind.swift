/// What a node of the catalog graph stands for.
public enum NodeKind: String, CaseIterable, Sendable, Hashable, Comparable, Codable {
    /// A `##` section of the catalog, or a sub-group made by a heading below it or a paragraph label.
    case category
    /// A piece of software (or a format or specification) listed in the catalog.
    case project
    /// An article, wiki, documentation page or community: a link about software, not software.
    case resource
    /// A programming language (canonical name).
    case language
    /// Something a relation names that the catalog does not list (Snowflake, Dapper, Mesos, DPDK).
    case external

    /// Kinds that stand for listed entries.
    public var isEntry: Bool { self == .project || self == .resource }

    private var order: Int {
        switch self {
        case .category: return 0
        case .project: return 1
        case .resource: return 2
        case .language: return 3
        case .external: return 4
        }
    }

    /// Hashes the case, not its raw-value string.
    public func hash(into hasher: inout Hasher) { hasher.combine(order) }
    public static func < (a: NodeKind, b: NodeKind) -> Bool { a.order < b.order }
}

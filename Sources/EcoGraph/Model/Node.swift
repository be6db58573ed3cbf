/// A node of the catalog graph: a category, a listed project or resource, a language, or an
/// external thing a relation names.
public struct Node: Sendable, Hashable, Identifiable {
    public var id: NodeID
    public var kind: NodeKind
    /// The name as the catalog writes it, language prefix removed (`Apache Kafka`).
    public var name: String
    /// Every URL the entry was listed with, in listing order, without repeats; the first is primary.
    public var urls: [String]
    public var description: String?
    /// Other names the entry goes by (overlay, or the spellings it was referred to by).
    public var aliases: [String]
    /// Every place the node was listed or declared, in file order.
    public var provenance: [Provenance]
    /// For categories: the heading level (2 for `##`, …), 0 for a paragraph-label sub-group.
    public var level: Int?
    /// For categories: the level-1 heading the category stands under, if any.
    public var section: String?
    /// True when the overlay says a project has no implementation language (a format, a spec).
    public var noLanguage: Bool
    /// A curator's note from the overlay.
    public var note: String?

    public init(id: NodeID, kind: NodeKind, name: String, urls: [String] = [], description: String? = nil,
                aliases: [String] = [], provenance: [Provenance] = [], level: Int? = nil,
                section: String? = nil, noLanguage: Bool = false, note: String? = nil) {
        self.id = id
        self.kind = kind
        self.name = name
        self.urls = urls
        self.description = description
        self.aliases = aliases
        self.provenance = provenance
        self.level = level
        self.section = section
        self.noLanguage = noLanguage
        self.note = note
    }

    /// The primary URL.
    public var url: String? { urls.first }
}

/// A typed, directed edge. `alternative-to` is symmetric: stored once, read both ways.
public struct Edge: Sendable, Hashable, Comparable {
    public var source: NodeID
    public var target: NodeID
    public var relation: RelationKind
    public var provenance: Provenance

    public init(source: NodeID, target: NodeID, relation: RelationKind, provenance: Provenance) {
        self.source = source
        self.target = target
        self.relation = relation
        self.provenance = provenance
    }

    public static func < (a: Edge, b: Edge) -> Bool {
        if a.source != b.source { return a.source < b.source }
        if a.relation != b.relation { return a.relation < b.relation }
        if a.target != b.target { return a.target < b.target }
        return a.provenance < b.provenance
    }
}

/// The relation vocabulary (see `RELATIONS.md` in the shared folder): one meaning and one
/// direction per kind. "A → B" reads "A <kind> B".
public enum RelationKind: String, CaseIterable, Sendable, Hashable, Comparable, Codable {
    case inCategory = "in-category"
    case subcategoryOf = "subcategory-of"
    case writtenIn = "written-in"
    case subEntryOf = "sub-entry-of"
    case builtOn = "built-on"
    case uses
    case portOf = "port-of"
    case extends
    case inspiredBy = "inspired-by"
    case compatibleWith = "compatible-with"
    case alternativeTo = "alternative-to"
    case toolFor = "tool-for"
    case clientOf = "client-of"
    case documents
    case partOf = "part-of"

    /// `alternative-to` is stored once and shown both ways.
    public var isSymmetric: Bool { self == .alternativeTo }

    /// Relations that come from the catalog's layout rather than from what projects are.
    public var isStructural: Bool {
        switch self {
        case .inCategory, .subcategoryOf, .writtenIn, .subEntryOf: return true
        default: return false
        }
    }

    /// Relations between two entries that say something about what they are (the overlay's and
    /// inference's vocabulary).
    public static let semantic: [RelationKind] = allCases.filter { !$0.isStructural }

    /// How the relation reads in prose, forwards ("Kong is built on Nginx") and backwards.
    public var phrase: String {
        switch self {
        case .inCategory: return "is listed in"
        case .subcategoryOf: return "is a sub-group of"
        case .writtenIn: return "is written in"
        case .subEntryOf: return "is listed under"
        case .builtOn: return "is built on"
        case .uses: return "uses"
        case .portOf: return "is a port of"
        case .extends: return "extends"
        case .inspiredBy: return "is inspired by"
        case .compatibleWith: return "is compatible with"
        case .alternativeTo: return "is an alternative to"
        case .toolFor: return "is a tool for"
        case .clientOf: return "is a client of"
        case .documents: return "documents"
        case .partOf: return "is part of"
        }
    }

    public var inversePhrase: String {
        switch self {
        case .inCategory: return "lists"
        case .subcategoryOf: return "has sub-group"
        case .writtenIn: return "is the language of"
        case .subEntryOf: return "has sub-entry"
        case .builtOn: return "is the base of"
        case .uses: return "is used by"
        case .portOf: return "has port"
        case .extends: return "is extended by"
        case .inspiredBy: return "inspired"
        case .compatibleWith: return "has compatible"
        case .alternativeTo: return "is an alternative to"
        case .toolFor: return "has tool"
        case .clientOf: return "has client"
        case .documents: return "is documented by"
        case .partOf: return "has part"
        }
    }

    /// The declaration order, without allocating `allCases` on every comparison (edges are
    /// sorted and hashed by relation millions of times on a large catalog).
    public var order: Int {
        switch self {
        case .inCategory: return 0
        case .subcategoryOf: return 1
        case .writtenIn: return 2
        case .subEntryOf: return 3
        case .builtOn: return 4
        case .uses: return 5
        case .portOf: return 6
        case .extends: return 7
        case .inspiredBy: return 8
        case .compatibleWith: return 9
        case .alternativeTo: return 10
        case .toolFor: return 11
        case .clientOf: return 12
        case .documents: return 13
        case .partOf: return 14
        }
    }

    public static func < (a: RelationKind, b: RelationKind) -> Bool { a.order < b.order }

    /// Hashes the case, not its raw-value string.
    public func hash(into hasher: inout Hasher) { hasher.combine(order) }
}

/// The curated relations overlay (`graphs/<catalog>.relations.yaml`), as read: every value keeps
/// the place it was written at so that problems point into the YAML.
public struct Overlay: Sendable {
    public struct Located<Value: Sendable & Hashable>: Sendable, Hashable {
        public var value: Value
        public var location: SourceLocation
        public init(_ value: Value, at location: SourceLocation) {
            self.value = value
            self.location = location
        }
    }

    /// Facts about a listed entry: its kind, languages, aliases.
    public struct EntryPatch: Sendable, Hashable {
        public var name: Located<String>
        public var kind: Located<NodeKind>?
        /// nil: keep what the catalog says; `[]`: explicitly no language.
        public var languages: [Located<String>]?
        public var aliases: [String]
        public var note: String?

        public init(name: Located<String>, kind: Located<NodeKind>? = nil, languages: [Located<String>]? = nil,
                    aliases: [String] = [], note: String? = nil) {
            self.name = name
            self.kind = kind
            self.languages = languages
            self.aliases = aliases
            self.note = note
        }
    }

    /// Something relations need that the catalog does not list.
    public struct External: Sendable, Hashable {
        public var name: Located<String>
        public var url: String?
        public var description: String?
        public var aliases: [String]

        public init(name: Located<String>, url: String? = nil, description: String? = nil, aliases: [String] = []) {
            self.name = name
            self.url = url
            self.description = description
            self.aliases = aliases
        }
    }

    /// `from` `relation` `to`, stated (or rejected) by a curator.
    public struct Statement: Sendable, Hashable {
        public var from: Located<String>
        public var relation: Located<RelationKind>
        public var to: Located<String>
        public var note: String?
        public var source: String?
        public var location: SourceLocation

        public init(from: Located<String>, relation: Located<RelationKind>, to: Located<String>,
                    note: String? = nil, source: String? = nil, location: SourceLocation) {
            self.from = from
            self.relation = relation
            self.to = to
            self.note = note
            self.source = source
            self.location = location
        }
    }

    public var file: String
    public var version: Int
    public var entries: [EntryPatch] = []
    public var externals: [External] = []
    public var relations: [Statement] = []
    public var rejects: [Statement] = []

    public init(file: String, version: Int = 1) {
        self.file = file
        self.version = version
    }
}

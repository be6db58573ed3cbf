/// What a catalog reader found in one file, before names are resolved into one graph:
/// headings and bullets with their places. The markdown reader produces it; `GraphBuilder`
/// turns it into a `CatalogGraph`.
public struct ListingDocument: Sendable {
    /// A heading (`##`…`####`) or a paragraph label (`Open Messaging:`) that groups entries.
    public struct Heading: Sendable, Hashable {
        public var name: String
        /// 2…6 for headings, 0 for a paragraph label.
        public var level: Int
        /// The enclosing heading (a `###` under a `##`, a label under its heading).
        public var parent: Int?
        /// The level-1 heading above, if any.
        public var section: String?
        public var location: SourceLocation

        public init(name: String, level: Int, parent: Int?, section: String?, location: SourceLocation) {
            self.name = name
            self.level = level
            self.parent = parent
            self.section = section
            self.location = location
        }
    }

    /// One bullet.
    public struct Listing: Sendable, Hashable {
        /// The link text without its language prefix, or the text of a plain item.
        public var name: String
        /// The language prefix as written (`Golang`), if any.
        public var languagePrefix: String?
        public var url: String?
        public var description: String
        /// Index into `headings` of the heading (or label) it is listed under.
        public var heading: Int
        /// Index into `listings` of the bullet it is nested under.
        public var parent: Int?
        /// True for a bullet without a link (the sub-items under Apache Camel).
        public var isPlain: Bool
        public var location: SourceLocation
        /// Where the description starts, for inferred relations' provenance.
        public var descriptionLocation: SourceLocation

        public init(name: String, languagePrefix: String?, url: String?, description: String, heading: Int,
                    parent: Int?, isPlain: Bool, location: SourceLocation, descriptionLocation: SourceLocation) {
            self.name = name
            self.languagePrefix = languagePrefix
            self.url = url
            self.description = description
            self.heading = heading
            self.parent = parent
            self.isPlain = isPlain
            self.location = location
            self.descriptionLocation = descriptionLocation
        }
    }

    public var file: String
    public var headings: [Heading] = []
    public var listings: [Listing] = []
    /// Warnings the reader found (a language prefix it does not know, …).
    public var diagnostics: [Diagnostic] = []

    public init(file: String) { self.file = file }
}

/// A place in an input file. Lines and columns are 1-based; column counts UTF-8 bytes, as
/// cmark-gfm and most compilers do.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int = 1) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }
}

/// How a node or an edge came to be in the graph.
public enum ProvenanceMethod: String, Sendable, Hashable, Comparable, Codable, CaseIterable {
    /// Read from the catalog's markdown structure: a heading, a bullet, nesting, a prefix.
    case markdown
    /// Stated in the curated relations overlay.
    case overlay
    /// Inferred from a phrase in a description.
    case inferred

    private var order: Int {
        switch self {
        case .markdown: return 0
        case .overlay: return 1
        case .inferred: return 2
        }
    }
    public static func < (a: ProvenanceMethod, b: ProvenanceMethod) -> Bool { a.order < b.order }
}

/// Where a node or edge comes from, and how: every node and edge carries one.
public struct Provenance: Hashable, Sendable, Comparable, Codable {
    public var method: ProvenanceMethod
    public var location: SourceLocation?
    /// The words it was read from: the language prefix as written, the nesting, or the phrase
    /// of the description an inferred relation was found in.
    public var phrase: String?
    /// 0…1 for inferred relations; nil for stated ones.
    public var confidence: Double?
    /// A curator's note (overlay).
    public var note: String?
    /// Where a curator found it (overlay), usually a URL.
    public var source: String?

    public init(method: ProvenanceMethod, location: SourceLocation?, phrase: String? = nil,
                confidence: Double? = nil, note: String? = nil, source: String? = nil) {
        self.method = method
        self.location = location
        self.phrase = phrase
        self.confidence = confidence
        self.note = note
        self.source = source
    }

    public static func markdown(_ location: SourceLocation, _ phrase: String? = nil) -> Provenance {
        Provenance(method: .markdown, location: location, phrase: phrase)
    }

    /// "file:line:col (how)" for people.
    public var summary: String {
        var s = location.map { "\($0)" } ?? "-"
        s += " (\(method.rawValue)"
        if let phrase { s += ": \"\(phrase)\"" }
        if let confidence { s += ", confidence \(Provenance.format(confidence))" }
        s += ")"
        if let note { s += " — \(note)" }
        return s
    }

    public static func format(_ confidence: Double) -> String {
        let hundredths = min(100, max(0, Int((confidence * 100).rounded())))
        if hundredths == 100 { return "1.00" }
        return "0." + (hundredths < 10 ? "0" : "") + String(hundredths)
    }

    public static func < (a: Provenance, b: Provenance) -> Bool {
        if a.location != b.location {
            guard let l = a.location else { return false }
            guard let r = b.location else { return true }
            return l < r
        }
        if a.method != b.method { return a.method < b.method }
        return (a.phrase ?? "") < (b.phrase ?? "")
    }
}

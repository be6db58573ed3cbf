/// How bad a finding is.
public enum Severity: String, Sendable, Hashable, Comparable, Codable, CaseIterable {
    case error, warning, note
    private var order: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (a: Severity, b: Severity) -> Bool { a.order < b.order }
}

/// What kind of failure an error is; the CLI maps each to a fixed exit code (see the README).
public enum FailureKind: String, Sendable, Hashable {
    /// The input is malformed: bad UTF-8, no entries, an overlay that does not parse or names
    /// something unknown. Exit 65.
    case data
    /// An input file is missing or unreadable. Exit 66.
    case noInput
    /// An output could not be written. Exit 73.
    case cantCreate
    /// A capability is missing (a Graphviz plugin) or a size cap was hit. Exit 69.
    case unavailable
    /// A name given on the command line does not resolve. Exit 67.
    case unknownName
}

/// One finding, printed as `file:line:col: severity: message` (swift-format, compilers).
/// The library never prints: diagnostics are returned and the executable writes them.
public struct Diagnostic: Error, Sendable, Hashable, Comparable, CustomStringConvertible {
    public var severity: Severity
    /// Where, when known; `file` alone for file-level problems.
    public var location: SourceLocation?
    public var file: String?
    public var message: String
    /// A stable rule name (`unknown-name`, `duplicate-url`, …) for `--format json|sarif`.
    public var code: String
    public var kind: FailureKind

    public init(_ severity: Severity, at location: SourceLocation?, file: String? = nil, code: String,
                kind: FailureKind = .data, _ message: String) {
        self.severity = severity
        self.location = location
        self.file = file ?? location?.file
        self.message = message
        self.code = code
        self.kind = kind
    }

    public static func error(_ code: String, at location: SourceLocation?, file: String? = nil,
                             kind: FailureKind = .data, _ message: String) -> Diagnostic {
        Diagnostic(.error, at: location, file: file, code: code, kind: kind, message)
    }

    public static func warning(_ code: String, at location: SourceLocation?, file: String? = nil,
                               _ message: String) -> Diagnostic {
        Diagnostic(.warning, at: location, file: file, code: code, message)
    }

    public var description: String {
        let place = location.map { "\($0)" } ?? file ?? "ecograph"
        return "\(place): \(severity.rawValue): \(message)"
    }

    public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
        let la = a.location.map { ($0.file, $0.line, $0.column) } ?? (a.file ?? "", 0, 0)
        let lb = b.location.map { ($0.file, $0.line, $0.column) } ?? (b.file ?? "", 0, 0)
        if la != lb { return la < lb }
        if a.severity != b.severity { return a.severity < b.severity }
        return (a.code, a.message) < (b.code, b.message)
    }
}

/// One or more errors that stopped a read or a write.
public struct DiagnosticError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    public init(_ diagnostic: Diagnostic) { self.diagnostics = [diagnostic] }

    public var kind: FailureKind { diagnostics.first(where: { $0.severity == .error })?.kind ?? .data }
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// "did you mean 'A', 'B' or 'C'?" — empty when there is nothing to suggest.
public func didYouMean(_ suggestions: [String]) -> String {
    guard !suggestions.isEmpty else { return "" }
    let quoted = suggestions.map { "'\($0)'" }
    if quoted.count == 1 { return "; did you mean \(quoted[0])?" }
    return "; did you mean " + quoted.dropLast().joined(separator: ", ") + " or \(quoted.last!)?"
}

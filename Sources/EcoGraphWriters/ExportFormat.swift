/// The registry of export formats: a name, its file extension, and whether it needs a
/// Graphviz layout.
public enum ExportFormat: String, CaseIterable, Sendable {
    case json
    case csv
    case jsonld
    case graphml
    case mermaid

    public var fileExtension: String {
        switch self {
        case .json: return "json"
        case .csv: return "csv"
        case .jsonld: return "jsonld"
        case .graphml: return "graphml"
        case .mermaid: return "mmd"
        }
    }
}

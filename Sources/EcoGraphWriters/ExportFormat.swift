/// The registry of export formats: a name, its file extension, and whether it needs a
/// Graphviz layout.
public enum ExportFormat: String, CaseIterable, Sendable {
    case json

    public var fileExtension: String {
        switch self {
        case .json: return "json"
        }
    }
}

/// The registry of export formats: a name, its file extension, and whether it needs a
/// Graphviz layout.
public enum ExportFormat: String, CaseIterable, Sendable {
    case json
    case dot
    case svg
    case png
    case pdf
    case csv
    case jsonld
    case graphml
    case mermaid

    public var fileExtension: String {
        switch self {
        case .json: return "json"
        case .dot: return "dot"
        case .svg: return "svg"
        case .png: return "png"
        case .pdf: return "pdf"
        case .csv: return "csv"
        case .jsonld: return "jsonld"
        case .graphml: return "graphml"
        case .mermaid: return "mmd"
        }
    }

    /// Formats Graphviz renders from the DOT diagram.
    public var needsLayout: Bool {
        switch self {
        case .svg, .png, .pdf: return true
        default: return false
        }
    }
}

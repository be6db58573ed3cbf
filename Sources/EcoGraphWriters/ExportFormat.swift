/// The registry of export formats: a name, its file extension, and whether it needs a
/// Graphviz layout.
public enum ExportFormat: String, CaseIterable, Sendable {
    case json
    case dot
    case svg
    case png
    case pdf

    public var fileExtension: String {
        switch self {
        case .json: return "json"
        case .dot: return "dot"
        case .svg: return "svg"
        case .png: return "png"
        case .pdf: return "pdf"
        }
    }

    /// Formats Graphviz renders from the DOT diagram.
    public var needsLayout: Bool {
        switch self {
        case .svg, .png, .pdf: return true
        case .json, .dot: return false
        }
    }
}

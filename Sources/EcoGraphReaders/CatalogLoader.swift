import Foundation
import EcoGraph

/// Reads a catalog (markdown, or JSON-LD that ecograph wrote) and its overlay into one graph.
///
/// ```swift
/// let result = try CatalogLoader().load(catalog: "graphs/distributed-architecture.md")
/// result.graph.nodes(ofKind: .category).count
/// ```
public struct CatalogLoader: Sendable {
    /// Which overlay to apply.
    public enum OverlayChoice: Sendable, Equatable {
        /// `X.relations.yaml` beside `X.md`, when it exists.
        case automatic
        case path(String)
        case none
    }

    public var overlay: OverlayChoice
    public var infer: Bool
    /// Return the graph even when the overlay has errors (for `lint`, which reports them all).
    public var lenient: Bool

    public init(overlay: OverlayChoice = .automatic, infer: Bool = true, lenient: Bool = false) {
        self.overlay = overlay
        self.infer = infer
        self.lenient = lenient
    }

    /// - Throws: `DiagnosticError` for unreadable or malformed input, and (unless `lenient`) for
    ///   overlay errors such as unknown names.
    public func load(catalog path: String) throws -> GraphBuilder.Result {
        if JSONLDGraphReader.handles(path) {
            let graph = try JSONLDGraphReader().read(path: path)
            return GraphBuilder.Result(graph: graph, diagnostics: [])
        }
        // Placing runs beside reading (`readAndPlace`): the builder has the file added already.
        let (doc, placed) = try MarkdownCatalogReader().readAndPlace(path: path)
        var builder = consume placed
        var overlayValue: Overlay? = nil
        var overlayErrors: [Diagnostic] = []
        let overlayPath: String?
        switch overlay {
        case .automatic:
            let p = OverlayReader.defaultPath(forCatalog: path)
            overlayPath = FileManager.default.fileExists(atPath: p) ? p : nil
        case .path(let p): overlayPath = p
        case .none: overlayPath = nil
        }
        if let overlayPath {
            do {
                overlayValue = try OverlayReader().read(path: overlayPath)
            } catch let e as DiagnosticError {
                if !lenient || e.kind == .noInput { throw e }
                overlayErrors = e.diagnostics
            }
        }
        var result = builder.finish(overlay: overlayValue, infer: infer)
        Self.releaseInBackground((consume builder, consume doc))
        result.diagnostics = (overlayErrors + result.diagnostics).sorted()
        if !lenient && !result.errors.isEmpty { throw DiagnosticError(result.errors) }
        return result
    }

    /// Drops `garbage` (the builder and the listings, once the graph is made) on another
    /// thread: releasing them reaches every string they share with the graph, a cache miss
    /// each — a tenth of a second at 200,000 entries that would otherwise stand between
    /// building the graph and writing it. The caller must hold no other reference to them.
    private static func releaseInBackground<T>(_ garbage: consuming T) {
        let box = GarbageBox(consume garbage)
        DispatchQueue.global(qos: .utility).async { box.empty() }
    }
}

/// Holds a value until `empty()`, which releases it on the thread that calls it.
private final class GarbageBox<T>: @unchecked Sendable {
    private var value: T?
    init(_ value: consuming T) { self.value = consume value }
    func empty() { value = nil }
}

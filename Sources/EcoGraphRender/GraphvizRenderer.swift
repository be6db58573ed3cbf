internal import CGraphviz
import EcoGraph
import Foundation

/// Lays DOT out and renders it with libgvc, in this process (never by running `dot`).
///
/// Graphviz keeps global state (its error buffer, the layout engines' statics) and crashes
/// when two threads lay out at once, even with a context each, so every call into it takes one
/// process-wide lock. Its messages are collected (`agseterr(AGMAX)`, `aglasterr`) instead of
/// printed, and every object it allocates is freed on every path.
///
/// ```swift
/// let svg = try GraphvizRenderer().render(dot: DOTWriter().bytes(graph), engine: "dot", format: "svg")
/// ```
public struct GraphvizRenderer: Sendable {
    /// Most nodes (and edges) an engine is asked to lay out: beyond these a layout takes
    /// minutes, not seconds (measured: `dot` with clusters 56 s on 20,000 entries; the
    /// force-directed engines are quadratic).
    public static func limits(for engine: String) -> (nodes: Int, edges: Int) {
        switch engine {
        case "dot": return (5_000, 25_000)
        case "neato", "fdp", "circo", "twopi": return (2_000, 10_000)
        default: return (20_000, 100_000)  // sfdp, osage, patchwork
        }
    }

    public init() {}

    /// `dot` laid out by `engine` and rendered as `format` (`svg`, `png`, `pdf`, …).
    /// - Throws: `DiagnosticError` of kind `.unavailable` when Graphviz lacks the engine or the
    ///   format, or the graph is over the engine's size limit; `.data` when the DOT does not
    ///   parse or the layout fails.
    /// - Complexity: that of the engine; `dot` is roughly quadratic in the worst case.
    public func render(dot: [UInt8], engine: String, format: String) throws -> [UInt8] {
        guard !dot.contains(0) else { throw Self.failure(.data, "the DOT text contains a NUL byte") }
        return try Self.locked {
            let context = try Self.openContext()
            defer { gvFreeContext(context) }
            try Self.require(engine, kind: "layout", what: "layout engine", in: context)
            try Self.require(format, kind: "device", what: "output format", in: context)

            let text = dot + [0]
            let parsed: UnsafeMutablePointer<Agraph_t>? = text.withUnsafeBufferPointer { buffer in
                buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { ecograph_memread($0) }
            }
            guard let graph = parsed else {
                throw Self.failure(.data, "Graphviz cannot read the DOT: \(Self.lastError() ?? "syntax error")")
            }
            defer { agclose(graph) }

            let (nodes, edges) = (Int(agnnodes(graph)), Int(agnedges(graph)))
            let limit = Self.limits(for: engine)
            if nodes > limit.nodes || edges > limit.edges {
                throw Self.failure(.unavailable, "the diagram has \(nodes) nodes and \(edges) edges, more than the '\(engine)' engine lays out in reasonable time (\(limit.nodes) nodes, \(limit.edges) edges); use --engine auto, which draws an overview of large catalogs, or select fewer entries with --category, --language or --focus")
            }

            let laidOut = gvLayout(context, graph, engine)
            // Also after a failed layout: it may have allocated part of its data.
            defer { gvFreeLayout(context, graph) }
            guard laidOut == 0 else {
                throw Self.failure(.data, "Graphviz could not lay the diagram out with '\(engine)': \(Self.lastError() ?? "unknown error")")
            }

            var result: UnsafeMutablePointer<CChar>? = nil
            var length: UInt32 = 0
            let status = gvRenderData(context, graph, format, &result, &length)
            defer { if let result { gvFreeRenderData(result) } }
            guard status == 0, let result else {
                throw Self.failure(.data, "Graphviz could not render '\(format)': \(Self.lastError() ?? "unknown error")")
            }
            let bytes = result.withMemoryRebound(to: UInt8.self, capacity: Int(length)) {
                Array(UnsafeBufferPointer(start: $0, count: Int(length)))
            }
            return format == "pdf" ? Self.withFixedPDFDate(bytes) : bytes
        }
    }

    /// The output formats (Graphviz "devices") this installation can write, sorted.
    public static func formats() throws -> [String] { try plugins("device") }

    /// The layout engines this installation has, sorted.
    public static func engines() throws -> [String] { try plugins("layout") }

    private static func plugins(_ kind: String) throws -> [String] {
        try locked {
            let context = try openContext()
            defer { gvFreeContext(context) }
            return list(kind, in: context)
        }
    }

    // MARK: - Graphviz access (call only inside `locked`)

    private static let lock = NSLock()

    private static func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        let previous = agseterr(AGMAX)
        defer { agseterr(previous) }
        _ = agreseterrors()
        return try body()
    }

    private static func openContext() throws -> OpaquePointer {
        guard let context = gvContext() else {
            throw failure(.unavailable, "Graphviz could not start: \(lastError() ?? "no context"); install graphviz and run `dot -c`")
        }
        return context
    }

    private static func list(_ kind: String, in context: OpaquePointer) -> [String] {
        var count: Int32 = 0
        guard let items = gvPluginList(context, kind, &count, nil) else { return [] }
        defer { free(items) }
        var names: [String] = []
        for i in 0..<Int(count) {
            guard let item = items[i] else { continue }
            names.append(String(cString: item))
            free(item)
        }
        return names.sorted()
    }

    private static func require(_ name: String, kind: String, what: String, in context: OpaquePointer) throws {
        let available = list(kind, in: context)
        guard !available.contains(name) else { return }
        let have = available.isEmpty ? "none" : available.joined(separator: ", ")
        throw failure(.unavailable, "Graphviz has no \(what) '\(name)' here (it has: \(have)); install graphviz with its plugins (apt-get install graphviz) and run `dot -c` to register them")
    }

    /// The last error Graphviz recorded since the lock was taken, trimmed.
    private static func lastError() -> String? {
        guard agerrors() > 0, let message = aglasterr() else { return nil }
        defer { free(message) }
        let text = String(cString: message).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }

    private static func failure(_ kind: FailureKind, _ message: String) -> DiagnosticError {
        DiagnosticError(.error("graphviz", at: nil, kind: kind, message))
    }

    /// Cairo stamps a PDF with the time it was made; the same diagram must give the same bytes,
    /// so the stamp becomes 1970-01-01 (same length: the cross-reference offsets stay right).
    static func withFixedPDFDate(_ pdf: [UInt8]) -> [UInt8] {
        let marker = Array("/CreationDate (D:".utf8)
        let fixed = Array("19700101000000".utf8)
        var bytes = pdf
        var i = 0
        while i + marker.count + fixed.count <= bytes.count {
            if bytes[i] == marker[0] && Array(bytes[i..<(i + marker.count)]) == marker {
                let start = i + marker.count
                var j = 0
                while j < fixed.count && (0x30...0x39).contains(bytes[start + j]) {
                    bytes[start + j] = fixed[j]
                    j += 1
                }
                i = start + j
            } else {
                i += 1
            }
        }
        return bytes
    }
}

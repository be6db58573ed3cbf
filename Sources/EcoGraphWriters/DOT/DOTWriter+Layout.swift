import EcoGraph

/// A Graphviz layout engine, or `auto` to let `DOTWriter.planned(for:engine:)` choose.
public enum LayoutEngine: String, CaseIterable, Sendable {
    case auto, dot, neato, fdp, sfdp, circo, twopi, osage
}

extension DOTWriter {
    /// Above this many entries and externals, `auto` draws the overview instead of every entry.
    /// Measured (release build, 2 cores): the detailed `dot` layout of awesome-go (about 2,900
    /// entries) takes about a second; beyond 5,000 entries it would take tens of seconds, and
    /// a picture of that many boxes cannot be read anyway.
    public static let detailedLimit = 4_000

    /// The writer for `engine`. `auto` draws every entry with `dot` (categories as clusters,
    /// tiled by a scaffold) up to `detailedLimit` entries, and the category overview above it.
    /// A named engine always gets the detailed diagram.
    ///
    /// ```swift
    /// let writer = DOTWriter.planned(for: graph, engine: .auto)
    /// writer.mode   // .detailed for the seed, .overview for 20,000 entries
    /// ```
    /// - Complexity: O(n).
    public static func planned(for graph: CatalogGraph, engine: LayoutEngine) -> DOTWriter {
        guard engine == .auto else { return DOTWriter(mode: .detailed, engine: engine) }
        let drawn = graph.nodes.reduce(0) { $0 + ($1.kind.isEntry || $1.kind == .external ? 1 : 0) }
        return drawn <= detailedLimit ? DOTWriter(mode: .detailed, engine: .dot) : DOTWriter(mode: .overview, engine: .dot)
    }
}

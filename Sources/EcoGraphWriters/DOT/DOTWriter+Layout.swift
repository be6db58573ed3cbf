import EcoGraph

/// A Graphviz layout engine, or `auto` to let `DOTWriter.planned(for:engine:)` choose.
public enum LayoutEngine: String, CaseIterable, Sendable {
    case auto, dot, neato, fdp, sfdp, circo, twopi, osage
}

extension DOTWriter {
    /// `auto` lays the diagram out with `dot` — clusters tiled by the scaffold, relations routed
    /// as splines — while there are at most `splineLimit` drawn relations and `detailedLimit`
    /// nodes. dot's cost grows with relations times the ranks they cross (release build, 2
    /// cores: awesome-go, 2,900 entries and 204 relations, about 1.5 s; 2,000 synthetic entries
    /// with 800 relations, 7 s).
    public static let splineLimit = 400

    /// Beyond `splineLimit` relations `auto` uses osage, up to this many entries: clusters
    /// packed in a grid in catalog order, relations as straight lines (2,000 entries: 0.3 s).
    /// Beyond it no picture of every entry can be read, and `auto` draws the category overview
    /// with sfdp.
    public static let detailedLimit = 5_000

    /// The writer for `engine`. `auto` picks by size (see `splineLimit`, `detailedLimit`); a
    /// named engine always gets the detailed diagram.
    ///
    /// ```swift
    /// let writer = DOTWriter.planned(for: graph, engine: .auto)
    /// writer.mode   // .detailed for the seed, .overview for 20,000 entries
    /// ```
    /// - Complexity: O(n + e).
    public static func planned(for graph: CatalogGraph, engine: LayoutEngine) -> DOTWriter {
        guard engine == .auto else { return DOTWriter(mode: .detailed, engine: engine) }
        // By index: `reduce` would copy every `Node`.
        let drawn = graph.nodes.indices.reduce(0) { n, i in graph.nodes[i].kind.isEntry || graph.nodes[i].kind == .external ? n + 1 : n }
        if drawn > detailedLimit { return DOTWriter(mode: .overview, engine: .sfdp) }
        let relations = Diagram.drawnEdges(graph).count
        return DOTWriter(mode: .detailed, engine: relations <= splineLimit ? .dot : .osage)
    }
}

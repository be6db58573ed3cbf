import EcoGraph

/// Graphviz DOT for an ecosystem diagram. Pure Swift: Graphviz lays it out later (in-process,
/// `EcoGraphRender`), or anyone with `dot` can.
///
/// The detailed diagram draws a cluster per category (sub-groups nested inside), each entry
/// once — in its first category in catalog order, with "also in: …" under its name for the
/// others — filled by language from a colour-blind-safe palette, resources as notes, externals
/// dashed, and relations as edges styled by kind. A legend explains colours, shapes and edges.
/// Every node carries `id`, a `tooltip` (the description), a link (http, https and mailto only)
/// and a `class` (`project lang-go cat-message-queue`) that Graphviz copies into the SVG.
///
/// The overview (for catalogs too big to draw entry by entry) draws one node per category,
/// sized by its entries, with the relations between categories aggregated.
///
/// ```swift
/// let dot = DOTWriter().string(graph)                      // detailed, laid out by `dot`
/// let big = DOTWriter.planned(for: graph, engine: .auto)   // picks overview for huge graphs
/// ```
public struct DOTWriter: GraphWriter {
    public enum Mode: String, Sendable, CaseIterable {
        /// Every entry, in category clusters.
        case detailed
        /// One node per top-level category, relations aggregated.
        case overview
    }

    public var mode: Mode
    /// The Graphviz engine the DOT is written for; it goes into the `layout` attribute, so
    /// `dot -Tsvg` on the file lays it out the same way.
    public var engine: LayoutEngine
    /// The diagram's heading; by default the catalog's file name and its size.
    public var title: String?

    public init(mode: Mode = .detailed, engine: LayoutEngine = .dot, title: String? = nil) {
        self.mode = mode
        self.engine = engine == .auto ? .dot : engine
        self.title = title
    }

    public func write(_ graph: CatalogGraph, into out: inout OutputBuffer) {
        switch mode {
        case .detailed: writeDetailed(Diagram(graph), into: &out)
        case .overview: writeOverview(graph, into: &out)
        }
    }

    /// A warning for each link the diagram leaves out because its scheme is not http, https
    /// or mailto. The CLI prints them to standard error.
    /// - Complexity: O(n).
    public func warnings(for graph: CatalogGraph) -> [Diagnostic] {
        guard mode == .detailed else { return [] }
        return graph.nodes.compactMap { n in
            guard n.kind.isEntry || n.kind == .external, let url = n.url, Self.safeLink(url) == nil else { return nil }
            let scheme = url.split(separator: ":", maxSplits: 1).first.map(String.init) ?? url
            return .warning("unsafe-link", at: n.provenance.first?.location,
                            "the diagram does not link '\(n.name)' to '\(url)': only http, https and mailto links are kept (scheme '\(scheme)'); fix the URL in the catalog")
        }.sorted()
    }

    // MARK: - Detailed

    /// Nodes stacked per rank (column) by the layout scaffold: see `writeScaffold`.
    typealias Block = [String]

    private func writeDetailed(_ d: Diagram, into out: inout OutputBuffer) {
        let graph = d.graph
        let entryTotal = graph.nodes.filter { $0.kind.isEntry }.count
        let heading = title ?? "\(Self.stem(graph)) — \(entryTotal) entries in \(d.topLevel.count) categories"
        let perRank = Self.nodesPerRank(d.home.count + d.uncategorized.count + d.externals.count)
        // osage packs clusters in a grid (in catalog order, by `sortv`) and nodes in rows.
        let columns = max(1, Int((Double(d.topLevel.count + 3) * 0.6).squareRoot().rounded()))
        var tuning: [(String, String)] = []
        if engine == .osage { tuning = [("packmode", "array_u\(columns)")] }
        if engine == .dot && d.home.count > 500 {
            // Fewer crossing-reduction and network-simplex passes: awesome-go 2.7 s → 1.5 s,
            // and the scaffold already fixes what those passes would improve.
            tuning = [("mclimit", "0.1"), ("nslimit", "0.5"), ("nslimit1", "0.5"), ("searchsize", "10")]
        }
        writeHeader(heading, extra: tuning, into: &out)
        out.append("  node [shape=\"box\", style=\"rounded,filled\", fillcolor=\"#FFFFFF\", color=\"#444444\", fontname=\"Helvetica\", fontsize=\"10\", height=\"0.28\", margin=\"0.08,0.03\", penwidth=\"0.8\"];\n")
        out.append("  edge [arrowsize=\"0.6\"];\n")

        // Units (top-level clusters, then the loose ones and the legend) are tiled by the
        // scaffold; each is a list of blocks.
        var units: [[Block]] = []
        for top in d.topLevel {
            var blocks: [Block] = []
            writeCategory(top, depth: 1, d, perRank: perRank, blocks: &blocks, into: &out)
            units.append(blocks)
        }
        if !d.uncategorized.isEmpty {
            units.append([writeLooseCluster("_uncategorized", "Not in any category", class: "uncategorized", d.uncategorized, d, into: &out)])
        }
        if !d.externals.isEmpty {
            units.append([writeLooseCluster("_external", "Not in this catalog", class: "external", d.externals, d, into: &out)])
        }
        units.append(writeLegend(d, perRank: perRank, into: &out))

        if engine == .dot { writeScaffold(units, perRank: perRank, into: &out) }

        out.append("  // relations\n")
        for e in d.edges {
            out.append("  ")
            out.appendDOT(e.source.rawValue)
            out.append(" -> ")
            out.appendDOT(e.target.rawValue)
            var attrs = Self.relationAttributes(e, in: graph)
            // The scaffold owns the ranks; relations only get routed.
            if engine == .dot { attrs.append(("constraint", "false")) }
            out.appendDOTAttributes(attrs)
            out.append(";\n")
        }
        out.append("}\n")
    }

    func writeHeader(_ heading: String, extra: [(String, String)] = [], into out: inout OutputBuffer) {
        out.append("digraph \"ecograph\" {\n")
        var attrs: [(String, String)] = [
            ("layout", engine.rawValue), ("charset", "UTF-8"), ("label", heading), ("labelloc", "t"), ("labeljust", "l"),
            ("fontname", "Helvetica-Bold"), ("fontsize", "16"), ("pad", "0.3"), ("class", "ecograph " + mode.rawValue),
        ]
        switch engine {
        case .dot:
            attrs += [("rankdir", "TB"), ("nodesep", "0.1"), ("ranksep", "0.22"), ("splines", "true"),
                      ("outputorder", "edgesfirst")]
        case .neato, .fdp, .sfdp, .circo, .twopi:
            // Straight edges: spline routing around nodes costs these engines minutes on a
            // few hundred nodes (sfdp, 400 nodes: 0.6 s straight, 55 s with splines=true).
            attrs += [("overlap", "prism"), ("sep", "+4"), ("splines", "false"), ("outputorder", "edgesfirst")]
        case .osage, .auto:
            attrs += [("pack", "12"), ("outputorder", "edgesfirst")]
        }
        attrs += extra
        out.append("  graph")
        out.appendDOTAttributes(attrs)
        out.append(";\n")
    }

    /// Writes `category`'s cluster with its sub-groups nested inside, and the blocks it adds to
    /// the scaffold (its own entries, then each sub-group's).
    private func writeCategory(_ category: Node, depth: Int, _ d: Diagram, perRank: Int, blocks: inout [Block], into out: inout OutputBuffer) {
        let indent = String(repeating: "  ", count: depth)
        let entries = d.members[category.id] ?? []
        let subgroups = d.subgroups[category.id] ?? []
        out.append(indent)
        out.append("subgraph ")
        out.appendDOT("cluster_" + category.id.slug)
        out.append(" {\n")
        out.append(indent)
        out.append("  graph")
        var label = category.name
        if depth == 1, let n = d.entryCount[category.id] { label += " · \(n)" }
        let classes = ["category", depth == 1 ? "top-level" : "sub-group", "cat-" + category.id.slug]
        var attrs: [(String, String)] = [
            ("label", label), ("id", category.id.rawValue), ("class", classes.joined(separator: " ")),
            ("tooltip", Self.tooltipText(category.name)), ("style", "rounded,filled"),
            ("fillcolor", depth == 1 ? Palette.clusterFill : Palette.subgroupFill), ("color", Palette.clusterLine),
            ("fontname", "Helvetica-Bold"), ("fontsize", depth == 1 ? "13" : "11"), ("labeljust", "l"),
        ]
        if engine == .osage {
            // No column count: osage makes each cluster about square.
            attrs += [("packmode", "array_u"), ("sortv", String(d.position[category.id] ?? 0))]
        }
        out.appendDOTAttributes(attrs)
        out.append(";\n")
        var own: Block = []
        for entry in entries {
            out.append(indent)
            out.append("  ")
            writeEntry(entry, d, into: &out)
            own.append(entry.id.rawValue)
        }
        if entries.isEmpty && subgroups.isEmpty {
            // Graphviz drops an empty cluster; a placeholder keeps every category visible.
            let placeholder = "_empty:" + category.id.slug
            out.append(indent)
            out.append("  ")
            out.appendDOT(placeholder)
            out.appendDOTAttributes([("label", "(no entries)"), ("shape", "plaintext"), ("style", ""), ("fontcolor", "#777777")])
            out.append(";\n")
            own.append(placeholder)
        }
        if !own.isEmpty { blocks.append(own) }
        for sub in subgroups { writeCategory(sub, depth: depth + 1, d, perRank: perRank, blocks: &blocks, into: &out) }
        out.append(indent)
        out.append("}\n")
    }

    private func writeLooseCluster(_ name: String, _ label: String, class kind: String, _ nodes: [Node], _ d: Diagram,
                                   into out: inout OutputBuffer) -> Block {
        out.append("  subgraph ")
        out.appendDOT("cluster_" + name)
        out.append(" {\n    graph")
        out.appendDOTAttributes([
            ("label", label), ("id", name), ("class", "category " + kind),
            ("style", "rounded,dashed"), ("color", Palette.clusterLine), ("fontname", "Helvetica-Bold"),
            ("fontsize", "13"), ("labeljust", "l"),
        ] + trailingClusterPacking(d))
        out.append(";\n")
        for n in nodes {
            out.append("    ")
            writeEntry(n, d, into: &out)
        }
        out.append("  }\n")
        return nodes.map(\.id.rawValue)
    }

    /// For osage: clusters that are not categories come after them (the legend last), and
    /// their nodes are packed about square.
    private func trailingClusterPacking(_ d: Diagram, last: Bool = false) -> [(String, String)] {
        guard engine == .osage else { return [] }
        return [("packmode", "array_u"), ("sortv", String(d.position.count + (last ? 2 : 1)))]
    }

    /// One entry or external: shape by kind, fill by language, "also in" under the name.
    private func writeEntry(_ n: Node, _ d: Diagram, into out: inout OutputBuffer) {
        out.appendDOT(n.id.rawValue)
        var attrs: [(String, String)] = [("id", n.id.rawValue), ("class", Self.entryClasses(n, in: d))]
        if engine == .osage { attrs.append(("sortv", String(d.position[n.id] ?? 0))) }
        attrs += Self.shape(for: n, languages: (d.languagesOf[n.id] ?? []).map { d.colour[$0.id] ?? Palette.otherLanguage })
        var tip = n.description.map { $0.isEmpty ? n.name : $0 } ?? n.name
        if n.kind == .external { tip = "\(n.name) (not listed in the catalog)" + (n.description.map { ": " + $0 } ?? "") }
        attrs.append(("tooltip", Self.tooltipText(tip)))
        if let url = n.url, let link = Self.safeLink(url) {
            attrs.append(("URL", link))
            attrs.append(("target", "_blank"))
        }
        var html: String? = nil
        if let others = d.alsoIn[n.id], !others.isEmpty {
            html = Self.htmlEscaped(n.name) + "<BR/><FONT POINT-SIZE=\"8\" COLOR=\"#444444\">also in: "
                + Self.htmlEscaped(others.map(\.name).joined(separator: ", ")) + "</FONT>"
        } else {
            attrs.insert(("label", n.name), at: 0)
        }
        out.appendDOTAttributes(attrs, htmlLabel: html)
        out.append(";\n")
    }

    /// Shape and fill for a node kind; projects in several languages are striped.
    static func shape(for n: Node, languages colours: [String]) -> [(String, String)] {
        switch n.kind {
        case .resource:
            return [("shape", "note"), ("style", "filled"), ("fillcolor", "#FFFFFF"), ("fontname", "Helvetica-Oblique")]
        case .external:
            return [("shape", "box"), ("style", "rounded,dashed"), ("color", "#777777"), ("fontcolor", "#444444")]
        default:
            var unique: [String] = []
            for c in colours where !unique.contains(c) { unique.append(c) }
            switch unique.count {
            case 0: return []
            case 1: return [("fillcolor", unique[0])]
            default: return [("style", "striped"), ("fillcolor", unique.joined(separator: ":"))]
            }
        }
    }

    /// The legend cluster: languages (a table), node kinds (sample nodes) and relation kinds
    /// (sample edges) — only what this diagram uses.
    private func writeLegend(_ d: Diagram, perRank: Int, into out: inout OutputBuffer) -> [Block] {
        out.append("  subgraph \"cluster__legend\" {\n    graph")
        out.appendDOTAttributes([("label", "Legend"), ("id", "_legend"), ("class", "legend"), ("style", "rounded"),
                                 ("color", "#888888"), ("fontname", "Helvetica-Bold"), ("fontsize", "13"), ("labeljust", "l")]
                                + trailingClusterPacking(d, last: true))
        out.append(";\n")
        // Samples are nodes of the same height as entries, so no rank grows taller for them.
        func sample(_ id: String, _ label: String, _ attrs: [(String, String)], tooltip: String? = nil) -> String {
            out.append("    ")
            out.appendDOT(id)
            var all = [("label", label), ("id", id), ("class", "legend")] + attrs
            if let tooltip { all.append(("tooltip", Self.tooltipText(tooltip))) }
            out.appendDOTAttributes(all)
            out.append(";\n")
            return id
        }
        var languages: Block = []
        for (i, l) in d.languages.prefix(Palette.languages.count).enumerated() {
            languages.append(sample("_legend:lang:" + l.language.id.slug, "\(l.language.name) · \(l.count)",
                                    [("fillcolor", Palette.languages[i])], tooltip: "written in \(l.language.name): \(l.count) entries"))
        }
        let others = d.languages.dropFirst(Palette.languages.count)
        if !others.isEmpty {
            let names = others.map { "\($0.language.name) \($0.count)" }.joined(separator: ", ")
            languages.append(sample("_legend:lang:other", "other · \(others.reduce(0) { $0 + $1.count })",
                                    [("fillcolor", Palette.otherLanguage)], tooltip: "other languages: " + names))
        }
        if !d.languages.isEmpty {
            languages.append(sample("_legend:lang:none", "no language", []))
            languages.append(sample("_legend:lang:several", "several", [("style", "striped"), ("fillcolor", Palette.languages[0] + ":" + Palette.languages[1])]))
        }
        var kinds: Block = []
        let kindSamples: [(String, String, NodeKind)] = [
            ("_legend:project", "project", .project), ("_legend:resource", "resource (article, docs)", .resource),
            ("_legend:external", "not in the catalog", .external),
        ]
        for (id, label, kind) in kindSamples where kind == .project || d.graph.nodes.contains(where: { $0.kind == kind }) {
            kinds.append(sample(id, label, Self.shape(for: Node(id: NodeID(id), kind: kind, name: label), languages: [])))
        }
        // Languages read in legend order, left to right (dot would otherwise shuffle a row).
        for i in languages.indices.dropLast() where (i + 1) % perRank != 0 {
            writeInvisibleEdge(languages[i], languages[i + 1], flat: true, into: &out)
        }
        var blocks = [kinds, languages].filter { !$0.isEmpty }

        var drawn: [RelationKind] = []
        for e in d.edges where !drawn.contains(e.relation) { drawn.append(e.relation) }
        let pairsPerRow = max(1, perRank / 2)
        let relations = drawn.sorted().filter { Self.edgeStyle($0) != nil }
        var row = 0
        while row * pairsPerRow < relations.count {
            let kindsInRow = relations[(row * pairsPerRow)..<min(relations.count, (row + 1) * pairsPerRow)]
            out.append("    { rank=\"same\";\n")
            var previousPoint: String? = nil
            for r in kindsInRow {
                let from = "_legend:rel:" + r.rawValue, to = from + ":to"
                out.append("  ")
                _ = sample(from, r.rawValue + (r.isSymmetric ? " (both ways)" : ""), [("shape", "plaintext"), ("style", "")],
                           tooltip: "A → B: A \(r.phrase) B")
                out.append("      ")
                out.appendDOT(to)
                out.appendDOTAttributes([("label", ""), ("shape", "point"), ("width", "0.04"), ("style", "invis")])
                out.append(";\n      ")
                out.appendDOT(from)
                out.append(" -> ")
                out.appendDOT(to)
                var attrs = Self.edgeStyle(r)!.attributes + [("class", "legend rel-" + r.rawValue), ("tooltip", r.phrase), ("minlen", "2")]
                if r.isSymmetric { attrs.append(("dir", "none")) }
                out.appendDOTAttributes(attrs)
                out.append(";\n")
                if let previousPoint {
                    // Keeps the pairs of a row in order, left to right.
                    writeInvisibleEdge(previousPoint, from, flat: true, into: &out)
                }
                previousPoint = to
            }
            out.append("    }\n")
            blocks.append(["_legend:rel:" + kindsInRow.first!.rawValue])
            row += 1
        }
        out.append("  }\n")
        return blocks
    }

    /// Invisible edges that fix the ranks (rows, top to bottom) so the clusters tile the page
    /// instead of spreading into one line: each block is a grid of `perRank` nodes per row,
    /// row under row; a block starts under the previous one, row-aligned; and units (top-level
    /// clusters) are stacked into strips of about `height` rows, side by side. Relations are
    /// then drawn with `constraint=false`: routed, but they never pull the tiling apart.
    private func writeScaffold(_ units: [[Block]], perRank: Int, into out: inout OutputBuffer) {
        func ranks(_ b: Block) -> Int { (b.count + perRank - 1) / perRank }
        let total = units.reduce(0) { $0 + $1.reduce(0) { $0 + ranks($1) } }
        let height = Self.stripHeight(ranks: total, perRank: perRank, units: units.count)
        out.append("  // layout scaffold: \(perRank) nodes per row, strips of about \(height) rows\n")
        // rows[strip][rank]: the nodes of that strip on that rank, left to right.
        var rows: [[[String]]] = [[]]
        var previous: Block? = nil
        var used = 0
        for unit in units {
            // A cluster's frame and title take about one row.
            let cost = unit.reduce(0) { $0 + ranks($1) } + 1
            if used > 0 && used + cost > height {
                rows.append([])
                previous = nil
                used = 0
            }
            used += cost
            for block in unit {
                if let previous {
                    // Under the previous block's last row, column by column.
                    let last = Array(previous[((ranks(previous) - 1) * perRank)...])
                    for (i, node) in block.prefix(perRank).enumerated() {
                        writeInvisibleEdge(last[min(i, last.count - 1)], node, into: &out)
                    }
                }
                var k = 0
                while k + perRank < block.count {
                    writeInvisibleEdge(block[k], block[k + perRank], into: &out)
                    k += 1
                }
                var start = 0
                while start < block.count {
                    rows[rows.count - 1].append(Array(block[start..<min(block.count, start + perRank)]))
                    start += perRank
                }
                previous = block
            }
        }
        // Strips share ranks; a flat edge on every shared rank keeps strip i left of strip i+1,
        // so that dot does not interleave their clusters.
        for strip in rows.indices.dropLast() {
            for rank in 0..<min(rows[strip].count, rows[strip + 1].count) {
                guard let a = rows[strip][rank].last, let b = rows[strip + 1][rank].first else { continue }
                writeInvisibleEdge(a, b, flat: true, into: &out)
            }
        }
    }

    /// An invisible edge: to the next rank, or (`flat`) on the same rank, where dot puts its
    /// tail left of its head.
    private func writeInvisibleEdge(_ a: String, _ b: String, flat: Bool = false, into out: inout OutputBuffer) {
        out.append("  ")
        out.appendDOT(a)
        out.append(" -> ")
        out.appendDOT(b)
        // minlen=0 rather than constraint=false: dot keeps a constraining flat edge's order,
        // and would shuffle a non-constraining one.
        out.append(flat ? " [style=\"invis\", minlen=\"0\"];\n" : " [style=\"invis\"];\n")
    }

    /// Nodes per row of a cluster: about √(n/8), 3 to 10 — wider clusters for bigger catalogs.
    static func nodesPerRank(_ nodes: Int) -> Int {
        max(3, min(10, Int((Double(nodes) / 8).squareRoot().rounded())))
    }

    /// Rows per strip for a page about twice as wide as high: a strip is `perRank` nodes
    /// of about 1.3 in wide, a row 0.55 in high, and each cluster adds about a row of frame.
    static func stripHeight(ranks: Int, perRank: Int, units: Int) -> Int {
        let rows = Double(ranks + units)
        let stripWidth = Double(perRank) * 1.3 + 0.5
        let strips = max(1.0, (2.0 * rows * 0.55 / stripWidth).squareRoot().rounded())
        return max(1, Int((rows / strips).rounded(.up)))
    }

    /// The catalog's file name without folder and extension.
    static func stem(_ graph: CatalogGraph) -> String {
        guard let path = graph.sources.first else { return "catalog" }
        let file = path.split(separator: "/").last.map(String.init) ?? path
        if let dot = file.lastIndex(of: "."), dot != file.startIndex { return String(file[..<dot]) }
        return file
    }

    /// Breaks `text` at spaces into lines of at most about `width` characters.
    static func wrap(_ text: String, width: Int) -> String {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty && line.count + word.count + 1 > width {
                lines.append(line)
                line = ""
            }
            line += line.isEmpty ? String(word) : " " + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines.joined(separator: "\n")
    }
}

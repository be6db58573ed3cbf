import EcoGraph

extension DOTWriter {
    /// At most this many aggregated edges per category in the overview, strongest first: a
    /// picture of 400 categories with every pair joined says nothing.
    static let overviewEdgesPerCategory = 3

    /// One node per top-level category — area by entry count, fill by its most common language
    /// — and one edge per pair of categories that relations join, as wide as their number.
    func writeOverview(_ graph: CatalogGraph, into out: inout OutputBuffer) {
        let d = Diagram(graph)
        var top: [NodeID: NodeID] = [:]
        for c in d.topLevel { top[c.id] = c.id }
        var stack = d.topLevel.map { ($0.id, $0.id) }
        while let (id, root) = stack.popLast() {
            for sub in d.subgroups[id] ?? [] where top[sub.id] == nil {
                top[sub.id] = root
                stack.append((sub.id, root))
            }
        }
        func category(of entry: NodeID) -> NodeID? { d.home[entry].flatMap { top[$0] } }

        // The most common language of each category, for its fill.
        var languageCounts: [NodeID: [NodeID: Int]] = [:]
        for (entry, home) in d.home.sorted(by: { $0.key < $1.key }) {
            guard let root = top[home] else { continue }
            for l in d.languagesOf[entry] ?? [] { languageCounts[root, default: [:]][l.id, default: 0] += 1 }
        }

        // Relations between categories, aggregated by kind.
        struct Pair: Hashable, Comparable {
            var a: NodeID, b: NodeID
            static func < (x: Pair, y: Pair) -> Bool { (x.a, x.b) < (y.a, y.b) }
        }
        var byPair: [Pair: [RelationKind: Int]] = [:]
        for e in d.edges where e.relation != .subEntryOf {
            guard let a = category(of: e.source), let b = category(of: e.target), a != b else { continue }
            let p = e.relation.isSymmetric && b < a ? Pair(a: b, b: a) : Pair(a: a, b: b)
            byPair[p, default: [:]][e.relation, default: 0] += 1
        }
        var ranked: [(Pair, Int)] = []
        for (pair, kinds) in byPair { ranked.append((pair, kinds.values.reduce(0, +))) }
        ranked.sort { (x: (Pair, Int), y: (Pair, Int)) -> Bool in x.1 != y.1 ? x.1 > y.1 : x.0 < y.0 }
        var perCategory: [NodeID: Int] = [:]
        var kept: [(Pair, Int)] = []
        for (p, n) in ranked {
            // Keep an edge while either end still has room: every category keeps its strongest links.
            if (perCategory[p.a] ?? 0) < Self.overviewEdgesPerCategory || (perCategory[p.b] ?? 0) < Self.overviewEdgesPerCategory {
                kept.append((p, n))
                perCategory[p.a, default: 0] += 1
                perCategory[p.b, default: 0] += 1
            }
        }
        kept.sort { $0.0 < $1.0 }

        let entries = graph.nodes.filter { $0.kind.isEntry }.count
        var heading = title ?? "\(Self.stem(graph)) — overview of \(entries) entries in \(d.topLevel.count) categories"
        if title == nil {
            heading += "\nToo many entries to draw one by one: a node per category (area = entries, fill = most common language), edges = relations between categories (width = count; the \(Self.overviewEdgesPerCategory) strongest per category). Use --category or --focus to see entries."
        }
        writeHeader(heading, into: &out)
        out.append("  node [shape=\"box\", style=\"rounded,filled\", color=\"#444444\", fontname=\"Helvetica\", penwidth=\"0.8\"];\n")
        out.append("  edge [arrowsize=\"0.7\", color=\"#555555\"];\n")
        for c in d.topLevel {
            let n = d.entryCount[c.id] ?? 0
            let counts = (languageCounts[c.id] ?? [:]).sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            let fill = counts.first.flatMap { d.colour[$0.key] } ?? Palette.noLanguage
            let languages = counts.prefix(5).map { "\(graph.node($0.key)?.name ?? $0.key.rawValue) \($0.value)" }
            var tip = "\(c.name): \(n) entries"
            if !languages.isEmpty { tip += "; " + languages.joined(separator: ", ") }
            let scale = Double(n).squareRoot()
            out.append("  ")
            out.appendDOT(c.id.rawValue)
            out.appendDOTAttributes([
                ("label", "\(c.name)\n\(n)"), ("id", c.id.rawValue), ("class", "category top-level cat-" + c.id.slug),
                ("tooltip", Self.tooltipText(tip)), ("fillcolor", fill),
                ("fontsize", Self.decimal(min(30, 9 + 1.2 * scale))),
                ("width", Self.decimal(0.6 + 0.12 * scale)), ("height", Self.decimal(0.3 + 0.06 * scale)),
            ])
            out.append(";\n")
        }
        for (p, n) in kept {
            let kinds = (byPair[p] ?? [:]).sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            let names = (graph.node(p.a)?.name ?? p.a.rawValue, graph.node(p.b)?.name ?? p.b.rawValue)
            let breakdown = kinds.map { "\($0.value) \($0.key.rawValue)" }.joined(separator: ", ")
            var attrs: [(String, String)] = [
                ("penwidth", Self.decimal(0.8 + 1.2 * log2(Double(n)))), ("class", "relation aggregated"),
                ("tooltip", Self.tooltipText("\(names.0) → \(names.1): \(breakdown)")),
            ]
            if let dominant = kinds.first?.key, let style = Self.edgeStyle(dominant) { attrs.append(("color", style.colour)) }
            if kinds.allSatisfy({ $0.key.isSymmetric }) { attrs.append(("dir", "none")) }
            out.append("  ")
            out.appendDOT(p.a.rawValue)
            out.append(" -> ")
            out.appendDOT(p.b.rawValue)
            out.appendDOTAttributes(attrs)
            out.append(";\n")
        }
        out.append("}\n")
    }

    /// `x` with two decimals and no exponent, the same on every machine.
    static func decimal(_ x: Double) -> String {
        let hundredths = Int((x * 100).rounded())
        let frac = abs(hundredths % 100)
        return "\(hundredths / 100).\(frac < 10 ? "0" : "")\(frac)"
    }

    private func log2(_ x: Double) -> Double {
        var v = x, n = 0.0
        while v >= 2 { v /= 2; n += 1 }
        return n + (v - 1)  // piecewise-linear: close enough for a line width, and no Foundation
    }
}

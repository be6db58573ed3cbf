import EcoGraph

extension DOTWriter {
    /// At most this many aggregated edges per category in the overview, strongest first: a
    /// picture of 400 categories with every pair joined says nothing.
    static let overviewEdgesPerCategory = 3

    /// What the overview draws, worked out on integer node indices (see `IndexedGraph`) in a few
    /// passes over the nodes and edges: the same categories, counts, fills and relations the
    /// detailed `Diagram` gives, without building it (a `NodeID`-keyed `Diagram` of 200,000
    /// entries took seconds).
    struct Overview {
        /// Two top-level categories (node indices, so ordered by ID).
        struct Pair: Hashable, Comparable {
            var a: Int, b: Int
            static func < (x: Pair, y: Pair) -> Bool { (x.a, x.b) < (y.a, y.b) }
        }

        /// Top-level categories, in catalog order.
        var topLevel: [Int] = []
        /// Entries per top-level category (by node index), counting sub-groups, each entry once.
        var entryCount: [Int]
        /// Per top-level category, its entries (those drawn in it) by language.
        var languageCounts: [Int: [Int: Int]] = [:]
        /// The fill of each language, by its rank in the detailed diagram's legend.
        var colour: [Int: String] = [:]
        /// Relations between categories by kind: one per drawn pair of entries (and kind) whose
        /// clusters are in different top-level categories; `alternative-to` per unordered pair.
        var byPair: [Pair: [RelationKind: Int]] = [:]

        /// - Complexity: O(n + e) expected, plus sorting the categories and languages.
        init(_ g: IndexedGraph) {
            let nodes = g.graph.nodes, kinds = g.kinds
            let categories = g.readingOrder(nodes.indices.filter { kinds[$0] == .category })
            var categoryRank = [Int](repeating: .max, count: nodes.count)
            for (r, c) in categories.enumerated() { categoryRank[c] = r }
            let parent = g.categoryParents()
            topLevel = categories.filter { parent[$0] < 0 }

            // Each category's top-level category (-1 under a cycle or a parent that is not a
            // category) and its distance to it.
            var root = [Int](repeating: -1, count: nodes.count)
            var depth = [Int](repeating: 0, count: nodes.count)
            for c in categories {
                var top = c, hops = 0
                while parent[top] >= 0 && hops <= categories.count { top = parent[top]; hops += 1 }
                if parent[top] < 0 && kinds[top] == .category { root[c] = top; depth[c] = hops }
            }

            // An entry is drawn in its first category in catalog order and counts once in each
            // top-level category above any of its categories (at most 64 levels up). Edges are
            // sorted by source, so an entry's edges are adjacent: `countedFor` remembers the
            // entry a top-level category last counted.
            var home = [Int](repeating: -1, count: nodes.count)
            var countedFor = [Int](repeating: -1, count: nodes.count)
            entryCount = [Int](repeating: 0, count: nodes.count)
            for k in g.relations.indices where g.relations[k] == .inCategory {
                let s = g.sources[k], t = g.targets[k]
                guard s >= 0, t >= 0, kinds[s].isEntry, categoryRank[t] != .max else { continue }
                if home[s] < 0 || categoryRank[t] < categoryRank[home[s]] { home[s] = t }
                let top = root[t]
                if top >= 0 && depth[t] <= 64 && countedFor[top] != s {
                    countedFor[top] = s
                    entryCount[top] += 1
                }
            }
            let drawnIn = home.map { $0 < 0 ? -1 : root[$0] }

            var perLanguage = [Int](repeating: 0, count: nodes.count)
            for k in g.relations.indices where g.relations[k] == .writtenIn {
                let s = g.sources[k], l = g.targets[k]
                guard s >= 0, l >= 0, kinds[s].isEntry else { continue }
                perLanguage[l] += 1
                if drawnIn[s] >= 0 { languageCounts[drawnIn[s], default: [:]][l, default: 0] += 1 }
            }
            let languages = perLanguage.indices.filter { perLanguage[$0] > 0 }
                .sorted { Diagram.legendOrder((nodes[$0], perLanguage[$0]), (nodes[$1], perLanguage[$1])) }
            for (i, l) in languages.enumerated() { colour[l] = Diagram.languageColour(rank: i) }

            // Semantic relations, each drawn (pair, kind) once, as `Diagram.drawnEdges` keeps
            // them; only entries have a category, so both ends are drawn. Edges are sorted by
            // (source, relation, target), so the copies of a directed relation (one per
            // provenance) are adjacent; only `alternative-to`, stated either way, needs a set.
            struct Key: Hashable { var a: Int, b: Int, relation: RelationKind }
            var previous: Key? = nil
            var undirected = Set<Key>()
            for k in g.relations.indices where !g.relations[k].isStructural {
                let s = g.sources[k], t = g.targets[k], relation = g.relations[k]
                guard s >= 0, t >= 0, s != t else { continue }
                let a = drawnIn[s], b = drawnIn[t]
                guard a >= 0, b >= 0, a != b else { continue }
                let key = Key(a: s, b: t, relation: relation)
                if key == previous { continue }
                previous = key
                if relation.isSymmetric && !undirected.insert(Key(a: min(s, t), b: max(s, t), relation: relation)).inserted { continue }
                let p = relation.isSymmetric && b < a ? Pair(a: b, b: a) : Pair(a: a, b: b)
                byPair[p, default: [:]][relation, default: 0] += 1
            }
        }
    }

    /// One node per top-level category — area by entry count, fill by its most common language
    /// — and one edge per pair of categories that relations join, as wide as their number.
    func writeOverview(_ graph: CatalogGraph, into out: inout OutputBuffer) {
        let g = IndexedGraph(graph)
        let d = Overview(g)
        let nodes = graph.nodes
        var ranked: [(Overview.Pair, Int)] = []
        for (pair, kinds) in d.byPair { ranked.append((pair, kinds.values.reduce(0, +))) }
        ranked.sort { (x: (Overview.Pair, Int), y: (Overview.Pair, Int)) -> Bool in x.1 != y.1 ? x.1 > y.1 : x.0 < y.0 }
        var perCategory: [Int: Int] = [:]
        var kept: [(Overview.Pair, Int)] = []
        for (p, n) in ranked {
            // Keep an edge while either end still has room: every category keeps its strongest links.
            if (perCategory[p.a] ?? 0) < Self.overviewEdgesPerCategory || (perCategory[p.b] ?? 0) < Self.overviewEdgesPerCategory {
                kept.append((p, n))
                perCategory[p.a, default: 0] += 1
                perCategory[p.b, default: 0] += 1
            }
        }
        kept.sort { $0.0 < $1.0 }

        let entries = g.kinds.reduce(0) { $0 + ($1.isEntry ? 1 : 0) }
        var heading = title ?? "\(Self.stem(graph)) — overview of \(entries) entries in \(d.topLevel.count) categories"
        if title == nil {
            heading += "\nToo many entries to draw one by one: a node per category (area = entries, fill = most common language), edges = relations between categories (width = count; the \(Self.overviewEdgesPerCategory) strongest per category). Use --category or --focus to see entries."
        }
        writeHeader(heading, into: &out)
        out.append("  node [shape=\"box\", style=\"rounded,filled\", color=\"#444444\", fontname=\"Helvetica\", penwidth=\"0.8\"];\n")
        out.append("  edge [arrowsize=\"0.7\", color=\"#555555\"];\n")
        for top in d.topLevel {
            let c = nodes[top], n = d.entryCount[top]
            let counts = (d.languageCounts[top] ?? [:]).sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            let fill = counts.first.flatMap { d.colour[$0.key] } ?? Palette.noLanguage
            let languages = counts.prefix(5).map { "\(nodes[$0.key].name) \($0.value)" }
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
            let kinds = (d.byPair[p] ?? [:]).sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            let names = (nodes[p.a].name, nodes[p.b].name)
            let breakdown = kinds.map { "\($0.value) \($0.key.rawValue)" }.joined(separator: ", ")
            var attrs: [(String, String)] = [
                ("penwidth", Self.decimal(0.8 + 1.2 * log2(Double(n)))), ("class", "relation aggregated"),
                ("tooltip", Self.tooltipText("\(names.0) → \(names.1): \(breakdown)")),
            ]
            if let dominant = kinds.first?.key, let style = Self.edgeStyle(dominant) { attrs.append(("color", style.colour)) }
            if kinds.allSatisfy({ $0.key.isSymmetric }) { attrs.append(("dir", "none")) }
            out.append("  ")
            out.appendDOT(nodes[p.a].id.rawValue)
            out.append(" -> ")
            out.appendDOT(nodes[p.b].id.rawValue)
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

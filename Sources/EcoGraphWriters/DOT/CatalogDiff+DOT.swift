import EcoGraph

extension CatalogDiff {
    /// Colours of the diff diagram: additions green, removals red, changes amber (with line
    /// styles too, so the diagram also reads without colour).
    enum DiffStyle {
        static let added = (fill: "#C8E6C9", line: "#2E7D32", style: "rounded,filled")
        static let removed = (fill: "#FFCDD2", line: "#C62828", style: "rounded,filled,dashed")
        static let changed = (fill: "#FFE0B2", line: "#E65100", style: "rounded,filled")
        static let context = (fill: "#FFFFFF", line: "#9E9E9E", style: "rounded")
    }

    /// The changes as a DOT diagram: a cluster per category (the new one; the old one for
    /// removals), added entries and relations in green, removed ones in red and dashed, renamed,
    /// moved and changed entries in amber, and the entries a changed relation touches as plain
    /// context. Category renames label their cluster "New (was Old)".
    ///
    /// ```swift
    /// let dot = CatalogDiff(old: a, new: b).dot(title: "2018 → now")
    /// ```
    /// - Complexity: O(changes log changes).
    public func dot(title: String) -> [UInt8] {
        struct Item { var label: String; var tooltip: String; var style: (fill: String, line: String, style: String); var cluster: String }
        var items: [String: Item] = [:]
        func put(_ id: NodeID, _ item: Item) { if items[id.rawValue] == nil { items[id.rawValue] = item } }
        let renamedCategory = Dictionary(categoriesRenamed.map { ($0.newPath, $0.oldPath) }, uniquingKeysWith: { a, _ in a })
        func firstCategory(_ node: Node, in paths: [NodeID: [String]]) -> String { paths[node.id]?.first ?? "" }

        for n in added { put(n.id, Item(label: n.name, tooltip: "added", style: DiffStyle.added, cluster: firstCategory(n, in: addedCategories))) }
        for n in removed { put(n.id, Item(label: n.name, tooltip: "removed", style: DiffStyle.removed, cluster: firstCategory(n, in: removedCategories))) }
        for m in moved {
            put(m.new.id, Item(label: m.new.name + "\nfrom " + m.from.joined(separator: ", "), tooltip: "moved from " + m.from.joined(separator: ", "),
                               style: DiffStyle.changed, cluster: m.to.first ?? ""))
        }
        for p in renamed {
            put(p.new.id, Item(label: p.old.name + " → " + p.new.name, tooltip: "renamed (matched by \(p.matchedBy))",
                               style: DiffStyle.changed, cluster: ""))
        }
        for p in urlChanged { put(p.new.id, Item(label: p.new.name, tooltip: "URL: \(p.old.url ?? "-") → \(p.new.url ?? "-")", style: DiffStyle.changed, cluster: "")) }
        for p in descriptionChanged { put(p.new.id, Item(label: p.new.name, tooltip: "description changed", style: DiffStyle.changed, cluster: "")) }
        for c in relationsAdded + relationsRemoved {
            for n in [c.source, c.target] {
                put(n.id, Item(label: n.name, tooltip: n.kind.rawValue, style: DiffStyle.context, cluster: ""))
            }
        }

        var out = OutputBuffer()
        out.append("digraph \"ecograph-diff\" {\n  graph [charset=\"UTF-8\", rankdir=\"LR\", labelloc=\"t\", labeljust=\"l\", fontname=\"Helvetica-Bold\", fontsize=\"14\", label=")
        out.append(DOTWriter.quoted(title + " — green: added, red (dashed): removed, amber: renamed, moved or changed"))
        out.append("];\n  node [shape=\"box\", fontname=\"Helvetica\", fontsize=\"10\"];\n  edge [fontname=\"Helvetica\", fontsize=\"8\"];\n")
        let clusters = Dictionary(grouping: items.keys.sorted(), by: { items[$0]!.cluster })
        let newCategories = Set(categoriesAdded.map { newCategoryPath[$0.id] ?? $0.name })
        let oldCategories = Set(categoriesRemoved.map { oldCategoryPath[$0.id] ?? $0.name })
        for (k, name) in clusters.keys.sorted().enumerated() {
            let ids = clusters[name]!
            if !name.isEmpty {
                var label = name
                if let was = renamedCategory[name] { label += " (was \(was))" }
                if newCategories.contains(name) { label += " (new)" }
                if oldCategories.contains(name) { label += " (removed)" }
                out.append("  subgraph \"cluster_\(k)\" {\n    graph [style=\"rounded\", color=\"#B0B0B0\", label=")
                out.append(DOTWriter.quoted(label))
                out.append("];\n")
            }
            for id in ids {
                let item = items[id]!
                out.append(name.isEmpty ? "  " : "    ")
                out.append(DOTWriter.quoted(id))
                out.append(" [label=\(DOTWriter.quoted(item.label)), tooltip=\(DOTWriter.quoted(item.tooltip)), style=\"\(item.style.style)\", fillcolor=\"\(item.style.fill)\", color=\"\(item.style.line)\"];\n")
            }
            if !name.isEmpty { out.append("  }\n") }
        }
        for (changes, color, style) in [(relationsAdded, DiffStyle.added.line, "solid"), (relationsRemoved, DiffStyle.removed.line, "dashed")] {
            for c in changes {
                out.append("  \(DOTWriter.quoted(c.source.id.rawValue)) -> \(DOTWriter.quoted(c.target.id.rawValue)) [label=")
                out.append(DOTWriter.quoted(c.edge.relation.rawValue))
                out.append(", color=\"\(color)\", fontcolor=\"\(color)\", style=\"\(style)\"];\n")
            }
        }
        out.append("}\n")
        return out.bytes
    }
}

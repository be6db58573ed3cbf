import EcoGraph

/// `ecograph diff`: the changes between two catalog versions as text, JSON or CSV.
extension CatalogDiff {
    /// ```
    /// --- old.md
    /// +++ new.md
    ///
    /// Projects added (2)
    ///   + Kafka Center — Message Queue — https://github.com/xaecbd/KafkaCenter
    /// Categories renamed (1)
    ///   ~ Messsage Queue → Message Queue (matched by membership: 19 shared entries, Jaccard 0.86)
    /// ```
    public func text(style: ReportStyle = ReportStyle()) -> String {
        let c = ReportStyle.clean
        var s = style.bold("--- " + c(oldSources.first ?? "old")) + "\n" + style.bold("+++ " + c(newSources.first ?? "new")) + "\n"
        if isEmpty { return s + "\nNo differences.\n" }
        func section(_ title: String, _ lines: [String]) {
            guard !lines.isEmpty else { return }
            s += "\n" + style.bold("\(title) (\(lines.count))") + "\n" + lines.map { $0 + "\n" }.joined()
        }
        func plus(_ t: String) -> String { style.green("  + " + t) }
        func minus(_ t: String) -> String { style.red("  - " + t) }
        func entry(_ n: Node, _ categories: [String]) -> String {
            ([style.label(n)] + (categories.isEmpty ? [] : [categories.map(c).joined(separator: "; ")]) + n.urls.prefix(1).map(c))
                .joined(separator: " — ")
        }
        section("Projects added", added.map { plus(entry($0, addedCategories[$0.id] ?? [])) })
        section("Projects removed", removed.map { minus(entry($0, removedCategories[$0.id] ?? [])) })
        section("Projects renamed", renamed.map { p in
            "  ~ \(style.label(p.old)) → \(style.label(p.new)) " + style.dim(renameReason(p))
        })
        section("Projects moved", moved.map { m in
            "  ~ \(style.label(m.new)): \(list(m.from)) → \(list(m.to))"
        })
        section("URLs changed", urlChanged.map { p in
            "  ~ \(style.label(p.new)): \(list(p.old.urls)) → \(list(p.new.urls))"
        })
        section("Descriptions changed", descriptionChanged.map { p in
            "  ~ \(style.label(p.new))\n" + style.red("      - " + c(p.old.description ?? "(none)")) + "\n"
                + style.green("      + " + c(p.new.description ?? "(none)"))
        })
        section("Categories added", categoriesAdded.map { plus(c(newCategoryPath[$0.id] ?? $0.name)) })
        section("Categories removed", categoriesRemoved.map { minus(c(oldCategoryPath[$0.id] ?? $0.name)) })
        section("Categories renamed", categoriesRenamed.map { r in
            "  ~ \(c(r.oldPath)) → \(c(r.newPath)) " + style.dim(r.matchedBy == "name"
                ? "(same name under a new parent; \(r.sharedEntries) shared entries)"
                : "(matched by membership: \(r.sharedEntries) shared entries, Jaccard \(Provenance.format(r.jaccard)))")
        })
        section("Relations added", relationsAdded.map { plus(style.sentence($0.edge, source: $0.source, target: $0.target)) })
        section("Relations removed", relationsRemoved.map { minus(style.sentence($0.edge, source: $0.source, target: $0.target)) })
        s += "\n" + style.bold("Summary") + ": " + counts.filter { $0.count > 0 }.map { "\($0.name) \($0.count)" }.joined(separator: ", ") + "\n"
        return s
    }

    private func list(_ items: [String]) -> String {
        items.isEmpty ? "(none)" : items.map(ReportStyle.clean).joined(separator: "; ")
    }

    private func renameReason(_ p: EntryPair) -> String {
        switch p.matchedBy {
        case "url":
            let new = Set(p.new.urls.map(NameKey.url))
            return "(same URL \(ReportStyle.clean(p.old.urls.first { new.contains(NameKey.url($0)) } ?? "")))"
        case "alias": return "(the new version lists '\(ReportStyle.clean(p.old.name))' as an alias)"
        default: return "(the same name but for a vendor prefix or punctuation)"
        }
    }

    /// The schema is in `docs/cli-json.md` ("diff").
    public func json() -> [UInt8] {
        var out = OutputBuffer()
        out.append("{\n  \"old\": "); out.appendJSONArray(oldSources)
        out.append(",\n  \"new\": "); out.appendJSONArray(newSources)
        out.append(",\n  \"equal\": "); out.append(isEmpty ? "true" : "false")
        out.append(",\n  \"counts\": {")
        out.append(counts.map { "\"\($0.name)\": \($0.count)" }.joined(separator: ", "))
        out.append("},\n  \"projects\": {\n    \"added\": ")
        out.appendJSONList(added) { $0.appendObject(["node": .node($1), "url": .string($1.url), "categories": .strings(addedCategories[$1.id] ?? [])]) }
        out.append(",\n    \"removed\": ")
        out.appendJSONList(removed) { $0.appendObject(["node": .node($1), "url": .string($1.url), "categories": .strings(removedCategories[$1.id] ?? [])]) }
        out.append(",\n    \"renamed\": ")
        out.appendJSONList(renamed) { $0.appendObject(["old": .node($1.old), "new": .node($1.new), "matched_by": .string($1.matchedBy)]) }
        out.append(",\n    \"moved\": ")
        out.appendJSONList(moved) { $0.appendObject(["node": .node($1.new), "from": .strings($1.from), "to": .strings($1.to)]) }
        out.append(",\n    \"url_changed\": ")
        out.appendJSONList(urlChanged) { $0.appendObject(["node": .node($1.new), "old": .strings($1.old.urls), "new": .strings($1.new.urls)]) }
        out.append(",\n    \"description_changed\": ")
        out.appendJSONList(descriptionChanged) {
            $0.appendObject(["node": .node($1.new), "old": .string($1.old.description), "new": .string($1.new.description)])
        }
        out.append("\n  },\n  \"categories\": {")
        for (key, list, paths) in [("added", categoriesAdded, newCategoryPath), ("removed", categoriesRemoved, oldCategoryPath)] {
            out.append("\n    \"\(key)\": ")
            out.appendJSONList(list) { $0.appendObject(["node": .node($1), "path": .string(paths[$1.id] ?? $1.name)]) }
            out.append(",")
        }
        out.append("\n    \"renamed\": ")
        out.appendJSONList(categoriesRenamed) { out, r in
            out.appendObject(["old": .node(r.old), "new": .node(r.new), "old_path": .string(r.oldPath), "new_path": .string(r.newPath),
                              "matched_by": .string(r.matchedBy), "shared_entries": .number(r.sharedEntries),
                              "jaccard": .raw(Provenance.format(r.jaccard))])
        }
        out.append("\n  },\n  \"relations\": {\n    \"added\": ")
        out.appendJSONLines(relationsAdded, indent: "      ", closing: "    ") { $0.appendEdge($1.edge, source: $1.source, target: $1.target) }
        out.append(",\n    \"removed\": ")
        out.appendJSONLines(relationsRemoved, indent: "      ", closing: "    ") { $0.appendEdge($1.edge, source: $1.source, target: $1.target) }
        out.append("\n  }\n}\n")
        return out.bytes
    }

    /// One row per change: `change,name,relation,target,old,new,detail` (RFC 4180, CRLF,
    /// formula-neutralised cells).
    public func csv() -> [UInt8] {
        var out = OutputBuffer()
        out.append("change,name,relation,target,old,new,detail\r\n")
        func row(_ cells: String...) {
            for (i, cell) in cells.enumerated() {
                if i > 0 { out.append(byte: 0x2C) }
                CSVCell.append(cell, into: &out, raw: false)
            }
            out.append("\r\n")
        }
        let j = { (items: [String]) in items.joined(separator: "; ") }
        for n in added { row("projects-added", n.name, "", "", "", n.url ?? "", j(addedCategories[n.id] ?? [])) }
        for n in removed { row("projects-removed", n.name, "", "", n.url ?? "", "", j(removedCategories[n.id] ?? [])) }
        for p in renamed { row("projects-renamed", p.new.name, "", "", p.old.name, p.new.name, "matched by \(p.matchedBy)") }
        for m in moved { row("projects-moved", m.new.name, "", "", j(m.from), j(m.to), "") }
        for p in urlChanged { row("url-changed", p.new.name, "", "", j(p.old.urls), j(p.new.urls), "") }
        for p in descriptionChanged { row("description-changed", p.new.name, "", "", p.old.description ?? "", p.new.description ?? "", "") }
        for n in categoriesAdded { row("categories-added", newCategoryPath[n.id] ?? n.name, "", "", "", newCategoryPath[n.id] ?? n.name, "") }
        for n in categoriesRemoved { row("categories-removed", oldCategoryPath[n.id] ?? n.name, "", "", oldCategoryPath[n.id] ?? n.name, "", "") }
        for r in categoriesRenamed {
            row("categories-renamed", r.newPath, "", "", r.oldPath, r.newPath,
                "matched by \(r.matchedBy); \(r.sharedEntries) shared entries; Jaccard \(Provenance.format(r.jaccard))")
        }
        for (name, changes) in [("relations-added", relationsAdded), ("relations-removed", relationsRemoved)] {
            for r in changes {
                let place = r.edge.provenance.location.map { "\($0.file):\($0.line)" } ?? ""
                row(name, r.source.name, r.edge.relation.rawValue, r.target.name, "", "", "\(r.edge.provenance.method.rawValue) \(place)")
            }
        }
        return out.bytes
    }
}

// Finishing a build: the overlay is applied, then inference and freezing (their own files).

extension GraphBuilder {
    /// Applies the overlay, infers relations (unless `infer` is false) and freezes the graph.
    /// Call it once: it moves the drafts' texts into the graph rather than copying them, so the
    /// builder is used up (a second `finish` or an `add` after it stops with a precondition).
    public mutating func finish(overlay: Overlay? = nil, infer: Bool = true) -> Result {
        precondition(!finished, "GraphBuilder.finish called twice: it uses the builder up; make a new one")
        finished = true
        var rejected = Set<EdgeKey>()
        var curatedPairs = Set<NodePair>()
        if let overlay {
            sources.append(overlay.file)
            apply(overlay, rejected: &rejected, curatedPairs: &curatedPairs)
        }
        if infer { inferRelations(rejected: rejected, curatedPairs: curatedPairs, overlay: overlay) }
        return freeze()
    }

    private func suggest(_ name: String) -> String {
        var names: [String] = []
        for d in drafts where d.kind != .language && d.kind != .category { names.append(d.name) }
        return didYouMean(Fuzzy.closest(name, among: names.sorted(), maxDistance: max(2, name.count / 3)))
    }

    private func resolveEntry(_ name: Overlay.Located<String>, allowExternal: Bool) -> Int? {
        guard let i = entryIndex.lookup(name.value) else { return nil }
        let k = drafts[i].kind
        return (k.isEntry || (allowExternal && k == .external)) ? i : nil
    }

    private mutating func apply(_ overlay: Overlay, rejected: inout Set<EdgeKey>, curatedPairs: inout Set<NodePair>) {
        for ext in overlay.externals {
            if let existing = entryIndex.lookupExact(ext.name.value), drafts[existing].kind.isEntry {
                diagnostics.append(.warning("external-is-listed", at: ext.name.location,
                    "'\(ext.name.value)' is listed in the catalog as '\(drafts[existing].name)'; remove it from externals"))
                continue
            }
            var d = Draft(kind: .external, name: ext.name.value)
            if let u = ext.url { d.urls.append(u) }
            d.description = ext.description
            d.aliases = ext.aliases
            d.provenance = [Provenance(method: .overlay, location: ext.name.location)]
            append(d)
        }
        for patch in overlay.entries {
            guard let i = resolveEntry(patch.name, allowExternal: false) else {
                diagnostics.append(.error("unknown-name", at: patch.name.location,
                    "no entry named '\(patch.name.value)' in the catalog\(suggest(patch.name.value))"))
                continue
            }
            if let kind = patch.kind {
                drafts[i].kind = kind.value
                drafts[i].kindFromOverlay = true
                entryIndex.setKind(i, kind.value)
            }
            for alias in patch.aliases where !drafts[i].aliases.contains(alias) {
                drafts[i].aliases.append(alias)
                entryIndex.addNames(i, [alias])
            }
            if let note = patch.note { drafts[i].note = note }
            if let languages = patch.languages {
                // The overlay's list replaces what the prefix said.
                for l in languageByName.values {
                    if let e = edgeIndex[EdgeKey(source: i, target: l, relation: .writtenIn)] { removeEdge(e) }
                }
                drafts[i].noLanguage = languages.isEmpty
                for lang in languages {
                    guard let canonical = Language.canonicalName(lang.value) else {
                        diagnostics.append(.error("unknown-language", at: lang.location,
                            "'\(lang.value)' is not a known language name\(didYouMean(Language.suggestions(for: lang.value)))"))
                        continue
                    }
                    let (l, _) = language(named: canonical)
                    addEdge(i, l, .writtenIn, Provenance(method: .overlay, location: lang.location, note: patch.note))
                }
            }
        }
        for st in overlay.relations {
            let s = resolveEntry(st.from, allowExternal: true)
            let t = resolveEntry(st.to, allowExternal: true)
            if s == nil {
                diagnostics.append(.error("unknown-name", at: st.from.location,
                    "no entry or external named '\(st.from.value)'\(suggest(st.from.value)); declare it under 'externals:' if the catalog does not list it"))
            }
            if t == nil {
                diagnostics.append(.error("unknown-name", at: st.to.location,
                    "no entry or external named '\(st.to.value)'\(suggest(st.to.value)); declare it under 'externals:' if the catalog does not list it"))
            }
            guard let s, let t else { continue }
            if s == t {
                diagnostics.append(.error("self-relation", at: st.location,
                    "'\(st.from.value)' \(st.relation.value.rawValue) itself; a relation needs two different entries"))
                continue
            }
            addEdge(s, t, st.relation.value, Provenance(method: .overlay, location: st.location, note: st.note, source: st.source))
            curatedPairs.insert(NodePair(s, t))
        }
        for st in overlay.rejects {
            let s = entryIndex.lookup(st.from.value)
            let t = entryIndex.lookup(st.to.value)
            if s == nil {
                diagnostics.append(.error("unknown-name", at: st.from.location, "no entry named '\(st.from.value)'\(suggest(st.from.value))"))
            }
            guard let s else { continue }
            // The target of a rejected inference may be an external that only inference would create.
            let target = t ?? -1 - rejectedExternalNames.count
            if t == nil { rejectedExternalNames.append((NameKey.exact(st.to.value), st)) }
            rejected.insert(EdgeKey(source: s, target: target, relation: st.relation.value))
            rejectStatements.append((EdgeKey(source: s, target: target, relation: st.relation.value), st))
        }
    }


    /// Removes edge `e` in O(1): the last edge takes its place. The order of `edges` does not
    /// matter, since `freeze` sorts them on their (unique) keys.
    private mutating func removeEdge(_ e: Int) {
        let removed = edges[e]
        edgeIndex[EdgeKey(source: removed.source, target: removed.target, relation: removed.relation)] = nil
        let last = edges.removeLast()
        if e < edges.count {
            edges[e] = last
            edgeIndex[EdgeKey(source: last.source, target: last.target, relation: last.relation)] = e
        }
    }
}

/// Two drafts in either order: the pair the overlay relates, which inference then leaves alone.
struct NodePair: Hashable {
    let low: Int, high: Int
    init(_ a: Int, _ b: Int) { (low, high) = (min(a, b), max(a, b)) }
}

// Relations inferred from descriptions, applied to the drafts.

extension GraphBuilder {
    mutating func inferRelations(rejected: Set<EdgeKey>, curatedPairs: Set<NodePair>, overlay: Overlay?) {
        var usedRejects = Set<EdgeKey>()
        var externalByKey: [String: Int] = [:]
        let found = inferredHits()
        // Only the descriptions with hits (a few in ten): the others are not touched again.
        for k in found.indices where !found[k].isEmpty {
            let d = described[k]
            for hit in found[k] {
                let target: Int
                var rejectKey: EdgeKey
                switch hit.target {
                case .known(let t):
                    target = t
                    rejectKey = EdgeKey(source: d.node, target: t, relation: hit.relation)
                case .external(let name):
                    let key = NameKey.exact(name)
                    if let r = rejectedExternalNames.firstIndex(where: { $0.0 == key || NameKey.withoutVendor(key) == $0.0 }) {
                        let k = EdgeKey(source: d.node, target: -1 - r, relation: hit.relation)
                        if rejected.contains(k) { usedRejects.insert(k); continue }
                    }
                    if let existing = externalByKey[key] ?? entryIndex.lookup(name) {
                        target = existing
                    } else {
                        let clean = NameKey.withoutVendor(key) != nil ? String(name.split(separator: " ").dropFirst().joined(separator: " ")) : name
                        var e = Draft(kind: .external, name: clean)
                        if clean != name { e.aliases = [name] }
                        e.provenance = [Provenance(method: .inferred, location: d.location, phrase: hit.phrase)]
                        target = append(e)
                        externalByKey[key] = target
                    }
                    rejectKey = EdgeKey(source: d.node, target: target, relation: hit.relation)
                }
                if target == d.node { continue }
                if drafts[target].kind == .category || drafts[target].kind == .language { continue }
                var reverse = rejectKey
                reverse.source = rejectKey.target
                reverse.target = rejectKey.source
                if rejected.contains(rejectKey) || (hit.relation.isSymmetric && rejected.contains(reverse)) {
                    usedRejects.insert(rejected.contains(rejectKey) ? rejectKey : reverse)
                    continue
                }
                if curatedPairs.contains(NodePair(d.node, target)) { continue }
                let column = d.location.column + hit.offset
                addEdge(d.node, target, hit.relation,
                        Provenance(method: .inferred, location: SourceLocation(file: d.location.file, line: d.location.line, column: column),
                                   phrase: hit.phrase, confidence: hit.confidence))
            }
        }
        // A resource nested under an entry documents it.
        for (child, parent, location) in resourceNested where drafts[child].kind == .resource && drafts[parent].kind.isEntry {
            if rejected.contains(EdgeKey(source: child, target: parent, relation: .documents)) { continue }
            addEdge(child, parent, .documents, Provenance(method: .inferred, location: location,
                                                          phrase: "resource nested under \(drafts[parent].name)", confidence: 0.8))
        }
        for (key, st) in rejectStatements where !usedRejects.contains(key) {
            diagnostics.append(.warning("unused-reject", at: st.location,
                "nothing inferred '\(st.from.value)' \(st.relation.value.rawValue) '\(st.to.value)'; this reject can go"))
        }
    }

    /// Each description's hits, on all cores. Reading descriptions is independent work: the
    /// resolver looks names up in a snapshot of the index, so the hits do not depend on the
    /// order in which they are found, and they are applied afterwards in listing order.
    ///
    /// The inferrer reads kinds and spellings from a snapshot of the drafts, only for the
    /// nodes a candidate name resolves to (no array per draft made up front). The snapshots of
    /// the drafts and the index live only as long as this call, so applying the hits, which
    /// appends externals, does not copy either.
    func inferredHits() -> [[RelationInferrer.Hit]] {
        let index = entryIndex
        let drafts = drafts
        let inferrer = RelationInferrer(resolve: { index.lookup($0) },
                                        isExcluded: { $0 < drafts.count && (drafts[$0].kind == .category || drafts[$0].kind == .language) },
                                        spellings: { $0 < drafts.count ? [drafts[$0].name] + drafts[$0].aliases : [] },
                                        filter: CandidateFilter(keys: index.nameKeys, count: index.nameKeyCount))
        let described = described
        return Self.concurrentMap(described.count) { inferrer.infer(described[$0].text) }
    }
}

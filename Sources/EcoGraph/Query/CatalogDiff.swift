/// What changed between two versions of a catalog: entries added, removed, renamed, moved,
/// re-linked or re-described; categories added, removed and renamed; relations added and removed.
///
/// Entries are matched by name (case and spacing aside), then by URL (a rename keeps its URL),
/// then by an alias the new version gives them or a near spelling ("Kafka" → "Apache Kafka"). Categories are matched by their path of names,
/// then by their own name under a new parent, then by membership: an unmatched old and new
/// category that share at least half their entries (Jaccard ≥ 0.5) are one category renamed
/// (the 2018 list's "Messsage Queue" became "Message Queue").
///
/// ```swift
/// let d = CatalogDiff(old: try loader.load(catalog: "2018.md").graph, new: graph)
/// d.categoriesRenamed.map { ($0.oldPath, $0.newPath) }   // [("Messsage Queue", "Message Queue"), …]
/// d.isEmpty                                             // false
/// ```
public struct CatalogDiff: Sendable, Hashable {
    /// One entry in both versions.
    public struct EntryPair: Sendable, Hashable {
        public var old: Node
        public var new: Node
        /// How they were matched: `name`, `url`, `alias` (the new entry lists the old name as an
        /// alias) or `similar-name` (the same name but for a vendor prefix or punctuation).
        public var matchedBy: String
    }

    /// An entry whose categories changed.
    public struct Move: Sendable, Hashable {
        public var old: Node
        public var new: Node
        /// Category paths joined with " / ", sorted.
        public var from: [String]
        public var to: [String]
    }

    /// One category in both versions, under another name or parent.
    public struct CategoryRename: Sendable, Hashable {
        public var old: Node
        public var new: Node
        public var oldPath: String
        public var newPath: String
        /// `name` (same name, new parent) or `membership` (shared entries).
        public var matchedBy: String
        /// Entries listed in both (matched across versions), and the Jaccard index of the two
        /// memberships.
        public var sharedEntries: Int
        public var jaccard: Double
    }

    /// A relation in one version only, with its provenance in that version.
    public struct RelationChange: Sendable, Hashable {
        public var source: Node
        public var target: Node
        public var edge: Edge
    }

    public var oldSources: [String]
    public var newSources: [String]
    /// By name.
    public var added: [Node]
    public var removed: [Node]
    public var renamed: [EntryPair]
    public var moved: [Move]
    public var urlChanged: [EntryPair]
    public var descriptionChanged: [EntryPair]
    public var categoriesAdded: [Node]
    public var categoriesRemoved: [Node]
    public var categoriesRenamed: [CategoryRename]
    /// By source name, relation, target name.
    public var relationsAdded: [RelationChange]
    public var relationsRemoved: [RelationChange]
    /// Every category's path of names joined with " / ", in each version.
    public var oldCategoryPath: [NodeID: String]
    public var newCategoryPath: [NodeID: String]
    /// The category paths of the added (`new`) and removed (`old`) entries.
    public var addedCategories: [NodeID: [String]] = [:]
    public var removedCategories: [NodeID: [String]] = [:]

    /// True when the two versions are the same as far as this comparison can tell.
    public var isEmpty: Bool { counts.allSatisfy { $0.count == 0 } }

    /// Change types with their counts, in report order. The names are the JSON and CSV keys.
    public var counts: [(name: String, count: Int)] {
        [("projects-added", added.count), ("projects-removed", removed.count), ("projects-renamed", renamed.count),
         ("projects-moved", moved.count), ("url-changed", urlChanged.count),
         ("description-changed", descriptionChanged.count), ("categories-added", categoriesAdded.count),
         ("categories-removed", categoriesRemoved.count), ("categories-renamed", categoriesRenamed.count),
         ("relations-added", relationsAdded.count), ("relations-removed", relationsRemoved.count)]
    }

    /// Relations that the category comparison covers already.
    static let categoryRelations: Set<RelationKind> = [.inCategory, .subcategoryOf]

    /// Compares two graphs (entries are projects and resources).
    /// - Complexity: O((n + e) log(n + e)), plus O(c_old × c_new) over unmatched categories.
    public init(old: CatalogGraph, new: CatalogGraph) {
        oldSources = old.sources
        newSources = new.sources

        // 1. Entries.
        let oldEntries = old.nodes.filter { $0.kind.isEntry }
        let newEntries = new.nodes.filter { $0.kind.isEntry }
        var newToOld: [NodeID: NodeID] = [:]
        var oldToNew: [NodeID: NodeID] = [:]
        var pairs: [EntryPair] = []
        func pair(_ o: Node, _ n: Node, _ how: String) {
            oldToNew[o.id] = n.id
            newToOld[n.id] = o.id
            pairs.append(EntryPair(old: o, new: n, matchedBy: how))
        }
        var newByName: [String: [Node]] = [:]
        for n in newEntries { newByName[NameKey.exact(n.name), default: []].append(n) }
        for o in oldEntries {
            let candidates = (newByName[NameKey.exact(o.name)] ?? []).filter { newToOld[$0.id] == nil }
            if let n = candidates.first(where: { $0.kind == o.kind }) ?? candidates.first { pair(o, n, "name") }
        }
        var newByURL: [String: [Node]] = [:]
        for n in newEntries where newToOld[n.id] == nil {
            for u in n.urls { newByURL[NameKey.url(u), default: []].append(n) }
        }
        for o in oldEntries where oldToNew[o.id] == nil {
            let candidates = o.urls.flatMap { newByURL[NameKey.url($0)] ?? [] }.filter { newToOld[$0.id] == nil }
            if let n = candidates.min(by: CatalogGraph.byName) { pair(o, n, "url") }
        }
        for o in oldEntries where oldToNew[o.id] == nil {
            guard let n = new.resolve(o.name), n.kind.isEntry, newToOld[n.id] == nil else { continue }
            // `resolve` also forgives a vendor prefix and punctuation ("Kafka" finds "Apache Kafka").
            let key = NameKey.exact(o.name)
            pair(o, n, n.aliases.contains { NameKey.exact($0) == key } ? "alias" : "similar-name")
        }
        added = newEntries.filter { newToOld[$0.id] == nil }.sorted(by: CatalogGraph.byName)
        removed = oldEntries.filter { oldToNew[$0.id] == nil }.sorted(by: CatalogGraph.byName)
        pairs.sort { CatalogGraph.byName($0.new, $1.new) }
        renamed = pairs.filter { $0.matchedBy != "name" }
        urlChanged = pairs.filter { p in
            p.old.urls != p.new.urls && Set(p.old.urls.map(NameKey.url)) != Set(p.new.urls.map(NameKey.url))
        }
        descriptionChanged = pairs.filter {
            $0.old.description != $0.new.description && Self.normalized($0.old.description) != Self.normalized($0.new.description)
        }

        // 2. Categories.
        let oldCategories = old.nodes(ofKind: .category), newCategories = new.nodes(ofKind: .category)
        let oldPath = Dictionary(uniqueKeysWithValues: oldCategories.map { ($0.id, old.categoryPath($0.id).joined(separator: " / ")) })
        let newPath = Dictionary(uniqueKeysWithValues: newCategories.map { ($0.id, new.categoryPath($0.id).joined(separator: " / ")) })
        var categoryMap: [NodeID: NodeID] = [:]
        var mappedNew = Set<NodeID>()
        var renames: [CategoryRename] = []
        // Members in new-graph terms, so that memberships of the two versions compare.
        func members(_ graph: CatalogGraph, _ c: NodeID, mapped: Bool) -> Set<String> {
            Set(graph.incoming(c).filter { $0.relation == .inCategory }.map { e in
                mapped ? (oldToNew[e.source].map(\.rawValue) ?? "old " + e.source.rawValue) : e.source.rawValue
            })
        }
        func overlap(_ o: Node, _ n: Node) -> (Int, Double) {
            let a = members(old, o.id, mapped: true), b = members(new, n.id, mapped: false)
            let union = a.union(b).count
            let shared = a.intersection(b).count
            return (shared, union == 0 ? 0 : Double(shared) / Double(union))
        }
        func match(_ o: Node, _ n: Node, _ how: String?) {
            categoryMap[o.id] = n.id
            mappedNew.insert(n.id)
            guard let how else { return }
            let (shared, j) = overlap(o, n)
            renames.append(CategoryRename(old: o, new: n, oldPath: oldPath[o.id]!, newPath: newPath[n.id]!,
                                          matchedBy: how, sharedEntries: shared, jaccard: j))
        }
        var newByPath: [String: Node] = [:]
        for n in newCategories { newByPath[NameKey.exact(newPath[n.id]!)] = newByPath[NameKey.exact(newPath[n.id]!)] ?? n }
        for o in oldCategories {
            if let n = newByPath[NameKey.exact(oldPath[o.id]!)], !mappedNew.contains(n.id) { match(o, n, nil) }
        }
        var newByOwnName: [String: [Node]] = [:]
        for n in newCategories where !mappedNew.contains(n.id) { newByOwnName[NameKey.exact(n.name), default: []].append(n) }
        for o in oldCategories where categoryMap[o.id] == nil {
            let candidates = (newByOwnName[NameKey.exact(o.name)] ?? []).filter { !mappedNew.contains($0.id) }
            if candidates.count == 1 { match(o, candidates[0], "name") }
        }
        var scored: [(Double, Node, Node)] = []
        for o in oldCategories where categoryMap[o.id] == nil {
            for n in newCategories where !mappedNew.contains(n.id) {
                let (_, j) = overlap(o, n)
                if j >= 0.5 { scored.append((j, o, n)) }
            }
        }
        scored.sort { $0.0 != $1.0 ? $0.0 > $1.0 : ($0.1.id, $0.2.id) < ($1.1.id, $1.2.id) }
        for (_, o, n) in scored where categoryMap[o.id] == nil && !mappedNew.contains(n.id) { match(o, n, "membership") }
        oldCategoryPath = oldPath
        newCategoryPath = newPath
        for n in added { addedCategories[n.id] = new.categories(of: n.id).compactMap { newPath[$0.id] } }
        for n in removed { removedCategories[n.id] = old.categories(of: n.id).compactMap { oldPath[$0.id] } }
        // A sub-group whose parent was renamed keeps its own name: that is the parent's change.
        renames.removeAll { r in
            guard r.matchedBy == "name", r.old.name == r.new.name else { return false }
            let oldParent = old.targets(of: r.old.id, .subcategoryOf).first?.id
            let newParent = new.targets(of: r.new.id, .subcategoryOf).first?.id
            return oldParent.flatMap { categoryMap[$0] } == newParent && newParent != nil
        }
        categoriesRenamed = renames.sorted { $0.newPath.lowercased() < $1.newPath.lowercased() }
        categoriesAdded = newCategories.filter { !mappedNew.contains($0.id) }.sorted(by: CatalogGraph.byName)
        categoriesRemoved = oldCategories.filter { categoryMap[$0.id] == nil }.sorted(by: CatalogGraph.byName)

        // 3. Moves: the categories of a matched entry, compared in new-graph terms.
        moved = pairs.compactMap { p in
            let from = old.categories(of: p.old.id).map(\.id)
            let to = new.categories(of: p.new.id).map(\.id)
            guard Set(from.map { categoryMap[$0] ?? NodeID("old " + $0.rawValue) }) != Set(to) else { return nil }
            return Move(old: p.old, new: p.new, from: from.compactMap { oldPath[$0] }.sorted(),
                        to: to.compactMap { newPath[$0] }.sorted())
        }

        // 4. Relations, keyed in new-graph terms; other nodes (languages, externals) by name.
        func key(_ graph: CatalogGraph, _ id: NodeID, isOld: Bool) -> String {
            if isOld {
                if let n = oldToNew[id] { return n.rawValue }
                if let c = categoryMap[id] { return c.rawValue }
                // A language or an external: the same name (or an alias) in the new version,
                // of the same kind if there is one (an external may since have been listed).
                if let node = old.node(id), !node.kind.isEntry && node.kind != .category {
                    let candidates = new.resolveAll(node.name).filter { $0.kind != .category }
                    if let n = candidates.first(where: { $0.kind == node.kind }) ?? candidates.first { return n.id.rawValue }
                }
                return "old " + id.rawValue
            }
            return id.rawValue
        }
        func relations(_ graph: CatalogGraph, isOld: Bool) -> [String: RelationChange] {
            var out: [String: RelationChange] = [:]
            for e in graph.edges where !Self.categoryRelations.contains(e.relation) {
                var (s, t) = (key(graph, e.source, isOld: isOld), key(graph, e.target, isOld: isOld))
                if e.relation.isSymmetric && t < s { swap(&s, &t) }
                let k = s + "\u{1F}" + e.relation.rawValue + "\u{1F}" + t
                guard out[k] == nil, let source = graph.node(e.source), let target = graph.node(e.target) else { continue }
                out[k] = RelationChange(source: source, target: target, edge: e)
            }
            return out
        }
        let oldRelations = relations(old, isOld: true), newRelations = relations(new, isOld: false)
        // Sort keys are computed once per change: lower-casing inside the comparator dominated.
        func sorted(_ changes: [RelationChange]) -> [RelationChange] {
            changes.map { ($0.source.name.lowercased(), $0.edge.relation, $0.target.name.lowercased(), $0) }
                .sorted { a, b in
                    if a.0 != b.0 { return a.0 < b.0 }
                    if a.1 != b.1 { return a.1 < b.1 }
                    if a.2 != b.2 { return a.2 < b.2 }
                    return a.3.edge < b.3.edge
                }
                .map(\.3)
        }
        relationsAdded = sorted(newRelations.filter { oldRelations[$0.key] == nil }.map(\.value))
        relationsRemoved = sorted(oldRelations.filter { newRelations[$0.key] == nil }.map(\.value))
    }

    /// Descriptions compare without regard to runs of white space.
    static func normalized(_ s: String?) -> String {
        (s ?? "").split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}

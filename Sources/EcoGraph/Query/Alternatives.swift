/// Why one entry may stand in for another: a stated `alternative-to`, or what two entries of the
/// same category share.
public struct AlternativeReason: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable, Codable {
        /// An `alternative-to` edge between the two (either direction).
        case stated
        /// Another direct relation that makes them interchangeable: a port, a fork or extension,
        /// a compatible implementation, one inspired by the other, or one listed under the other.
        case related
        /// Both have the same kind of relation to the same node (both built on Nginx, both use Redis).
        case sharedTarget = "shared-target"
        /// Both are written in this language.
        case sharedLanguage = "shared-language"
        /// Both are listed in this category.
        case sharedCategory = "shared-category"
        /// Listed in different sub-groups of this category.
        case sameSection = "same-section"
    }

    public var kind: Kind
    /// The shared category, language or target; the other entry for `stated` and `related`.
    public var node: Node
    /// The edges that show it: the `alternative-to` or direct edge, or both entries' edges to
    /// a shared target (the subject's first).
    public var edges: [Edge]
    /// How much it counts in the ranking.
    public var weight: Int
}

/// Entries that could replace a given one, with the reasons.
///
/// ```swift
/// let alt = graph.alternatives(to: graph.resolve("Pika")!.id)
/// alt.stated.map(\.node.name)        // stated alternative-to, both directions
/// alt.peers.first?.node.name         // "Redis": same category, and Pika is compatible with it
/// ```
public struct AlternativeList: Sendable, Hashable {
    public struct Candidate: Sendable, Hashable {
        public var node: Node
        /// The sum of the reasons' weights.
        public var score: Int
        /// Strongest first, then by node name.
        public var reasons: [AlternativeReason]
    }

    public var subject: Node
    /// Stated `alternative-to`, both directions, by name.
    public var stated: [Candidate]
    /// Same-category (or same-section) entries of the same kind, by score then name, at most
    /// `limit` of them.
    public var peers: [Candidate]
    /// How many peers there were before the limit.
    public var totalPeers: Int
}

extension CatalogGraph {
    /// Relations under which a peer is a part, a client or a dependency of the subject (or the
    /// other way round): it complements the subject rather than replaces it.
    public static let complementRelations: Set<RelationKind> = [.builtOn, .uses, .toolFor, .clientOf, .documents, .partOf]

    /// Relations that make two entries interchangeable when they join them directly.
    static let kinshipRelations: Set<RelationKind> = [.portOf, .extends, .inspiredBy, .compatibleWith, .subEntryOf]

    /// Stated alternatives of an entry, then same-category peers ranked by what they share.
    ///
    /// Peers are entries of the same kind listed in one of the subject's categories, or in
    /// another sub-group of the same top-level category. Those that the subject is built on,
    /// uses, documents or has as a tool or client (or the reverse) are left out: they complement
    /// it. Weights: related 4, shared target (same relation kind) 3, shared language or category 2,
    /// same section 1.
    ///
    /// ```swift
    /// graph.alternatives(to: kong.id).stated.map(\.node.name)   // ["KrakenD", "Tyk API Gateway"]
    /// ```
    /// - Parameter limit: at most this many peers; 0 for all.
    /// - Complexity: O(p × d) for p candidate peers of mean degree d.
    public func alternatives(to id: NodeID, limit: Int = 10) -> AlternativeList {
        guard let subject = node(id) else {
            return AlternativeList(subject: Node(id: id, kind: .external, name: id.rawValue), stated: [], peers: [], totalPeers: 0)
        }
        let links = directEdges(id)

        // Stated, both directions.
        var statedEdges: [NodeID: [Edge]] = [:]
        for (other, edges) in links {
            let alt = edges.filter { $0.relation == .alternativeTo }
            if !alt.isEmpty { statedEdges[other] = alt }
        }
        let stated = statedEdges.compactMap { (other, edges) -> AlternativeList.Candidate? in
            guard let n = node(other) else { return nil }
            let reasons = [AlternativeReason(kind: .stated, node: n, edges: edges, weight: 0)] + sharedReasons(subject, n, links: links)
            return AlternativeList.Candidate(node: n, score: reasons.reduce(0) { $0 + $1.weight }, reasons: reasons)
        }.sorted { Self.byName($0.node, $1.node) }

        // Peers: same category or same top-level section, same kind.
        let categories = Set(self.categories(of: id).map(\.id))
        let sections = Set(categories.compactMap { rootCategory(of: $0)?.id })
        var pool = Set<NodeID>()
        for c in categories { for e in incoming(c) where e.relation == .inCategory { pool.insert(e.source) } }
        for s in sections {
            for c in descendants(of: s) { for e in incoming(c) where e.relation == .inCategory { pool.insert(e.source) } }
        }
        pool.remove(id)
        var peers: [AlternativeList.Candidate] = []
        for other in pool where statedEdges[other] == nil {
            guard let n = node(other), n.kind == subject.kind else { continue }
            if links[other]?.contains(where: { Self.complementRelations.contains($0.relation) }) == true { continue }
            let reasons = sharedReasons(subject, n, links: links)
            peers.append(AlternativeList.Candidate(node: n, score: reasons.reduce(0) { $0 + $1.weight }, reasons: reasons))
        }
        peers.sort { $0.score != $1.score ? $0.score > $1.score : Self.byName($0.node, $1.node) }
        let total = peers.count
        if limit > 0 && peers.count > limit { peers = Array(peers.prefix(limit)) }
        return AlternativeList(subject: subject, stated: stated, peers: peers, totalPeers: total)
    }

    /// What `a` and `b` share, strongest first.
    func sharedReasons(_ a: Node, _ b: Node, links: [NodeID: [Edge]]) -> [AlternativeReason] {
        var reasons: [AlternativeReason] = []
        let kin = (links[b.id] ?? []).filter { Self.kinshipRelations.contains($0.relation) }
        if !kin.isEmpty { reasons.append(AlternativeReason(kind: .related, node: b, edges: kin, weight: 4)) }
        for shared in sharedTargets(a.id, b.id, sameRelation: true) {
            reasons.append(AlternativeReason(kind: .sharedTarget, node: shared.node, edges: shared.fromA + shared.fromB, weight: 3))
        }
        let aLanguages = Set(languages(of: a.id).map(\.id))
        for l in languages(of: b.id) where aLanguages.contains(l.id) {
            reasons.append(AlternativeReason(kind: .sharedLanguage, node: l, edges: [], weight: 2))
        }
        let aCategories = categories(of: a.id)
        let aCategoryIDs = Set(aCategories.map(\.id))
        let bCategories = categories(of: b.id)
        for c in bCategories where aCategoryIDs.contains(c.id) {
            reasons.append(AlternativeReason(kind: .sharedCategory, node: c, edges: [], weight: 2))
        }
        if !bCategories.contains(where: { aCategoryIDs.contains($0.id) }) {
            let aSections = Set(aCategories.compactMap { rootCategory(of: $0.id)?.id })
            var seen = Set<NodeID>()
            for c in bCategories {
                guard let s = rootCategory(of: c.id), aSections.contains(s.id), seen.insert(s.id).inserted else { continue }
                reasons.append(AlternativeReason(kind: .sameSection, node: s, edges: [], weight: 1))
            }
        }
        return reasons
    }

    /// Edges between `id` and each node it touches, either direction.
    func directEdges(_ id: NodeID) -> [NodeID: [Edge]] {
        var links: [NodeID: [Edge]] = [:]
        for e in outgoing(id) where e.target != id { links[e.target, default: []].append(e) }
        for e in incoming(id) where e.source != id { links[e.source, default: []].append(e) }
        return links
    }

    /// A category and all its sub-groups.
    func descendants(of category: NodeID) -> [NodeID] {
        var out: [NodeID] = [category]
        var i = 0
        while i < out.count {
            for e in incoming(out[i]) where e.relation == .subcategoryOf && !out.contains(e.source) { out.append(e.source) }
            i += 1
        }
        return out
    }
}

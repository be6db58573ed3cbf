import Dispatch

// Freezing the drafts into a `CatalogGraph`: stable IDs, the graph's order, indexes.

extension GraphBuilder {
    /// One string of `sortedKeys`: its first 24 bytes as big-endian integers (zero-padded),
    /// its length (-1 when it is not ASCII) and its index.
    struct SortKey {
        var w0: UInt64 = 0, w1: UInt64 = 0, w2: UInt64 = 0
        var count: Int32 = -1
        var index: Int32 = 0

        init(_ s: String, index: Int) {
            self.index = Int32(index)
            var s = s
            s.withUTF8 { u in
                guard ASCIIKey.isASCII(u) else { return }
                var head: (UInt64, UInt64, UInt64) = (0, 0, 0)
                withUnsafeMutableBytes(of: &head) { $0.copyMemory(from: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: u.prefix(24)))) }
                (w0, w1, w2) = (UInt64(bigEndian: head.0), UInt64(bigEndian: head.1), UInt64(bigEndian: head.2))
                count = Int32(u.count)
            }
        }

        /// How the first 24 bytes of two ASCII strings compare (-1, 0 or 1), as three integers
        /// (eight bytes would be only `project:`), which is `<`'s order for ASCII; nil when
        /// either string is not ASCII, and `String` must decide.
        @inline(__always)
        static func compareHeads(_ a: SortKey, _ b: SortKey) -> Int? {
            guard a.count >= 0 && b.count >= 0 else { return nil }
            if a.w0 != b.w0 { return a.w0 < b.w0 ? -1 : 1 }
            if a.w1 != b.w1 { return a.w1 < b.w1 ? -1 : 1 }
            if a.w2 != b.w2 { return a.w2 < b.w2 ? -1 : 1 }
            return 0
        }

        /// Whether the strings of two keys differ, decided by the keys alone where they can:
        /// ASCII strings of other lengths or other first 24 bytes.
        static func differ(_ a: SortKey, _ b: SortKey, _ strings: [String]) -> Bool {
            if let heads = compareHeads(a, b), heads != 0 || a.count != b.count { return true }
            return strings[Int(a.index)] != strings[Int(b.index)]
        }

        /// `<` on the strings, ties in index order: on the heads (`compareHeads`); `String`
        /// decides only when those tie or a string is not ASCII.
        static func less(_ a: SortKey, _ b: SortKey, _ strings: [String]) -> Bool {
            if let heads = compareHeads(a, b) {
                if heads != 0 { return heads < 0 }
                if a.count <= 24 && a.count == b.count { return a.index < b.index }
            }
            let x = strings[Int(a.index)], y = strings[Int(b.index)]
            return x != y ? x < y : a.index < b.index
        }
    }

    /// `strings` as keys in the order `<` sorts them (ties in index order), sorted in two
    /// halves on two cores and merged. Several times faster than sorting the `String`s.
    static func sortedKeys(_ strings: [String]) -> [SortKey] {
        var keys = concurrentMap(strings.count) { SortKey(strings[$0], index: $0) }
        let half = keys.count / 2
        guard half >= 2_048 else {
            keys.sort { SortKey.less($0, $1, strings) }
            return keys
        }
        keys.withUnsafeMutableBufferPointer { all in
            let shared = UncheckedSendable(all)
            DispatchQueue.concurrentPerform(iterations: 2) { h in
                var part = UnsafeMutableBufferPointer(rebasing: shared.value[h == 0 ? 0..<half : half..<shared.value.count])
                part.sort { SortKey.less($0, $1, strings) }
            }
        }
        return merged(keys[..<half], keys[half...], strings)
    }

    /// Two lists of keys sorted by `SortKey.less` as one, stable (`a` first on ties).
    static func merged(_ a: ArraySlice<SortKey>, _ b: ArraySlice<SortKey>, _ strings: [String]) -> [SortKey] {
        [SortKey](unsafeUninitializedCapacity: a.count + b.count) { out, initialized in
            var i = a.startIndex, j = b.startIndex, n = 0
            while i < a.endIndex || j < b.endIndex {
                let fromB = i == a.endIndex || (j < b.endIndex && SortKey.less(b[j], a[i], strings))
                out[n] = fromB ? b[j] : a[i]
                if fromB { j += 1 } else { i += 1 }
                n += 1
            }
            initialized = n
        }
    }

    /// Drafts grouped by unqualified ID (`kind:slug`): `keys` in ID order, and for each the
    /// run of `sorted` (whose indices are drafts, in draft order within a run) that has it. Grouped by
    /// sorting, which runs on both cores, rather than by hashing every ID into a dictionary.
    struct SlugGroups {
        /// Each draft's unqualified ID.
        private(set) var ids: [String]
        /// The drafts' keys sorted by ID (each key's `index` is its draft).
        private let sorted: [SortKey]
        /// Where each ID's run starts in `sorted`; one more entry, `sorted.count`, at the end.
        private var runStart: [Int] = []

        init(_ drafts: [Draft]) {
            // The IDs on all cores.
            let ids = GraphBuilder.concurrentMap(drafts.count) { Slug.id(drafts[$0].kind, drafts[$0].name) }
            let sorted = GraphBuilder.sortedKeys(ids)
            for k in sorted.indices where k == 0 || SortKey.differ(sorted[k - 1], sorted[k], ids) { runStart.append(k) }
            runStart.append(sorted.count)
            self.ids = ids
            self.sorted = sorted
        }

        /// The IDs, given up (the groups cannot answer after this) so that the caller holds
        /// the only reference and can change them without copying.
        mutating func takeIDs() -> [String] { take(&ids, leaving: []) }

        /// The sort key of `key(k)`.
        func sortKey(_ k: Int) -> SortKey { sorted[runStart[k]] }

        /// How many distinct IDs there are.
        var count: Int { runStart.count - 1 }

        /// The `k`th ID in ID order.
        func key(_ k: Int) -> String { ids[Int(sorted[runStart[k]].index)] }

        /// The one draft of `key(k)`, if it has only one.
        func single(_ k: Int) -> Int? { runStart[k + 1] - runStart[k] == 1 ? Int(sorted[runStart[k]].index) : nil }

        /// The drafts of `key(k)`, in draft order.
        func group(_ k: Int) -> LazyMapSequence<ArraySlice<SortKey>, Int> {
            sorted[runStart[k]..<runStart[k + 1]].lazy.map { Int($0.index) }
        }

        /// Whether `key` is one of the IDs: a binary search, on the sort keys' integers where
        /// they differ.
        func contains(_ key: String) -> Bool {
            let q = SortKey(key, index: 0)
            var lo = 0, hi = count
            while lo < hi {
                let mid = (lo + hi) / 2
                let heads = SortKey.compareHeads(sortKey(mid), q)
                let below = heads != nil && heads != 0 ? heads! < 0 : self.key(mid) < key
                if below { lo = mid + 1 } else { hi = mid }
            }
            return lo < count && self.key(lo) == key
        }
    }

    /// The indices of `edges` in the graph's order, (source rank, relation, target rank): the
    /// order `Edge <` gives, since the builder's edges are unique by that triple (provenance
    /// never decides). A counting sort on the source rank, then each source's few edges sorted
    /// on (relation, target rank) as one integer: linear, where sorting all edges at once
    /// took O(e log e) comparisons. `rank[i]` is node `i`'s place; ranks are below `rank.count`.
    static func edgeOrder(_ edges: [DraftEdge], rank: [Int]) -> [Int] {
        var start = [Int](repeating: 0, count: rank.count + 1)
        for k in edges.indices { start[rank[edges[k].source] + 1] += 1 }
        for i in 0..<rank.count { start[i + 1] += start[i] }
        var next = start
        var keyed = [(key: UInt64, edge: Int)](repeating: (0, 0), count: edges.count)
        for k in edges.indices {
            let s = rank[edges[k].source]
            keyed[next[s]] = (UInt64(edges[k].relation.order) << 32 | UInt64(rank[edges[k].target]), k)
            next[s] += 1
        }
        keyed.withUnsafeMutableBufferPointer { keyed in
            for s in 0..<rank.count where start[s + 1] - start[s] > 1 {
                var group = UnsafeMutableBufferPointer(rebasing: keyed[start[s]..<start[s + 1]])
                if group.count > 16 { group.sort { $0.key < $1.key }; continue }
                // Insertion sort: a node has a few edges.
                for i in 1..<group.count {
                    let x = group[i]
                    var j = i
                    while j > 0 && group[j - 1].key > x.key { group[j] = group[j - 1]; j -= 1 }
                    group[j] = x
                }
            }
        }
        return keyed.map(\.edge)
    }

    /// The drafts as the graph: stable IDs, the graph's order, its indexes. The drafts' and
    /// edges' strings and arrays are moved into the nodes and edges, not copied: a copy
    /// retains each of them (a cache miss apiece, on objects scattered over the heap), and
    /// freeing the builder released them all again. The builder keeps empty drafts and edges.
    mutating func freeze() -> Result {
        // Stable IDs: kind + slug of the name; a repeated slug is qualified by the parent
        // category (categories) or numbered in name order (others) — never by input order.
        var slugs = SlugGroups(drafts)
        // The sort key of each unqualified ID with the draft that holds it, in ID order; the
        // drafts with qualified IDs apart, and the IDs of repeated slugs.
        var keyHolders: [SortKey] = []
        keyHolders.reserveCapacity(slugs.count)
        var qualified: [Int] = []
        var renamed: [(draft: Int, id: String)] = []
        // `taken` holds only qualified IDs: an unqualified one is in `slugs`, which the
        // collision test below checks anyway.
        var taken = Set<String>()
        for k in 0..<slugs.count {
            if slugs.single(k) != nil {
                keyHolders.append(slugs.sortKey(k))
                continue
            }
            let key = slugs.key(k)
            let sorted = slugs.group(k).sorted { a, b in
                let pa = drafts[a].parentCategory.map { drafts[$0].name } ?? ""
                let pb = drafts[b].parentCategory.map { drafts[$0].name } ?? ""
                return (drafts[a].name, pa, drafts[a].provenance.first?.location?.line ?? 0)
                     < (drafts[b].name, pb, drafts[b].provenance.first?.location?.line ?? 0)
            }
            for (n, i) in sorted.enumerated() {
                var id = key
                if n > 0 {
                    if let p = drafts[i].parentCategory { id = key + "--" + Slug.make(drafts[p].name) }
                    var suffix = n + 1
                    while taken.contains(id) || slugs.contains(id) { id = key + "-\(suffix)"; suffix += 1 }
                    taken.insert(id)
                    qualified.append(i)
                } else {
                    var holder = slugs.sortKey(k)
                    holder.index = Int32(i)
                    keyHolders.append(holder)
                }
                renamed.append((i, id))
            }
        }
        // Each draft's final ID: its unqualified one unless renamed above.
        var ids = slugs.takeIDs()
        for (i, id) in renamed { ids[i] = id }
        // The graph's order, computed here on integers rather than by `CatalogGraph` on
        // strings: nodes by ID, edges by (source ID, relation, target ID), the same order as
        // `CatalogGraph.init(nodes:edges:)` gives. The unqualified IDs are in order already;
        // the few qualified ones are sorted and merged in.
        let qualifiedKeys = qualified.map { SortKey(ids[$0], index: $0) }.sorted { SortKey.less($0, $1, ids) }
        let order = Self.merged(keyHolders[...], qualifiedKeys[...], ids).map { Int($0.index) }
        var ranks = [Int](repeating: 0, count: drafts.count)
        for (r, i) in order.enumerated() { ranks[i] = r }
        let rank = ranks
        // Nodes and edges are made on all cores, each one from its own draft.
        let finalIDs = ids
        var kinds = [NodeKind](repeating: .project, count: drafts.count)
        let nodes = drafts.withUnsafeMutableBufferPointer { draftBuffer in
            kinds.withUnsafeMutableBufferPointer { kindBuffer in
                let drafts = UncheckedSendable(draftBuffer.baseAddress!), kinds = UncheckedSendable(kindBuffer.baseAddress!)
                return Self.concurrentMap(order.count) { r in
                    let i = order[r]
                    kinds.value[i] = drafts.value[i].kind
                    return (drafts.value + i).pointee.takeNode(NodeID(finalIDs[i]))
                }
            }
        }
        let (names, edgeOrder) = concurrently({ entryIndex.reordered(rank, kinds: kinds, nodes: nodes) },
                                                  { Self.edgeOrder(edges, rank: rank) })
        var endpoints = [(source: Int32, target: Int32)](repeating: (0, 0), count: edgeOrder.count)
        let finalEdges = edges.withUnsafeMutableBufferPointer { edgeBuffer in
            endpoints.withUnsafeMutableBufferPointer { endBuffer in
                let edges = UncheckedSendable(edgeBuffer.baseAddress!), ends = UncheckedSendable(endBuffer.baseAddress!)
                return Self.concurrentMap(edgeOrder.count) { r in
                    let e = edges.value + edgeOrder[r]
                    ends.value[r] = (Int32(rank[e.pointee.source]), Int32(rank[e.pointee.target]))
                    return Edge(source: NodeID(finalIDs[e.pointee.source]), target: NodeID(finalIDs[e.pointee.target]),
                                relation: e.pointee.relation,
                                provenance: take(&e.pointee.provenance, leaving: Provenance(method: .markdown, location: nil)))
                }
            }
        }
        let graph = CatalogGraph(sortedNodes: nodes, sortedEdges: finalEdges, endpoints: endpoints, sources: sources, names: names)
        return Result(graph: graph, diagnostics: diagnostics.sorted())
    }
}

/// `value`, taken out of its place, which is left holding `empty`: a move (no retain now, no
/// release when the place is freed), where a copy would retain what `value` points to.
@inline(__always) func take<T>(_ value: inout T, leaving empty: T) -> T {
    var out = empty
    swap(&out, &value)
    return out
}

extension GraphBuilder.Draft {
    /// The node this draft becomes. Its strings and arrays are moved into the node (see
    /// `take`); the draft keeps its kind and empty values.
    mutating func takeNode(_ id: NodeID) -> Node {
        let provenance = take(&provenance, leaving: [])
        return Node(id: id, kind: kind, name: take(&name, leaving: ""), urls: take(&urls, leaving: []).elements,
                    description: take(&description, leaving: nil), aliases: take(&aliases, leaving: []),
                    provenance: provenance.count > 1 ? provenance.sorted() : provenance, level: level,
                    section: take(&section, leaving: nil), noLanguage: noLanguage, note: take(&note, leaving: nil))
    }
}

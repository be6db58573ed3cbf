// Freezing the drafts into a `CatalogGraph`: stable IDs, the graph's order, indexes.

extension GraphBuilder {
    /// The indices of `strings` in the order `<` sorts them (ties in index order). ASCII
    /// strings, which IDs nearly always are, compare as bytes copied into one buffer: the
    /// first 24 as three integers (eight would be only `project:`), the rest only when those
    /// tie. That is `<`'s order for ASCII, and several times faster than comparing `String`s.
    /// Other strings are sorted with `<` itself and merged in.
    static func sortedIndices(_ strings: [String]) -> [Int] {
        /// One string: its first 24 bytes as big-endian integers (zero-padded), where the
        /// rest of its bytes are, and its index.
        struct Key {
            var w0: UInt64 = 0, w1: UInt64 = 0, w2: UInt64 = 0
            var start = 0, count = 0
            var index = 0
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(strings.count * 8)
        var keys: [Key] = []
        keys.reserveCapacity(strings.count)
        var others: [Int] = []
        for (i, s) in strings.enumerated() {
            var s = s
            let key = s.withUTF8 { u -> Key? in
                guard ASCIIKey.isASCII(u) else { return nil }
                // The first 24 bytes, zero-padded, read as three big-endian integers.
                var head: (UInt64, UInt64, UInt64) = (0, 0, 0)
                withUnsafeMutableBytes(of: &head) { $0.copyMemory(from: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: u.prefix(24)))) }
                var key = Key(w0: UInt64(bigEndian: head.0), w1: UInt64(bigEndian: head.1), w2: UInt64(bigEndian: head.2), index: i)
                key.start = bytes.count
                key.count = u.count
                if u.count > 24 { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: u[24...])) }
                return key
            }
            if let key { keys.append(key) } else { others.append(i) }
        }
        bytes.withUnsafeBufferPointer { rest in
            keys.sort { a, b in
                if a.w0 != b.w0 { return a.w0 < b.w0 }
                if a.w1 != b.w1 { return a.w1 < b.w1 }
                if a.w2 != b.w2 { return a.w2 < b.w2 }
                // Equal first 24 bytes (a shorter string's zero padding included): compare on.
                let common = min(a.count, b.count) - 24
                var k = 0
                while k < common {
                    let x = rest[a.start + k], y = rest[b.start + k]
                    if x != y { return x < y }
                    k += 1
                }
                return a.count != b.count ? a.count < b.count : a.index < b.index
            }
        }
        let less = { (i: Int, j: Int) in strings[i] < strings[j] || (strings[i] == strings[j] && i < j) }
        return merged(keys.map(\.index), others.sorted(by: less), by: less)
    }

    /// Drafts grouped by unqualified ID (`kind:slug`), without an array per ID: `keys` in
    /// order of first use, each group's drafts in draft order.
    struct SlugGroups {
        private(set) var keys: [String] = []
        /// A key → its index in `keys`.
        private(set) var keyIndex: [String: Int] = [:]
        private var head: [Int] = []
        private var tail: [Int] = []
        /// The next draft with the same key, or -1.
        private var next: [Int]

        init(_ drafts: [Draft]) {
            next = [Int](repeating: -1, count: drafts.count)
            keys.reserveCapacity(drafts.count)
            keyIndex.reserveCapacity(drafts.count)
            // The IDs on all cores; grouping them in draft order.
            let ids = GraphBuilder.concurrentMap(drafts.count) { Slug.id(drafts[$0].kind, drafts[$0].name) }
            for (i, key) in ids.enumerated() {
                Self.place(i, &keyIndex[key, default: -1], key: key, &keys, &head, &tail, &next)
            }
        }

        private static func place(_ i: Int, _ slot: inout Int, key: String,
                                  _ keys: inout [String], _ head: inout [Int], _ tail: inout [Int], _ next: inout [Int]) {
            if slot < 0 {
                slot = keys.count
                keys.append(key)
                head.append(i)
                tail.append(i)
            } else {
                next[tail[slot]] = i
                tail[slot] = i
            }
        }

        /// The one draft of `keys[k]`, if it has only one.
        func single(_ k: Int) -> Int? { head[k] == tail[k] ? head[k] : nil }

        /// The drafts of `keys[k]`, in draft order.
        func group(_ k: Int) -> [Int] {
            var out: [Int] = []
            var i = head[k]
            while i >= 0 { out.append(i); i = next[i] }
            return out
        }

        func contains(_ key: String) -> Bool { keyIndex[key] != nil }
    }

    /// Two sorted lists as one, stable (`a` first on ties). Each element of `b` (the short
    /// list) finds its place in `a` by binary search: O(|b| log |a|) comparisons.
    static func merged(_ a: [Int], _ b: [Int], by less: (Int, Int) -> Bool) -> [Int] {
        if b.isEmpty { return a }
        var out: [Int] = []
        out.reserveCapacity(a.count + b.count)
        var from = 0
        for y in b {
            // The first element of `a` after `from` that `y` goes before.
            var lo = from, hi = a.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if less(y, a[mid]) { hi = mid } else { lo = mid + 1 }
            }
            out += a[from..<lo]
            out.append(y)
            from = lo
        }
        out += a[from...]
        return out
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

    func freeze() -> Result {
        // Stable IDs: kind + slug of the name; a repeated slug is qualified by the parent
        // category (categories) or numbered in name order (others) — never by input order.
        let slugs = SlugGroups(drafts)
        var ids = [NodeID](repeating: NodeID(""), count: drafts.count)
        // Which draft holds each unqualified ID, in key order; the qualified IDs apart.
        var keyHolders: [Int] = []
        keyHolders.reserveCapacity(slugs.keys.count)
        var qualified: [Int] = []
        // The draft that holds each key of `slugs` unqualified, by key index.
        var holderOfKey = [Int](repeating: 0, count: slugs.keys.count)
        // `taken` holds only qualified IDs: an unqualified one is a key of `slugs`, which the
        // collision test below checks anyway.
        var taken = Set<String>()
        for k in Self.sortedIndices(slugs.keys) {
            let key = slugs.keys[k]
            if let only = slugs.single(k) {
                ids[only] = NodeID(key)
                keyHolders.append(only)
                holderOfKey[k] = only
                continue
            }
            let group = slugs.group(k)
            let sorted = group.sorted { a, b in
                let pa = drafts[a].parentCategory.map { drafts[$0].name } ?? ""
                let pb = drafts[b].parentCategory.map { drafts[$0].name } ?? ""
                return (drafts[a].name, pa, drafts[a].provenance.first?.location?.line ?? 0)
                     < (drafts[b].name, pb, drafts[b].provenance.first?.location?.line ?? 0)
            }
            for (n, i) in sorted.enumerated() {
                var id = key
                if n > 0 {
                    if let p = drafts[i].parentCategory { id = key + "--" + Slug.make(drafts[p].name) }
                    var k = n + 1
                    while taken.contains(id) || slugs.contains(id) { id = key + "-\(k)"; k += 1 }
                    taken.insert(id)
                    qualified.append(i)
                } else {
                    keyHolders.append(i)
                    holderOfKey[k] = i
                }
                ids[i] = NodeID(id)
            }
        }
        // The graph's order, computed here on integers rather than by `CatalogGraph` on
        // strings: nodes by ID, edges by (source ID, relation, target ID), the same order as
        // `CatalogGraph.init(nodes:edges:)` gives. The unqualified IDs are in order already;
        // the few qualified ones are sorted and merged in.
        let order = Self.merged(keyHolders, Self.sortedIndices(qualified.map { ids[$0].rawValue }).map { qualified[$0] }) {
            ids[$0].rawValue < ids[$1].rawValue
        }
        var rank = [Int](repeating: 0, count: drafts.count)
        for (r, i) in order.enumerated() { rank[i] = r }
        // Nodes and edges are made on all cores (each one from its draft alone).
        let draftList = drafts, edgeList = edges, finalIDs = ids
        let nodes = Self.concurrentMap(order.count) { r in
            let i = order[r]
            // Field by field: copying a whole Draft retains every one of its strings.
            return Node(id: finalIDs[i], kind: draftList[i].kind, name: draftList[i].name, urls: draftList[i].urls.elements,
                        description: draftList[i].description, aliases: draftList[i].aliases,
                        provenance: draftList[i].provenance.count > 1 ? draftList[i].provenance.sorted() : draftList[i].provenance,
                        level: draftList[i].level, section: draftList[i].section, noLanguage: draftList[i].noLanguage,
                        note: draftList[i].note)
        }
        let edgeOrder = Self.edgeOrder(edges, rank: rank)
        let finalEdges = Self.concurrentMap(edgeOrder.count) { r in
            let k = edgeOrder[r]
            return Edge(source: finalIDs[edgeList[k].source], target: finalIDs[edgeList[k].target], relation: edgeList[k].relation,
                        provenance: edgeList[k].provenance)
        }
        let endpoints = edgeOrder.map { k in (source: Int32(rank[edges[k].source]), target: Int32(rank[edges[k].target])) }
        // The ID index from the slug groups' table, without hashing the IDs again.
        var qualifiedIndex: [String: Int] = [:]
        for i in qualified { qualifiedIndex[ids[i].rawValue] = rank[i] }
        let idIndex = IDIndex(slots: slugs.keyIndex, nodeOfSlot: holderOfKey.map { rank[$0] }, others: qualifiedIndex)
        let graph = CatalogGraph(sortedNodes: nodes, sortedEdges: finalEdges, endpoints: endpoints, ids: idIndex, sources: sources,
                                 names: entryIndex.reordered(rank, kinds: drafts.map(\.kind), nodes: nodes))
        return Result(graph: graph, diagnostics: diagnostics.sorted())
    }
}

import Dispatch
import OrderedCollections

/// Turns what the readers found — catalog listings, the overlay — into one `CatalogGraph`:
/// resolves names to nodes, applies the overlay, infers relations from descriptions, and gives
/// every node a stable ID.
///
/// ```swift
/// var builder = GraphBuilder()
/// builder.add(listingDocument)
/// let result = builder.finish(overlay: overlay, infer: true)
/// result.graph.nodes.count
/// ```
public struct GraphBuilder {
    /// The graph and everything found on the way (overlay errors, unknown languages, …).
    public struct Result: Sendable {
        public var graph: CatalogGraph
        public var diagnostics: [Diagnostic]
        public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }

        public init(graph: CatalogGraph, diagnostics: [Diagnostic]) {
            self.graph = graph
            self.diagnostics = diagnostics
        }
    }

    struct Draft {
        var kind: NodeKind
        var name: String
        var urls: OrderedSet<String> = []
        var description: String?
        var aliases: [String] = []
        var provenance: [Provenance] = []
        var level: Int?
        var section: String?
        var noLanguage = false
        var note: String?
        /// For categories: the parent category draft, to qualify a repeated name.
        var parentCategory: Int?
        var kindFromOverlay = false
    }

    struct DraftEdge {
        var source: Int
        var target: Int
        var relation: RelationKind
        var provenance: Provenance
    }

    struct EdgeKey: Hashable {
        var source: Int
        var target: Int
        var relation: RelationKind
    }

    /// A listing's description, kept for inference.
    struct Described {
        var node: Int
        var text: String
        var location: SourceLocation
    }

    var drafts: [Draft] = []
    var edges: [DraftEdge] = []
    var edgeIndex = EdgeTable()
    var entryIndex = NameIndex()
    var categoryByPath: [String: Int] = [:]
    var languageByName: [String: Int] = [:]
    var languageBySpelling: [String: (Int, Bool)] = [:]
    var described: [Described] = []
    var diagnostics: [Diagnostic] = []
    var sources: [String] = []
    var resourceNested: [(child: Int, parent: Int, location: SourceLocation)] = []

    public init() {}

    // MARK: - Catalog listings

    /// Adds one catalog file's headings and listings.
    /// - Complexity: O(listings) expected.
    public mutating func add(_ doc: ListingDocument) {
        // Room for what this document adds, so the tables grow once rather than by doubling.
        drafts.reserveCapacity(drafts.count + doc.listings.count + doc.headings.count)
        edges.reserveCapacity(edges.count + 2 * doc.listings.count + doc.headings.count)
        edgeIndex.reserveCapacity(edges.count + 2 * doc.listings.count + doc.headings.count)
        entryIndex.reserveCapacity(drafts.count + doc.listings.count + doc.headings.count)
        sources.append(doc.file)
        diagnostics += doc.diagnostics
        let used = usedHeadings(doc)
        var headingNode = [Int?](repeating: nil, count: doc.headings.count)
        for (h, heading) in doc.headings.enumerated() where used[h] {
            let parent = heading.parent.flatMap { headingNode[$0] }
            let path = (parent.map { drafts[$0].name + "\u{1}" } ?? "") + NameKey.exact(heading.name)
            if let existing = categoryByPath[path] {
                headingNode[h] = existing
                drafts[existing].provenance.append(.markdown(heading.location))
                continue
            }
            var d = Draft(kind: .category, name: heading.name)
            d.level = heading.level
            d.section = heading.section
            d.parentCategory = parent
            d.provenance = [.markdown(heading.location, heading.level == 0 ? "paragraph label" : String(repeating: "#", count: heading.level))]
            let idx = append(d)
            categoryByPath[path] = idx
            headingNode[h] = idx
            if let parent {
                addEdge(idx, parent, .subcategoryOf, .markdown(heading.location, heading.level == 0 ? "label under heading" : "heading under heading"))
            }
        }

        var listingNode = [Int?](repeating: nil, count: doc.listings.count)
        let keys = Self.concurrentMap(doc.listings.count) { ListingKeys(name: doc.listings[$0].name, url: doc.listings[$0].url) }
        // Listings and their keys are read in place, through pointers: a copy of either would
        // retain all of its strings.
        keys.withUnsafeBufferPointer { keys in doc.listings.withUnsafeBufferPointer { listings in
            // Linked entries first, so that plain sub-items can resolve to them.
            for pass in 0..<2 {
                for l in listings.indices where listings[l].isPlain == (pass == 1) {
                    listingNode[l] = place(listings.baseAddress! + l, keys.baseAddress! + l, headingNode)
                }
            }
            // Nesting, once every listing has its node.
            for l in listings.indices {
                guard let p = listings[l].parent, let parent = listingNode[p], let child = listingNode[l], parent != child else { continue }
                addEdge(child, parent, .subEntryOf, .markdown(listings[l].location, "nested under \(listings[p].name)"))
                resourceNested.append((child, parent, listings[l].location))
            }
        } }
    }

    /// The node of one listing, with its category, language and description.
    private mutating func place(_ listing: UnsafePointer<ListingDocument.Listing>, _ keys: UnsafePointer<ListingKeys>,
                                _ headingNode: [Int?]) -> Int {
        let node: Int
        if listing.pointee.isPlain, let existing = entryIndex.lookup(listing.pointee.name), drafts[existing].kind.isEntry {
            node = existing
            drafts[node].provenance.append(.markdown(listing.pointee.location, "plain sub-item"))
            if NameKey.exact(listing.pointee.name) != NameKey.exact(drafts[node].name),
               !drafts[node].aliases.contains(listing.pointee.name) {
                drafts[node].aliases.append(listing.pointee.name)
                entryIndex.addNames(node, [listing.pointee.name])
            }
        } else {
            node = entry(for: listing, keys)
        }
        if let h = headingNode[listing.pointee.heading] {
            addEdge(node, h, .inCategory, .markdown(listing.pointee.location))
        }
        if let prefix = listing.pointee.languagePrefix {
            let (lang, known) = language(named: prefix)
            addEdge(node, lang, .writtenIn, .markdown(listing.pointee.location, prefix + ":"))
            if !known {
                diagnostics.append(.warning("unknown-language", at: listing.pointee.location,
                    "'\(prefix)' is not a known language name\(didYouMean(Language.suggestions(for: prefix))); give the entry's languages in the overlay"))
            }
        }
        if !listing.pointee.description.isEmpty {
            described.append(Described(node: node, text: listing.pointee.description, location: listing.pointee.descriptionLocation))
        }
        return node
    }

    /// Headings that hold an entry, directly or below them; the others (a table of contents,
    /// "License", "Contributing") make no category.
    private func usedHeadings(_ doc: ListingDocument) -> [Bool] {
        var used = [Bool](repeating: false, count: doc.headings.count)
        for listing in doc.listings {
            var h: Int? = listing.heading
            while let i = h, !used[i] {
                used[i] = true
                h = doc.headings[i].parent
            }
        }
        return used
    }

    /// What `entry(for:)` needs of a listing that depends on it alone, worked out for all
    /// listings at once on all cores: its name's keys, its URL's key, whether it looks like a
    /// resource.
    struct ListingKeys: Sendable {
        var name: NameIndex.Keys
        var url: String?
        var looksLikeResource: Bool

        init(name: String, url: String?) {
            self.name = NameIndex.keys(name)
            self.url = url.map(NameKey.url)
            looksLikeResource = GraphBuilder.looksLikeResource(name, url: url)
        }
    }

    private mutating func entry(for listing: UnsafePointer<ListingDocument.Listing>, _ keys: UnsafePointer<ListingKeys>) -> Int {
        if let existing = entryIndex.lookupExact(key: keys.pointee.name.exact), drafts[existing].kind.isEntry {
            if let url = listing.pointee.url, let urlKey = keys.pointee.url, !drafts[existing].urls.contains(url) {
                drafts[existing].urls.append(url)
                entryIndex.addURL(existing, key: urlKey)
            }
            if (drafts[existing].description ?? "").isEmpty && !listing.pointee.description.isEmpty {
                drafts[existing].description = listing.pointee.description
            }
            drafts[existing].provenance.append(.markdown(listing.pointee.location, listing.pointee.isPlain ? "plain sub-item" : "entry"))
            return existing
        }
        var d = Draft(kind: keys.pointee.looksLikeResource ? .resource : .project, name: listing.pointee.name)
        if let url = listing.pointee.url { d.urls.append(url) }
        d.description = listing.pointee.description.isEmpty ? nil : listing.pointee.description
        d.provenance = [.markdown(listing.pointee.location, listing.pointee.isPlain ? "plain sub-item" : "entry")]
        return append(d, keys: keys.pointee.name, urlKeys: keys.pointee.url.map { [$0] } ?? [])
    }

    /// Articles, wikis, docs and communities are resources, not software. The overlay decides
    /// where this guess is wrong.
    static func looksLikeResource(_ name: String, url: String?) -> Bool {
        if let answer = looksLikeResourceASCII(name) { return answer }
        var lower = name.lowercased()
        // `contains` compares characters, and is slow. A word's characters can only be where
        // its bytes are (its characters are single scalars that nothing else is canonically
        // equal to), except that a CJK compatibility ideograph equals a unified one: without
        // those, a word whose bytes are not there is not there.
        let compatibility = lower.unicodeScalars.contains { (0xF900...0xFAFF).contains($0.value) || (0x2F800...0x2FA1F).contains($0.value) }
        return resourceWords.contains { word in
            (compatibility || lower.withUTF8 { Self.contains($0, word.bytes) }) && lower.contains(word.text)
        }
    }

    static let resourceWords: [(text: String, bytes: [UInt8])] = ["wiki", "internals", "documentation", "documents", "docs",
        "tutorial", "handbook", "blog", "article", "社区", "分析", "解读", "教程", "文档", "源码"].map { ($0, Array($0.utf8)) }

    /// Whether `needle` occurs in `haystack`, byte for byte.
    static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, haystack.count >= needle.count else { return needle.isEmpty }
        for i in 0...(haystack.count - needle.count) where haystack[i] == first {
            var k = 1
            while k < needle.count && haystack[i + k] == needle[k] { k += 1 }
            if k == needle.count { return true }
        }
        return false
    }

    /// `looksLikeResource` for an ASCII name, on bytes: only the English words of `resourceWords` can occur in it.
    /// One pass over the name: a word is compared only where its first letter is. nil for
    /// other names.
    static func looksLikeResourceASCII(_ name: String) -> Bool? {
        ASCIIKey.ascii(name) { u -> Bool in
            /// Whether `word` (lower-case ASCII) is at `i`, case aside.
            func at(_ i: Int, _ word: StaticString) -> Bool {
                guard i + word.utf8CodeUnitCount <= u.count else { return false }
                for k in 1..<word.utf8CodeUnitCount where ASCIIKey.lower(u[i + k]) != word.utf8Start[k] { return false }
                return true
            }
            for i in u.indices {
                let found: Bool
                switch ASCIIKey.lower(u[i]) {
                case 0x77: found = at(i, "wiki")
                case 0x69: found = at(i, "internals")
                case 0x64: found = at(i, "docs") || at(i, "documents") || at(i, "documentation")
                case 0x74: found = at(i, "tutorial")
                case 0x68: found = at(i, "handbook")
                case 0x62: found = at(i, "blog")
                case 0x61: found = at(i, "article")
                default: found = false
                }
                if found { return true }
            }
            return false
        }
    }


    private mutating func language(named spelling: String) -> (Int, Bool) {
        // Memoised by spelling: the same few prefixes repeat on most listings.
        if let known = languageBySpelling[spelling] { return known }
        let answer = resolveLanguage(named: spelling)
        languageBySpelling[spelling] = answer
        return answer
    }

    private mutating func resolveLanguage(named spelling: String) -> (Int, Bool) {
        let canonical = Language.canonicalName(spelling)
        let name = canonical ?? spelling.trimmingSpaces()
        if let i = languageByName[name] { return (i, canonical != nil) }
        var d = Draft(kind: .language, name: name)
        if canonical == nil { d.provenance = [] }
        let i = append(d)
        languageByName[name] = i
        return (i, canonical != nil)
    }

    @discardableResult
    private mutating func append(_ d: Draft) -> Int {
        append(d, keys: NameIndex.keys(d.name), urlKeys: d.urls.map(NameKey.url))
    }

    /// `append` with the name's and URLs' keys computed already.
    private mutating func append(_ d: Draft, keys: NameIndex.Keys, urlKeys: [String]) -> Int {
        let i = drafts.count
        drafts.append(d)
        entryIndex.add(i, kind: d.kind, name: d.name, keys: keys, aliases: d.aliases, urlKeys: urlKeys)
        return i
    }

    /// Adds an edge, or keeps the better provenance when the same edge exists: the overlay over
    /// the catalog's structure over inference, higher confidence over lower.
    private mutating func addEdge(_ s: Int, _ t: Int, _ r: RelationKind, _ p: Provenance) {
        var key = EdgeKey(source: s, target: t, relation: r)
        if r.isSymmetric, edgeIndex[key] == nil, edgeIndex[EdgeKey(source: t, target: s, relation: r)] != nil {
            key = EdgeKey(source: t, target: s, relation: r)
        }
        if let existing = edgeIndex[key] {
            let old = edges[existing].provenance
            if Self.rank(p) > Self.rank(old) { edges[existing].provenance = p }
            return
        }
        edgeIndex[key] = edges.count
        edges.append(DraftEdge(source: key.source, target: key.target, relation: r, provenance: p))
    }

    private static func rank(_ p: Provenance) -> Double {
        switch p.method {
        case .overlay: return 3
        case .markdown: return 2
        case .inferred: return 1 + (p.confidence ?? 0) / 2
        }
    }

    // MARK: - Overlay, inference, IDs

    /// Applies the overlay, infers relations (unless `infer` is false) and freezes the graph.
    public mutating func finish(overlay: Overlay? = nil, infer: Bool = true) -> Result {
        var rejected = Set<EdgeKey>()
        var curatedPairs = Set<[Int]>()
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

    private mutating func apply(_ overlay: Overlay, rejected: inout Set<EdgeKey>, curatedPairs: inout Set<[Int]>) {
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
            curatedPairs.insert([min(s, t), max(s, t)])
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

    var rejectedExternalNames: [(String, Overlay.Statement)] = []
    var rejectStatements: [(EdgeKey, Overlay.Statement)] = []

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

    private mutating func inferRelations(rejected: Set<EdgeKey>, curatedPairs: Set<[Int]>, overlay: Overlay?) {
        let index = entryIndex
        let kinds = drafts.map(\.kind)
        let names = drafts.map { [$0.name] + $0.aliases }
        let inferrer = RelationInferrer(resolve: { index.lookup($0) },
                                        isExcluded: { $0 < kinds.count && (kinds[$0] == .category || kinds[$0] == .language) },
                                        spellings: { $0 < names.count ? names[$0] : [] },
                                        filter: CandidateFilter(keys: index.nameKeys, count: index.nameKeyCount))
        var usedRejects = Set<EdgeKey>()
        var externalByKey: [String: Int] = [:]
        let found = Self.infer(described.map(\.text), with: inferrer)
        for (k, d) in described.enumerated() {
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
                if curatedPairs.contains([min(d.node, target), max(d.node, target)]) { continue }
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

    /// Each text's hits, on all cores. Reading descriptions is independent work: the resolver
    /// looks names up in a snapshot of the index, so the hits do not depend on the order in
    /// which they are found, and they are applied afterwards in listing order.
    static func infer(_ texts: [String], with inferrer: RelationInferrer) -> [[RelationInferrer.Hit]] {
        concurrentMap(texts.count) { inferrer.infer(texts[$0]) }
    }

    /// `(0..<count).map(body)` on all cores, in chunks of at least 256; each chunk fills only
    /// its own slots, so the result does not depend on timing.
    static func concurrentMap<T>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
        let chunks = min(64, (count + 255) / 256)
        guard chunks > 1 else { return (0..<count).map(body) }
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            let out = UncheckedSendable(buffer.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                for i in (c * count / chunks)..<((c + 1) * count / chunks) {
                    (out.value + i).initialize(to: body(i))
                }
            }
            initialized = count
        }
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

    private func freeze() -> Result {
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

/// A value (usually a buffer pointer) handed to worker threads that each touch a disjoint part
/// of it; shared by the reader, the builder and the writers that split work across cores.
public struct UncheckedSendable<T>: @unchecked Sendable {
    public let value: T
    public init(_ value: T) { self.value = value }
}

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
    /// Overlay rejects whose target names no node (yet): inference may create it.
    var rejectedExternalNames: [(String, Overlay.Statement)] = []
    var rejectStatements: [(EdgeKey, Overlay.Statement)] = []
    /// Set by `finish`, which moves the drafts' texts into the graph: the builder is used up.
    var finished = false

    public init() {}

    // MARK: - Catalog listings

    /// Adds one catalog file's headings and listings.
    /// - Complexity: O(listings) expected.
    public mutating func add(_ doc: ListingDocument) {
        precondition(!finished, "GraphBuilder.add after finish: finish uses the builder up; make a new one")
        // Room for what this document adds, so the tables grow once rather than by doubling.
        drafts.reserveCapacity(drafts.count + doc.listings.count + doc.headings.count)
        edges.reserveCapacity(edges.count + 2 * doc.listings.count + doc.headings.count)
        edgeIndex.reserveCapacity(edges.count + 2 * doc.listings.count + doc.headings.count)
        entryIndex.reserveCapacity(drafts.count + doc.listings.count + doc.headings.count)
        // Edges from the nodes this document makes are looked up in their own short lists.
        edgeIndex.beginBatch(freshFrom: drafts.count)
        defer { edgeIndex.commit() }
        sources.append(doc.file)
        diagnostics += doc.diagnostics
        let used = usedHeadings(doc)
        var headingNode = [Int?](repeating: nil, count: doc.headings.count)
        for h in doc.headings.indices where used[h] {
            headingNode[h] = placeHeading(doc.headings[h], headingNode)
        }

        var listingNode = [Int?](repeating: nil, count: doc.listings.count)
        // Each listing's keys and draft on all cores. Every one is moved out exactly once below
        // (each listing is placed once), so the buffer is then only deallocated.
        let keys = doc.listings.withUnsafeBufferPointer { listings in
            let shared = UncheckedSendable(listings)
            return Self.concurrentInitialize(listings.count) { ListingKeys(shared.value.baseAddress! + $0) }
        }
        defer { keys.deallocate() }
        // Listings are read in place, through a pointer: a copy would retain all of its strings.
        doc.listings.withUnsafeBufferPointer { listings in
            // Linked entries first, so that plain sub-items can resolve to them. Linked entries
            // look names up only exactly: their loose and URL keys are filed after them at once.
            entryIndex.deferLooseKeys()
            for pass in 0..<2 {
                if pass == 1 { entryIndex.fileDeferredKeys() }
                for l in listings.indices where listings[l].isPlain == (pass == 1) {
                    listingNode[l] = place(listings.baseAddress! + l, (keys.baseAddress! + l).move(), headingNode)
                }
            }
            nest(listings, listingNode)
        }
    }

    /// The category of a used heading (its parent's, if any, is placed already): a new one, or
    /// the one already made for the same path (a heading repeated under the same parent).
    mutating func placeHeading(_ heading: ListingDocument.Heading, _ headingNode: [Int?]) -> Int {
        let parent = heading.parent.flatMap { headingNode[$0] }
        let path = (parent.map { drafts[$0].name + "\u{1}" } ?? "") + NameKey.exact(heading.name)
        if let existing = categoryByPath[path] {
            drafts[existing].provenance.append(.markdown(heading.location))
            return existing
        }
        var d = Draft(kind: .category, name: heading.name)
        d.level = heading.level
        d.section = heading.section
        d.parentCategory = parent
        d.provenance = [.markdown(heading.location, heading.level == 0 ? "paragraph label" : String(repeating: "#", count: heading.level))]
        let idx = append(d)
        categoryByPath[path] = idx
        if let parent {
            addEdge(idx, parent, .subcategoryOf, .markdown(heading.location, heading.level == 0 ? "label under heading" : "heading under heading"))
        }
        return idx
    }

    /// Nesting edges, once every listing has its node.
    mutating func nest(_ listings: UnsafeBufferPointer<ListingDocument.Listing>, _ listingNode: [Int?]) {
        for l in listings.indices {
            guard let p = listings[l].parent, let parent = listingNode[p], let child = listingNode[l], parent != child else { continue }
            addEdge(child, parent, .subEntryOf, .markdown(listings[l].location, "nested under \(listings[p].name)"))
            resourceNested.append((child, parent, listings[l].location))
        }
    }

    /// The node of one listing, with its category, language and description.
    mutating func place(_ listing: UnsafePointer<ListingDocument.Listing>, _ keys: consuming ListingKeys,
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
            node = entry(for: listing, &keys)
        }
        if let h = headingNode[listing.pointee.heading] {
            addEdge(node, h, .inCategory, .markdown(listing.pointee.location))
        }
        if let prefix = listing.pointee.languagePrefix {
            let (lang, known) = language(named: prefix)
            addEdge(node, lang, .writtenIn, .markdown(listing.pointee.location, keys.languagePhrase.take() ?? prefix + ":"))
            if !known {
                diagnostics.append(.warning("unknown-language", at: listing.pointee.location,
                    "'\(prefix)' is not a known language name\(didYouMean(Language.suggestions(for: prefix))); give the entry's languages in the overlay"))
            }
        }
        if var d = keys.described.take() {
            d.node = node
            described.append(d)
        }
        return node
    }

    /// Headings that hold an entry, directly or below them; the others (a table of contents,
    /// "License", "Contributing") make no category.
    private func usedHeadings(_ doc: ListingDocument) -> [Bool] {
        var used = [Bool](repeating: false, count: doc.headings.count)
        for listing in doc.listings { Self.markUsed(listing.heading, doc.headings, &used) { _ in } }
        return used
    }

    /// Marks heading `h` and those above it used, up to the first that is already; `newlyUsed`
    /// gets the ones marked now, innermost first.
    static func markUsed(_ h: Int, _ headings: [ListingDocument.Heading], _ used: inout [Bool], newlyUsed: (Int) -> Void) {
        var h: Int? = h
        while let i = h, !used[i] {
            used[i] = true
            newlyUsed(i)
            h = headings[i].parent
        }
    }

    /// What placing a listing needs of it alone, worked out for all listings at once on all
    /// cores: its name's and URL's keys with their hashes, the draft of the entry it makes if
    /// its name is new, and its description for inference (without its node). The serial
    /// placing then moves these into the builder's tables, hashing and allocating nothing.
    struct ListingKeys: Sendable {
        /// Optional so that placing can move the keys out (`take`) instead of retaining them.
        var name: NameIndex.Keys?
        var url: KeyMap.Key?
        var draft: Draft?
        var described: Described?
        /// The phrase of the `writtenIn` edge a language prefix makes (`Go:`).
        var languagePhrase: String?

        /// The provenance a listing gives its entry.
        static func provenance(_ listing: ListingDocument.Listing) -> Provenance {
            .markdown(listing.location, listing.isPlain ? "plain sub-item" : "entry")
        }
    }

    private mutating func entry(for listing: UnsafePointer<ListingDocument.Listing>, _ keys: inout ListingKeys) -> Int {
        if let existing = entryIndex.lookupExact(key: keys.name!.exact), drafts[existing].kind.isEntry {
            if let url = listing.pointee.url, let urlKey = keys.url, !drafts[existing].urls.contains(url) {
                drafts[existing].urls.append(url)
                entryIndex.addURL(existing, key: urlKey)
            }
            if (drafts[existing].description ?? "").isEmpty && !listing.pointee.description.isEmpty {
                drafts[existing].description = listing.pointee.description
            }
            drafts[existing].provenance.append(ListingKeys.provenance(listing.pointee))
            return existing
        }
        let i = append(keys.draft.take()!, keys: keys.name.take()!, urlKeys: [])
        if let url = keys.url.take() { entryIndex.addURL(i, key: url) }
        return i
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


    mutating func language(named spelling: String) -> (Int, Bool) {
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
    mutating func append(_ d: Draft) -> Int {
        append(d, keys: NameIndex.keys(d.name), urlKeys: d.urls.map { KeyMap.Key(NameKey.url($0)) })
    }

    /// `append` with the name's and URLs' keys computed already.
    mutating func append(_ d: consuming Draft, keys: consuming NameIndex.Keys, urlKeys: [KeyMap.Key]) -> Int {
        let i = drafts.count
        entryIndex.add(i, kind: d.kind, keys: keys, aliases: d.aliases, urlKeys: urlKeys)
        drafts.append(d)
        return i
    }

    /// Adds an edge, or keeps the better provenance when the same edge exists: the overlay over
    /// the catalog's structure over inference, higher confidence over lower.
    /// Takes `p`, to move it into the edge rather than copy it (and release the original).
    mutating func addEdge(_ s: Int, _ t: Int, _ r: RelationKind, _ p: consuming Provenance) {
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

    /// `(0..<count).map(body)` on all cores, in chunks of at least 256; each chunk fills only
    /// its own slots, so the result does not depend on timing.
    static func concurrentMap<T>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
        [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            concurrentFill(buffer.baseAddress, count, body)
            initialized = count
        }
    }

    /// `concurrentMap` into memory the caller owns: it deinitializes (or moves out) the
    /// elements and deallocates the buffer.
    static func concurrentInitialize<T>(_ count: Int, _ body: @Sendable (Int) -> T) -> UnsafeMutableBufferPointer<T> {
        let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: count)
        concurrentFill(buffer.baseAddress, count, body)
        return buffer
    }

    /// Initializes `base[0..<count]` to `body(i)`, in chunks of at least 256 on all cores.
    private static func concurrentFill<T>(_ base: UnsafeMutablePointer<T>?, _ count: Int, _ body: @Sendable (Int) -> T) {
        guard let base else { return }
        let chunks = min(64, (count + 255) / 256)
        guard chunks > 1 else {
            for i in 0..<count { (base + i).initialize(to: body(i)) }
            return
        }
        let out = UncheckedSendable(base)
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            for i in (c * count / chunks)..<((c + 1) * count / chunks) {
                (out.value + i).initialize(to: body(i))
            }
        }
    }
}

extension GraphBuilder.ListingKeys {
    /// Reads the listing in place: taking it (the default for an initializer) made every caller
    /// copy it, retaining each of its strings, and this release them again. Every field is
    /// made first and the memberwise initializer (kept by declaring this one in an extension)
    /// given them all: a draft built up in a local, and `self` set field by field, were each
    /// copied whole and the originals destroyed.
    @inline(__always)
    init(_ listing: UnsafePointer<ListingDocument.Listing>) {
        let name = listing.pointee.name, url = listing.pointee.url, description = listing.pointee.description
        self.init(name: NameIndex.keys(name),
                  url: url.map { KeyMap.Key(NameKey.url($0)) },
                  draft: GraphBuilder.Draft(kind: GraphBuilder.looksLikeResource(name, url: url) ? .resource : .project, name: name,
                                            urls: url.map { OrderedSet(uncheckedUniqueElements: [$0]) } ?? [],
                                            description: description.isEmpty ? nil : description,
                                            provenance: [Self.provenance(listing.pointee)]),
                  described: description.isEmpty ? nil : GraphBuilder.Described(node: -1, text: description,
                                                                                location: listing.pointee.descriptionLocation),
                  languagePhrase: listing.pointee.languagePrefix.map { $0 + ":" })
    }
}

/// A value (usually a buffer pointer) handed to worker threads that each touch a disjoint part
/// of it; shared by the reader, the builder and the writers that split work across cores.
public struct UncheckedSendable<T>: @unchecked Sendable {
    public let value: T
    public init(_ value: T) { self.value = value }
}

/// `(a(), b())`, the two run at once on two threads (the builder, the graph and the CSV set
/// use it). They must not write anything the
/// other reads.
public func concurrently<A, B>(_ a: () -> A, _ b: () -> B) -> (A, B) {
    withoutActuallyEscaping(a) { a in
        withoutActuallyEscaping(b) { b in
            var results: (A?, B?) = (nil, nil)
            withUnsafeMutablePointer(to: &results) { out in
                let shared = UncheckedSendable((a, b, out))
                DispatchQueue.concurrentPerform(iterations: 2) { k in
                    if k == 0 { shared.value.2.pointee.0 = shared.value.0() } else { shared.value.2.pointee.1 = shared.value.1() }
                }
            }
            return (results.0!, results.1!)
        }
    }
}

// Placing one catalog file while it is still being read (`GraphBuilder.FileStream`).

extension GraphBuilder {
    /// What placing needs of a run of listings alone (`ListingKeys`), worked out on the thread
    /// that read them; `FileStream.place` moves each one out, in order.
    public final class PreparedListings: @unchecked Sendable {
        private let keys: UnsafeMutableBufferPointer<ListingKeys>
        /// `keys[..<taken]` have been moved out.
        private var taken = 0

        /// The keys of `listings`, in their order.
        public init(_ listings: [ListingDocument.Listing]) {
            keys = .allocate(capacity: listings.count)
            listings.withUnsafeBufferPointer { listings in
                for i in listings.indices { (keys.baseAddress! + i).initialize(to: ListingKeys(listings.baseAddress! + i)) }
            }
        }

        /// The next listing's keys, moved out.
        fileprivate func next() -> ListingKeys {
            precondition(taken < keys.count, "more listings than prepared keys")
            defer { taken += 1 }
            return (keys.baseAddress! + taken).move()
        }

        deinit {
            UnsafeMutableBufferPointer(rebasing: keys[taken...]).deinitialize()
            keys.deallocate()
        }
    }

    /// `add(doc)` for one file whose listings arrive in runs (the reader's pieces, in file
    /// order), so that placing runs beside reading instead of after it. Each run's headings
    /// and linked entries are placed as it arrives; plain sub-items (which may name an entry
    /// listed later) and nesting wait for `finish`, as in `add`.
    ///
    /// The builder it makes is the one `add` makes for the whole document, down to the order of
    /// drafts and edges. `add` numbers the file's categories first, but how many there are is
    /// known only at the end (a heading is made only when an entry is listed under it). So
    /// the categories go into a builder of their own, numbered as in `add` — a heading is first
    /// used in heading order, since an entry below a heading comes after it and before any
    /// later heading outside it — and the entries and languages into another, numbered from 0;
    /// `finish` moves those up by the number of categories (a walk over the tables, no look-up).
    /// Linked entries do not see the categories while they are placed: such an entry looks its
    /// name up exactly and takes only an entry for an answer (`pick` prefers entries to
    /// categories), so no answer changes. Plain sub-items, whose look-up can stop at a
    /// category, are placed in `finish`, with the categories filed.
    public struct FileStream {
        private let file: String
        /// The file's categories, numbered as in the finished builder.
        private var categories = GraphBuilder()
        /// Entries and languages, numbered from 0; `inCategory` edges point at `categories`.
        private var entries = GraphBuilder()
        private var used: [Bool] = []
        private var headingNode: [Int?] = []
        /// Linked listings' nodes in `entries`; nil for plain sub-items until `finish`.
        private var listingNode: [Int?] = []
        /// Plain sub-items' keys, for `finish`.
        private var plainKeys: [ListingKeys] = []
        private var finished = false
        /// Listings placed since their loose and URL keys were last filed.
        private var unfiled = 0

        /// A stream for one file (`ListingDocument.file`) into a new builder; room is made for
        /// `expectedListings` up front, so the tables grow less often.
        public init(file: String, expectedListings: Int = 0) {
            self.file = file
            entries.drafts.reserveCapacity(expectedListings)
            entries.edges.reserveCapacity(2 * expectedListings)
            entries.described.reserveCapacity(expectedListings)
            listingNode.reserveCapacity(expectedListings)
            entries.entryIndex.reserveCapacity(expectedListings)
            entries.entryIndex.deferLooseKeys()
            entries.edgeIndex.beginBatch(freshFrom: 0)
        }

        /// Places the listings of `doc` from `first` on (the run that arrived), with the headings
        /// they are listed under; `prepared` holds their keys, in order.
        public mutating func place(_ doc: ListingDocument, from first: Int, prepared: PreparedListings) {
            used += repeatElement(false, count: doc.headings.count - used.count)
            headingNode += repeatElement(nil, count: doc.headings.count - headingNode.count)
            doc.listings.withUnsafeBufferPointer { listings in
                for l in first..<listings.count {
                    var newlyUsed: [Int] = []
                    GraphBuilder.markUsed(listings[l].heading, doc.headings, &used) { newlyUsed.append($0) }
                    for h in newlyUsed.reversed() { headingNode[h] = categories.placeHeading(doc.headings[h], headingNode) }
                    if listings[l].isPlain {
                        plainKeys.append(prepared.next())
                        listingNode.append(nil)
                    } else {
                        listingNode.append(entries.place(listings.baseAddress! + l, prepared.next(), headingNode))
                    }
                }
            }
            // Linked entries look names up only exactly, so their loose and URL keys wait
            // (`deferLooseKeys`), as in `add`; they are filed in rounds here, while later pieces
            // are parsed, so that `finish` has only the last round left to file.
            unfiled += doc.listings.count - first
            if unfiled >= 1 << 15 {
                entries.entryIndex.fileDeferredKeys()
                entries.entryIndex.deferLooseKeys()
                unfiled = 0
            }
        }

        /// The builder with the whole file placed: what `add(doc)` gives a new builder. `doc`
        /// is the document whose runs were placed, complete. The stream's tables are moved
        /// into the builder (mutating, not consuming: a consumed stream the compiler could
        /// not move was copied, and every table with it); the stream is used up.
        public mutating func finish(_ doc: ListingDocument) -> GraphBuilder {
            precondition(!finished, "FileStream.finish twice")
            precondition(doc.listings.count == listingNode.count, "FileStream.finish before every listing was placed")
            finished = true
            let offset = categories.drafts.count
            var b = GraphBuilder()
            b.sources = [file]
            b.diagnostics = doc.diagnostics + entries.diagnostics
            b.categoryByPath = take(&categories.categoryByPath, leaving: [:])
            b.languageByName = entries.languageByName.mapValues { $0 + offset }
            b.languageBySpelling = entries.languageBySpelling.mapValues { ($0.0 + offset, $0.1) }
            // The name index on one core; drafts, descriptions and edges on the other. Every
            // table is moved out of the stream, so nothing is copied.
            var entryIndex = take(&entries.entryIndex, leaving: NameIndex())
            var drafts = take(&entries.drafts, leaving: [])
            var described = take(&entries.described, leaving: [])
            var edges = take(&entries.edges, leaving: [])
            var edgeIndex = EdgeTable()
            let categoryDrafts = categories.drafts, categoryEdges = categories.edges
            _ = concurrently({
                entryIndex.shiftNodes(by: offset, kindsInFront: categoryDrafts.map(\.kind))
                for c in categoryDrafts.indices {
                    entryIndex.add(c, kind: .category, keys: NameIndex.keys(categoryDrafts[c].name), aliases: [], urlKeys: [])
                }
                entryIndex.fileDeferredKeys()
            }, {
                drafts.insert(contentsOf: categoryDrafts, at: 0)
                for k in described.indices { described[k].node += offset }
                // The categories' edges first, then the entries' with their entry ends moved up
                // (an `inCategory` edge's target is a category already).
                for i in edges.indices {
                    edges[i].source += offset
                    if edges[i].relation != .inCategory { edges[i].target += offset }
                }
                edges.insert(contentsOf: categoryEdges, at: 0)
                edgeIndex.reserveCapacity(edges.count + edges.count / 8)
                edgeIndex.beginBatch(freshFrom: 0)
                for i in edges.indices {
                    edgeIndex[EdgeKey(source: edges[i].source, target: edges[i].target, relation: edges[i].relation)] = i
                }
                edgeIndex.commit()
            })
            b.entryIndex = take(&entryIndex, leaving: NameIndex())
            b.drafts = take(&drafts, leaving: [])
            b.described = take(&described, leaving: [])
            b.edges = take(&edges, leaving: [])
            b.edgeIndex = take(&edgeIndex, leaving: EdgeTable())
            // Plain sub-items and nesting, as in `add`: their new nodes' edges in a batch.
            b.edgeIndex.beginBatch(freshFrom: b.drafts.count)

            var nodes = take(&listingNode, leaving: []).map { $0.map { $0 + offset } }
            plainKeys.reverse()   // taken from the end, so that each is moved out rather than copied
            doc.listings.withUnsafeBufferPointer { listings in
                for l in listings.indices where listings[l].isPlain {
                    nodes[l] = b.place(listings.baseAddress! + l, plainKeys.removeLast(), headingNode)
                }
                b.nest(listings, nodes)
            }
            b.edgeIndex.commit()
            return b
        }
    }
}

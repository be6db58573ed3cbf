import Foundation
import EcoGraph

/// Reads an awesome-list catalog with cmark-gfm, the parser GitHub renders it with, into a
/// `ListingDocument`: headings (`##`…`####`), paragraph labels (`Open Messaging:`), entries
/// (`[Lang: Name](url): desc`, `[Name](url) - desc`, bare links), nested entries and plain
/// sub-items. Tables of contents (lists of `#anchor` links) and HTML blocks are skipped.
///
/// Large files are cut at top-level headings (outside code fences and HTML comments) and the
/// pieces parsed on all cores, so that no whole-file syntax tree is ever held.
///
/// ```swift
/// let doc = try MarkdownCatalogReader().read(path: "graphs/distributed-architecture.md")
/// doc.listings.count   // 165: 160 linked entries and 5 plain sub-items
/// ```
public struct MarkdownCatalogReader: Sendable {
    /// Files larger than this are parsed in pieces.
    public var chunkThreshold = 1 << 20
    /// The size pieces are cut to (at the first heading past it). Small pieces are faster:
    /// cmark-gfm walks each piece's whole tree twice after parsing it (joining text nodes,
    /// finding autolinks), and the reader a third time; a 64 KB piece's tree (about ten times
    /// its text) is still in the cache for those walks, a 1 MB piece's is not.
    public var pieceSize = 1 << 16

    public init() {}

    /// - Throws: `DiagnosticError` for a missing file, invalid UTF-8, an empty file or one with no entries.
    public func read(path: String) throws -> ListingDocument {
        try read(data: Self.contents(of: path), file: path)
    }

    public func read(data: Data, file: String) throws -> ListingDocument {
        try data.withUnsafeBytes { raw in
            try read(bytes: raw.bindMemory(to: UInt8.self), file: file)
        }
    }

    public func read(bytes: UnsafeBufferPointer<UInt8>, file: String) throws -> ListingDocument {
        let chunks = try self.chunks(of: bytes, file: file)
        var pieces: [Piece] = []
        Self.parse(bytes, chunks, file: file, prepare: false) { piece, _ in
            pieces.append(piece)
            return piece.invalidUTF8 == nil
        }
        try Self.checkUTF8(pieces.last, bytes, file: file)
        // The safety net under the cutter: a cut is wrong only inside a fenced code block or an
        // HTML block that the whole file would still have open there, and then the piece before
        // it ends in that block. When any piece but the last ends in such a block, the file is
        // read whole instead (slower, never different).
        if pieces.dropLast().contains(where: \.endsInRawBlock) { return try Self.readWhole(bytes, file: file) }
        var doc = ListingDocument(file: file)
        doc.listings.reserveCapacity(pieces.reduce(0) { $0 + $1.listings.count })
        Piece.merge(&pieces, into: &doc, file: file)
        try Self.checkHasEntries(doc)
        return doc
    }

    /// `read(path:)` and `GraphBuilder.add` side by side: each piece's headings and linked
    /// entries are placed (`GraphBuilder.FileStream`) on the calling thread as soon as it and
    /// every piece before it are parsed, while the other cores parse the pieces after it. The
    /// document and the builder are those of `read(path:)` and `add` on a new builder.
    /// - Throws: what `read(path:)` throws.
    public func readAndPlace(path: String) throws -> (document: ListingDocument, builder: GraphBuilder) {
        try Self.contents(of: path).withUnsafeBytes { raw in
            try readAndPlace(bytes: raw.bindMemory(to: UInt8.self), file: path)
        }
    }

    public func readAndPlace(bytes: UnsafeBufferPointer<UInt8>, file: String) throws -> (document: ListingDocument, builder: GraphBuilder) {
        let chunks = try self.chunks(of: bytes, file: file)
        // Room for a listing per 200 bytes (the generated catalogs have one per 260), so that
        // neither the listings nor the stream's tables grow while pieces arrive: growing
        // copies them, and the name tables rehash. A guess only sizes them.
        let expected = bytes.count / 200
        var doc = ListingDocument(file: file)
        doc.listings.reserveCapacity(expected)
        var merger = Piece.Merger(file: file)
        var stream = GraphBuilder.FileStream(file: file, expectedListings: expected)
        var cutWrongly = false
        var invalid: Piece? = nil
        Self.parse(bytes, chunks, file: file, prepare: true) { piece, c in
            if piece.invalidUTF8 != nil {
                invalid = piece
                return false
            }
            // The safety net of `read`, piece by piece: what was placed is dropped.
            if c < chunks.count - 1 && piece.endsInRawBlock {
                cutWrongly = true
                return false
            }
            let first = doc.listings.count
            merger.append(&piece, to: &doc)
            stream.place(doc, from: first, prepared: piece.prepared!)
            return true
        }
        try Self.checkUTF8(invalid, bytes, file: file)
        if cutWrongly {
            let whole = try Self.readWhole(bytes, file: file)
            var builder = GraphBuilder()
            builder.add(whole)
            return (whole, builder)
        }
        try Self.checkHasEntries(doc)
        return (doc, stream.finish(doc))
    }

    /// The file's bytes, copied. (Mapped, they were faster to get, but a file truncated while it
    /// is read, as a catalog regenerated in place is, ended the process with SIGBUS.)
    private static func contents(of path: String) throws -> Data {
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            let exists = FileManager.default.fileExists(atPath: path)
            throw DiagnosticError(.error(exists ? "unreadable" : "no-such-file", at: nil, file: path, kind: .noInput,
                                         exists ? "cannot read the file; check its permissions"
                                                : "no such file; check the path (commands read graphs/distributed-architecture.md unless -c names another catalog)"))
        }
    }

    /// The pieces to parse `bytes` in, after checking that there is text. Whether it is UTF-8
    /// is checked piece by piece as the pieces are parsed (`parse`), on all cores.
    private func chunks(of bytes: UnsafeBufferPointer<UInt8>, file: String) throws -> [Chunker.Chunk] {
        if bytes.isEmpty || bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            throw DiagnosticError(.error("empty", at: SourceLocation(file: file, line: 1, column: 1),
                                         "the catalog is empty; a catalog lists entries as '- [Name](https://…): description' under '## Category' headings"))
        }
        return bytes.count <= chunkThreshold
            ? [Chunker.Chunk(range: 0..<bytes.count, firstLine: 1)]
            : Chunker.split(bytes, target: Chunker.hasReferenceDefinitions(bytes) ? chunkThreshold : min(chunkThreshold, pieceSize))
    }

    /// The file parsed as one piece (when a cut was wrong).
    private static func readWhole(_ bytes: UnsafeBufferPointer<UInt8>, file: String) throws -> ListingDocument {
        var doc = ListingDocument(file: file)
        var merger = Piece.Merger(file: file)
        var invalid: Piece? = nil
        parse(bytes, [Chunker.Chunk(range: 0..<bytes.count, firstLine: 1)], file: file, prepare: false) { piece, _ in
            invalid = piece
            merger.append(&piece, to: &doc)
            return true
        }
        try checkUTF8(invalid, bytes, file: file)
        try checkHasEntries(doc)
        return doc
    }

    /// Throws the invalid-UTF-8 error of `piece` (the first piece, in file order, that found
    /// one), if it found one.
    private static func checkUTF8(_ piece: Piece?, _ bytes: UnsafeBufferPointer<UInt8>, file: String) throws {
        guard let offset = piece?.invalidUTF8 else { return }
        let bad = UTF8Check.located(offset, in: bytes)
        throw DiagnosticError(.error("invalid-utf8", at: SourceLocation(file: file, line: bad.line, column: bad.column),
                                     "invalid UTF-8 (byte 0x\(String(bad.byte, radix: 16, uppercase: true))); save the file as UTF-8"))
    }

    private static func checkHasEntries(_ doc: ListingDocument) throws {
        if doc.listings.isEmpty {
            throw DiagnosticError(.error("no-entries", at: SourceLocation(file: doc.file, line: 1, column: 1),
                                         "no entries found; a catalog lists entries as '- [Name](https://…): description' under '## Category' headings"))
        }
    }
}

extension MarkdownCatalogReader {
    /// Parses and converts each chunk of `bytes` on all cores, and hands the pieces to
    /// `consume` (with their index) in file order, on the calling thread, each as soon as it
    /// and the ones before it are done: cores hand out chunks in index order, so the calling
    /// thread works on piece k while they parse the pieces after it. `consume` returns false to
    /// stop: no more pieces are handed over, and the unparsed ones are skipped. Each piece is
    /// `consume`'s to change (`Merger.append` moves its listings out).
    ///
    /// Each chunk is checked for UTF-8 on the core that parses it, just before (its bytes are
    /// then in the cache for the parse): a chunk that is not UTF-8 is not parsed, and its piece
    /// holds only the offset of its first bad byte (`invalidUTF8`). Chunks start at line
    /// starts, so the first bad byte of the first such piece is the file's first bad byte.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, _ chunks: [Chunker.Chunk], file: String, prepare: Bool,
                      consume: (inout Piece, Int) -> Bool) {
        let base = UncheckedSendable(bytes.baseAddress!)
        let arenas = CmarkArenaPool()
        @Sendable func piece(_ c: Int) -> Piece {
            let range = chunks[c].range
            let slice = UnsafeBufferPointer(start: base.value + range.lowerBound, count: range.count)
            if let bad = UTF8Check.firstInvalidOffset(slice) { return Piece(invalidUTF8: range.lowerBound + bad) }
            var piece = CmarkParser.parse(slice, arenas: arenas) { document in
                var piece = Piece.convert(document, lineOffset: chunks[c].firstLine - 1, slice: slice, file: file)
                piece.endsInRawBlock = document.lastChild?.isRawBlock ?? false
                return piece
            } ?? Piece()
            if prepare { piece.prepared = GraphBuilder.PreparedListings(piece.listings) }
            return piece
        }
        guard chunks.count > 1 else {
            var only = piece(0)
            _ = consume(&only, 0)
            return
        }
        let slots = PieceSlots(count: chunks.count)
        let parsed = DispatchSemaphore(value: 0)
        // A thread of its own drives the parse: it parses itself, so the parse goes on even
        // when the dispatch pool has no thread to spare (the caller may be one of them).
        Thread {
            DispatchQueue.concurrentPerform(iterations: chunks.count) { c in
                slots.put(slots.isStopped ? Piece() : piece(c), at: c)
            }
            parsed.signal()
        }.start()
        for c in chunks.indices {
            var next = slots.take(c)
            if !consume(&next, c) {
                slots.stop()
                break
            }
        }
        // The workers read `bytes`, which the caller owns only until this returns.
        parsed.wait()
    }
}

/// Parsed pieces on their way from the parsing threads to the one that consumes them in order.
private final class PieceSlots: @unchecked Sendable {  // every field is read and written under `condition`
    private let condition = NSCondition()
    private var pieces: [Piece?]
    private var stopped = false

    init(count: Int) { pieces = [Piece?](repeating: nil, count: count) }

    func put(_ piece: Piece, at c: Int) {
        condition.lock()
        pieces[c] = piece
        condition.signal()
        condition.unlock()
    }

    /// Piece `c`, once it is there; it is moved out.
    func take(_ c: Int) -> Piece {
        condition.lock()
        defer { condition.unlock() }
        while pieces[c] == nil { condition.wait() }
        return pieces[c].take()!
    }

    var isStopped: Bool {
        condition.lock()
        defer { condition.unlock() }
        return stopped
    }

    func stop() {
        condition.lock()
        stopped = true
        condition.unlock()
    }
}

/// One parsed piece of the file, in Swift values, with lines already made absolute.
struct Piece {
    enum Event {
        case heading(level: Int, name: String, line: Int, column: Int)
        case label(name: String, line: Int, column: Int)
        /// The next of `listings`.
        case listing
    }

    var events: [Event] = []
    /// The piece's listings, made on the thread that parsed it: `heading` is not set yet and
    /// `parent` indexes this piece's listings (`Merger` sets both).
    var listings: [ListingDocument.Listing] = []
    /// The listings' keys for `GraphBuilder.FileStream`, when the piece is read for one.
    var prepared: GraphBuilder.PreparedListings?
    /// Whether the piece's last top-level block is a code or HTML block (see `parse`).
    var endsInRawBlock = false
    /// The file offset of the first byte of the piece's text that breaks UTF-8 (the piece is
    /// then not parsed; see `parse`).
    var invalidUTF8: Int? = nil

    /// Converts one parsed piece: walks cmark's tree and copies out headings, labels and
    /// listings, with lines made absolute.
    static func convert(_ document: CmarkNode, lineOffset: Int, slice: UnsafeBufferPointer<UInt8>, file: String) -> Piece {
        var c = PieceConverter(file: file, lineOffset: lineOffset, lines: LineTable(slice))
        c.piece.listings.reserveCapacity(slice.count / 200)   // about one listing per 260 bytes in large catalogs
        var block = document.firstChild
        while let node = block {
            block = node.next
            switch node.kind {
            case .heading:
                let name = c.plainText(node).trimmingSpaces()
                c.piece.events.append(.heading(level: node.headingLevel, name: name, line: node.line + lineOffset, column: node.column))
            case .paragraph:
                // A short paragraph ending in ':' followed by a list labels a group of entries.
                guard let next = block, next.kind == .list else { continue }
                var text = ""
                var hasLink = false
                _ = Self.walkInlines(node) { inline in
                    switch inline {
                    case .text(let t): text += String(decoding: t, as: UTF8.self)
                    case .softBreak: text += " "
                    case .link: hasLink = true
                    }
                    return true
                }
                text = text.trimmingSpaces()
                guard !hasLink, text.hasSuffix(":") || text.hasSuffix("："), text.count <= 60, text.count > 1 else { continue }
                c.piece.events.append(.label(name: String(text.dropLast()).trimmingSpaces(), line: node.line + lineOffset, column: node.column))
            case .list:
                if isTableOfContents(node) { continue }
                c.addItems(node, parent: nil)
            default:
                continue
            }
        }
        return c.piece
    }

    /// One inline as the reader sees it.
    enum Inline {
        case text(UnsafeBufferPointer<UInt8>)
        case softBreak
        case link(CmarkNode)
    }

    /// Walks a paragraph's inlines, flattened: emphasis is see-through, images and inline HTML
    /// are dropped, a link is one inline (not walked into), a line break is a soft break.
    /// `visit` returns false to stop; the result is false when it did.
    static func walkInlines(_ node: CmarkNode, _ visit: (Inline) -> Bool) -> Bool {
        var child = node.firstChild
        while let n = child {
            switch n.kind {
            case .text, .code:
                if !visit(.text(n.literal)) { return false }
            case .softBreak, .lineBreak:
                if !visit(.softBreak) { return false }
            case .link:
                if !visit(.link(n)) { return false }
            case .image, .htmlInline:
                break
            default:
                if !walkInlines(n, visit) { return false }
            }
            child = n.next
        }
        return true
    }

    /// A list whose links all point into the page (`#anchor`) is a table of contents.
    static func isTableOfContents(_ list: CmarkNode) -> Bool {
        var anchors = 0, others = 0
        func count(_ list: CmarkNode) {
            for item in list.children {
                if let first = item.firstChild, first.kind == .paragraph {
                    // The first link of the item's first paragraph.
                    _ = walkInlines(first) { inline in
                        guard case .link(let link) = inline else { return true }
                        if link.url.first == UInt8(ascii: "#") { anchors += 1 } else { others += 1 }
                        return false
                    }
                }
                for sub in item.children where sub.kind == .list { count(sub) }
            }
        }
        count(list)
        return anchors > 0 && anchors >= others * 4
    }

    /// What stands between an entry's link and its description: `:`, `-`, `–`, `—`, `：`.
    static func dropSeparator(_ text: String) -> String {
        var s = Substring(text.trimmingSpaces())
        if let f = s.first, isSeparator(f) { s = s.dropFirst() }
        return String(s).trimmingSpaces()
    }

    /// `:`, `：`, `-`, `–`, `—` or `,`, tested on the character's one scalar: no other
    /// character is canonically equal to one of them, and comparing `Character`s is slow.
    static func isSeparator(_ c: Character) -> Bool {
        let scalars = c.unicodeScalars
        guard let f = scalars.first, scalars.index(after: scalars.startIndex) == scalars.endIndex else { return false }
        switch f {
        case ":", "：", "-", "–", "—", ",": return true
        default: return false
        }
    }

    /// Text of a piece, blank when it has nothing but white space (`trimmingSpaces` leaves
    /// nothing): an ASCII byte other than white space settles it on bytes; only text with other
    /// scripts' spaces (U+3000, U+00A0, …), mixed with ASCII ones or not, needs the general trim.
    static func isBlank(_ t: UnsafeBufferPointer<UInt8>) -> Bool {
        var allASCII = true
        for b in t {
            if b >= 0x80 { allASCII = false } else if b != 0x20 && !(0x09...0x0D).contains(b) { return false }
        }
        return allASCII || String(decoding: t, as: UTF8.self).trimmingSpaces().isEmpty
    }

    static func bareName(_ url: String) -> String {
        var s = Substring(url)
        if let r = s.range(of: "://") { s = s[r.upperBound...] }
        let parts = s.split(separator: "/").filter { !$0.isEmpty && $0 != "#readme" }
        return String(parts.count > 1 ? parts.last! : parts.first ?? s)
    }

    /// Joins pieces in file order (`Merger`).
    static func merge(_ pieces: inout [Piece], into doc: inout ListingDocument, file: String) {
        var merger = Merger(file: file)
        for p in pieces.indices { merger.append(&pieces[p], to: &doc) }
    }

    /// Joins pieces to a document one after the other, in file order: headings get their
    /// parents (the nearest shallower heading), labels belong to the heading above them,
    /// listings point at their heading. A heading's parent may be in an earlier piece.
    struct Merger {
        let file: String
        private var stack: [Int] = []          // open headings, levels increasing
        private var section: String? = nil
        private var current: Int? = nil        // heading or label entries are listed under
        private var currentHeading: Int? = nil // the heading a label hangs from
        private var implicitRoot: Int? = nil

        init(file: String) { self.file = file }

        /// Moves `piece`'s listings into `doc` (a copy would retain each of their strings, and
        /// dropping the piece release them again), leaving `Listing.placeholder`s in their place.
        mutating func append(_ piece: inout Piece, to doc: inout ListingDocument) {
            let listingBase = doc.listings.count
            let events = piece.events
            piece.listings.withUnsafeMutableBufferPointer { moved in
                append(events, moving: moved, to: &doc, listingBase: listingBase)
            }
        }

        private mutating func append(_ events: [Event], moving listings: UnsafeMutableBufferPointer<ListingDocument.Listing>,
                                     to doc: inout ListingDocument, listingBase: Int) {
            var next = 0
            defer { listings.baseAddress?.initialize(repeating: .placeholder, count: next) }   // the moved-out slots
            for event in events {
                switch event {
                case .heading(let level, let name, let line, let column):
                    while let top = stack.last, doc.headings[top].level >= level { stack.removeLast() }
                    if level == 1 { section = name }
                    let parent = level == 1 ? nil : stack.last.flatMap { doc.headings[$0].level >= 2 ? $0 : nil }
                    doc.headings.append(.init(name: name, level: level, parent: parent, section: level == 1 ? nil : section,
                                              location: SourceLocation(file: file, line: line, column: column)))
                    let h = doc.headings.count - 1
                    stack.append(h)
                    current = h
                    currentHeading = h
                case .label(let name, let line, let column):
                    doc.headings.append(.init(name: name, level: 0, parent: currentHeading, section: section,
                                              location: SourceLocation(file: file, line: line, column: column)))
                    current = doc.headings.count - 1
                case .listing:
                    // Set in place and moved straight into `doc`: a local copy was copied twice.
                    let listing = listings.baseAddress! + next
                    next += 1
                    if let c = current {
                        listing.pointee.heading = c
                    } else {
                        if implicitRoot == nil {
                            doc.headings.append(.init(name: "Uncategorized", level: 2, parent: nil, section: nil,
                                                      location: SourceLocation(file: file, line: listing.pointee.location.line, column: 1)))
                            implicitRoot = doc.headings.count - 1
                        }
                        listing.pointee.heading = implicitRoot!
                    }
                    if let p = listing.pointee.parent { listing.pointee.parent = p + listingBase }
                    doc.listings.append(listing.move())
                }
            }
        }
    }
}

extension ListingDocument.Listing {
    /// A listing that owns no memory (its texts are empty), left where one was moved out.
    static let placeholder = ListingDocument.Listing(name: "", languagePrefix: nil, url: nil, description: "", heading: 0, parent: nil,
                                                     isPlain: true, location: SourceLocation(file: "", line: 0, column: 0),
                                                     descriptionLocation: SourceLocation(file: "", line: 0, column: 0))
}

/// Walks the list items of one piece into `Piece` events, reusing one byte buffer for the
/// text of every item.
struct PieceConverter {
    var piece = Piece()
    let file: String
    let lineOffset: Int
    let lines: LineTable
    /// The text of the item being read: its first text (for plain items) and what follows.
    private var text: [UInt8] = []
    private var plain: [UInt8] = []

    init(file: String, lineOffset: Int, lines: LineTable) {
        self.file = file
        self.lineOffset = lineOffset
        self.lines = lines
        text.reserveCapacity(1024)
        plain.reserveCapacity(256)
    }

    mutating func addItems(_ list: CmarkNode, parent: Int?) {
        for item in list.children {
            var me: Int? = nil
            if let first = item.firstChild, first.kind == .paragraph, var raw = listing(item, paragraph: first) {
                raw.parent = parent
                piece.events.append(.listing)
                me = piece.listings.count
                piece.listings.append(raw)
            }
            for sub in item.children where sub.kind == .list {
                addItems(sub, parent: me ?? parent)
            }
        }
    }

    /// The text of a node's inlines (images and HTML left out, breaks as spaces).
    mutating func plainText(_ node: CmarkNode) -> String {
        plain.removeAll(keepingCapacity: true)
        Self.appendPlain(node, to: &plain)
        return String(decoding: plain, as: UTF8.self)
    }

    private static func appendPlain(_ node: CmarkNode, to out: inout [UInt8]) {
        for n in node.children {
            switch n.kind {
            case .text, .code: out.append(contentsOf: n.literal)
            case .softBreak, .lineBreak: out.append(0x20)
            case .image, .htmlInline: break
            default: appendPlain(n, to: &out)
            }
        }
    }

    private enum First {
        case link(url: String, text: String)
        case text
        case softBreak
    }

    /// The listing an item's first paragraph makes, if any: `[Name](url) rest`, or plain text.
    mutating func listing(_ item: CmarkNode, paragraph: CmarkNode) -> ListingDocument.Listing? {
        var first: First? = nil
        text.removeAll(keepingCapacity: true)
        _ = Piece.walkInlines(paragraph) { inline in
            switch inline {
            case .text(let t):
                if first == nil {
                    // Leading white space is not the entry.
                    if Piece.isBlank(t) { return true }
                    first = .text
                }
                text.append(contentsOf: t)
            case .softBreak:
                if first == nil {
                    first = .softBreak
                    return false
                }
                text.append(0x20)
            case .link(let link):
                if first == nil {
                    first = .link(url: String(decoding: link.url, as: UTF8.self), text: plainText(link))
                } else {
                    Self.appendPlain(link, to: &text)
                }
            }
            return true
        }
        guard let first else { return nil }
        let line = item.line + lineOffset
        let column = item.column
        /// The listing, its heading to be set by `Merger`.
        func made(name: String, prefix: String?, url: String?, description: String, isPlain: Bool, descriptionColumn: Int) -> ListingDocument.Listing {
            ListingDocument.Listing(name: name, languagePrefix: prefix, url: url, description: description, heading: 0, parent: nil,
                                    isPlain: isPlain, location: SourceLocation(file: file, line: line, column: column),
                                    descriptionLocation: SourceLocation(file: file, line: line, column: descriptionColumn))
        }
        switch first {
        case .link(let url, let linkText):
            if url.hasPrefix("#") { return nil }
            let description = text.withUnsafeBufferPointer(TextBytes.droppingSeparator)
            let trimmedText = linkText.trimmingSpaces()
            let (prefix, name) = Language.splitPrefix(trimmedText.isEmpty ? url : trimmedText)
            let dcol = description.isEmpty ? column : lines.column(of: description, line: item.line, fallback: column)
            return made(name: name, prefix: prefix, url: url, description: description, isPlain: false, descriptionColumn: dcol)
        case .text:
            let whole = String(decoding: text, as: UTF8.self).trimmingSpaces()
            if whole.hasPrefix("http://") || whole.hasPrefix("https://") {
                // A bare link: the URL is the entry, its last path part the name.
                let url = String(whole.prefix { !$0.isWhitespace })
                let description = String(whole.dropFirst(url.count)).trimmingSpaces()
                return made(name: Piece.bareName(url), prefix: nil, url: url, description: description, isPlain: false,
                            descriptionColumn: column)
            }
            // A plain sub-item names a project ("Apache ActiveMQ", "macOS - Operating system …");
            // long prose is not an entry.
            var name = whole, description = ""
            if let dash = TextBytes.firstRange(of: " - ", in: whole) ?? TextBytes.firstRange(of: " – ", in: whole) {
                name = String(whole[..<dash.lowerBound]).trimmingSpaces()
                description = String(whole[dash.upperBound...]).trimmingSpaces()
            }
            guard !name.isEmpty, name.count <= 60, !TextBytes.contains(". ", in: name) else { return nil }
            let (prefix, bare) = Language.splitPrefix(name)
            let dcol = description.isEmpty ? column : lines.column(of: description, line: item.line, fallback: column)
            return made(name: bare, prefix: prefix, url: nil, description: description, isPlain: true, descriptionColumn: dcol)
        case .softBreak:
            return nil
        }
    }
}

/// Byte offsets of line starts within a piece, to place descriptions at their column.
struct LineTable {
    let slice: UnsafeBufferPointer<UInt8>
    private var starts: [Int] = [0]

    /// Line ends found with `memchr` (the C library's word-at-a-time search).
    init(_ slice: UnsafeBufferPointer<UInt8>) {
        self.slice = slice
        starts.reserveCapacity(slice.count / 40)
        guard let base = slice.baseAddress else { return }
        var from = 0
        while from < slice.count, let nl = memchr(base + from, 0x0A, slice.count - from) {
            from = base.distance(to: nl.assumingMemoryBound(to: UInt8.self)) + 1
            starts.append(from)
        }
    }

    /// The 1-based byte column where `text` (its first 12 bytes) first occurs on `line`
    /// (1-based, within the piece; the line's range includes its line feed).
    func column(of text: String, line: Int, fallback: Int) -> Int {
        guard line >= 1, line <= starts.count else { return fallback }
        let start = starts[line - 1]
        let end = line < starts.count ? starts[line] : slice.count
        var text = text
        return text.withUTF8 { t in
            let count = min(t.count, 12)
            guard count > 0, end - start >= count else { return fallback }
            let base = slice.baseAddress!
            var i = start
            // Each candidate start found by `memchr` on the first byte, then compared whole.
            while i + count <= end, let hit = memchr(base + i, Int32(t[0]), end - count + 1 - i) {
                i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if memcmp(base + i, t.baseAddress!, count) == 0 { return i - start + 1 }
                i += 1
            }
            return fallback
        }
    }
}

/// Cuts a large file at top-level ATX headings that stand outside fenced code and outside the
/// HTML blocks that may hold blank lines, so each piece parses to the same blocks as the whole
/// would. Where it cannot be sure, it does not cut: a missed cut costs speed, a wrong one
/// changes the result.
enum Chunker {
    struct Chunk {
        var range: Range<Int>
        var firstLine: Int
    }

    /// What the line being scanned is inside of.
    private enum Open {
        case nothing
        /// A fenced code block: its fence byte and length (a closing fence is at least as long).
        case fence(UInt8, Int)
        /// An HTML block that ends at the line holding `end` (compared ignoring ASCII case):
        /// CommonMark's kinds 1–5 (`<pre`, `<script`, `<style`, `<textarea`, `<!--`, `<?`,
        /// `<!X`, `<![CDATA[`), the only ones a blank line does not end.
        case html(end: [UInt8])
    }

    static func split(_ bytes: UnsafeBufferPointer<UInt8>, target: Int) -> [Chunk] {
        var ranges: [Chunk] = []
        var start = 0, startLine = 1, line = 1
        var i = 0
        var open = Open.nothing
        // Cuts are made only at an ATX heading after a blank line: a blank line ends every
        // paragraph, list and HTML block (of the kinds that end at one) above it.
        var previousBlank = true
        let n = bytes.count
        while i < n {
            // i is at a line start
            let lineEnd = memchr(bytes.baseAddress! + i, 0x0A, n - i).map {
                bytes.baseAddress!.distance(to: $0.assumingMemoryBound(to: UInt8.self))
            } ?? n
            // Fences and HTML blocks may be indented by up to three spaces.
            var j = i
            while j < lineEnd && j - i < 3 && bytes[j] == 0x20 { j += 1 }
            switch open {
            case .fence(let f, let length):
                if run(of: f, in: bytes, from: j, to: lineEnd) >= length { open = .nothing }
            case .html(let end):
                if contains(bytes, i, lineEnd, end) { open = .nothing }
            case .nothing:
                let b = j < lineEnd ? bytes[j] : 0x0A
                if (b == 0x60 || b == 0x7E), case let length = run(of: b, in: bytes, from: j, to: lineEnd), length >= 3 {
                    open = .fence(b, length)
                } else if b == 0x3C, let end = htmlBlockEnd(bytes, j, lineEnd) {
                    // The block may end on its first line (`<!-- note -->`).
                    if !contains(bytes, j + 1, lineEnd, end) { open = .html(end: end) }
                } else if bytes[i] == 0x23 && i - start >= target && previousBlank && isHeading(bytes, i, lineEnd) {
                    ranges.append(Chunk(range: start..<i, firstLine: startLine))
                    start = i
                    startLine = line
                }
            }
            if case .nothing = open { previousBlank = isBlank(bytes, i, lineEnd) } else { previousBlank = false }
            i = lineEnd + 1
            line += 1
        }
        ranges.append(Chunk(range: start..<n, firstLine: startLine))
        return ranges
    }

    /// How many `b` bytes start at `from`.
    private static func run(of b: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int {
        var k = from
        while k < to && bytes[k] == b { k += 1 }
        return k - from
    }

    /// For a line whose text starts with `<` at `from`: the text that ends the HTML block it
    /// opens, for the kinds a blank line does not end; nil for any other line.
    private static func htmlBlockEnd(_ bytes: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> [UInt8]? {
        func startsWith(_ text: String, at k: Int) -> Bool {
            let t = Array(text.utf8)
            guard to - k >= t.count else { return false }
            return t.indices.allSatisfy { lowerASCII(bytes[k + $0]) == t[$0] }
        }
        for tag in ["pre", "script", "style", "textarea"] where startsWith("<" + tag, at: from) {
            let after = from + 1 + tag.utf8.count
            if after == to || [0x20, 0x09, 0x0D, 0x3E].contains(bytes[after]) { return Array("</\(tag)>".utf8) }
        }
        if startsWith("<!--", at: from) { return Array("-->".utf8) }
        if startsWith("<![cdata[", at: from) { return Array("]]>".utf8) }
        if startsWith("<?", at: from) { return Array("?>".utf8) }
        if startsWith("<!", at: from), from + 2 < to, (0x41...0x5A).contains(bytes[from + 2]) || (0x61...0x7A).contains(bytes[from + 2]) {
            return Array(">".utf8)
        }
        return nil
    }

    private static func lowerASCII(_ b: UInt8) -> UInt8 { (0x41...0x5A).contains(b) ? b | 0x20 : b }

    /// `#` to `######`, then a space, a tab or the line's end.
    private static func isHeading(_ bytes: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Bool {
        var i = from
        while i < to && i - from < 7 && bytes[i] == 0x23 { i += 1 }
        return i - from <= 6 && (i == to || bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0D)
    }

    private static func isBlank(_ bytes: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Bool {
        (from..<to).allSatisfy { bytes[$0] == 0x20 || bytes[$0] == 0x09 || bytes[$0] == 0x0D }
    }

    /// Whether the file may define link references (`[name]: url`): they resolve only within
    /// the piece that holds them, so such a file is cut into as few pieces as before the pieces
    /// were made small. Any `]:` counts.
    static func hasReferenceDefinitions(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        var i = 0
        while i < bytes.count - 1, let hit = memchr(base + i, 0x5D, bytes.count - 1 - i) {
            i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) + 1
            if bytes[i] == 0x3A { return true }
        }
        return false
    }

    /// Whether `needle` (lower-case) occurs in `from..<to`, ignoring ASCII case.
    private static func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int, _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, to - from >= needle.count else { return false }
        var i = from
        while i + needle.count <= to {
            if lowerASCII(bytes[i]) == first && needle.indices.allSatisfy({ lowerASCII(bytes[i + $0]) == needle[$0] }) { return true }
            i += 1
        }
        return false
    }
}

/// Finds the first byte that breaks UTF-8 (or is NUL), and its line and column.
enum UTF8Check {
    /// The line and column of the byte at offset `bad`, and the byte.
    static func located(_ bad: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (line: Int, column: Int, byte: UInt8) {
        // Lines are counted only when there is something to report.
        var line = 1, lineStart = 0
        for i in 0..<bad where bytes[i] == 0x0A {
            line += 1
            lineStart = i + 1
        }
        return (line, bad - lineStart + 1, bytes[bad])
    }

    /// The offset of the first byte that is NUL or breaks UTF-8. Runs of ASCII are skipped
    /// eight bytes at a time.
    static func firstInvalidOffset(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0
        let n = bytes.count
        let raw = UnsafeRawBufferPointer(bytes)
        while i < n {
            if i + 8 <= n {
                let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                let highBits: UInt64 = 0x8080_8080_8080_8080
                // No byte with its high bit set, and no zero byte: eight ASCII characters.
                if w & highBits == 0 && (w &- 0x0101_0101_0101_0101) & ~w & highBits == 0 {
                    i += 8
                    continue
                }
            }
            let b = bytes[i]
            if b < 0x80 {
                if b == 0 { return i }
                i += 1
                continue
            }
            // Two- and three-byte characters (Latin, CJK) checked whole: lead byte, continuation
            // bytes, no overlong form (C0, C1, E0 below A0) and no surrogate (ED A0…BF).
            if b >= 0xC2 && b < 0xE0 && i + 1 < n && bytes[i + 1] & 0xC0 == 0x80 {
                i += 2
                continue
            }
            if b & 0xF0 == 0xE0 && i + 2 < n && bytes[i + 1] & 0xC0 == 0x80 && bytes[i + 2] & 0xC0 == 0x80
                && (b != 0xE0 || bytes[i + 1] >= 0xA0) && (b != 0xED || bytes[i + 1] < 0xA0) {
                i += 3
                continue
            }
            var need = 0
            var min: UInt32 = 0
            var cp: UInt32 = 0
            if b & 0xE0 == 0xC0 { need = 1; cp = UInt32(b & 0x1F); min = 0x80 }
            else if b & 0xF0 == 0xE0 { need = 2; cp = UInt32(b & 0x0F); min = 0x800 }
            else if b & 0xF8 == 0xF0 { need = 3; cp = UInt32(b & 0x07); min = 0x10000 }
            else { return i }
            for k in 1...need {
                guard i + k < n, bytes[i + k] & 0xC0 == 0x80 else { return i }
                cp = (cp << 6) | UInt32(bytes[i + k] & 0x3F)
            }
            if cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) { return i }
            i += need + 1
        }
        return nil
    }
}

internal import CCmarkGFM
import Foundation
import EcoGraph

/// The one place that touches cmark-gfm. It parses a piece of markdown and lets the reader
/// walk the tree through `CmarkNode`, which is valid only inside the walk: parser and document
/// are released when it returns, so no C pointer escapes. The reader copies what a catalog
/// needs into Swift values as it goes (no intermediate tree).
enum CmarkParser {
    private static let registration = NSLock()
    nonisolated(unsafe) private static var registered = false

    /// cmark-gfm's extension registry is global and its first registration races: do it once,
    /// under a lock, before any parser is made.
    private static func ensureExtensions() {
        registration.lock()
        defer { registration.unlock() }
        if !registered {
            cmark_gfm_core_extensions_ensure_registered()
            registered = true
        }
    }

    /// Held while a parser finishes. `cmark_parser_finish` parses the inlines, and for that
    /// puts the extensions' trigger characters (autolink's `:` and `w`, strikethrough's `~`)
    /// into cmark-gfm's one global table of special characters and takes them out again when
    /// it is done (github/cmark-gfm#176, still open). A parser finishing on another core took
    /// them out under this one's feet, so bare URLs were autolinked in some runs and not in
    /// others. Block parsing (`cmark_parser_feed`) and our walk of the tree still run on all
    /// cores; only the inline phase takes turns.
    private static let inlines = NSLock()

    /// Parses `bytes` (UTF-8, already validated) and hands the document to `walk`. The whole
    /// tree lives in an arena from `arenas`, released at once when `walk` returns.
    static func parse<T>(_ bytes: UnsafeBufferPointer<UInt8>, arenas: CmarkArenaPool = CmarkArenaPool(),
                         walk: (CmarkNode) -> T) -> T? {
        ensureExtensions()
        return arenas.withArena { arena in
            arena.withCurrent { mem -> T? in
                guard let parser = cmark_parser_new_with_mem(CMARK_OPT_DEFAULT, mem) else { return nil }
                defer { cmark_parser_free(parser) }
                for name in ["autolink", "strikethrough", "table", "tagfilter"] {
                    if let ext = cmark_find_syntax_extension(name) {
                        cmark_parser_attach_syntax_extension(parser, ext)
                    }
                }
                bytes.withMemoryRebound(to: CChar.self) { chars in
                    cmark_parser_feed(parser, chars.baseAddress, chars.count)
                }
                // No cmark_node_free: freeing node by node cost as much as parsing; the arena goes whole.
                guard let document = inlines.withLock({ cmark_parser_finish(parser) }) else { return nil }
                return walk(CmarkNode(node: document))
            }
        }
    }
}

/// A node of the tree being walked; valid only inside `CmarkParser.parse`'s `walk`.
struct CmarkNode {
    fileprivate let node: OpaquePointer

    enum Kind {
        case heading, paragraph, list, item
        case text, code, softBreak, lineBreak, link, image, htmlInline
        case other
    }

    var kind: Kind {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_HEADING: return .heading
        case CMARK_NODE_PARAGRAPH: return .paragraph
        case CMARK_NODE_LIST: return .list
        case CMARK_NODE_ITEM: return .item
        case CMARK_NODE_TEXT: return .text
        case CMARK_NODE_CODE: return .code
        case CMARK_NODE_SOFTBREAK: return .softBreak
        case CMARK_NODE_LINEBREAK: return .lineBreak
        case CMARK_NODE_LINK: return .link
        case CMARK_NODE_IMAGE: return .image
        case CMARK_NODE_HTML_INLINE: return .htmlInline
        default: return .other
        }
    }

    var firstChild: CmarkNode? { cmark_node_first_child(node).map(CmarkNode.init) }
    var lastChild: CmarkNode? { cmark_node_last_child(node).map(CmarkNode.init) }
    /// A code block or an HTML block: the blocks whose text a heading-like line can be part of.
    var isRawBlock: Bool {
        let type = cmark_node_get_type(node)
        return type == CMARK_NODE_CODE_BLOCK || type == CMARK_NODE_HTML_BLOCK
    }
    var next: CmarkNode? { cmark_node_next(node).map(CmarkNode.init) }
    var line: Int { Int(cmark_node_get_start_line(node)) }
    var column: Int { Int(cmark_node_get_start_column(node)) }
    var headingLevel: Int { Int(cmark_node_get_heading_level(node)) }

    /// The children, in order.
    var children: some Sequence<CmarkNode> {
        sequence(state: firstChild) { (node: inout CmarkNode?) -> CmarkNode? in
            defer { node = node?.next }
            return node
        }
    }

    /// The literal of a text, code or HTML node, as bytes valid during the walk (empty for none).
    var literal: UnsafeBufferPointer<UInt8> { Self.bytes(cmark_node_get_literal(node)) }

    /// A link's destination, as bytes valid during the walk.
    var url: UnsafeBufferPointer<UInt8> { Self.bytes(cmark_node_get_url(node)) }

    private static func bytes(_ c: UnsafePointer<CChar>?) -> UnsafeBufferPointer<UInt8> {
        guard let c else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: UnsafeRawPointer(c).assumingMemoryBound(to: UInt8.self), count: strlen(c))
    }
}

/// Memory for cmark-gfm parses: handed out from large mapped blocks, never reused within a
/// parse, and all released at once when the parse is done. cmark allocates and frees a node,
/// a string buffer or a list at a time; through the system allocator, on two threads, that
/// was about a third of reading a large catalog.
///
/// The allocation itself is C (`ecograph_arena_*` in the CCmarkGFM shim): a bump of the
/// thread's cursor, a few instructions where a call through Swift (a thread-local look-up,
/// the class, its checks) cost ten times as many. cmark's callbacks carry no context, so the
/// arena in use is a thread-local: each parse runs on one thread with its own arena
/// (cmark-gfm's own arena allocator is a single global one, unusable from two threads). This
/// class owns the blocks and opens the next one when the cursor's runs out.
///
/// An arena serves one parse at a time and can be `reset()` for the next: its blocks are kept,
/// which costs less than mapping fresh pages (each first touch of a fresh page is a page fault
/// that the kernel answers by clearing it). Only `calloc`'s memory is zeroed, when it is handed
/// out: string buffers grown through `realloc` (most of the bytes) need no clearing.
final class CmarkArena {
    /// Mapped blocks, kept from parse to parse.
    private var blocks: [(start: UnsafeMutableRawPointer, size: Int)] = []
    /// The block allocations come from now (an index into `blocks`).
    private var current = -1
    /// Where the next allocation goes and where the current block ends; read and moved by C.
    private let cursor: UnsafeMutablePointer<ecograph_arena_cursor>
    private var mem = ecograph_arena_mem()

    static let blockSize = 1 << 22

    init() {
        cursor = .allocate(capacity: 1)
        cursor.initialize(to: ecograph_arena_cursor(next: nil, end: nil, context: nil, overflow: { context, size in
            Unmanaged<CmarkArena>.fromOpaque(context!).takeUnretainedValue().allocateInNewBlock(size)
        }))
    }

    deinit {
        for b in blocks { munmap(b.start, b.size) }
        cursor.deinitialize(count: 1)
        cursor.deallocate()
    }

    /// Runs `body` with this arena as the current thread's, handing it cmark's allocator.
    func withCurrent<T>(_ body: (UnsafeMutablePointer<cmark_mem>) -> T) -> T {
        cursor.pointee.context = Unmanaged.passUnretained(self).toOpaque()
        ecograph_arena_set_current(cursor)
        defer {
            ecograph_arena_set_current(nil)
            cursor.pointee.context = nil
        }
        return withExtendedLifetime(self) { withUnsafeMutablePointer(to: &mem) { body($0) } }
    }

    /// Forgets every allocation, keeping the blocks for the next parse.
    func reset() {
        current = -1
        cursor.pointee.next = nil
        cursor.pointee.end = nil
    }

    /// Moves on to the next kept block with room for `size` bytes (or maps a new one) and
    /// allocates there; nil when no memory can be mapped.
    private func allocateInNewBlock(_ size: Int) -> UnsafeMutableRawPointer? {
        let need = Int(ecograph_arena_rounded(size))
        var i = current + 1
        while i < blocks.count && blocks[i].size < need { i += 1 }
        if i == blocks.count {
            let size = max(Self.blockSize, need)
            guard let block = mmap(nil, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANON, -1, 0),
                  block != MAP_FAILED else { return nil }
            blocks.append((block, size))
        }
        // A block skipped for being too small stays unused until the next reset.
        current = i
        let start = blocks[i].start
        start.storeBytes(of: size, as: Int.self)
        cursor.pointee.next = (start + need).assumingMemoryBound(to: CChar.self)
        cursor.pointee.end = (start + blocks[i].size).assumingMemoryBound(to: CChar.self)
        return start + 16
    }
}

/// Arenas for the parses of one read, one per thread at a time: a parse takes one, and gives
/// it back (reset) for the next piece, so a large file maps its memory once per core instead
/// of once per piece.
final class CmarkArenaPool: @unchecked Sendable {
    private var free: [CmarkArena] = []
    private let lock = NSLock()

    func withArena<T>(_ body: (CmarkArena) -> T) -> T {
        let arena = lock.withLock { free.popLast() } ?? CmarkArena()
        defer {
            arena.reset()
            lock.withLock { free.append(arena) }
        }
        return body(arena)
    }
}

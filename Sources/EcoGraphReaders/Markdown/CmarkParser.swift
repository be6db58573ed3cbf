internal import CCmarkGFM
import Foundation
import EcoGraph

/// The one place that touches cmark-gfm. It parses a piece of markdown, walks the tree and
/// copies what a catalog needs into Swift values (`Block`), then frees parser and document
/// before returning, so no C pointer escapes.
enum CmarkParser {
    /// What the catalog reader needs of a block, with lines relative to the parsed text.
    indirect enum Block {
        case heading(level: Int, text: String, line: Int, column: Int)
        case paragraph(inlines: [Inline], line: Int, column: Int)
        case list(items: [Item], line: Int)
        case other
    }

    struct Item {
        var line: Int
        var column: Int
        /// The first paragraph's inlines (empty when the item starts with something else).
        var inlines: [Inline]
        /// Nested lists, in order.
        var lists: [[Item]]
    }

    enum Inline {
        case text(String)
        case link(url: String, text: String)
        case softBreak
    }

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

    /// Parses `bytes` (UTF-8, already validated) into blocks. The whole tree lives in an
    /// arena from `arenas`, released at once when the blocks are copied out.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, arenas: CmarkArenaPool = CmarkArenaPool()) -> [Block] {
        ensureExtensions()
        return arenas.withArena { arena in arena.withCurrent { mem in parse(bytes, mem) } }
    }

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>, _ mem: UnsafeMutablePointer<cmark_mem>) -> [Block] {
        guard let parser = cmark_parser_new_with_mem(CMARK_OPT_DEFAULT, mem) else { return [] }
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
        guard let document = cmark_parser_finish(parser) else { return [] }
        var blocks: [Block] = []
        var child = cmark_node_first_child(document)
        while let node = child {
            blocks.append(block(node))
            child = cmark_node_next(node)
        }
        return blocks
    }

    private static func block(_ node: OpaquePointer) -> Block {
        let line = Int(cmark_node_get_start_line(node))
        let column = Int(cmark_node_get_start_column(node))
        switch cmark_node_get_type(node) {
        case CMARK_NODE_HEADING:
            return .heading(level: Int(cmark_node_get_heading_level(node)), text: plainText(node), line: line, column: column)
        case CMARK_NODE_PARAGRAPH:
            return .paragraph(inlines: inlines(node), line: line, column: column)
        case CMARK_NODE_LIST:
            return .list(items: items(node), line: line)
        default:
            return .other
        }
    }

    private static func items(_ list: OpaquePointer) -> [Item] {
        var out: [Item] = []
        var child = cmark_node_first_child(list)
        while let item = child {
            var it = Item(line: Int(cmark_node_get_start_line(item)), column: Int(cmark_node_get_start_column(item)),
                          inlines: [], lists: [])
            var sub = cmark_node_first_child(item)
            var first = true
            while let b = sub {
                let type = cmark_node_get_type(b)
                if first && type == CMARK_NODE_PARAGRAPH { it.inlines = inlines(b) }
                if type == CMARK_NODE_LIST { it.lists.append(items(b)) }
                first = false
                sub = cmark_node_next(b)
            }
            out.append(it)
            child = cmark_node_next(item)
        }
        return out
    }

    /// A paragraph's inlines, flattened: emphasis is see-through, images are dropped (badges),
    /// a link keeps its text.
    private static func inlines(_ paragraph: OpaquePointer) -> [Inline] {
        var out: [Inline] = []
        func walk(_ node: OpaquePointer) {
            var child = cmark_node_first_child(node)
            while let n = child {
                switch cmark_node_get_type(n) {
                case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_HTML_INLINE:
                    if cmark_node_get_type(n) == CMARK_NODE_HTML_INLINE { break }
                    if let lit = cmark_node_get_literal(n) { out.append(.text(String(cString: lit))) }
                case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                    out.append(.softBreak)
                case CMARK_NODE_LINK:
                    let url = cmark_node_get_url(n).map { String(cString: $0) } ?? ""
                    out.append(.link(url: url, text: plainText(n)))
                case CMARK_NODE_IMAGE:
                    break
                default:
                    walk(n)
                }
                child = cmark_node_next(n)
            }
        }
        walk(paragraph)
        return out
    }

    /// The text of a node's inlines (images and HTML left out, breaks as spaces).
    private static func plainText(_ node: OpaquePointer) -> String {
        var s = ""
        func walk(_ node: OpaquePointer) {
            var child = cmark_node_first_child(node)
            while let n = child {
                switch cmark_node_get_type(n) {
                case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                    if let lit = cmark_node_get_literal(n) { s += String(cString: lit) }
                case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                    s += " "
                case CMARK_NODE_IMAGE, CMARK_NODE_HTML_INLINE:
                    break
                default:
                    walk(n)
                }
                child = cmark_node_next(n)
            }
        }
        walk(node)
        return s
    }
}

/// Memory for cmark-gfm parses: handed out from large mapped blocks (zeroed, as `calloc` must
/// be), never reused within a parse, and all released at once when the parse is done. cmark
/// allocates and frees a node, a string buffer or a list at a time; through the system
/// allocator, on two threads, that was about a third of reading a large catalog.
///
/// An arena serves one parse at a time and can be `reset()` for the next: its blocks are kept
/// and their used bytes zeroed again, which costs less than mapping fresh pages (each first
/// touch of a fresh page is a page fault that the kernel answers by clearing it).
///
/// cmark's `cmark_mem` callbacks carry no context, so the arena in use is a thread-local:
/// each parse runs on one thread with its own arena (cmark-gfm's own arena allocator is a
/// single global one, unusable from two threads).
final class CmarkArena {
    /// Mapped blocks and how far each has been used since the last reset.
    private var blocks: [(start: UnsafeMutableRawPointer, size: Int, used: Int)] = []
    /// The block allocations come from now (an index into `blocks`), and its free range.
    private var current = -1
    private var next: UnsafeMutableRawPointer? = nil
    private var end: UnsafeMutableRawPointer? = nil
    private let mem: UnsafeMutablePointer<cmark_mem>

    static let blockSize = 1 << 22
    /// Each allocation is preceded by its capacity, for `realloc`; 16 keeps 16-byte alignment.
    static let header = 16

    init() {
        mem = .allocate(capacity: 1)
        mem.initialize(to: cmark_mem(
            calloc: { count, size in CmarkArena.current().allocate(count * size) },
            realloc: { old, size in CmarkArena.current().reallocate(old, size) },
            free: { _ in }))
    }

    deinit {
        for b in blocks { munmap(b.start, b.size) }
        mem.deinitialize(count: 1)
        mem.deallocate()
    }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    static func current() -> CmarkArena {
        Unmanaged<CmarkArena>.fromOpaque(pthread_getspecific(key)!).takeUnretainedValue()
    }

    /// Runs `body` with this arena as the current thread's, handing it cmark's allocator.
    func withCurrent<T>(_ body: (UnsafeMutablePointer<cmark_mem>) -> T) -> T {
        pthread_setspecific(Self.key, Unmanaged.passUnretained(self).toOpaque())
        defer { pthread_setspecific(Self.key, nil) }
        return withExtendedLifetime(self) { body(mem) }
    }

    /// Forgets every allocation, keeping the blocks (zeroed again) for the next parse.
    func reset() {
        closeCurrent()
        for i in blocks.indices where blocks[i].used > 0 {
            memset(blocks[i].start, 0, blocks[i].used)
            blocks[i].used = 0
        }
        current = -1
        next = nil
        end = nil
    }

    private func closeCurrent() {
        if current >= 0, let next { blocks[current].used = blocks[current].start.distance(to: next) }
    }

    private static func rounded(_ size: Int) -> Int { (size + header + 15) & ~15 }

    func allocate(_ size: Int) -> UnsafeMutableRawPointer? {
        let need = Self.rounded(size)
        if next == nil || next!.distance(to: end!) < need {
            guard openBlock(need) else { return nil }
        }
        let start = next!
        next = start + need
        start.storeBytes(of: size, as: Int.self)
        return start + Self.header
    }

    /// Moves on to the next kept block with room for `need` bytes, or maps a new one.
    private func openBlock(_ need: Int) -> Bool {
        closeCurrent()
        var i = current + 1
        while i < blocks.count && blocks[i].size < need { i += 1 }
        if i == blocks.count {
            let size = max(Self.blockSize, need)
            guard let block = mmap(nil, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANON, -1, 0),
                  block != MAP_FAILED else { return false }
            blocks.append((block, size, 0))
        }
        // A block skipped for being too small stays unused until the next reset.
        current = i
        next = blocks[i].start
        end = blocks[i].start + blocks[i].size
        return true
    }

    func reallocate(_ old: UnsafeMutableRawPointer?, _ size: Int) -> UnsafeMutableRawPointer? {
        guard let old else { return allocate(size) }
        let start = old - Self.header
        let capacity = start.load(as: Int.self)
        if size <= capacity { return old }
        // The most recent allocation grows in place when its block has room.
        if start + Self.rounded(capacity) == next, start.distance(to: end!) >= Self.rounded(size) {
            next = start + Self.rounded(size)
            start.storeBytes(of: size, as: Int.self)
            return old
        }
        guard let moved = allocate(size) else { return nil }
        moved.copyMemory(from: old, byteCount: capacity)
        return moved
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

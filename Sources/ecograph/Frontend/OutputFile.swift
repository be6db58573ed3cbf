import Dispatch
import EcoGraph
import Foundation

/// Writes an export atomically: to a temporary file beside the target, then renamed, so that a
/// failed run never leaves a half-written file.
enum OutputFile {
    static func write(_ bytes: [UInt8], to path: String) throws {
        try stage(bytes, for: path).commit()
    }

    /// Writes `bytes` to a temporary file beside `path`; `commit()` renames it into place. An
    /// export of several files stages them all, then commits them, so a failure leaves nothing.
    static func stage(_ bytes: [UInt8], for path: String) throws -> StagedFile {
        try stage(for: path) { sink in try sink(bytes) }
    }

    /// Stages what `produce` hands its sink, piece by piece, so that a large export never has
    /// to be in memory whole.
    /// With `pool`, the temporary file is one the pool made ahead, when it has one left.
    static func stage(for path: String, pool: StagingPool? = nil,
                      _ produce: (_ sink: ([UInt8]) throws -> Void) throws -> Void) throws -> StagedFile {
        let staged: StagedFile, fd: Int32
        let name = ".\((path as NSString).lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)"
        // A name too long for the folder fails below, as it always did, not at the commit, by
        // which time other files of the export would have been replaced.
        if name.utf8.count <= Int(NAME_MAX), let (made, tmp) = pool?.take() {
            // Both name files in the export's folder: no `stat` to tell whether they are folders.
            staged = StagedFile(temporary: URL(fileURLWithPath: tmp, isDirectory: false),
                                target: URL(fileURLWithPath: path, isDirectory: false), path: path)
            fd = made
        } else {
            let url = URL(fileURLWithPath: path)
            let dir = url.deletingLastPathComponent()
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: dir.path, isDirectory: &isDir), isDir.boolValue else {
                throw Failure(.cantCreate, "cannot write '\(path)': the folder '\(dir.path)' does not exist; create it first", file: path)
            }
            let tmp = dir.appendingPathComponent(name)
            // open(2) itself: FileManager.createFile writes an empty file through a temporary of
            // its own and a rename, which a set of hundreds of tables pays for each.
            fd = open(tmp.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard fd >= 0 else {
                throw Failure(.cantCreate, "cannot write '\(path)': cannot create a file in '\(dir.path)' (\(String(cString: strerror(errno))))", file: path)
            }
            staged = StagedFile(temporary: tmp, target: url, path: path)
            // Registered before anything is written, so that the layout watchdog can remove it.
            StagedFile.register(staged)
        }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: false)   // closed below
        do {
            defer { try? handle.close() }
            try produce { piece in
                do { try handle.write(contentsOf: piece) } catch {
                    throw Failure(.cantCreate, "cannot write '\(path)': \(error.localizedDescription)", file: path)
                }
            }
        } catch {
            // Errors of the writer (a Graphviz failure, a size cap) keep their own kind.
            staged.discard()
            throw error
        }
        return staged
    }
}

/// A file written beside its target under a temporary name.
struct StagedFile: Sendable {
    let temporary: URL
    let target: URL
    let path: String

    /// rename(2) replaces an existing target atomically. (FileManager.replaceItemAt on Linux
    /// deletes the target and then fails, losing the old file.)
    func commit() throws {
        defer { Self.unregister(self) }
        guard rename(temporary.path, target.path) == 0 else {
            let reason = String(cString: strerror(errno))
            discard()
            throw Failure(.cantCreate, "cannot write '\(path)': \(reason)", file: path)
        }
    }

    func discard() {
        try? FileManager.default.removeItem(at: temporary)
        Self.unregister(self)
    }

    // Every staged file not yet committed or discarded, so that an exit from the layout
    // watchdog can remove them.
    private static let lock = NSLock()
    nonisolated(unsafe) private static var pending = Set<String>()

    static func register(_ file: StagedFile) { register(temporary: file.temporary.path) }
    static func unregister(_ file: StagedFile) { unregister(temporary: file.temporary.path) }
    static func register(temporary path: String) { lock.withLock { _ = pending.insert(path) } }
    static func unregister(temporary path: String) { lock.withLock { _ = pending.remove(path) } }

    static func discardAll() {
        let paths = lock.withLock { pending }
        for p in paths { unlink(p) }
    }
}

extension OutputFile {
    /// Creates `path` (and its parents) as a folder for several outputs.
    static func makeFolder(_ path: String) throws {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir) {
            guard isDir.boolValue else {
                throw Failure(.cantCreate, "cannot write into '\(path)': it is a file, not a folder", file: path)
            }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw Failure(.cantCreate, "cannot create the folder '\(path)': \(error.localizedDescription)", file: path)
        }
    }
}

/// Empty temporary files made ahead in an export's folder, on a thread of their own, while the
/// catalog loads, for `OutputFile.stage` to write outputs into.
///
/// Why: a CSV set is hundreds of files, and creating a file is slow in the kernel (ext4 looks
/// through its inode bitmap for a free inode not recently deleted, and a run that replaces the
/// files of the last one deleted hundreds; creations in one folder take turns on its lock).
/// Made in the writers' phase, that was ~0.15 s of CPU at 20,000 entries, with both cores
/// taking turns; while the catalog loads, one core is mostly idle (placing listings is serial).
///
/// How many: one file per format plus, for a CSV set, one per line of the catalog that starts
/// with `#` (a heading: about one category each) and a few more (its graph-wide tables, and
/// categories without a heading of their own). The pool stops when the writers start (see
/// `stopMaking`); files left over are removed by `finish()`, and when the pool has none left,
/// `stage` makes its own as before.
final class StagingPool: @unchecked Sendable {
    private let folder: String
    private let lock = NSLock()
    private var files: [String] = []
    private var taken = 0
    private var stopped = false
    /// Whether the pool made the folder (and so removes it when the export is abandoned).
    private var madeFolder = false
    private let maker = DispatchGroup()

    /// Starts making the files for `formats` in `folder` (made when its parent exists).
    init(folder: String, catalog: String, formats: Int, csvSet: Bool) {
        let folder = URL(fileURLWithPath: folder).path  // the paths registered are absolute
        self.folder = folder
        // At a low priority: the files are made on a core the load leaves idle (placing
        // listings runs on one), not at the reader's expense.
        DispatchQueue.global(qos: .background).async(group: maker) { [self] in
            madeFolder = mkdir(folder, 0o777) == 0
            let headings = csvSet ? Self.headingLines(catalog) : 0
            // Some categories have no heading of their own: a few files more than headings.
            let count = formats + (csvSet ? headings + headings / 16 + 8 : 0)
            let pid = ProcessInfo.processInfo.processIdentifier
            for k in 0..<count {
                let path = (folder as NSString).appendingPathComponent(".ecograph-\(k).tmp-\(pid)")
                let stop = lock.withLock { () -> Bool in
                    if !stopped { StagedFile.register(temporary: path) }
                    return stopped
                }
                if stop { return }
                // Closed at once: the pool holds names, not descriptors (hundreds of open files
                // could use up the process's limit); opening an existing file again is cheap.
                let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
                guard fd >= 0 else {
                    StagedFile.unregister(temporary: path)
                    return
                }
                close(fd)
                lock.withLock { files.append(path) }
            }
        }
    }

    /// Stops making files (without waiting): from now on the writers make the files they
    /// need, and a pool still making them would only take turns with them on the folder.
    func stopMaking() { lock.withLock { stopped = true } }

    /// A file made ahead and not yet taken, opened for writing: its descriptor and its path.
    /// Nil when none is left (or it can no longer be opened: it is then removed).
    func take() -> (fd: Int32, path: String)? {
        let path: String? = lock.withLock {
            guard taken < files.count else { return nil }
            taken += 1
            return files[taken - 1]
        }
        guard let path else { return nil }
        let fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC)
        guard fd >= 0 else {
            unlink(path)
            StagedFile.unregister(temporary: path)
            return nil
        }
        return (fd, path)
    }

    /// Stops making files and waits until the maker has stopped (for an interrupted export:
    /// `StagedFile.discardAll()` then removes every file the pool made), and removes the folder
    /// when the pool made it and it is empty.
    func abandon() {
        stopMaking()
        maker.wait()
        StagedFile.discardAll()
        if madeFolder { rmdir(folder) }
    }

    /// Stops making files and removes those not taken; with `removingFolder`, also the folder
    /// when the pool made it and it is empty (the export failed before writing anything).
    func finish(removingFolder: Bool = false) {
        stopMaking()
        maker.wait()
        for path in files[taken...] {
            unlink(path)
            StagedFile.unregister(temporary: path)
        }
        taken = files.count
        if removingFolder && madeFolder { rmdir(folder) }
    }

    /// The number of lines of `path` that start with `#` (0 when it is not a regular file or
    /// cannot be read), read in pieces of 1 MB; `memchr` looks for `#`, which is much rarer
    /// than a line feed: a `#` counts when it starts the file or follows one. Opened without
    /// blocking and read (not mapped): a FIFO would block the pool for ever (and lose the
    /// catalog's bytes), and a mapped file truncated meanwhile ends the process with SIGBUS.
    static func headingLines(_ path: String) -> Int {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return 0 }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return 0 }
        let piece = UnsafeMutablePointer<UInt8>.allocate(capacity: 1 << 20)
        defer { piece.deallocate() }
        var count = 0
        var afterLineFeed = true  // whether the next byte starts a line
        while true {
            let n = read(fd, piece, 1 << 20)
            guard n > 0 else { return count }
            var at = 0
            while at < n, let hash = memchr(piece + at, 0x23, n - at) {
                let i = piece.distance(to: hash.assumingMemoryBound(to: UInt8.self))
                if i == 0 ? afterLineFeed : piece[i - 1] == 0x0A { count += 1 }
                at = i + 1
            }
            afterLineFeed = piece[n - 1] == 0x0A
        }
    }
}

/// Removes an export's temporary files when the process is interrupted (SIGINT, SIGTERM) while
/// it makes them, then lets the signal end the process as it would have (exit status 128 +
/// the signal in a shell: 130 for Ctrl-C): nothing half-written is left behind.
///
/// The signal handler only writes the signal's number to a pipe (what a handler may safely
/// do); a thread of its own reads it, cleans up and raises the signal again with its default
/// action.
enum InterruptCleanup {
    nonisolated(unsafe) private static var pipeWrite: Int32 = -1
    private static let lock = NSLock()

    /// Installs the handlers once; `cleanUp` runs on an interrupt (it must remove the staged
    /// files: `StagedFile.discardAll()`).
    static func install(_ cleanUp: @escaping @Sendable () -> Void) {
        lock.withLock {
            guard pipeWrite < 0 else { return }
            var ends: [Int32] = [-1, -1]
            guard pipe(&ends) == 0 else { return }
            pipeWrite = ends[1]
            let readEnd = ends[0]
            Thread.detachNewThread {
                var number: UInt8 = 0
                guard read(readEnd, &number, 1) == 1 else { return }
                cleanUp()
                signal(Int32(number), SIG_DFL)
                raise(Int32(number))
            }
            for sig in [SIGINT, SIGTERM] {
                signal(sig) { number in
                    var byte = UInt8(truncatingIfNeeded: number)
                    _ = write(InterruptCleanup.pipeWrite, &byte, 1)
                }
            }
        }
    }
}

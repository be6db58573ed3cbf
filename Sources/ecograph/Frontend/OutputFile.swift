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
    static func stage(for path: String, _ produce: (_ sink: ([UInt8]) throws -> Void) throws -> Void) throws -> StagedFile {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent()
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir.path, isDirectory: &isDir), isDir.boolValue else {
            throw Failure(.cantCreate, "cannot write '\(path)': the folder '\(dir.path)' does not exist; create it first", file: path)
        }
        let tmp = dir.appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
        // open(2) itself: FileManager.createFile writes an empty file through a temporary of
        // its own and a rename, which a set of hundreds of tables pays for each.
        let fd = open(tmp.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw Failure(.cantCreate, "cannot write '\(path)': cannot create a file in '\(dir.path)' (\(String(cString: strerror(errno))))", file: path)
        }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: false)   // closed below
        // Registered before anything is written, so that the layout watchdog can remove it.
        let staged = StagedFile(temporary: tmp, target: url, path: path)
        StagedFile.register(staged)
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

    static func register(_ file: StagedFile) { lock.withLock { _ = pending.insert(file.temporary.path) } }
    static func unregister(_ file: StagedFile) { lock.withLock { _ = pending.remove(file.temporary.path) } }

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

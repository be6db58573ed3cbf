import EcoGraph
import Foundation

/// Writes an export atomically: to a temporary file beside the target, then renamed, so that a
/// failed run never leaves a half-written file.
enum OutputFile {
    static func write(_ bytes: [UInt8], to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent()
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir.path, isDirectory: &isDir), isDir.boolValue else {
            throw Failure(.cantCreate, "cannot write '\(path)': the folder '\(dir.path)' does not exist; create it first", file: path)
        }
        let tmp = dir.appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            try Data(bytes).write(to: tmp)
            if FileManager.default.fileExists(atPath: url.path) {
                _ = try FileManager.default.replaceItemAt(url, withItemAt: tmp)
            } else {
                try FileManager.default.moveItem(at: tmp, to: url)
            }
        } catch let f as Failure {
            throw f
        } catch {
            try? FileManager.default.removeItem(at: tmp)
            throw Failure(.cantCreate, "cannot write '\(path)': \(error.localizedDescription)", file: path)
        }
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

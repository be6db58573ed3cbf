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
            // rename(2) replaces the target atomically, whether or not it exists.
            guard rename(tmp.path, url.path) == 0 else {
                throw Failure(.cantCreate, "cannot write '\(path)': \(String(cString: strerror(errno)))", file: path)
            }
        } catch let f as Failure {
            try? FileManager.default.removeItem(at: tmp)
            throw f
        } catch {
            try? FileManager.default.removeItem(at: tmp)
            throw Failure(.cantCreate, "cannot write '\(path)': \(error.localizedDescription)", file: path)
        }
    }
}

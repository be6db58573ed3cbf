import Foundation
import Testing

/// Runs the built `ecograph` binary (`swift build` puts it in .build/debug before tests run).
enum CLI {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let binary = repo.appendingPathComponent(".build/debug/ecograph")
    static let seed = repo.appendingPathComponent("graphs/distributed-architecture.md").path
    static let shared = repo.deletingLastPathComponent().appendingPathComponent("shared")

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        var stdoutBytes: Data
    }

    /// Runs `ecograph args…` in the repository folder, with NO_COLOR set unless `environment` says otherwise.
    static func run(_ args: [String], environment: [String: String] = ["NO_COLOR": "1"],
                    in directory: URL? = nil) throws -> Result {
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw CLIError.notBuilt(binary.path)
        }
        let p = Process()
        p.executableURL = binary
        p.arguments = args
        p.currentDirectoryURL = directory ?? repo
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        p.environment = env
        // Output goes to files, so that a large output can never block the child on a full pipe.
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let outURL = dir.appendingPathComponent("stdout"), errURL = dir.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        try out.close()
        try err.close()
        let outData = try Data(contentsOf: outURL), errData = try Data(contentsOf: errURL)
        return Result(status: p.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self), stdoutBytes: outData)
    }

    static func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ecograph-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    enum CLIError: Error, CustomStringConvertible {
        case notBuilt(String)
        var description: String {
            switch self { case .notBuilt(let p): return "\(p) is missing: run `swift build` before `swift test`" }
        }
    }
}

import Foundation
import Testing

/// Runs the built `ecograph` binary, as a user would, from the repository root.
enum Ecograph {
    /// The repository root: this file is `<root>/Tests/ecographCLITests/EcographRunner.swift`.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// `/work/shared` in development, `<clone>/../shared` in CI.
    static let shared = root.deletingLastPathComponent().appendingPathComponent("shared")
    static let seed = "graphs/distributed-architecture.md"

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The binary `swift build` made before `swift test` ran.
    static var binary: URL {
        get throws {
            let url = root.appendingPathComponent(".build/debug/ecograph")
            guard FileManager.default.isExecutableFile(atPath: url.path) else {
                throw BinaryMissing(path: url.path)
            }
            return url
        }
    }

    struct BinaryMissing: Error, CustomStringConvertible {
        var path: String
        var description: String { "\(path) is missing: run `swift build` before `swift test`" }
    }

    /// Runs `ecograph ARGS` in the repository root with NO_COLOR set; output goes to files
    /// (not pipes) so that a long output cannot block the child.
    static func run(_ arguments: [String], environment extra: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = try binary
        process.arguments = arguments
        process.currentDirectoryURL = root
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        for (k, v) in extra { env[k] = v }
        process.environment = env
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ecograph-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out"), err = dir.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let outHandle = try FileHandle(forWritingTo: out), errHandle = try FileHandle(forWritingTo: err)
        process.standardOutput = outHandle
        process.standardError = errHandle
        try process.run()
        process.waitUntilExit()
        try outHandle.close()
        try errHandle.close()
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: try Data(contentsOf: out), as: UTF8.self),
                      stderr: String(decoding: try Data(contentsOf: err), as: UTF8.self))
    }

    /// Runs a query on the seed catalog.
    static func onSeed(_ arguments: [String]) throws -> Result {
        try run(arguments + ["-c", seed])
    }
}

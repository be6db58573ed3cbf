import Foundation

/// Where the repository and the shared folder are, from this file's place in the tree.
enum Paths {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let seed = repo.appendingPathComponent("graphs/distributed-architecture.md").path
    static let shared = repo.deletingLastPathComponent().appendingPathComponent("shared")
    static func corpus(_ name: String) -> String { shared.appendingPathComponent("corpora/\(name)").path }
}

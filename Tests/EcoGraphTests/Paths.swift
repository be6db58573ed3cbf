import Foundation

/// Where the repository is, from this file's place in the tree.
enum Paths {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let seed = repo.appendingPathComponent("graphs/distributed-architecture.md").path
    static let overlay = repo.appendingPathComponent("graphs/distributed-architecture.relations.yaml").path
}

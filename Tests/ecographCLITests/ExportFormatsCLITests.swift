import Foundation
import Testing

/// End-to-end: the built `ecograph` binary exporting the formats of issue 5.
@Suite("export formats (CLI)")
struct ExportFormatsCLITests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let binary = root.appendingPathComponent(".build/debug/ecograph")

    struct Run { var status: Int32; var stdout: [UInt8]; var stderr: String }

    static func run(_ arguments: [String]) throws -> Run {
        let binaryPath = binary.path
        try #require(FileManager.default.isExecutableFile(atPath: binaryPath), "build the binary first: swift build")
        let p = Process()
        p.executableURL = binary
        p.arguments = arguments
        p.currentDirectoryURL = root
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        // Read both pipes while the process runs: a full pipe would block it.
        let errData = LockedData()
        let reader = Thread { errData.set(err.fileHandleForReading.readDataToEndOfFile()) }
        reader.start()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        while !errData.done { usleep(1000) }
        return Run(status: p.terminationStatus, stdout: Array(stdout), stderr: String(decoding: errData.data, as: UTF8.self))
    }

    final class LockedData: @unchecked Sendable {
        private let lock = NSLock()
        private var value = Data()
        private var finished = false
        func set(_ d: Data) { lock.withLock { value = d; finished = true } }
        var data: Data { lock.withLock { value } }
        var done: Bool { lock.withLock { finished } }
    }

    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ecograph-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func files(in dir: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
    }

    @Test func severalFormatsInOneRunMatchSingleRuns() throws {
        let dir = try Self.temporaryFolder()
        let multi = try Self.run(["export", "--format", "json,csv,jsonld,graphml,mermaid", "-o", dir.path])
        #expect(multi.status == 0, "\(multi.stderr)")
        let names = try Self.files(in: dir)
        #expect(names.contains("distributed-architecture.jsonld") && names.contains("distributed-architecture.graphml")
                && names.contains("distributed-architecture.mmd") && names.contains("distributed-architecture.json"))
        #expect(names.contains("projects.csv") && names.contains("relations.csv") && names.contains("category-rpc.csv"))
        #expect(!names.contains { $0.contains(".tmp-") }, "no temporary files left")
        for (format, file) in [("json", "distributed-architecture.json"), ("jsonld", "distributed-architecture.jsonld"),
                               ("graphml", "distributed-architecture.graphml"), ("mermaid", "distributed-architecture.mmd")] {
            let single = try Self.run(["export", "--format", format])
            #expect(single.status == 0)
            #expect(Array(try Data(contentsOf: dir.appendingPathComponent(file))) == single.stdout, "\(format) byte-identical")
        }
        let csvDir = try Self.temporaryFolder()
        #expect(try Self.run(["export", "--format", "csv", "-o", csvDir.path]).status == 0)
        let csvNames = try Self.files(in: csvDir)
        #expect(csvNames == names.filter { $0.hasSuffix(".csv") })
        for name in csvNames {
            #expect(try Data(contentsOf: csvDir.appendingPathComponent(name)) == Data(contentsOf: dir.appendingPathComponent(name)), "\(name)")
        }
        let matrix = try Self.run(["export", "--format", "csv", "--matrix", "relations"])
        #expect(Array(try Data(contentsOf: dir.appendingPathComponent("relations.csv"))) == matrix.stdout)
    }

    @Test func csvOptionsAndErrors() throws {
        let bom = try Self.run(["export", "--format", "csv", "--matrix", "category:Message Queue", "--bom"])
        #expect(bom.status == 0)
        #expect(bom.stdout.starts(with: [0xEF, 0xBB, 0xBF] + Array("name,language".utf8)))
        let unknown = try Self.run(["export", "--format", "csv", "--matrix", "category:Mesage Queue"])
        #expect(unknown.status == 67)
        #expect(unknown.stderr.contains("did you mean 'Message Queue'"))
        let noFolder = try Self.run(["export", "--format", "csv"])
        #expect(noFolder.status == 64)
        #expect(noFolder.stderr.contains("-o FOLDER"))
        #expect(try Self.run(["export", "--format", "json", "--matrix", "projects"]).status == 64)
        #expect(try Self.run(["export", "--format", "csv", "--matrix", "everything"]).status == 64)
        let filtered = try Self.run(["export", "--format", "csv", "--matrix", "adjacency", "--category", "Cache"])
        #expect(filtered.status == 0)
        let header = String(decoding: filtered.stdout.prefix { $0 != 0x0D }, as: UTF8.self)
        #expect(header.contains("Redis") && !header.contains("Apache Kafka"), "filters apply: \(header)")
    }

    @Test func jsonldIsACatalog() throws {
        let dir = try Self.temporaryFolder()
        let file = dir.appendingPathComponent("g.jsonld").path
        #expect(try Self.run(["export", "--format", "jsonld", "-o", file]).status == 0)
        let fromJSONLD = try Self.run(["export", "-c", file, "--format", "json"])
        #expect(fromJSONLD.status == 0, "\(fromJSONLD.stderr)")
        #expect(fromJSONLD.stdout == (try Self.run(["export", "--format", "json"])).stdout, "the same graph")
        try Data("{\"@graph\": 3}".utf8).write(to: URL(fileURLWithPath: file))
        let bad = try Self.run(["stats", "-c", file])
        #expect(bad.status == 65)
        #expect(bad.stderr.hasPrefix(file + ": error: "))
    }

    @Test func aFailedFormatWritesNothing() throws {
        let dir = try Self.temporaryFolder()
        let r = try Self.run(["export", "--format", "json,csv,graphml", "--matrix", "category:nope", "-o", dir.path])
        #expect(r.status == 67)
        #expect(try Self.files(in: dir).isEmpty)
    }

    /// A folder's temporary files are made while the catalog loads, one per heading line and
    /// some more: the ones not needed (here, `#` lines in a code block) are removed, and a folder
    /// made for an export whose catalog fails to load is removed again.
    @Test func temporaryFilesMadeAheadAreRemoved() throws {
        let dir = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let comments = (0..<40).map { "# comment \($0)" }.joined(separator: "\n")
        let catalog = dir.appendingPathComponent("c.md")
        try Data("""
            # Title

            ## Queues

            - [Kafka](https://kafka.apache.org/) - A log.

            ```sh
            \(comments)
            ```

            """.utf8).write(to: catalog)
        let out = dir.appendingPathComponent("out")
        let r = try Self.run(["export", "-c", catalog.path, "--format", "json,csv", "-o", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try Self.files(in: out) == ["adjacency.csv", "c.json", "category-language.csv", "category-queues.csv",
                                            "projects.csv", "relations.csv"], "no temporary files left")

        let missing = dir.appendingPathComponent("never")
        let failed = try Self.run(["export", "-c", dir.appendingPathComponent("none.md").path, "--format", "json,csv",
                                   "-o", missing.path])
        #expect(failed.status == 66)
        #expect(!FileManager.default.fileExists(atPath: missing.path), "no folder left by a failed load")
    }

    /// A table whose file name is too long for the folder fails the export before any file is
    /// replaced (a temporary made ahead must not hide the bad name until the commit).
    @Test func aFileNameTooLongFailsBeforeAnyFileIsReplaced() throws {
        let dir = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let catalog = dir.appendingPathComponent("c.md")
        try Data("""
            ## Queues

            - [Kafka](https://kafka.apache.org/) - A log.

            ## \(String(repeating: "Long", count: 70))

            - [NATS](https://nats.io/) - Messaging.

            """.utf8).write(to: catalog)
        let out = dir.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try Data("old".utf8).write(to: out.appendingPathComponent("projects.csv"))
        let r = try Self.run(["export", "-c", catalog.path, "--format", "csv", "-o", out.path])
        #expect(r.status == 73, "\(r.stderr)")
        #expect(r.stderr.contains("File name too long"), "\(r.stderr)")
        #expect(try String(contentsOf: out.appendingPathComponent("projects.csv"), encoding: .utf8) == "old")
        #expect(try Self.files(in: out) == ["projects.csv"], "no temporary files left")
    }

    /// An export over existing files replaces them (atomically) and leaves no temporary files.
    @Test func exportingAgainReplacesFiles() throws {
        let dir = try Self.temporaryFolder()
        let file = dir.appendingPathComponent("g.graphml")
        try Data("old".utf8).write(to: file)
        #expect(try Self.run(["export", "--format", "graphml", "-o", file.path]).status == 0)
        #expect(Array(try Data(contentsOf: file)) == (try Self.run(["export", "--format", "graphml"])).stdout)
        for _ in 0..<2 {
            let r = try Self.run(["export", "--format", "json,csv,mermaid", "-o", dir.path])
            #expect(r.status == 0, "\(r.stderr)")
        }
        let names = try Self.files(in: dir)
        #expect(names.contains("distributed-architecture.json") && names.contains("projects.csv"))
        #expect(!names.contains { $0.contains(".tmp-") })
    }
}

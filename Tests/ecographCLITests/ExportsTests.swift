import Foundation
import Testing

/// `exports/` is what `make exports` writes from `graphs/`: regenerating gives the same bytes.
@Suite struct ExportsTests {
    /// The formats `make exports` writes, read from the Makefile so there is one list.
    static func formats() throws -> String {
        let makefile = try String(contentsOf: CLI.repo.appendingPathComponent("Makefile"), encoding: .utf8)
        let line = try #require(makefile.split(separator: "\n").first { $0.hasPrefix("EXPORT_FORMATS") })
        return line.split(separator: "=", maxSplits: 1)[1].trimmingCharacters(in: .whitespaces)
    }

    @Test func committedExportsAreUpToDateAndReproducible() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for run in 1...2 {
            let out = dir.appendingPathComponent("run\(run)")
            try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
            let r = try CLI.run(["export", "-c", "graphs/distributed-architecture.md", "--format", try Self.formats(), "-o", out.path])
            #expect(r.status == 0, "\(r.stderr)")
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("run1").path).sorted()
        #expect(!files.isEmpty)
        for f in files {
            let a = try Data(contentsOf: dir.appendingPathComponent("run1/\(f)"))
            let b = try Data(contentsOf: dir.appendingPathComponent("run2/\(f)"))
            #expect(a == b, "\(f) differs between two runs")
            let committed = try Data(contentsOf: CLI.repo.appendingPathComponent("exports/\(f)"))
            #expect(committed == a, "exports/\(f) is out of date: run `make exports` and commit it")
        }
    }
}

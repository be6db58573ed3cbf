import Foundation
import Testing

/// Bad input gives `file:line:col: error: …`, the documented exit code, and writes nothing.
@Suite struct BadInputTests {
    func write(_ bytes: [UInt8], _ name: String, in dir: URL) throws -> String {
        let url = dir.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    @Test func invalidUTF8() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let catalog = try write(Array("## A\n\n- [x](https://x.org): ok \u{1}".utf8) + [0xFF, 0x0A], "bad.md", in: dir)
        let out = dir.appendingPathComponent("out.json").path
        let r = try CLI.run(["export", "-c", catalog, "--format", "json", "-o", out])
        #expect(r.status == 65)
        #expect(r.stderr == "\(catalog):3:27: error: invalid UTF-8 (byte 0xFF); save the file as UTF-8\n")
        #expect(r.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func emptyFileAndNoEntries() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let empty = try write([], "empty.md", in: dir)
        var r = try CLI.run(["stats", "-c", empty])
        #expect(r.status == 65)
        #expect(r.stderr.hasPrefix("\(empty):1:1: error: the catalog is empty;"))
        let prose = try write(Array("# Notes\n\nNothing listed here.\n".utf8), "prose.md", in: dir)
        r = try CLI.run(["list", "-c", prose])
        #expect(r.status == 65)
        #expect(r.stderr.hasPrefix("\(prose):1:1: error: no entries found;"))
    }

    @Test func missingCatalogAndOverlay() throws {
        var r = try CLI.run(["stats", "-c", "/nonexistent/x.md"])
        #expect(r.status == 66)
        #expect(r.stderr.hasPrefix("/nonexistent/x.md: error: no such file;"))
        r = try CLI.run(["stats", "--overlay", "/nonexistent/x.yaml"])
        #expect(r.status == 66)
        #expect(r.stderr.hasPrefix("/nonexistent/x.yaml: error: no such overlay file;"))
    }

    @Test func brokenOverlayStopsExportsAndNothingIsWritten() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let overlay = try write(Array("version: 1\nrelations:\n  - {from: Kong, relation: built-on, to: Nginxx}\n".utf8), "o.yaml", in: dir)
        let out = dir.appendingPathComponent("g.json").path
        let r = try CLI.run(["export", "--overlay", overlay, "-o", out])
        #expect(r.status == 65)
        #expect(r.stderr.hasPrefix("\(overlay):3:42: error: no entry or external named 'Nginxx'; did you mean 'Nginx'?"))
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["o.yaml"])
    }

    @Test func unwritableOutput() throws {
        let r = try CLI.run(["export", "-o", "/nonexistent-dir/g.json"])
        #expect(r.status == 73)
        #expect(r.stderr.hasPrefix("/nonexistent-dir/g.json: error: cannot write '/nonexistent-dir/g.json': the folder '/nonexistent-dir' does not exist"))
    }

    @Test func usageErrors() throws {
        let r = try CLI.run(["export", "--format", "docx"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("unknown format 'docx'"))
    }
}

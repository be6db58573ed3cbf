import Foundation
import Testing

/// `dot` 2.43 loops for ever on some clustered graphs ("merge2: rank has only N < M nodes"); the
/// fixture is the Python peer's 200-entry synthetic catalog (gen_catalog.py --entries 200 --seed 1),
/// which triggers it. A layout that does not finish in time must end with exit 69, a clear
/// message, and no file left behind — never a hang.
@Suite struct LayoutTimeoutTests {
    static let fixture = CLI.repo.appendingPathComponent("Tests/Fixtures/graphviz-2.43-hang.md").path

    @Test func aLayoutThatNeverEndsIsCutOffAndLeavesNothing() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try CLI.run(["export", "-c", Self.fixture, "--format", "json,svg", "--engine", "dot", "--layout-timeout", "2", "-o", dir.path])
        #expect(r.status == 69)
        #expect(r.stderr.contains("error: the Graphviz layout of the SVG diagram did not finish within 2 s; try --engine osage"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }

    @Test func anotherEngineLaysTheSameGraphOut() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("g.svg").path
        let r = try CLI.run(["export", "-c", Self.fixture, "--format", "svg", "--engine", "osage", "--layout-timeout", "60", "-o", out])
        #expect(r.status == 0, "\(r.stderr)")
        let svg = try String(contentsOfFile: out, encoding: .utf8)
        #expect(svg.contains("<svg") && svg.hasSuffix("</svg>\n"))
    }
}

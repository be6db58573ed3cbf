import Foundation
import Testing

/// `diff --format dot|svg`: a diagram with additions in green and removals in red.
@Suite struct DiffDiagramTests {
    static let old = CLI.shared.appendingPathComponent("corpora/distributed-architecture-ethancai-2018-04-25.md").path

    @Test func theDiagramShowsRenamesAdditionsAndRemovals() throws {
        let r = try CLI.run(["diff", Self.old, CLI.seed, "--no-overlay", "--format", "dot"])
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("digraph \"ecograph-diff\" {"))
        #expect(r.stdout.contains("label=\"Message Queue (was Messsage Queue)\""))
        // Pika was added (green), Airflow removed (red, dashed).
        #expect(r.stdout.contains("\"project:pika\" [label=\"Pika\", tooltip=\"added\", style=\"rounded,filled\", fillcolor=\"#C8E6C9\", color=\"#2E7D32\"];"))
        #expect(r.stdout.contains("\"project:airflow\" [label=\"Airflow\", tooltip=\"removed\", style=\"rounded,filled,dashed\", fillcolor=\"#FFCDD2\", color=\"#C62828\"];"))
        #expect(r.stdout.hasSuffix("}\n"))
    }

    @Test func svgIsRenderedInProcess() throws {
        let r = try CLI.run(["diff", Self.old, CLI.seed, "--no-overlay", "--format", "svg"])
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stdout.contains("<svg") && r.stdout.hasSuffix("</svg>\n"))
        #expect(r.stdout.contains("Message Queue (was Messsage Queue)"))
    }

    @Test func equalCatalogsGiveAnEmptyDiagramAndExitZero() throws {
        let r = try CLI.run(["diff", CLI.seed, CLI.seed, "--format", "dot"])
        #expect(r.status == 0)
        #expect(!r.stdout.contains("->"))
    }
}

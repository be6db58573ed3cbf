import ArgumentParser
import EcoGraph
import EcoGraphReaders
import EcoGraphRender
import EcoGraphWriters
import Foundation

struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare two versions of a catalog: entries, categories and relations added, removed, renamed or changed.",
        discussion: """
        OLD and NEW are markdown catalogs or JSON-LD files ecograph wrote; each gets
        its own overlay (NAME.relations.yaml beside it) when there is one. Entries
        are matched by name, then by URL (a rename), then by an alias or a near
        spelling ("Kafka" → "Apache Kafka"); categories by name, then by membership (an old and a new
        category sharing at least half their entries are one category renamed). Exit
        status as diff(1): 0 when equal, 1 when different, and 65, 66 or 69 when a
        catalog cannot be read. The JSON schema is in docs/cli-json.md.

        Examples:
          ecograph diff old-2018.md graphs/distributed-architecture.md
          ecograph diff old.md new.md --format csv > changes.csv
          ecograph diff old.md new.md --format svg > changes.svg
          ecograph diff old.md new.md --no-overlay --no-infer --format json
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, csv, dot, svg }

    @Argument(help: "The older catalog.") var old: String
    @Argument(help: "The newer catalog.") var new: String
    @Flag(help: "Do not apply relations overlays.") var noOverlay = false
    @Flag(help: "Do not infer relations from descriptions.") var noInfer = false
    @Option(help: "Output format: text, json, csv, dot or svg (a diagram: additions green, removals red).") var format: Format = .text

    func run() throws {
        try runReportingFailures {
            let loader = CatalogLoader(overlay: noOverlay ? .none : .automatic, infer: !noInfer)
            let diff = CatalogDiff(old: try loader.load(catalog: old).graph, new: try loader.load(catalog: new).graph)
            let title = "\(URL(fileURLWithPath: old).lastPathComponent) → \(URL(fileURLWithPath: new).lastPathComponent)"
            switch format {
            case .text: Console.out(diff.text(style: .console))
            case .json: Console.out(bytes: diff.json())
            case .csv: Console.out(bytes: diff.csv())
            case .dot: Console.out(bytes: diff.dot(title: title))
            case .svg:
                let dot = diff.dot(title: title)
                Console.out(bytes: try LayoutWatchdog.guarding("diff diagram") {
                    try GraphvizRenderer().render(dot: dot, engine: "dot", format: "svg")
                })
            }
            if !diff.isEmpty { throw ExitCode(ExitCodes.different) }
        }
    }
}

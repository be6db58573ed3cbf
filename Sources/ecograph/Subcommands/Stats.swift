import ArgumentParser
import EcoGraph
import EcoGraphWriters

struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Count nodes by kind, entries per category and per language, relations per kind.",
        discussion: """
        Examples:
          ecograph stats
          ecograph stats -c ../shared/corpora/awesome-go.md --format json
        """)

    @OptionGroup var catalog: CatalogOptions
    @Option(help: "Output format: text or json.") var format: TextFormat = .text

    func run() throws {
        try runReportingFailures {
            let result = try catalog.load()
            let s = GraphStatistics(result.graph)
            format.emit(text: s.text, json: s.json)
        }
    }
}

import ArgumentParser
import EcoGraph
import EcoGraphWriters

struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show one node: kind, names, URLs, categories, languages, description, and every relation in and out with where it comes from.",
        discussion: """
        NAME is a name, an alias or a URL, in any case ("zookeeper", "NGINX",
        "https://github.com/Mashape/kong"). Each relation is followed by its
        provenance: (file:line, markdown|overlay|inferred: "phrase", confidence) —
        note. The JSON schema is in docs/cli-json.md.

        Examples:
          ecograph show Kong
          ecograph show zookeeper --format json
          ecograph show "Message Queue"
        """)

    @OptionGroup var catalog: CatalogOptions
    @Argument(help: "A name, alias or URL.") var name: String
    @Option(help: "Output format: text or json.") var format: TextFormat = .text

    func run() throws {
        try runReportingFailures {
            let graph = try catalog.load().graph
            let card = NodeCard(graph, try graph.lookup(name))
            format.emit(text: { card.text(graph, style: .console) }, json: { card.json(graph) })
        }
    }
}

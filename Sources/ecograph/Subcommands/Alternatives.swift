import ArgumentParser
import EcoGraph
import EcoGraphWriters

struct Alternatives: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List what could replace an entry: stated alternatives, then same-category peers ranked by what they share.",
        discussion: """
        Stated alternatives are alternative-to relations, read both ways. Peers are
        entries of the same kind in the same category, or in another sub-group of
        the same section, ranked by score: a direct port-of / extends /
        compatible-with / inspired-by / sub-entry-of relation counts 4, the same
        relation to the same node (both built on Nginx) 3, a shared language or
        category 2, the same section 1. Peers the entry is built on, uses, documents
        or has as a tool or client (or the reverse) complement it and are left out.
        The JSON schema is in docs/cli-json.md.

        Examples:
          ecograph alternatives Pika
          ecograph alternatives Kong --limit 3
          ecograph alternatives "Apache Kafka" --limit 0 --format json
        """)

    @OptionGroup var catalog: CatalogOptions
    @Argument(help: "A name, alias or URL.") var name: String
    @Option(help: "Show at most this many peers (0: all).") var limit: Int = 10
    @Option(help: "Output format: text or json.") var format: TextFormat = .text

    func validate() throws {
        if limit < 0 { throw ValidationError("--limit must be 0 or more") }
    }

    func run() throws {
        try runReportingFailures {
            let graph = try catalog.load().graph
            let list = graph.alternatives(to: try graph.lookup(name).id, limit: limit)
            format.emit(text: { list.text(graph, style: .console) }, json: { list.json(graph) })
        }
    }
}

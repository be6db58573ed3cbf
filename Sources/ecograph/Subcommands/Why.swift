import ArgumentParser
import EcoGraph
import EcoGraphWriters

struct Why: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Explain every way two nodes are connected, with provenance.",
        discussion: """
        Lists the direct relations between A and B (both ways), the categories and
        languages they share, the nodes they both point at (both built on X), and
        the relation paths of 2 to --max-hops hops (the relations `path` follows).
        Exits 1 when nothing connects them. The JSON schema is in docs/cli-json.md.

        Examples:
          ecograph why Kong Nginx
          ecograph why codis twemproxy
          ecograph why Pika Redis --format json
        """)

    @OptionGroup var catalog: CatalogOptions
    @Argument(help: "A name, alias or URL.") var a: String
    @Argument(help: "Another.") var b: String
    @Option(help: "The longest relation path to list (2 to 5).") var maxHops: Int = 3
    @Option(help: "Show at most this many paths.") var limit: Int = 20
    @Option(help: "Output format: text or json.") var format: TextFormat = .text

    func validate() throws {
        if !(2...5).contains(maxHops) { throw ValidationError("--max-hops must be between 2 and 5") }
        if limit < 1 { throw ValidationError("--limit must be 1 or more") }
    }

    func run() throws {
        try runReportingFailures {
            let graph = try catalog.load().graph
            let (x, y) = (try graph.lookup(a), try graph.lookup(b))
            let why = graph.connections(between: x.id, and: y.id, maxLength: maxHops, limit: limit)
            format.emit(text: { why.text(graph, style: .console) }, json: { why.json(graph) })
            if why.isEmpty { throw ExitCode(ExitCodes.different) }
        }
    }
}

import ArgumentParser
import EcoGraph
import EcoGraphWriters

struct Path: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Find the shortest relation paths between two nodes, each hop explained.",
        discussion: """
        Edges are walked in both directions. By default the path follows
        sub-entry-of and the relations between projects (built-on, uses, port-of,
        extends, inspired-by, compatible-with, alternative-to, tool-for, client-of,
        documents, part-of); --via replaces that set and may name in-category or
        written-in. Exits 1 when there is no path (like grep). The JSON schema is in
        docs/cli-json.md.

        Examples:
          ecograph path Kong Nginx
          ecograph path Kong Redis --limit 3
          ecograph path NetMQ JeroMQ --via port-of
          ecograph path Caddy Traefik --via written-in --via in-category --format json
        """)

    @OptionGroup var catalog: CatalogOptions
    @Argument(help: "Where the path starts: a name, alias or URL.") var from: String
    @Argument(help: "Where it ends.") var to: String
    @Option(help: ArgumentHelp("Follow only this relation kind (repeatable).", valueName: "kind"))
    var via: [RelationKind] = []
    @Option(help: "Show at most this many paths.") var limit: Int = 10
    @Option(help: "Output format: text or json.") var format: TextFormat = .text

    func validate() throws {
        if limit < 1 { throw ValidationError("--limit must be 1 or more") }
    }

    func run() throws {
        try runReportingFailures {
            let graph = try catalog.load().graph
            let (a, b) = (try graph.lookup(from), try graph.lookup(to))
            let search = graph.shortestPaths(from: a.id, to: b.id, via: via, limit: limit)
            format.emit(text: { search.text(graph, style: .console) }, json: { search.json(graph) })
            if search.distance == nil { throw ExitCode(ExitCodes.different) }
        }
    }
}

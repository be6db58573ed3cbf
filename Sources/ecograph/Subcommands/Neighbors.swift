import ArgumentParser
import EcoGraph
import EcoGraphWriters

struct Neighbors: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the nodes around one node, with the edges that reach them.",
        discussion: """
        Categories and languages are listed when an edge reaches them but not walked
        through, unless --relation names in-category, subcategory-of or written-in.
        alternative-to is symmetric and is followed whatever --direction says. The
        JSON schema is in docs/cli-json.md.

        Examples:
          ecograph neighbors Kong
          ecograph neighbors Redis --direction in --relation tool-for
          ecograph neighbors "Apache Kafka" --depth 2 --format json
          ecograph neighbors Go --relation written-in --direction in
        """)

    @OptionGroup var catalog: CatalogOptions
    @Argument(help: "A name, alias or URL.") var name: String
    @Option(help: ArgumentHelp("Follow only this relation kind, e.g. built-on (repeatable; default: all).", valueName: "kind"))
    var relation: [RelationKind] = []
    @Option(help: "Follow edges leaving the node (out), arriving (in) or both.") var direction: EdgeDirection = .both
    @Option(help: "How many hops to walk.") var depth: Int = 1
    @Option(help: "Output format: text or json.") var format: TextFormat = .text

    func validate() throws {
        if depth < 0 { throw ValidationError("--depth must be 0 or more") }
    }

    func run() throws {
        try runReportingFailures {
            let graph = try catalog.load().graph
            let around = graph.neighbors(of: try graph.lookup(name).id, relations: relation, direction: direction, depth: depth)
            format.emit(text: { around.text(graph, style: .console) }, json: { around.json(graph) })
        }
    }
}

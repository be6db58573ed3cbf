import ArgumentParser
import EcoGraph
import EcoGraphWriters

struct Relations: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the relations between entries, each with where it comes from.",
        discussion: """
        Examples:
          ecograph relations --method inferred --no-overlay   # what inference alone finds
          ecograph relations --relation built-on --format json
        """)

    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var filters: FilterOptions
    @Option(name: .customLong("method"), help: ArgumentHelp("Only relations obtained this way: markdown, overlay or inferred (repeatable).", valueName: "how"))
    var methods: [ProvenanceMethod] = []
    @Flag(help: "Include structural relations (in-category, written-in, subcategory-of, sub-entry-of).")
    var structural = false
    @Option(help: "Output format: text or json.") var format: TextFormat = .text

    func run() throws {
        try runReportingFailures {
            let graph = try filters.apply(to: catalog.load().graph)
            let listing = RelationListing(graph, methods: methods, structural: structural)
            format.emit(text: listing.text, json: listing.json)
        }
    }
}

extension ProvenanceMethod: ExpressibleByArgument {}

import ArgumentParser
import EcoGraph
import EcoGraphWriters

struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List entries (projects and resources) with their categories and languages.",
        discussion: """
        Examples:
          ecograph list --category "Message Queue"
          ecograph list --language Go --format csv
          ecograph list --kind resource --format json
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, csv }

    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var filters: FilterOptions
    @Option(help: "Output format: text, json or csv.") var format: Format = .text

    func run() throws {
        try runReportingFailures {
            let graph = try filters.apply(to: catalog.load().graph)
            let listing = EntryListing(graph)
            switch format {
            case .text: Console.out(listing.text())
            case .json: Console.out(bytes: listing.json())
            case .csv: Console.out(bytes: listing.csv())
            }
        }
    }
}

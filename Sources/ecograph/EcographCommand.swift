import ArgumentParser
import EcoGraph

@main
struct Ecograph: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ecograph",
        abstract: "Turn an awesome-list catalog into a typed graph of projects, categories, languages and relations, and export or inspect it.",
        discussion: """
        A catalog is a markdown list (`## Category` headings, `- [Lang: Name](url): description` bullets). Beside it, `NAME.relations.yaml` (the overlay) adds languages, kinds and curated relations; more relations are inferred from descriptions. Every node and edge says where it came from.

        Examples:
          ecograph stats
          ecograph list --category "Message Queue" --format csv
          ecograph export --format json -o graph.json
          ecograph export --format svg --focus Redis --depth 1 -o redis.svg
          ecograph show Kong
          ecograph diff old.md graphs/distributed-architecture.md
          ecograph lint --strict

        Exit codes: 0 success; 1 differences (diff), errors (lint), no path (path); 64 usage; 65 bad input data; 66 missing input; 67 unknown name; 69 unavailable (Graphviz plugin, size cap, layout time-out); 73 cannot write output.
        """,
        version: "0.1.0",
        subcommands: Subcommands.all
    )
}

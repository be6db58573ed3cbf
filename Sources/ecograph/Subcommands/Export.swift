import ArgumentParser
import EcoGraph
import EcoGraphWriters
import Foundation

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the graph (or a selection of it) in one or more formats.",
        discussion: """
        Formats: \(ExportFormat.allCases.map(\.rawValue).joined(separator: ", ")).
        With one format and no -o, the output goes to standard output. With several formats
        (comma-separated), -o names a folder and each format is written to CATALOG-NAME.EXT in it.
        Several formats are rendered in parallel.
        --format csv -o FOLDER writes a set of tables: projects.csv,
        category-language.csv, relations.csv, adjacency.csv, category-SLUG.csv;
        --matrix picks one (to -o FILE or standard output).

        Examples:
          ecograph export --format json -o graph.json
          python3 -c 'import json, networkx as nx; g = nx.node_link_graph(json.load(open("graph.json")), edges="edges")'
          ecograph export --format csv -o tables/
          ecograph export --format csv --matrix "category:Message Queue" --bom
          ecograph export --format jsonld -o graph.jsonld
          ecograph stats -c graph.jsonld
          ecograph export --format json,csv,jsonld,graphml,mermaid -o exports/
        """)

    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var filters: FilterOptions
    @OptionGroup var csv: CSVExportOptions

    @Option(help: ArgumentHelp("One format or a comma-separated list.", valueName: "formats"))
    var format: String = "json"

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Output file (one format) or folder (several).", valueName: "path"))
    var output: String?

    func validate() throws {
        _ = try formats()
        if try formats().count > 1 && output == nil {
            throw ValidationError("several formats need -o FOLDER")
        }
        if try formats() == [.csv] && output == nil && csv.matrix == nil {
            throw ValidationError("--format csv writes a set of tables: give -o FOLDER, or pick one table with --matrix")
        }
        if try csv.table() != nil && !formats().contains(.csv) {
            throw ValidationError("--matrix needs --format csv")
        }
    }

    func formats() throws -> [ExportFormat] {
        var out: [ExportFormat] = []
        for name in format.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) {
            guard let f = ExportFormat(rawValue: name) else {
                throw ValidationError("unknown format '\(name)'; use one of \(ExportFormat.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            if !out.contains(f) { out.append(f) }
        }
        return out
    }

    func run() throws {
        try runReportingFailures {
            let formats = try formats()
            let graph = try filters.apply(to: catalog.load().graph)
            if formats.count == 1 && !(formats[0] == .csv && csv.matrix == nil) {
                let rendered = try renderFiles(formats[0], graph)
                for warning in rendered.warnings { Console.error(warning.description) }
                if let output {
                    try OutputFile.stage(for: output, rendered.outputs[0].produce).commit()
                } else {
                    try rendered.outputs[0].produce { Console.out(bytes: $0) }
                }
                return
            }
            let dir = output!
            try OutputFile.makeFolder(dir)
            let stem = URL(fileURLWithPath: catalog.catalog).deletingPathExtension().lastPathComponent
            // Every format rendered in parallel and staged; committed only when all succeeded.
            let (staged, warnings) = try renderAndStage(formats, graph, folder: dir, stem: stem)
            for warning in warnings { Console.error(warning.description) }
            for file in staged { try file.commit() }
        }
    }
}

extension ExportFormat {
    func render(_ graph: CatalogGraph) throws -> [UInt8] {
        switch self {
        case .json: return NodeLinkJSONWriter().bytes(graph)
        case .csv: return CSVMatrixWriter(.projects).bytes(graph)
        case .jsonld: return JSONLDWriter().bytes(graph)
        case .graphml: return GraphMLWriter().bytes(graph)
        case .mermaid: return MermaidWriter().bytes(graph)
        }
    }
}

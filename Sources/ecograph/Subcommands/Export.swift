import ArgumentParser
import EcoGraph
import EcoGraphRender
import EcoGraphWriters
import Foundation

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the graph (or a selection of it) in one or more formats.",
        discussion: """
        Formats: \(ExportFormat.allCases.map(\.rawValue).joined(separator: ", ")).

        With one format and no -o, the output goes to standard output. With several formats (comma-separated), or when -o names an existing folder, each format is written to CATALOG-NAME.EXT in that folder; several formats are rendered in parallel, and nothing is written unless all succeed.

        --format csv -o FOLDER writes a set of tables (projects.csv, category-language.csv, relations.csv, adjacency.csv, category-SLUG.csv); --matrix picks one (to -o FILE or standard output).

        Diagrams (dot, svg, png, pdf) draw a cluster per category; --engine auto uses `dot` up to \(DOTWriter.detailedLimit) entries and an overview of the categories above that. A layout that takes longer than --layout-timeout ends with exit 69.

        Examples:
          ecograph export --format json -o graph.json
          ecograph export --format svg --focus Redis --depth 1 -o redis.svg
          ecograph export --format dot,svg,png,pdf -o exports
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

    @Option(help: ArgumentHelp("Graphviz layout engine for dot, svg, png and pdf: \(LayoutEngine.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "engine"))
    var engine: LayoutEngine = .auto

    @Option(help: ArgumentHelp("Give up a Graphviz layout after this many seconds (exit 69).", valueName: "seconds"))
    var layoutTimeout: Double = 120

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
        LayoutWatchdog.seconds = layoutTimeout
        try runReportingFailures {
            let formats = try formats()
            var isDirectory: ObjCBool = false
            let outputIsDirectory = output.map { FileManager.default.fileExists(atPath: $0, isDirectory: &isDirectory) && isDirectory.boolValue } ?? false
            let oneFile = formats.count == 1 && !outputIsDirectory && !(formats[0] == .csv && csv.matrix == nil)
            // A folder's files are made while the catalog loads (see `StagingPool`).
            let pool = oneFile ? nil : StagingPool(folder: output!, catalog: catalog.catalog, formats: formats.count,
                                                   csvSet: formats.contains(.csv) && csv.matrix == nil)
            if output != nil {
                InterruptCleanup.install { if let pool { pool.abandon() } else { StagedFile.discardAll() } }
            }
            let graph: CatalogGraph
            do { graph = try filters.apply(to: catalog.load().graph) } catch {
                pool?.finish(removingFolder: true)
                throw error
            }
            defer { pool?.finish() }
            if oneFile {
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
            let (staged, warnings) = try renderAndStage(formats, graph, folder: dir, stem: stem, pool: pool)
            for warning in warnings { Console.error(warning.description) }
            for (k, file) in staged.enumerated() {
                do { try file.commit() } catch {
                    // No temporary file is left behind when a rename fails.
                    staged[(k + 1)...].forEach { $0.discard() }
                    throw error
                }
            }
        }
    }
}

extension LayoutEngine: ExpressibleByArgument {}

extension ExportFormat {
    func render(_ graph: CatalogGraph, engine: LayoutEngine) throws -> [UInt8] {
        switch self {
        case .json: return NodeLinkJSONWriter().bytes(graph)
        case .dot: return try Self.diagram(graph, engine: engine).dot
        case .svg, .png, .pdf:
            let (dot, layout) = try Self.diagram(graph, engine: engine)
            return try LayoutWatchdog.guarding("\(rawValue.uppercased()) diagram") {
                try GraphvizRenderer().render(dot: dot, engine: layout, format: rawValue)
            }
        case .csv: return CSVMatrixWriter(.projects).bytes(graph)
        case .jsonld: return JSONLDWriter().bytes(graph)
        case .graphml: return GraphMLWriter().bytes(graph)
        case .mermaid: return MermaidWriter().bytes(graph)
        }
    }

    /// The DOT diagram for `engine`; its link warnings go to standard error, once per run
    /// however many diagram formats are written.
    static func diagram(_ graph: CatalogGraph, engine: LayoutEngine) throws -> (dot: [UInt8], engine: String) {
        let writer = DOTWriter.planned(for: graph, engine: engine)
        for w in writer.warnings(for: graph) where DiagramWarnings.firstTime(w.description) { Console.error(w.description) }
        return (writer.bytes(graph), writer.engine.rawValue)
    }
}

/// The diagram warnings already printed in this run.
private enum DiagramWarnings {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var printed = Set<String>()

    static func firstTime(_ message: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return printed.insert(message).inserted
    }
}

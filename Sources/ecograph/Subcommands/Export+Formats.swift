import ArgumentParser
import Dispatch
import EcoGraph
import EcoGraphWriters
import Foundation

/// One file an export produces: `name` is nil for "the" output of a one-file format (its name
/// comes from -o, or it goes to standard output). `produce` hands the bytes to a sink in pieces,
/// so that streaming writers never hold a whole export in memory.
struct ExportOutput: Sendable {
    typealias Sink = ([UInt8]) throws -> Void
    var name: String?
    var produce: @Sendable (_ sink: Sink) throws -> Void
}

/// What rendering one format gives: its files, and warnings to print.
struct RenderedFormat: Sendable {
    var format: ExportFormat
    var outputs: [ExportOutput]
    var warnings: [Diagnostic] = []
}

extension ExportFormat {
    /// How large this format's output tends to be (1 = smallest), to start the largest first
    /// when formats render in parallel. Diagrams rank highest: their layout takes longest.
    var typicalSize: Int {
        switch self {
        case .svg, .png, .pdf: return 9
        case .graphml: return 8
        case .jsonld: return 7
        case .json: return 6
        case .csv: return 5
        case .mermaid: return 3
        case .dot: return 2
        }
    }

    /// The writer that can stream this format, when there is one.
    var streamingWriter: (any StreamingGraphWriter)? {
        switch self {
        case .json: return NodeLinkJSONWriter()
        case .jsonld: return JSONLDWriter()
        case .graphml: return GraphMLWriter()
        default: return nil
        }
    }
}

extension Export {
    /// Prepares one format. CSV without `--matrix` is a set of files; everything else one file.
    func renderFiles(_ format: ExportFormat, _ graph: CatalogGraph) throws -> RenderedFormat {
        if let writer = format.streamingWriter {
            return RenderedFormat(format: format, outputs: [ExportOutput(name: nil) { sink in try writer.stream(graph, to: sink) }])
        }
        guard format == .csv else {
            return RenderedFormat(format: format, outputs: [ExportOutput(name: nil) { sink in try sink(format.render(graph, engine: engine)) }])
        }
        let options = csv.options
        guard let table = try csv.table() else {
            let set = CSVExportSet(graph, options: options)
            let outputs = set.tables.indices.map { i in
                ExportOutput(name: set.tables[i].name) { sink in try set.write(i, sink: sink) }
            }
            return RenderedFormat(format: format, outputs: outputs, warnings: set.diagnostics)
        }
        let resolved = try table.resolved(in: graph)
        if resolved == .adjacency {
            let size = CSVMatrixWriter.adjacencyNodes(graph).count
            if size > CSVMatrixWriter.adjacencyLimit {
                throw Failure(.unavailable, "the adjacency matrix would have \(size) rows and columns (more than \(CSVMatrixWriter.adjacencyLimit)); narrow the selection with --category, --language or --focus")
            }
        }
        return RenderedFormat(format: format, outputs: [ExportOutput(name: nil) { sink in
            try CSVMatrixWriter(resolved, options: options).stream(graph, to: sink)
        }])
    }

    /// The file name a table of `--matrix` has in the set, for several formats in one folder.
    func csvTableFileName(_ graph: CatalogGraph) throws -> String {
        switch try csv.table().map({ try $0.resolved(in: graph) }) {
        case .projects?: return "projects.csv"
        case .categoryLanguage?: return "category-language.csv"
        case .relations?: return "relations.csv"
        case .adjacency?: return "adjacency.csv"
        case .category(let id)?: return CSVExportSet.categoryFileNames(graph)[id] ?? "category.csv"
        case .categoryNamed?, nil: return "projects.csv"
        }
    }

    /// Renders every format at once, each writer on its own thread (they only read the graph),
    /// streaming its files into temporary files in `folder`. When any format fails, every staged
    /// file is removed and the first error (in the order of `formats`) is thrown.
    func renderAndStage(_ formats: [ExportFormat], _ graph: CatalogGraph, folder: String,
                        stem: String) throws -> (staged: [StagedFile], warnings: [Diagnostic]) {
        let results = ResultSlots<([StagedFile], [Diagnostic])>(count: formats.count)
        let csvName = try csvTableFileName(graph)
        // Largest outputs first, so that the cores finish together (the results keep the
        // order of `formats`).
        let order = formats.indices.sorted {
            formats[$0].typicalSize != formats[$1].typicalSize ? formats[$0].typicalSize > formats[$1].typicalSize : $0 < $1
        }
        DispatchQueue.concurrentPerform(iterations: formats.count) { k in
            let i = order[k]
            results[i] = Result {
                let rendered = try renderFiles(formats[i], graph)
                var staged: [StagedFile] = []
                do {
                    for file in rendered.outputs {
                        // CSV tables keep their names from the set; other formats are STEM.EXT.
                        let name = file.name ?? (formats[i] == .csv ? csvName : "\(stem).\(formats[i].fileExtension)")
                        staged.append(try OutputFile.stage(for: (folder as NSString).appendingPathComponent(name), file.produce))
                    }
                } catch {
                    staged.forEach { $0.discard() }
                    throw error
                }
                return (staged, rendered.warnings)
            }
        }
        let all = results.values.map { $0! }
        if let failure = all.first(where: { if case .failure = $0 { return true } else { return false } }),
           case .failure(let error) = failure {
            for case .success(let (staged, _)) in all { staged.forEach { $0.discard() } }
            throw error
        }
        let done = all.compactMap { try? $0.get() }
        return (done.flatMap(\.0), done.flatMap(\.1))
    }
}

/// Slots the threads of `concurrentPerform` fill, one each, behind a lock.
final class ResultSlots<T: Sendable>: @unchecked Sendable {
    private var slots: [Result<T, Error>?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    subscript(i: Int) -> Result<T, Error>? {
        get { lock.withLock { slots[i] } }
        set { lock.withLock { slots[i] = newValue } }
    }

    var values: [Result<T, Error>?] { lock.withLock { slots } }
}

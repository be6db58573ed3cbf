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
        let table = try csv.table().map { try $0.resolved(in: graph) } ?? .projects
        if case .category(let id) = table { return CSVExportSet.categoryFileNames(graph)[id] ?? "category.csv" }
        return CSVExportSet.fileName(table) ?? CSVExportSet.fileName(.projects)!
    }

    /// Renders every format at once and stages its files in `folder`: each file is a job of its
    /// own (a format, or one table of the CSV set), so that both cores stay busy to the end
    /// instead of one writing the CSV set's hundreds of tables alone. Jobs start largest format
    /// first. When any job fails, every staged file is removed and the first error (in the order
    /// of `formats`, then of the format's files) is thrown.
    func renderAndStage(_ formats: [ExportFormat], _ graph: CatalogGraph, folder: String,
                        stem: String) throws -> (staged: [StagedFile], warnings: [Diagnostic]) {
        let csvName = try csvTableFileName(graph)
        // Preparing a format decides its files (the CSV set groups the graph here); most
        // formats do their work later, in `produce`.
        let prepared = ResultSlots<RenderedFormat>(count: formats.count)
        DispatchQueue.concurrentPerform(iterations: formats.count) { i in
            prepared[i] = Result { try renderFiles(formats[i], graph) }
        }
        let rendered = try prepared.values.map { try $0!.get() }

        let jobs = Self.jobs(rendered)
        let results = ResultSlots<StagedFile>(count: jobs.count)
        DispatchQueue.concurrentPerform(iterations: jobs.count) { k in
            let (f, o) = jobs[k]
            let file = rendered[f].outputs[o]
            // CSV tables keep their names from the set; other formats are STEM.EXT.
            let name = file.name ?? (formats[f] == .csv ? csvName : "\(stem).\(formats[f].fileExtension)")
            results[k] = Result { try OutputFile.stage(for: (folder as NSString).appendingPathComponent(name), file.produce) }
        }
        // Back in the order of `formats` and of each format's files.
        let byFile = zip(jobs, results.values).sorted { $0.0 < $1.0 }.map { $0.1! }
        if let failure = byFile.first(where: { if case .failure = $0 { return true } else { return false } }),
           case .failure(let error) = failure {
            for case .success(let staged) in byFile { staged.discard() }
            throw error
        }
        return (byFile.compactMap { try? $0.get() }, rendered.flatMap(\.warnings))
    }

    /// Every file of every format as (format index, file index), largest formats first (see
    /// `typicalSize`), files of a format in their order. `concurrentPerform` hands its
    /// iterations out in index order, so this is the order they start in.
    static func jobs(_ rendered: [RenderedFormat]) -> [(Int, Int)] {
        let formatOrder = rendered.indices.sorted {
            let (a, b) = (rendered[$0].format.typicalSize, rendered[$1].format.typicalSize)
            return a != b ? a > b : $0 < $1
        }
        return formatOrder.flatMap { f in rendered[f].outputs.indices.map { (f, $0) } }
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

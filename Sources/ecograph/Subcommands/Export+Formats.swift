import ArgumentParser
import Dispatch
import EcoGraph
import EcoGraphWriters
import Foundation

/// One file an export produces: `name` is nil for "the" output of a one-file format (its name
/// comes from -o, or it goes to standard output).
struct ExportOutput: Sendable {
    var name: String?
    var bytes: [UInt8]
}

/// What rendering one format gave: its files, and warnings to print.
struct RenderedFormat: Sendable {
    var format: ExportFormat
    var outputs: [ExportOutput]
    var warnings: [Diagnostic] = []
}

extension Export {
    /// Renders one format. CSV without `--matrix` is a set of files; everything else one file.
    func renderFiles(_ format: ExportFormat, _ graph: CatalogGraph) throws -> RenderedFormat {
        guard format == .csv else {
            return RenderedFormat(format: format, outputs: [ExportOutput(name: nil, bytes: try format.render(graph))])
        }
        guard let table = try csv.table() else {
            let set = CSVExportSet(graph, options: csv.options)
            return RenderedFormat(format: format, outputs: set.files.map { ExportOutput(name: $0.name, bytes: $0.bytes) },
                                  warnings: set.diagnostics)
        }
        let resolved = try table.resolved(in: graph)
        if resolved == .adjacency {
            let size = CSVMatrixWriter.adjacencyNodes(graph).count
            if size > CSVMatrixWriter.adjacencyLimit {
                throw Failure(.unavailable, "the adjacency matrix would have \(size) rows and columns (more than \(CSVMatrixWriter.adjacencyLimit)); narrow the selection with --category, --language or --focus")
            }
        }
        return RenderedFormat(format: format, outputs: [ExportOutput(name: nil, bytes: CSVMatrixWriter(resolved, options: csv.options).bytes(graph))])
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
    /// and stages its files in `folder` as soon as it is done, so that its bytes are freed
    /// before the others finish. When any format fails, every staged file is removed and the
    /// first error (in the order of `formats`) is thrown.
    func renderAndStage(_ formats: [ExportFormat], _ graph: CatalogGraph, folder: String,
                        stem: String) throws -> (staged: [StagedFile], warnings: [Diagnostic]) {
        let results = ResultSlots<([StagedFile], [Diagnostic])>(count: formats.count)
        let csvName = try csvTableFileName(graph)
        DispatchQueue.concurrentPerform(iterations: formats.count) { i in
            results[i] = Result {
                let rendered = try renderFiles(formats[i], graph)
                var staged: [StagedFile] = []
                do {
                    for file in rendered.outputs {
                        // CSV tables keep their names from the set; other formats are STEM.EXT.
                        let name = file.name ?? (formats[i] == .csv ? csvName : "\(stem).\(formats[i].fileExtension)")
                        staged.append(try OutputFile.stage(file.bytes, for: (folder as NSString).appendingPathComponent(name)))
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

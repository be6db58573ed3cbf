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
    /// A file that is small next to the others (a category's table): its job starts after
    /// the large ones, so that the cores end on small jobs and finish together.
    var isSmall = false
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
        switch try preparedFiles(format, graph) {
        case .ready(let rendered): return rendered
        case .later(let prepare): return prepare()
        }
    }

    /// A format's files, or, for the CSV set, whose files take grouping the whole graph to
    /// decide, the work that decides them (it cannot fail), to run as a job beside the writers.
    enum PreparedFiles {
        case ready(RenderedFormat)
        case later(@Sendable () -> RenderedFormat)
    }

    /// `renderFiles`, with the CSV set's preparation left to do.
    func preparedFiles(_ format: ExportFormat, _ graph: CatalogGraph) throws -> PreparedFiles {
        if let writer = format.streamingWriter {
            return .ready(RenderedFormat(format: format, outputs: [ExportOutput(name: nil) { sink in try writer.stream(graph, to: sink) }]))
        }
        guard format == .csv else {
            return .ready(RenderedFormat(format: format, outputs: [ExportOutput(name: nil) { sink in try sink(format.render(graph, engine: engine)) }]))
        }
        let options = csv.options
        guard let table = try csv.table() else {
            return .later {
                let set = CSVExportSet(graph, options: options)
                let outputs = set.tables.indices.map { i in
                    let isCategory = if case .category = set.tables[i].matrix { true } else { false }
                    return ExportOutput(name: set.tables[i].name, isSmall: isCategory) { sink in try set.write(i, sink: sink) }
                }
                return RenderedFormat(format: format, outputs: outputs, warnings: set.diagnostics)
            }
        }
        let resolved = try table.resolved(in: graph)
        if resolved == .adjacency {
            let size = CSVMatrixWriter.adjacencyNodes(graph).count
            if size > CSVMatrixWriter.adjacencyLimit {
                throw Failure(.unavailable, "the adjacency matrix would have \(size) rows and columns (more than \(CSVMatrixWriter.adjacencyLimit)); narrow the selection with --category, --language or --focus")
            }
        }
        return .ready(RenderedFormat(format: format, outputs: [ExportOutput(name: nil) { sink in
            try CSVMatrixWriter(resolved, options: options).stream(graph, to: sink)
        }]))
    }

    /// The file name a table of `--matrix` has in the set, for several formats in one folder.
    func csvTableFileName(_ graph: CatalogGraph) throws -> String {
        let table = try csv.table().map { try $0.resolved(in: graph) } ?? .projects
        if case .category(let id) = table { return CSVExportSet.categoryFileNames(graph)[id] ?? "category.csv" }
        return CSVExportSet.fileName(table) ?? CSVExportSet.fileName(.projects)!
    }

    /// Renders every format at once and stages its files in `folder`. Each file is a job of its
    /// own (a format, or one table of the CSV set), and so is the CSV set's preparation, which
    /// adds a job per table when it is done: the cores take jobs in order, so no core waits for
    /// that preparation (grouping the whole graph, on one core) and both stay busy to the end.
    /// The shared node texts are made first, on all cores (`SharedNodeTexts`); files are staged
    /// in `pool`'s files while it has some. Preparations start first, then formats largest
    /// first; a prepared set's large files go before the formats still waiting and its small
    /// ones last. When any job fails, every staged file is removed and the first error (in the
    /// order of `formats`, then of the format's files) is thrown.
    func renderAndStage(_ formats: [ExportFormat], _ graph: CatalogGraph, folder: String,
                        stem: String, pool: StagingPool? = nil) throws -> (staged: [StagedFile], warnings: [Diagnostic]) {
        let csvName = try csvTableFileName(graph)
        // Errors of a format's preparation come before any file is staged, in format order.
        let prepared = try formats.map { try preparedFiles($0, graph) }
        pool?.stopMaking()
        SharedNodeTexts.prepare(for: formats, of: graph)

        let rendered = Slots<RenderedFormat>(count: formats.count)
        let staged = StagedResults()
        let stageJobs = { @Sendable (f: Int, files: RenderedFormat, small: Bool) -> [JobQueue.Job] in
            files.outputs.indices.filter { files.outputs[$0].isSmall == small }.map { o in { _ in
                let file = files.outputs[o]
                // CSV tables keep their names from the set; other formats are STEM.EXT.
                let name = file.name ?? (formats[f] == .csv ? csvName : "\(stem).\(formats[f].fileExtension)")
                staged.put(Result { try OutputFile.stage(for: (folder as NSString).appendingPathComponent(name), pool: pool, file.produce) },
                           at: (f, o))
            } }
        }
        var preparations: [JobQueue.Job] = []
        var writing: [JobQueue.Job] = []
        for f in Self.largestFirst(formats) {
            switch prepared[f] {
            case .ready(let files):
                rendered[f] = files
                writing += stageJobs(f, files, false) + stageJobs(f, files, true)
            case .later(let prepare):
                preparations.append { queue in
                    let files = prepare()
                    rendered[f] = files
                    // Its large tables before the formats still waiting, its small ones last.
                    queue.add(stageJobs(f, files, false), first: true)
                    queue.add(stageJobs(f, files, true))
                }
            }
        }
        // With no writer to overlap, a preparation is better off at the top level, where its
        // own `concurrentPerform`s use every core.
        let queue = JobQueue(writing)
        if writing.isEmpty { preparations.forEach { $0(queue) } } else { queue.add(preparations, first: true) }
        queue.run()

        // Back in the order of `formats` and of each format's files.
        let byFile = staged.inOrder
        if let failure = byFile.first(where: { if case .failure = $0 { return true } else { return false } }),
           case .failure(let error) = failure {
            for case .success(let file) in byFile { file.discard() }
            throw error
        }
        return (byFile.compactMap { try? $0.get() }, rendered.values.flatMap { $0!.warnings })
    }

    /// The indices of `formats`, largest first (see `typicalSize`), in their order otherwise.
    static func largestFirst(_ formats: [ExportFormat]) -> [Int] {
        formats.indices.sorted {
            let (a, b) = (formats[$0].typicalSize, formats[$1].typicalSize)
            return a != b ? a > b : $0 < $1
        }
    }
}

/// Slots that jobs on several threads fill, one each, behind a lock.
final class Slots<T: Sendable>: @unchecked Sendable {
    private var slots: [T?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    subscript(i: Int) -> T? {
        get { lock.withLock { slots[i] } }
        set { lock.withLock { slots[i] = newValue } }
    }

    var values: [T?] { lock.withLock { slots } }
}

/// The staged files of an export's jobs, by (format index, file index), behind a lock: the
/// jobs finish in any order, and a format's file count is known only once it is prepared.
final class StagedResults: @unchecked Sendable {
    private var results: [(file: (Int, Int), result: Result<StagedFile, Error>)] = []
    private let lock = NSLock()

    func put(_ result: Result<StagedFile, Error>, at file: (Int, Int)) {
        lock.withLock { results.append((file, result)) }
    }

    /// Every result, by format index, then file index.
    var inOrder: [Result<StagedFile, Error>] {
        lock.withLock { results.sorted { $0.file < $1.file }.map(\.result) }
    }
}

/// Jobs run by one worker per core, each worker taking the next job in the order they were
/// added. A job may add jobs (behind the ones waiting); the queue is done when no job is waiting
/// and none is running, so a worker with nothing to take waits while another's job may still
/// add some.
///
/// The workers are iterations of one `concurrentPerform`, so a `concurrentPerform` inside a job
/// runs on the job's own thread, as it did when each job was an iteration.
final class JobQueue: @unchecked Sendable {
    typealias Job = @Sendable (JobQueue) -> Void

    private var jobs: [Job]
    /// The next job to take.
    private var next = 0
    private var running = 0
    private let condition = NSCondition()

    init(_ jobs: [Job]) { self.jobs = jobs }

    /// Adds `more` after the jobs waiting, or before them with `first`.
    func add(_ more: [Job], first: Bool = false) {
        condition.withLock {
            jobs.insert(contentsOf: more, at: first ? next : jobs.count)
            condition.broadcast()
        }
    }

    /// Runs every job, the ones jobs add included, and returns when all are done.
    func run(workers: Int = ProcessInfo.processInfo.activeProcessorCount) {
        DispatchQueue.concurrentPerform(iterations: max(1, workers)) { _ in
            while let job = take() {
                job(self)
                condition.withLock {
                    running -= 1
                    condition.broadcast()
                }
            }
        }
    }

    /// The next job, waiting while none is there but a running one may still add some; nil
    /// when all are done.
    private func take() -> Job? {
        condition.withLock {
            while next == jobs.count {
                if running == 0 { return nil }
                condition.wait()
            }
            next += 1
            running += 1
            return jobs[next - 1]
        }
    }
}

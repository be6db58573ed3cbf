import ArgumentParser
import EcoGraph
import EcoGraphReaders
import EcoGraphWriters
import Foundation

/// `ecograph bench-phases -c CATALOG`: runs the pipeline one phase at a time and prints one
/// JSON line of wall-clock seconds, CPU seconds and output bytes per phase, for
/// `bench/run.sh`. Hidden: it is a measuring tool, not a feature.
///
/// Phases: `read` (markdown → `ListingDocument` with its listings placed in a `GraphBuilder`,
/// side by side, as `CatalogLoader` reads), `model` (`GraphBuilder.finish` without inference:
/// the overlay, stable IDs, the graph's order and indexes), `infer` (the extra cost of a
/// `finish` with inference over one without), then one per export
/// format, written the way `export` writes it (streamed in pieces, the CSV set whole) into a
/// sink that only counts bytes, so formats added to `ExportFormat` are measured without changes
/// here.
struct BenchPhases: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-phases",
        abstract: "Time each phase of the pipeline (read, model, infer, each export) on a catalog.",
        shouldDisplay: false)

    @Option(name: [.short, .customLong("catalog")], help: ArgumentHelp("The markdown catalog.", valueName: "path"))
    var catalog: String

    @Option(help: ArgumentHelp("Export formats to time, comma-separated (default: every text format; formats this build does not have are listed under \"skipped\").", valueName: "formats"))
    var formats: String?

    @Option(help: "Report format: json (one line) or text.")
    var format: TextFormat = .json

    func run() throws {
        try runReportingFailures {
            let (chosen, skipped) = selectedFormats()
            let clock = ContinuousClock()
            let start = clock.now
            var phases: [(String, Double)] = []
            var cpu: [(String, Double)] = []
            func timed<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
                let t0 = clock.now, c0 = Self.cpuSeconds()
                let value = try body()
                phases.append((name, Self.seconds(clock.now - t0)))
                cpu.append((name, Self.cpuSeconds() - c0))
                return value
            }

            // As `CatalogLoader` reads: placing beside reading, so `read` holds both.
            var (doc, placed) = try timed("read") { try MarkdownCatalogReader().readAndPlace(path: catalog) }
            let plain = timed("model") { placed.finish(overlay: nil, infer: false).graph }
            // A second builder for the build with inference (`finish` uses a builder up).
            (doc, placed) = try MarkdownCatalogReader().readAndPlace(path: catalog)
            let t0 = clock.now, c0 = Self.cpuSeconds()
            let graph = placed.finish(overlay: nil, infer: true).graph
            // Inference's own cost: a build with it minus one without.
            phases.append(("infer", max(0, Self.seconds(clock.now - t0) - phases[1].1)))
            cpu.append(("infer", max(0, Self.cpuSeconds() - c0 - cpu[1].1)))

            var outputs: [(String, Int)] = []
            for f in chosen {
                let size = try timed(f.rawValue) { try Self.streamedSize(f, graph) }
                outputs.append((f.rawValue, size))
            }
            let total = Self.seconds(clock.now - start)
            cpu.append(("total", Self.cpuSeconds()))
            let report = Report(catalog: catalog, inputBytes: Self.fileSize(catalog), listings: doc.listings.count,
                                nodes: graph.nodes.count, edges: graph.edges.count,
                                inferredEdges: graph.edges.count - plain.edges.count,
                                phases: phases, cpu: cpu, outputs: outputs, skipped: skipped, total: total,
                                peakRSSKB: Self.peakRSSKB())
            Console.out(format == .json ? report.json() : report.text())
        }
    }

    /// The formats to time, and the names asked for that this build does not have.
    func selectedFormats() -> ([ExportFormat], [String]) {
        guard let formats else {
            // Formats that need a Graphviz layout are timed by `bench/run.sh` separately, on
            // the smaller catalogs only, so they are left out unless asked for by name.
            return (ExportFormat.allCases.filter { !$0.needsLayout }, [])
        }
        var chosen: [ExportFormat] = []
        var skipped: [String] = []
        for name in formats.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) where !name.isEmpty {
            if let f = ExportFormat(rawValue: name) {
                if !chosen.contains(f) { chosen.append(f) }
            } else if !skipped.contains(name) {
                skipped.append(name)
            }
        }
        return (chosen, skipped)
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    static func fileSize(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }

    /// The bytes `export --format FORMAT -o DIR` would write, counted as they stream by: the
    /// export's own choice of files and writers (`renderFiles`), so the two cannot drift apart.
    static func streamedSize(_ format: ExportFormat, _ graph: CatalogGraph) throws -> Int {
        let export = try Export.parse(["--format", format.rawValue, "-o", "."])
        var size = 0
        for file in try export.renderFiles(format, graph).outputs { try file.produce { size += $0.count } }
        return size
    }

    /// User and system time of the whole process so far, all threads: less disturbed than
    /// wall time by other work on a shared machine.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        #if os(Linux)
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        func s(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return s(usage.ru_utime) + s(usage.ru_stime)
    }

    /// The process's peak resident set so far (`ru_maxrss`: kilobytes on Linux, bytes on macOS).
    static func peakRSSKB() -> Int {
        var usage = rusage()
        #if os(Linux)
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Int(usage.ru_maxrss)
        #else
        getrusage(RUSAGE_SELF, &usage)
        return Int(usage.ru_maxrss) / 1024
        #endif
    }

    struct Report {
        var catalog: String
        var inputBytes: Int
        var listings: Int
        var nodes: Int
        var edges: Int
        var inferredEdges: Int
        var phases: [(String, Double)]
        var cpu: [(String, Double)]
        var outputs: [(String, Int)]
        var skipped: [String]
        var total: Double
        var peakRSSKB: Int

        func json() -> String {
            var out = OutputBuffer(capacity: 1024)
            out.append("{\"catalog\": ")
            out.appendJSONString(catalog)
            out.append(", \"input_bytes\": \(inputBytes), \"listings\": \(listings), \"nodes\": \(nodes), \"edges\": \(edges)")
            out.append(", \"inferred_edges\": \(inferredEdges), \"seconds\": {")
            out.append(phases.map { "\"\($0.0)\": \(Self.fixed($0.1))" }.joined(separator: ", "))
            out.append(", \"total\": \(Self.fixed(total))}, \"cpu_seconds\": {")
            out.append(cpu.map { "\"\($0.0)\": \(Self.fixed($0.1))" }.joined(separator: ", "))
            out.append("}, \"output_bytes\": {")
            out.append(outputs.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", "))
            out.append("}, \"skipped\": ")
            out.appendJSONArray(skipped)
            out.append(", \"peak_rss_kb\": \(peakRSSKB)}\n")
            return String(decoding: out.bytes, as: UTF8.self)
        }

        func text() -> String {
            var lines = ["\(catalog): \(inputBytes) bytes, \(listings) listings → \(nodes) nodes, \(edges) edges (\(inferredEdges) inferred)"]
            let bytesByPhase = Dictionary(outputs, uniquingKeysWith: { a, _ in a })
            let cpuByPhase = Dictionary(cpu, uniquingKeysWith: { a, _ in a })
            for (name, s) in phases {
                lines.append("  " + name.padding(toLength: 10, withPad: " ", startingAt: 0) + Self.fixed(s) + " s"
                             + (cpuByPhase[name].map { " (cpu \(Self.fixed($0)) s)" } ?? "")
                             + (bytesByPhase[name].map { "  \($0) bytes" } ?? ""))
            }
            lines.append("  total     \(Self.fixed(total)) s, peak RSS \(peakRSSKB / 1024) MB")
            if !skipped.isEmpty { lines.append("  skipped (not in this build): \(skipped.joined(separator: ", "))") }
            return lines.joined(separator: "\n") + "\n"
        }

        /// Seconds with four decimals, the same on every platform.
        static func fixed(_ s: Double) -> String {
            let tenThousandths = Int((s * 10_000).rounded())
            let frac = String(tenThousandths % 10_000)
            return "\(tenThousandths / 10_000)." + String(repeating: "0", count: 4 - frac.count) + frac
        }
    }
}

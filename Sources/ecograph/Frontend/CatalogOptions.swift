import ArgumentParser
import EcoGraph
import EcoGraphReaders
import Foundation

/// The options every command that reads a catalog shares.
struct CatalogOptions: ParsableArguments {
    @Option(name: [.short, .customLong("catalog")],
            help: ArgumentHelp("The catalog: a markdown awesome list, or a JSON-LD file ecograph wrote.", valueName: "path"))
    var catalog: String = "graphs/distributed-architecture.md"

    @Option(help: ArgumentHelp("The relations overlay (default: CATALOG's name with .relations.yaml, when it exists).", valueName: "path"))
    var overlay: String?

    @Flag(help: "Do not apply any relations overlay.")
    var noOverlay = false

    @Flag(help: "Do not infer relations from descriptions.")
    var noInfer = false

    func validate() throws {
        if noOverlay && overlay != nil {
            throw ValidationError("--overlay and --no-overlay cannot be used together")
        }
    }

    var loader: CatalogLoader {
        CatalogLoader(overlay: noOverlay ? .none : overlay.map { .path($0) } ?? .automatic, infer: !noInfer)
    }

    /// Loads the graph; warnings go to standard error, errors end the command.
    func load(lenient: Bool = false, quiet: Bool = false) throws -> GraphBuilder.Result {
        var l = loader
        l.lenient = lenient
        do {
            let result = try l.load(catalog: catalog)
            LoadedCatalogs.keepUntilExit(result)
            return result
        } catch let e as DiagnosticError {
            throw Failure(e)
        }
    }
}

/// Graphs this process loaded, kept until it exits: the system takes a process's memory back
/// at once, where releasing a 200,000-entry graph object by object took about a second.
private enum LoadedCatalogs {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var kept: [GraphBuilder.Result] = []

    static func keepUntilExit(_ result: GraphBuilder.Result) {
        lock.withLock { kept.append(result) }
    }
}

/// Output format for listings and cards.
enum TextFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

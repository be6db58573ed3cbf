import Dispatch
import EcoGraph
import Foundation

/// Bounds a Graphviz layout in time. Graphviz cannot be interrupted, and `dot` 2.43 can loop
/// for ever on some clustered graphs (its "merge2: rank has only N < M nodes" state), so a
/// layout that has not finished in time ends the process with a clear error and exit 69,
/// after removing every staged (temporary) output: nothing half-written is left.
enum LayoutWatchdog {
    /// Seconds a layout may take; `export --layout-timeout` sets it.
    nonisolated(unsafe) static var seconds: Double = 120

    static func guarding<T>(_ what: String, _ body: () throws -> T) rethrows -> T {
        let timer = DispatchSource.makeTimerSource(queue: .global())
        let limit = seconds
        timer.schedule(deadline: .now() + limit)
        timer.setEventHandler {
            StagedFile.discardAll()
            Console.error("ecograph: error: the Graphviz layout of the \(what) did not finish within \(Int(limit)) s; "
                          + "try --engine osage or sfdp, narrow the selection (--category, --focus), or raise --layout-timeout")
            exit(ExitCodes.code(for: .unavailable))
        }
        timer.resume()
        defer { timer.cancel() }
        return try body()
    }
}

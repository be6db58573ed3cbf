import ArgumentParser
import EcoGraph
import Foundation

/// An error that the CLI prints as `file:line:col: error: …` lines and turns into a fixed exit
/// code (see `ExitCodes`).
struct Failure: Error, CustomStringConvertible {
    var diagnostics: [Diagnostic]
    var kind: FailureKind

    init(_ e: DiagnosticError) {
        diagnostics = e.diagnostics
        kind = e.kind
    }

    init(_ kind: FailureKind, _ message: String, file: String? = nil) {
        self.kind = kind
        diagnostics = [Diagnostic(.error, at: nil, file: file, code: kind.rawValue, kind: kind, message)]
    }

    var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

enum ExitCodes {
    static let different: Int32 = 1
    static let usage: Int32 = 64
    static func code(for kind: FailureKind) -> Int32 {
        switch kind {
        case .data: return 65
        case .noInput: return 66
        case .unknownName: return 67
        case .unavailable: return 69
        case .cantCreate: return 73
        }
    }
}

/// Prints diagnostics to standard error and exits with the failure's code. ArgumentParser's
/// own errors (usage) keep its handling.
func runReportingFailures(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let f as Failure {
        Console.error(f.description)
        throw ExitCode(ExitCodes.code(for: f.kind))
    } catch let e as DiagnosticError {
        Console.error(e.description)
        throw ExitCode(ExitCodes.code(for: e.kind))
    }
}

enum Console {
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func out(bytes: [UInt8]) {
        FileHandle.standardOutput.write(Data(bytes))
    }

    /// Colour only on a terminal and never with NO_COLOR (no-color.org).
    static let useColor: Bool = {
        if ProcessInfo.processInfo.environment["NO_COLOR"].map({ !$0.isEmpty }) == true { return false }
        return isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["TERM"] != "dumb"
    }()

    static func bold(_ s: String) -> String { useColor ? "\u{1B}[1m\(s)\u{1B}[0m" : s }
    static func dim(_ s: String) -> String { useColor ? "\u{1B}[2m\(s)\u{1B}[0m" : s }
}

import ArgumentParser
import EcoGraph
import EcoGraphWriters

extension CatalogGraph {
    /// The node a command-line name means, or an `unknownName` failure (exit 67) with
    /// "did you mean …".
    func lookup(_ name: String) throws -> Node {
        if let n = resolve(name) { return n }
        let suggestions = suggestions(for: name)
        let hint = suggestions.isEmpty ? "; 'ecograph list' shows every entry" : didYouMean(suggestions)
        throw Failure(.unknownName, "no project, resource, category or language named '\(name)'\(hint)")
    }
}

extension ReportStyle {
    /// Colour only on a terminal and never with NO_COLOR.
    static var console: ReportStyle { ReportStyle(color: Console.useColor) }
}

extension EdgeDirection: ExpressibleByArgument {}

extension TextFormat {
    /// Writes a query's report to standard output in this format.
    func emit(text: () -> String, json: () -> [UInt8]) {
        switch self {
        case .text: Console.out(text())
        case .json: Console.out(bytes: json())
        }
    }
}

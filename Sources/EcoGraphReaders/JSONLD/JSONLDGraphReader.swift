import Foundation
import EcoGraph

/// Reads back a JSON-LD document that ecograph wrote (`export --format jsonld`) as a graph.
public struct JSONLDGraphReader: Sendable {
    public init() {}

    public static func handles(_ path: String) -> Bool {
        path.hasSuffix(".jsonld") || path.hasSuffix(".json-ld")
    }

    public func read(path: String) throws -> CatalogGraph {
        throw DiagnosticError(.error("unsupported", at: nil, file: path, kind: .unavailable,
                                     "reading JSON-LD is not available yet"))
    }
}

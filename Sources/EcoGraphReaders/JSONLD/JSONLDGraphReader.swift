import Foundation
import EcoGraph

/// Reads back a JSON-LD document that ecograph wrote (`export --format jsonld`) as the same graph:
/// nodes from the typed node objects (their `schema:identifier` is the ecograph ID), edges with
/// their provenance from the `rdf:Statement`s, the source files from the `skos:ConceptScheme`.
/// The direct relation triples are derived from the statements, so they are not read.
///
/// ```swift
/// let graph = try JSONLDGraphReader().read(path: "graph.jsonld")
/// graph.resolve("Kong")?.id   // project:kong
/// ```
///
/// It reads the compact form ecograph writes (the terms of its `@context`), not arbitrary
/// JSON-LD: expanding a foreign document needs a full JSON-LD processor.
public struct JSONLDGraphReader: Sendable {
    public init() {}

    public static func handles(_ path: String) -> Bool {
        path.hasSuffix(".jsonld") || path.hasSuffix(".json-ld")
    }

    /// - Throws: `DiagnosticError`: `noInput` when the file cannot be read, `data` when it is not
    ///   JSON or not a document ecograph wrote (every problem found, up to 20).
    public func read(path: String) throws -> CatalogGraph {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw DiagnosticError(.error("no-input", at: nil, file: path, kind: .noInput,
                                         "cannot read '\(path)': \(error.localizedDescription)"))
        }
        return try read(data: data, file: path)
    }

    public func read(data: Data, file: String) throws -> CatalogGraph {
        let document: Document
        do {
            // JSONDecoder into plain structs: a tenth of the memory JSONSerialization's
            // dictionaries take for a 200,000-entry graph, and faster.
            document = try JSONDecoder().decode(Document.self, from: data)
        } catch let error as DecodingError {
            if case .dataCorrupted(let c) = error, c.codingPath.isEmpty {
                throw DiagnosticError(Self.syntaxError(data, file: file))
            }
            throw DiagnosticError(Self.diagnostic(error, file: file))
        } catch {
            throw DiagnosticError(Self.syntaxError(data, file: file))
        }
        var parser = Parser(file: file)
        return try parser.parse(document.graph)
    }

    /// The part of the document the reader needs; other keys (the direct relation triples, SKOS
    /// labels, the context) are skipped.
    struct Document: Decodable {
        var graph: [Item]
        enum CodingKeys: String, CodingKey { case graph = "@graph" }
    }

    /// A node, a statement, the concept scheme, a property, or a provenance record: they share
    /// one shape with optional fields.
    struct Item: Decodable {
        var iri: String?
        var types: OneOrMany?
        var identifier: String?
        var name: String?
        var url: String?
        var urls: [String]?
        var description: String?
        var alternateName: OneOrMany?
        var level: Int?
        var section: String?
        var noLanguage: Bool?
        var note: String?
        var sources: [String]?
        var provenance: [Item]?
        var subject: String?
        var predicate: String?
        var object: String?
        var method: String?
        var file: String?
        var line: Int?
        var column: Int?
        var phrase: String?
        var confidence: Double?
        var reference: String?

        enum CodingKeys: String, CodingKey {
            case iri = "@id", types = "@type"
            case identifier, name, url, urls, description, alternateName, level, section, noLanguage, note, sources,
                 provenance, subject, predicate, object, method, file, line, column, phrase, confidence, reference
        }
    }

    /// JSON-LD lets a set be one value or an array.
    struct OneOrMany: Decodable {
        var values: [String]
        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let one = try? c.decode(String.self) { values = [one] } else { values = try c.decode([String].self) }
        }
    }

    /// "@graph item 12: "line" must be a number", or "not JSON" with its place.
    static func diagnostic(_ error: DecodingError, file: String) -> Diagnostic {
        let context: DecodingError.Context
        switch error {
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .keyNotFound(_, let c), .dataCorrupted(let c): context = c
        @unknown default:
            return .error("bad-jsonld", at: nil, file: file, "\(error)")
        }
        let path = context.codingPath
        guard path.first?.stringValue == "@graph", path.count > 1 else {
            return .error("not-ecograph-jsonld", at: nil, file: file,
                          "not a JSON-LD document ecograph wrote: no top-level \"@graph\" array of objects; export one with `ecograph export --format jsonld`")
        }
        let item = path[1].intValue.map { "@graph item \($0)" } ?? "@graph"
        let field = path.dropFirst(2).map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined()
        var what = context.debugDescription
        if case .typeMismatch(let type, _) = error { what = "must be \(type == String.self ? "a string" : type == Bool.self ? "true or false" : (type == Int.self || type == Double.self) ? "a number" : "\(type)")" }
        return .error("bad-jsonld", at: nil, file: file, "\(item): \(field.isEmpty ? "" : "'\(field.dropFirst())' ")\(what)")
    }

    private struct Parser {
        let file: String
        var problems: [Diagnostic] = []
        var nodes: [Node] = []
        var idByIRI: [String: NodeID] = [:]
        /// The item that gave each node ID, to refuse a second node with the same ID (compared as
        /// `String`s compare: one spelled NFC and one NFD are the same ID, and a graph cannot hold both).
        var itemByID: [NodeID: Int] = [:]
        var sources: [String] = []

        init(file: String) { self.file = file }

        mutating func problem(_ item: Int, _ message: String) {
            if problems.count < 20 {
                problems.append(.error("bad-jsonld", at: nil, file: file, "@graph item \(item): \(message)"))
            }
        }

        static let statement = LinkedDataVocabulary.expand("rdf:Statement")
        static let scheme = LinkedDataVocabulary.expand("skos:ConceptScheme")
        static let property = LinkedDataVocabulary.expand("rdf:Property")

        mutating func parse(_ items: [Item]) throws -> CatalogGraph {
            var statements: [Int] = []
            nodes.reserveCapacity(items.count)
            for (i, item) in items.enumerated() {
                let types = item.types?.values ?? []
                let expanded = types.map(LinkedDataVocabulary.expand)
                if expanded.contains(Self.statement) {
                    statements.append(i)
                } else if expanded.contains(Self.scheme) {
                    sources = item.sources ?? []
                } else if !expanded.contains(Self.property) {
                    node(i, item, types)
                }
            }
            var edges: [Edge] = []
            edges.reserveCapacity(statements.count)
            for i in statements {
                if let e = edge(i, items[i]) { edges.append(e) }
            }
            if !problems.isEmpty { throw DiagnosticError(problems) }
            return CatalogGraph(nodes: nodes, edges: edges, sources: sources)
        }

        mutating func node(_ i: Int, _ item: Item, _ types: [String]) {
            guard let kind = LinkedDataVocabulary.kind(fromTypes: types) else {
                problem(i, "unknown @type \(types); expected one of ecograph's node types (doap:Project, skos:Concept, …)")
                return
            }
            guard let identifier = item.identifier, !identifier.isEmpty else {
                problem(i, "a node without its \"identifier\" (the ecograph ID)")
                return
            }
            guard let iri = item.iri else { problem(i, "a node without \"@id\""); return }
            guard let name = item.name else { problem(i, "node '\(identifier)' has no \"name\""); return }
            if let other = idByIRI[iri] {
                problem(i, "\"@id\" '\(iri)' is used twice ('\(other)' and '\(identifier)')")
                return
            }
            let id = NodeID(identifier)
            if let first = itemByID[id] {
                problem(i, "node ID '\(identifier)' is used twice (@graph items \(first) and \(i)); give each node its own \"identifier\"")
                return
            }
            itemByID[id] = i
            idByIRI[iri] = id
            var provenance: [Provenance] = []
            for p in item.provenance ?? [] {
                if let parsed = self.provenance(i, p) { provenance.append(parsed) }
            }
            nodes.append(Node(id: id, kind: kind, name: name, urls: item.urls ?? item.url.map { [$0] } ?? [],
                              description: item.description, aliases: item.alternateName?.values ?? [],
                              provenance: provenance, level: item.level, section: item.section,
                              noLanguage: item.noLanguage ?? false, note: item.note))
        }

        mutating func edge(_ i: Int, _ item: Item) -> Edge? {
            guard let subject = item.subject, let object = item.object, let predicate = item.predicate else {
                problem(i, "a statement needs \"subject\", \"predicate\" and \"object\"")
                return nil
            }
            guard let relation = LinkedDataVocabulary.relation(forProperty: predicate) else {
                problem(i, "unknown predicate '\(predicate)'; expected one of ecograph's relation properties (eco:builtOn, schema:isBasedOn, …)")
                return nil
            }
            guard let source = idByIRI[subject] else { problem(i, "subject '\(subject)' is not a node of this document"); return nil }
            guard let target = idByIRI[object] else { problem(i, "object '\(object)' is not a node of this document"); return nil }
            guard let p = provenance(i, item) else { return nil }
            return Edge(source: source, target: target, relation: relation, provenance: p)
        }

        mutating func provenance(_ i: Int, _ item: Item) -> Provenance? {
            guard let m = item.method, let method = ProvenanceMethod(rawValue: m) else {
                problem(i, "\"method\" must be one of \(ProvenanceMethod.allCases.map(\.rawValue).joined(separator: ", "))")
                return nil
            }
            let location = item.file.map { SourceLocation(file: $0, line: item.line ?? 0, column: item.column ?? 0) }
            return Provenance(method: method, location: location, phrase: item.phrase, confidence: item.confidence,
                              note: item.note, source: item.reference)
        }
    }

    /// JSONDecoder only says "not valid JSON": JSONSerialization says where ("around character
    /// 21", or "around line 3, column 5" on other platforms), which becomes `file:line:col`.
    static func syntaxError(_ data: Data, file: String) -> Diagnostic {
        var reason = "the data is not JSON"
        do {
            _ = try JSONSerialization.jsonObject(with: data)
        } catch {
            let ns = error as NSError
            reason = (ns.userInfo["NSDebugDescription"] as? String) ?? ns.localizedDescription
        }
        return .error("bad-json", at: location(in: reason, data: data, file: file), file: file,
                      "not valid JSON: \(reason); export the graph again with `ecograph export --format jsonld`")
    }

    static func location(in reason: String, data: Data, file: String) -> SourceLocation? {
        func number(after word: String) -> Int? {
            guard let r = reason.range(of: word + " ") else { return nil }
            return Int(reason[r.upperBound...].prefix { $0.isNumber })
        }
        if let line = number(after: "line") {
            return SourceLocation(file: file, line: line, column: max(1, number(after: "column") ?? 1))
        }
        guard let offset = number(after: "character") else { return nil }
        // Columns count UTF-8 bytes, as for every other input.
        var line = 1, column = 1
        for b in data.prefix(offset) {
            if b == 0x0A { line += 1; column = 1 } else { column += 1 }
        }
        return SourceLocation(file: file, line: line, column: column)
    }
}

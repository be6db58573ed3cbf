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
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw DiagnosticError(.error("bad-json", at: Self.location(of: error, file: file), file: file,
                "not valid JSON: \(Self.reason(error)); export the graph again with `ecograph export --format jsonld`"))
        }
        guard let doc = root as? [String: Any], let items = doc["@graph"] as? [Any] else {
            throw DiagnosticError(.error("not-ecograph-jsonld", at: nil, file: file,
                "not a JSON-LD document ecograph wrote: no top-level \"@graph\" array; export one with `ecograph export --format jsonld`"))
        }
        var parser = Parser(file: file)
        return try parser.parse(items)
    }

    private struct Parser {
        let file: String
        var problems: [Diagnostic] = []
        var nodes: [Node] = []
        var idByIRI: [String: NodeID] = [:]
        var statements: [(index: Int, item: [String: Any])] = []
        var sources: [String] = []

        init(file: String) { self.file = file }

        mutating func problem(_ item: Int, _ message: String) {
            if problems.count < 20 {
                problems.append(.error("bad-jsonld", at: nil, file: file, "@graph item \(item): \(message)"))
            }
        }

        mutating func parse(_ items: [Any]) throws -> CatalogGraph {
            for (i, any) in items.enumerated() {
                guard let item = any as? [String: Any] else { problem(i, "not an object"); continue }
                let types = Self.strings(item["@type"])
                let expanded = Set(types.map(LinkedDataVocabulary.expand))
                if expanded.contains(LinkedDataVocabulary.expand("rdf:Statement")) {
                    statements.append((i, item))
                } else if expanded.contains(LinkedDataVocabulary.expand("skos:ConceptScheme")) {
                    sources = Self.strings(item["sources"])
                } else if expanded.contains(LinkedDataVocabulary.expand("rdf:Property")) {
                    continue
                } else {
                    node(i, item, types)
                }
            }
            var edges: [Edge] = []
            edges.reserveCapacity(statements.count)
            for (i, item) in statements {
                if let e = edge(i, item) { edges.append(e) }
            }
            if !problems.isEmpty { throw DiagnosticError(problems) }
            return CatalogGraph(nodes: nodes, edges: edges, sources: sources)
        }

        mutating func node(_ i: Int, _ item: [String: Any], _ types: [String]) {
            guard let kind = LinkedDataVocabulary.kind(fromTypes: types) else {
                problem(i, "unknown @type \(types); expected one of ecograph's node types (doap:Project, skos:Concept, …)")
                return
            }
            guard let identifier = item["identifier"] as? String, !identifier.isEmpty else {
                problem(i, "a node without its \"identifier\" (the ecograph ID)")
                return
            }
            guard let iri = item["@id"] as? String else { problem(i, "a node without \"@id\""); return }
            guard let name = item["name"] as? String else { problem(i, "node '\(identifier)' has no \"name\""); return }
            if let other = idByIRI[iri] {
                problem(i, "\"@id\" '\(iri)' is used twice ('\(other)' and '\(identifier)')")
                return
            }
            let id = NodeID(identifier)
            idByIRI[iri] = id
            var urls = Self.strings(item["urls"])
            if urls.isEmpty, let url = item["url"] as? String { urls = [url] }
            var provenance: [Provenance] = []
            for (k, p) in ((item["provenance"] as? [Any]) ?? []).enumerated() {
                guard let p = p as? [String: Any], let parsed = self.provenance(i, p) else {
                    problem(i, "provenance \(k + 1) of '\(identifier)' is not a provenance object")
                    continue
                }
                provenance.append(parsed)
            }
            nodes.append(Node(id: id, kind: kind, name: name, urls: urls, description: item["description"] as? String,
                              aliases: Self.strings(item["alternateName"]), provenance: provenance,
                              level: Self.int(item["level"]), section: item["section"] as? String,
                              noLanguage: (item["noLanguage"] as? Bool) ?? false, note: item["note"] as? String))
        }

        mutating func edge(_ i: Int, _ item: [String: Any]) -> Edge? {
            guard let subject = item["subject"] as? String, let object = item["object"] as? String,
                  let predicate = item["predicate"] as? String else {
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

        mutating func provenance(_ i: Int, _ item: [String: Any]) -> Provenance? {
            guard let m = item["method"] as? String, let method = ProvenanceMethod(rawValue: m) else {
                problem(i, "\"method\" must be one of \(ProvenanceMethod.allCases.map(\.rawValue).joined(separator: ", "))")
                return nil
            }
            var location: SourceLocation? = nil
            if let file = item["file"] as? String {
                location = SourceLocation(file: file, line: Self.int(item["line"]) ?? 0, column: Self.int(item["column"]) ?? 0)
            }
            return Provenance(method: method, location: location, phrase: item["phrase"] as? String,
                              confidence: (item["confidence"] as? NSNumber)?.doubleValue, note: item["note"] as? String,
                              source: item["reference"] as? String)
        }

        /// A string or an array of strings (JSON-LD allows either for a set).
        static func strings(_ value: Any?) -> [String] {
            if let s = value as? String { return [s] }
            return (value as? [Any])?.compactMap { $0 as? String } ?? []
        }

        static func int(_ value: Any?) -> Int? {
            guard let n = value as? NSNumber else { return nil }
            let d = n.doubleValue
            guard d.rounded() == d, abs(d) < 1e15 else { return nil }
            return Int(d)
        }
    }

    /// JSONSerialization says "… around line 3, column 5." in its debug description.
    static func location(of error: Error, file: String) -> SourceLocation? {
        let text = reason(error)
        func number(after word: String) -> Int? {
            guard let r = text.range(of: word + " ") else { return nil }
            return Int(text[r.upperBound...].prefix { $0.isNumber })
        }
        guard let line = number(after: "line") else { return nil }
        return SourceLocation(file: file, line: line, column: max(1, number(after: "column") ?? 1))
    }

    static func reason(_ error: Error) -> String {
        let ns = error as NSError
        return (ns.userInfo["NSDebugDescription"] as? String) ?? ns.localizedDescription
    }
}

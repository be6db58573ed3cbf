import EcoGraph

/// Writes the graph as one JSON-LD 1.1 document with an inline `@context` (never a remote one),
/// so that pyld and rdflib expand it and turn it into RDF with no network access.
///
/// - Projects are `schema:SoftwareSourceCode` and `doap:Project`; resources `schema:CreativeWork`;
///   languages `schema:ComputerLanguage`; externals `schema:Thing`; categories `skos:Concept`s in
///   one `skos:ConceptScheme` (the catalog), with `skos:broader` for sub-groups.
/// - Names are `schema:name`, aliases `schema:alternateName`, the primary URL `schema:url`, a
///   forge URL `schema:codeRepository`, all URLs in order `eco:urls`.
/// - Every relation is a direct triple (`<kong> eco:builtOn <nginx>`; `extends` is
///   `schema:isBasedOn`, `written-in` `schema:programmingLanguage`, `documents` `schema:about`,
///   `part-of` `schema:isPartOf`; see `LinkedDataVocabulary`) *and* a reified `rdf:Statement`
///   carrying its provenance, so that repeated edges with different provenance survive.
/// - Node IRIs are `https://ecograph.dev/id/<kind>/<slug>`, percent-encoded; `schema:identifier`
///   keeps the ecograph ID.
///
/// ```json
/// {"@context": {…, "@base": "https://ecograph.dev/id/"},
///  "@graph": [
///   {"@id": "project/kong", "@type": ["schema:SoftwareSourceCode", "doap:Project"], "identifier": "project:kong",
///    "name": "Kong", "builtOn": ["project/nginx"], …},
///   {"@type": "rdf:Statement", "subject": "project/kong", "predicate": "eco:builtOn", "object": "project/nginx",
///    "method": "overlay", "file": "….relations.yaml", "line": 412, "column": 5}]}
/// ```
///
/// "What is built on Nginx?" in SPARQL:
/// ```sparql
/// PREFIX eco: <https://ecograph.dev/vocab#>
/// PREFIX schema: <https://schema.org/>
/// SELECT ?name WHERE { ?p eco:builtOn ?n . ?n schema:name "Nginx" . ?p schema:name ?name } ORDER BY ?name
/// ```
public struct JSONLDWriter: StreamingGraphWriter {
    public init() {}

    typealias V = LinkedDataVocabulary

    public func write(_ graph: CatalogGraph, into out: inout OutputBuffer, chunkSize: Int,
                      sink: ([UInt8]) throws -> Void) rethrows {
        Self.context(into: &out)
        out.append(",\n  \"@graph\": [")
        let scheme = Self.schemeIRI(graph)
        Self.scheme(graph, iri: scheme, into: &out)
        Self.properties(into: &out)
        let index = GraphIndex(graph)
        // Every node's reference is written for each edge that ends at it: encoded once.
        let references = References(index: index, texts: NodeTexts(index.nodes.count) { i, out in
            Self.reference(index.nodes[i].id, into: &out)
        })
        let context = RecordContext(references: references, scheme: scheme)
        try ParallelRecords.write(index.nodes, into: &out, chunkSize: chunkSize, sink: sink) { n, i, piece in
            Self.node(n, at: i, context, into: &piece)
        }
        try ParallelRecords.write(index.edges, into: &out, chunkSize: chunkSize, sink: sink) { e, k, piece in
            Self.statement(e, k, references, into: &piece)
        }
        out.append("\n  ]\n}\n")
    }

    // MARK: - Context

    /// The shared context: prefixes, `@base`, and one term per property with its value type.
    static func context(into out: inout OutputBuffer) {
        out.append("{\n  \"@context\": {\n    \"@version\": 1.1,\n    \"@base\": ")
        out.appendJSONString(V.base)
        for (prefix, iri) in V.prefixes {
            out.append(",\n    ")
            out.appendJSONString(prefix)
            out.append(": ")
            out.appendJSONString(iri)
        }
        var terms: [(String, String)] = [
            ("identifier", #"{"@id": "schema:identifier"}"#),
            ("name", #"{"@id": "schema:name"}"#),
            ("prefLabel", #"{"@id": "skos:prefLabel"}"#),
            ("label", #"{"@id": "rdfs:label"}"#),
            ("description", #"{"@id": "schema:description"}"#),
            ("alternateName", #"{"@id": "schema:alternateName"}"#),
            ("url", #"{"@id": "schema:url", "@type": "xsd:anyURI"}"#),
            ("codeRepository", #"{"@id": "schema:codeRepository", "@type": "xsd:anyURI"}"#),
            ("urls", #"{"@id": "eco:urls", "@type": "xsd:anyURI", "@container": "@list"}"#),
            ("inScheme", #"{"@id": "skos:inScheme", "@type": "@id"}"#),
            ("topConceptOf", #"{"@id": "skos:topConceptOf", "@type": "@id"}"#),
            ("subPropertyOf", #"{"@id": "rdfs:subPropertyOf", "@type": "@id"}"#),
            ("level", #"{"@id": "eco:level"}"#),
            ("section", #"{"@id": "eco:section"}"#),
            ("noLanguage", #"{"@id": "eco:noLanguage"}"#),
            ("note", #"{"@id": "eco:note"}"#),
            ("sources", #"{"@id": "eco:sourceFile", "@container": "@list"}"#),
            ("provenance", #"{"@id": "eco:provenance", "@container": "@list"}"#),
            ("subject", #"{"@id": "rdf:subject", "@type": "@id"}"#),
            ("predicate", #"{"@id": "rdf:predicate", "@type": "@id"}"#),
            ("object", #"{"@id": "rdf:object", "@type": "@id"}"#),
            ("method", #"{"@id": "eco:method"}"#),
            ("file", #"{"@id": "eco:file"}"#),
            ("line", #"{"@id": "eco:line"}"#),
            ("column", #"{"@id": "eco:column"}"#),
            ("phrase", #"{"@id": "eco:phrase"}"#),
            ("confidence", #"{"@id": "eco:confidence"}"#),
            ("reference", #"{"@id": "eco:reference"}"#),
        ]
        for r in RelationKind.allCases {
            let p = V.property(r)
            terms.append((p.term, "{\"@id\": \"\(p.iri)\", \"@type\": \"@id\"}"))
        }
        for (term, definition) in terms {
            out.append(",\n    ")
            out.appendJSONString(term)
            out.append(": ")
            out.append(definition)
        }
        out.append("\n  }")
    }

    /// `https://ecograph.dev/scheme/<catalog file stem>`.
    static func schemeIRI(_ graph: CatalogGraph) -> String {
        var stem = Substring(graph.sources.first ?? "catalog")
        if let slash = stem.lastIndex(of: "/") { stem = stem[stem.index(after: slash)...] }
        if let dot = stem.lastIndex(of: "."), dot != stem.startIndex { stem = stem[..<dot] }
        return V.schemeBase + V.percentEncode(stem)
    }

    static func scheme(_ graph: CatalogGraph, iri: String, into out: inout OutputBuffer) {
        out.append("\n    {\"@id\": ")
        out.appendJSONString(iri)
        out.append(", \"@type\": \"skos:ConceptScheme\", \"name\": ")
        out.appendJSONString(graph.sources.first ?? "catalog")
        out.append(", \"sources\": ")
        out.appendJSONArray(graph.sources)
        out.append("}")
    }

    /// Our vocabulary's properties, described where the document uses them.
    static func properties(into out: inout OutputBuffer) {
        for r in RelationKind.allCases {
            let p = V.property(r)
            guard p.iri.hasPrefix("eco:") else { continue }
            out.append(",\n    {\"@id\": ")
            out.appendJSONString(p.iri)
            out.append(", \"@type\": \"rdf:Property\", \"label\": ")
            out.appendJSONString(r.phrase)
            if let sup = p.superProperty {
                out.append(", \"subPropertyOf\": ")
                out.appendJSONString(sup)
            }
            out.append("}")
        }
    }

    // MARK: - Nodes and statements

    /// The references of edge ends, by node position (an end that is not a node of the graph is
    /// encoded where it is written).
    struct References {
        let index: GraphIndex
        let texts: NodeTexts

        func source(_ k: Int, into out: inout OutputBuffer) { append(index.sourceOf[k], index.edges[k].source, &out) }
        func target(_ k: Int, into out: inout OutputBuffer) { append(index.targetOf[k], index.edges[k].target, &out) }

        private func append(_ node: Int32, _ id: NodeID, _ out: inout OutputBuffer) {
            if node >= 0 { texts.append(Int(node), to: &out) } else { JSONLDWriter.reference(id, into: &out) }
        }
    }

    /// What every node record needs besides the node.
    struct RecordContext: Sendable {
        let references: References
        let scheme: String
    }

    static func node(_ n: UnsafePointer<Node>, at i: Int, _ context: RecordContext, into out: inout OutputBuffer) {
        let edges = context.references.index.outgoing(i)
        let all = context.references.index.edges
        out.append(",\n    {\"@id\": ")
        context.references.texts.append(i, to: &out)
        out.append(", \"@type\": ")
        Self.typesJSON.append(n.pointee.kind, to: &out)
        out.append(", \"identifier\": ")
        out.appendJSONString(n.pointee.id.rawValue)
        out.append(", \"name\": ")
        out.appendJSONString(n.pointee.name)
        if n.pointee.kind == .category {
            out.append(", \"prefLabel\": ")
            out.appendJSONString(n.pointee.name)
            out.append(", \"inScheme\": ")
            out.appendJSONString(context.scheme)
            if !edges.contains(where: { all[$0].relation == .subcategoryOf }) {
                out.append(", \"topConceptOf\": ")
                out.appendJSONString(context.scheme)
            }
        }
        if !n.pointee.aliases.isEmpty { out.append(", \"alternateName\": "); out.appendJSONArray(n.pointee.aliases) }
        if !n.pointee.urls.isEmpty {
            out.append(", \"url\": ")
            out.appendJSONString(n.pointee.urls[0])
            if let repo = n.pointee.urls.first(where: { V.forgeHosts.contains(URLHost.host($0)) }) {
                out.append(", \"codeRepository\": ")
                out.appendJSONString(repo)
            }
            out.append(", \"urls\": ")
            out.appendJSONArray(n.pointee.urls)
        }
        if let d = n.pointee.description { out.append(", \"description\": "); out.appendJSONString(d) }
        if let level = n.pointee.level { out.append(", \"level\": "); out.append(level) }
        if let section = n.pointee.section { out.append(", \"section\": "); out.appendJSONString(section) }
        if n.pointee.noLanguage { out.append(", \"noLanguage\": true") }
        if let note = n.pointee.note { out.append(", \"note\": "); out.appendJSONString(note) }
        if !n.pointee.provenance.isEmpty {
            out.append(", \"provenance\": [")
            for k in n.pointee.provenance.indices {
                out.append(k == 0 ? "{" : ", {")
                provenanceFields(n.pointee.provenance[k], first: true, into: &out)
                out.append("}")
            }
            out.append("]")
        }
        // Edges come sorted by relation, then target: one property per run of a relation.
        var k = edges.lowerBound
        while k < edges.upperBound {
            let r = all[k].relation
            out.append(contentsOf: Self.termKey[r])
            var last: NodeID? = nil
            while k < edges.upperBound && all[k].relation == r {
                if all[k].target != last {
                    if last != nil { out.append(", ") }
                    context.references.target(k, into: &out)
                    last = all[k].target
                }
                k += 1
            }
            out.append("]")
        }
        out.append("}")
    }

    /// A node reference as a JSON string: percent-encoding leaves nothing JSON must escape.
    static func reference(_ id: NodeID, into out: inout OutputBuffer) {
        out.append(byte: 0x22)
        V.appendReference(id, to: &out.bytes)
        out.append(byte: 0x22)
    }

    // Written once per node or edge: encoded once.
    static let typesJSON = CaseTexts<NodeKind> { kind, out in out.appendJSONArray(V.types(kind)) }
    static let termKey = RelationTexts { r, out in
        out.append(", ")
        out.appendJSONString(V.property(r).term)
        out.append(": [")
    }
    static let predicateJSON = RelationTexts { r, out in out.appendJSONString(V.property(r).iri) }

    static func statement(_ e: UnsafePointer<Edge>, _ k: Int, _ references: References, into out: inout OutputBuffer) {
        out.append(",\n    {\"@type\": \"rdf:Statement\", \"subject\": ")
        references.source(k, into: &out)
        out.append(", \"predicate\": ")
        out.append(contentsOf: Self.predicateJSON[e.pointee.relation])
        out.append(", \"object\": ")
        references.target(k, into: &out)
        provenanceFields(e.pointee.provenance, first: false, into: &out)
        out.append("}")
    }

    /// `"method": …, "file": …, "line": …` — confidence with every digit, so it reads back equal.
    static func provenanceFields(_ p: Provenance, first: Bool, into out: inout OutputBuffer) {
        NodeLinkJSONWriter.provenanceFields(p, first: first, sourceKey: "reference", confidence: jsonNumber, into: &out)
    }

    /// Swift's shortest round-tripping form, always with a fraction so it reads as a double
    /// (`1` would become an xsd:integer).
    static func jsonNumber(_ d: Double) -> String {
        let s = "\(d)"
        return s.contains(".") || s.contains("e") ? s : s + ".0"
    }
}

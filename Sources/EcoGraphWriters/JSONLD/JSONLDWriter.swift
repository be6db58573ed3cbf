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
        let table = NodeTextTable.shared(for: graph)
        // Every node's reference is written for each edge that ends at it: encoded once, from
        // the table's IDs (bytes in node order, not strings all over the heap).
        let references = References(index: index, texts: NodeTexts(index.nodes.count) { i, out in
            Self.reference(utf8: table.id(i).bytes, into: &out)
        })
        let provenance = ProvenanceFields(catalog: graph.sources.first ?? "", sourceKey: "reference", confidence: Self.jsonNumber)
        let context = RecordContext(references: references, table: table, scheme: scheme, provenance: provenance)
        let count = index.nodes.count
        try ParallelRecords.write(index.nodes, into: &out, chunkSize: chunkSize, sink: sink) { n, i, piece in
            ProvenanceWarming.ahead(of: n, at: i, count: count)
            Self.node(n, at: i, context, into: &piece)
        }
        try ParallelRecords.write(index.edges, into: &out, chunkSize: chunkSize, sink: sink) { e, k, piece in
            Self.statement(e, k, references, provenance, into: &piece)
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
        let ends: EdgeEnds
        let texts: NodeTexts
        /// `index.edges`, in place: `edges[k].relation` would copy the whole edge (retaining
        /// every string in it) to read one byte. Valid while `index` holds the graph.
        private let edges: UncheckedSendable<UnsafePointer<Edge>?>

        init(index: GraphIndex, texts: NodeTexts) {
            self.index = index
            self.texts = texts
            ends = EdgeEnds(index.graph)
            edges = UncheckedSendable(index.edges.withUnsafeBufferPointer { $0.baseAddress })
        }

        /// Edge `k`'s relation. - Precondition: `k` is an edge index.
        @inline(__always) func relation(_ k: Int) -> RelationKind { edges.value![k].relation }

        /// Edge `k`'s source and target references (an end's ID is read from the edge only when
        /// it is not a node).
        func source(_ k: Int, into out: inout OutputBuffer) { end(k, source: true, into: &out) }
        func target(_ k: Int, into out: inout OutputBuffer) { end(k, source: false, into: &out) }

        @inline(__always)
        private func end(_ k: Int, source: Bool, into out: inout OutputBuffer) {
            ends.write(k, edges.value! + k, source: source, into: &out, node: { i, out in texts.append(i, to: &out) },
                       other: { id, out in JSONLDWriter.reference(id, into: &out) })
        }

        /// Whether edges `k` and `j` end at the same ID.
        func sameTarget(_ k: Int, _ j: Int) -> Bool { ends.sameTarget(k, edges.value! + k, j, edges.value! + j) }
    }

    /// What every node record needs besides the node.
    struct RecordContext: Sendable {
        let references: References
        let table: NodeTextTable
        let scheme: String
        let provenance: ProvenanceFields
    }

    static func node(_ n: UnsafePointer<Node>, at i: Int, _ context: RecordContext, into out: inout OutputBuffer) {
        let edges = context.references.index.outgoing(i)
        let table = context.table
        out.append(",\n    {\"@id\": ")
        context.references.texts.append(i, to: &out)
        out.append(", \"@type\": ")
        Self.typesJSON.append(n.pointee.kind, to: &out)
        out.append(", \"identifier\": ")
        out.appendJSONString(table.id(i))
        out.append(", \"name\": ")
        out.appendJSONString(table.name(i))
        if n.pointee.kind == .category {
            out.append(", \"prefLabel\": ")
            out.appendJSONString(table.name(i))
            out.append(", \"inScheme\": ")
            out.appendJSONString(context.scheme)
            if !edges.contains(where: { context.references.relation($0) == .subcategoryOf }) {
                out.append(", \"topConceptOf\": ")
                out.appendJSONString(context.scheme)
            }
        }
        let aliases = table.aliases(i), urls = table.urls(i)
        if !aliases.isEmpty { out.append(", \"alternateName\": "); out.appendJSONArray(table, aliases) }
        if !urls.isEmpty {
            out.append(", \"url\": ")
            out.appendJSONString(table.text(urls.lowerBound))
            if let repo = urls.first(where: { isForge(table.text($0)) }) {
                out.append(", \"codeRepository\": ")
                out.appendJSONString(table.text(repo))
            }
            out.append(", \"urls\": ")
            out.appendJSONArray(table, urls)
        }
        if let d = table.description(i) { out.append(", \"description\": "); out.appendJSONString(d) }
        if let level = n.pointee.level { out.append(", \"level\": "); out.append(level) }
        if let section = n.pointee.section { out.append(", \"section\": "); out.appendJSONString(section) }
        if n.pointee.noLanguage { out.append(", \"noLanguage\": true") }
        if let note = n.pointee.note { out.append(", \"note\": "); out.appendJSONString(note) }
        n.pointee.provenance.withUnsafeBufferPointer { all in
            guard !all.isEmpty else { return }
            out.append(", \"provenance\": [")
            for k in all.indices {
                if k > 0 { out.append(", ") }
                context.provenance.object(all.baseAddress! + k, into: &out)
            }
            out.append("]")
        }
        // Edges come sorted by relation, then target: one property per run of a relation.
        var k = edges.lowerBound
        while k < edges.upperBound {
            let r = context.references.relation(k)
            Self.termKey.append(r, to: &out)
            var last = -1
            while k < edges.upperBound && context.references.relation(k) == r {
                if last < 0 || !context.references.sameTarget(k, last) {
                    if last >= 0 { out.append(", ") }
                    context.references.target(k, into: &out)
                    last = k
                }
                k += 1
            }
            out.append("]")
        }
        out.append("}")
    }

    /// Whether `url`'s host is a code forge's (its `codeRepository`): the host's bytes, lower-cased
    /// as `URLHost.host` does, compared in place with each forge's (no `String` per URL).
    static func isForge(_ url: NodeTextTable.Text) -> Bool {
        guard let bounds = URLHost.hostBounds(url.bytes) else { return false }
        let host = UnsafeBufferPointer(rebasing: url.bytes[bounds])
        for i in 0..<V.forgeHosts.count where forgeHosts.withBytes(i, { URLHost.isHost(host, $0) }) { return true }
        return false
    }

    /// `V.forgeHosts`' bytes.
    static let forgeHosts: NodeTexts = {
        let hosts = Array(V.forgeHosts)
        return NodeTexts(hosts.count) { i, out in out.append(hosts[i]) }
    }()

    /// A node reference as a JSON string: percent-encoding leaves nothing JSON must escape.
    static func reference(_ id: NodeID, into out: inout OutputBuffer) {
        var raw = id.rawValue
        raw.withUTF8 { reference(utf8: $0, into: &out) }
    }

    /// `reference` of the ID whose UTF-8 bytes are `utf8`.
    static func reference(utf8: UnsafeBufferPointer<UInt8>, into out: inout OutputBuffer) {
        out.appendInPlace(atMost: utf8.count * 3 + 2) { target in
            target[0] = 0x22
            let n = V.writeReference(utf8: utf8, to: target + 1) + 1
            target[n] = 0x22
            return n + 1
        }
    }

    // Written once per node or edge: encoded once.
    static let typesJSON = CaseTexts<NodeKind> { kind, out in out.appendJSONArray(V.types(kind)) }
    static let termKey = CaseTexts<RelationKind> { r, out in
        out.append(", ")
        out.appendJSONString(V.property(r).term)
        out.append(": [")
    }
    static let predicateJSON = CaseTexts<RelationKind> { r, out in out.appendJSONString(V.property(r).iri) }

    static func statement(_ e: UnsafePointer<Edge>, _ k: Int, _ references: References, _ provenance: ProvenanceFields,
                          into out: inout OutputBuffer) {
        out.append(",\n    {\"@type\": \"rdf:Statement\", \"subject\": ")
        references.source(k, into: &out)
        out.append(", \"predicate\": ")
        Self.predicateJSON.append(e.pointee.relation, to: &out)
        out.append(", \"object\": ")
        references.target(k, into: &out)
        provenance.write(e.provenance, first: false, into: &out)
        out.append("}")
    }

    /// Confidence with every digit, so it reads back equal: Swift's shortest round-tripping form,
    /// always with a fraction so it reads as a double (`1` would become an xsd:integer).
    @Sendable static func jsonNumber(_ d: Double) -> String {
        let s = "\(d)"
        return s.contains(".") || s.contains("e") ? s : s + ".0"
    }
}

import EcoGraph
import EcoGraphReaders
import EcoGraphWriters
import Foundation
import Testing

@Suite("JSON-LD")
struct JSONLDTests {
    static func readBack(_ graph: CatalogGraph) throws -> CatalogGraph {
        try JSONLDGraphReader().read(data: Data(JSONLDWriter().bytes(graph)), file: "t.jsonld")
    }

    static func expectSameGraph(_ a: CatalogGraph, _ b: CatalogGraph, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(a.nodes.count == b.nodes.count, sourceLocation: sourceLocation)
        #expect(Set(a.nodes) == Set(b.nodes), "every node field, provenance included", sourceLocation: sourceLocation)
        #expect(a.edgeList == b.edgeList, "edges as a multiset, provenance included", sourceLocation: sourceLocation)
        #expect(a.sources == b.sources, sourceLocation: sourceLocation)
        for (x, y) in zip(a.nodes, b.nodes) where x != y {
            Issue.record("first different node: \(x) vs \(y)", sourceLocation: sourceLocation)
            break
        }
    }

    @Test func seedRoundTrips() throws {
        let graph = Support.seed
        Self.expectSameGraph(graph, try Self.readBack(graph))
        #expect(NodeLinkJSONWriter().bytes(try Self.readBack(graph)) == NodeLinkJSONWriter().bytes(graph))
    }

    @Test func hostileGraphsRoundTrip() throws {
        Self.expectSameGraph(Support.hostile, try Self.readBack(Support.hostile))
        let catalog = try Support.hostileCatalog()
        Self.expectSameGraph(catalog, try Self.readBack(catalog))
        // A repeated edge with other provenance survives, and confidence keeps every digit.
        let back = try Self.readBack(Support.hostile)
        #expect(back.edges.filter { $0.relation == .alternativeTo }.count == 2)
        #expect(back.edges.contains { $0.provenance.confidence == 1.0 / 3.0 })
    }

    @Test func seedMatchesGoldenFile() {
        Support.assertSnapshot(JSONLDWriter().bytes(Support.seed), named: "seed.jsonld")
    }

    @Test func contextIsInlineAndIDsAreUniquePercentEncodedIRIs() throws {
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(JSONLDWriter().bytes(Support.hostile))) as? [String: Any])
        let context = try #require(doc["@context"] as? [String: Any], "an inline object, never a URL")
        #expect(context["@base"] as? String == "https://ecograph.dev/id/")
        #expect(context["eco"] as? String == "https://ecograph.dev/vocab#")
        let items = try #require(doc["@graph"] as? [[String: Any]])
        let ids = items.compactMap { $0["@id"] as? String }
        #expect(Set(ids).count == ids.count, "unique @ids")
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_~%/:#.")
        for id in ids { #expect(id.allSatisfy { allowed.contains($0) }, "\(id) is ASCII and percent-encoded") }
        let category = Support.hostile.nodes.first { $0.kind == .category }!
        #expect(ids.contains(LinkedDataVocabulary.reference(category.id)))
        #expect(LinkedDataVocabulary.reference(NodeID("category:消息")) == "category/%E6%B6%88%E6%81%AF")
        #expect(LinkedDataVocabulary.reference(NodeID("project:../x")) == "project/%2E%2E%2Fx")
    }

    /// The direct triples, statements and types rdflib finds match the graph.
    @Test(.enabled(if: Python.available("rdflib")))
    func rdflibParsesItWithoutNetwork() throws {
        for graph in [Support.seed, Support.hostile] {
            let dir = try Support.temporaryFolder()
            let file = dir.appendingPathComponent("g.jsonld")
            try Data(JSONLDWriter().bytes(graph)).write(to: file)
            let counts = try #require(try Python.json("""
                import json, socket, sys, rdflib
                from rdflib import RDF, URIRef
                def no_network(*a, **k): raise RuntimeError("network access")
                socket.socket.connect = no_network
                g = rdflib.Graph()
                g.parse(sys.argv[1], format="json-ld")
                S = "https://schema.org/"; E = "https://ecograph.dev/vocab#"
                out = {"triples": len(g),
                       "statements": len(set(g.subjects(RDF.type, RDF.Statement))),
                       "names": len(list(g.triples((None, URIRef(S + "name"), None)))),
                       "software": len(set(g.subjects(RDF.type, URIRef(S + "SoftwareSourceCode")))),
                       "concepts": len(set(g.subjects(RDF.type, URIRef("http://www.w3.org/2004/02/skos/core#Concept")))),
                       "builtOn": len(list(g.triples((None, URIRef(E + "builtOn"), None)))),
                       "isBasedOn": len(list(g.triples((None, URIRef(S + "isBasedOn"), None)))),
                       "programmingLanguage": len(list(g.triples((None, URIRef(S + "programmingLanguage"), None))))}
                print(json.dumps(out))
                """, arguments: [file.path]) as? [String: Int])
            func distinct(_ r: RelationKind) -> Int {
                Set(graph.edges.filter { $0.relation == r }.map { "\($0.source)|\($0.target)" }).count
            }
            #expect(counts["statements"] == graph.edges.count)
            #expect(counts["names"] == graph.nodes.count + 1, "every node, and the concept scheme")
            #expect(counts["software"] == graph.nodes(ofKind: .project).count)
            #expect(counts["concepts"] == graph.nodes(ofKind: .category).count)
            #expect(counts["builtOn"] == distinct(.builtOn))
            #expect(counts["isBasedOn"] == distinct(.extends))
            #expect(counts["programmingLanguage"] == distinct(.writtenIn))
            #expect((counts["triples"] ?? 0) > graph.nodes.count * 4 + graph.edges.count * 5)
        }
    }

    /// pyld (the reference JSON-LD processor for Python) expands it and makes the same RDF as rdflib.
    @Test(.enabled(if: Python.available("pyld") && Python.available("rdflib")))
    func pyldAgreesWithRdflib() throws {
        let dir = try Support.temporaryFolder()
        let file = dir.appendingPathComponent("g.jsonld")
        try Data(JSONLDWriter().bytes(Support.hostile)).write(to: file)
        let counts = try #require(try Python.json("""
            import json, socket, sys, rdflib
            def no_network(*a, **k): raise RuntimeError("network access")
            socket.socket.connect = no_network
            from pyld import jsonld
            doc = json.load(open(sys.argv[1], encoding="utf-8"))
            quads = jsonld.to_rdf(doc, {"format": "application/n-quads"})
            g = rdflib.Graph()
            g.parse(sys.argv[1], format="json-ld")
            print(json.dumps({"pyld": len(set(quads.strip().split("\\n"))), "rdflib": len(g),
                              "expanded": len(jsonld.expand(doc))}))
            """, arguments: [file.path]) as? [String: Int])
        #expect(counts["pyld"] == counts["rdflib"])
        #expect((counts["expanded"] ?? 0) >= Support.hostile.nodes.count + Support.hostile.edges.count)
    }

    /// The README's query: what is built on Nginx.
    @Test(.enabled(if: Python.available("rdflib")))
    func sparqlBuiltOnNginx() throws {
        let graph = Support.seed
        let dir = try Support.temporaryFolder()
        let file = dir.appendingPathComponent("g.jsonld")
        try Data(JSONLDWriter().bytes(graph)).write(to: file)
        let names = try #require(try Python.json("""
            import json, sys, rdflib
            g = rdflib.Graph()
            g.parse(sys.argv[1], format="json-ld")
            q = '''PREFIX eco: <https://ecograph.dev/vocab#>
            PREFIX schema: <https://schema.org/>
            SELECT ?name WHERE { ?p eco:builtOn ?n . ?n schema:name "Nginx" . ?p schema:name ?name } ORDER BY ?name'''
            print(json.dumps([str(r.name) for r in g.query(q)]))
            """, arguments: [file.path]) as? [String])
        let nginx = try #require(graph.resolve("Nginx"))
        let expected = graph.sources(into: nginx.id, .builtOn).map(\.name).sorted()
        #expect(!expected.isEmpty)
        #expect(names == expected)
    }

    @Test func readerReportsBadInput() throws {
        let reader = JSONLDGraphReader()
        do {
            _ = try reader.read(data: Data("{\n  \"@graph\": [\n    {,}\n]}".utf8), file: "bad.jsonld")
            Issue.record("invalid JSON must fail")
        } catch let e as DiagnosticError {
            #expect(e.kind == .data)
            #expect(e.description.hasPrefix("bad.jsonld:3:6: error: not valid JSON"), "\(e.description)")
        }
        #expect(throws: DiagnosticError.self) { try reader.read(data: Data("{\"a\": 1}".utf8), file: "x.jsonld") }
        do {
            _ = try reader.read(data: Data(#"{"@graph": [{"@type": "rdf:Statement", "line": "seven"}]}"#.utf8), file: "z.jsonld")
            Issue.record("a string line must fail")
        } catch let e as DiagnosticError {
            #expect(e.description == "z.jsonld: error: @graph item 0: 'line' must be a number")
        }
        var text = String(decoding: JSONLDWriter().bytes(Support.hostile), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"predicate\": \"eco:builtOn\"", with: "\"predicate\": \"eco:madeOf\"")
        do {
            _ = try reader.read(data: Data(text.utf8), file: "y.jsonld")
            Issue.record("an unknown predicate must fail")
        } catch let e as DiagnosticError {
            #expect(e.description.contains("unknown predicate 'eco:madeOf'"))
            #expect(e.diagnostics.count > 1, "every problem is reported, not just the first")
        }
        do {
            _ = try reader.read(path: "/nonexistent/g.jsonld")
            Issue.record("a missing file must fail")
        } catch let e as DiagnosticError {
            #expect(e.kind == .noInput)
        }
    }

    /// Two nodes with one ID, byte for byte or only canonically (NFC "café", NFD "café"), are
    /// refused: a graph cannot hold both (the DOT writer stopped on such a document).
    @Test func readerRefusesANodeIDUsedTwice() throws {
        for second in ["project:caf\u{E9}", "project:cafe\u{301}"] {
            let text = #"{"@graph": ["#
                + #"{"@id": "project/a", "@type": ["schema:SoftwareSourceCode", "doap:Project"], "identifier": "project:caf\#u{E9}", "name": "Caf\#u{E9}"},"#
                + #"{"@id": "project/b", "@type": ["schema:SoftwareSourceCode", "doap:Project"], "identifier": ""# + second + #"", "name": "Cafe"}]}"#
            do {
                _ = try JSONLDGraphReader().read(data: Data(text.utf8), file: "twice.jsonld")
                Issue.record("a node ID used twice must fail: \(second.unicodeScalars.count) scalars")
            } catch let e as DiagnosticError {
                #expect(e.description.contains("is used twice (@graph items 0 and 1)"), "\(e.description)")
            }
        }
    }

    @Test func vocabularyMapsEveryRelationBothWays() {
        var iris: Set<String> = []
        for r in RelationKind.allCases {
            let p = LinkedDataVocabulary.property(r)
            #expect(LinkedDataVocabulary.relation(forProperty: p.iri) == r)
            #expect(LinkedDataVocabulary.relation(forProperty: LinkedDataVocabulary.expand(p.iri)) == r)
            #expect(iris.insert(p.iri).inserted, "one property per relation")
        }
        #expect(LinkedDataVocabulary.property(.extends).iri == "schema:isBasedOn")
        for kind in NodeKind.allCases {
            #expect(LinkedDataVocabulary.kind(fromTypes: LinkedDataVocabulary.types(kind)) == kind)
        }
    }
}

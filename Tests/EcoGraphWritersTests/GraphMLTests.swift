import EcoGraph
import EcoGraphWriters
import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads GraphML back with Foundation's XMLParser: keys, nodes with their data, edges.
final class GraphMLReader: NSObject, XMLParserDelegate {
    struct Element { var id: String; var source = ""; var target = ""; var data: [String: String] = [:] }
    var keys: [String: (domain: String, name: String, type: String)] = [:]
    var nodes: [Element] = []
    var edges: [Element] = []
    private var current: Element?
    private var currentKey: String?
    private var text = ""
    private var isEdge = false

    static func read(_ bytes: [UInt8]) throws -> GraphMLReader {
        let reader = GraphMLReader()
        let parser = XMLParser(data: Data(bytes))
        parser.delegate = reader
        guard parser.parse() else {
            throw NSError(domain: "GraphML", code: 1, userInfo: [NSLocalizedDescriptionKey: "not well-formed: \(parser.parserError.map { "\($0)" } ?? "?") at line \(parser.lineNumber)"])
        }
        return reader
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        switch name {
        case "key": keys[attributes["id"] ?? ""] = (attributes["for"] ?? "", attributes["attr.name"] ?? "", attributes["attr.type"] ?? "")
        case "node": current = Element(id: attributes["id"] ?? ""); isEdge = false
        case "edge": current = Element(id: attributes["id"] ?? "", source: attributes["source"] ?? "", target: attributes["target"] ?? ""); isEdge = true
        case "data": currentKey = attributes["key"]; text = ""
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { if currentKey != nil { text += string } }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "data":
            if let k = currentKey { current?.data[k] = text }
            currentKey = nil
        case "node", "edge":
            if let c = current { if isEdge { edges.append(c) } else { nodes.append(c) } }
            current = nil
        default: break
        }
    }
}

@Suite("GraphML and node-link JSON")
struct GraphMLTests {
    /// What survives XML 1.0: the text without the characters XML forbids.
    static func xmlSafe(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.filter {
            !($0.value < 0x20 && $0 != "\t" && $0 != "\n" && $0 != "\r") && $0.value != 0xFFFE && $0.value != 0xFFFF
        }))
    }

    @Test func seedMatchesGoldenFile() {
        Support.assertSnapshot(GraphMLWriter().bytes(Support.seed), named: "seed.graphml")
    }

    @Test func readsBackWithXMLParser() throws {
        for graph in [Support.seed, Support.hostile, try Support.hostileCatalog()] {
            let doc = try GraphMLReader.read(GraphMLWriter().bytes(graph))
            #expect(doc.nodes.map(\.id) == graph.nodes.map(\.id.rawValue))
            #expect(doc.edges.count == graph.edges.count)
            for (e, edge) in zip(doc.edges, graph.edges) {
                #expect(e.source == edge.source.rawValue && e.target == edge.target.rawValue)
                #expect(e.data["e_relation"] == edge.relation.rawValue)
                #expect(e.data["e_phrase"] == edge.provenance.phrase.map(Self.xmlSafe))
                #expect(e.data["e_line"] == edge.provenance.location.map { String($0.line) })
            }
            for (n, node) in zip(doc.nodes, graph.nodes) {
                #expect(n.data["n_name"] == Self.xmlSafe(node.name), "\(node.name.debugDescription)")
                #expect(n.data["n_kind"] == node.kind.rawValue)
                #expect(n.data["n_description"] == node.description.map(Self.xmlSafe))
                #expect(n.data["n_urls"] == (node.urls.isEmpty ? nil : node.urls.joined(separator: "; ")))
                let languages = graph.languages(of: node.id).map(\.name)
                #expect(n.data["n_languages"] == (languages.isEmpty ? nil : languages.joined(separator: "; ")))
            }
            #expect(Set(doc.keys.values.map(\.type)).isSubset(of: ["string", "int", "double", "boolean"]))
            #expect(doc.keys["e_line"]?.type == "int" && doc.keys["e_confidence"]?.type == "double")
        }
    }

    @Test(.enabled(if: Python.available("networkx")))
    func networkxReadsIt() throws {
        for graph in [Support.seed, Support.hostile] {
            let dir = try Support.temporaryFolder()
            let file = dir.appendingPathComponent("g.graphml")
            try Data(GraphMLWriter().bytes(graph)).write(to: file)
            let result = try #require(try Python.json("""
                import json, sys, networkx as nx
                g = nx.read_graphml(sys.argv[1])
                print(json.dumps({"nodes": g.number_of_nodes(), "edges": g.number_of_edges(), "directed": g.is_directed(),
                                  "names": {n: d.get("name") for n, d in g.nodes(data=True)},
                                  "lines": sorted(d["line"] for _, _, d in g.edges(data=True) if "line" in d),
                                  "types": sorted({type(d["line"]).__name__ for _, _, d in g.edges(data=True) if "line" in d})}))
                """, arguments: [file.path]) as? [String: Any])
            #expect(result["nodes"] as? Int == graph.nodes.count)
            #expect(result["edges"] as? Int == graph.edges.count)
            #expect(result["directed"] as? Bool == true)
            let names = try #require(result["names"] as? [String: String])
            for n in graph.nodes { #expect(names[n.id.rawValue] == Self.xmlSafe(n.name)) }
            #expect(result["lines"] as? [Int] == graph.edges.compactMap { $0.provenance.location?.line }.sorted())
            #expect(result["types"] as? [String] == ["int"], "typed keys come back typed")
        }
    }

    @Test func xmlEscapingDropsForbiddenCharacters() {
        var out = OutputBuffer()
        out.appendXMLEscaped("a<b>&\"c\" 'd'\u{1}\u{FFFF}\n\t\r中")
        #expect(String(decoding: out.bytes, as: UTF8.self) == "a&lt;b&gt;&amp;&quot;c&quot; &apos;d&apos;&#10;&#9;&#13;中")
    }

    // MARK: node-link JSON

    @Test func nodeLinkJSONReadsBack() throws {
        for graph in [Support.seed, Support.hostile] {
            let doc = try #require(try JSONSerialization.jsonObject(with: Data(NodeLinkJSONWriter().bytes(graph))) as? [String: Any])
            let nodes = try #require(doc["nodes"] as? [[String: Any]])
            let edges = try #require(doc["edges"] as? [[String: Any]])
            #expect(nodes.map { $0["id"] as? String } == graph.nodes.map(\.id.rawValue))
            #expect(nodes.map { $0["name"] as? String } == graph.nodes.map(\.name))
            #expect(nodes.map { $0["description"] as? String } == graph.nodes.map(\.description))
            #expect(nodes.map { $0["aliases"] as? [String] } == graph.nodes.map(\.aliases))
            #expect(edges.count == graph.edges.count)
            for (e, edge) in zip(edges, graph.edges) {
                #expect(e["source"] as? String == edge.source.rawValue && e["target"] as? String == edge.target.rawValue)
                #expect(e["relation"] as? String == edge.relation.rawValue)
                let p = try #require(e["provenance"] as? [String: Any])
                #expect(p["phrase"] as? String == edge.provenance.phrase)
                #expect(p["line"] as? Int == edge.provenance.location?.line)
            }
        }
    }

    @Test(.enabled(if: Python.available("networkx")))
    func networkxReadsNodeLinkJSON() throws {
        let graph = Support.hostile
        let dir = try Support.temporaryFolder()
        let file = dir.appendingPathComponent("g.json")
        try Data(NodeLinkJSONWriter().bytes(graph)).write(to: file)
        let result = try #require(try Python.json("""
            import json, sys, networkx as nx
            g = nx.node_link_graph(json.load(open(sys.argv[1], encoding="utf-8")), edges="edges")
            print(json.dumps({"nodes": g.number_of_nodes(), "edges": g.number_of_edges(),
                              "names": sorted(d["name"] for _, d in g.nodes(data=True))}))
            """, arguments: [file.path]) as? [String: Any])
        #expect(result["nodes"] as? Int == graph.nodes.count)
        #expect(result["edges"] as? Int == graph.edges.count)
        #expect(result["names"] as? [String] == graph.nodes.map(\.name).sorted { Array($0.unicodeScalars.map(\.value)).lexicographicallyPrecedes($1.unicodeScalars.map(\.value)) })
    }
}

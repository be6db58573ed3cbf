import Foundation
import Testing
@testable import EcoGraph
import EcoGraphReaders
import EcoGraphWriters

/// A small graph whose answers can be worked out by hand:
///
///     A -uses-> B -built-on-> D <-alternative-to- E
///     A -uses-> C -built-on-> D
///     A, B, C, P written in Go; A and P listed in category X; Q is alone.
private func diamond() -> CatalogGraph {
    func n(_ name: String, _ kind: NodeKind = .project) -> Node {
        Node(id: NodeID(kind: kind, slug: Slug.make(name)), kind: kind, name: name, urls: ["https://example.org/\(name)"])
    }
    var line = 0
    func e(_ s: String, _ r: RelationKind, _ t: String, _ tk: NodeKind = .project) -> Edge {
        line += 1
        return Edge(source: NodeID(kind: .project, slug: Slug.make(s)), target: NodeID(kind: tk, slug: Slug.make(t)),
                    relation: r, provenance: .markdown(SourceLocation(file: "t.md", line: line)))
    }
    let nodes = ["A", "B", "C", "D", "E", "P", "Q"].map { n($0) } + [n("X", .category), n("Go", .language)]
    let edges = [e("A", .uses, "B"), e("A", .uses, "C"), e("B", .builtOn, "D"), e("C", .builtOn, "D"),
                 e("E", .alternativeTo, "D"), e("A", .inCategory, "X", .category), e("P", .inCategory, "X", .category)]
        + ["A", "B", "C", "P"].map { e($0, .writtenIn, "Go", .language) }
    return CatalogGraph(nodes: nodes, edges: edges)
}

private func id(_ name: String, _ kind: NodeKind = .project) -> NodeID { NodeID(kind: kind, slug: Slug.make(name)) }

/// The repository root, from this file's path (Tests/EcoGraphWritersTests/QueryTests.swift).
private let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

private func seed() throws -> CatalogGraph {
    try CatalogLoader().load(catalog: repoRoot.appendingPathComponent("graphs/distributed-architecture.md").path).graph
}

@Suite struct NeighborsQueryTests {
    @Test func directionOutFollowsOwnEdgesAndSymmetricOnes() {
        let g = diamond()
        let out = g.neighbors(of: id("D"), direction: .out)
        #expect(out.entries.map(\.node.name) == ["E"])  // alternative-to is read both ways
        let inc = g.neighbors(of: id("D"), direction: .in)
        #expect(inc.entries.map(\.node.name) == ["B", "C", "E"])
        #expect(inc.entries[0].steps.map(\.forward) == [false])
    }

    @Test func depthWalksEntriesButNotCategoriesOrLanguages() {
        let g = diamond()
        let two = g.neighbors(of: id("A"), depth: 2)
        #expect(two.entries.filter { $0.depth == 1 }.map(\.node.name) == ["B", "C", "Go", "X"])
        // P shares X and Go with A, but hubs are not walked through by default.
        #expect(!two.entries.contains { $0.node.name == "P" })
        #expect(two.entries.filter { $0.depth == 2 }.map(\.node.name) == ["D"])
        let viaCategory = g.neighbors(of: id("A"), relations: [.inCategory], direction: .both, depth: 2)
        #expect(viaCategory.entries.map(\.node.name) == ["X", "P"])
    }

    @Test func nodeReachedTwiceKeepsBothEdges() {
        let two = diamond().neighbors(of: id("A"), relations: [.uses, .builtOn], depth: 2)
        let d = two.entries.first { $0.node.name == "D" }
        #expect(d?.steps.map(\.from) == [id("B"), id("C")])
    }

    @Test func depthZeroIsEmpty() {
        #expect(diamond().neighbors(of: id("A"), depth: 0).entries.isEmpty)
    }
}

@Suite struct PathQueryTests {
    @Test func allShortestPathsInNameOrder() {
        let s = diamond().shortestPaths(from: id("A"), to: id("E"))
        #expect(s.distance == 3)
        #expect(s.total == 2)
        #expect(s.paths.map { $0.nodes.map(\.name) } == [["A", "B", "D", "E"], ["A", "C", "D", "E"]])
        #expect(s.paths[0].hops[2].map(\.edge.relation) == [.alternativeTo])
        #expect(s.paths[0].hops[2][0].forward == false)
    }

    @Test func limitKeepsTheTotal() {
        let s = diamond().shortestPaths(from: id("A"), to: id("D"), limit: 1)
        #expect(s.paths.count == 1)
        #expect(s.total == 2)
    }

    @Test func viaRestrictsTheRelations() {
        let g = diamond()
        #expect(g.shortestPaths(from: id("A"), to: id("D"), via: [.uses]).distance == nil)
        #expect(g.shortestPaths(from: id("A"), to: id("P")).distance == nil)
        let lang = g.shortestPaths(from: id("A"), to: id("P"), via: [.writtenIn])
        #expect(lang.paths.map { $0.nodes.map(\.name) } == [["A", "Go", "P"]])
    }

    @Test func pathToItselfHasNoHops() {
        let s = diamond().shortestPaths(from: id("A"), to: id("A"))
        #expect(s.distance == 0)
        #expect(s.paths.map(\.length) == [0])
    }

    @Test func kongToNginxIsOneHopWithTwoReasons() throws {
        let g = try seed()
        let s = g.shortestPaths(from: g.resolve("Kong")!.id, to: g.resolve("nginx")!.id)
        #expect(s.distance == 1)
        #expect(s.total == 1)
        #expect(s.paths[0].hops[0].map(\.edge.relation).sorted() == [.subEntryOf, .builtOn])
    }

    @Test func simplePathsAreSimpleAndBounded() {
        let paths = diamond().simplePaths(from: id("B"), to: id("C"), maxLength: 3)
        #expect(paths.map { $0.nodes.map(\.name) } == [["B", "A", "C"], ["B", "D", "C"]])
        for p in paths { #expect(Set(p.nodes.map(\.id)).count == p.nodes.count) }
        #expect(diamond().simplePaths(from: id("B"), to: id("E"), maxLength: 1).isEmpty)
    }
}

@Suite struct ConnectionsQueryTests {
    @Test func sharedTargetsLanguagesAndPaths() {
        let c = diamond().connections(between: id("B"), and: id("C"))
        #expect(c.direct.isEmpty)
        #expect(c.sharedLanguages.map(\.name) == ["Go"])
        #expect(c.sharedTargets.map(\.node.name) == ["D"])
        #expect(c.sharedTargets[0].fromA.map(\.relation) == [.builtOn])
        #expect(c.paths.count == 2)
        #expect(!c.isEmpty)
    }

    @Test func unconnectedIsEmpty() {
        #expect(diamond().connections(between: id("Q"), and: id("A")).isEmpty)
    }

    @Test func pikaAndRedisOnTheSeed() throws {
        let g = try seed()
        let c = g.connections(between: g.resolve("Pika")!.id, and: g.resolve("Redis")!.id)
        #expect(c.direct.map(\.relation) == [.compatibleWith])
        #expect(c.direct[0].provenance.method == .overlay)
        #expect(c.sharedCategories.map(\.name) == ["Cache"])
    }
}

@Suite struct AlternativesQueryTests {
    @Test func statedBothWaysThenPeers() throws {
        let g = try seed()
        let kong = g.alternatives(to: g.resolve("Kong")!.id)
        #expect(kong.stated.map(\.node.name) == ["KrakenD", "Tyk API Gateway"])
        #expect(kong.stated.allSatisfy { $0.reasons.first?.kind == .stated })
        #expect(!kong.peers.contains { $0.node.name == "KrakenD" })
    }

    @Test func compatibleProjectRanksFirst() throws {
        let g = try seed()
        let pika = g.alternatives(to: g.resolve("Pika")!.id)
        #expect(pika.peers.first?.node.name == "Redis")
        #expect(pika.peers.first?.reasons.first?.kind == .related)
        // Scores never increase down the list.
        #expect(zip(pika.peers, pika.peers.dropFirst()).allSatisfy { $0.score >= $1.score })
    }

    @Test func whatIsBuiltOnItIsNoAlternative() throws {
        let g = try seed()
        let nginx = g.alternatives(to: g.resolve("Nginx")!.id, limit: 0)
        let names = Set((nginx.stated + nginx.peers).map(\.node.name))
        #expect(!names.contains("Kong"))
        #expect(!names.contains("OpenResty"))
        #expect(names.contains("Caddy"))
        #expect(nginx.peers.count == nginx.totalPeers)
    }
}

@Suite struct CatalogDiffTests {
    static let old = """
        # T

        ## Messsage Queue

        - [Java: Kafka](https://kafka.apache.org/): A distributed log.
        - [Erlang: Rabbit](https://www.rabbitmq.com/): A broker.
        - [Go: NATS](https://nats.io/): Messaging.
        - [Gearman](http://gearman.org/): Work.

        ## Cache

        - [C: Redis](http://redis.io/): Key-value store.
        - [Memcached](http://memcached.org/): Cache.

        """
    static let new = """
        # T

        ## Message Queue

        - [Java: Apache Kafka](https://kafka.apache.org/): A distributed log.
        - [Erlang: RabbitMQ](https://www.rabbitmq.com/): A broker.
        - [Go: NATS](https://nats.io/): Messaging.
        - [Go: NSQ](https://nsq.io/): Realtime messaging.

        ## Job Schedule

        - [Gearman](http://gearman.org/): Work.

        ## Cache

        - [C: Redis](https://redis.com/): An   in-memory data store.

        """

    func load(_ text: String, _ name: String) throws -> CatalogGraph {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ecograph-diff-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        return try CatalogLoader(overlay: .none, infer: false).load(catalog: url.path).graph
    }

    @Test func everyKindOfChange() throws {
        let d = CatalogDiff(old: try load(Self.old, "old.md"), new: try load(Self.new, "new.md"))
        #expect(d.added.map(\.name) == ["NSQ"])
        #expect(d.removed.map(\.name) == ["Memcached"])
        #expect(d.renamed.map { "\($0.old.name)→\($0.new.name) by \($0.matchedBy)" } == ["Kafka→Apache Kafka by url", "Rabbit→RabbitMQ by url"])
        #expect(d.moved.map { "\($0.new.name): \($0.from) → \($0.to)" } == [#"Gearman: ["Messsage Queue"] → ["Job Schedule"]"#])
        #expect(d.urlChanged.map(\.new.name) == ["Redis"])
        #expect(d.descriptionChanged.map(\.new.name) == ["Redis"])
        #expect(d.categoriesAdded.map(\.name) == ["Job Schedule"])
        #expect(d.categoriesRemoved.isEmpty)
        let rename = try #require(d.categoriesRenamed.first)
        #expect(d.categoriesRenamed.count == 1)
        #expect((rename.oldPath, rename.newPath, rename.matchedBy) == ("Messsage Queue", "Message Queue", "membership"))
        #expect(rename.sharedEntries == 3)
        #expect(abs(rename.jaccard - 0.6) < 1e-9)
        #expect(d.relationsAdded.map { "\($0.source.name) \($0.edge.relation.rawValue) \($0.target.name)" } == ["NSQ written-in Go"])
        #expect(d.relationsRemoved.isEmpty)
        #expect(!d.isEmpty)
    }

    @Test func vendorPrefixIsASimilarNameNotANewProject() throws {
        let a = "## Q\n\n- [Kafka](https://a.example/kafka): A log.\n"
        let b = "## Q\n\n- [Apache Kafka](https://kafka.apache.org/): A log.\n"
        let d = CatalogDiff(old: try load(a, "va.md"), new: try load(b, "vb.md"))
        #expect(d.added.isEmpty && d.removed.isEmpty)
        #expect(d.renamed.map(\.matchedBy) == ["similar-name"])
        #expect(d.urlChanged.map(\.new.name) == ["Apache Kafka"])
    }

    @Test func sameCatalogIsEmpty() throws {
        let g = try load(Self.old, "same.md")
        let d = CatalogDiff(old: g, new: g)
        #expect(d.isEmpty)
        #expect(d.counts.allSatisfy { $0.count == 0 })
    }

    @Test func whitespaceOnlyDescriptionEditIsNoChange() throws {
        let edited = Self.old.replacingOccurrences(of: "Key-value store.", with: "Key-value   store.")
        #expect(CatalogDiff(old: try load(Self.old, "a.md"), new: try load(edited, "b.md")).descriptionChanged.isEmpty)
    }

    @Test func misspelledCategoryOf2018IsRenamedInTheCurrentCatalog() throws {
        let corpus = repoRoot.deletingLastPathComponent().appendingPathComponent("shared/corpora/distributed-architecture-ethancai-2018-04-25.md")
        let d = CatalogDiff(old: try CatalogLoader().load(catalog: corpus.path).graph, new: try seed())
        #expect(d.categoriesRenamed.contains { $0.oldPath == "Messsage Queue" && $0.newPath == "Message Queue" && $0.jaccard >= 0.5 })
        #expect(d.renamed.contains { $0.old.name == "Portocol Buffer" && $0.new.name == "Protocol Buffers" })
    }
}

@Suite struct QueryReportTests {
    @Test func everyJSONReportParses() throws {
        let g = try seed()
        let kong = g.resolve("Kong")!.id, redis = g.resolve("Redis")!.id
        let reports: [[UInt8]] = [
            NodeCard(g, g.node(kong)!).json(g),
            g.neighbors(of: kong, depth: 2).json(g),
            g.shortestPaths(from: kong, to: redis).json(g),
            g.alternatives(to: kong).json(g),
            g.connections(between: kong, and: redis).json(g),
            CatalogDiff(old: g, new: g).json(),
        ]
        for bytes in reports {
            #expect(throws: Never.self) { try JSONSerialization.jsonObject(with: Data(bytes)) }
        }
    }

    @Test func controlCharactersCannotReachTheTerminal() {
        #expect(ReportStyle.clean("evil\u{1B}[2Jname\nnext") == "evil\\u{1b}[2Jname next")
        let n = Node(id: NodeID("project:x"), kind: .project, name: "x\u{1B}]0;pwned\u{07}")
        #expect(!ReportStyle().label(n).unicodeScalars.contains { $0.value < 0x20 })
    }

    @Test func colourOnlyWhenAsked() {
        #expect(ReportStyle(color: false).bold("a") == "a")
        #expect(ReportStyle(color: true).bold("a") == "\u{1B}[1ma\u{1B}[0m")
    }

    @Test func diffCSVNeutralisesFormulas() throws {
        let a = CatalogGraph(nodes: [], edges: [])
        let b = CatalogGraph(nodes: [Node(id: NodeID("project:evil"), kind: .project, name: "=HYPERLINK(\"x\")", urls: ["https://e.org"])], edges: [])
        let csv = String(decoding: CatalogDiff(old: a, new: b).csv(), as: UTF8.self)
        #expect(csv == "change,name,relation,target,old,new,detail\r\nprojects-added,\"'=HYPERLINK(\"\"x\"\")\",,,,https://e.org,\r\n")
    }
}

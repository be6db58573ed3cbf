import EcoGraph
import EcoGraphReaders
import Foundation
import Testing

/// The relations the seed catalog's own descriptions state, read from the catalog with its
/// overlay, each in the vocabulary's direction and with provenance.
@Suite struct RelationsTests {
    let graph: CatalogGraph

    init() throws {
        graph = try CatalogLoader().load(catalog: Paths.seed).graph
    }

    func edge(_ a: String, _ r: RelationKind, _ b: String) throws -> Edge {
        let s = try #require(graph.resolve(a), "\(a)"), t = try #require(graph.resolve(b), "\(b)")
        let found = graph.edges.first { $0.relation == r &&
            (($0.source == s.id && $0.target == t.id) || (r.isSymmetric && $0.source == t.id && $0.target == s.id)) }
        return try #require(found, "\(a) \(r.rawValue) \(b)")
    }

    /// (from, relation, to, the catalog line whose description states it)
    static let stated: [(String, RelationKind, String, Int)] = [
        ("Kong", .builtOn, "Nginx", 163),                       // "built on top of NGINX"
        ("OpenResty", .builtOn, "Nginx", 162),                  // "基于 Nginx 与 Lua"
        ("NetMQ", .portOf, "ZeroMQ", 84),                       // "native C# port of ZeroMQ"
        ("JeroMQ", .portOf, "ZeroMQ", 85),                      // "Pure Java implementation of libzmq"
        ("Quartz.Net", .portOf, "Quartz", 114),                 // "a port of … Quartz"
        ("Hystrix.NET", .portOf, "Hystrix", 232),               // "a C# port of Hystrix"
        ("Hystrix-go", .portOf, "Hystrix", 226),                // "Netflix's Hystrix … for Go"
        ("Pika", .compatibleWith, "Redis", 251),                // "compatible with redis"
        ("Cap'n Proto", .alternativeTo, "Protocol Buffers", 47),// "think Protocol Buffers, except faster"
        ("Dubbox", .extends, "Dubbo", 36),                      // "Dubbo eXtensions"
        ("confluent", .extends, "Apache Kafka", 93),            // "distribution of Apache Kafka"
        ("Kafka Manager", .toolFor, "Apache Kafka", 92),        // "A tool for managing Apache Kafka"
        ("rmq", .uses, "Redis", 100),                           // "backed by Redis"
        ("kue", .uses, "Redis", 101),                           // "backed by redis"
        ("resque", .uses, "Redis", 123),                        // "Redis-backed"
        ("resque-schedule", .builtOn, "resque", 122),           // "built on top of resque"
        ("elastic-job", .uses, "Quartz", 111),                  // "based on Quartz and Zookeeper"
        ("elastic-job", .uses, "Apache Zookeeper", 111),
        ("SkyDNS", .builtOn, "etcd", 223),                      // "built on top of etcd"
        ("Chronos", .builtOn, "Mesos", 138),                    // "runs on top of Apache Mesos"
        ("DPVS", .builtOn, "DPDK", 149),                        // "based on DPDK"
        ("Sonyflake", .inspiredBy, "Snowflake", 264),           // "inspired by Twitter's Snowflake"
        ("AppDash", .inspiredBy, "Dapper", 238),                // "based on Google's Dapper"
        ("Groupcahe", .alternativeTo, "Memcached", 253),        // "a replacement for memcached"
        ("Rebus", .alternativeTo, "NServiceBus", 78),           // "similar in nature to NServiceBus and MassTransit"
        ("Rebus", .alternativeTo, "MassTransit", 78),
        ("twemproxy", .toolFor, "Redis", 247),                  // "proxy for memcached and redis"
        ("twemproxy", .toolFor, "Memcached", 247),
        ("Corvus", .toolFor, "Redis", 249),                     // "Redis Cluster Proxy for Redis 3.0"
        ("redis-cerberus", .toolFor, "Redis", 248),             // "A Redis cluster proxy"
        ("Jaeger-client-go", .clientOf, "Jaeger", 241),         // "Jaeger Bindings for Go"
        ("Nginx Wiki", .documents, "Nginx", 161),               // a wiki nested under Nginx
        ("RabbitMQ Internals", .documents, "RabbitMQ", 89),
        ("TSeer", .partOf, "tars", 218),                        // "是对Tars名字服务功能的轻量化"
    ]

    @Test func theCatalogsStatedRelationsAreInTheGraph() throws {
        #expect(Self.stated.count >= 25)
        for (a, r, b, line) in Self.stated {
            let e = try edge(a, r, b)
            // Curated in the overlay (with a note) or inferred from the description's line.
            switch e.provenance.method {
            case .overlay:
                #expect(e.provenance.location?.file == Paths.overlay)
                #expect(e.provenance.note?.isEmpty == false, "\(a) \(r) \(b) has no note")
            case .inferred:
                #expect(e.provenance.location?.line == line)
                #expect(e.provenance.phrase != nil && e.provenance.confidence != nil)
            case .markdown:
                Issue.record("\(a) \(r) \(b) should not come from structure")
            }
        }
    }

    @Test func withoutTheOverlayInferenceFindsThemFromTheDescriptions() throws {
        let inferred = try CatalogLoader(overlay: .none).load(catalog: Paths.seed).graph
        var found = 0
        for (a, r, b, line) in Self.stated {
            guard let s = inferred.resolve(a), let t = inferred.resolve(b) else { continue }
            if let e = inferred.edges.first(where: { $0.relation == r && $0.source == s.id && $0.target == t.id }) {
                #expect(e.provenance.method == .inferred)
                #expect(e.provenance.location?.line == line, "\(a) \(r) \(b)")
                found += 1
            }
        }
        // Hystrix-go, TSeer, JeroMQ (libzmq) and a few more need the overlay's aliases or knowledge.
        #expect(found >= 25, "inference alone found \(found)")
    }

    @Test func inferredEdgesRecordPhraseLineColumnAndConfidence() throws {
        let inferred = try CatalogLoader(overlay: .none).load(catalog: Paths.seed).graph
        let kong = try #require(inferred.resolve("Kong")), nginx = try #require(inferred.resolve("Nginx"))
        let e = try #require(inferred.outgoing(kong.id).first { $0.relation == .builtOn && $0.target == nginx.id })
        #expect(e.provenance.phrase == "built on top of NGINX")
        #expect(e.provenance.location == SourceLocation(file: Paths.seed, line: 163, column: 100))
        #expect(e.provenance.confidence == 0.9)
    }

    @Test func theOverlayRejectsThePastedDapperSentence() throws {
        let zk = try #require(graph.resolve("Apache Zookeeper"))
        #expect(!graph.outgoing(zk.id).contains { graph.node($0.target)?.name == "Dapper" })
        let raw = try CatalogLoader(overlay: .none).load(catalog: Paths.seed).graph
        let rawZK = try #require(raw.resolve("Apache Zookeeper"))
        #expect(raw.outgoing(rawZK.id).contains { raw.node($0.target)?.name == "Dapper" })
    }

    @Test func externalsAreNodesMarkedAsNotInTheCatalog() throws {
        for name in ["Snowflake", "Dapper", "Mesos", "DPDK"] {
            #expect(graph.resolve(name)?.kind == .external, "\(name)")
        }
    }

    @Test func everyProjectHasALanguageOrExplicitlyNone() {
        for p in graph.nodes(ofKind: .project) {
            #expect(!graph.languages(of: p.id).isEmpty || p.noLanguage, "\(p.name)")
        }
        #expect(graph.resolve("JSON")?.noLanguage == true)
        #expect(graph.resolve("Istio").map { graph.languages(of: $0.id).map(\.name) } == ["Go"])
        #expect(graph.resolve("Redis").map { graph.languages(of: $0.id).map(\.name) } == ["C"])
    }

    @Test func sameCategoryPeersAreNotAutomaticallyAlternatives() throws {
        let nats = try #require(graph.resolve("NATS")), beanstalkd = try #require(graph.resolve("beanstalkd"))
        #expect(!graph.edges.contains { $0.relation == .alternativeTo &&
            Set([$0.source, $0.target]) == Set([nats.id, beanstalkd.id]) })
    }

    @Test func noInferTurnsInferenceOff() throws {
        let g = try CatalogLoader(overlay: .none, infer: false).load(catalog: Paths.seed).graph
        #expect(!g.edges.contains { $0.provenance.method == .inferred })
    }
}

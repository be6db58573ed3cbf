import Foundation
import Testing

extension CLI {
    /// The seed catalog relative to the repository root, so that provenance in the output reads
    /// `graphs/…:line` wherever the clone is.
    static let seedPath = "graphs/distributed-architecture.md"

    /// Runs a query on the seed catalog.
    static func onSeed(_ arguments: [String]) throws -> Result {
        try run(arguments + ["-c", seedPath])
    }
}

/// End-to-end: the built binary on the seed catalog, with exact standard output, standard error
/// and exit status. The expected texts were checked by hand against
/// graphs/distributed-architecture.md and its overlay (line numbers included).
@Suite struct InspectCommandTests {
    @Test func showKong() throws {
        let r = try CLI.onSeed(["show", "Kong"])
        #expect(r.status == 0)
        #expect(r.stderr == "")
        #expect(r.stdout == """
            Kong
              kind         project
              id           project:kong
              url          https://github.com/Mashape/kong
              categories   API Gateway && API Proxy / API gateway
              languages    Lua
              listed at    graphs/distributed-architecture.md:163
              description  Open-source, Microservice & API Management Layer built on top of NGINX

            Relations out
              is listed in
                API gateway [category] (graphs/distributed-architecture.md:163, markdown)
              is written in
                Lua [language] (graphs/distributed-architecture.md:163, markdown: "Lua:")
              is listed under
                Nginx (graphs/distributed-architecture.md:163, markdown: "nested under Nginx")
              is built on
                Nginx (graphs/distributed-architecture.relations.yaml:731, overlay) — the description says Kong is 'built on top of NGINX'
                OpenResty (graphs/distributed-architecture.relations.yaml:736, overlay) — Kong runs as Lua modules inside OpenResty's Nginx

            Relations in
              is an alternative to
                KrakenD (graphs/distributed-architecture.relations.yaml:755, overlay) — both are open-source API gateways placed in front of microservices
                Tyk API Gateway (graphs/distributed-architecture.relations.yaml:751, overlay) — both are open-source API gateways for controlling and analysing API access

            """)
    }

    @Test func showResolvesAliasCaseAndURL() throws {
        for name in ["kong", "KONG", "https://github.com/Mashape/kong", "github.com/Mashape/kong/"] {
            let r = try CLI.onSeed(["show", name])
            #expect(r.status == 0)
            #expect(r.stdout.hasPrefix("Kong\n  kind         project\n"), "\(name)")
        }
        let zk = try CLI.onSeed(["show", "zookeeper"])
        #expect(zk.stdout.hasPrefix("Apache Zookeeper\n"))
    }

    @Test func pathKongNginx() throws {
        let r = try CLI.onSeed(["path", "Kong", "Nginx"])
        #expect(r.status == 0)
        #expect(r.stderr == "")
        #expect(r.stdout == """
            Kong → Nginx: 1 hop, 1 shortest path

            1. Kong → Nginx
               Kong is listed under Nginx (graphs/distributed-architecture.md:163, markdown: "nested under Nginx")
               Kong is built on Nginx (graphs/distributed-architecture.relations.yaml:731, overlay) — the description says Kong is 'built on top of NGINX'

            """)
    }

    @Test func noPathExitsOne() throws {
        let r = try CLI.onSeed(["path", "Kong", "Apache Avro", "--via", "built-on"])
        #expect(r.status == 1)
        #expect(r.stdout == "Kong → Apache Avro: no path over built-on\n")
        #expect(r.stderr == "")
    }

    @Test func alternativesPika() throws {
        let r = try CLI.onSeed(["alternatives", "Pika"])
        #expect(r.status == 0)
        #expect(r.stderr == "")
        #expect(r.stdout == """
            Alternatives to Pika

            Stated: none

            Same-category peers, by what they share (10 of 10)
              1. Redis (score 6)
                 Pika is compatible with Redis (graphs/distributed-architecture.relations.yaml:959, overlay) — the description says 'Pika is a nosql compatible with redis'; it speaks the Redis protocol on disk-backed storage
                 both are listed in Cache
              2. redis-cerberus (score 4)
                 both are written in C++
                 both are listed in Cache
              3. CacheCloud (score 2)
                 both are listed in Cache
              4. codis (score 2)
                 both are listed in Cache
              5. Corvus (score 2)
                 both are listed in Cache
              6. Groupcahe (score 2)
                 both are listed in Cache
              7. Hazelcast (score 2)
                 both are listed in Cache
              8. Infinispan (score 2)
                 both are listed in Cache
              9. Memcached (score 2)
                 both are listed in Cache
              10. twemproxy (score 2)
                  both are listed in Cache

            """)
    }

    @Test func neighborsKongBuiltOnOut() throws {
        let r = try CLI.onSeed(["neighbors", "Kong", "--relation", "built-on", "--direction", "out"])
        #expect(r.status == 0)
        #expect(r.stdout == """
            Neighbours of Kong (outgoing edges, depth 1, built-on): 2

            depth 1
              Nginx
                Kong is built on Nginx (graphs/distributed-architecture.relations.yaml:731, overlay) — the description says Kong is 'built on top of NGINX'
              OpenResty
                Kong is built on OpenResty (graphs/distributed-architecture.relations.yaml:736, overlay) — Kong runs as Lua modules inside OpenResty's Nginx

            """)
    }

    @Test func neighborsInboundToolsOfKafka() throws {
        let r = try CLI.onSeed(["neighbors", "kafka", "--relation", "tool-for", "--direction", "in", "--format", "json"])
        #expect(r.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        let names = (json?["neighbors"] as? [[String: Any]])?.compactMap { ($0["node"] as? [String: Any])?["name"] as? String }
        #expect(names == ["Kafka Center", "Kafka Manager"])
    }

    @Test func whyPikaRedis() throws {
        let r = try CLI.onSeed(["why", "Pika", "Redis"])
        #expect(r.status == 0)
        #expect(r.stdout == """
            How Pika and Redis are connected

            Direct
              Pika is compatible with Redis (graphs/distributed-architecture.relations.yaml:959, overlay) — the description says 'Pika is a nosql compatible with redis'; it speaks the Redis protocol on disk-backed storage

            Shared categories
              Cache

            """)
    }

    @Test func whyUnconnectedExitsOne() throws {
        let r = try CLI.onSeed(["why", "Sonyflake", "Redis"])
        #expect(r.status == 1)
        #expect(r.stdout.contains("Nothing connects them"))
    }

    @Test func unknownNameExits67WithSuggestion() throws {
        for command in [["show", "Kongg"], ["neighbors", "Kongg"], ["path", "Kongg", "Nginx"], ["alternatives", "Kongg"], ["why", "Nginx", "Kongg"]] {
            let r = try CLI.onSeed(command)
            #expect(r.status == 67, "\(command)")
            #expect(r.stdout == "")
            #expect(r.stderr == "ecograph: error: no project, resource, category or language named 'Kongg'; did you mean 'Kong'?\n")
        }
    }

    @Test func everyCommandWritesValidJSON() throws {
        let commands = [["show", "Nginx"], ["neighbors", "Redis", "--depth", "2"], ["path", "Kong", "Redis"],
                        ["alternatives", "Kong"], ["why", "Kong", "Nginx"]]
        for c in commands {
            let r = try CLI.onSeed(c + ["--format", "json"])
            #expect(r.status == 0, "\(c)")
            #expect(throws: Never.self) { try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) }
        }
    }

    @Test func noColourWhenNotATerminal() throws {
        let r = try CLI.run(["show", "Kong", "-c", CLI.seedPath], environment: ["NO_COLOR": ""])
        #expect(!r.stdout.contains("\u{1B}"))
    }

    @Test func helpHasExamples() throws {
        for command in ["show", "neighbors", "path", "alternatives", "why", "diff"] {
            let r = try CLI.run([command, "--help"])
            #expect(r.status == 0)
            #expect(r.stdout.contains("Examples:\n  ecograph \(command) "), "\(command)")
        }
    }

    @Test func completionScriptKnowsTheCommands() throws {
        let r = try CLI.run(["--generate-completion-script", "bash"])
        #expect(r.status == 0)
        for command in ["show", "neighbors", "path", "alternatives", "why", "diff"] { #expect(r.stdout.contains(command)) }
    }
}

@Suite struct DiffCommandTests {
    static let corpus2018 = CLI.shared.appendingPathComponent("corpora/distributed-architecture-ethancai-2018-04-25.md").path
    static let corpus2019 = CLI.shared.appendingPathComponent("corpora/distributed-architecture-ethancai-2019-07-19.md").path

    @Test func sameFileIsEqual() throws {
        let r = try CLI.run(["diff", CLI.seedPath, CLI.seedPath])
        #expect(r.status == 0)
        #expect(r.stderr == "")
        #expect(r.stdout == "--- graphs/distributed-architecture.md\n+++ graphs/distributed-architecture.md\n\nNo differences.\n")
    }

    @Test func from2018ToNowFindsTheCategoryRename() throws {
        let r = try CLI.run(["diff", Self.corpus2018, CLI.seedPath])
        #expect(r.status == 1)
        #expect(r.stderr == "")
        #expect(r.stdout.contains("\nCategories renamed (3)\n"))
        #expect(r.stdout.contains("\n  ~ Messsage Queue → Message Queue (matched by membership: 16 shared entries, Jaccard 0.84)\n"))
        #expect(r.stdout.contains("\n  ~ Portocol Buffer → Protocol Buffers (same URL https://developers.google.com/protocol-buffers/)\n"))
        #expect(r.stdout.contains("\n  ~ Gearman: Job Schedule → Message Queue\n"))
        #expect(r.stdout.contains("\n  ~ Dubbo: http://dubbo.io/ → http://dubbo.apache.org/\n"))
        #expect(r.stdout.contains("\n  - luigi — Job Schedule — https://github.com/spotify/luigi\n"))
    }

    @Test func from2018To2019AsJSON() throws {
        let r = try CLI.run(["diff", Self.corpus2018, Self.corpus2019, "--format", "json"])
        #expect(r.status == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let counts = try #require(json["counts"] as? [String: Int])
        #expect(counts["projects-removed"] == 3)
        #expect(counts["projects-renamed"] == 1)
        #expect(counts["categories-renamed"] == 0)
        #expect(json["equal"] as? Bool == false)
    }

    @Test func csvHasOneRowPerChange() throws {
        let r = try CLI.run(["diff", Self.corpus2018, Self.corpus2019, "--format", "csv"])
        #expect(r.status == 1)
        let rows = r.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(rows.first == "change,name,relation,target,old,new,detail")
        #expect(rows.contains("projects-renamed,ActiveMQ,,,Apache ActiveMQ,ActiveMQ,matched by url"))
        #expect(rows.contains("projects-moved,Gearman,,,Job Schedule,Messsage Queue,"))
    }

    @Test func missingFileExits66() throws {
        let r = try CLI.run(["diff", "no-such-catalog.md", CLI.seedPath])
        #expect(r.status == 66)
        #expect(r.stdout == "")
        #expect(r.stderr.hasPrefix("no-such-catalog.md: error: "))
    }
}

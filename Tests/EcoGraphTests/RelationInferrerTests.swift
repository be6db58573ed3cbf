import EcoGraph
import Testing

/// The phrase rules on small texts, against a fixed set of known names.
@Suite struct RelationInferrerTests {
    static let names = ["Nginx", "LVS", "Redis", "Memcached", "Open Tracing", "Jaeger", "cron", "Dubbo", "Motan", "Quartz"]
    let inferrer = RelationInferrer(resolve: { name in
        let exact = NameKey.exact(name)
        let key = NameKey.withoutVendor(exact) ?? exact
        return RelationInferrerTests.names.firstIndex { NameKey.exact($0) == key || NameKey.compact(NameKey.exact($0)) == NameKey.compact(key) }
    })

    func hits(_ text: String) -> [String] {
        inferrer.infer(text).map { h in
            switch h.target {
            case .known(let i): return "\(h.relation.rawValue) \(Self.names[i])"
            case .external(let name): return "\(h.relation.rawValue) external:\(name)"
            }
        }.sorted()
    }

    @Test func englishPhrases() {
        #expect(hits("Open-source API layer built on top of NGINX") == ["built-on Nginx"])
        #expect(hits("A fast, light-weight proxy for memcached and redis") == ["tool-for Memcached", "tool-for Redis"])
        #expect(hits("Kue is a priority job queue backed by redis, built for node.js.") == ["uses Redis"])
        #expect(hits("Resque is a Redis-backed library") == ["uses Redis"])
        #expect(hits("a port of very popular open source Java job scheduling framework, Quartz.") == ["port-of Quartz"])
    }

    @Test func aListedNameLaterInTheClauseWinsOverAnExternal() {
        #expect(hits("It's derived from Linux Virtual Server LVS and its modification.") == ["extends LVS"])
        #expect(hits("A distributed unique ID generator inspired by Twitter's Snowflake") == ["inspired-by external:Snowflake"])
        // The builder names that external "Mesos", with the alias "Apache Mesos".
        #expect(hits("a scheduler that runs on top of Apache Mesos") == ["built-on external:Apache Mesos"])
    }

    @Test func possessiveDesignsAreInspirationsAndSpecificationsAreCompatibility() {
        #expect(hits("Application tracing system for Go, based on Google's Dapper.") == ["inspired-by external:Dapper"])
        #expect(hits("Jaeger Bindings for Go OpenTracing API.") == ["client-of Jaeger", "compatible-with Open Tracing"])
    }

    @Test func commonWordsAndMovedOnClausesNameNothing() {
        #expect(hits("A replacement for cron, with sophisticated status-reporting") == [])
        #expect(hits("A RPC framework based on net/rpc like alibaba Dubbo and weibo Motan.") == ["alternative-to Dubbo", "alternative-to Motan"])
    }

    @Test func chinesePhrases() {
        #expect(hits("OpenResty ™ 是一个基于 Nginx 与 Lua 的高性能 Web 平台") == ["built-on Nginx"])
        #expect(hits("一个兼容 Redis 协议的存储") == ["compatible-with Redis"])
    }

    @Test func capitalisedWordsDoNotNameLowerCaseEntries() {
        // awesome-go lists entries called "google", "ai" and "goquery".
        let names = ["google", "ai", "goquery", "Redis"]
        let inferrer = RelationInferrer(resolve: { n in names.firstIndex { $0.lowercased() == n.lowercased() } },
                                        spellings: { [names[$0]] })
        func kinds(_ text: String) -> [String] {
            inferrer.infer(text).compactMap { if case .known(let i) = $0.target { return names[i] } else { return nil } }
        }
        #expect(kinds("A store built on top of Google Sheets") == [])
        #expect(kinds("An SDK inspired by AI agents") == [])
        #expect(kinds("A scraper that uses GoQuery for parsing") == ["goquery"])
        #expect(kinds("A queue backed by REDIS") == ["Redis"])
        #expect(kinds("A proxy built on google") == ["google"])
    }
}

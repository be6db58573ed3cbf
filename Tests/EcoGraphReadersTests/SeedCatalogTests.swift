import EcoGraph
@testable import EcoGraphReaders
import Foundation
import Testing

/// An independent reading of the seed catalog, line by line, to check the cmark-based reader
/// against: every `- [Lang: Name](url)` bullet outside the table of contents, with its `##`
/// heading, its indentation and its parent bullet.
struct LineOracle {
    struct Entry {
        var line: Int
        var name: String
        var prefix: String?
        var url: String
        var category: String
        var indent: Int
        var parentName: String?
    }

    var entries: [Entry] = []
    var headings: [String] = []

    init(path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let regex = try NSRegularExpression(pattern: #"^([ \t]*)[-*] \[(?:([A-Za-z.#+]+): )?([^\]]+)\]\(([^)\s]+)\)"#)
        var category: String? = nil
        var stack: [(indent: Int, name: String)] = []
        for (i, raw) in text.components(separatedBy: "\n").enumerated() {
            if raw.hasPrefix("## ") {
                category = String(raw.dropFirst(3)).trimmingCharacters(in: .whitespaces)
                headings.append(category!)
                stack = []
                continue
            }
            guard let category else { continue }   // the table of contents comes before any `##`
            let ns = raw as NSString
            guard let m = regex.firstMatch(in: raw, range: NSRange(location: 0, length: ns.length)) else {
                if !raw.trimmingCharacters(in: .whitespaces).isEmpty && !raw.hasPrefix(" ") && !raw.hasPrefix("\t") && !raw.hasPrefix("-") {
                    stack = []
                }
                continue
            }
            let indentText = ns.substring(with: m.range(at: 1))
            let indent = indentText.reduce(0) { $0 + ($1 == "\t" ? 4 : 1) }
            let prefix = m.range(at: 2).location == NSNotFound ? nil : ns.substring(with: m.range(at: 2))
            let name = ns.substring(with: m.range(at: 3))
            while let top = stack.last, top.indent >= indent { stack.removeLast() }
            entries.append(Entry(line: i + 1, name: name, prefix: prefix, url: ns.substring(with: m.range(at: 4)),
                                 category: category, indent: indent, parentName: stack.last?.name))
            stack.append((indent, name))
        }
    }
}

@Suite struct SeedCatalogTests {
    let graph: CatalogGraph
    let oracle: LineOracle

    init() throws {
        graph = try CatalogLoader(overlay: .none, infer: false).load(catalog: Paths.seed).graph
        oracle = try LineOracle(path: Paths.seed)
    }

    @Test func twentyCategories() throws {
        let top = graph.nodes(ofKind: .category).filter { graph.targets(of: $0.id, .subcategoryOf).isEmpty }
        #expect(top.count == 20)
        #expect(Set(top.map(\.name)) == Set(oracle.headings))
        // The paragraph labels are sub-groups of their section.
        let subgroups = graph.nodes(ofKind: .category).filter { $0.level == 0 }
        #expect(Set(subgroups.map(\.name)) == ["Open Messaging", "API gateway", "API Proxy"])
        let apiProxy = try #require(graph.resolveAll("API Proxy").first { $0.kind == .category })
        #expect(graph.targets(of: apiProxy.id, .subcategoryOf).map(\.name) == ["API Gateway && API Proxy"])
    }

    @Test func everyLinkedEntryIsANodeWithNameURLCategoryAndLanguage() throws {
        #expect(oracle.entries.count == 160)
        for e in oracle.entries {
            let node = try #require(graph.resolveAll(e.name).first { $0.kind.isEntry }, "line \(e.line): \(e.name)")
            #expect(node.name == e.name, "line \(e.line)")
            #expect(node.urls.contains(e.url), "line \(e.line): \(node.urls) lacks \(e.url)")
            let categories = graph.categories(of: node.id).map { graph.rootCategory(of: $0.id)?.name ?? $0.name }
            #expect(categories.contains(e.category), "line \(e.line): \(e.name) not in \(e.category) but \(categories)")
            if let prefix = e.prefix {
                let expected = try #require(Language.canonicalName(prefix), "prefix \(prefix)")
                #expect(graph.languages(of: node.id).map(\.name).contains(expected), "line \(e.line): \(e.name)")
            }
            let listed = node.provenance.contains { $0.location?.line == e.line }
            #expect(listed, "line \(e.line): \(e.name) has no provenance at its line")
        }
        // 160 listings, one node per name: Nginx is listed three times.
        let entryNodes = graph.nodes.filter { $0.kind.isEntry && $0.url != nil }
        #expect(entryNodes.count == Set(oracle.entries.map { $0.name.lowercased() }).count)
    }

    @Test func languagePrefixesAreNormalised() throws {
        func langs(_ name: String) throws -> [String] {
            let n = try #require(graph.resolve(name))
            return graph.languages(of: n.id).map(\.name)
        }
        #expect(try langs("Sonyflake") == ["Go"])          // Golang:
        #expect(try langs("Cronicle") == ["JavaScript"])   // node:
        #expect(try langs("kue") == ["JavaScript"])        // Node:
        #expect(try langs("Akka.net") == ["C#"])           // .NET:
        #expect(try langs("Bistro") == ["C++"])            // C++:
        #expect(try langs("NetMQ") == ["C#"])              // C#:
        #expect(try langs("Apache Kafka") == ["Java"])
        #expect(try graph.resolve("Apache Kafka")?.url == "http://kafka.apache.org/")
    }

    @Test func twentySevenNestedEntriesHangFromTheirParents() throws {
        let nested = oracle.entries.filter { $0.parentName != nil }
        #expect(nested.count == 27)
        for e in nested {
            let child = try #require(graph.resolveAll(e.name).first { $0.kind.isEntry })
            let parents = graph.targets(of: child.id, .subEntryOf).map(\.name)
            #expect(parents.contains(e.parentName!), "line \(e.line): \(e.name) → \(parents), expected \(e.parentName!)")
        }
        #expect(try graph.targets(of: #require(graph.resolve("KSQL")).id, .subEntryOf).map(\.name) == ["Apache Kafka"])
    }

    @Test func nginxIsOneNodeInThreeCategoriesWithEveryURL() throws {
        let nginx = graph.resolveAll("Nginx").filter { $0.kind == .project }
        #expect(nginx.count == 1)
        let node = try #require(nginx.first)
        #expect(node.urls == ["http://wiki.nginx.org/Main", "https://github.com/nginx/nginx"])
        let roots = Set(graph.categories(of: node.id).compactMap { graph.rootCategory(of: $0.id)?.name })
        #expect(roots == ["Load Balance", "API Gateway && API Proxy", "Reverse Proxy"])
        #expect(node.provenance.filter { $0.phrase == "entry" }.count == 3)
    }

    @Test func plainSubItemsResolveToListedProjects() throws {
        let camel = try #require(graph.resolve("Apache Camel"))
        let subs = graph.sources(into: camel.id, .subEntryOf).map(\.name).sorted()
        #expect(subs == ["ActiveMQ", "Apache CXF", "Apache Karaf", "Apache MINA", "Apache ServiceMix"])
        let activemq = try #require(graph.resolve("Apache ActiveMQ"))
        #expect(activemq.name == "ActiveMQ")
        #expect(activemq.url == "http://activemq.apache.org/")
        #expect(graph.resolve("Apache ServiceMix")?.url == nil)
    }

    @Test func resourcesAreNotProjects() throws {
        for name in ["Nginx Wiki", "RabbitMQ Internals", "Documents", "Sony gobreaker熔断器源码分析", "XXL开源社区"] {
            #expect(graph.resolve(name)?.kind == .resource, "\(name)")
        }
        #expect(graph.resolve("Istio")?.kind == .project)
    }

    @Test func chineseDescriptionsSurviveIntact() throws {
        let dubbo = try #require(graph.resolve("Dubbo"))
        #expect(dubbo.description?.hasPrefix("DUBBO是一个分布式服务框架") == true)
        #expect(graph.resolve("xxl-job")?.name == "XXL-job")
    }

    @Test func idsAreStableAndIndependentOfOrder() throws {
        #expect(graph.resolve("Apache Kafka")?.id.rawValue == "project:apache-kafka")
        #expect(graph.resolve("Cap'n Proto")?.id.rawValue == "project:capn-proto")
        #expect(graph.resolveAll("C#").first { $0.kind == .language }?.id.rawValue == "language:csharp")
        #expect(graph.resolveAll("Message Queue").first?.id.rawValue == "category:message-queue")
        // The same catalog with its sections in reverse order gives the same IDs.
        let text = try String(contentsOfFile: Paths.seed, encoding: .utf8)
        let sections = text.components(separatedBy: "\n## ")
        let reversed = ([sections[0]] + sections.dropFirst().reversed()).joined(separator: "\n## ") + "\n"
        var builder = GraphBuilder()
        builder.add(try MarkdownCatalogReader().read(data: Data(reversed.utf8), file: "reversed.md"))
        let other = builder.finish(infer: false).graph
        #expect(other.nodes.map(\.id) == graph.nodes.map(\.id))
    }

    @Test func lookupsByAliasURLAndVendorPrefix() throws {
        #expect(graph.resolve("zookeeper")?.name == "Apache Zookeeper")
        #expect(graph.resolve("NGINX")?.name == "Nginx")
        #expect(graph.resolve("https://github.com/Mashape/kong")?.name == "Kong")
        #expect(graph.resolve("github.com/mashape/kong/")?.name == "Kong")
        #expect(graph.suggestions(for: "Apache Kafak").first == "Apache Kafka")
    }
}

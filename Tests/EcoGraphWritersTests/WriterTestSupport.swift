import EcoGraph
import EcoGraphReaders
import EcoGraphWriters
import Foundation
import Testing

/// Paths, the seed graph, hostile graphs, golden files and a python3 runner for the writer tests.
enum Support {
    /// The package root, three levels above this file.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let snapshots = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

    /// The seed catalog and overlay, read with file names relative to the package root so that
    /// provenance (and so the golden files) does not depend on where the repository lives.
    static let seed: CatalogGraph = {
        let md = "graphs/distributed-architecture.md"
        let yaml = "graphs/distributed-architecture.relations.yaml"
        do {
            let doc = try MarkdownCatalogReader().read(data: Data(contentsOf: root.appendingPathComponent(md)), file: md)
            let overlay = try OverlayReader().read(yaml: String(decoding: Data(contentsOf: root.appendingPathComponent(yaml)), as: UTF8.self), file: yaml)
            var builder = GraphBuilder()
            builder.add(doc)
            return builder.finish(overlay: overlay, infer: true).graph
        } catch {
            fatalError("cannot read the seed catalog: \(error)")
        }
    }()

    /// Names and texts that break naive writers.
    static let hostileNames = [
        "=HYPERLINK(\"http://evil.example\",\"click\")",
        "+cmd|' /C calc'!A0",
        "-2+3",
        "@SUM(A1:A2)",
        "\tTabbed",
        "\rCarriage",
        "＝全角",
        "Quote \"q\", comma",
        "line\nbreak\r\nand CR",
        "  spaced  ",
        "中文 名字 & <b>bold</b>",
        "end",
        "A --> B; click A \"javascript:alert(1)\"",
        "%%{init: {'theme':'dark'}}%%",
        "ctl\u{1}\u{1F}char\u{FFFE}",
        "</script><script>alert(1)</script>",
        "#1 `tick` 🚀",
    ]

    /// A graph built directly from hostile names: one category (with a Chinese name), one
    /// project per name, chained with built-on edges, plus an alternative and a repeated edge
    /// with other provenance.
    static let hostile: CatalogGraph = {
        let file = "hostile \"dir\"/cat,alog.md"
        let category = Node(id: NodeID(kind: .category, slug: Slug.make("消息队列 \"Queue\"")), kind: .category,
                            name: "消息队列 \"Queue\", =1+1", provenance: [.markdown(Location(file: file, line: 1), "##")], level: 2)
        let language = Node(id: NodeID("language:go"), kind: .language, name: "Go")
        var nodes = [category, language]
        var edges: [Edge] = []
        for (i, name) in hostileNames.enumerated() {
            let id = NodeID(kind: .project, slug: Slug.make(name) + "-\(i)")
            nodes.append(Node(id: id, kind: .project, name: name,
                              urls: i % 2 == 0 ? ["javascript:alert(\"\(i)\")", "https://github.com/x/\(i)"] : ["https://exa mple.com/a b?x=\"1\"&y=<2>"],
                              description: "desc of " + name, aliases: [name + " alias", "=alias"],
                              provenance: [.markdown(Location(file: file, line: i + 2, column: 3), "entry \"\(i)\"")],
                              noLanguage: i == 3, note: i == 1 ? "note, with \"quotes\"\n" : nil))
            edges.append(Edge(source: id, target: category.id, relation: .inCategory,
                              provenance: .markdown(Location(file: file, line: i + 2))))
            if i % 3 == 0 {
                edges.append(Edge(source: id, target: language.id, relation: .writtenIn,
                                  provenance: .markdown(Location(file: file, line: i + 2), "Go: ")))
            }
            if i > 0 {
                let previous = nodes[nodes.count - 2].id
                edges.append(Edge(source: id, target: previous, relation: .builtOn,
                                  provenance: Provenance(method: .inferred, location: Location(file: file, line: i + 2, column: 7),
                                                         phrase: "built on \"\(hostileNames[i - 1])\"", confidence: 0.9 - 0.2)))
            }
        }
        let (a, b) = (nodes[2].id, nodes[5].id)
        edges.append(Edge(source: a, target: b, relation: .alternativeTo,
                          provenance: Provenance(method: .overlay, location: Location(file: "o.yaml", line: 9, column: 5),
                                                 note: "=cmd|note", source: "javascript:alert(2)")))
        edges.append(Edge(source: a, target: b, relation: .alternativeTo,
                          provenance: Provenance(method: .inferred, location: Location(file: file, line: 40), phrase: "similar to", confidence: 1.0 / 3.0)))
        let external = Node(id: NodeID("external:x-y"), kind: .external, name: "External <x>",
                            provenance: [Provenance(method: .overlay, location: nil)])
        nodes.append(external)
        edges.append(Edge(source: nodes[3].id, target: external.id, relation: .inspiredBy,
                          provenance: Provenance(method: .overlay, location: nil)))
        return CatalogGraph(nodes: nodes, edges: edges, sources: [file])
    }()

    /// A catalog written in markdown with hostile names, through the real reader and builder.
    static func hostileCatalog() throws -> CatalogGraph {
        let md = """
        # Awesome "Hostile"

        ## =Formulas, "quotes" & <tags>

        - [=HYPERLINK("x")](javascript:alert(1)): -2+3 is "built on" nothing, commas, and 中文
        - [Go: @Mention, Inc.](https://github.com/a/b): uses "+plus"
          - [Sub "one"](https://example.com/a%20b): a nested entry
        - [中文项目](https://gitee.com/x/中文): 基于 Redis 的项目

        ## 消息队列

        - [Redis](https://redis.io): an in-memory store
        """
        let doc = try MarkdownCatalogReader().read(data: Data(md.utf8), file: "hostile.md")
        var builder = GraphBuilder()
        builder.add(doc)
        return builder.finish(overlay: nil, infer: true).graph
    }

    /// Compares `bytes` with `Snapshots/<name>` byte for byte; `ECOGRAPH_RECORD=1` re-records.
    static func assertSnapshot(_ bytes: [UInt8], named name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let url = snapshots.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["ECOGRAPH_RECORD"] == "1" {
            try? FileManager.default.createDirectory(at: snapshots, withIntermediateDirectories: true)
            try? Data(bytes).write(to: url)
            return
        }
        guard let expected = try? Data(contentsOf: url) else {
            Issue.record("no golden file \(name); record it with ECOGRAPH_RECORD=1 swift test --filter EcoGraphWritersTests", sourceLocation: sourceLocation)
            return
        }
        if Array(expected) != bytes {
            let a = String(decoding: expected, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            let b = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            let line = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
            Issue.record("""
                \(name) differs from the golden file at line \(line + 1):
                  golden: \(line < a.count ? String(a[line].prefix(300)) : "<end>")
                  actual: \(line < b.count ? String(b[line].prefix(300)) : "<end>")
                re-record with ECOGRAPH_RECORD=1 if the change is intended
                """, sourceLocation: sourceLocation)
        }
    }

    /// A fresh temporary folder.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ecograph-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// Runs python3 scripts, for checks with real parsers (csv, rdflib, networkx) where installed.
enum Python {
    /// The first python3 on PATH (pyenv shims included), as a shell would pick it.
    static let path: String? = {
        let dirs = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/usr/local/bin").split(separator: ":")
        return dirs.map { "\($0)/python3" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// True when python3 exists and can import `module` (nil: just python3).
    static func available(_ module: String? = nil) -> Bool {
        guard path != nil else { return false }
        return (try? run("import \(module ?? "sys")\nprint('ok')", arguments: [])) == "ok\n"
    }

    /// Runs `script` with `arguments` (as `sys.argv[1...]`); returns standard output.
    /// - Throws: when python3 fails, with its standard error.
    static func run(_ script: String, arguments: [String]) throws -> String {
        guard let path else { throw PythonError(message: "no python3") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["-c", script] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw PythonError(message: String(decoding: errors, as: UTF8.self))
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Runs `script` and decodes its standard output as JSON.
    static func json(_ script: String, arguments: [String]) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(run(script, arguments: arguments).utf8))
    }

    struct PythonError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}

/// The model's source location (Testing has one too).
typealias Location = EcoGraph.SourceLocation

extension CatalogGraph {
    /// Edges as a sorted list, for multiset comparison.
    var edgeList: [Edge] { edges.sorted() }
}

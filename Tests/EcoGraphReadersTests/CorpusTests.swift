import EcoGraph
@testable import EcoGraphReaders
import Foundation
import Testing

/// Real lists nobody here wrote (shared/corpora, see SOURCES.md). The counts were checked by hand:
/// awesome-go.md has 3,184 `- [` lines, 151 of them table-of-contents anchors, leaving 3,033
/// linked bullets with 2,919 distinct names; 87 `##` headings of which 3 hold no entry
/// (Contents, …), 60 `###` and 2 `####`. awesome.md has 684 linked bullets with 672 distinct
/// names plus two link-less parents ("Linux", "macOS - …"), under 27 `##` sections besides Contents.
@Suite struct CorpusTests {
    @Test(arguments: ["awesome-go.md", "awesome.md", "distributed-architecture-ethancai-2018-04-25.md",
                      "distributed-architecture-ethancai-2019-07-19.md"])
    func everyCorpusFileReads(_ name: String) throws {
        let result = try CatalogLoader(overlay: .none).load(catalog: Paths.corpus(name))
        #expect(result.errors.isEmpty)
        #expect(result.graph.nodes.filter { $0.kind.isEntry }.count > 100)
        // The order every writer relies on: nodes by ID (no repeats), edges by (source, relation, target).
        let nodes = result.graph.nodes, edges = result.graph.edges
        #expect(zip(nodes, nodes.dropFirst()).allSatisfy { $0.id < $1.id })
        #expect(zip(edges, edges.dropFirst()).allSatisfy {
            ($0.source, $0.relation, $0.target) <= ($1.source, $1.relation, $1.target)
        })
    }

    @Test func awesomeGo() throws {
        let graph = try CatalogLoader(overlay: .none, infer: false).load(catalog: Paths.corpus("awesome-go.md")).graph
        let entries = graph.nodes.filter { $0.kind.isEntry }
        #expect(entries.count == 2919)
        let categories = graph.nodes(ofKind: .category)
        let top = categories.filter { graph.targets(of: $0.id, .subcategoryOf).isEmpty }
        #expect(top.count == 84)
        #expect(categories.count - top.count == 62)
        #expect(!categories.contains { $0.name == "Contents" })
        // `### Advanced Console UIs` sits under `## Command Line`.
        let advanced = try #require(graph.resolveAll("Advanced Console UIs").first)
        #expect(graph.targets(of: advanced.id, .subcategoryOf).map(\.name) == ["Command Line"])
        // A ` - ` separator splits name and description.
        let gin = try #require(graph.resolve("gin"))
        #expect(gin.url == "https://github.com/gin-gonic/gin")
        #expect(gin.description?.isEmpty == false)
        #expect(gin.description?.hasPrefix("-") == false)
    }

    @Test func awesome() throws {
        let graph = try CatalogLoader(overlay: .none, infer: false).load(catalog: Paths.corpus("awesome.md")).graph
        #expect(graph.nodes.filter { $0.kind.isEntry }.count == 674)
        #expect(graph.nodes(ofKind: .category).count == 27)
        // A link-less parent bullet is an entry, and its tab-indented children hang from it.
        let linux = try #require(graph.resolve("Linux"))
        #expect(linux.url == nil)
        let children = graph.sources(into: linux.id, .subEntryOf).map(\.name)
        #expect(children.contains("Containers") && children.contains("eBPF"))
        #expect(graph.resolve("macOS")?.description == "Operating system for Apple's Mac computers.")
        #expect(graph.resolve("Node.js")?.url == "https://github.com/sindresorhus/awesome-nodejs#readme")
    }

    @Test func the2018VersionKeepsItsTypoAndSkipsTheMDTOCBlock() throws {
        let graph = try CatalogLoader(overlay: .none, infer: false)
            .load(catalog: Paths.corpus("distributed-architecture-ethancai-2018-04-25.md")).graph
        let names = Set(graph.nodes(ofKind: .category).map(\.name))
        #expect(names.contains("Messsage Queue"))
        #expect(!graph.nodes.contains { $0.url?.hasPrefix("#") == true })
    }

    @Test func largeFilesParsedInPiecesGiveTheSameListings() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Paths.corpus("awesome-go.md")))
        let whole = try MarkdownCatalogReader().read(data: data, file: "g.md")
        var chunked = MarkdownCatalogReader()
        chunked.chunkThreshold = 16 * 1024
        let pieces = try chunked.read(data: data, file: "g.md")
        #expect(pieces.listings == whole.listings)
        #expect(pieces.headings == whole.headings)
    }

    /// Cut wherever the chunker allows (every heading after a blank line): blocks that may hold
    /// blank lines and heading-like lines — indented and long fences, `<pre>`, `<script>`,
    /// comments, `<?…?>`, `<!DOCTYPE`, CDATA — must not be cut through, and where the cutter
    /// misreads a fence (inline code, a closer with text, a fence in a `<div>` or a list item)
    /// the reader's check of each piece's last block must catch it.
    @Test func piecesNeverCutThroughFencesOrHTMLBlocks() throws {
        let blocks = [
            "   ```\n\n# not a heading\n\n- [Fenced](https://f.example): in code\n   ```",
            "~~~~\n\n# not a heading\n~~~\n\n- [Fenced2](https://f2.example): still code\n~~~~",
            "<PRE>\n\n# not a heading\n\n- [Pre](https://p.example): raw\n</pre>",
            "  <script type=\"x\">\n\n# not a heading\n\n</SCRIPT>",
            "<!--\n\n# not a heading\n\n- [Hidden](https://h.example): commented out\n-->",
            "<?php\n\n# not a heading\n\n?>",
            "<!DOCTYPE x\n\n# not a heading\n\n>",
            "<![CDATA[\n\n# not a heading\n\n]]>",
            "<!-- one line --> <b>x</b>",
            // Lines the cutter may read differently from cmark, each followed by a real fence
            // with a heading-like line in it: the reader must notice and read the file whole.
            "```npm install foo``` is inline code.\n\n```\nsome code\n\n# not a heading\n```",
            "```\ncode\n```text\nmore\n```\n\n```\nsome code\n\n# not a heading\n```",
            "<div>\n```\n</div>\n\n```\nsome code\n\n# not a heading\n```",
            "- ```bash\n  npm install\n  ```\n\n```\nsome code\n\n# not a heading\n```",
        ]
        var text = ""
        for (k, block) in blocks.enumerated() {
            // A paragraph before each block, not a list: an indented block after a list item
            // would belong to the item, and a heading at column 0 would end both.
            text += "## Section \(k)\n\nIntro \(k).\n\n\(block)\n\n- [After \(k)](https://a\(k).example): after\n\n"
        }
        let data = Data(text.utf8)
        let whole = try MarkdownCatalogReader().read(data: data, file: "b.md")
        var chunked = MarkdownCatalogReader()
        chunked.chunkThreshold = 1
        chunked.pieceSize = 1
        let pieces = try chunked.read(data: data, file: "b.md")
        #expect(whole.headings.count == blocks.count)
        #expect(pieces.listings == whole.listings)
        #expect(pieces.headings == whole.headings)
    }

    /// Pieces parsed on all cores read bare URLs and `~~` exactly as one parse does: cmark-gfm
    /// keeps the extensions' trigger characters in one global table that each parser fills and
    /// empties, so parsers finishing side by side once lost autolinks (github/cmark-gfm#176).
    @Test func piecesParsedTogetherAutolinkAsOneParseDoes() throws {
        var text = ""
        for k in 0..<400 {
            text += "## Section \(k)\n\n"
            for j in 0..<12 {
                text += "- [Entry \(k)-\(j)](https://e\(k)-\(j).example): see www.docs\(j).example or ~~old~~ https://x\(j).example/a\n"
                text += "  - https://cafe\(k)-\(j).example\n"
            }
            text += "\n"
        }
        let data = Data(text.utf8)
        var whole = MarkdownCatalogReader()
        whole.chunkThreshold = .max
        let one = try whole.read(data: data, file: "u.md")
        var chunked = MarkdownCatalogReader()
        chunked.chunkThreshold = 1
        chunked.pieceSize = 4096
        for _ in 0..<4 {
            let pieces = try chunked.read(data: data, file: "u.md")
            let differing = zip(pieces.listings, one.listings).filter { $0 != $1 }.count
            #expect(pieces.listings.count == one.listings.count && differing == 0, "\(differing) listings read differently")
        }
        #expect(one.listings.filter { $0.url?.hasPrefix("https://cafe") == true }.count == 400 * 12)
    }
}

@Suite struct BadInputTests {
    func read(_ bytes: [UInt8]) throws -> ListingDocument {
        try MarkdownCatalogReader().read(data: Data(bytes), file: "bad.md")
    }

    func diagnostic(_ body: () throws -> Void) -> Diagnostic? {
        do { try body() } catch let e as DiagnosticError { return e.diagnostics.first } catch { return nil }
        return nil
    }

    @Test func invalidUTF8PointsAtTheByte() {
        let bytes = Array("## A\n\n- [x](https://x.org): ok\n- [y](https://y.org): caf".utf8) + [0xE9, 0x0A]
        let d = diagnostic { _ = try read(bytes) }
        #expect(d?.location == SourceLocation(file: "bad.md", line: 4, column: 26))
        #expect(d?.description == "bad.md:4:26: error: invalid UTF-8 (byte 0xE9); save the file as UTF-8")
        #expect(d?.kind == .data)
    }

    @Test func emptyAndEntrylessFiles() {
        #expect(diagnostic { _ = try read([]) }?.code == "empty")
        #expect(diagnostic { _ = try read(Array(" \n\n".utf8)) }?.code == "empty")
        let d = diagnostic { _ = try read(Array("# Title\n\nJust prose, and a [link](#anchor).\n".utf8)) }
        #expect(d?.code == "no-entries")
        #expect(d?.description.hasPrefix("bad.md:1:1: error: no entries found;") == true)
    }

    @Test func missingFile() {
        let d = diagnostic { _ = try MarkdownCatalogReader().read(path: "/nonexistent/catalog.md") }
        #expect(d?.kind == .noInput)
        #expect(d?.description.hasPrefix("/nonexistent/catalog.md: error: no such file") == true)
    }

    @Test func unknownLanguagePrefixIsAWarningWithASuggestion() throws {
        let doc = try read(Array("## A\n\n- [Jave: Foo](https://foo.org): a thing\n".utf8))
        var b = GraphBuilder()
        b.add(doc)
        let result = b.finish()
        let w = try #require(result.diagnostics.first { $0.code == "unknown-language" })
        #expect(w.description.hasPrefix("bad.md:3:1: warning: 'Jave' is not a known language name; did you mean 'Java'?"))
    }
}

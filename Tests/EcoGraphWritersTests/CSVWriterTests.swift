import EcoGraph
import EcoGraphWriters
import Foundation
import Testing

@Suite("CSV tables")
struct CSVWriterTests {
    /// A strict RFC 4180 reader (quoted fields, doubled quotes, CRLF records), used when python3
    /// is missing and to check the record structure byte by byte.
    static func parseRFC4180(_ bytes: [UInt8]) throws -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field: [UInt8] = []
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var quoted = false
        var wasQuoted = false
        struct Malformed: Error { var at: Int; var why: String }
        while i < bytes.count {
            let b = bytes[i]
            if quoted {
                if b == 0x22 {
                    if i + 1 < bytes.count && bytes[i + 1] == 0x22 { field.append(0x22); i += 2; continue }
                    quoted = false
                } else {
                    field.append(b)
                }
                i += 1
                continue
            }
            switch b {
            case 0x22:
                guard field.isEmpty && !wasQuoted else { throw Malformed(at: i, why: "quote inside an unquoted field") }
                quoted = true
                wasQuoted = true
            case 0x2C:
                record.append(String(decoding: field, as: UTF8.self)); field = []; wasQuoted = false
            case 0x0D:
                guard i + 1 < bytes.count && bytes[i + 1] == 0x0A else { throw Malformed(at: i, why: "CR without LF") }
                record.append(String(decoding: field, as: UTF8.self)); field = []; wasQuoted = false
                records.append(record); record = []
                i += 1
            case 0x0A:
                throw Malformed(at: i, why: "bare LF ends a record")
            default:
                guard !wasQuoted else { throw Malformed(at: i, why: "text after a closing quote") }
                field.append(b)
            }
            i += 1
        }
        guard !quoted else { throw Malformed(at: i, why: "unterminated quote") }
        guard field.isEmpty && record.isEmpty else { throw Malformed(at: i, why: "last record without CRLF") }
        return records
    }

    /// Parses with python3's csv module; rows as lists of strings.
    static func parseWithPython(_ bytes: [UInt8]) throws -> [[String]] {
        let dir = try Support.temporaryFolder()
        let file = dir.appendingPathComponent("t.csv")
        try Data(bytes).write(to: file)
        let rows = try Python.json("""
            import csv, json, sys
            with open(sys.argv[1], newline='', encoding='utf-8-sig') as f:
                print(json.dumps(list(csv.reader(f, strict=True))))
            """, arguments: [file.path])
        return (rows as? [[String]]) ?? []
    }

    /// What a cell holds after neutralisation.
    static func neutralised(_ s: String) -> String {
        guard let f = s.unicodeScalars.first, "=+-@\t\r＝＋－＠".unicodeScalars.contains(f) else { return s }
        return "'" + s
    }

    @Test func seedTablesMatchGoldenFiles() {
        let set = CSVExportSet(Support.seed)
        let byName = Dictionary(uniqueKeysWithValues: set.files.map { ($0.name, $0.bytes) })
        for name in ["projects.csv", "category-language.csv", "relations.csv", "adjacency.csv", "category-message-queue.csv"] {
            guard let bytes = byName[name] else { Issue.record("\(name) missing from the set"); continue }
            Support.assertSnapshot(bytes, named: "seed-" + name)
        }
        #expect(set.diagnostics.isEmpty)
        // One table per category, besides the four.
        #expect(set.files.count == 4 + Support.seed.nodes(ofKind: .category).count)
        #expect(CSVExportSet(Support.seed).files == set.files, "same graph, same bytes")
    }

    @Test func everyTableIsRFC4180WithAFixedWidth() throws {
        for graph in [Support.seed, Support.hostile, try Support.hostileCatalog()] {
            for file in CSVExportSet(graph).files {
                let rows = try Self.parseRFC4180(file.bytes)
                #expect(!rows.isEmpty, "\(file.name) has a header")
                let width = rows[0].count
                #expect(rows.allSatisfy { $0.count == width }, "\(file.name): every record has \(width) fields")
            }
        }
    }

    @Test(.enabled(if: Python.available("csv")))
    func hostileProjectsReadBackWithPythonCSV() throws {
        let graph = Support.hostile
        let bytes = CSVMatrixWriter(.projects, options: CSVOptions(bom: true)).bytes(graph)
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
        let rows = try Self.parseWithPython(bytes)
        #expect(rows == (try Self.parseRFC4180(bytes)), "python's csv and the strict reader agree")
        let header = rows[0]
        let (id, name, url, description) = (header.firstIndex(of: "id")!, header.firstIndex(of: "name")!,
                                            header.firstIndex(of: "url")!, header.firstIndex(of: "description")!)
        let projects = graph.nodes.filter { $0.kind == .project || $0.kind == .external }
        #expect(rows.count == projects.count + 1)
        for (row, node) in zip(rows.dropFirst(), projects) {
            #expect(row[id] == node.id.rawValue)
            #expect(row[name] == Self.neutralised(node.name))
            #expect(row[url] == node.url ?? "")
            #expect(row[description] == Self.neutralised(node.description ?? ""))
            for cell in row { #expect(Self.neutralised(cell) == cell || cell.isEmpty, "no cell starts like a formula: \(cell)") }
        }
        let builtOn = header.firstIndex(of: "built-on")!
        let second = graph.nodes.first { $0.name == Support.hostileNames[1] }!
        let row = rows.first { $0[id] == second.id.rawValue }!
        #expect(row[builtOn] == Self.neutralised(Support.hostileNames[0]), "targets by name")
    }

    @Test(.enabled(if: Python.available("csv")))
    func relationsReadBackWithPythonCSV() throws {
        let graph = Support.hostile
        let rows = try Self.parseWithPython(CSVMatrixWriter(.relations, options: CSVOptions(raw: true)).bytes(graph))
        #expect(rows[0] == ["Source", "Target", "Type", "Label", "Relation", "Source Name", "Target Name", "Method",
                            "File", "Line", "Column", "Phrase", "Confidence", "Note", "Reference"])
        #expect(rows.count == graph.edges.count + 1)
        for (row, edge) in zip(rows.dropFirst(), graph.edges) {
            #expect(row[0] == edge.source.rawValue && row[1] == edge.target.rawValue && row[4] == edge.relation.rawValue)
            #expect(row[2] == (edge.relation == .alternativeTo ? "Undirected" : "Directed"))
            #expect(row[5] == graph.node(edge.source)!.name, "--raw keeps names as they are")
            #expect(row[9] == edge.provenance.location.map { String($0.line) } ?? "")
            #expect(row[11] == edge.provenance.phrase ?? "")
            #expect(row[12] == edge.provenance.confidence.map(Provenance.format) ?? "")
            #expect(row[13] == edge.provenance.note ?? "")
        }
    }

    @Test func formulaStartsAreNeutralisedUnlessRaw() {
        for start in ["=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠"] {
            var out = OutputBuffer()
            CSVCell.append(start + "1+1", into: &out, raw: false)
            let text = String(decoding: out.bytes, as: UTF8.self)
            #expect(text.hasPrefix("'") || text.hasPrefix("\"'"), "\(start.debugDescription) → \(text.debugDescription)")
            var raw = OutputBuffer()
            CSVCell.append(start + "1+1", into: &raw, raw: true)
            #expect(!String(decoding: raw.bytes, as: UTF8.self).contains("'"))
        }
        var out = OutputBuffer()
        CSVCell.append(list: ["-a", "b"], into: &out, raw: false)
        #expect(String(decoding: out.bytes, as: UTF8.self) == "'-a; b")
        var quoted = OutputBuffer()
        CSVCell.append("say \"hi\", then\nbye ", into: &quoted, raw: false)
        #expect(String(decoding: quoted.bytes, as: UTF8.self) == "\"say \"\"hi\"\", then\nbye \"")
    }

    @Test func categoryByNameAndUnknownCategory() throws {
        let graph = Support.seed
        let m = try #require(CSVMatrix(argument: "category:message queue")).resolved(in: graph)
        #expect(m == .category(NodeID("category:message-queue")))
        let rows = try Self.parseRFC4180(CSVMatrixWriter(m).bytes(graph))
        #expect(rows[0] == ["name", "language", "built_on", "uses", "alternatives", "port_of", "ports", "sub_entries", "link", "id"])
        // Entries listed in Message Queue or its sub-group Open Messaging, each once.
        let groups = Set([NodeID("category:message-queue")] + graph.sources(into: NodeID("category:message-queue"), .subcategoryOf).map(\.id))
        let expected = Set(graph.nodes.filter { $0.kind.isEntry && graph.categories(of: $0.id).contains { groups.contains($0.id) } }.map(\.id.rawValue))
        #expect(Set(rows.dropFirst().map { $0[9] }) == expected)
        #expect(rows.count - 1 == expected.count)
        let kafka = try #require(rows.first { $0[9] == "project:apache-kafka" })
        let alternatives = Set((graph.targets(of: NodeID("project:apache-kafka"), .alternativeTo)
            + graph.sources(into: NodeID("project:apache-kafka"), .alternativeTo)).map(\.name))
        #expect(Set(kafka[4].components(separatedBy: "; ")) == alternatives, "alternatives both ways")
        #expect(throws: DiagnosticError.self) { try CSVMatrix(argument: "category:Mesage Queue")!.resolved(in: graph) }
        do {
            _ = try CSVMatrix(argument: "category:Mesage Queue")!.resolved(in: graph)
        } catch let e as DiagnosticError {
            #expect(e.kind == .unknownName)
            #expect(e.description.contains("did you mean 'Message Queue'"))
        }
        #expect(CSVMatrix(argument: "nonsense") == nil)
    }

    @Test func categoryLanguageCountsRollUpSubgroups() throws {
        let graph = Support.seed
        let rows = try Self.parseRFC4180(CSVMatrixWriter(.categoryLanguage).bytes(graph))
        let header = rows[0]
        let mq = try #require(rows.first { $0[0] == "Message Queue" })
        let groups = Set([NodeID("category:message-queue"), NodeID("category:open-messaging")])
        let entries = graph.nodes.filter { $0.kind.isEntry && graph.categories(of: $0.id).contains { groups.contains($0.id) } }
        #expect(Int(mq[2]) == entries.count)
        let java = header.firstIndex(of: "Java")!
        #expect(Int(mq[java]) == entries.filter { graph.languages(of: $0.id).contains { $0.name == "Java" } }.count)
        let none = header.firstIndex(of: "no language")!
        #expect(Int(mq[none]) == entries.filter { graph.languages(of: $0.id).isEmpty }.count)
        let om = try #require(rows.first { $0[0] == "Open Messaging" })
        #expect(om[1] == "Message Queue")
    }

    @Test func adjacencyIsSquareAndSymmetricForAlternatives() throws {
        let graph = Support.seed
        let rows = try Self.parseRFC4180(CSVMatrixWriter(.adjacency).bytes(graph))
        let names = Array(rows[0].dropFirst())
        #expect(rows.count == names.count + 1)
        #expect(names.count == CSVMatrixWriter.adjacencyNodes(graph).count)
        for (r, row) in rows.dropFirst().enumerated() {
            for (c, cell) in row.dropFirst().enumerated() where cell.contains("alternative-to") {
                #expect(rows[c + 1][r + 1].contains("alternative-to"), "\(names[r]) ↔ \(names[c])")
            }
        }
        let kong = try #require(rows.firstIndex { $0[0] == "Kong" })
        let nginx = try #require(names.firstIndex(of: "Nginx"))
        #expect(rows[kong][nginx + 1].contains("built-on"))
    }

    @Test func categoryFileNamesAreSafeAndUnique() {
        let a = Node(id: NodeID("category:../../etc/passwd"), kind: .category, name: "x")
        let b = Node(id: NodeID("category:etc-passwd"), kind: .category, name: "y")
        let names = CSVExportSet.categoryFileNames(CatalogGraph(nodes: [a, b], edges: []))
        #expect(Set(names.values).count == 2)
        for n in names.values { #expect(!n.contains("/") && !n.hasPrefix(".") && n.hasSuffix(".csv")) }
    }

    /// A category called "Language" would be `category-language.csv`, the category × language
    /// table's name: both tables were staged to one file and the export failed half-written.
    @Test func aCategoryNamedLikeASetTableGetsItsOwnFile() {
        let language = Node(id: NodeID("category:language"), kind: .category, name: "Language")
        let entry = Node(id: NodeID("project:x"), kind: .project, name: "X")
        let graph = CatalogGraph(nodes: [language, entry], edges: [
            Edge(source: entry.id, target: language.id, relation: .inCategory, provenance: .markdown(SourceLocation(file: "c.md", line: 3))),
        ])
        let set = CSVExportSet(graph)
        let names = set.tables.map(\.name)
        #expect(Set(names).count == names.count)
        #expect(names.contains("category-language.csv") && names.contains("category-language-2.csv"))
        #expect(set.tables.first { $0.name == "category-language.csv" }.map { "\($0.matrix)" } == "\(CSVMatrix.categoryLanguage)")
    }
}

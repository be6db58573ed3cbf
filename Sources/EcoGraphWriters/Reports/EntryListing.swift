import EcoGraph

/// The rows of `ecograph list`: one per entry, with categories and languages.
public struct EntryListing: Sendable {
    public struct Row: Sendable, Hashable {
        public var id: String
        public var kind: String
        public var name: String
        public var categories: [String]
        public var languages: [String]
        public var url: String
    }

    public var rows: [Row]

    public init(_ graph: CatalogGraph) {
        rows = graph.nodes.filter { $0.kind.isEntry }.map { n in
            Row(id: n.id.rawValue, kind: n.kind.rawValue, name: n.name,
                categories: graph.categories(of: n.id).map(\.name),
                languages: graph.languages(of: n.id).map(\.name), url: n.url ?? "")
        }.sorted { a, b in
            let (x, y) = (a.name.lowercased(), b.name.lowercased())
            return x != y ? x < y : a.id < b.id
        }
    }

    public func text() -> String {
        var s = ""
        for r in rows {
            let langs = r.languages.isEmpty ? "" : " [\(r.languages.joined(separator: ", "))]"
            let kind = r.kind == "project" ? "" : " (\(r.kind))"
            s += "\(r.name)\(kind)\(langs) — \(r.categories.joined(separator: "; "))\n"
        }
        s += "\(rows.count) entries\n"
        return s
    }

    public func json() -> [UInt8] {
        var out = OutputBuffer()
        out.append("[")
        for (i, r) in rows.enumerated() {
            out.append(i == 0 ? "\n  " : ",\n  ")
            out.append("{\"id\": "); out.appendJSONString(r.id)
            out.append(", \"kind\": "); out.appendJSONString(r.kind)
            out.append(", \"name\": "); out.appendJSONString(r.name)
            out.append(", \"categories\": "); out.appendJSONArray(r.categories)
            out.append(", \"languages\": "); out.appendJSONArray(r.languages)
            out.append(", \"url\": "); out.appendJSONString(r.url)
            out.append("}")
        }
        out.append(rows.isEmpty ? "]\n" : "\n]\n")
        return out.bytes
    }

    /// RFC 4180 CSV (CRLF, quoted where needed), formula-neutralised cells.
    public func csv() -> [UInt8] {
        var out = OutputBuffer()
        out.append("id,kind,name,categories,languages,url\r\n")
        for r in rows {
            let cells = [r.id, r.kind, r.name, r.categories.joined(separator: "; "), r.languages.joined(separator: "; "), r.url]
            for (i, c) in cells.enumerated() {
                if i > 0 { out.append(byte: 0x2C) }
                CSVCell.append(c, into: &out, raw: false)
            }
            out.append("\r\n")
        }
        return out.bytes
    }
}

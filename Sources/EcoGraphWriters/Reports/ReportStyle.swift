import EcoGraph

/// How the text reports of the query commands look: plain, or with ANSI colour when the CLI
/// writes to a terminal (it decides; the library never looks at the environment).
///
/// ```swift
/// let style = ReportStyle(color: false)
/// style.sentence(edge, in: graph)   // "Kong is built on Nginx (graphs/….relations.yaml:731, overlay)"
/// ```
public struct ReportStyle: Sendable {
    public var color: Bool

    public init(color: Bool = false) { self.color = color }

    public func bold(_ s: String) -> String { color ? "\u{1B}[1m\(s)\u{1B}[0m" : s }
    public func dim(_ s: String) -> String { color ? "\u{1B}[2m\(s)\u{1B}[0m" : s }
    public func green(_ s: String) -> String { color ? "\u{1B}[32m\(s)\u{1B}[0m" : s }
    public func red(_ s: String) -> String { color ? "\u{1B}[31m\(s)\u{1B}[0m" : s }

    /// Catalog text made safe for a terminal: control characters (an escape sequence in a
    /// description could rewrite the screen) become `\u{…}`; line breaks become spaces.
    public static func clean(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: isControl) else { return s }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            if u == "\n" || u == "\r" || u == "\t" { out.append(" ") }
            else if isControl(u) { out.append(contentsOf: "\\u{\(String(u.value, radix: 16))}".unicodeScalars) }
            else { out.append(u) }
        }
        return String(out)
    }

    private static func isControl(_ u: Unicode.Scalar) -> Bool {
        u.value < 0x20 || (0x7F...0x9F).contains(u.value) || u.value == 0x2028 || u.value == 0x2029
    }

    /// A node's name, with its kind unless it is a project: `Nginx`, `Lua [language]`.
    public func label(_ n: Node) -> String {
        n.kind == .project ? Self.clean(n.name) : "\(Self.clean(n.name)) [\(n.kind.rawValue)]"
    }

    /// `(file:line, overlay) — note`: where an edge comes from and how.
    public func provenance(_ p: Provenance) -> String {
        var s = "("
        if let l = p.location { s += "\(Self.clean(l.file)):\(l.line), " }
        s += p.method.rawValue
        if let phrase = p.phrase { s += ": \"\(Self.clean(phrase))\"" }
        if let c = p.confidence { s += ", confidence \(Provenance.format(c))" }
        s += ")"
        if let note = p.note { s += " — \(Self.clean(note))" }
        return dim(s)
    }

    /// "Kong is built on Nginx (file:line, overlay) — note": the edge read forwards.
    public func sentence(_ e: Edge, in graph: CatalogGraph) -> String {
        sentence(e, source: graph.node(e.source), target: graph.node(e.target))
    }

    /// The same, with the end nodes given (they may come from another graph).
    public func sentence(_ e: Edge, source: Node?, target: Node?) -> String {
        let s = source.map { Self.clean($0.name) } ?? e.source.rawValue
        let t = target.map { Self.clean($0.name) } ?? e.target.rawValue
        return "\(s) \(e.relation.phrase) \(t) \(provenance(e.provenance))"
    }

    /// "1. Kong → OpenResty → Nginx" and each hop's edges, indented.
    public func path(_ p: RelationPath, number: Int, in graph: CatalogGraph, indent: String = "") -> String {
        let head = "\(number). "
        var s = indent + head + p.nodes.map { label($0) }.joined(separator: " → ") + "\n"
        let pad = indent + String(repeating: " ", count: head.count)
        for hop in p.hops { for step in hop { s += pad + sentence(step.edge, in: graph) + "\n" } }
        return s
    }
}

/// The JSON pieces the query reports share.
extension OutputBuffer {
    /// `{"id": "project:kong", "kind": "project", "name": "Kong"}`
    public mutating func appendNodeRef(_ n: Node) {
        append("{\"id\": "); appendJSONString(n.id.rawValue)
        append(", \"kind\": "); appendJSONString(n.kind.rawValue)
        append(", \"name\": "); appendJSONString(n.name)
        append("}")
    }

    /// `{"source": {node}, "relation": "built-on", "target": {node}, "provenance": {…}}`
    public mutating func appendEdge(_ e: Edge, in graph: CatalogGraph) {
        appendEdge(e, source: graph.node(e.source), target: graph.node(e.target))
    }

    public mutating func appendEdge(_ e: Edge, source: Node?, target: Node?) {
        append("{\"source\": ")
        appendNodeRef(source ?? Node(id: e.source, kind: .external, name: e.source.rawValue))
        append(", \"relation\": "); appendJSONString(e.relation.rawValue)
        append(", \"target\": ")
        appendNodeRef(target ?? Node(id: e.target, kind: .external, name: e.target.rawValue))
        append(", \"provenance\": ")
        NodeLinkJSONWriter.provenance(e.provenance, into: &self)
        append("}")
    }

    /// `[item, item]`, each written by `body`.
    public mutating func appendJSONList<T>(_ items: [T], _ body: (inout OutputBuffer, T) -> Void) {
        append("[")
        for (i, item) in items.enumerated() {
            if i > 0 { append(", ") }
            body(&self, item)
        }
        append("]")
    }

    /// One value of a flat JSON object written with `appendObject`.
    public enum Field {
        case node(Node)
        case string(String?)
        case strings([String])
        case number(Int)
        /// Written as is (a formatted number, `true`).
        case raw(String)
    }

    /// `{"key": value, …}` in the order given.
    public mutating func appendObject(_ fields: KeyValuePairs<String, Field>) {
        append("{")
        for (i, (key, value)) in fields.enumerated() {
            if i > 0 { append(", ") }
            appendJSONString(key)
            append(": ")
            switch value {
            case .node(let n): appendNodeRef(n)
            case .string(let s): if let s { appendJSONString(s) } else { append("null") }
            case .strings(let list): appendJSONArray(list)
            case .number(let n): append(n)
            case .raw(let r): append(r)
            }
        }
        append("}")
    }

    /// A list with one item per line: `[\n<indent>item,\n<indent>item\n<closing>]`, or `[]`.
    public mutating func appendJSONLines<T>(_ items: [T], indent: String = "    ", closing: String = "  ",
                                            _ body: (inout OutputBuffer, T) -> Void) {
        append("[")
        for (i, item) in items.enumerated() {
            append(i == 0 ? "\n" + indent : ",\n" + indent)
            body(&self, item)
        }
        append(items.isEmpty ? "]" : "\n" + closing + "]")
    }

    /// `{"nodes": [ref, …], "hops": [[edge, …], …]}`
    public mutating func appendPath(_ p: RelationPath, in graph: CatalogGraph) {
        append("{\"length\": "); append(p.length)
        append(", \"nodes\": ")
        appendJSONList(p.nodes) { $0.appendNodeRef($1) }
        append(", \"hops\": ")
        appendJSONList(p.hops) { out, hop in out.appendJSONList(hop) { $0.appendEdge($1.edge, in: graph) } }
        append("}")
    }
}

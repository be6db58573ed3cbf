import Foundation
import EcoGraph
import Yams

/// Reads a relations overlay (`graphs/<catalog>.relations.yaml`, schema `version: 1`) with Yams,
/// keeping the line and column of every value so that problems point into the YAML.
///
/// ```yaml
/// version: 1
/// entries:
///   Istio: {languages: [Go]}
///   JSON: {languages: [], note: "a format"}
///   Nginx Wiki: {kind: resource}
/// externals:
///   Snowflake: {url: "https://github.com/twitter-archive/snowflake"}
/// relations:
///   - {from: Kong, relation: built-on, to: Nginx, note: "…", source: "https://…"}
/// reject:
///   - {from: Apache Zookeeper, relation: inspired-by, to: Dapper, note: "pasted from AppDash"}
/// ```
public struct OverlayReader: Sendable {
    public init() {}

    /// The overlay that belongs to a catalog: `X.md` → `X.relations.yaml` beside it.
    public static func defaultPath(forCatalog catalog: String) -> String {
        var base = catalog
        for ext in [".md", ".markdown", ".jsonld", ".json"] where base.hasSuffix(ext) {
            base.removeLast(ext.count)
            break
        }
        return base + ".relations.yaml"
    }

    public func read(path: String) throws -> Overlay {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DiagnosticError(.error("no-such-file", at: nil, file: path, kind: .noInput,
                                         "no such overlay file; give one with --overlay PATH or leave it out with --no-overlay"))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw DiagnosticError(.error("invalid-utf8", at: SourceLocation(file: path, line: 1), "the overlay is not valid UTF-8; save it as UTF-8"))
        }
        return try read(yaml: text, file: path)
    }

    public func read(yaml text: String, file: String) throws -> Overlay {
        let root: Yams.Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw DiagnosticError(Self.diagnostic(error, file: file))
        }
        var ctx = Context(file: file)
        guard let root, let map = root.mapping else {
            throw DiagnosticError(.error("overlay-shape", at: SourceLocation(file: file, line: 1),
                                         "an overlay is a mapping with 'version: 1' and 'entries', 'externals', 'relations', 'reject'"))
        }
        var overlay = Overlay(file: file)
        var sawVersion = false
        for (keyNode, value) in map {
            let key = keyNode.string ?? ""
            switch key {
            case "version":
                sawVersion = true
                guard let v = value.int, v == 1 else {
                    ctx.error(value, "unsupported overlay version '\(value.string ?? "?")'; this ecograph reads 'version: 1'")
                    continue
                }
                overlay.version = v
            case "entries":
                guard let m = ctx.mapping(value, "'entries' maps entry names to their facts") else { continue }
                for (name, facts) in m { if let p = ctx.entry(name, facts) { overlay.entries.append(p) } }
            case "externals":
                guard let m = ctx.mapping(value, "'externals' maps names to {url, description, aliases}") else { continue }
                for (name, facts) in m { if let e = ctx.external(name, facts) { overlay.externals.append(e) } }
            case "relations", "reject":
                guard let seq = value.sequence else {
                    ctx.error(value, "'\(key)' is a list of {from, relation, to, note, source}")
                    continue
                }
                for item in seq {
                    guard let st = ctx.statement(item) else { continue }
                    if key == "relations" { overlay.relations.append(st) } else { overlay.rejects.append(st) }
                }
            default:
                ctx.error(keyNode, "unknown key '\(key)'\(didYouMean(Fuzzy.closest(key, among: ["version", "entries", "externals", "relations", "reject"], maxDistance: 3))); an overlay has 'version', 'entries', 'externals', 'relations' and 'reject'")
            }
        }
        if !sawVersion {
            ctx.diagnostics.append(.error("overlay-version", at: SourceLocation(file: file, line: 1), "the overlay has no 'version'; add 'version: 1' at the top"))
        }
        if !ctx.diagnostics.isEmpty { throw DiagnosticError(ctx.diagnostics) }
        return overlay
    }

    static func diagnostic(_ error: YamlError, file: String) -> Diagnostic {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let extra = context.map { " (\($0.text))" } ?? ""
            return .error("yaml", at: SourceLocation(file: file, line: mark.line, column: mark.column),
                          "YAML: \(problem)\(extra); fix the overlay's syntax")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return .error("yaml", at: SourceLocation(file: file, line: context.mark.line, column: context.mark.column),
                          "YAML: duplicated keys \(duplicates.joined(separator: ", ")); keep one of each")
        default:
            return .error("yaml", at: SourceLocation(file: file, line: 1), "YAML: \(error)")
        }
    }

    struct Context {
        let file: String
        var diagnostics: [Diagnostic] = []

        init(file: String) { self.file = file }

        func location(_ node: Yams.Node) -> SourceLocation {
            SourceLocation(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
        }

        mutating func error(_ node: Yams.Node, _ message: String) {
            diagnostics.append(.error("overlay-schema", at: location(node), message))
        }

        mutating func mapping(_ node: Yams.Node, _ what: String) -> [(Yams.Node, Yams.Node)]? {
            if case .scalar(let s) = node, s.string.isEmpty || s.string == "~" || s.string == "null" { return [] }
            guard let m = node.mapping else { error(node, what); return nil }
            return Array(m)
        }

        mutating func string(_ node: Yams.Node, _ field: String) -> String? {
            guard case .scalar(let s) = node else { error(node, "'\(field)' must be a string"); return nil }
            return s.string
        }

        mutating func strings(_ node: Yams.Node, _ field: String) -> [Overlay.Located<String>]? {
            if case .scalar = node, let s = string(node, field) { return [.init(s, at: location(node))] }
            guard let seq = node.sequence else { error(node, "'\(field)' must be a list of strings"); return nil }
            var out: [Overlay.Located<String>] = []
            for item in seq { if let s = string(item, field) { out.append(.init(s, at: location(item))) } }
            return out
        }

        mutating func entry(_ nameNode: Yams.Node, _ facts: Yams.Node) -> Overlay.EntryPatch? {
            guard let name = string(nameNode, "entry name") else { return nil }
            var patch = Overlay.EntryPatch(name: .init(name, at: location(nameNode)))
            guard let m = mapping(facts, "the facts of '\(name)' are a mapping: {kind, languages, aliases, note}") else { return nil }
            for (k, v) in m {
                switch k.string ?? "" {
                case "kind":
                    guard let s = string(v, "kind") else { continue }
                    guard let kind = NodeKind(rawValue: s), kind.isEntry else {
                        error(v, "kind '\(s)' is not 'project' or 'resource'")
                        continue
                    }
                    patch.kind = .init(kind, at: location(v))
                case "languages", "language":
                    patch.languages = strings(v, "languages")
                case "aliases", "alias":
                    patch.aliases = (strings(v, "aliases") ?? []).map(\.value)
                case "note":
                    patch.note = string(v, "note")
                default:
                    error(k, "unknown field '\(k.string ?? "")' for an entry\(didYouMean(Fuzzy.closest(k.string ?? "", among: ["kind", "languages", "aliases", "note"], maxDistance: 3))); use kind, languages, aliases or note")
                }
            }
            return patch
        }

        mutating func external(_ nameNode: Yams.Node, _ facts: Yams.Node) -> Overlay.External? {
            guard let name = string(nameNode, "external name") else { return nil }
            var ext = Overlay.External(name: .init(name, at: location(nameNode)))
            guard let m = mapping(facts, "the facts of external '\(name)' are a mapping: {url, description, aliases}") else { return nil }
            for (k, v) in m {
                switch k.string ?? "" {
                case "url": ext.url = string(v, "url")
                case "description": ext.description = string(v, "description")
                case "aliases", "alias": ext.aliases = (strings(v, "aliases") ?? []).map(\.value)
                case "note": _ = string(v, "note")
                default: error(k, "unknown field '\(k.string ?? "")' for an external; use url, description or aliases")
                }
            }
            return ext
        }

        mutating func statement(_ node: Yams.Node) -> Overlay.Statement? {
            guard let m = node.mapping else {
                error(node, "a relation is a mapping {from, relation, to, note, source}")
                return nil
            }
            var from: Overlay.Located<String>?, to: Overlay.Located<String>?
            var relation: Overlay.Located<RelationKind>?
            var note: String?, source: String?
            for (k, v) in m {
                switch k.string ?? "" {
                case "from": from = string(v, "from").map { .init($0, at: location(v)) }
                case "to": to = string(v, "to").map { .init($0, at: location(v)) }
                case "relation", "kind":
                    guard let s = string(v, "relation") else { continue }
                    guard let r = RelationKind(rawValue: s), !r.isStructural || r == .subEntryOf else {
                        let kinds = RelationKind.semantic.map(\.rawValue)
                        error(v, "unknown relation '\(s)'\(didYouMean(Fuzzy.closest(s, among: kinds, maxDistance: 4))); use one of \(kinds.joined(separator: ", "))")
                        continue
                    }
                    relation = .init(r, at: location(v))
                case "note": note = string(v, "note")
                case "source": source = string(v, "source")
                default:
                    error(k, "unknown field '\(k.string ?? "")' in a relation\(didYouMean(Fuzzy.closest(k.string ?? "", among: ["from", "relation", "to", "note", "source"], maxDistance: 3)))")
                }
            }
            let missing = [("from", from == nil), ("relation", relation == nil), ("to", to == nil)].filter(\.1).map(\.0)
            if !missing.isEmpty {
                // A relation with an unknown kind has already been reported.
                if !(missing == ["relation"] && m.contains(where: { $0.key.string == "relation" || $0.key.string == "kind" })) {
                    error(node, "this relation has no \(missing.joined(separator: ", ")); write {from: A, relation: built-on, to: B}")
                }
                return nil
            }
            return Overlay.Statement(from: from!, relation: relation!, to: to!, note: note, source: source, location: location(node))
        }
    }
}

import EcoGraph

/// `ecograph lint` output: text (`file:line:col: severity: message`), JSON, or SARIF 2.1.0 for
/// code-scanning tools.
public struct LintReport: Sendable {
    public var findings: [Diagnostic]

    public init(_ findings: [Diagnostic]) { self.findings = findings }

    public var errors: Int { findings.filter { $0.severity == .error }.count }
    public var warnings: Int { findings.filter { $0.severity == .warning }.count }

    public func text() -> String {
        var s = findings.map { "\($0.description) [\($0.code)]\n" }.joined()
        s += "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")\n"
        return s
    }

    public func json() -> [UInt8] {
        var out = OutputBuffer()
        out.append("{\"errors\": \(errors), \"warnings\": \(warnings), \"findings\": [")
        for (i, d) in findings.enumerated() {
            out.append(i == 0 ? "\n  " : ",\n  ")
            out.append("{\"severity\": "); out.appendJSONString(d.severity.rawValue)
            out.append(", \"rule\": "); out.appendJSONString(d.code)
            out.append(", \"file\": ")
            if let f = d.file { out.appendJSONString(f) } else { out.append("null") }
            out.append(", \"line\": "); out.append(d.location.map { String($0.line) } ?? "null")
            out.append(", \"column\": "); out.append(d.location.map { String($0.column) } ?? "null")
            out.append(", \"message\": "); out.appendJSONString(d.message)
            out.append("}")
        }
        out.append(findings.isEmpty ? "]}\n" : "\n]}\n")
        return out.bytes
    }

    public func sarif() -> [UInt8] {
        var out = OutputBuffer()
        out.append("{\"version\": \"2.1.0\", \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\", \"runs\": [{\"tool\": {\"driver\": {\"name\": \"ecograph\", \"rules\": [")
        for (i, r) in Lint.rules.enumerated() {
            if i > 0 { out.append(", ") }
            out.append("{\"id\": "); out.appendJSONString(r.id)
            out.append(", \"shortDescription\": {\"text\": "); out.appendJSONString(r.summary); out.append("}}")
        }
        out.append("]}}, \"results\": [")
        for (i, d) in findings.enumerated() {
            if i > 0 { out.append(", ") }
            out.append("{\"ruleId\": "); out.appendJSONString(d.code)
            out.append(", \"level\": "); out.appendJSONString(d.severity == .note ? "note" : d.severity.rawValue)
            out.append(", \"message\": {\"text\": "); out.appendJSONString(d.message); out.append("}")
            if let f = d.file {
                out.append(", \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": ")
                out.appendJSONString(f)
                out.append("}")
                if let l = d.location { out.append(", \"region\": {\"startLine\": \(l.line), \"startColumn\": \(l.column)}") }
                out.append("}}]")
            }
            out.append("}")
        }
        out.append("]}]}\n")
        return out.bytes
    }
}

import EcoGraph

/// `ecograph neighbors`: the neighbourhood as text or JSON.
extension Neighborhood {
    /// ```
    /// Neighbours of Kong (both directions, depth 1, all relations): 6
    ///
    /// depth 1
    ///   Nginx
    ///     Kong is built on Nginx (graphs/….relations.yaml:731, overlay) — …
    /// ```
    public func text(_ graph: CatalogGraph, style: ReportStyle = ReportStyle()) -> String {
        var s = style.bold("Neighbours of \(style.label(center))") + " (\(directionText), depth \(depth), "
        s += (relations.isEmpty ? "all relations" : relations.map(\.rawValue).joined(separator: ", ")) + "): \(entries.count)\n"
        var level = 0
        for e in entries {
            if e.depth != level {
                level = e.depth
                s += "\n" + style.bold("depth \(level)") + "\n"
            }
            s += "  " + style.label(e.node) + "\n"
            for step in e.steps { s += "    " + style.sentence(step.edge, in: graph) + "\n" }
        }
        return s
    }

    private var directionText: String {
        switch direction {
        case .out: return "outgoing edges"
        case .in: return "incoming edges"
        case .both: return "both directions"
        }
    }

    /// The schema is in `docs/cli-json.md` ("neighbors").
    public func json(_ graph: CatalogGraph) -> [UInt8] {
        var out = OutputBuffer()
        out.append("{\n  \"center\": "); out.appendNodeRef(center)
        out.append(",\n  \"direction\": "); out.appendJSONString(direction.rawValue)
        out.append(",\n  \"depth\": "); out.append(depth)
        out.append(",\n  \"relations\": "); out.appendJSONArray(relations.map(\.rawValue))
        out.append(",\n  \"neighbors\": ")
        out.appendJSONLines(entries) { out, e in
            out.append("{\"node\": "); out.appendNodeRef(e.node)
            out.append(", \"depth\": "); out.append(e.depth)
            out.append(", \"edges\": ")
            out.appendJSONList(e.steps) { $0.appendEdge($1.edge, in: graph) }
            out.append("}")
        }
        out.append("\n}\n")
        return out.bytes
    }
}

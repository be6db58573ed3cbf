import EcoGraph

extension DOTWriter {
    /// Colours that stay apart for readers with any common colour-vision deficiency.
    enum Palette {
        /// Node fills: Paul Tol's "light" scheme, made for areas that carry black text. Given to
        /// languages by descending entry count, then name.
        static let languages = ["#77AADD", "#EE8866", "#EEDD88", "#FFAABB", "#99DDFF", "#44BB99", "#BBCC33", "#AAAA00"]
        /// Tol's pale grey: every language beyond the eight.
        static let otherLanguage = "#DDDDDD"
        /// Projects with no known language.
        static let noLanguage = "#FFFFFF"
        static let clusterFill = "#F7F7F7"
        static let subgroupFill = "#ECECEC"
        static let clusterLine = "#B0B0B0"
    }

    /// How an edge of one relation kind looks. Colours are Okabe–Ito (line colours for
    /// colour-blind readers); kinds sharing a colour differ in line style or arrowhead.
    struct EdgeStyle {
        var colour: String
        var style: String
        var arrowhead: String
        var penwidth: String

        var attributes: [(String, String)] {
            [("color", colour), ("style", style), ("arrowhead", arrowhead), ("penwidth", penwidth)]
        }
    }

    /// The look of each drawn relation kind; nil for kinds shown by clusters and colours
    /// (`in-category`, `subcategory-of`, `written-in`).
    static func edgeStyle(_ relation: RelationKind) -> EdgeStyle? {
        switch relation {
        case .inCategory, .subcategoryOf, .writtenIn: return nil
        case .subEntryOf: return EdgeStyle(colour: "#999999", style: "solid", arrowhead: "onormal", penwidth: "0.8")
        case .builtOn: return EdgeStyle(colour: "#0072B2", style: "solid", arrowhead: "normal", penwidth: "1.8")
        case .uses: return EdgeStyle(colour: "#009E73", style: "solid", arrowhead: "vee", penwidth: "1.3")
        case .portOf: return EdgeStyle(colour: "#D55E00", style: "dashed", arrowhead: "normal", penwidth: "1.3")
        case .extends: return EdgeStyle(colour: "#CC79A7", style: "solid", arrowhead: "empty", penwidth: "1.5")
        case .inspiredBy: return EdgeStyle(colour: "#E69F00", style: "dotted", arrowhead: "vee", penwidth: "1.6")
        case .compatibleWith: return EdgeStyle(colour: "#56B4E9", style: "dashed", arrowhead: "vee", penwidth: "1.5")
        case .alternativeTo: return EdgeStyle(colour: "#000000", style: "dashed", arrowhead: "none", penwidth: "1.0")
        case .toolFor: return EdgeStyle(colour: "#E69F00", style: "solid", arrowhead: "normal", penwidth: "1.3")
        case .clientOf: return EdgeStyle(colour: "#0072B2", style: "dashed", arrowhead: "vee", penwidth: "1.2")
        case .documents: return EdgeStyle(colour: "#777777", style: "dotted", arrowhead: "odot", penwidth: "1.2")
        case .partOf: return EdgeStyle(colour: "#009E73", style: "dashed", arrowhead: "odiamond", penwidth: "1.3")
        }
    }

    /// The attributes of a relation edge: its style, direction, SVG class and tooltip.
    static func relationAttributes(_ e: Edge, in graph: CatalogGraph) -> [(String, String)] {
        var attrs = edgeStyle(e.relation)?.attributes ?? []
        if e.relation.isSymmetric { attrs.append(("dir", "none")) }
        let from = graph.node(e.source)?.name ?? e.source.rawValue
        let to = graph.node(e.target)?.name ?? e.target.rawValue
        var how = e.provenance.method.rawValue
        if let c = e.provenance.confidence { how += " " + Provenance.format(c) }
        attrs.append(("class", "relation rel-\(e.relation.rawValue)"))
        attrs.append(("tooltip", tooltipText("\(from) \(e.relation.phrase) \(to) (\(how))")))
        return attrs
    }

    /// `class` for an entry: kind, `lang-<slug>` per language, `cat-<slug>` per category and
    /// every category above it, so a style sheet can pick any of them out.
    static func entryClasses(_ node: Node, in diagram: Diagram) -> String {
        var classes = [node.kind.rawValue]
        for l in diagram.languagesOf[node.id] ?? [] { classes.append("lang-" + l.id.slug) }
        var cats: [NodeID] = []
        for c in diagram.graph.categories(of: node.id) {
            for id in diagram.lineage[c.id] ?? [c.id] + diagram.ancestors(of: c.id) where !cats.contains(id) { cats.append(id) }
        }
        for c in cats.sorted() { classes.append("cat-" + c.slug) }
        return classes.joined(separator: " ")
    }
}

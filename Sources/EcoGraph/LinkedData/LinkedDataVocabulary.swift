/// How ecograph's graph maps onto linked data: the JSON-LD writer and reader share this table,
/// so that what one writes the other reads back.
///
/// Standard terms where they fit (schema.org, SKOS, DOAP; RELATIONS.md's linked-data notes), and
/// a small vocabulary of ours under `https://ecograph.dev/vocab#` for the rest.
///
/// ```swift
/// LinkedDataVocabulary.property(.builtOn)     // Property(term: "builtOn", iri: "eco:builtOn")
/// LinkedDataVocabulary.reference(NodeID("project:apache-kafka"))   // "project/apache-kafka"
/// ```
public enum LinkedDataVocabulary {
    /// Node IRIs are relative to this (`@base`).
    public static let base = "https://ecograph.dev/id/"
    /// Our vocabulary.
    public static let vocab = "https://ecograph.dev/vocab#"
    /// The concept scheme (the catalog) lives outside `base`, so no node ID can collide with it.
    public static let schemeBase = "https://ecograph.dev/scheme/"

    /// Prefixes of the inline `@context`, in the order written.
    public static let prefixes: [(prefix: String, iri: String)] = [
        ("schema", "https://schema.org/"),
        ("skos", "http://www.w3.org/2004/02/skos/core#"),
        ("doap", "http://usefulinc.com/ns/doap#"),
        ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
        ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
        ("xsd", "http://www.w3.org/2001/XMLSchema#"),
        ("wdt", "http://www.wikidata.org/prop/direct/"),
        ("eco", vocab),
    ]

    /// A relation's JSON-LD term and its compact IRI.
    public struct Property: Sendable, Hashable {
        public var term: String
        public var iri: String
        /// A broader standard property (Wikidata), when one fits.
        public var superProperty: String?
    }

    /// The property a relation kind is written as.
    public static func property(_ relation: RelationKind) -> Property {
        switch relation {
        case .inCategory: return Property(term: "inCategory", iri: "eco:inCategory")
        case .subcategoryOf: return Property(term: "broader", iri: "skos:broader")
        case .writtenIn: return Property(term: "programmingLanguage", iri: "schema:programmingLanguage")
        case .subEntryOf: return Property(term: "subEntryOf", iri: "eco:subEntryOf")
        case .builtOn: return Property(term: "builtOn", iri: "eco:builtOn", superProperty: "wdt:P1547")
        case .uses: return Property(term: "uses", iri: "eco:uses", superProperty: "wdt:P1547")
        case .portOf: return Property(term: "portOf", iri: "eco:portOf")
        case .extends: return Property(term: "isBasedOn", iri: "schema:isBasedOn")
        case .inspiredBy: return Property(term: "inspiredBy", iri: "eco:inspiredBy", superProperty: "wdt:P737")
        case .compatibleWith: return Property(term: "compatibleWith", iri: "eco:compatibleWith")
        case .alternativeTo: return Property(term: "alternativeTo", iri: "eco:alternativeTo")
        case .toolFor: return Property(term: "toolFor", iri: "eco:toolFor")
        case .clientOf: return Property(term: "clientOf", iri: "eco:clientOf")
        case .documents: return Property(term: "about", iri: "schema:about")
        case .partOf: return Property(term: "isPartOf", iri: "schema:isPartOf")
        }
    }

    /// The relation a property IRI (compact or full) stands for.
    /// - Complexity: O(1).
    public static func relation(forProperty iri: String) -> RelationKind? {
        relationByIRI[iri]
    }

    private static let relationByIRI: [String: RelationKind] = {
        var map: [String: RelationKind] = [:]
        for r in RelationKind.allCases {
            let p = property(r)
            map[p.iri] = r
            map[expand(p.iri)] = r
        }
        return map
    }()

    /// `eco:builtOn` → `https://ecograph.dev/vocab#builtOn`; anything else unchanged.
    public static func expand(_ compact: String) -> String {
        guard let colon = compact.firstIndex(of: ":") else { return compact }
        let prefix = compact[..<colon]
        guard let p = prefixes.first(where: { $0.prefix == prefix }) else { return compact }
        return p.iri + compact[compact.index(after: colon)...]
    }

    /// The `@type`s of a node of each kind; the last one tells the kinds apart on reading.
    public static func types(_ kind: NodeKind) -> [String] {
        switch kind {
        case .project: return ["schema:SoftwareSourceCode", "doap:Project"]
        case .resource: return ["schema:CreativeWork", "eco:Resource"]
        case .language: return ["schema:ComputerLanguage"]
        case .category: return ["skos:Concept"]
        case .external: return ["schema:Thing", "eco:External"]
        }
    }

    /// The kind of a node from its `@type`s (compact or full IRIs).
    public static func kind(fromTypes types: [String]) -> NodeKind? {
        let set = Set(types.map(expand))
        for kind in [NodeKind.project, .resource, .external, .category, .language]
        where set.contains(expand(Self.types(kind).last!)) {
            return kind
        }
        return nil
    }

    /// The node's IRI relative to `base`: `project:apache-kafka` → `project/apache-kafka`,
    /// `category:消息队列` → `category/%E6%B6%88%E6%81%AF%E9%98%9F%E5%88%97`. Every byte outside
    /// `A-Z a-z 0-9 - _ ~` is percent-encoded (`.` too, so that no segment is a dot-segment), so
    /// distinct IDs give distinct IRIs and no ID can reach outside `base`.
    public static func reference(_ id: NodeID) -> String {
        var out: [UInt8] = []
        appendReference(id, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `reference(id)` appended to `bytes`, with no intermediate strings.
    public static func appendReference(_ id: NodeID, to bytes: inout [UInt8]) {
        var raw = id.rawValue
        raw.withUTF8 { appendReference(utf8: $0, to: &bytes) }
    }

    /// `appendReference` of the ID whose UTF-8 bytes are `utf8`.
    public static func appendReference(utf8: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
        // No `reserveCapacity` here: it grows to exactly what is asked, so calls on one growing
        // array would copy it every time (`append` doubles).
        let count = utf8.count * 3
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count) { room in
            let written = writeReference(utf8: utf8, to: room.baseAddress!)
            bytes.append(contentsOf: UnsafeBufferPointer(start: room.baseAddress, count: written))
        }
    }

    /// `appendReference` of `utf8` written to `target`, which has room for three bytes per byte
    /// of `utf8` (a byte becomes at most `%XX`); returns how many bytes it wrote. Writers
    /// encode straight into their output with this.
    public static func writeReference(utf8: UnsafeBufferPointer<UInt8>, to target: UnsafeMutablePointer<UInt8>) -> Int {
        var split = false
        var written = 0
        for b in utf8 {
            if isUnreserved(b) {
                target[written] = b
                written &+= 1
            } else if b == UInt8(ascii: ":") && !split {
                split = true
                target[written] = UInt8(ascii: "/")
                written &+= 1
            } else {
                target[written] = UInt8(ascii: "%")
                target[written &+ 1] = hexDigit(b >> 4)
                target[written &+ 2] = hexDigit(b & 0xF)
                written &+= 3
            }
        }
        return written
    }

    /// An upper-case hexadecimal digit.
    @inline(__always)
    private static func hexDigit(_ v: UInt8) -> UInt8 { v < 10 ? v &+ 0x30 : v &+ 0x37 }

    @inline(__always)
    private static func isUnreserved(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    /// Percent-encodes UTF-8 bytes outside the unreserved set (minus `.`), upper-case hex.
    public static func percentEncode(_ s: Substring) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        for b in s.utf8 { appendPercentEncoded(b, to: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    @inline(__always)
    private static func appendPercentEncoded(_ b: UInt8, to out: inout [UInt8]) {
        if isUnreserved(b) { out.append(b); return }
        out.append(UInt8(ascii: "%"))
        out.append(hexDigit(b >> 4))
        out.append(hexDigit(b & 0xF))
    }

    /// Hosts whose URLs are source repositories (`schema:codeRepository`).
    public static let forgeHosts: Set<String> = [
        "github.com", "gitlab.com", "bitbucket.org", "gitee.com", "codeberg.org", "sourceforge.net", "git.oschina.net",
    ]
}

/// A stable node identifier: `<kind>:<slug>`, derived from the node's kind and name only, never
/// from input order (`project:apache-kafka`, `category:message-queue`, `language:csharp`).
public struct NodeID: Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
    public let rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }

    public init(kind: NodeKind, slug: String) { self.rawValue = kind.rawValue + ":" + slug }

    public var description: String { rawValue }

    /// The part after `kind:`.
    public var slug: Substring {
        guard let colon = rawValue.firstIndex(of: ":") else { return rawValue[...] }
        return rawValue[rawValue.index(after: colon)...]
    }

    public static func < (a: NodeID, b: NodeID) -> Bool { a.rawValue < b.rawValue }

    public init(from decoder: Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }
}

/// Turns names into URL- and DOT-safe slugs, the same on every machine.
public enum Slug {
    /// `Apache Kafka` → `apache-kafka`, `C++` → `cpp`, `C#` → `csharp`, `.NET` → `dotnet`,
    /// `Cap'n Proto` → `capn-proto`. Letters of other scripts are kept (lower-cased).
    public static func make(_ name: String) -> String {
        var out = ""
        out.reserveCapacity(name.utf8.count)
        var pendingDash = false
        var first = true
        for ch in name.lowercased().unicodeScalars {
            let piece: String?
            switch ch {
            case "a"..."z", "0"..."9": piece = String(ch)
            case "+": piece = "p"
            case "#": piece = "sharp"
            case ".": piece = first ? "dot" : nil
            case "'", "’": piece = ""
            default:
                if ch.value > 0x7F && (ch.properties.isAlphabetic || ch.properties.numericType != nil) {
                    piece = String(ch)
                } else {
                    piece = nil
                }
            }
            first = false
            guard let piece else { pendingDash = !out.isEmpty; continue }
            if piece.isEmpty { continue }
            if pendingDash { out += "-"; pendingDash = false }
            out += piece
        }
        return out.isEmpty ? "unnamed" : out
    }
}

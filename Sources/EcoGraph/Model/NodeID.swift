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
        ascii(name) ?? General.make(name)
    }

    /// `kind:slug`, the unqualified ID of a node (`NodeID(kind:slug:)` without the
    /// intermediate slug string).
    static func id(_ kind: NodeKind, _ name: String) -> String {
        let prefix = kind.rawValue + ":"
        return ascii(name, prefix: prefix) ?? prefix + General.make(name)
    }

    /// `prefix + make(name)` for ASCII names, on bytes (no `String` per scalar); nil for other
    /// names. `prefix` is ASCII.
    static func ascii(_ name: String, prefix: String = "") -> String? {
        ASCIIKey.ascii(name) { src -> String in
            // At most "-sharp" (6 bytes) per input byte.
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: prefix.utf8.count + 6 * src.count + 7) { out -> String in
                var n = 0
                func put(_ piece: StaticString) {
                    piece.withUTF8Buffer { for b in $0 { out[n] = b; n += 1 } }
                }
                for b in prefix.utf8 { out[n] = b; n += 1 }
                let start = n
                var pendingDash = false
                for (k, b) in src.enumerated() {
                    let c = ASCIIKey.lower(b)
                    switch c {
                    case 0x61...0x7A, 0x30...0x39, 0x2B, 0x23:
                        if pendingDash { put("-"); pendingDash = false }
                        switch c {
                        case 0x2B: put("p")        // +
                        case 0x23: put("sharp")    // #
                        default: out[n] = c; n += 1
                        }
                    case 0x2E where k == 0:        // a leading .
                        put("dot")
                    case 0x27: continue            // '
                    default: pendingDash = n > start
                    }
                }
                if n == start { put("unnamed") }
                return String(decoding: UnsafeBufferPointer(rebasing: out[..<n]), as: UTF8.self)
            }
        }
    }

    /// `make` for any text, scalar by scalar.
    enum General {
        static func make(_ name: String) -> String {
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
}

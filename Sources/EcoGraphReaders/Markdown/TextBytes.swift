import Foundation
import EcoGraph

/// Byte-level versions of the reader's text steps (dropping a separator, finding a short
/// needle), for valid UTF-8. Each gives exactly what the `String`/`Character` code it stands in
/// for gives (`FastPathEquivalenceTests` holds them against it); where bytes cannot
/// decide, they hand over to that code.
enum TextBytes {
    static func string(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: b[range]), as: UTF8.self)
    }

    /// `Piece.dropSeparator(String(decoding: b, as: UTF8.self))` without the `String` steps: trims,
    /// drops a leading separator character, trims again. The separator is a whole character when
    /// the byte after it is ASCII (no ASCII character extends the one before it); otherwise the
    /// `Character` code decides.
    static func droppingSeparator(_ b: UnsafeBufferPointer<UInt8>) -> String {
        var r = UTF8Text.trimmed(b, 0, b.count)
        if r.isEmpty { return "" }
        let (scalar, length) = UTF8Text.scalarStarting(b, at: r.lowerBound)
        switch scalar {
        case ":", "：", "-", "–", "—", ",":
            let after = r.lowerBound + length
            guard after == r.upperBound || b[after] < 0x80 else { return Piece.dropSeparator(string(b, r)) }
            r = UTF8Text.trimmed(b, after, r.upperBound)
        default:
            break
        }
        return string(b, r)
    }

    /// `text.firstRange(of: needle)` for a needle that starts and ends with an ASCII character,
    /// found as bytes (`firstByteMatch`).
    static func firstRange(of needle: StaticString, in text: String) -> Range<String.Index>? {
        guard let found = firstByteMatch(of: needle, in: text) else { return text.firstRange(of: needle.description) }
        guard let start = found else { return nil }
        let lower = text.utf8.index(text.startIndex, offsetBy: start)
        return lower..<text.utf8.index(lower, offsetBy: needle.utf8CodeUnitCount)
    }

    /// `text.contains(needle)` for a needle that starts and ends with an ASCII character, found
    /// as bytes (`firstByteMatch`).
    static func contains(_ needle: StaticString, in text: String) -> Bool {
        guard let found = firstByteMatch(of: needle, in: text) else { return text.contains(needle.description) }
        return found != nil
    }

    /// The byte offset of the first match of `needle` in `text` as characters, `.some(nil)` for
    /// none, or nil when bytes cannot tell. The characters of a needle that starts and ends with
    /// ASCII have no canonical equivalents here, so a character match is a byte match; and a
    /// byte match is a character match when the bytes on either side are ASCII too (no ASCII
    /// character joins its neighbour into one character). A first byte match beside other
    /// bytes is left to the `Character` search.
    private static func firstByteMatch(of needle: StaticString, in text: String) -> Int?? {
        var bytes = text
        let n = needle.utf8CodeUnitCount
        return bytes.withUTF8 { b -> Int?? in
            guard n > 0, b.count >= n, let base = b.baseAddress else { return .some(nil) }
            var i = 0
            while i + n <= b.count, let hit = memchr(base + i, Int32(needle.utf8Start.pointee), b.count - n + 1 - i) {
                i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if memcmp(base + i, needle.utf8Start, n) == 0 {
                    let clear = (i == 0 || b[i - 1] < 0x80) && (i + n == b.count || b[i + n] < 0x80)
                    return clear ? .some(i) : nil
                }
                i += 1
            }
            return .some(nil)
        }
    }
}

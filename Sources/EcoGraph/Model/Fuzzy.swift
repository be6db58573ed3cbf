/// Edit distances for "did you mean …" suggestions.
public enum Fuzzy {
    /// Levenshtein distance on Unicode scalars, case-insensitive, giving up above `limit`.
    public static func distance(_ a: String, _ b: String, limit: Int = .max) -> Int {
        let x = Array(a.lowercased().unicodeScalars), y = Array(b.lowercased().unicodeScalars)
        if abs(x.count - y.count) > limit { return limit + 1 }
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var prev = Array(0...y.count), cur = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            cur[0] = i
            var rowMin = cur[0]
            for j in 1...y.count {
                cur[j] = Swift.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
                rowMin = Swift.min(rowMin, cur[j])
            }
            if rowMin > limit { return limit + 1 }
            swap(&prev, &cur)
        }
        return prev[y.count]
    }

    /// Candidates within `maxDistance`, nearest first, ties by name; at most `limit`.
    public static func closest(_ word: String, among candidates: [String], maxDistance: Int,
                               limit: Int = 3) -> [String] {
        closest(word, among: candidates.map { ($0, $0) }, maxDistance: maxDistance, limit: limit)
    }

    /// Like `closest(_:among:maxDistance:limit:)`, comparing with `key` and answering `name`:
    /// names are also compared without their vendor prefix, so "Kafak" finds "Apache Kafka".
    public static func closest(_ word: String, among candidates: [(key: String, name: String)], maxDistance: Int,
                               limit: Int = 3) -> [String] {
        var scored: [(Int, String)] = []
        for (key, c) in candidates {
            var d = distance(word, key, limit: maxDistance)
            if let bare = NameKey.withoutVendor(NameKey.exact(key)) { d = Swift.min(d, distance(word, bare, limit: maxDistance)) }
            if d <= maxDistance && d > 0 || (d == 0 && c != word) { scored.append((d, c)) }
        }
        scored.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        var seen = Set<String>(), out: [String] = []
        for (_, c) in scored where seen.insert(c).inserted {
            out.append(c)
            if out.count == limit { break }
        }
        return out
    }
}

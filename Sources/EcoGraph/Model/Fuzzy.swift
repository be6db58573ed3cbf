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
        var scored: [(Int, String)] = []
        for c in candidates {
            let d = distance(word, c, limit: maxDistance)
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

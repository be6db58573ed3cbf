/// A seeded pseudo-random generator (SplitMix64, Steele, Lea and Flood 2014) whose every draw
/// is integer arithmetic written here, so the same seed gives the same sequence on every
/// machine and every Swift version. The standard library's `random(in:using:)`,
/// `shuffled(using:)` and `randomElement(using:)` are deliberately not used: their algorithms
/// are not part of any stability promise.
///
/// ```swift
/// var rng = SplitMix64(seed: 1)
/// rng.next()           // 10451216379200822465
/// rng.below(6)         // a die roll, 0…5
/// rng.pick(["a", "b"]) // "a" or "b"
/// ```
public struct SplitMix64 {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<n` (`n > 0`), by the high half of a 128-bit product (Lemire): no
    /// division, and a bias below 2⁻⁴⁰ for the sizes used here.
    public mutating func below(_ n: Int) -> Int {
        precondition(n > 0, "below(\(n))")
        return Int(next().multipliedFullWidth(by: UInt64(n)).high)
    }

    /// A number in `range`.
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// True with probability `perMille`/1000.
    public mutating func chance(perMille: Int) -> Bool { below(1000) < perMille }

    /// One element, uniformly.
    public mutating func pick<C: RandomAccessCollection>(_ items: C) -> C.Element where C.Index == Int {
        items[items.startIndex + below(items.count)]
    }

    /// One element with probability proportional to its weight.
    public mutating func weighted<T>(_ items: [(T, Int)]) -> T {
        var total = 0
        for (_, w) in items { total += w }
        var roll = below(total)
        for (item, w) in items {
            if roll < w { return item }
            roll -= w
        }
        return items[items.count - 1].0
    }
}

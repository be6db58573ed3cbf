@testable import EcoGraphWriters
import Testing

/// The vector scan for an escaper's stop bytes finds the same first stop as a byte-by-byte scan,
/// for sets it vectorises (controls and up to six others) and sets it does not.
@Suite struct VectorStopsTests {
    @Test func firstStopMatchesAPlainScan() {
        var g = FastPathTests.Generator(state: 7)
        let sets: [Set<UInt8>] = [
            Set(0..<0x20).union([0x22, 0x3C, 0x5C, 0xE2]), Set(0..<0x20).union([0x22, 0x26, 0x27, 0x3C, 0x3E, 0xEF]),
            [0x22], [0x00], Set(0..<0x20).union([0x22, 0x26, 0x27, 0x3C, 0x3E, 0x5B, 0x5D]), [],
        ]
        for stops in sets {
            let scanner = VectorStops(stops)
            for _ in 0..<2000 {
                // Mostly plain bytes, a stop now and then, at every offset of the 16-byte steps.
                let bytes = (0..<Int.random(in: 0...70, using: &g)).map { _ -> UInt8 in
                    Int.random(in: 0..<12, using: &g) == 0 ? UInt8.random(in: 0...255, using: &g) : UInt8.random(in: 0x61...0x7A, using: &g)
                }
                let from = Int.random(in: 0...bytes.count, using: &g)
                let expected = bytes[from...].firstIndex(where: stops.contains) ?? bytes.count
                bytes.withUnsafeBufferPointer { p in
                    #expect(scanner.first(in: p.baseAddress ?? UnsafePointer(bitPattern: 1)!, from: from, to: p.count) == expected)
                }
            }
        }
    }
}

@testable import EcoGraphWriters
import Testing

/// Records written on several cores in rounds come out in record order, whole or streamed.
@Suite struct ParallelRecordsTests {
    @Test(arguments: [0, 1, 9_999, 10_000, ParallelRecords.batch * ParallelRecords.ways * 3 + 17])
    func recordsComeOutInOrder(count: Int) {
        let expected = Array((0..<count).map { "\($0)," }.joined().utf8)
        for chunkSize in [Int.max, 1000] {
            var out = OutputBuffer()
            var streamed: [UInt8] = []
            ParallelRecords.write(count: count, into: &out, chunkSize: chunkSize, sink: { streamed += $0 }) { i, piece in
                piece.append("\(i),")
            }
            streamed += out.bytes
            #expect(streamed == expected, "count \(count), chunk size \(chunkSize)")
        }
    }
}

@testable import EcoGraphWriters
import Testing

/// Records written on several cores in rounds come out in record order, whole or streamed.
@Suite struct ParallelRecordsTests {
    @Test(arguments: [0, 1, 9_999, 10_000, ParallelRecords.batch * ParallelRecords.ways * 3 + 17])
    func recordsComeOutInOrder(count: Int) {
        let expected = Array((0..<count).map { "\($0)," }.joined().utf8)
        // 1000: every piece goes to the sink itself; 50,000: some pieces are appended to `out`.
        for chunkSize in [Int.max, 1000, 50_000] {
            var out = OutputBuffer()
            var streamed: [UInt8] = []
            ParallelRecords.write(count: count, into: &out, chunkSize: chunkSize, sink: { streamed += $0 }) { i, piece in
                piece.append("\(i),")
            }
            streamed += out.bytes
            #expect(streamed == expected, "count \(count), chunk size \(chunkSize)")
        }
    }

    /// Records read in place from an array are the array's elements, with their indices.
    @Test(arguments: [0, 9_999, ParallelRecords.batch * ParallelRecords.ways * 2 + 5])
    func recordsInPlaceAreTheArraysElements(count: Int) {
        let records = (0..<count).map { "r\($0)" }
        var out = OutputBuffer()
        ParallelRecords.write(records, into: &out, chunkSize: .max, sink: { _ in }) { record, i, piece in
            piece.append("\(i)=\(record.pointee),")
        }
        #expect(out.bytes == Array(records.indices.map { "\($0)=\(records[$0])," }.joined().utf8))
    }
}

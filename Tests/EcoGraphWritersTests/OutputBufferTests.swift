import EcoGraph
import EcoGraphWriters
import Foundation
import Testing

@Suite("Output buffer escaping")
struct OutputBufferTests {
    @Test func jsonStringsEscapeWhatMustBeEscaped() throws {
        var out = OutputBuffer()
        out.appendJSONString("a\"b\\c\nd\re\tf\u{1}g</script>\u{2028}\u{2029}\u{FFFF}中🚀")
        #expect(String(decoding: out.bytes, as: UTF8.self)
                == #""a\"b\\c\nd\re\tf\u0001g\u003c/script>\u2028\u2029"# + "\u{FFFF}中🚀\"")
        for s in Support.hostileNames {
            var o = OutputBuffer()
            o.appendJSONArray([s])
            let back = try JSONSerialization.jsonObject(with: Data(o.bytes)) as? [String]
            #expect(back == [s], "\(s.debugDescription) reads back")
        }
    }

    @Test func decimalsWithoutStrings() {
        for n in [0, 7, 10, 158, -42, Int.max, Int.min] {
            var out = OutputBuffer()
            out.append(n)
            #expect(String(decoding: out.bytes, as: UTF8.self) == String(n))
        }
    }
}

extension OutputBuffer {
    /// `appendXMLEscaped`, reading the text's bytes where they are: `String.withUTF8` is
    /// mutating, so `appendXMLEscaped` copies (retains and releases) every string it writes.
    @inline(__always)
    mutating func appendXMLEscaped(borrowing s: String) {
        let done: Void? = s.utf8.withContiguousStorageIfAvailable { Self.xml.escape($0, into: &self) }
        if done == nil { appendXMLEscaped(s) }
    }

    /// `s` XML-escaped, then what `between` writes, then `s` again: one look for bytes to
    /// escape, and plain text (most of it) copied twice. A node's name is also its label, and
    /// its first URL its url.
    @inline(__always)
    mutating func appendXMLEscapedTwice(_ s: String, between: (inout OutputBuffer) -> Void) {
        let plain = s.utf8.withContiguousStorageIfAvailable { !Self.xmlSpecial.occurs(in: $0) } ?? false
        for k in 0..<2 {
            if k == 1 { between(&self) }
            if plain { _ = s.utf8.withContiguousStorageIfAvailable { append($0) } } else { appendXMLEscaped(borrowing: s) }
        }
    }

    /// Every byte `OutputBuffer.xml` replaces or drops (C0 controls, `"` `&` `'` `<` `>`, and
    /// 0xEF, the lead byte of U+FFFE and U+FFFF): text without any is written as it is.
    static let xmlSpecial = ByteSet(Array(0...0x1F) + [0x22, 0x26, 0x27, 0x3C, 0x3E, 0xEF])
}

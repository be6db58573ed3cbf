extension OutputBuffer {
    /// `s` XML-escaped, then what `between` writes, then `s` again: one look for bytes to
    /// escape, and plain text (most of it) copied twice. A node's name is also its label, and
    /// its first URL its url.
    @inline(__always)
    mutating func appendXMLEscapedTwice(_ s: String, between: (inout OutputBuffer) -> Void) {
        let plain = s.utf8.withContiguousStorageIfAvailable { !Self.xml.changes($0) } ?? false
        for k in 0..<2 {
            if k == 1 { between(&self) }
            if plain { _ = s.utf8.withContiguousStorageIfAvailable { append($0) } } else { appendXMLEscaped(s) }
        }
    }
}

extension OutputBuffer {
    /// `appendXMLEscaped`, reading the text's bytes where they are: `String.withUTF8` is
    /// mutating, so `appendXMLEscaped` copies (retains and releases) every string it writes.
    @inline(__always)
    mutating func appendXMLEscaped(borrowing s: String) {
        let done: Void? = s.utf8.withContiguousStorageIfAvailable { Self.xml.escape($0, into: &self) }
        if done == nil { appendXMLEscaped(s) }
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces, tabs and line ends. Foundation's
    /// trimmingCharacters(in:) goes through NSString, which showed up in large builds.
    ///
    /// The result is a slice of the text between the first and last non-space scalars, copied
    /// once: rebuilding it scalar by scalar through a `UnicodeScalarView` was 6 % of a
    /// 10,000-entry build's samples (docs/PERFORMANCE.md), on every section and FAQ text.
    public var trimmed: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(self[first..<scalars.index(after: last)])
    }
}

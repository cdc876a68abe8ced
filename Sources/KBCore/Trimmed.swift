extension StringProtocol {
    /// Without leading and trailing spaces, tabs and line ends. Foundation's
    /// trimmingCharacters(in:) goes through NSString, which showed up in large builds.
    public var trimmed: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}

/// The addresses content and configuration may put into a page's links. Each ends up in an
/// `href`, where a `javascript:` or `data:` address would run in the reader's browser.
public enum WebAddress {
    /// `http://` or `https://`, a host, and only characters a URL may hold as written.
    public static func isHTTP(_ text: String) -> Bool {
        let lowered = text.lowercased()
        guard let scheme = ["https://", "http://"].first(where: lowered.hasPrefix) else { return false }
        let rest = lowered.dropFirst(scheme.count)
        guard let first = rest.first, first != "/" else { return false }
        return hasOnlyURLCharacters(text)
    }

    /// A site's base: an `http(s)://` address, or a path from the host's root (`/kb/`).
    public static func isBase(_ text: String) -> Bool {
        isHTTP(text) || (text.hasPrefix("/") && hasOnlyURLCharacters(text))
    }

    /// RFC 3986's characters and `%`, plus any non-ASCII letter (an IRI); no space, quote,
    /// angle bracket or control character, which the HTML validator rejects in an `href`.
    static func hasOnlyURLCharacters(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { scalar in
            if scalar.value > 0x7F { return scalar.properties.isAlphabetic || scalar.properties.numericType != nil }
            if scalar.value <= 0x20 || scalar.value == 0x7F { return false }
            return !"\"<>\\^`{|}".unicodeScalars.contains(scalar)
        }
    }
}

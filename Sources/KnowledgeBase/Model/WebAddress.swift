/// The addresses content and configuration may put into a page's links. Each ends up in an
/// `href`, where a `javascript:` or `data:` address would run in the reader's browser.
public enum WebAddress {
    /// `http://` or `https://`, a host, and no space or control character.
    public static func isHTTP(_ text: String) -> Bool {
        let lowered = text.lowercased()
        guard let scheme = ["https://", "http://"].first(where: lowered.hasPrefix) else { return false }
        let rest = lowered.dropFirst(scheme.count)
        guard let first = rest.first, first != "/" else { return false }
        return text.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value != 0x7F }
    }

    /// A site's base: an `http(s)://` address, or a path from the host's root (`/kb/`).
    public static func isBase(_ text: String) -> Bool {
        isHTTP(text) || (text.hasPrefix("/") && text.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value != 0x7F })
    }
}

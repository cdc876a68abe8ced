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

extension WebAddress {
    /// A short text for a link to an address, for people: no scheme, `www.`, query, fragment or
    /// trailing slash, and GitHub's long paths said the way GitHub says them
    /// (`openai/openai-python issue #2345 (GitHub)`,
    /// `boto/botocore: botocore/exceptions.py at 0e6e240 (GitHub)`).
    /// The link keeps the whole address; this is only what it reads as.
    public static func label(_ url: String) -> String {
        let rest = hostAndPath(url)
        let parts = rest.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 3, parts[0].lowercased() == "github.com" else { return rest }
        let repository = parts[1] + "/" + parts[2]
        guard parts.count >= 5 else { return parts.dropFirst().joined(separator: "/") + " (GitHub)" }
        let kind = parts[3], name = parts[4]
        let text: String
        switch kind {
        case "issues": text = "\(repository) issue #\(name)"
        case "pull": text = "\(repository) pull request #\(name)"
        case "discussions": text = "\(repository) discussion #\(name)"
        case "commit": text = "\(repository) commit \(shortRevision(name))"
        case "blob" where parts.count > 5, "tree" where parts.count > 5:
            text = "\(repository): \(parts.dropFirst(5).joined(separator: "/")) at \(shortRevision(name))"
        default: text = parts.dropFirst().joined(separator: "/")
        }
        return text + " (GitHub)"
    }

    /// The address without its scheme, `www.`, query, fragment or trailing slash
    /// (`status.openai.com`, `docs.example.ai/errors`): what people write when they name a page.
    public static func hostAndPath(_ url: String) -> String {
        var rest = Substring(url)
        for scheme in ["https://", "http://"] where rest.lowercased().hasPrefix(scheme) { rest = rest.dropFirst(scheme.count) }
        if let end = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) { rest = rest[..<end] }
        while rest.hasSuffix("/") { rest = rest.dropLast() }
        if rest.lowercased().hasPrefix("www.") { rest = rest.dropFirst(4) }
        return String(rest)
    }

    /// A commit hash cut to the seven characters git shows; a tag or branch as it is.
    private static func shortRevision(_ revision: String) -> String {
        let isHash = revision.count >= 12 && revision.allSatisfy { $0.isHexDigit }
        return isHash ? String(revision.prefix(7)) : revision
    }
}

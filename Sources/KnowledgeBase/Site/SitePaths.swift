import Markdown
/// Where every page of the site lives. Pages are folders with an `index.html` (pretty URLs), and
/// every link between pages is relative, so the site works under any base path and from disk.
public enum SitePaths {
    /// Top-level folders the site uses for itself; a provider may not take these names.
    public static let reserved: Set<String> = ["assets", "category", "http", "tags", "search"]

    public static func entry(_ id: EntryID) -> String { "\(id.provider.rawValue)/\(id.slug)/" }
    public static func provider(_ id: ProviderID) -> String { "\(id.rawValue)/" }
    public static func category(_ id: Category) -> String { "category/\(id.rawValue)/" }
    public static func http(_ status: HTTPStatus) -> String { "http/\(status.code)/" }
    public static func tag(_ tag: Tag) -> String { "tags/\(tag.rawValue)/" }

    /// The file that serves a page URL (`openai/` → `openai/index.html`).
    public static func file(for url: String) -> String { url.isEmpty || url.hasSuffix("/") ? url + "index.html" : url }

    /// The way from a page back to the site's root: `./` from the home page, `../../` from an entry.
    public static func root(from url: String) -> String {
        let depth = url.split(separator: "/", omittingEmptySubsequences: true).count
        return depth == 0 ? "./" : String(repeating: "../", count: depth)
    }

    /// A slug for heading anchors: lower-case ASCII letters and digits, other runs as one hyphen.
    public static func anchor(_ text: String) -> String {
        var slug = ""
        var pendingHyphen = false
        for scalar in text.unicodeScalars {
            let value = scalar.value
            let lowered = (65...90).contains(value) ? value + 32 : value
            if (97...122).contains(lowered) || (48...57).contains(lowered) {
                if pendingHyphen && !slug.isEmpty { slug.append("-") }
                slug.unicodeScalars.append(Unicode.Scalar(lowered)!)
                pendingHyphen = false
            } else {
                pendingHyphen = true
            }
        }
        return slug.isEmpty ? "section" : slug
    }
}

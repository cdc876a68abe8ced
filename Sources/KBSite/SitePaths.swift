/// The two path rules pages share: the way back to the root, and heading anchors. Where each
/// page lives is `SitePage.url`.
enum SitePaths {
    /// The way from a page back to the site's root: `./` from the home page, `../../` from an
    /// entry. Every link between pages is relative, so the site works under any base path and
    /// from disk.
    static func root(from url: String) -> String {
        let depth = url.split(separator: "/", omittingEmptySubsequences: true).count
        return depth == 0 ? "./" : String(repeating: "../", count: depth)
    }

    /// A slug for heading anchors: lower-case ASCII letters and digits, other runs as one hyphen.
    static func anchor(_ text: String) -> String {
        var slug = ""
        var pendingHyphen = false
        for scalar in text.unicodeScalars {
            let value = scalar.value
            let lowered = (65...90).contains(value) ? value + 32 : value
            if (97...122).contains(lowered) || (48...57).contains(lowered) {
                if pendingHyphen && !slug.isEmpty { slug.append("-") }
                slug.unicodeScalars.append(Unicode.Scalar(UInt8(lowered)))
                pendingHyphen = false
            } else {
                pendingHyphen = true
            }
        }
        return slug.isEmpty ? "section" : slug
    }
}

/// What a page of the site may contain whatever the content says: only the elements the
/// templates and cmark's safe renderer write, no event-handler attributes, no script other than
/// the two the templates place, no link to a `javascript:`, `vbscript:` or `file:` URL, and no
/// `<` inside the JSON-LD blocks. Returns the first breach, or nil.
public func markupBreach(in html: [UInt8]) -> String? {
    var index = 0
    func byte(_ at: Int) -> UInt8 { at < html.count ? html[at] : 0 }
    func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
    while index < html.count {
        guard html[index] == UInt8(ascii: "<") else { index += 1; continue }
        let start = index
        if byte(index + 1) == UInt8(ascii: "!") {
            // A comment (`<!-- raw HTML omitted -->`) or the doctype: skip to its end.
            let close: [UInt8] = byte(index + 2) == UInt8(ascii: "-") ? Array("-->".utf8) : Array(">".utf8)
            guard let end = find(close, in: html, from: index + 2) else { return "unclosed comment at byte \(start)" }
            index = end + close.count
            continue
        }
        var cursor = index + 1
        if byte(cursor) == UInt8(ascii: "/") { cursor += 1 }
        guard isLetter(byte(cursor)) else { return "bare '<' at byte \(start)" }
        var name: [UInt8] = []
        while isLetter(byte(cursor)) || (byte(cursor) >= 0x30 && byte(cursor) <= 0x39) { name.append(byte(cursor) | 0x20); cursor += 1 }
        let tagName = String(decoding: name, as: UTF8.self)
        guard allowedElements.contains(tagName) else { return "element <\(tagName)> at byte \(start)" }
        // Attributes up to the closing `>`, with quoted values skipped as a browser would.
        var attributes: [(String, String)] = []
        while cursor < html.count, html[cursor] != UInt8(ascii: ">") {
            if html[cursor] == 0x20 || html[cursor] == 0x0A || html[cursor] == 0x2F { cursor += 1; continue }
            var attribute: [UInt8] = []
            while cursor < html.count, ![0x20, 0x0A, 0x3D, 0x3E].contains(html[cursor]) { attribute.append(html[cursor] | 0x20); cursor += 1 }
            var value: [UInt8] = []
            if byte(cursor) == UInt8(ascii: "=") {
                cursor += 1
                let quote = byte(cursor)
                guard quote == UInt8(ascii: "\"") else { return "unquoted attribute value at byte \(cursor)" }
                cursor += 1
                while cursor < html.count, html[cursor] != quote { value.append(html[cursor]); cursor += 1 }
                cursor += 1
            }
            attributes.append((String(decoding: attribute, as: UTF8.self), String(decoding: value, as: UTF8.self)))
        }
        for (attribute, value) in attributes {
            if attribute.hasPrefix("on") { return "event handler \(attribute)= at byte \(start)" }
            if attribute == "href" || attribute == "src" || attribute == "action" {
                let scheme = value.lowercased().filter { !$0.isWhitespace }
                for dangerous in ["javascript:", "vbscript:", "file:"] where scheme.hasPrefix(dangerous) {
                    return "\(attribute)=\"\(value)\" at byte \(start)"
                }
                if scheme.hasPrefix("data:") && !(attribute == "src" && ["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"].contains { scheme.hasPrefix($0) }) {
                    return "\(attribute)=\"\(value)\" at byte \(start)"
                }
            }
        }
        if tagName == "script", byte(index + 1) != UInt8(ascii: "/") {
            let names = attributes.map(\.0)
            let isJSONLD = names == ["type"] && attributes[0].1 == "application/ld+json"
            let isSearch = names == ["src", "defer"] && attributes[0].1.hasSuffix("assets/search.js")
            guard isJSONLD || isSearch else { return "script element \(attributes) at byte \(start)" }
            guard let end = find(Array("</script>".utf8), in: html, from: cursor) else { return "unclosed script at byte \(start)" }
            if html[cursor..<end].contains(UInt8(ascii: "<")) { return "'<' inside a script at byte \(start)" }
            index = end + 9
            continue
        }
        index = cursor + 1
    }
    return nil
}

private func find(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
    guard needle.count <= haystack.count, from <= haystack.count - needle.count else { return nil }
    var index = from
    while index <= haystack.count - needle.count {
        if haystack[index] == needle[0], haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
        index += 1
    }
    return nil
}

/// The templates' elements and those cmark writes without `CMARK_OPT_UNSAFE`.
private let allowedElements: Set<String> = [
    "html", "head", "base", "meta", "title", "link", "script", "noscript", "body", "header", "nav", "main", "article", "section",
    "aside", "footer", "div", "span", "form", "label", "input", "textarea", "button", "output", "details", "summary",
    "time", "dl", "dt", "dd", "small", "svg", "path",
    "a", "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "pre", "code", "em", "strong",
    "img", "hr", "br",
]

import Markdown
import Foundation

/// JSON-LD for entry pages: a `TechArticle`, a `FAQPage` from the FAQ section, and a
/// `BreadcrumbList`. Keys sorted and `<`, `>` and `&` escaped, so the bytes are stable and no value
/// can end the script element.
enum StructuredData {
    static func entry(_ entry: Entry, renderer: PageRenderer) -> [String] {
        let url = SitePaths.entry(entry.id)
        let page = renderer.hasAbsoluteBase ? renderer.absolute(url) : url
        var article: [String: Any] = [
            "@context": "https://schema.org", "@type": "TechArticle", "headline": entry.title,
            "description": entry.summary, "url": page,
            "about": renderer.providerName(entry.provider),
        ]
        if let updated = entry.updated { article["dateModified"] = updated.description }
        var blocks = [article]
        if !entry.faq.isEmpty {
            blocks.append([
                "@context": "https://schema.org", "@type": "FAQPage",
                "mainEntity": entry.faq.map { item in
                    ["@type": "Question", "name": item.question, "acceptedAnswer": ["@type": "Answer", "text": item.answerText]] as [String: Any]
                },
            ])
        }
        let crumbs: [(String, String)] = [
            ("Home", ""), (renderer.providerName(entry.provider), SitePaths.provider(entry.provider)), (entry.title, url),
        ]
        blocks.append([
            "@context": "https://schema.org", "@type": "BreadcrumbList",
            "itemListElement": crumbs.enumerated().map { position, crumb in
                ["@type": "ListItem", "position": position + 1, "name": crumb.0, "item": renderer.hasAbsoluteBase ? renderer.absolute(crumb.1) : crumb.1] as [String: Any]
            },
        ])
        return blocks.map(encode)
    }

    /// A small writer for the few shapes used here; Foundation's JSONSerialization was a sixth
    /// of a large build's time.
    static func encode(_ object: [String: Any]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        write(object, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func write(_ value: Any, to out: inout [UInt8]) {
        switch value {
        case let string as String:
            out.append(0x22)
            for byte in string.utf8 {
                switch byte {
                case 0x22: out += [0x5C, 0x22]
                case 0x5C: out += [0x5C, 0x5C]
                case 0x0A: out += [0x5C, 0x6E]
                case 0x0D: out += [0x5C, 0x72]
                case 0x09: out += [0x5C, 0x74]
                // `<`, `>` and `&` as \u escapes, so no value can close the script element.
                case 0x3C, 0x3E, 0x26, 0x00..<0x20:
                    out += [0x5C, 0x75, 0x30, 0x30, hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0xF)]]
                default: out.append(byte)
                }
            }
            out.append(0x22)
        case let number as Int:
            out += Array(String(number).utf8)
        case let array as [Any]:
            out.append(0x5B)
            for (index, element) in array.enumerated() {
                if index > 0 { out.append(0x2C) }
                write(element, to: &out)
            }
            out.append(0x5D)
        case let object as [String: Any]:
            out.append(0x7B)
            for (index, key) in object.keys.sorted().enumerated() {
                if index > 0 { out.append(0x2C) }
                write(key, to: &out)
                out.append(0x3A)
                write(object[key]!, to: &out)
            }
            out.append(0x7D)
        default:
            out += Array("null".utf8)
        }
    }
}

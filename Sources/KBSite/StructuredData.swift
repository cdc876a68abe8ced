import KBCore

/// JSON-LD for entry pages: a `TechArticle`, a `FAQPage` from the FAQ section, and a
/// `BreadcrumbList`. Keys sorted and `<`, `>` and `&` escaped, so the bytes are stable and no value
/// can end the script element.
enum StructuredData {
    /// The JSON values the blocks are made of; objects are written with their keys sorted.
    enum Value {
        case string(String)
        case int(Int)
        case array([Value])
        case object([String: Value])
    }

    static func entry(_ entry: Entry, renderer: PageRenderer) -> [String] {
        let url = SitePage.entry(entry.id).url
        func address(_ url: String) -> Value { .string(renderer.hasAbsoluteBase ? renderer.absolute(url) : url) }
        var article: [String: Value] = [
            "@context": .string("https://schema.org"), "@type": .string("TechArticle"), "headline": .string(entry.title),
            "description": .string(entry.summary), "url": address(url),
            "about": .string(renderer.providerName(entry.provider)),
        ]
        if let updated = entry.updated { article["dateModified"] = .string(updated.description) }
        // The pages the entry was checked against: schema.org's `citation` takes their addresses.
        if !entry.sources.isEmpty { article["citation"] = .array(entry.sources.map { .string($0) }) }
        var blocks = [article]
        if !entry.faq.isEmpty {
            blocks.append([
                "@context": .string("https://schema.org"), "@type": .string("FAQPage"),
                "mainEntity": .array(entry.faq.map { item in
                    .object(["@type": .string("Question"), "name": .string(item.question), "acceptedAnswer": .object(["@type": .string("Answer"), "text": .string(item.answerText)])])
                }),
            ])
        }
        let crumbs: [(String, String)] = [
            ("Home", ""), (renderer.providerName(entry.provider), SitePage.provider(entry.provider).url), (entry.title, url),
        ]
        blocks.append([
            "@context": .string("https://schema.org"), "@type": .string("BreadcrumbList"),
            "itemListElement": .array(crumbs.enumerated().map { position, crumb in
                .object(["@type": .string("ListItem"), "position": .int(position + 1), "name": .string(crumb.0), "item": address(crumb.1)])
            }),
        ])
        return blocks.map { encode(.object($0)) }
    }

    /// A small writer for the few shapes used here; Foundation's JSONSerialization was a sixth
    /// of a large build's time.
    static func encode(_ value: Value) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        write(value, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func write(_ value: Value, to out: inout [UInt8]) {
        switch value {
        case .string(let string):
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
        case .int(let number):
            out += Array(String(number).utf8)
        case .array(let array):
            out.append(0x5B)
            for (index, element) in array.enumerated() {
                if index > 0 { out.append(0x2C) }
                write(element, to: &out)
            }
            out.append(0x5D)
        case .object(let object):
            out.append(0x7B)
            for (index, (key, element)) in object.sorted(by: { $0.key < $1.key }).enumerated() {
                if index > 0 { out.append(0x2C) }
                write(.string(key), to: &out)
                out.append(0x3A)
                write(element, to: &out)
            }
            out.append(0x7D)
        }
    }
}

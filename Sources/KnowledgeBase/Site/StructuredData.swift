import Markdown
import Foundation

/// JSON-LD for entry pages: a `TechArticle`, a `FAQPage` from the FAQ section, and a
/// `BreadcrumbList`. Keys sorted and `<` escaped, so the bytes are stable and no value can end
/// the script element.
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

    static func encode(_ object: [String: Any]) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return "{}" }
        return String(decoding: data, as: UTF8.self).replacingOccurrences(of: "<", with: "\\u003c")
    }
}

import KBCore
/// The machine-readable files of the site: `sitemap.xml`, the Atom feed, `robots.txt`.
enum Feeds {
    /// Every page the catalogue lists in the sitemap, with the day it last changed where one is
    /// known: home first, providers, entries, then the lists.
    static func sitemap(_ renderer: PageRenderer) -> String {
        let graph = renderer.graph
        let pages = SitePage.all(in: graph).filter(\.isInSitemap)
        func lastChange(_ page: SitePage) -> Day? {
            switch page {
            case .home: graph.entries.compactMap(\.updated).max()
            case .provider(let id): graph.entries(of: id).compactMap(\.updated).max()
            case .entry(let id): graph.entry(id)?.updated
            default: nil
            }
        }
        func order(_ page: SitePage) -> Int {
            switch page {
            case .home: 0
            case .provider: 1
            case .entry: 2
            default: 3
            }
        }
        // Sorting is stable: within a kind, the catalogue's order.
        let urls = pages.enumerated().sorted { (order($0.element), $0.offset) < (order($1.element), $1.offset) }.map { ($0.element.url, lastChange($0.element)) }
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for (url, day) in urls {
            xml += "<url><loc>\(escape(renderer.absolute(url)))</loc>\(day.map { "<lastmod>\($0)</lastmod>" } ?? "")</url>\n"
        }
        return xml + "</urlset>\n"
    }

    /// The newest entries; dates come from front-matter or git, never from the clock, so two builds
    /// of one commit are identical.
    static func atom(_ renderer: PageRenderer) -> String {
        let graph = renderer.graph
        let entries = graph.newestEntries(50)
        let newest = graph.entries.compactMap(\.updated).max()
        func stamp(_ day: Day?) -> String { "\((day ?? newest)?.description ?? "1970-01-01")T00:00:00Z" }
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
        xml += "<title>\(escape(graph.configuration.title))</title>\n"
        xml += "<id>\(escape(renderer.absolute("")))</id>\n"
        xml += "<link href=\"\(escape(renderer.absolute("")))\"/>\n"
        xml += "<link rel=\"self\" href=\"\(escape(renderer.absolute("feed.xml")))\"/>\n"
        xml += "<updated>\(stamp(newest))</updated>\n"
        xml += "<author><name>\(escape(graph.configuration.title))</name></author>\n"
        for entry in entries {
            let url = renderer.absolute(SitePage.entry(entry.id).url)
            xml += "<entry><title>\(escape(entry.title))</title><id>\(escape(url))</id><link href=\"\(escape(url))\"/>"
            xml += "<updated>\(stamp(entry.updated))</updated><summary>\(escape(entry.summary))</summary></entry>\n"
        }
        return xml + "</feed>\n"
    }

    static func robots(_ renderer: PageRenderer) -> String {
        var text = "User-agent: *\nAllow: /\n"
        if renderer.hasAbsoluteBase { text += "Sitemap: \(renderer.absolute("sitemap.xml"))\n" }
        return text
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default:
                // XML 1.0 has no place for most control characters; drop them rather than break the feed.
                if let scalar = character.unicodeScalars.first, scalar.value < 0x20, scalar != "\n", scalar != "\t" { continue }
                out.append(character)
            }
        }
        return out
    }
}

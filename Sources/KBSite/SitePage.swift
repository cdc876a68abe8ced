public import KBCore

/// Every page kind of the site, declared once: where each is written, which template renders
/// it, whether the sitemap lists it, and which pages an edit to an entry shows on. The build,
/// `kb serve`'s incremental updates, the sitemap and the link checker all read this catalogue,
/// so a new kind of page is one new case here and its model in `PageRenderer`.
public enum SitePage: Hashable, Sendable {
    /// The home page: the paste box, providers, categories.
    case home
    /// One entry.
    case entry(EntryID)
    /// One provider and its entries by category.
    case provider(ProviderID)
    /// One category's entries across providers.
    case category(Category)
    /// The entries that come with one HTTP status.
    case http(HTTPStatus)
    /// The entries with one tag.
    case tag(Tag)
    /// The page hosts serve for a missing address.
    case notFound
    /// `sitemap.xml`.
    case sitemap
    /// `feed.xml`, the Atom feed of the newest entries.
    case feed
    /// `robots.txt`.
    case robots

    /// The templates each HTML page kind is rendered with.
    public enum Template: String, Sendable, CaseIterable {
        case home, entry, provider, list
        case notFound = "404"
        /// The layout every page inherits.
        case base
    }

    /// The page's address relative to the site's root (`openai/rate-limit/`, `feed.xml`); the
    /// home page's is empty. Pages are folders with an `index.html`, so addresses look clean.
    public var url: String {
        switch self {
        case .home: ""
        case .entry(let id): "\(id.provider.rawValue)/\(id.slug)/"
        case .provider(let id): "\(id.rawValue)/"
        case .category(let id): "category/\(id.rawValue)/"
        case .http(let status): "http/\(status.code)/"
        case .tag(let tag): "tags/\(tag.rawValue)/"
        case .notFound: "404.html"
        case .sitemap: "sitemap.xml"
        case .feed: "feed.xml"
        case .robots: "robots.txt"
        }
    }

    /// The file the page is written to, relative to the site's root.
    public var file: String { url.isEmpty || url.hasSuffix("/") ? url + "index.html" : url }

    /// The template an HTML page is rendered with; nil for the feeds, sitemap and robots.txt.
    public var template: Template? {
        switch self {
        case .home: .home
        case .entry: .entry
        case .provider: .provider
        case .category, .http, .tag: .list
        case .notFound: .notFound
        case .sitemap, .feed, .robots: nil
        }
    }

    /// Whether the sitemap lists the page.
    public var isInSitemap: Bool {
        switch self {
        case .home, .entry, .provider, .category, .http, .tag: true
        case .notFound, .sitemap, .feed, .robots: false
        }
    }

    /// Pages that list every entry, which `kb serve` brings up to date just after the pages an
    /// edit shows on (they cost far more than those and nobody reads them while writing).
    public var listsEveryEntry: Bool { self == .sitemap || self == .feed }

    /// Top-level folders the site uses for itself; a provider may not take these names.
    public static let reservedFolders: Set<String> = ["assets", "category", "http", "tags", "search"]

    /// Every page of a graph's site, home first, then entries, providers, categories, statuses
    /// and tags in the graph's order, then the 404 page, sitemap, feed and robots.txt.
    public static func all(in graph: KnowledgeGraph) -> [SitePage] {
        [.home] + graph.entries.map { .entry($0.id) } + graph.providers.map { .provider($0.id) }
            + graph.usedCategories.map(SitePage.category) + graph.httpStatuses.map(SitePage.http)
            + pagedTags(graph).map(SitePage.tag) + [.notFound, .sitemap, .feed, .robots]
    }

    /// The tags that get a page: only those that can be a folder as written (others are
    /// reported when the entry is checked).
    static func pagedTags(_ graph: KnowledgeGraph) -> [Tag] {
        graph.tags.filter { IdentifierSyntax.isValid($0.rawValue) }
    }

    /// The pages a change to these entries shows on, in the new graph: their own pages, the
    /// pages of entries that link to them or that they link to (those show their titles), the
    /// lists they are or were in, the home page, and the sitemap and feed. Empty when none of the
    /// entries differs between the two graphs.
    public static func showing(changesTo changed: Set<EntryID>, old: KnowledgeGraph, new: KnowledgeGraph) -> [SitePage] {
        let changed = changed.filter { old.entry($0) != new.entry($0) }
        guard !changed.isEmpty else { return [] }
        var entries = changed
        var providers = Set<ProviderID>(), categories = Set<Category>(), statuses = Set<HTTPStatus>(), tags = Set<Tag>()
        for id in changed {
            for graph in [old, new] {
                entries.formUnion(graph.related(to: id))
                entries.formUnion(graph.referencedBy(id))
                guard let entry = graph.entry(id) else { continue }
                providers.insert(entry.provider)
                categories.insert(entry.category)
                statuses.formUnion(entry.http)
                tags.formUnion(entry.tags)
            }
        }
        // Only pages that still exist; the others are removed by comparing page sets.
        return [.home]
            + entries.sorted().filter { new.entry($0) != nil }.map(SitePage.entry)
            + providers.sorted().filter { new.provider($0) != nil }.map(SitePage.provider)
            + new.usedCategories.filter(categories.contains).map(SitePage.category)
            + new.httpStatuses.filter(statuses.contains).map(SitePage.http)
            + pagedTags(new).filter(tags.contains).map(SitePage.tag)
            + [.sitemap, .feed]
    }
}

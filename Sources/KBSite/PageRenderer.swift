import Foundation
import KBContent
import KBCore
import KBMarkdown
import KBSearch

/// How a site is built: where it will be published and where its content sits in the repository.
public struct SiteOptions: Sendable, Equatable {
    /// Where the site is published (`https://example.org/kb/`); absolute URLs in the sitemap,
    /// the feed and structured data start with it. Nil: the configuration's `base_url`.
    public var baseURL: String?
    /// The content folder's path inside the repository, for "edit this page" links.
    public var contentPath: String

    /// Options; the defaults take `base_url` from kb.yml and assume `Content/`.
    public init(baseURL: String? = nil, contentPath: String = "Content") {
        self.baseURL = baseURL
        self.contentPath = contentPath
    }
}

/// One rendered file of the site.
struct RenderedFile: Sendable {
    var path: String
    var bytes: [UInt8]
}

/// Where a page is rendered: a `SitePage` of a graph, with the templates, into its file's bytes.
/// Pure and deterministic: the same graph and templates give the same bytes, in any order of
/// work, on any thread.
struct PageRenderer: Sendable {
    let graph: KnowledgeGraph
    let templates: TemplateSet
    let options: SiteOptions
    let baseURL: String
    let links: EntryLinks
    let site: SiteView


    init(graph: KnowledgeGraph, templates: TemplateSet, options: SiteOptions) {
        self.graph = graph
        self.templates = templates
        self.options = options
        var base = options.baseURL ?? graph.configuration.baseURL
        if !base.hasSuffix("/") { base += "/" }
        self.baseURL = base
        self.links = EntryLinks(graph: graph)
        self.site = SiteView(title: graph.configuration.title, repository: graph.configuration.repositoryURL)
    }

    /// Whether absolute URLs can be made: the sitemap, the feed and canonical links need them.
    var hasAbsoluteBase: Bool { baseURL.hasPrefix("https://") || baseURL.hasPrefix("http://") }

    func absolute(_ url: String) -> String { baseURL + url }

    /// The problems a build reports that are not about one page: reserved provider names, a base
    /// URL that cannot make absolute links.
    var siteDiagnostics: [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for provider in graph.providers where SitePage.reservedFolders.contains(provider.id.rawValue) {
            diagnostics.append(.reservedProviderID(provider.id, path: provider.source.displayPath))
        }
        if !hasAbsoluteBase { diagnostics.append(.relativeBaseURL(baseURL)) }
        return diagnostics
    }

    /// Every broken link of every entry. Broken links are found by the pages that hold them, and
    /// an edit can break a link in a page it does not touch (by removing the entry or section it
    /// points to), so `kb serve` checks them all on every change; that costs far less than
    /// rendering.
    var linkDiagnostics: [Diagnostic] { graph.entries.flatMap(links.check) }

    /// A page's file.
    func render(_ page: SitePage) -> RenderedFile {
        let text: String
        switch page {
        case .home: text = templates.render(homePage(), with: .home)
        case .entry(let id): text = graph.entry(id).map { templates.render(entryPage($0), with: .entry) } ?? ""
        case .provider(let id): text = graph.provider(id).map { templates.render(providerPage($0), with: .provider) } ?? ""
        case .category(let category):
            let info = graph.configuration.category(category)
            text = templates.render(listPage(page, heading: info?.name ?? category.rawValue, lead: info?.description, entries: graph.entries(in: category)), with: .list)
        case .http(let status):
            text = templates.render(listPage(page, heading: HTTPReason.heading(status), lead: "Errors that come with HTTP status \(status.code), across providers.", entries: graph.entries(withHTTP: status)), with: .list)
        case .tag(let tag):
            text = templates.render(listPage(page, heading: "Tagged \(tag.rawValue)", lead: nil, entries: graph.entries(taggedWith: tag)), with: .list)
        case .notFound: text = templates.render(notFoundPage(), with: .notFound)
        case .sitemap: text = Feeds.sitemap(self)
        case .feed: text = Feeds.atom(self)
        case .robots: text = Feeds.robots(self)
        }
        return RenderedFile(path: page.file, bytes: Array(text.utf8))
    }

    /// The files that are not pages: the templates' assets as they are, and the search index
    /// with its copy wrapped in a script for pages opened from disk.
    func assetFiles() -> [RenderedFile] {
        templates.assets.map { RenderedFile(path: "assets/\($0.path)", bytes: $0.bytes) }
    }

    /// The site's search index in shards (`ShardedIndex`), under `search/`: what the page's
    /// search fetches piece by piece, and the whole index for `kb update`.
    func searchIndexFiles() -> [RenderedFile] {
        ShardedIndex.files(searchIndex()).files.map { RenderedFile(path: "search/" + $0.path, bytes: $0.bytes) }
    }

    /// The same files, each record handed to `put` as it is made and the others at the end
    /// (the manifest last): a whole build writes them so, without holding every record.
    /// Returns the paths written.
    func writeSearchIndex(_ put: (RenderedFile) -> Void) -> [String] {
        var paths: [String] = []
        let (_, files) = ShardedIndex.files(searchIndex()) { record in
            paths.append("search/" + record.path)
            put(RenderedFile(path: "search/" + record.path, bytes: record.bytes))
        }
        for file in files {
            paths.append("search/" + file.path)
            put(RenderedFile(path: "search/" + file.path, bytes: file.bytes))
        }
        return paths
    }

    private func searchIndex() -> SearchIndex {
        let contentPath = options.contentPath
        return SearchIndexBuilder.build(graph, fingerprint: "site") { entry in "\(contentPath)/\(entry.source.relativePath)" }
    }

    // MARK: Shared pieces

    func frame(_ page: SitePage, description: String) -> PageFrame {
        PageFrame(site: site, root: SitePaths.root(from: page.url), description: description, canonical: hasAbsoluteBase ? absolute(page.url) : nil)
    }

    func card(_ entry: Entry, root: String) -> EntryCard {
        EntryCard(
            title: entry.title, url: root + SitePage.entry(entry.id).url,
            providerName: providerName(entry.provider),
            categoryName: categoryName(entry.category),
            http: entry.http.map { CodeLink(code: $0.code, url: root + SitePage.http($0).url) },
            summary: entry.summary
        )
    }

    func categoryName(_ category: Category) -> String { graph.configuration.category(category)?.name ?? category.rawValue }

    func providerName(_ id: ProviderID) -> String { graph.provider(id)?.name ?? id.rawValue }

    // MARK: Pages

    func homePage() -> HomePage {
        let root = "./"
        let recent = graph.newestEntries(10).filter { $0.updated != nil }.map { card($0, root: root) }
        func link(_ provider: Provider) -> CountedLink {
            CountedLink(name: provider.name, url: root + SitePage.provider(provider.id).url, entryCount: graph.entryCount(of: provider.id))
        }
        return HomePage(
            frame: frame(.home, description: "Paste an error from an LLM API, SDK or gateway and get its causes and fixes. \(graph.entries.count) entries, searchable offline."),
            entryCount: graph.entries.count,
            providers: graph.providers.map(link),
            providerGroups: Provider.Kind.allCases.compactMap { kind in
                let members = graph.providers.filter { $0.kind == kind }
                return members.isEmpty ? nil : ProviderGroup(kind: kind, providers: members.map(link))
            },
            categories: graph.usedCategories.map { CountedLink(name: categoryName($0), url: root + SitePage.category($0).url, entryCount: graph.entryCount(in: $0)) },
            statuses: graph.httpStatuses.map { CodeLink(code: $0.code, url: root + SitePage.http($0).url) },
            recent: EntryList(entries: recent)
        )
    }

    /// The entry's body rendered by cmark, its links to other entries rewritten on the tree
    /// first, then sliced into sections the same way the content was read.
    static func renderBody(_ entry: Entry) -> EntryBodyReader.HTML {
        let provider = entry.provider
        let rendering = MarkdownParser.HTMLRendering { EntryLinks.href(for: $0, from: provider) }
        let document = MarkdownParser.parse(entry.body.text, lineOffset: entry.body.lineOffset, html: rendering)
        return EntryBodyReader.read(document, path: entry.source.displayPath, bodyStart: .start).html
    }

    func entryPage(_ entry: Entry) -> EntryPage {
        let page = SitePage.entry(entry.id)
        let root = SitePaths.root(from: page.url)
        let html = Self.renderBody(entry)
        let anchors = EntryAnchors(entry)
        var questions = zip(entry.faq, zip(anchors.questions, html.answers)).makeIterator()
        var sections: [SectionView] = []
        for ((section, anchor), sectionHTML) in zip(zip(entry.sections, anchors.sections), html.sections) {
            switch section.kind {
            case .causes:
                sections.append(SectionView(title: section.title, anchor: anchor, kind: .causes, causes: html.causes.map(HTMLItem.init)))
            case .fixes:
                sections.append(SectionView(title: section.title, anchor: anchor, kind: .fixes, fixes: html.fixes.map(HTMLItem.init), statusStep: statusStep(entry)))
            case .faq:
                var views: [QuestionView] = []
                while let (item, (questionAnchor, answer)) = questions.next() {
                    views.append(QuestionView(question: item.question, anchor: questionAnchor, answerHTML: answer))
                }
                sections.append(SectionView(title: section.title, anchor: anchor, kind: .faq, questions: views))
            case .other:
                sections.append(SectionView(title: section.title, anchor: anchor, kind: .other, html: sectionHTML))
            }
        }
        let provider = providerName(entry.provider)
        let related = graph.related(to: entry.id).compactMap(graph.entry).map { card($0, root: root) }
        let referencedBy = graph.referencedBy(entry.id).filter { !graph.related(to: entry.id).contains($0) }.compactMap(graph.entry).map { card($0, root: root) }
        return EntryPage(
            frame: frame(page, description: entry.summary),
            id: entry.id.rawValue, title: entry.title,
            providerName: provider, providerURL: root + SitePage.provider(entry.provider).url,
            categoryName: categoryName(entry.category), categoryURL: root + SitePage.category(entry.category).url,
            http: entry.http.map { CodeLink(code: $0.code, url: root + SitePage.http($0).url) },
            updated: entry.updated?.description,
            verified: entry.verified?.description,
            signatures: entry.signatures.map(\.text),
            introHTML: html.intro,
            sections: sections,
            sources: entry.sources.map { ExternalLink(url: $0) },
            related: related.isEmpty ? nil : EntryList(entries: related),
            referencedBy: referencedBy.isEmpty ? nil : EntryList(entries: referencedBy),
            editURL: editURL(entry),
            breadcrumbs: [
                Crumb(name: "Home", url: root),
                Crumb(name: provider, url: root + SitePage.provider(entry.provider).url),
                Crumb(name: entry.title, url: nil),
            ],
            structuredData: StructuredData.entry(entry, renderer: self)
        )
    }

    /// The "is it them or you?" step of a server or timeout entry whose provider has a status
    /// page (`StatusPageStep`), as the `kb search` and `kb show` fixes start with it too.
    func statusStep(_ entry: Entry) -> ExternalLink? {
        let provider = graph.provider(entry.provider)
        let name = providerName(entry.provider)
        return StatusPageStep.step(category: entry.category.rawValue, providerName: name, status: provider?.status, fixes: entry.fixes.map(\.text))
            .map { ExternalLink(url: $0.url, providerName: $0.providerName) }
    }

    func editURL(_ entry: Entry) -> String? {
        guard var repository = graph.configuration.repositoryURL, !repository.isEmpty else { return nil }
        while repository.hasSuffix("/") { repository.removeLast() }
        return "\(repository)/edit/\(graph.configuration.branch)/\(options.contentPath)/\(entry.source.relativePath)"
    }

    func providerPage(_ provider: Provider) -> ProviderPage {
        let page = SitePage.provider(provider.id)
        let root = SitePaths.root(from: page.url)
        let entries = graph.entries(of: provider.id)
        let description = MarkdownParser.parse(provider.description.text, lineOffset: provider.description.lineOffset, html: MarkdownParser.HTMLRendering())
        return ProviderPage(
            frame: frame(page, description: "Errors of \(provider.name): causes and fixes."),
            name: provider.name,
            descriptionHTML: description.html,
            website: provider.website,
            status: provider.status.map { ExternalLink(url: $0) },
            kindName: provider.kind.name,
            endpoints: provider.endpoints.map { EndpointView(label: $0.label, url: $0.url) },
            env: provider.env,
            keyPrefixes: provider.keyPrefixes,
            groups: graph.configuration.categories.compactMap { category -> EntryGroup? in
                let members = entries.filter { $0.category == category.id }
                guard !members.isEmpty else { return nil }
                return EntryGroup(name: category.name, anchor: category.id.rawValue, url: root + SitePage.category(category.id).url, entries: members.map { card($0, root: root) })
            },
            breadcrumbs: [Crumb(name: "Home", url: root), Crumb(name: provider.name, url: nil)]
        )
    }

    /// A list page (category, HTTP status, tag): its entries grouped by provider.
    func listPage(_ page: SitePage, heading: String, lead: String?, entries: [Entry]) -> ListPage {
        let root = SitePaths.root(from: page.url)
        // One pass over the entries, not one per provider: a category page of 100,000 entries
        // and 1,000 providers compared a hundred million providers otherwise.
        var byProvider: [ProviderID: [Entry]] = [:]
        for entry in entries { byProvider[entry.provider, default: []].append(entry) }
        return ListPage(
            frame: frame(page, description: lead ?? heading),
            heading: heading, lead: lead,
            groups: graph.providers.compactMap { provider -> EntryGroup? in
                guard let members = byProvider[provider.id], !members.isEmpty else { return nil }
                return EntryGroup(name: provider.name, anchor: provider.id.rawValue, url: root + SitePage.provider(provider.id).url, entries: members.map { card($0, root: root) })
            },
            breadcrumbs: [Crumb(name: "Home", url: root), Crumb(name: heading, url: nil)]
        )
    }

    /// The 404 page is served at any depth, so its links start from the site's base path.
    func notFoundPage() -> NotFoundPage {
        var basePath = baseURL
        if let schemeEnd = basePath.range(of: "://") {
            let rest = basePath[schemeEnd.upperBound...]
            basePath = rest.firstIndex(of: "/").map { String(rest[$0...]) } ?? "/"
        }
        return NotFoundPage(frame: PageFrame(site: site, root: basePath, description: "Page not found.", canonical: nil))
    }
}

import Markdown
import Foundation

/// Where a page is rendered. Turns the knowledge graph into the files of the static site, in
/// memory: the caller writes them (`SiteWriter`) only when the build has no errors. Pure and
/// deterministic: the same graph and templates give the same bytes, in any order of work.
public enum SiteBuilder {
    public struct Options: Sendable {
        /// Where the site is published (`https://example.org/kb/`); absolute URLs in the sitemap,
        /// the feed and structured data start with it. Nil: the configuration's `base_url`.
        public var baseURL: String?
        /// The content folder's path inside the repository, for "edit this page" links.
        public var contentPath: String

        public init(baseURL: String? = nil, contentPath: String = "Content") {
            self.baseURL = baseURL
            self.contentPath = contentPath
        }
    }

    public struct Build: Sendable {
        /// Site-relative paths (`openai/rate-limit/index.html`) and their bytes.
        public var files: [String: [UInt8]]
        public var diagnostics: [Diagnostic]
        public var pageCount: Int
    }

    /// The largest index also written as `search/index.js` for opening the site from disk.
    public static let diskIndexLimit = 8 << 20

    /// Renders the site into memory.
    public static func build(_ graph: KnowledgeGraph, templates: TemplateSet, options: Options = Options()) -> Build {
        let sink = MemorySink()
        let summary = build(graph, templates: templates, options: options, into: sink)
        return Build(files: sink.files, diagnostics: summary.diagnostics, pageCount: summary.pageCount)
    }

    /// Renders the site into a sink as pages are done (the staging folder of a build), so a large
    /// site is never held in memory whole and writing overlaps rendering.
    public static func build(_ graph: KnowledgeGraph, templates: TemplateSet, options: Options = Options(), into sink: some SiteSink) -> (diagnostics: [Diagnostic], pageCount: Int, fileCount: Int) {
        PageRenderer(graph: graph, templates: templates, options: options).build(into: sink)
    }
}

struct PageRenderer: Sendable {
    let graph: KnowledgeGraph
    let templates: TemplateSet
    let options: SiteBuilder.Options
    let baseURL: String
    let links: EntryLinks
    let site: SiteView

    init(graph: KnowledgeGraph, templates: TemplateSet, options: SiteBuilder.Options) {
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

    func build(into sink: some SiteSink) -> (diagnostics: [Diagnostic], pageCount: Int, fileCount: Int) {
        var diagnostics = siteDiagnostics

        // The search index is one long serial job: start it first, beside the pages.
        let indexDone = DispatchGroup()
        DispatchQueue.global().async(group: indexDone) { [self] in
            for (path, bytes) in searchIndexFiles() { sink.put(path, bytes) }
        }

        // Every page is independent: render them on every core and hand each to the sink.
        let jobs = allJobs
        var pageDiagnostics = [[Diagnostic]](repeating: [], count: jobs.count)
        pageDiagnostics.withUnsafeMutableBufferPointer { slots in
            let slots = UncheckedSendable(slots)
            DispatchQueue.concurrentPerform(iterations: jobs.count) { index in
                let page = render(jobs[index])
                sink.put(page.path, text: page.text)
                slots.value[index] = page.diagnostics
            }
        }
        diagnostics += pageDiagnostics.joined()
        var extra: [(String, [UInt8])] = [("404.html", Array(templates.render(notFoundContext(), with: "404").utf8))]
        for asset in templates.assets { extra.append(("assets/\(asset.path)", asset.bytes)) }
        extra += listings
        for (path, bytes) in extra { sink.put(path, bytes) }
        indexDone.wait()
        return (diagnostics.sortedForReport(), jobs.count, jobs.count + extra.count + 1)
    }

    enum PageJob: Sendable {
        case home, entry(Entry), provider(Provider), category(Category), http(HTTPStatus), tag(Tag)
    }

    /// Every page of the site, home first.
    var allJobs: [PageJob] {
        [.home] + graph.entries.map(PageJob.entry) + graph.providers.map(PageJob.provider)
            + graph.usedCategories.map(PageJob.category) + graph.httpStatuses.map(PageJob.http)
            + graph.tags.filter { IdentifierSyntax.isValid($0.rawValue) }.map(PageJob.tag)
    }

    /// The file a page is written to.
    func path(of job: PageJob) -> String {
        switch job {
        case .home: return SitePaths.file(for: "")
        case .entry(let entry): return SitePaths.file(for: SitePaths.entry(entry.id))
        case .provider(let provider): return SitePaths.file(for: SitePaths.provider(provider.id))
        case .category(let category): return SitePaths.file(for: SitePaths.category(category))
        case .http(let status): return SitePaths.file(for: SitePaths.http(status))
        case .tag(let tag): return SitePaths.file(for: SitePaths.tag(tag))
        }
    }

    /// The files that list every entry and change whenever one does.
    var listings: [(String, [UInt8])] {
        [("sitemap.xml", Array(Feeds.sitemap(self).utf8)), ("feed.xml", Array(Feeds.atom(self).utf8)), ("robots.txt", Array(Feeds.robots(self).utf8))]
    }

    /// The problems a build reports that are not about one page: reserved provider names, a base
    /// URL that cannot make absolute links.
    var siteDiagnostics: [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for provider in graph.providers where SitePaths.reserved.contains(provider.id.rawValue) {
            diagnostics.append(.error("provider id '\(provider.id)' is a folder the site uses for itself; rename the folder", path: provider.source.displayPath, at: SourcePosition(line: 1, column: 1)))
        }
        if !hasAbsoluteBase {
            diagnostics.append(.warning("base URL '\(baseURL)' is not absolute; the sitemap, the feed and canonical links need one (set base_url in kb.yml or pass --base-url)", path: "kb.yml", at: SourcePosition(line: 1, column: 1)))
        }
        return diagnostics
    }

    /// The search index file, and its copy wrapped in a script for pages opened from disk.
    func searchIndexFiles() -> [(String, [UInt8])] {
        let index = SearchIndexBuilder.build(graph, fingerprint: "site") { entry in "\(options.contentPath)/\(entry.source.relativePath)" }
        var files = [("search/index.kbix", index.bytes)]
        // Browsers refuse fetch() on file:// pages, so a copy wrapped in a script lets search
        // work from disk. Past a few megabytes a page cannot load it anyway: such a site has
        // to be served, and the copy would only double the bytes to write.
        if index.bytes.count <= SiteBuilder.diskIndexLimit {
            files.append(("search/index.js", Array("kbIndexLoaded(\"\(Data(index.bytes).base64EncodedString())\");\n".utf8)))
        }
        return files
    }

    func render(_ job: PageJob) -> (path: String, text: String, diagnostics: [Diagnostic]) {
        func page(_ url: String, _ template: String, _ context: [String: Any]) -> (String, String, [Diagnostic]) {
            (SitePaths.file(for: url), templates.render(context, with: template), [])
        }
        switch job {
        case .home: return page("", "home", homeContext())
        case .entry(let entry): return renderEntry(entry)
        case .provider(let provider): return page(SitePaths.provider(provider.id), "provider", providerContext(provider))
        case .category(let category): return page(SitePaths.category(category), "list", categoryContext(category))
        case .http(let status): return page(SitePaths.http(status), "list", httpContext(status))
        case .tag(let tag): return page(SitePaths.tag(tag), "list", tagContext(tag))
        }
    }

    // MARK: Shared pieces

    func common(url: String, description: String) -> [String: Any] {
        var context: [String: Any] = ["site": site, "root": SitePaths.root(from: url), "description": description]
        if hasAbsoluteBase { context["canonical"] = absolute(url) }
        return context
    }

    func card(_ entry: Entry, root: String) -> EntryCard {
        EntryCard(
            title: entry.title, url: root + SitePaths.entry(entry.id),
            providerName: graph.provider(entry.provider)?.name ?? entry.provider.rawValue,
            categoryName: categoryName(entry.category),
            http: entry.http.map { CodeLink(code: $0.code, url: root + SitePaths.http($0)) },
            summary: entry.summary
        )
    }

    func categoryName(_ category: Category) -> String { graph.configuration.category(category)?.name ?? category.rawValue }

    func providerName(_ id: ProviderID) -> String { graph.provider(id)?.name ?? id.rawValue }

    // MARK: Pages

    func homeContext() -> [String: Any] {
        let root = "./"
        var context = common(url: "", description: "Paste an error from an LLM API, SDK or gateway and get its causes and fixes. \(graph.entries.count) entries, searchable offline.")
        context["entryCount"] = graph.entries.count
        context["providers"] = graph.providers.map { CountedLink(name: $0.name, url: root + SitePaths.provider($0.id), entryCount: graph.entryCount(of: $0.id)) }
        context["categories"] = graph.usedCategories.map { CountedLink(name: categoryName($0), url: root + SitePaths.category($0), entryCount: graph.entryCount(in: $0)) }
        context["statuses"] = graph.httpStatuses.map { CodeLink(code: $0.code, url: root + SitePaths.http($0)) }
        let recent = graph.newestEntries(10).filter { $0.updated != nil }.map { card($0, root: root) }
        context["hasRecent"] = !recent.isEmpty
        context["recent"] = EntryList(entries: Array(recent))
        return context
    }

    func renderEntry(_ entry: Entry) -> (path: String, text: String, diagnostics: [Diagnostic]) {
        let url = SitePaths.entry(entry.id)
        let root = SitePaths.root(from: url)
        let (rewrites, diagnostics) = links.check(entry)
        func html(_ text: String) -> String { EntryLinks.apply(rewrites, to: text) }
        let anchors = EntryAnchors(entry)
        var questionAnchors = anchors.questions.makeIterator()
        var sections: [SectionView] = []
        for (section, anchor) in zip(entry.sections, anchors.sections) {
            let view = SectionView(title: section.title, anchor: anchor)
            switch section.kind {
            case .causes:
                view.isCauses = true
                view.causes = entry.causes.map { HTMLItem(html: html($0.html)) }
            case .fixes:
                view.isFixes = true
                view.fixes = entry.fixes.map { HTMLItem(html: html($0.html)) }
            case .faq:
                view.isFAQ = true
                view.questions = entry.faq.map { QuestionView(question: $0.question, anchor: questionAnchors.next() ?? "", answerHTML: html($0.answerHTML)) }
            case .other:
                view.isOther = true
                view.html = html(section.html)
            }
            sections.append(view)
        }
        let provider = providerName(entry.provider)
        let related = graph.related(to: entry.id).compactMap(graph.entry).map { card($0, root: root) }
        let referencedBy = graph.referencedBy(entry.id).filter { !graph.related(to: entry.id).contains($0) }.compactMap(graph.entry).map { card($0, root: root) }
        var context = common(url: url, description: entry.summary)
        context["id"] = entry.id.rawValue
        context["title"] = entry.title
        context["providerName"] = provider
        context["providerURL"] = root + SitePaths.provider(entry.provider)
        context["categoryName"] = categoryName(entry.category)
        context["categoryURL"] = root + SitePaths.category(entry.category)
        context["http"] = entry.http.map { CodeLink(code: $0.code, url: root + SitePaths.http($0)) }
        context["updated"] = entry.updated?.description
        context["signatures"] = entry.signatures.map(\.text)
        context["introHTML"] = html(entry.introHTML)
        context["sections"] = sections
        context["hasRelated"] = !related.isEmpty || !referencedBy.isEmpty
        if !related.isEmpty { context["related"] = EntryList(entries: related) }
        if !referencedBy.isEmpty { context["referencedBy"] = EntryList(entries: referencedBy) }
        context["editURL"] = editURL(entry)
        context["breadcrumbs"] = [
            Crumb(name: "Home", url: root),
            Crumb(name: provider, url: root + SitePaths.provider(entry.provider)),
            Crumb(name: entry.title, url: nil),
        ]
        context["structuredData"] = StructuredData.entry(entry, renderer: self)
        return (SitePaths.file(for: url), templates.render(context, with: "entry"), diagnostics)
    }

    func editURL(_ entry: Entry) -> String? {
        guard var repository = graph.configuration.repositoryURL, !repository.isEmpty else { return nil }
        while repository.hasSuffix("/") { repository.removeLast() }
        return "\(repository)/edit/\(graph.configuration.branch)/\(options.contentPath)/\(entry.source.relativePath)"
    }

    func providerContext(_ provider: Provider) -> [String: Any] {
        let url = SitePaths.provider(provider.id)
        let root = SitePaths.root(from: url)
        var context = common(url: url, description: "Errors of \(provider.name): causes and fixes.")
        context["name"] = provider.name
        context["descriptionHTML"] = provider.descriptionHTML
        context["website"] = provider.website
        context["endpoints"] = provider.endpoints.map { EndpointView(label: $0.label, url: $0.url) }
        context["hasEndpoints"] = !provider.endpoints.isEmpty
        context["env"] = provider.env
        context["hasEnv"] = !provider.env.isEmpty
        context["keyPrefixes"] = provider.keyPrefixes
        context["hasKeyPrefixes"] = !provider.keyPrefixes.isEmpty
        let entries = graph.entries(of: provider.id)
        context["groups"] = graph.configuration.categories.compactMap { category -> EntryGroup? in
            let members = entries.filter { $0.category == category.id }
            guard !members.isEmpty else { return nil }
            return EntryGroup(name: category.name, anchor: category.id.rawValue, url: root + SitePaths.category(category.id), entries: members.map { card($0, root: root) })
        }
        context["breadcrumbs"] = [Crumb(name: "Home", url: root), Crumb(name: provider.name, url: nil)]
        return context
    }

    /// A list page (category, HTTP status, tag): its entries grouped by provider.
    func listContext(url: String, heading: String, lead: String?, entries: [Entry]) -> [String: Any] {
        let root = SitePaths.root(from: url)
        var context = common(url: url, description: lead ?? heading)
        context["heading"] = heading
        context["lead"] = lead
        context["groups"] = graph.providers.compactMap { provider -> EntryGroup? in
            let members = entries.filter { $0.provider == provider.id }
            guard !members.isEmpty else { return nil }
            return EntryGroup(name: provider.name, anchor: provider.id.rawValue, url: root + SitePaths.provider(provider.id), entries: members.map { card($0, root: root) })
        }
        context["breadcrumbs"] = [Crumb(name: "Home", url: root), Crumb(name: heading, url: nil)]
        return context
    }

    func categoryContext(_ category: Category) -> [String: Any] {
        let info = graph.configuration.category(category)
        return listContext(url: SitePaths.category(category), heading: info?.name ?? category.rawValue, lead: info?.description, entries: graph.entries(in: category))
    }

    func httpContext(_ status: HTTPStatus) -> [String: Any] {
        listContext(url: SitePaths.http(status), heading: HTTPReason.heading(status), lead: "Errors that come with HTTP status \(status.code), across providers.", entries: graph.entries(withHTTP: status))
    }

    func tagContext(_ tag: Tag) -> [String: Any] {
        listContext(url: SitePaths.tag(tag), heading: "Tagged \(tag.rawValue)", lead: nil, entries: graph.entries(taggedWith: tag))
    }

    /// The 404 page is served at any depth, so its links start from the site's base path.
    func notFoundContext() -> [String: Any] {
        var context = common(url: "", description: "Page not found.")
        var basePath = baseURL
        if let schemeEnd = basePath.range(of: "://") {
            let rest = basePath[schemeEnd.upperBound...]
            basePath = rest.firstIndex(of: "/").map { String(rest[$0...]) } ?? "/"
        }
        context["root"] = basePath
        context.removeValue(forKey: "canonical")
        return context
    }
}

/// Where rendered files go, from many threads at once.
public protocol SiteSink: Sendable {
    func put(_ path: String, _ bytes: [UInt8])
    /// A page as text; a sink that writes files takes the UTF-8 without copying it to an array.
    func put(_ path: String, text: String)
}

extension SiteSink {
    public func put(_ path: String, text: String) { put(path, Array(text.utf8)) }
}

/// Files kept in memory, for tests and for callers that write them themselves.
public final class MemorySink: SiteSink, @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String: [UInt8]] = [:]

    public init() {}

    public func put(_ path: String, _ bytes: [UInt8]) {
        lock.lock()
        stored[path] = bytes
        lock.unlock()
    }

    public var files: [String: [UInt8]] {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
}

/// Lets `concurrentPerform` write disjoint slots of one buffer.
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

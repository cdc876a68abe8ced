public import Foundation
public import KBContent
public import KBCore
import Dispatch

/// The site pipeline: the content pipeline's graph, then pages and the search index, written
/// into a folder. `kb build` runs it once; `kb serve` keeps one session and refreshes it after
/// every save, and then only the pages the change shows on are rendered again (`SitePage`'s
/// catalogue says which). A change with errors writes nothing: the folder keeps the last good
/// site. A value: its owner (the build, the server's actor) owns its caches.
public struct SiteSession: Sendable {
    /// What a refresh did.
    public struct Update: Sendable {
        /// How far a refresh went.
        public enum Outcome: Sendable, Equatable {
            /// Every page was rendered: the first build, or a change to templates, kb.yml or a provider.
            case rebuilt
            /// Only the pages the changed entries appear on were rendered.
            case updated
            /// Nothing that is shown changed.
            case unchanged
            /// Errors (or a write failure): nothing was written and the last good site stays.
            case failed
        }

        /// How far it went.
        public var outcome: Outcome
        /// Every problem of the content, the templates and the pages.
        public var diagnostics: [Diagnostic]
        /// The graph that was loaded, for reporting diagnostics with their context.
        public var graph: KnowledgeGraph
        /// Content, template and configuration files that changed since the last refresh.
        public var changedFiles: [String]
        /// Site paths written (`["*"]` for a whole build), and site paths removed because their
        /// page is gone.
        public var written: [String]
        /// Site paths removed.
        public var removed: [String]
        /// Set when the folder could not be written.
        public var writeError: String?
        /// Pages and files written by a whole build.
        public var pageCount = 0, fileCount = 0
        /// Seconds per phase, for `--verbose` and the benchmarks.
        public var timings: [(phase: String, seconds: Double)] = []

        /// The total of the phases.
        public var seconds: Double { timings.reduce(0) { $0 + $1.seconds } }
    }

    /// The content stages.
    public private(set) var content: ContentPipeline
    /// The project's templates folder, which replaces built-in templates file by file; nil
    /// for the built-in ones only.
    public let templatesDirectory: URL?
/// How to show paths under the templates folder.
    public let templatesDisplayPath: String
    /// The folder the site is written to.
    public let output: URL
    /// Where the site will be published.
    public let options: SiteOptions
    /// Whether the output is the live folder of a server (files replaced one by one, by rename)
    /// rather than a build's output (staged beside it and swapped in whole).
    public let live: Bool

    private var templates: (stamps: [String: FileStamp], value: TemplateSet?, diagnostics: [Diagnostic])?
    /// What the folder holds now: the graph it was rendered from and its files.
    private var published: (graph: KnowledgeGraph, files: Set<String>)?
    /// Entries changed since the folder was last written (a refresh with errors writes nothing,
    /// so its changes wait for the next one), and whether everything must be rendered again.
    private var pendingEntries: Set<EntryID> = []
    private var pendingEverything = false
    /// Set when pages were written but the search index and the feeds still show the graph before.
    private var listingsOutOfDate = false
    /// The search index's files last written (`search/…`): its shards change names with every
    /// generation, so the ones a refresh no longer writes are removed.
    private var searchFiles: Set<String> = []
    /// Counts the writes of pages, so that listings rendered for an older graph are not written.
    private var publishedVersion = 0

    /// A session that has built nothing yet.
    /// - Parameter live: true for `kb serve`'s folder, false for `kb build`'s output.
    public init(content: ContentPipeline, templatesDirectory: URL?, templatesDisplayPath: String, output: URL, options: SiteOptions, live: Bool = false) {
        self.content = content
        self.templatesDirectory = templatesDirectory
        self.templatesDisplayPath = templatesDisplayPath
        self.output = output.standardizedFileURL
        self.options = options
        self.live = live
    }

    /// Looks at every file, renders what changed, and writes it into the folder when nothing has
    /// an error. The first call builds the whole site.
    /// - Parameter hint: files a watcher saw written in place (see `ContentPipeline.load`).
    public mutating func refresh(changedFiles hint: Set<String>? = nil) -> Update {
        var clock = PhaseClock()
        let loaded = content.load(changedFiles: hint)
        clock.lap(loaded.changes.everything ? "load and validate content" : "load \(loaded.changes.files.count) changed files and validate")
        var changed = loaded.changes.files

        let stamps = templatesDirectory.map(FileStamp.tree) ?? [:]
        if templates == nil || templates?.stamps != stamps {
            if let old = templates?.stamps {
                let names = Set(old.keys).union(stamps.keys).filter { old[$0] != stamps[$0] }
                changed += names.sorted().map { "\(templatesDisplayPath)/\($0)" }
                pendingEverything = true
            }
            let (value, diagnostics) = TemplateSet.load(from: templatesDirectory, displayRoot: templatesDisplayPath)
            templates = (stamps, value, diagnostics)
            clock.lap("read templates")
        }
        guard let templates else { preconditionFailure("loaded just above") }
        pendingEntries.formUnion(loaded.changes.entries)
        if loaded.changes.everything || loaded.changes.providers { pendingEverything = true }

        let graph = loaded.graph
        var diagnostics = loaded.diagnostics + templates.diagnostics
        func failed(_ writeError: String? = nil) -> Update {
            Update(outcome: .failed, diagnostics: diagnostics.sortedForReport(), graph: graph, changedFiles: changed, written: [], removed: [], writeError: writeError, timings: clock.timings)
        }
        guard let templateSet = templates.value, !diagnostics.hasErrors else { return failed() }
        let renderer = PageRenderer(graph: graph, templates: templateSet, options: options)
        diagnostics += renderer.siteDiagnostics + renderer.linkDiagnostics
        clock.lap("check links")
        guard !diagnostics.hasErrors else { return failed() }

        guard let previous = published, !pendingEverything, previous.graph.providers == graph.providers else {
            do {
                let (pages, files, search) = try writeWholeSite(renderer)
                // The index's paths as rendered: listing `search/` again with FileManager was
                // 1.2 % of a 2,000-entry build (docs/PERFORMANCE.md).
                searchFiles = search
                clock.lap("render and write \(files) files")
                published = (graph, Set(SitePage.all(in: graph).map(\.file)))
                publishedVersion += 1
                pendingEntries = []
                pendingEverything = false
                listingsOutOfDate = false
                return Update(outcome: .rebuilt, diagnostics: diagnostics.sortedForReport(), graph: graph, changedFiles: changed, written: ["*"], removed: [], pageCount: pages, fileCount: files, timings: clock.timings)
            } catch {
                return failed("\(error)")
            }
        }

        let pages = SitePage.showing(changesTo: pendingEntries, old: previous.graph, new: graph).filter { !$0.listsEveryEntry }
        clock.lap("choose \(pages.count) pages")
        if pages.isEmpty {
            pendingEntries = []
            return Update(outcome: .unchanged, diagnostics: diagnostics.sortedForReport(), graph: graph, changedFiles: changed, written: [], removed: [], timings: clock.timings)
        }
        let rendered = pages.concurrentMap(renderer.render)
        clock.lap("render \(pages.count) pages")
        let files = Set(SitePage.all(in: graph).map(\.file))
        let removed = previous.files.subtracting(files).sorted()
        do {
            for file in rendered { try SiteWriter.replace(file.path, with: file.bytes, in: output) }
            for path in removed { SiteWriter.remove(path, in: output) }
        } catch {
            return failed("\(error)")
        }
        published = (graph, files)
        publishedVersion += 1
        pendingEntries = []
        listingsOutOfDate = true
        clock.lap("write \(rendered.count) files")
        return Update(outcome: .updated, diagnostics: diagnostics.sortedForReport(), graph: graph, changedFiles: changed, written: rendered.map(\.path), removed: removed, timings: clock.timings)
    }

    /// Brings the search index, the sitemap and the feed up to the pages last written. They list
    /// every entry and take far longer than the pages, so `kb serve` reloads the pages first and
    /// calls this after. Nil when they are already up to date.
    public mutating func refreshListings() -> Update? {
        guard let work = listingsWork() else { return nil }
        return writeListings(work.render())
    }

    /// The listings to render for the pages last written, nil when they are up to date. Its
    /// `render()` touches no session and no file, so a server runs it off its own queue and a
    /// save that comes meanwhile is not kept waiting (at 10,000 entries the index takes seconds
    /// to build, and an edit made while it did waited for it: 1.5 s from save to reload).
    public func listingsWork() -> ListingsWork? {
        guard listingsOutOfDate, let published, let templateSet = templates?.value else { return nil }
        return ListingsWork(graph: published.graph, templates: templateSet, options: options, version: publishedVersion)
    }

    /// Writes listings rendered by `listingsWork().render()`; nil, writing nothing, when pages
    /// were written since that work was taken (the listings would show the graph before).
    public mutating func writeListings(_ rendered: ListingsWork.Rendered) -> Update? {
        guard listingsOutOfDate, rendered.version == publishedVersion, let published else { return nil }
        var clock = PhaseClock()
        let search = rendered.search
        // Shards and records are named by their content: one already there has these bytes.
        // The manifest, whose name stays, goes last, once everything it points to is in place.
        let manifests = search.filter { !$0.path.dropFirst("search/".count).contains("/") }
        let pieces = search.filter { $0.path.dropFirst("search/".count).contains("/") && !searchFiles.contains($0.path) }
        let files = pieces + rendered.pages + manifests
        let current = Set(search.map(\.path))
        let stale = searchFiles.subtracting(current).sorted()
        var update = Update(outcome: .updated, diagnostics: [], graph: published.graph, changedFiles: [], written: files.map(\.path), removed: stale)
        do {
            for file in files { try SiteWriter.replace(file.path, with: file.bytes, in: output) }
            for path in stale { SiteWriter.remove(path, in: output) }
            searchFiles = current
            listingsOutOfDate = false
        } catch {
            update.outcome = .failed
            update.writeError = "\(error)"
        }
        clock.lap("write them")
        update.timings = [("build the search index, sitemap and feed", rendered.seconds)] + clock.timings
        return update
    }

    /// Every file of the site, into a staging folder swapped in whole: readers and hosts see the
    /// old site or the new one, never half of each. Returns the number of pages and files.
    private func writeWholeSite(_ renderer: PageRenderer) throws -> (pages: Int, files: Int, search: Set<String>) {
        let staging = try SiteWriter.Staging(output: output)
        let count = Self.render(renderer, into: staging)
        do {
            try staging.commit()
        } catch {
            staging.discard()
            throw error
        }
        return count
    }

    /// Renders every file of the site into a sink, on every core: the search index is one long
    /// serial job, so it goes first and one core builds it while the others render pages.
    /// Returns the pages people read (the sitemap's), the number of files written, and the
    /// search index's paths.
    static func render(_ renderer: PageRenderer, into sink: some SiteSink) -> (pages: Int, files: Int, search: Set<String>) {
        let pages = SitePage.all(in: renderer.graph)
        let jobs: [Job] = [.searchIndex, .assets] + pages.map(Job.page)
        let written = jobs.concurrentMap { job -> (count: Int, search: [String]) in
            switch job {
            case .searchIndex:
                let paths = renderer.writeSearchIndex { sink.put($0.path, $0.bytes) }
                return (paths.count, paths)
            case .assets:
                let files = renderer.assetFiles()
                for file in files { sink.put(file.path, file.bytes) }
                return (files.count, [])
            case .page(let page):
                let file = renderer.render(page)
                sink.put(file.path, file.bytes)
                return (1, [])
            }
        }
        return (pages.filter(\.isInSitemap).count, written.reduce(0) { $0 + $1.count }, Set(written.flatMap(\.search)))
    }

    /// One piece of a whole build.
    enum Job: Sendable {
        case searchIndex, assets
        case page(SitePage)
    }

    /// Renders a whole site into memory, for tests and tools that write files themselves.
    public static func renderInMemory(_ graph: KnowledgeGraph, templates: TemplateSet, options: SiteOptions = SiteOptions()) -> RenderedSite {
        let renderer = PageRenderer(graph: graph, templates: templates, options: options)
        let sink = MemorySink()
        let (pages, _, _) = render(renderer, into: sink)
        return RenderedSite(files: sink.files, diagnostics: (renderer.siteDiagnostics + renderer.linkDiagnostics).sortedForReport(), pageCount: pages)
    }
}

/// A whole site in memory.
public struct RenderedSite: Sendable {
    /// Site-relative paths (`openai/rate-limit/index.html`) and their bytes.
    public var files: [String: [UInt8]]
    /// The problems the pages have (broken links, a relative base URL).
    public var diagnostics: [Diagnostic]
    /// The pages people read.
    public var pageCount: Int
}

/// Seconds per phase of a refresh.
struct PhaseClock {
    private(set) var timings: [(phase: String, seconds: Double)] = []
    private var last = DispatchTime.now().uptimeNanoseconds

    mutating func lap(_ phase: String) {
        let now = DispatchTime.now().uptimeNanoseconds
        timings.append((phase, Double(now - last) / 1e9))
        last = now
    }
}

/// The search index and the pages that list every entry, for one graph: what
/// `SiteSession.listingsWork()` hands out to be rendered off the session's queue.
public struct ListingsWork: Sendable {
    let graph: KnowledgeGraph
    let templates: TemplateSet
    let options: SiteOptions
    let version: Int

    /// What `render()` made.
    public struct Rendered: Sendable {
        let version: Int
        let search: [RenderedFile]
        let pages: [RenderedFile]
        let seconds: Double
    }

    /// The index's files and the listing pages, in memory.
    public func render() -> Rendered {
        let start = DispatchTime.now().uptimeNanoseconds
        let renderer = PageRenderer(graph: graph, templates: templates, options: options)
        let search = renderer.searchIndexFiles()
        let pages = SitePage.all(in: graph).filter(\.listsEveryEntry).map(renderer.render)
        return Rendered(version: version, search: search, pages: pages, seconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
}

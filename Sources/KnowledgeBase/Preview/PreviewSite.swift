import Foundation

/// The site `kb serve` shows: built once into a folder, then brought up to date after each edit
/// by parsing only the files that changed and rendering only the pages they appear on. A change
/// that brings errors writes nothing, so the folder keeps the last good site while the errors are
/// shown. One caller at a time: `kb serve` refreshes from a single queue.
public final class PreviewSite: @unchecked Sendable {
    public struct Update: Sendable {
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

        public var outcome: Outcome
        public var diagnostics: [Diagnostic]
        /// The graph that was loaded, for reporting diagnostics with their context.
        public var graph: KnowledgeGraph
        /// Content, template and configuration files that changed since the last refresh.
        public var changedFiles: [String]
        /// Site paths written, and site paths removed because their page is gone.
        public var written: [String]
        public var removed: [String]
        /// Set when the folder could not be written.
        public var writeError: String?
        /// Seconds per phase, for `kb serve --verbose` and the benchmark.
        public var timings: [(phase: String, seconds: Double)]

        public var seconds: Double { timings.reduce(0) { $0 + $1.seconds } }
    }

    public let workspace: Workspace
    public let templatesDirectory: URL
    public let templatesDisplayPath: String
    /// The folder the site is kept in; `kb serve` serves it.
    public let output: URL
    public let options: SiteBuilder.Options

    private var configuration: (stamp: FileStamp?, value: SiteConfiguration, diagnostics: [Diagnostic])?
    private var templates: (stamps: [String: FileStamp], value: TemplateSet?, diagnostics: [Diagnostic])?
    private var parsedFiles: [String: (stamp: FileStamp, parsed: ContentLoader.ParsedFile)] = [:]
    /// What the folder holds now: the graph it was rendered from and its pages.
    private var published: (graph: KnowledgeGraph, pages: Set<String>)?
    /// Content files (relative paths) parsed or gone since the folder was last written: the
    /// entries whose pages may differ from what is served.
    private var unpublishedFiles: Set<String> = []
    /// Set when pages were written but the search index and the feeds still show the graph before.
    private var listingsOutOfDate = false
    /// The content folder's files as last found, with what finding them reported.
    private var lastScan: (files: [ContentFiles.File], paths: Set<String>, diagnostics: [Diagnostic])?
    /// Read once: dates only move when a commit is made, and a preview need not follow that.
    private let dates: GitDates

    public init(workspace: Workspace, templatesDirectory: URL, templatesDisplayPath: String, output: URL, options: SiteBuilder.Options, dates: GitDates? = nil) {
        self.workspace = workspace
        self.templatesDirectory = templatesDirectory
        self.templatesDisplayPath = templatesDisplayPath
        self.output = output.standardizedFileURL
        self.options = options
        self.dates = dates ?? GitDates.read(contentDirectory: workspace.contentDirectory)
    }

    /// Looks at every file, rebuilds what changed, and writes it into the folder when it has no
    /// errors. The first call builds the whole site.
    ///
    /// - Parameter changedFiles: absolute paths a file watcher saw written, when it knows them.
    ///   If they are all content files found before, the folder is not walked again and only
    ///   they are looked at; anything else (a file added, removed or renamed) walks it all.
    public func refresh(changedFiles hint: Set<String>? = nil) -> Update {
        var timings: [(phase: String, seconds: Double)] = []
        var clock = DispatchTime.now().uptimeNanoseconds
        func lap(_ phase: String) {
            let now = DispatchTime.now().uptimeNanoseconds
            timings.append((phase, Double(now - clock) / 1e9))
            clock = now
        }
        var changed: [String] = []
        var everyPage = published == nil

        let configurationStamp = FileStamp(path: workspace.configurationFile.path)
        if configuration == nil || configuration?.stamp != configurationStamp {
            let (value, diagnostics) = SiteConfiguration.load(from: workspace.configurationFile, displayPath: workspace.configurationDisplayPath)
            if configuration != nil {
                changed.append(workspace.configurationDisplayPath)
                everyPage = true
                // Entries were checked against the old list of categories.
                parsedFiles.removeAll()
            }
            configuration = (configurationStamp, value, diagnostics)
        }
        let templateStamps = FileStamp.tree(templatesDirectory)
        if templates == nil || templates?.stamps != templateStamps {
            if let old = templates?.stamps {
                let names = Set(old.keys).union(templateStamps.keys).filter { old[$0] != templateStamps[$0] }
                changed += names.sorted().map { "\(templatesDisplayPath)/\($0)" }
                everyPage = true
            }
            let (value, diagnostics) = TemplateSet.load(from: templatesDirectory, displayRoot: templatesDisplayPath)
            templates = (templateStamps, value, diagnostics)
        }
        guard let configuration, let templates else { preconditionFailure("both are loaded above") }

        var diagnostics: [Diagnostic] = []
        let files: [ContentFiles.File]
        let onlyLookAt: Set<String>?
        if let hint, let lastScan, !everyPage, hint.allSatisfy({ lastScan.paths.contains($0) && FileStamp(path: $0)?.isRegularFile == true }) {
            files = lastScan.files
            diagnostics = lastScan.diagnostics
            onlyLookAt = hint
        } else {
            files = ContentFiles.discover(in: workspace.contentDirectory, displayRoot: workspace.displayRoot, diagnostics: &diagnostics)
            lastScan = (files, Set(files.map(\.path)), diagnostics)
            onlyLookAt = nil
        }
        var parsed = [ContentLoader.ParsedFile?](repeating: nil, count: files.count)
        var stale: [Int] = []
        var stamps: [FileStamp?] = []
        for (index, file) in files.enumerated() {
            let cached = parsedFiles[file.source.relativePath]
            if let onlyLookAt, !onlyLookAt.contains(file.path), let cached {
                stamps.append(cached.stamp)
                parsed[index] = cached.parsed
                continue
            }
            let stamp = FileStamp(path: file.path)
            stamps.append(stamp)
            if let stamp, let cached, cached.stamp == stamp {
                parsed[index] = cached.parsed
            } else {
                stale.append(index)
            }
        }
        lap(onlyLookAt.map { "look at \($0.count) changed files" } ?? "scan \(files.count) files")
        let fresh = ContentLoader.parseAll(stale.map { files[$0] }, categories: configuration.value.categories.map(\.id))
        for (index, result) in zip(stale, fresh) {
            parsed[index] = result
            if let stamp = stamps[index] { parsedFiles[files[index].source.relativePath] = (stamp, result) }
        }
        let present = Set(files.map(\.source.relativePath))
        let gone = parsedFiles.keys.filter { !present.contains($0) }.sorted()
        for path in gone { parsedFiles.removeValue(forKey: path) }
        unpublishedFiles.formUnion(stale.map { files[$0].source.relativePath } + gone)
        if published != nil {
            changed += stale.map { files[$0].source.displayPath } + gone.map { "\(workspace.displayRoot)/\($0)" }
        }
        lap("parse \(stale.count) files")
        var loader = ContentLoader(contentDirectory: workspace.contentDirectory, displayRoot: workspace.displayRoot, configuration: configuration.value)
        loader.dates = dates
        let loaded = loader.assemble(files: files, parsed: parsed.map { $0! }, diagnostics: diagnostics)
        let graph = loaded.graph
        lap("assemble and validate the graph")

        diagnostics = configuration.diagnostics + templates.diagnostics + loaded.diagnostics
        func failed(_ writeError: String? = nil) -> Update {
            Update(outcome: .failed, diagnostics: diagnostics.sortedForReport(), graph: graph, changedFiles: changed, written: [], removed: [], writeError: writeError, timings: timings)
        }
        guard let templateSet = templates.value, !diagnostics.hasErrors else { return failed() }

        let renderer = PageRenderer(graph: graph, templates: templateSet, options: options)
        guard let previous = published, !everyPage, previous.graph.providers == graph.providers else {
            // Everything: into a staging folder swapped in whole, as `kb build` does.
            let staging: SiteWriter.Staging
            do { staging = try SiteWriter.Staging(output: output) } catch { return failed("\(error)") }
            let build = renderer.build(into: staging)
            diagnostics += build.diagnostics
            guard !diagnostics.hasErrors else {
                staging.discard()
                return failed()
            }
            do { try staging.commit() } catch { return failed("\(error)") }
            published = (graph, Self.pagePaths(graph))
            unpublishedFiles = []
            listingsOutOfDate = false
            lap("render and write \(build.fileCount) files")
            return Update(outcome: .rebuilt, diagnostics: diagnostics.sortedForReport(), graph: graph, changedFiles: changed, written: ["*"], removed: [], timings: timings)
        }

        // Broken links are found by the pages that hold them, and an edit can break a link in a
        // page it does not touch (by removing the entry or the section it points to), so every
        // entry's links are checked again; that costs far less than rendering.
        diagnostics += renderer.siteDiagnostics + graph.entries.flatMap { renderer.links.check($0).diagnostics }
        guard !diagnostics.hasErrors else { return failed() }
        let changedEntries = Set(unpublishedFiles.compactMap(Self.entryID(ofFile:)))
        let jobs = Self.pagesShowing(changesTo: changedEntries, old: previous.graph, new: graph)
        lap("check links and choose \(jobs.count) pages")
        if jobs.isEmpty {
            return Update(outcome: .unchanged, diagnostics: diagnostics.sortedForReport(), graph: graph, changedFiles: changed, written: [], removed: [], timings: timings)
        }
        var rendered = [(String, String)](repeating: ("", ""), count: jobs.count)
        rendered.withUnsafeMutableBufferPointer { slots in
            let slots = UncheckedSendable(slots)
            DispatchQueue.concurrentPerform(iterations: jobs.count) { index in
                let page = renderer.render(jobs[index])
                slots.value[index] = (page.path, page.text)
            }
        }
        let outputFiles: [(path: String, bytes: [UInt8])] = rendered.map { ($0.0, Array($0.1.utf8)) }
        lap("render \(jobs.count) pages")

        let pages = Self.pagePaths(graph)
        let removed = previous.pages.subtracting(pages).sorted()
        do {
            for (path, bytes) in outputFiles { try PreviewSite.replace(path, with: bytes, in: output) }
            for path in removed { PreviewSite.remove(path, in: output) }
        } catch {
            return failed("\(error)")
        }
        published = (graph, pages)
        unpublishedFiles = []
        listingsOutOfDate = true
        lap("write \(outputFiles.count) files")
        return Update(outcome: .updated, diagnostics: diagnostics.sortedForReport(), graph: graph, changedFiles: changed, written: outputFiles.map(\.path), removed: removed, timings: timings)
    }

    /// The pages an entry's change shows on: its own page, the pages of entries that link to it
    /// or that it links to (they show its title), the lists it is or was in, and the home page.
    /// Empty when no entry changed.
    static func pagesShowing(changesTo changed: Set<EntryID>, old: KnowledgeGraph, new: KnowledgeGraph) -> [PageRenderer.PageJob] {
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
            + entries.sorted().compactMap(new.entry).map(PageRenderer.PageJob.entry)
            + providers.sorted().compactMap(new.provider).map(PageRenderer.PageJob.provider)
            + new.usedCategories.filter(categories.contains).map(PageRenderer.PageJob.category)
            + new.httpStatuses.filter(statuses.contains).map(PageRenderer.PageJob.http)
            + new.tags.filter { tags.contains($0) && IdentifierSyntax.isValid($0.rawValue) }.map(PageRenderer.PageJob.tag)
    }

    /// The entry a content file (`openai/rate-limit.md`) defines, if it is an entry.
    static func entryID(ofFile relativePath: String) -> EntryID? {
        let parts = relativePath.split(separator: "/")
        guard parts.count == 2, parts[1].hasSuffix(".md"), parts[1] != ContentFiles.providerIndexName[...] else { return nil }
        return EntryID(provider: ProviderID(String(parts[0])), slug: String(parts[1].dropLast(3)))
    }

    /// The HTML files of a graph's site, as `PageRenderer.allJobs` writes them.
    static func pagePaths(_ graph: KnowledgeGraph) -> Set<String> {
        var paths: Set<String> = [SitePaths.file(for: "")]
        for entry in graph.entries { paths.insert(SitePaths.file(for: SitePaths.entry(entry.id))) }
        for provider in graph.providers { paths.insert(SitePaths.file(for: SitePaths.provider(provider.id))) }
        for category in graph.usedCategories { paths.insert(SitePaths.file(for: SitePaths.category(category))) }
        for status in graph.httpStatuses { paths.insert(SitePaths.file(for: SitePaths.http(status))) }
        for tag in graph.tags where IdentifierSyntax.isValid(tag.rawValue) { paths.insert(SitePaths.file(for: SitePaths.tag(tag))) }
        return paths
    }

    /// Brings the search index, the sitemap and the feed up to the pages last written. They list
    /// every entry and take far longer than the pages, so `kb serve` reloads the pages first and
    /// calls this after. Nil when they are already up to date.
    public func refreshListings() -> Update? {
        guard listingsOutOfDate, let published, let templates = templates?.value else { return nil }
        let started = DispatchTime.now().uptimeNanoseconds
        let renderer = PageRenderer(graph: published.graph, templates: templates, options: options)
        let files = renderer.searchIndexFiles() + renderer.listings
        var update = Update(outcome: .updated, diagnostics: [], graph: published.graph, changedFiles: [], written: files.map(\.0), removed: [], timings: [])
        do {
            for (path, bytes) in files { try Self.replace(path, with: bytes, in: output) }
            listingsOutOfDate = false
        } catch {
            update.outcome = .failed
            update.writeError = "\(error)"
        }
        update.timings = [("build the search index, sitemap and feed", Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)]
        return update
    }

    /// Writes one file of the live folder by rename, so the server never reads half of it. Plain
    /// system calls: Foundation's createDirectory and Data.write cost a few milliseconds a file.
    static func replace(_ path: String, with bytes: [UInt8], in folder: URL) throws {
        guard SiteWriter.isSafe(path) else { throw SiteWriter.WriteError.unsafePath(path) }
        var parent = folder.path
        for component in path.split(separator: "/").dropLast() {
            parent += "/" + component
            if mkdir(parent, 0o755) != 0 && errno != EEXIST {
                throw SiteWriter.WriteError.io("could not create \(parent): \(String(cString: strerror(errno)))")
            }
        }
        let target = folder.path + "/" + path
        let temporary = parent + "/.kb-writing-" + (path.split(separator: "/").last.map(String.init) ?? "file")
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw SiteWriter.WriteError.io("could not write \(path): \(String(cString: strerror(errno)))") }
        let complete = bytes.withUnsafeBytes { buffer -> Bool in
            var written = 0
            while written < buffer.count {
                let result = write(descriptor, buffer.baseAddress! + written, buffer.count - written)
                if result <= 0 { return false }
                written += result
            }
            return true
        }
        close(descriptor)
        guard complete, rename(temporary, target) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw SiteWriter.WriteError.io("could not write \(path): \(reason)")
        }
    }

    /// Removes a page that no longer exists, and its folder when that is left empty.
    static func remove(_ path: String, in folder: URL) {
        guard SiteWriter.isSafe(path) else { return }
        unlink(folder.appendingPathComponent(path).path)
        var parent = (path as NSString).deletingLastPathComponent
        while !parent.isEmpty, rmdir(folder.appendingPathComponent(parent).path) == 0 {
            parent = (parent as NSString).deletingLastPathComponent
        }
    }
}

/// What tells a file changed without reading it: size, modification time and inode (an editor
/// that saves by rename gives a new inode even within the same clock tick).
public struct FileStamp: Hashable, Sendable {
    var size: Int64
    var modified: Int64
    var inode: UInt64
    var isRegularFile: Bool

    public init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        size = Int64(info.st_size)
        #if canImport(Darwin)
        modified = Int64(info.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(info.st_mtimespec.tv_nsec)
        #else
        modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        #endif
        inode = UInt64(info.st_ino)
        isRegularFile = (info.st_mode & S_IFMT) == S_IFREG
    }

    /// The stamp as text, for an HTTP ETag.
    public var tag: String { "\(size)-\(modified)-\(inode)" }

    /// Every regular file under a folder, by relative path.
    public static func tree(_ folder: URL) -> [String: FileStamp] {
        var stamps: [String: FileStamp] = [:]
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return stamps }
        while let relative = enumerator.nextObject() as? String {
            if let stamp = FileStamp(path: folder.path + "/" + relative), stamp.isRegularFile {
                stamps[relative] = stamp
            }
        }
        return stamps
    }
}

public import Foundation
public import KBCore
import KBMarkdown

/// Where a knowledge base lives and how it is opened: the content folder, and `kb.yml` beside it.
public struct Workspace: Sendable, Equatable {
    /// The content folder (`Content/`).
    public let contentDirectory: URL
    /// The folder as the user named it, so diagnostics show paths they can click.
    public let displayRoot: String

    /// A workspace; `displayRoot` is how paths under it are shown.
    public init(contentDirectory: URL, displayRoot: String) {
        self.contentDirectory = contentDirectory.standardizedFileURL
        var root = displayRoot
        while root.count > 1 && root.hasSuffix("/") { root.removeLast() }
        self.displayRoot = root
    }

    /// The content folder by the contract's order: `--content`, `$KB_CONTENT`, `./Content`.
    /// Returns nil when none of them exists.
    public static func locate(explicit: String?, environment: [String: String], currentDirectory: URL) -> Workspace? {
        func workspace(_ path: String) -> Workspace {
            let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : currentDirectory.appendingPathComponent(path)
            return Workspace(contentDirectory: url.standardizedFileURL, displayRoot: path)
        }
        if let explicit { return workspace(explicit) }
        if let fromEnvironment = environment["KB_CONTENT"], !fromEnvironment.isEmpty { return workspace(fromEnvironment) }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: currentDirectory.appendingPathComponent("Content").path, isDirectory: &isDirectory), isDirectory.boolValue {
            return workspace("Content")
        }
        return nil
    }

    /// `kb.yml` sits at the repository root, beside the content folder.
    public var configurationFile: URL { contentDirectory.deletingLastPathComponent().appendingPathComponent("kb.yml") }

    /// `kb.yml` as the user would write its path.
    public var configurationDisplayPath: String {
        let parent = (displayRoot as NSString).deletingLastPathComponent
        return parent.isEmpty ? "kb.yml" : "\(parent)/kb.yml"
    }

    /// Loads the configuration and the content once; every problem of both is in the result.
    public func load() -> LoadResult {
        var pipeline = ContentPipeline(workspace: self)
        return pipeline.load()
    }
}

/// The outcome of loading a content folder: the graph of everything that parsed, every problem
/// found on the way, and what changed since the pipeline's last load. A graph is always
/// returned, so tools can show what is usable.
public struct LoadResult: Sendable {
    /// Everything that parsed.
    public var graph: KnowledgeGraph
    /// Every problem, sorted for a report.
    public var diagnostics: [Diagnostic]
    /// What this load found different from the one before.
    public var changes: ContentChanges
}

/// What a load found different from the pipeline's previous one.
public struct ContentChanges: Sendable, Equatable {
    /// True on a pipeline's first load, and when kb.yml changed: everything may differ.
    public var everything: Bool
    /// Files parsed again or gone, as paths to show.
    public var files: [String]
    /// The entries whose file was parsed again or is gone.
    public var entries: Set<EntryID>
    /// Whether a provider's `_index.md` was parsed again or is gone.
    public var providers: Bool

    /// Nothing changed.
    public static let none = ContentChanges(everything: false, files: [], entries: [], providers: false)
}

/// The one way content is read, for `kb build`, `kb serve`, `kb check` and the search cache:
/// files, then each file parsed and kept by its stamp, then the graph, validated whole.
/// `kb serve` keeps one pipeline and loads again after each save: only the files whose stamp
/// changed are read and parsed again, which is what makes a one-file edit cheap at 10,000
/// entries. A value: whoever owns it (the build, the server's actor) owns its cache.
public struct ContentPipeline: Sendable {
    /// Entries are a page of text; anything larger is almost certainly not an entry.
    public static let maximumFileSize = 1 << 20

    /// The knowledge base read.
    public let workspace: Workspace
    /// Commit dates by file, for entries that do not set `updated` themselves. Read once: dates
    /// only move when a commit is made, and a preview need not follow that.
    public let dates: GitDates
    /// The day `verified` dates are compared with; tests fix it, everything else uses today.
    public var today: Day

    private var configuration: (stamp: FileStamp?, value: SiteConfiguration, diagnostics: [Diagnostic])?
    private var parsedFiles: [String: (stamp: FileStamp, parsed: ParsedFile)] = [:]
    /// The content folder's files as last found, with what finding them reported.
    private var lastScan: (files: [ContentFiles.File], paths: Set<String>, diagnostics: [Diagnostic])?

    /// A pipeline that has read nothing yet.
    /// - Parameter dates: commit dates; read from git when nil.
    public init(workspace: Workspace, dates: GitDates? = nil, today: Day = .today) {
        self.workspace = workspace
        self.dates = dates ?? GitDates.read(contentDirectory: workspace.contentDirectory)
        self.today = today
    }

    /// The configuration of the last load (the defaults before the first).
    public var currentConfiguration: SiteConfiguration { configuration?.value ?? .default }

    /// Brings the graph up to date with the files.
    ///
    /// - Parameter hint: absolute paths a file watcher saw written in place, when it knows them.
    ///   If they are all content files found before, the folder is not walked again and only they
    ///   are looked at; anything else (a file added, removed or renamed) walks it all.
    public mutating func load(changedFiles hint: Set<String>? = nil) -> LoadResult {
        let firstLoad = configuration == nil
        var everything = firstLoad
        var changedFiles: [String] = []

        let configurationStamp = FileStamp(path: workspace.configurationFile.path)
        if configuration == nil || configuration?.stamp != configurationStamp {
            let (value, diagnostics) = SiteConfiguration.load(from: workspace.configurationFile, displayPath: workspace.configurationDisplayPath)
            if !firstLoad {
                changedFiles.append(workspace.configurationDisplayPath)
                everything = true
                // Entries were checked against the old list of categories.
                parsedFiles.removeAll()
            }
            configuration = (configurationStamp, value, diagnostics)
        }
        guard let configuration else { preconditionFailure("loaded just above") }

        var diagnostics: [Diagnostic] = []
        let files: [ContentFiles.File]
        let onlyLookAt: Set<String>?
        if let hint, let lastScan, !everything, hint.allSatisfy({ lastScan.paths.contains($0) && FileStamp(path: $0)?.isRegularFile == true }) {
            files = lastScan.files
            diagnostics = lastScan.diagnostics
            onlyLookAt = hint
        } else {
            files = ContentFiles.discover(in: workspace.contentDirectory, displayRoot: workspace.displayRoot, diagnostics: &diagnostics)
            lastScan = (files, Set(files.map(\.path)), diagnostics)
            onlyLookAt = nil
        }

        // Stage 2: each file parsed, or taken from the cache when its stamp has not changed.
        var parsed = [ParsedFile?](repeating: nil, count: files.count)
        var stale: [Int] = []
        var stamps: [FileStamp?] = []
        stamps.reserveCapacity(files.count)
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
        let categories = configuration.value.categories.map(\.id)
        let fresh = stale.map { files[$0] }.concurrentMap { Self.parse($0, categories: categories) }
        for (index, result) in zip(stale, fresh) {
            parsed[index] = result
            if let stamp = stamps[index] { parsedFiles[files[index].source.relativePath] = (stamp, result) }
        }
        let present = Set(files.map(\.source.relativePath))
        let gone = parsedFiles.keys.filter { !present.contains($0) }.sorted()
        for path in gone { parsedFiles.removeValue(forKey: path) }

        var changes = ContentChanges(everything: everything, files: changedFiles, entries: [], providers: false)
        if !firstLoad {
            changes.files += stale.map { files[$0].source.displayPath } + gone.map { "\(workspace.displayRoot)/\($0)" }
            for relative in stale.map({ files[$0].source.relativePath }) + gone {
                switch ContentFiles.role(ofRelativePath: relative) {
                case .entry(let id)?: changes.entries.insert(id)
                case .provider?: changes.providers = true
                case nil: break
                }
            }
        }

        // Stage 3: the graph, dated from git, validated as a whole.
        var result = assemble(files: files, parsed: parsed.map { $0! }, diagnostics: configuration.diagnostics + diagnostics, configuration: configuration.value)
        result.changes = changes
        return result
    }

    /// The graph of parsed files, dated from git, and validated as a whole.
    func assemble(files: [ContentFiles.File], parsed: [ParsedFile], diagnostics: [Diagnostic], configuration: SiteConfiguration) -> LoadResult {
        var diagnostics = diagnostics
        var providers: [Provider] = []
        var entries: [Entry] = []
        for result in parsed {
            diagnostics += result.diagnostics
            if let provider = result.provider { providers.append(provider) }
            if var entry = result.entry {
                if let known = dates.files[entry.source.relativePath] {
                    entry.created = known.created
                    if entry.updated == nil { entry.updated = known.updated }
                }
                entries.append(entry)
            }
        }
        let graph = KnowledgeGraph(configuration: configuration, providers: providers, entries: entries)
        var entryFiles: [ProviderID: Int] = [:]
        for file in files {
            if case .entry(let id) = file.role { entryFiles[id.provider, default: 0] += 1 }
        }
        diagnostics += GraphValidator(graph: graph, entryFilesPerProvider: entryFiles, today: today).validate()
        diagnostics += dates.diagnostics(for: graph.entries, contentDisplayPath: workspace.displayRoot)
        return LoadResult(graph: graph, diagnostics: diagnostics.sortedForReport(), changes: .none)
    }

    /// One file's outcome: a provider or an entry, and its problems.
    struct ParsedFile: Sendable {
        var provider: Provider?
        var entry: Entry?
        var diagnostics: [Diagnostic]
    }

    static func parse(_ file: ContentFiles.File, categories: [Category]) -> ParsedFile {
        let path = file.source.displayPath
        let bytes: [UInt8]
        do {
            bytes = try file.readBytes(limit: maximumFileSize)
        } catch ContentFiles.ReadError.tooLarge(let size) {
            return ParsedFile(diagnostics: [.fileTooLarge(path: path, bytes: size)])
        } catch ContentFiles.ReadError.system(let reason) {
            return ParsedFile(diagnostics: [.unreadableFile(path: path, reason: reason)])
        } catch {
            return ParsedFile(diagnostics: [.unreadableFile(path: path, reason: "\(error)")])
        }
        return parse(bytes: bytes, source: file.source, role: file.role, categories: categories)
    }

    /// One file's bytes as a provider or an entry, with every problem in them. No disk access,
    /// so the fuzzers can hand bytes in directly.
    static func parse(bytes: [UInt8], source: SourceFile, role: ContentFiles.Role, categories: [Category]) -> ParsedFile {
        let path = source.displayPath
        let text: String
        switch SourceText.decode(bytes) {
        case .success(let source): text = source.text
        case .failure(.invalidUTF8(let position)):
            return ParsedFile(diagnostics: [.invalidUTF8(path: path, at: position)])
        }
        let split: FrontMatterSplit
        switch FrontMatterSplit.split(text) {
        case .success(let value): split = value
        case .failure(.empty): return ParsedFile(diagnostics: [.emptyFile(path: path)])
        case .failure(.missingOpening): return ParsedFile(diagnostics: [.missingFrontMatter(path: path)])
        case .failure(.neverCloses): return ParsedFile(diagnostics: [.unclosedFrontMatter(path: path)])
        }
        switch role {
        case .provider(let id):
            let (provider, diagnostics) = ProviderParser().parse(id: id, source: source, split: split)
            return ParsedFile(provider: provider, diagnostics: diagnostics)
        case .entry(let id):
            var (entry, diagnostics) = EntryParser(categories: categories).parse(id: id, source: source, split: split)
            // `kb new` marks what the author must write; a marker left in is not a finished entry.
            if let position = firstPlaceholder(in: text) {
                diagnostics.append(.placeholderLeft(EntrySkeleton.marker, path: path, at: position))
                entry = nil
            }
            return ParsedFile(entry: entry, diagnostics: diagnostics)
        }
    }

    /// Where the first `TODO:` placeholder stands, if any.
    static func firstPlaceholder(in text: String) -> SourcePosition? {
        let needle = Array("\(EntrySkeleton.marker):".utf8)
        var line = 1, column = 1
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            if bytes[index] == needle[0], index + needle.count <= bytes.count, Array(bytes[index..<(index + needle.count)]) == needle {
                return SourcePosition(line: line, column: column)
            }
            if bytes[index] == 0x0A { line += 1; column = 1 } else { column += 1 }
            index += 1
        }
        return nil
    }
}

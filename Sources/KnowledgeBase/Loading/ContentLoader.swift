import Foundation
import Markdown

/// The outcome of loading a content folder: the graph of everything that parsed, and every
/// problem found on the way. A graph is always returned, so tools can show what is usable.
public struct LoadResult: Sendable {
    public var graph: KnowledgeGraph
    public var diagnostics: [Diagnostic]
}

/// Loads `Content/` (a folder per provider with `_index.md`, entries beside it) into a
/// `KnowledgeGraph`, and validates it the way DESIGN.md lists.
public struct ContentLoader {
    /// Entries are a page of text; anything larger is almost certainly not an entry.
    public static let maximumFileSize = 1 << 20

    public let contentDirectory: URL
    /// The folder as the user named it, so diagnostics show paths they can click.
    public let displayRoot: String
    public let configuration: SiteConfiguration
    /// Commit dates by file, for entries that do not set `updated` themselves.
    public var dates = GitDates()
    /// The day `verified` dates are compared with; a test fixes it, kb check uses today.
    public var today = Day.today

    public init(contentDirectory: URL, displayRoot: String? = nil, configuration: SiteConfiguration = .default) {
        self.contentDirectory = contentDirectory.standardizedFileURL
        var root = displayRoot ?? contentDirectory.path
        while root.count > 1 && root.hasSuffix("/") { root.removeLast() }
        self.displayRoot = root
        self.configuration = configuration
    }

    public func load() -> LoadResult {
        var diagnostics: [Diagnostic] = []
        let files = ContentFiles.discover(in: contentDirectory, displayRoot: displayRoot, diagnostics: &diagnostics)
        return assemble(files: files, parsed: Self.parseAll(files, categories: configuration.categories.map(\.id)), diagnostics: diagnostics)
    }

    /// Parses files on every core; the result is in the order of `files`.
    static func parseAll(_ files: [ContentFiles.File], categories: [Category]) -> [ParsedFile] {
        var parsed = [ParsedFile](repeating: ParsedFile(diagnostics: []), count: files.count)
        parsed.withUnsafeMutableBufferPointer { slots in
            let slots = UnsafeMutableSendableBuffer(slots)
            DispatchQueue.concurrentPerform(iterations: files.count) { index in
                slots.buffer[index] = Self.parse(files[index], categories: categories)
            }
        }
        return parsed
    }

    /// The graph of parsed files, dated from git, and validated as a whole. `kb serve` calls this
    /// with files it parsed earlier and kept, so one changed file costs one parse.
    func assemble(files: [ContentFiles.File], parsed: [ParsedFile], diagnostics: [Diagnostic]) -> LoadResult {
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
        diagnostics += GraphValidator(graph: graph, files: files, today: today).validate()
        diagnostics += dates.diagnostics(for: graph.entries, contentDisplayPath: displayRoot)
        return LoadResult(graph: graph, diagnostics: diagnostics.sortedForReport())
    }

    struct ParsedFile {
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
            let megabytes = String(format: "%.1f", Double(size) / 1_048_576)
            return ParsedFile(diagnostics: [.error("file is \(megabytes) MB; an entry may be at most 1 MB, split it or remove what is not an entry", path: path, at: .start)])
        } catch {
            return ParsedFile(diagnostics: [.error("cannot read file: \(error.localizedDescription)", path: path, at: .start)])
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
            return ParsedFile(diagnostics: [.error("file is not valid UTF-8 (first bad byte here); save it as UTF-8", path: path, at: position)])
        }
        let split: FrontMatterSplit
        switch FrontMatterSplit.split(text) {
        case .success(let value): split = value
        case .failure(.empty):
            return ParsedFile(diagnostics: [.error("file is empty; an entry starts with front-matter between '---' lines (see `kb new`)", path: path, at: .start)])
        case .failure(.missingOpening):
            return ParsedFile(diagnostics: [.error("file does not start with front-matter; put '---' on the first line, the keys, then '---'", path: path, at: .start)])
        case .failure(.neverCloses):
            return ParsedFile(diagnostics: [.error("front-matter opened here never closes; add a '---' line after the last key", path: path, at: .start)])
        }
        switch role {
        case .provider(let id):
            let (provider, diagnostics) = ProviderParser().parse(id: id, source: source, split: split)
            return ParsedFile(provider: provider, diagnostics: diagnostics)
        case .entry(let id):
            var (entry, diagnostics) = EntryParser(categories: categories).parse(id: id, source: source, split: split)
            // `kb new` marks what the author must write; a marker left in is not a finished entry.
            if let position = firstPlaceholder(in: text) {
                diagnostics.append(.error("placeholder '\(EntrySkeleton.marker):' left from kb new; replace it with the real text", path: path, at: position))
                entry = nil
            }
            return ParsedFile(entry: entry, diagnostics: diagnostics)
        }
    }
}

/// Where the first `TODO:` placeholder stands, if any.
func firstPlaceholder(in text: String) -> SourcePosition? {
    let needle = Array("\(EntrySkeleton.marker):".utf8)
    var line = 1, column = 1
    let bytes = Array(text.utf8)
    var index = 0
    while index < bytes.count {
        if bytes[index] == needle[0], index + needle.count <= bytes.count, Array(bytes[index..<(index + needle.count)]) == needle {
            return SourcePosition(line: line, column: column)
        }
        if bytes[index] == 0x0A { line += 1; column = 1 } else if bytes[index] & 0xC0 != 0x80 { column += 1 }
        index += 1
    }
    return nil
}

/// Lets `concurrentPerform` write each result into its own slot without a lock.
struct UnsafeMutableSendableBuffer<Element>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Element>
    init(_ buffer: UnsafeMutableBufferPointer<Element>) { self.buffer = buffer }
}

import ArgumentParser
import Foundation
import KBContent
import KBCore
import KBSearch
import KBSite

struct Search: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Find the entry for a pasted error and show its causes and fixes.",
        discussion: """
        The text comes from the arguments, or from standard input when it is not a terminal \
        (or with `-`). API keys and tokens in the paste are masked in everything kb prints and \
        the paste is never written to disk.

        Exit status: 0 a match, 1 no match (like grep), 2 usage or content error.

        Examples:
          kb search "HTTP 401: Invalid Authentication"
          python app.py 2>&1 | kb search
          kb search --json --limit 5 < error.log
          kb search --provider anthropic overloaded
        """
    )

    @Argument(help: ArgumentHelp("The error text; `-` or nothing to read standard input.", valueName: "text"))
    var text: [String] = []

    @OptionGroup var options: ContentOptions

    @Flag(help: "Print the results as JSON.")
    var json = false

    @Option(help: "How many results at most.")
    var limit = 3

    @Option(help: ArgumentHelp("Only entries of this provider.", valueName: "id"))
    var provider: String?

    @Flag(help: "Show the evidence behind each result as numbers: each feature, its weight and the score.")
    var explain = false

    func validate() throws {
        guard limit >= 1 else { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        let paste = try readPaste()
        guard paste.contains(where: { !$0.isWhitespace }) else {
            throw ValidationError("nothing to search: pass the error text, or pipe it in (cmd 2>&1 | kb search)")
        }
        let opened = try SearchSetup.openIndex(options)
        let ranker = Ranker(index: opened.index)
        if let provider, !ranker.providers.contains(provider) {
            throw ValidationError(Suggestions.unknown("provider", provider, among: ranker.providers))
        }
        let answer = ranker.search(paste, limit: limit, provider: provider)
        if json {
            Output.print(SearchReport.json(answer, index: opened.index))
        } else if answer.results.isEmpty {
            if explain { Output.error(closestCandidates(ranker, paste: paste)) }
            if let note = SearchReport.uncertaintyNote(answer.uncertainty, found: false) { Output.error("kb: \(note)\n") }
            Output.error("kb: no entry matches this text. Try fewer lines around the error, or kb list to browse.\n")
        } else {
            let statusStep = answer.results.first.flatMap { opened.index.statusStep(for: $0.document) }
            Output.print(SearchReport.text(answer, style: .init(color: Terminal.wantsColor(FileHandle.standardOutput)), explain: explain ? ranker.parameters : nil, statusStep: statusStep))
        }
        if answer.results.isEmpty { throw ExitCode(1) }
    }

    /// For `--explain` when nothing was certain: the candidates that came closest and why.
    private func closestCandidates(_ ranker: Ranker, paste: String) -> String {
        let reading = ranker.read(ranker.analyse(paste), provider: provider)
        let ranking = ranker.rank(reading, parameters: ranker.parameters)
        var lines = ["kb: nothing certain: \(SearchReport.percent(ranking.confidence)) confidence, \(SearchReport.percent(ranker.parameters.threshold)) needed; the closest:"]
        for item in ranking.order.prefix(3) {
            let candidate = reading.candidates[item.candidate]
            let result = Ranker.Result(document: ranker.index.document(candidate.document), score: item.probability, matched: [], features: candidate.features)
            lines.append("  \(result.document.id)  \(SearchReport.percent(item.probability))")
            lines += SearchReport.explanation(result, parameters: ranker.parameters)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func readPaste() throws -> String {
        if !text.isEmpty && text != ["-"] { return text.joined(separator: " ") }
        if text.isEmpty && isatty(STDIN_FILENO) == 1 {
            throw ValidationError("nothing to search: pass the error text, or pipe it in (cmd 2>&1 | kb search)")
        }
        var input = PasteInput()
        let handle = FileHandle.standardInput
        while true {
            let chunk = handle.readData(ofLength: 1 << 16)
            if chunk.isEmpty { break }
            chunk.withUnsafeBytes { input.append($0) }
        }
        if input.wasTruncated {
            let megabytes = String(format: "%.1f", Double(input.totalBytes) / 1_048_576)
            Output.error("kb: read \(megabytes) MB; searching the last \(input.limit >> 20) MB, where errors usually are\n")
        }
        return input.text
    }
}

enum SearchSetup {
    /// Why no index could be opened, in words for the user.
    struct Failure: Error {
        var message: String
        /// The content's errors as `kb check` prints them, when that is why.
        var contentErrors: String?
    }

    /// The contract's order: --content, $KB_CONTENT, ./Content, the installed index, the index
    /// `kb update` downloaded. Notes (a rebuilt cache) go to `report`.
    /// - Parameter writingCache: false to write nothing: a current cached index is still used.
    static func open(_ options: ContentOptions, writingCache: Bool = true, report: (String) -> Void) throws(Failure) -> IndexStore.Opened {
        let environment = ProcessInfo.processInfo.environment
        let store = IndexStore(cacheDirectory: IndexStore.defaultCacheDirectory(environment: environment), builderStamp: InstalledFiles.stamp)
        let source: IndexStore.Source
        if let workspace = try? options.workspace() {
            source = .content(workspace)
        } else {
            let installed = IndexStore.installedIndex(executable: InstalledFiles.executable)
            let downloaded = IndexStore.downloadedIndex(environment: environment)
            guard let file = [installed, downloaded].first(where: { FileManager.default.fileExists(atPath: $0.path) }) else {
                throw Failure(message: "no knowledge base found: pass --content DIR, set KB_CONTENT, run kb in a folder with Content/, or run kb update URL")
            }
            source = .file(file)
        }
        do {
            let opened = try store.open(source, writingCache: writingCache)
            for note in opened.notes { report(note) }
            return opened
        } catch IndexStore.Failure.contentErrors(let result) {
            throw Failure(message: "the content has errors; fix them (kb check) and search again",
                          contentErrors: DiagnosticReport.text(result.diagnostics.filter { $0.severity == .error }, graph: result.graph))
        } catch let failure as IndexStore.Failure {
            throw Failure(message: failure.description)
        } catch {
            throw Failure(message: "\(error)")
        }
    }

    /// `open` for a command: notes and content errors on standard error, a usage error (exit 2)
    /// when there is no index.
    static func openIndex(_ options: ContentOptions) throws -> IndexStore.Opened {
        do {
            return try open(options) { Output.error("kb: \($0)\n") }
        } catch {
            if let errors = error.contentErrors {
                Output.error(errors)
                Output.error("kb: \(error.message)\n")
                throw ExitCode(2)
            }
            throw ValidationError(error.message)
        }
    }
}

enum Terminal {
    /// Colour only on a terminal, and never with NO_COLOR set (no-color.org).
    static func wantsColor(_ handle: FileHandle) -> Bool {
        if let noColor = ProcessInfo.processInfo.environment["NO_COLOR"], !noColor.isEmpty { return false }
        if ProcessInfo.processInfo.environment["TERM"] == "dumb" { return false }
        return isatty(handle.fileDescriptor) == 1
    }
}

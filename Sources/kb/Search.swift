import ArgumentParser
import Foundation
import KnowledgeBase

struct Search: ParsableCommand {
    static let configuration = CommandConfiguration(
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

    func validate() throws {
        guard limit >= 1 else { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        let paste = try readPaste()
        guard paste.contains(where: { !$0.isWhitespace }) else {
            throw ValidationError("nothing to search: pass the error text, or pipe it in (cmd 2>&1 | kb search)")
        }
        let graph = try options.loadValidGraph()
        if let provider, graph.provider(ProviderID(provider)) == nil {
            throw ValidationError(Suggestions.unknown("provider", provider, among: graph.providers.map(\.id.rawValue)))
        }
        let ranker = Ranker(index: SearchIndexBuilder.build(graph))
        let results = ranker.search(paste, limit: limit, provider: provider)
        if json {
            Output.print(SearchReport.json(results))
        } else if results.isEmpty {
            Output.error("kb: no entry matches this text. Try fewer lines around the error, or kb list to browse.\n")
        } else {
            Output.print(SearchReport.text(results, style: .init(color: Terminal.wantsColor(FileHandle.standardOutput))))
        }
        if results.isEmpty { throw ExitCode(1) }
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

enum Terminal {
    /// Colour only on a terminal, and never with NO_COLOR set (no-color.org).
    static func wantsColor(_ handle: FileHandle) -> Bool {
        if let noColor = ProcessInfo.processInfo.environment["NO_COLOR"], !noColor.isEmpty { return false }
        if ProcessInfo.processInfo.environment["TERM"] == "dumb" { return false }
        return isatty(handle.fileDescriptor) == 1
    }
}

import ArgumentParser
import Foundation
import KBContent
import KBCore
import KBSearch
import KBSite

struct Index: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Build the search index of the content now (kb search also does it when the content changed).",
        discussion: """
        Without --output the index goes to kb's cache ($XDG_CACHE_HOME/kb or ~/.cache/kb), \
        where kb search looks for it.

        Examples:
          kb index
          kb index --output share/kb/index.kbix
        """
    )

    @OptionGroup var options: ContentOptions

    @Option(help: ArgumentHelp("Write the index to this file instead of the cache.", valueName: "file"))
    var output: String?

    func run() throws {
        let workspace = try options.workspace()
        let result = workspace.load()
        if result.diagnostics.hasErrors {
            Output.error(DiagnosticReport.text(result.diagnostics.filter { $0.severity == .error }, graph: result.graph))
            throw ExitCode(2)
        }
        let store = IndexStore(cacheDirectory: IndexStore.defaultCacheDirectory(environment: ProcessInfo.processInfo.environment), builderStamp: InstalledFiles.stamp)
        let index = SearchIndexBuilder.build(result.graph, fingerprint: store.fingerprint(of: workspace))
        let target = output.map { URL(fileURLWithPath: $0) } ?? store.cacheFile(for: workspace)
        try IndexStore.writeAtomically(index.bytes, to: target)
        Output.error("kb: indexed \(index.documentCount) entries into \(target.path) (\(index.bytes.count / 1024) KB)\n")
    }
}

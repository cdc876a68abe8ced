import ArgumentParser
import KBContent
import KBCore
import KBSearch
import KBSite

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate the knowledge base and report every problem with its file, line and column.",
        discussion: """
        Exit status: 0 clean (warnings allowed), 1 errors, 2 usage.

        Examples:
          kb check
          kb check Content
          kb check --content ../other-kb --format json
          kb check --format github        in a GitHub Actions job: annotations on the diff
          kb check --changed-since origin/main   only what a pull request touches
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, github
    }

    @Argument(help: ArgumentHelp("The knowledge base folder; same as --content.", valueName: "dir"))
    var folder: String?

    @OptionGroup var options: ContentOptions

    @Option(help: "Output format: text (path:line:col: error: message), json, or github (GitHub Actions annotations).")
    var format: Format = .text

    @Option(help: ArgumentHelp("Report only what a change since this git ref touches (its files and the entries pointing at them).", valueName: "ref"))
    var changedSince: String?

    func run() throws {
        let workspace = try options.workspace(positional: folder)
        var result = workspace.load()
        if let changedSince {
            do {
                let changed = try ChangedFiles.since(changedSince, contentDirectory: workspace.contentDirectory)
                result.diagnostics = ChangedFiles.relevant(result.diagnostics, changed: changed, graph: result.graph, displayRoot: workspace.displayRoot)
            } catch {
                throw ValidationError("\(error)")
            }
        }
        switch format {
        case .text: Output.error(DiagnosticReport.text(result.diagnostics, graph: result.graph))
        case .json: Output.print(DiagnosticReport.json(result.diagnostics, graph: result.graph))
        case .github: Output.print(DiagnosticReport.github(result.diagnostics, graph: result.graph))
        }
        if result.diagnostics.hasErrors { throw ExitCode(1) }
    }
}

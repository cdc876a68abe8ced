import ArgumentParser
import Foundation
import KBContent
import KBCore
import KBSearch
import KBSite

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the static site: a page per entry, provider, category and HTTP status, with search.",
        discussion: """
        Renders Content/ into site/ (beside Content/) with kb's built-in templates, or with \
        those of Templates/ where a file there replaces one (copy a built-in template from the \
        kb repository's Templates/ to change it). The new \
        site is built in a temporary folder and swapped in at the end; any error leaves the \
        previous site untouched. The same input gives the same bytes.

        Examples:
          kb build
          kb build --base-url https://example.org/kb/
          kb build --content ../my-kb/Content --output /tmp/site
        """
    )

    @OptionGroup var options: ContentOptions

    @Option(help: ArgumentHelp("A templates folder that replaces kb's built-in templates file by file (default: Templates/ beside the content folder, when there is one).", valueName: "dir"))
    var templates: String?

    @Option(help: ArgumentHelp("Where to write the site (default: site/ beside the content folder).", valueName: "dir"))
    var output: String?

    @Option(help: ArgumentHelp("The URL the site is published at, for the sitemap, feed and canonical links (default: base_url in kb.yml).", valueName: "url"))
    var baseURL: String?

    @Flag(help: "Print how long each phase took.")
    var verbose = false

    func validate() throws {
        if let baseURL, !WebAddress.isBase(baseURL) {
            throw ValidationError("--base-url '\(baseURL)' must be an http:// or https:// address, or a path starting with '/'")
        }
    }

    func run() throws {
        let workspace = try options.workspace()
        let repositoryRoot = workspace.contentDirectory.deletingLastPathComponent()
        let templatesFolder = try options.templatesFolder(explicit: templates, workspace: workspace)
        let outputURL = output.map { URL(fileURLWithPath: $0) } ?? repositoryRoot.appendingPathComponent("site")
        let outputDisplay = output ?? ContentOptions.displayPath(workspace, beside: "site")
        var session = SiteSession(
            content: ContentPipeline(workspace: workspace), templatesDirectory: templatesFolder.url, templatesDisplayPath: templatesFolder.display,
            output: outputURL, options: SiteOptions(baseURL: baseURL, contentPath: workspace.contentDirectory.lastPathComponent)
        )
        let started = Date()
        let update = session.refresh()
        if !update.diagnostics.isEmpty { Output.error(DiagnosticReport.text(update.diagnostics, graph: update.graph)) }
        guard update.outcome == .rebuilt else {
            let reason = update.writeError.map { "kb: \($0)\n" } ?? ""
            Output.error("\(reason)kb: build failed; \(outputDisplay)/ was left untouched\n")
            throw ExitCode(1)
        }
        let seconds = Date().timeIntervalSince(started)
        if verbose {
            for (phase, time) in update.timings { Output.error(String(format: "  %6.3f s  %@\n", time, phase)) }
        }
        Output.print("kb: built \(update.pageCount) pages from \(update.graph.entries.count) entries into \(outputDisplay)/ (\(update.fileCount) files, \(String(format: "%.2f", seconds)) s)\n")
    }
}

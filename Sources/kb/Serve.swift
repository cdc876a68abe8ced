import ArgumentParser
import Dispatch
import Foundation
import KnowledgeBase
import PreviewServer

struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Preview the site while you write: rebuilt on every change, pages reload by themselves.",
        discussion: """
        Builds the site into a temporary folder and serves it on 127.0.0.1 only. Every change \
        under Content/, Templates/ or to kb.yml rebuilds the pages it touches, and open pages \
        reload. A change with errors shows them in the terminal and as an overlay on the page, \
        while the last good build stays served.

        Examples:
          kb serve
          kb serve --port 8080
          kb serve --port 0          any free port; the address is printed
        """
    )

    @OptionGroup var options: ContentOptions

    @Option(help: ArgumentHelp("The templates folder (default: Templates/ beside the content folder).", valueName: "dir"))
    var templates: String?

    @Option(help: ArgumentHelp("The port on 127.0.0.1 (0 picks a free one).", valueName: "port"))
    var port: UInt16 = 8000

    @Flag(help: "Print how long each phase of every rebuild took.")
    var verbose = false

    func run() throws {
        let workspace = try options.workspace()
        let templatesFolder = try options.templatesFolder(explicit: templates, workspace: workspace)
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("kb-serve-\(ProcessInfo.processInfo.processIdentifier)")
        let folder = scratch.appendingPathComponent("site")
        let server = PreviewServer(port: port, folder: folder, watchingFolders: [workspace.contentDirectory, templatesFolder.url], files: [workspace.configurationFile]) { address in
            PreviewSite(
                workspace: workspace, templatesDirectory: templatesFolder.url, templatesDisplayPath: templatesFolder.display,
                output: folder, options: SiteBuilder.Options(baseURL: address.absoluteString, contentPath: workspace.contentDirectory.lastPathComponent)
            )
        }
        let verbose = verbose, port = port
        Task {
            do {
                try await server.run { event in ServeReport.print(event, verbose: verbose) }
            } catch {
                Output.error("kb: cannot serve on 127.0.0.1:\(port): \(error.localizedDescription); is another server using it? Pass --port N, or --port 0 for any free port\n")
                SiteCleanup.remove(scratch)
                Foundation.exit(1)
            }
        }
        // Ctrl-C (or a service manager's TERM): stop serving and leave no temporary files behind.
        var sources: [DispatchSourceSignal] = []
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .main)
            source.setEventHandler {
                // Exiting ends the server; cancelling its task first would race this handler
                // with the task's own failure path.
                SiteCleanup.remove(scratch)
                Output.error("\nkb: stopped\n")
                Foundation.exit(0)
            }
            source.resume()
            sources.append(source)
        }
        withExtendedLifetime(sources) { dispatchMain() }
    }
}

/// What `kb serve` prints: the address once, then a line per rebuild, errors in full.
enum ServeReport {
    static func print(_ event: PreviewServer.Event, verbose: Bool) {
        switch event {
        case .listening(let address):
            Output.print("kb: serving at \(address.absoluteString) (Ctrl-C to stop)\n")
        case .built(let update):
            let milliseconds = Int((update.seconds * 1000).rounded())
            let what = update.changedFiles.isEmpty ? "" : "\(summary(update.changedFiles)): "
            let warnings = update.diagnostics.filter { $0.severity != .error }
            switch update.outcome {
            case .rebuilt:
                if !warnings.isEmpty { Output.error(DiagnosticReport.text(warnings, graph: update.graph)) }
                Output.print("kb: \(what)built \(update.graph.entries.count) entries in \(milliseconds) ms\n")
            case .updated:
                Output.print("kb: \(what)updated \(update.written.count) files\(update.removed.isEmpty ? "" : ", removed \(update.removed.count)") in \(milliseconds) ms\n")
            case .unchanged:
                if !update.changedFiles.isEmpty { Output.print("kb: \(what)no page changed\n") }
            case .failed:
                Output.error(DiagnosticReport.text(update.diagnostics.filter { $0.severity == .error }, graph: update.graph))
                if let writeError = update.writeError { Output.error("kb: \(writeError)\n") }
                Output.error("kb: \(what)not built; the pages show the last good build and these errors\n")
            }
            printTimings(update, verbose: verbose)
        case .listingsUpdated(let update):
            if let writeError = update.writeError { Output.error("kb: search index not updated: \(writeError)\n") }
            printTimings(update, verbose: verbose)
        }
    }

    private static func printTimings(_ update: PreviewSite.Update, verbose: Bool) {
        guard verbose else { return }
        for (phase, time) in update.timings { Output.error(String(format: "  %7.1f ms  %@\n", time * 1000, phase)) }
    }

    private static func summary(_ files: [String]) -> String {
        files.count <= 3 ? files.joined(separator: ", ") : "\(files.prefix(2).joined(separator: ", ")) and \(files.count - 2) more"
    }
}

enum SiteCleanup {
    static func remove(_ folder: URL) {
        try? FileManager.default.removeItem(at: folder)
    }
}

import ArgumentParser
import Dispatch
import Foundation
import KBCommandLine
import KBContent
import KBCore
import KBPreviewServer
import KBSite

/// `kb serve`'s server: kb checks the options and starts this program with them; it parses them
/// with the same option group (`ServeOptions`). Not meant to be run by hand, but it works so.
@main
struct KBServe: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kb-serve",
        abstract: "The server behind kb serve; run kb serve instead."
    )

    @OptionGroup var options: ServeOptions

    func run() async throws {
        let (workspace, templates, templatesDisplay) = try options.resolve()
        let verbose = options.verbose
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("kb-serve-\(ProcessInfo.processInfo.processIdentifier)")
        let folder = scratch.appendingPathComponent("site")
        let server = PreviewServer(port: options.port, folder: folder, watchingFolders: [workspace.contentDirectory] + (templates.map { [$0] } ?? []), files: [workspace.configurationFile]) { address in
            SiteSession(
                content: ContentPipeline(workspace: workspace), templatesDirectory: templates, templatesDisplayPath: templatesDisplay,
                output: folder, options: SiteOptions(baseURL: address.absoluteString, contentPath: workspace.contentDirectory.lastPathComponent), live: true
            )
        }
        let serving = Task { try await server.run { event in ServeReport.print(event, verbose: verbose) } }
        // Ctrl-C (or a service manager's TERM) cancels the server's task; its children stop, and
        // the temporary site is removed below, on the way out.
        let signals = [SIGINT, SIGTERM].map { number -> any DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .main)
            source.setEventHandler { serving.cancel() }
            source.resume()
            return source
        }
        defer { signals.forEach { $0.cancel() } }
        let result = await serving.result
        try? FileManager.default.removeItem(at: scratch)
        switch result {
        case .success:
            Output.error("\nkb: stopped\n")
        case .failure where serving.isCancelled:
            Output.error("\nkb: stopped\n")
        case .failure(let error):
            Output.error("kb: cannot serve on 127.0.0.1:\(options.port): \(error.localizedDescription); is another server using it? Pass --port N, or --port 0 for any free port\n")
            throw ExitCode(1)
        }
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

    private static func printTimings(_ update: SiteSession.Update, verbose: Bool) {
        guard verbose else { return }
        for (phase, time) in update.timings { Output.error(String(format: "  %7.1f ms  %@\n", time * 1000, phase)) }
    }

    private static func summary(_ files: [String]) -> String {
        files.count <= 3 ? files.joined(separator: ", ") : "\(files.prefix(2).joined(separator: ", ")) and \(files.count - 2) more"
    }
}

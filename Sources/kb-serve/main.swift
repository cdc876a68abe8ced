import Dispatch
import Foundation
import KnowledgeBase
import PreviewServer

// `kb serve`'s server. kb checks the options and starts this program with them in a fixed order:
//   kb-serve PORT CONTENT-DIR CONTENT-DISPLAY TEMPLATES-DIR TEMPLATES-DISPLAY verbose|quiet
// It is not meant to be run by hand.

enum Output {
    static func print(_ text: String) { FileHandle.standardOutput.write(Data(text.utf8)) }
    static func error(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }
}

let arguments = CommandLine.arguments
guard arguments.count == 7, let port = UInt16(arguments[1]) else {
    Output.error("kb-serve is started by `kb serve`; run that instead\n")
    exit(2)
}
let workspace = Workspace(contentDirectory: URL(fileURLWithPath: arguments[2]), displayRoot: arguments[3])
let templatesDirectory = URL(fileURLWithPath: arguments[4]), templatesDisplay = arguments[5]
let verbose = arguments[6] == "verbose"

let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("kb-serve-\(ProcessInfo.processInfo.processIdentifier)")
let folder = scratch.appendingPathComponent("site")
let server = PreviewServer(port: port, folder: folder, watchingFolders: [workspace.contentDirectory, templatesDirectory], files: [workspace.configurationFile]) { address in
    PreviewSite(
        workspace: workspace, templatesDirectory: templatesDirectory, templatesDisplayPath: templatesDisplay,
        output: folder, options: SiteBuilder.Options(baseURL: address.absoluteString, contentPath: workspace.contentDirectory.lastPathComponent)
    )
}
Task {
    do {
        try await server.run { event in ServeReport.print(event, verbose: verbose) }
    } catch {
        Output.error("kb: cannot serve on 127.0.0.1:\(port): \(error.localizedDescription); is another server using it? Pass --port N, or --port 0 for any free port\n")
        SiteCleanup.remove(scratch)
        exit(1)
    }
}
// Ctrl-C (or a service manager's TERM): stop serving and leave no temporary files behind.
// Exiting ends the server; cancelling its task first would race this handler with the task's
// own failure path.
var signalSources: [DispatchSourceSignal] = []
for signalNumber in [SIGINT, SIGTERM] {
    signal(signalNumber, SIG_IGN)
    let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .main)
    source.setEventHandler {
        SiteCleanup.remove(scratch)
        Output.error("\nkb: stopped\n")
        exit(0)
    }
    source.resume()
    signalSources.append(source)
}
withExtendedLifetime(signalSources) { dispatchMain() }

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

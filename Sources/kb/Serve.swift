import ArgumentParser
import Dispatch
import Foundation
import KnowledgeBase

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
        // The server is the program beside kb (see Package.swift for why); it gets the checked
        // options in a fixed order and takes over this process.
        let server = InstalledFiles.executable.deletingLastPathComponent().appendingPathComponent("kb-serve")
        guard FileManager.default.isExecutableFile(atPath: server.path) else {
            throw ValidationError("kb serve needs the kb-serve program beside kb (\(server.path)); build it with `swift build --product kb-serve` or reinstall with `make install`")
        }
        let arguments = [server.path, String(port), workspace.contentDirectory.path, workspace.displayRoot,
                         templatesFolder.url.path, templatesFolder.display, verbose ? "verbose" : "quiet"]
        let argv = arguments.map { strdup($0) } + [nil]
        execv(server.path, argv)
        throw ValidationError("could not start \(server.path): \(String(cString: strerror(errno)))")
    }
}


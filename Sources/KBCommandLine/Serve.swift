public import ArgumentParser
public import Foundation
public import KBContent

/// The options of `kb serve`, which kb checks and kb-serve (the program that serves) parses
/// again: the same option group on both sides, so they cannot disagree.
public struct ServeOptions: ParsableArguments {
    @OptionGroup var content: ContentOptions

    @Option(help: ArgumentHelp("A templates folder that replaces kb's built-in templates file by file (default: Templates/ beside the content folder, when there is one).", valueName: "dir"))
    var templates: String?

    @Option(help: ArgumentHelp("The port on 127.0.0.1 (0 picks a free one).", valueName: "port"))
/// The port on 127.0.0.1; 0 picks a free one.
    public var port: UInt16 = 8000

    @Flag(help: "Print how long each phase of every rebuild took.")
/// Whether to print each phase of every rebuild.
    public var verbose = false

/// Options as swift-argument-parser makes them.
    public init() {}

    /// The knowledge base and templates the options name, or a usage error.
    /// The templates are nil when the project has none and the built-in ones serve.
    public func resolve() throws -> (workspace: Workspace, templates: URL?, templatesDisplay: String) {
        let workspace = try content.workspace()
        let folder = try content.templatesFolder(explicit: templates, workspace: workspace)
        return (workspace, folder.url, folder.display)
    }
}

struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Preview the site while you write: rebuilt on every change, pages reload by themselves.",
        discussion: """
        Builds the site into a temporary folder and serves it on 127.0.0.1 only. Every change \
        under Content/, Templates/ or to kb.yml rebuilds the pages it touches, and open pages \
        reload. A change with errors shows them in the terminal and as an overlay on the page, \
        while the last good build stays served. Ctrl-C stops it and removes the folder.

        Examples:
          kb serve
          kb serve --port 8080
          kb serve --port 0          any free port; the address is printed
        """
    )

    @OptionGroup var options: ServeOptions

    func run() throws {
        _ = try options.resolve()
        // The server is the program beside kb (see Package.swift for why). It parses the same
        // options, so it gets them as they were written, and takes over this process.
        try SiblingProgram.exec("kb-serve", arguments: CommandLine.arguments.drop { $0 != "serve" }.dropFirst(), purpose: "kb serve")
    }
}

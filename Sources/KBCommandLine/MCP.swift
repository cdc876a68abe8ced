public import ArgumentParser
import Foundation

/// The options of `kb mcp`, which kb checks and kb-mcp (the server) parses again.
public struct MCPOptions: ParsableArguments {
    /// Which knowledge base the server answers from, found as `kb search` finds it.
    @OptionGroup public var content: ContentOptions

    /// Options as swift-argument-parser makes them.
    public init() {}
}

struct MCP: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp",
        abstract: "Serve the knowledge base to coding agents over MCP (the Model Context Protocol) on standard input and output.",
        discussion: """
        A coding agent starts `kb mcp` and asks it through two tools: search (the error text; \
        optional limit and provider) answers as `kb search --json` does, with the best result's \
        causes and fixes as text; show (an entry id) answers as `kb show` does. Every entry is \
        also a resource, kb://entry/<provider>/<slug>. The knowledge base is found as kb search \
        finds it (--content, $KB_CONTENT, ./Content, the installed index, kb update's). Keys in \
        the text are masked in every answer, and nothing is written to disk.

        An agent's MCP configuration (Claude Code's .mcp.json, Cursor's mcp.json, ...):
          {"mcpServers": {"kb": {"command": "kb", "args": ["mcp"]}}}

        Examples:
          kb mcp
          kb mcp --content ~/my-kb/Content
        """
    )

    @OptionGroup var options: MCPOptions

    func run() throws {
        try SiblingProgram.exec("kb-mcp", arguments: CommandLine.arguments.drop { $0 != "mcp" }.dropFirst(), purpose: "kb mcp")
    }
}

/// The programs installed beside kb that keep heavy libraries out of it (kb-serve brings
/// FlyingFox and libcurl, kb-mcp the MCP SDK): kb checks a command's options, then becomes the
/// program, which parses the same option group.
enum SiblingProgram {
    static func exec(_ name: String, arguments: some Sequence<String>, purpose: String) throws -> Never {
        let program = InstalledFiles.executable.deletingLastPathComponent().appendingPathComponent(name)
        guard FileManager.default.isExecutableFile(atPath: program.path) else {
            throw ValidationError("\(purpose) needs the \(name) program beside kb (\(program.path)); build it with `swift build --product \(name)` or reinstall with `make install`")
        }
        let argv = ([program.path] + Array(arguments)).map { strdup($0) } + [nil]
        execv(program.path, argv)
        throw ValidationError("could not start \(program.path): \(String(cString: strerror(errno)))")
    }
}

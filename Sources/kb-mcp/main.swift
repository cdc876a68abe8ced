import ArgumentParser
import KBCommandLine
import KBCore
import KBMCPServer

/// `kb mcp`'s server: kb execs this program with the same options (`MCPOptions`), so the MCP
/// stack (the SDK, swift-log, swift-system) stays out of the kb binary and a cold `kb search`.
@main
struct KBMCP: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kb-mcp",
        abstract: "The MCP server behind kb mcp; run kb mcp instead."
    )

    @OptionGroup var options: MCPOptions

    func run() async throws {
        // Standard output is the protocol's: notes and errors go to standard error, which MCP
        // clients show in their logs.
        let lookup: KnowledgeBaseLookup
        do {
            lookup = try KnowledgeBaseLookup.open(options.content, writingCache: false) { Output.error("kb mcp: \($0)\n") }
        } catch {
            Output.error("kb mcp: \(error)\n")
            throw ExitCode(2)
        }
        try await KnowledgeBaseServer.serveStandardIO(lookup, version: KnowledgeBaseVersion.current)
    }
}

import Foundation
public import ArgumentParser
import KBContent
import KBCore
import KBSearch
import KBSite

// Every command names itself (`commandName:`): deriving names from the type names cost a cold
// `kb search` about 1.5 ms of its 9.
/// The `kb` command and its subcommands.
public struct KB: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "kb",
        abstract: "A knowledge base of error messages: search it, build its site, check it.",
        discussion: """
        kb reads a folder of Markdown entries (Content/ by default, or --content DIR, or \
        $KB_CONTENT), one folder per provider, and builds a typed graph of errors, causes \
        and fixes.

        Examples:
          kb search "HTTP 401: Invalid Authentication"
          kb build                       the static site into site/
          kb check                       validate Content/ like a compiler
          kb list --provider moonshot    list one provider's entries
          kb graph --format dot | dot -Tsvg > graph.svg
        """,
        version: KnowledgeBaseVersion.current,
        subcommands: [Search.self, Show.self, Run.self, MCP.self, Build.self, Serve.self, Init.self, Update.self, New.self, Check.self, Explain.self, Stats.self, List.self, Graph.self, Index.self, Eval.self]
    )

/// The root command as swift-argument-parser makes it.
    public init() {}

    /// Parses the process's arguments, runs the command and exits: 0 success, 1 no match or
    /// errors found, 2 usage (swift-argument-parser would exit 64 on usage errors; kb's
    /// contract, like grep's, is 2).
    public static func runAsMain() -> Never {
        do {
            var command = try parseAsRoot()
            try command.run()
            Foundation.exit(0)
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

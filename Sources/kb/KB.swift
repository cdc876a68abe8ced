import ArgumentParser
import KnowledgeBase

// Every command names itself (`commandName:`): deriving names from the type names cost a cold
// `kb search` about 1.5 ms of its 9.
struct KB: ParsableCommand {
    static let configuration = CommandConfiguration(
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
        subcommands: [Search.self, Show.self, Build.self, Serve.self, Update.self, New.self, Check.self, Stats.self, List.self, Graph.self, Index.self, Eval.self]
    )
}

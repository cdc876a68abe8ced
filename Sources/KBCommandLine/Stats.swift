import ArgumentParser
import Foundation
import KBContent
import KBCore
import KBSearch
import KBSite

struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Coverage of the knowledge base: providers by categories, signatures per entry, stale entries.",
        discussion: """
        Examples:
          kb stats
          kb stats --json | jq '.providers[] | select(.entries < 6)'
        """
    )

    @OptionGroup var options: ContentOptions

    @Flag(help: "Print the figures as JSON.")
    var json = false

    func run() throws {
        let stats = KnowledgeBaseStats(try options.loadValidGraph())
        Output.print(json ? stats.json : stats.text)
    }
}

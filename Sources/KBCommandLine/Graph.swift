import ArgumentParser
import KBContent
import KBCore
import KBSearch
import KBSite

struct Graph: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph",
        abstract: "Print the knowledge graph: providers, entries and the edges between them.",
        discussion: """
        Edges: "related" as authors wrote them; "shared-signature" and "shared-http" derived \
        between entries of one provider.

        Examples:
          kb graph --format json | jq '.edges[] | select(.type == "related")'
          kb graph --format dot | dot -Tsvg > graph.svg
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json, dot
    }

    @OptionGroup var options: ContentOptions

    @Option(help: "json or dot (Graphviz).")
    var format: Format = .json

    func run() throws {
        let graph = try options.loadValidGraph()
        Output.print(format == .json ? GraphExport.json(graph) : GraphExport.dot(graph))
    }
}

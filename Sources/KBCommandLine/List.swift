import ArgumentParser
import KBContent
import KBCore
import KBSearch
import KBSite

struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List entries, optionally of one provider or category.",
        discussion: """
        Examples:
          kb list
          kb list --provider openai --category rate-limit
          kb list --json | jq '.[].id'
        """
    )

    @OptionGroup var options: ContentOptions

    @Option(help: ArgumentHelp("Only this provider's entries.", valueName: "id"))
    var provider: String?

    @Option(help: ArgumentHelp("Only entries of this category.", valueName: "category"))
    var category: String?

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func run() throws {
        let graph = try options.loadValidGraph()
        if let provider, graph.provider(ProviderID(provider)) == nil {
            throw ValidationError(Suggestions.unknown("provider", provider, among: graph.providers.map(\.id.rawValue)))
        }
        if let category, graph.configuration.category(Category(category)) == nil {
            throw ValidationError(Suggestions.unknown("category", category, among: graph.configuration.categories.map(\.id.rawValue)))
        }
        let entries = EntryListing.entries(in: graph, matching: .init(provider: provider.map(ProviderID.init), category: category.map(Category.init)))
        Output.print(json ? EntryListing.json(entries) : EntryListing.text(entries))
    }
}

enum Suggestions {
    static func unknown(_ noun: String, _ name: String, among names: [String]) -> String {
        "unknown \(noun) '\(name)'\(NearestName.didYouMean(NearestName.suggestion(for: name, among: names))) (known: \(names.joined(separator: ", ")))"
    }
}

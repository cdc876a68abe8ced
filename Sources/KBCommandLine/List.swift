import ArgumentParser
import KBContent
import KBCore
import KBSearch
import KBSite

struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the providers by kind, or the entries of a provider, kind or category.",
        discussion: """
        Without a filter, a knowledge base of several providers is listed as its providers, \
        grouped by kind (hosted APIs, gateways, local servers) with their entry counts; \
        --all lists every entry instead. --json always lists entries.

        Examples:
          kb list
          kb list --provider openai --category rate-limit
          kb list --kind local
          kb list --all | grep timeout
          kb list --json | jq '.[].id'
        """
    )

    @OptionGroup var options: ContentOptions

    @Option(help: ArgumentHelp("Only this provider's entries.", valueName: "id"))
    var provider: String?

    @Option(help: ArgumentHelp("Only entries of this category.", valueName: "category"))
    var category: String?

    @Option(help: ArgumentHelp("Only entries of providers of this kind: api, gateway or local.", valueName: "kind"))
    var kind: String?

    @Flag(help: "Every entry, one a line, rather than the providers.")
    var all = false

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
        var providerKind: Provider.Kind?
        if let kind {
            guard let known = Provider.Kind(rawValue: kind) else {
                throw ValidationError(Suggestions.unknown("kind", kind, among: Provider.Kind.allCases.map(\.rawValue)))
            }
            providerKind = known
        }
        let filter = EntryListing.Filter(provider: provider.map(ProviderID.init), category: category.map(Category.init), kind: providerKind)
        if !json, !all, filter.isEmpty, graph.providers.count > 1 {
            Output.print(EntryListing.providers(in: graph))
            return
        }
        let entries = EntryListing.entries(in: graph, matching: filter)
        Output.print(json ? EntryListing.json(entries) : EntryListing.text(entries))
    }
}

enum Suggestions {
    static func unknown(_ noun: String, _ name: String, among names: [String]) -> String {
        "unknown \(noun) '\(name)'\(NearestName.didYouMean(NearestName.suggestion(for: name, among: names))) (known: \(names.joined(separator: ", ")))"
    }
}

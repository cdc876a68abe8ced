import Foundation
import KBContent
import KBCore
import KBSearch
import KBSite
/// `kb list`: the providers by kind, or the entries, filtered, as a table or as JSON.
enum EntryListing {
    struct Filter: Sendable {
        var provider: ProviderID?
        var category: Category?
        /// Only providers of this kind.
        var kind: Provider.Kind?
        init(provider: ProviderID? = nil, category: Category? = nil, kind: Provider.Kind? = nil) {
            self.provider = provider
            self.category = category
            self.kind = kind
        }

        var isEmpty: Bool { provider == nil && category == nil && kind == nil }
    }

    static func entries(in graph: KnowledgeGraph, matching filter: Filter) -> [Entry] {
        let kinds = filter.kind.map { kind in Set(graph.providers.filter { $0.kind == kind }.map(\.id)) }
        return graph.entries.filter { entry in
            (filter.provider.map { entry.provider == $0 } ?? true) && (filter.category.map { entry.category == $0 } ?? true)
                && (kinds.map { $0.contains(entry.provider) } ?? true)
        }
    }

    /// The providers grouped by kind, as the site's home page groups them, each with its entry
    /// count and name, then how to list entries: what `kb list` prints for a knowledge base of
    /// several providers, which is a screen rather than hundreds of lines.
    static func providers(in graph: KnowledgeGraph) -> String {
        let idWidth = graph.providers.map(\.id.rawValue.count).max() ?? 0
        let counts = graph.providers.map { graph.entryCount(of: $0.id) }
        let countWidth = String(counts.max() ?? 0).count
        var lines: [String] = []
        for kind in Provider.Kind.allCases {
            let members = graph.providers.filter { $0.kind == kind }
            guard !members.isEmpty else { continue }
            let entries = members.reduce(0) { $0 + graph.entryCount(of: $1.id) }
            if !lines.isEmpty { lines.append("") }
            lines.append("\(kind.heading) (\(members.count == 1 ? "1 provider" : "\(members.count) providers"), \(entries == 1 ? "1 entry" : "\(entries) entries"))")
            for provider in members {
                let count = String(graph.entryCount(of: provider.id))
                lines.append("  " + provider.id.rawValue.padding(idWidth) + "  " + String(repeating: " ", count: countWidth - count.count) + count + "  " + provider.name)
            }
        }
        lines.append("")
        lines.append("\(graph.entries.count) entries of \(graph.providers.count) providers. One provider's entries: kb list --provider ID; every entry: kb list --all.")
        return lines.joined(separator: "\n") + "\n"
    }

    static func text(_ entries: [Entry]) -> String {
        let idWidth = entries.map(\.id.rawValue.count).max() ?? 0
        let categoryWidth = entries.map(\.category.rawValue.count).max() ?? 0
        return entries.map { entry in
            entry.id.rawValue.padding(idWidth) + "  " + entry.category.rawValue.padding(categoryWidth) + "  " + entry.title
        }.joined(separator: "\n") + (entries.isEmpty ? "" : "\n")
    }

    struct JSONEntry: Encodable {
        var id: String
        var title: String
        var provider: String
        var category: String
        var http: [Int]
        var signatures: [String]
        var related: [String]
        var tags: [String]
        var path: String
        var url: String
    }

    static func json(_ entries: [Entry]) -> String {
        JSONOutput.encode(entries.map(jsonEntry))
    }

    static func jsonEntry(_ entry: Entry) -> JSONEntry {
        JSONEntry(
            id: entry.id.rawValue, title: entry.title, provider: entry.provider.rawValue, category: entry.category.rawValue,
            http: entry.http.map(\.code), signatures: entry.signatures.map(\.text), related: entry.related.map(\.rawValue),
            tags: entry.tags.map(\.rawValue), path: entry.source.displayPath, url: "\(entry.id.rawValue)/"
        )
    }
}

extension String {
    func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}

import Foundation
import KBContent
import KBCore
import KBSearch
import KBSite
/// `kb list`: the entries, filtered, as a table or as JSON.
enum EntryListing {
    struct Filter: Sendable {
        var provider: ProviderID?
        var category: Category?
        init(provider: ProviderID? = nil, category: Category? = nil) {
            self.provider = provider
            self.category = category
        }
    }

    static func entries(in graph: KnowledgeGraph, matching filter: Filter) -> [Entry] {
        graph.entries.filter { entry in
            (filter.provider.map { entry.provider == $0 } ?? true) && (filter.category.map { entry.category == $0 } ?? true)
        }
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

import Foundation
import KBContent
import KBCore
import KBSearch
import KBSite

/// `kb stats`: how complete the knowledge base is: entries per provider and category, signatures
/// per entry, and the entries left untouched longest.
struct KnowledgeBaseStats: Sendable, Encodable {
    struct ProviderRow: Sendable, Encodable {
        var provider: String
        var entries: Int
        /// Entries per category id, every configured category present.
        var categories: [String: Int]
    }

    struct Stale: Sendable, Encodable {
        var id: String
        var updated: String?
    }

    var providers: [ProviderRow]
    var categories: [String]
    var entries: Int
    var signatures: Int
    var signaturesPerEntry: Double
    var fewestSignatures: [String]
    var longestUntouched: [Stale]

    init(_ graph: KnowledgeGraph, untouched: Int = 10) {
        categories = graph.configuration.categories.map(\.id.rawValue)
        providers = graph.providers.map { provider in
            let entries = graph.entries(of: provider.id)
            var counts: [String: Int] = [:]
            for category in graph.configuration.categories { counts[category.id.rawValue] = entries.filter { $0.category == category.id }.count }
            return ProviderRow(provider: provider.id.rawValue, entries: entries.count, categories: counts)
        }
        entries = graph.entries.count
        signatures = graph.entries.reduce(0) { $0 + $1.signatures.count }
        signaturesPerEntry = entries == 0 ? 0 : (Double(signatures) / Double(entries) * 10).rounded() / 10
        let least = graph.entries.map(\.signatures.count).min() ?? 0
        fewestSignatures = graph.entries.filter { $0.signatures.count == least }.map(\.id.rawValue)
        // Undated entries first (nobody knows when they were last looked at), then oldest.
        longestUntouched = graph.entries.sorted { a, b in
            switch (a.updated, b.updated) {
            case (nil, nil): return a.id < b.id
            case (nil, _): return true
            case (_, nil): return false
            case let (x?, y?): return x != y ? x < y : a.id < b.id
            }
        }.prefix(untouched).map { Stale(id: $0.id.rawValue, updated: $0.updated?.description) }
    }

    var text: String {
        let width = max(8, providers.map(\.provider.count).max() ?? 8)
        func pad(_ text: String, _ count: Int) -> String { text + String(repeating: " ", count: max(0, count - text.count)) }
        func short(_ category: String) -> String { String(category.prefix(6)) }
        var lines = ["Entries by provider and category (· none)", ""]
        lines.append(pad("provider", width) + "  total  " + categories.map { pad(short($0), 7) }.joined())
        for row in providers {
            let cells = categories.map { pad((row.categories[$0] ?? 0) == 0 ? "·" : String(row.categories[$0]!), 7) }.joined()
            lines.append(pad(row.provider, width) + "  " + pad(String(row.entries), 5) + "  " + cells)
        }
        lines.append("")
        lines.append("\(entries) entries, \(signatures) signatures, \(signaturesPerEntry) per entry")
        lines.append("fewest signatures: \(fewestSignatures.prefix(5).joined(separator: ", "))\(fewestSignatures.count > 5 ? " and \(fewestSignatures.count - 5) more" : "")")
        lines.append("")
        lines.append("Longest untouched:")
        for item in longestUntouched { lines.append("  \(item.updated ?? "no date  ")  \(item.id)") }
        return lines.joined(separator: "\n") + "\n"
    }

    var json: String { JSONOutput.encode(self) }
}

import Foundation
import KBContent
import KBCore
import KBSearch
import KBSite

/// `kb stats`: how complete the knowledge base is: entries per provider and category, signatures
/// per entry, the entries left untouched longest and those whose check against their sources is
/// oldest.
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

    struct Checked: Sendable, Encodable {
        var id: String
        /// The day the entry was last checked against its sources; nil when it says none.
        var verified: String?
        /// Days since then.
        var age: Int?
    }

    var providers: [ProviderRow]
    var categories: [String]
    var entries: Int
    var signatures: Int
    var signaturesPerEntry: Double
    var fewestSignatures: [String]
    var longestUntouched: [Stale]
    /// The entries whose check against their sources is oldest, oldest first.
    var oldestVerified: [Checked]
    /// How many entries were last verified more than `verifiedMaximumAge` days ago (or never):
    /// those `kb check` warns about.
    var staleVerified: Int
    var verifiedMaximumAge: Int

    /// - Parameter today: the day ages are counted to.
    init(_ graph: KnowledgeGraph, untouched: Int = 10, today: Day = .today) {
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
        // Unverified entries first, as above (kb check refuses them, but a graph may hold them).
        let byVerification = graph.entries.sorted { a, b in
            switch (a.verified, b.verified) {
            case (nil, nil): return a.id < b.id
            case (nil, _): return true
            case (_, nil): return false
            case let (x?, y?): return x != y ? x < y : a.id < b.id
            }
        }
        oldestVerified = byVerification.prefix(untouched).map {
            Checked(id: $0.id.rawValue, verified: $0.verified?.description, age: $0.verified.map { today.daysSinceEpoch - $0.daysSinceEpoch })
        }
        verifiedMaximumAge = Entry.verifiedMaximumAge
        staleVerified = graph.entries.filter { entry in
            entry.verified.map { today.daysSinceEpoch - $0.daysSinceEpoch > Entry.verifiedMaximumAge } ?? true
        }.count
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
        lines.append("")
        lines.append("Oldest checks against their sources (verified):")
        let ages = oldestVerified.map { $0.age.map(Self.ago) ?? "" }
        let ageWidth = ages.map(\.count).max() ?? 0
        for (item, age) in zip(oldestVerified, ages) {
            lines.append("  \(item.verified ?? "never     ")  " + String(repeating: " ", count: ageWidth - age.count) + age + "  \(item.id)")
        }
        let stale = staleVerified == 1 ? "1 entry" : "\(staleVerified) entries"
        lines.append("\(stale) verified more than \(verifiedMaximumAge) days ago or never" + (staleVerified == 0 ? "" : " (kb check warns about each)"))
        return lines.joined(separator: "\n") + "\n"
    }

    var json: String { JSONOutput.encode(self) }

    /// "today", "1 day ago", "200 days ago".
    static func ago(_ days: Int) -> String {
        switch days {
        case ..<0: "in the future"
        case 0: "today"
        case 1: "1 day ago"
        default: "\(days) days ago"
        }
    }
}

import KBCore
import KBMarkdown

/// The checks that need more than one file: `related` ids, signatures claimed twice within a
/// provider, providers without entries.
struct GraphValidator {
    let graph: KnowledgeGraph
    /// Counted from files, not parsed entries: a broken entry is reported on its own.
    let entryFilesPerProvider: [ProviderID: Int]
    let today: Day
    /// An entry checked longer ago than this is stale.
    static let verifiedMaximumAge = Entry.verifiedMaximumAge

    func validate() -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        lazy var allIDs = graph.entries.map(\.id.rawValue)
        for entry in graph.entries {
            let path = entry.source.displayPath
            if let verified = entry.verified, today.daysSinceEpoch - verified.daysSinceEpoch > Self.verifiedMaximumAge {
                let age = today.daysSinceEpoch - verified.daysSinceEpoch
                diagnostics.append(.staleVerification(age: age, verified: verified, path: path, range: entry.positions.values["verified"] ?? SourceRange(at: .start)))
            }
            for (index, target) in entry.related.enumerated() {
                let range = index < entry.positions.related.count ? entry.positions.related[index] : SourceRange(at: .start)
                if target == entry.id {
                    diagnostics.append(.relatedToItself(path: path, range: range))
                } else if graph.entry(target) == nil {
                    diagnostics.append(.unknownRelated(target, suggestion: NearestName.suggestion(for: target.rawValue, among: allIDs), path: path, range: range))
                }
            }
        }
        for provider in graph.providers where entryFilesPerProvider[provider.id] == nil {
            diagnostics.append(.providerWithoutEntries(provider.id, path: provider.source.displayPath))
        }
        // Entries are sorted by id, so each provider's come together: one pass, one table each.
        var claimedBy: [String: EntryID] = [:]
        var currentProvider: ProviderID?
        for entry in graph.entries {
            if entry.provider != currentProvider {
                claimedBy.removeAll(keepingCapacity: true)
                currentProvider = entry.provider
            }
            for (index, signature) in entry.signatures.enumerated() {
                let key = signature.matchKey
                guard !key.isEmpty else { continue }
                if let first = claimedBy[key], first != entry.id {
                    let range = index < entry.positions.signatures.count ? entry.positions.signatures[index] : SourceRange(at: .start)
                    diagnostics.append(.sharedSignature(signature, claimedBy: first, path: entry.source.displayPath, range: range))
                } else {
                    claimedBy[key] = entry.id
                }
            }
        }
        // Tags become folders: two spellings that differ only in case would be one folder on
        // macOS and Windows, and one page would overwrite the other.
        var tagSpelling: [String: (Tag, EntryID)] = [:]
        for entry in graph.entries {
            for (index, tag) in entry.tags.enumerated() {
                let key = tag.rawValue.lowercased()
                if let (first, owner) = tagSpelling[key], first != tag {
                    let range = index < entry.positions.tags.count ? entry.positions.tags[index] : SourceRange(at: .start)
                    diagnostics.append(.tagCaseCollision(tag, first: first, owner: owner, path: entry.source.displayPath, range: range))
                } else if tagSpelling[key] == nil {
                    tagSpelling[key] = (tag, entry.id)
                }
            }
        }
        return diagnostics
    }
}

import Markdown

/// The checks that need more than one file: `related` ids, signatures claimed twice within a
/// provider, providers without entries.
struct GraphValidator {
    let graph: KnowledgeGraph
    let files: [ContentFiles.File]
    let today: Day
    /// An entry checked longer ago than this is stale: providers change their errors that fast.
    static let verifiedMaximumAge = 180

    func validate() -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        lazy var allIDs = graph.entries.map(\.id.rawValue)
        for entry in graph.entries {
            let path = entry.source.displayPath
            if let verified = entry.verified, today.daysSinceEpoch - verified.daysSinceEpoch > Self.verifiedMaximumAge {
                let age = today.daysSinceEpoch - verified.daysSinceEpoch
                diagnostics.append(.warning("entry was last verified \(age) days ago (\(verified)); check its signatures against its sources again and set 'verified' to the day you did", path: path, at: entry.positions.keys["verified"] ?? .start))
            }
            for (index, target) in entry.related.enumerated() {
                let position = index < entry.positions.related.count ? entry.positions.related[index] : .start
                if target == entry.id {
                    diagnostics.append(.warning("entry lists itself in 'related'; remove it", path: path, at: position))
                } else if graph.entry(target) == nil {
                    let (message, fixIt) = NearestName.message("unknown related id '\(target)'", for: target.rawValue, among: allIDs)
                    diagnostics.append(.error(message, path: path, at: position, fixIt: fixIt))
                }
            }
        }
        var entryFiles: [ProviderID: Int] = [:]
        for file in files {
            if case .entry(let id) = file.role { entryFiles[id.provider, default: 0] += 1 }
        }
        for provider in graph.providers where entryFiles[provider.id] == nil {
            // Counted from files, not parsed entries: a broken entry is reported on its own.
            diagnostics.append(.warning("provider '\(provider.id)' has no entries yet", path: provider.source.displayPath, at: .start))
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
                    let position = index < entry.positions.signatures.count ? entry.positions.signatures[index] : .start
                    diagnostics.append(.warning("signature \"\(signature)\" is also claimed by \(first); search cannot tell the two apart by it", path: entry.source.displayPath, at: position))
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
                    let position = index < entry.positions.tags.count ? entry.positions.tags[index] : .start
                    diagnostics.append(.error("tag '\(tag)' differs from '\(first)' (used by \(owner)) only in case; their pages would collide on a case-insensitive file system, so write it '\(first)'", path: entry.source.displayPath, at: position, fixIt: .init(replacement: first.rawValue)))
                } else if tagSpelling[key] == nil {
                    tagSpelling[key] = (tag, entry.id)
                }
            }
        }
        return diagnostics
    }
}

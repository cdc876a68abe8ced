import KBCore

/// Links between entries, written the way they work on GitHub too (`../openai/rate-limit.md#fixes`):
/// checked against the graph at build time, and rewritten to the pages' addresses on the
/// Markdown tree before it is rendered (`href(for:in:)`).
struct EntryLinks: Sendable {
    let graph: KnowledgeGraph

    /// What is wrong with a link.
    enum Problem: Equatable {
        case empty
        case missingAnchor(String, in: EntryID?, suggestion: String?)
        case absolute(String)
        case leavesContent(String)
        case notAnEntry(String)
        case missingProvider(ProviderID, String)
        case missingEntry(EntryID, suggestion: String?)
    }

    /// Where a relative link points, by its path alone.
    enum Target: Equatable {
        /// A web address, or `#anchor` in the same entry: kept as written.
        case external
        case sameEntry(fragment: String)
        case entry(EntryID, fragment: String?)
        case provider(ProviderID, fragment: String?)
        case invalid(Problem)
    }

    /// Reads a link's destination, written in an entry of `provider`.
    static func target(of destination: String, from provider: ProviderID) -> Target {
        if destination.isEmpty { return .invalid(.empty) }
        if hasScheme(destination) || destination.hasPrefix("//") { return .external }
        var path = destination
        var fragment: String?
        if let hash = destination.firstIndex(of: "#") {
            fragment = String(destination[destination.index(after: hash)...])
            path = String(destination[..<hash])
        }
        if path.isEmpty { return fragment.map { .sameEntry(fragment: $0) } ?? .external }
        if path.hasPrefix("/") { return .invalid(.absolute(destination)) }
        // Resolve against the entry's folder, `Content/<provider>/`.
        var segments = [provider.rawValue]
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..":
                if segments.isEmpty { return .invalid(.leavesContent(destination)) }
                segments.removeLast()
            default: segments.append(String(segment))
            }
        }
        guard segments.count == 2, segments[1].hasSuffix(".md") else { return .invalid(.notAnEntry(destination)) }
        let file = String(segments[1].dropLast(3))
        if file == "_index" { return .provider(ProviderID(segments[0]), fragment: fragment) }
        return .entry(EntryID(provider: ProviderID(segments[0]), slug: file), fragment: fragment)
    }

    /// The address an entry page's link goes to, or nil to keep the destination as written.
    /// Only the path decides: whether the target exists is `check`'s business, and a page whose
    /// links are broken is never written.
    static func href(for destination: String, from provider: ProviderID) -> String? {
        switch target(of: destination, from: provider) {
        case .entry(let id, let fragment): "../../" + SitePage.entry(id).url + (fragment.map { "#" + $0 } ?? "")
        case .provider(let id, let fragment): "../../" + SitePage.provider(id).url + (fragment.map { "#" + $0 } ?? "")
        case .external, .sameEntry, .invalid: nil
        }
    }

    /// An entry's anchors: its sections, FAQ questions and the related block. Worked out when a
    /// link needs them rather than for every entry up front: few entries link anywhere.
    func anchors(of id: EntryID) -> Set<String>? {
        guard let entry = graph.entry(id) else { return nil }
        let layout = EntryAnchors(entry)
        return Set(layout.sections + layout.questions + EntryAnchors.linkable)
    }

    /// What is wrong with a link in `entry`, or nil when it resolves.
    func problem(with destination: String, in entry: Entry) -> Problem? {
        switch Self.target(of: destination, from: entry.provider) {
        case .external: return nil
        case .invalid(let problem): return problem
        case .sameEntry(let fragment):
            let own = anchors(of: entry.id) ?? []
            return own.contains(fragment) ? nil : .missingAnchor(fragment, in: nil, suggestion: Self.nearest(fragment, own))
        case .provider(let id, _):
            return graph.provider(id) == nil ? .missingProvider(id, destination) : nil
        case .entry(let target, let fragment):
            guard graph.entry(target) != nil else {
                return .missingEntry(target, suggestion: NearestName.suggestion(for: target.rawValue, among: graph.entries.map(\.id.rawValue)))
            }
            if let fragment, let targetAnchors = anchors(of: target), !targetAnchors.contains(fragment) {
                return .missingAnchor(fragment, in: target, suggestion: Self.nearest(fragment, targetAnchors))
            }
            return nil
        }
    }

    /// Every broken link of an entry, at its place.
    func check(_ entry: Entry) -> [Diagnostic] {
        entry.links.compactMap { link in
            problem(with: link.destination, in: entry).map { .brokenLink($0, path: entry.source.displayPath, at: link.position) }
        }
    }

    static func hasScheme(_ destination: String) -> Bool {
        guard let colon = destination.firstIndex(of: ":") else { return false }
        let scheme = destination[..<colon]
        return !scheme.isEmpty && scheme.allSatisfy { $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." }
    }

    static func nearest(_ fragment: String, _ anchors: Set<String>) -> String? {
        NearestName.suggestion(for: fragment, among: anchors.sorted())
    }
}

/// The anchors of an entry page, in one place for the page and the link checker: the three known
/// sections have fixed ids whatever their heading says; other sections and FAQ questions take a
/// slug of their text, made unique.
struct EntryAnchors {
    /// Ids the entry template gives to its own blocks (`entry.mustache`, `base.mustache`):
    /// sections may not take them.
    static let fixed = ["related", "sources", "signatures-title", "main"]
    /// Those of them a link may point at.
    static let linkable = ["related", "sources", "signatures-title"]

    var sections: [String] = []
    var questions: [String] = []

    init(_ entry: Entry) {
        var used = Set(Self.fixed)
        func unique(_ base: String) -> String {
            var candidate = base, number = 2
            while used.contains(candidate) || used.contains(candidate + "-title") {
                candidate = "\(base)-\(number)"
                number += 1
            }
            used.insert(candidate)
            return candidate
        }
        for section in entry.sections {
            switch section.kind {
            case .causes: sections.append(unique("causes"))
            case .fixes: sections.append(unique("fixes"))
            case .faq: sections.append(unique("faq"))
            case .other: sections.append(unique(SitePaths.anchor(section.title)))
            }
        }
        for item in entry.faq { questions.append(unique(SitePaths.anchor(item.question))) }
    }
}

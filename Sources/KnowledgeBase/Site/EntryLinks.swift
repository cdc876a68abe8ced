import Markdown
/// Links between entries, written the way they work on GitHub too (`../openai/rate-limit.md#fixes`),
/// checked at build time and rewritten to the site's pretty URLs.
struct EntryLinks {
    let graph: KnowledgeGraph

    init(graph: KnowledgeGraph) {
        self.graph = graph
    }

    /// An entry's anchors: its sections, FAQ questions and the related block. Worked out when a
    /// link needs them rather than for every entry up front: few entries link anywhere, and
    /// `kb serve` makes a new set of links on every change.
    func anchors(of id: EntryID) -> Set<String>? {
        guard let entry = graph.entry(id) else { return nil }
        let layout = EntryAnchors(entry)
        return Set(layout.sections + layout.questions + ["related", "signatures-title"])
    }

    /// What a link in `entry` points to, as an href relative to the entry's page, or a diagnostic.
    enum Resolution: Equatable {
        case keep
        case rewrite(String)
        case broken(String)
    }

    func resolve(_ destination: String, in entry: Entry) -> Resolution {
        if destination.isEmpty { return .broken("empty link; write a URL or an entry's .md file") }
        if Self.hasScheme(destination) || destination.hasPrefix("//") { return .keep }
        var path = destination
        var fragment: String?
        if let hash = destination.firstIndex(of: "#") {
            fragment = String(destination[destination.index(after: hash)...])
            path = String(destination[..<hash])
        }
        if path.isEmpty {
            guard let fragment else { return .keep }
            let own = anchors(of: entry.id)
            return (own ?? []).contains(fragment) ? .keep
                : .broken("no section '#\(fragment)' in this entry\(Self.suggestion(fragment, own))")
        }
        if path.hasPrefix("/") {
            return .broken("absolute link '\(destination)'; link to the entry's file instead, like '../openai/rate-limit.md'")
        }
        // Resolve against the entry's folder, `Content/<provider>/`.
        var segments = [entry.provider.rawValue]
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..":
                if segments.isEmpty { return .broken("link '\(destination)' leaves the content folder") }
                segments.removeLast()
            default: segments.append(String(segment))
            }
        }
        guard segments.count == 2, segments[1].hasSuffix(".md") else {
            return .broken("link '\(destination)' is not an entry; link to an entry's .md file, like '../openai/rate-limit.md'")
        }
        let provider = ProviderID(segments[0])
        let file = String(segments[1].dropLast(3))
        if file == "_index" {
            guard graph.provider(provider) != nil else { return .broken("no provider '\(provider)' for link '\(destination)'") }
            return .rewrite("../../" + SitePaths.provider(provider) + (fragment.map { "#" + $0 } ?? ""))
        }
        let target = EntryID(provider: provider, slug: file)
        guard graph.entry(target) != nil else {
            let near = NearestName.suggestion(for: target.rawValue, among: graph.entries.map(\.id.rawValue))
            return .broken("link to a missing entry '\(target)'\(near.map { "; did you mean '\($0)'?" } ?? "")")
        }
        if let fragment {
            let targetAnchors = anchors(of: target)
            if !(targetAnchors ?? []).contains(fragment) {
                return .broken("no section '#\(fragment)' in '\(target)'\(Self.suggestion(fragment, targetAnchors))")
            }
        }
        return .rewrite("../../" + SitePaths.entry(target) + (fragment.map { "#" + $0 } ?? ""))
    }

    /// Checks every link of an entry; returns the rewrites to apply to its HTML.
    func check(_ entry: Entry) -> (rewrites: [String: String], diagnostics: [Diagnostic]) {
        var rewrites: [String: String] = [:]
        var diagnostics: [Diagnostic] = []
        for link in entry.links {
            switch resolve(link.destination, in: entry) {
            case .keep: break
            case .rewrite(let href): rewrites[link.destination] = href
            case .broken(let message): diagnostics.append(.error(message, path: entry.source.displayPath, at: link.position))
            }
        }
        return (rewrites, diagnostics)
    }

    /// Applies rewrites to cmark's HTML. cmark writes a plain relative path into `href` unchanged,
    /// so the destination is found as written.
    static func apply(_ rewrites: [String: String], to html: String) -> String {
        guard !rewrites.isEmpty else { return html }
        var html = html
        for (destination, href) in rewrites.sorted(by: { $0.key < $1.key }) {
            html = html.replacingOccurrences(of: "href=\"\(escapeAttribute(destination))\"", with: "href=\"\(escapeAttribute(href))\"")
        }
        return html
    }

    static func escapeAttribute(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    static func hasScheme(_ destination: String) -> Bool {
        guard let colon = destination.firstIndex(of: ":") else { return false }
        let scheme = destination[..<colon]
        return !scheme.isEmpty && scheme.allSatisfy { $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." }
    }

    static func suggestion(_ fragment: String, _ anchors: Set<String>?) -> String {
        guard let near = NearestName.suggestion(for: fragment, among: Array(anchors ?? []).sorted()) else { return "" }
        return "; did you mean '#\(near)'?"
    }
}

/// The anchors of an entry page, in one place for the page and the link checker: the three known
/// sections have fixed ids whatever their heading says; other sections and FAQ questions take a
/// slug of their text, made unique.
struct EntryAnchors {
    var sections: [String] = []
    var questions: [String] = []

    init(_ entry: Entry) {
        var used: Set<String> = ["signatures-title", "related", "main"]
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

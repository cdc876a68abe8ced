import Foundation
import KBContent
import KBCore
import KBSearch

/// The knowledge base `kb search` would answer from, opened once and asked many times: what the
/// MCP server (kb-mcp) and `kb run` answer with, so an agent, a wrapped command and the terminal
/// get the same results, the same masking and the same words.
public struct KnowledgeBaseLookup: Sendable {
    let index: SearchIndex
    let ranker: Ranker

    /// Why a lookup could not answer; the description says what to do.
    public struct Failure: Error, CustomStringConvertible {
        /// The message, without a `kb:` prefix.
        public var description: String
    }

    /// Opens the index in `kb search`'s order (`--content`, `$KB_CONTENT`, `./Content`, the
    /// installed index, the one `kb update` downloaded).
    /// - Parameter writingCache: false for a process that must write nothing: a content folder's
    ///   cached index is used when it is current, and otherwise built in memory only.
    /// - Parameter notes: called with each note for the user (a rebuilt cache, content errors).
    public static func open(_ options: ContentOptions, writingCache: Bool = true, notes: (String) -> Void = { _ in }) throws -> KnowledgeBaseLookup {
        do {
            let opened = try SearchSetup.open(options, writingCache: writingCache, report: notes)
            return KnowledgeBaseLookup(index: opened.index)
        } catch {
            throw Failure(description: (error.contentErrors ?? "") + error.message)
        }
    }

    init(index: SearchIndex) {
        self.index = index
        self.ranker = Ranker(index: index)
    }

    /// The provider ids, sorted.
    public var providers: [String] { ranker.providers }

    /// One entry of the knowledge base, as a list shows it.
    public struct EntrySummary: Sendable {
        /// `provider/slug`.
        public var id: String
        /// The entry's title.
        public var title: String
        /// Its one-paragraph summary.
        public var summary: String
    }

    /// Every entry, in the index's order (by id).
    public var entries: [EntrySummary] {
        (0..<index.documentCount).map {
            let document = index.document($0)
            return EntrySummary(id: document.id, title: document.title, summary: document.summary)
        }
    }

    /// One search, answered the three ways kb prints it.
    public struct SearchAnswer: Sendable {
        /// Exactly what `kb search --json` prints for the same text, limit and provider.
        public var json: String
        /// What `kb search` prints without colour: the best match's title, why, causes and fixes
        /// (the status-page step first for a server or timeout error), the others one line each;
        /// or, when nothing is certain, why not.
        public var text: String
        /// The best result's id, title and fixes; nil when nothing matched.
        public var best: BestMatch?
        /// Whether any entry matched.
        public var found: Bool { best != nil }
    }

    /// The best result, as `kb run` prints it after a failed command.
    public struct BestMatch: Sendable {
        /// `provider/slug`.
        public var id: String
        /// The entry's title.
        public var title: String
        /// The confidence, 0 to 1.
        public var score: Double
        /// What the entry says happened.
        public var summary: String
        /// The fix steps, the status-page step first when there is one.
        public var fixes: [String]
    }

    /// Searches `text` (a paste, a command's output) as `kb search` does. Keys and tokens in it
    /// are masked in all three answers.
    /// - Throws: `Failure` for a provider the knowledge base does not have.
    public func search(_ text: String, limit: Int = 3, provider: String? = nil) throws -> SearchAnswer {
        if let provider, !ranker.providers.contains(provider) {
            throw Failure(description: Suggestions.unknown("provider", provider, among: ranker.providers))
        }
        let answer = ranker.search(text, limit: max(limit, 1), provider: provider)
        let json = SearchReport.json(answer, index: index)
        guard let first = answer.results.first else {
            var lines: [String] = []
            if let note = SearchReport.uncertaintyNote(answer.uncertainty, found: false) { lines.append(note) }
            lines.append("No entry matches this text.")
            return SearchAnswer(json: json, text: lines.joined(separator: "\n") + "\n", best: nil)
        }
        let statusStep = index.statusStep(for: first.document)
        let text = SearchReport.text(answer, style: .init(color: false), statusStep: statusStep)
        let best = BestMatch(id: first.document.id, title: first.document.title, score: first.score, summary: first.document.summary,
                             fixes: (statusStep.map { [$0.text] } ?? []) + first.document.fixes)
        return SearchAnswer(json: json, text: text, best: best)
    }

    /// One entry as `kb show` prints it (`json: true`: as `kb show --json` does); nil for an id
    /// the knowledge base does not have.
    public func show(_ id: String, json: Bool = false) -> String? {
        guard let position = index.documentIndex(id: id) else { return nil }
        let document = index.document(position)
        let signatures = index.signatures(ofDocument: position)
        if json { return EntryReport.json(document, signatures: signatures, status: index.provider(id: document.provider)?.status) }
        return EntryReport.text(document, signatures: signatures, style: .init(color: false), statusStep: index.statusStep(for: document))
    }

    /// The sentence for an id the knowledge base does not have, with the nearest one.
    public func unknownEntry(_ id: String) -> String {
        let ids = (0..<index.documentCount).map { index.document($0).id }
        return "unknown entry '\(id)'\(NearestName.didYouMean(NearestName.suggestion(for: id, among: ids))); kb list shows every id"
    }
}

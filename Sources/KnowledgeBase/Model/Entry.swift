import Markdown

public struct Cause: Sendable, Equatable {
    /// The leading bold phrase, when the author gave one (its trailing period dropped).
    public var name: String?
    public var text: String
    public var html: String
}

public struct FixStep: Sendable, Equatable {
    public var text: String
    public var html: String
}

public struct FAQItem: Sendable, Equatable {
    public var question: String
    public var answerText: String
    public var answerHTML: String
    public var position: SourcePosition
}

/// A `##` section of an entry in document order; the three known ones are also parsed into
/// `causes`, `fixes` and `faq`.
public struct EntrySection: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case causes, fixes, faq
        case other
    }

    public var kind: Kind
    public var title: String
    public var html: String
    public var text: String
    public var position: SourcePosition
}

/// A link an author wrote in an entry's body, where it stands.
public struct EntryLink: Sendable, Equatable {
    public var destination: String
    public var position: SourcePosition
}

public struct Entry: Sendable, Equatable {
    public let id: EntryID
    public var title: String
    public var category: Category
    public var http: [HTTPStatus]
    public var signatures: [Signature]
    public var related: [EntryID]
    public var tags: [Tag]
    public var aliases: [String]
    /// One or two sentences for lists and search results: front-matter `summary`, else the
    /// first paragraph.
    public var summary: String
    public var updated: Day?
    /// The first commit of the file, when git knows it.
    public var created: Day? = nil
    /// What the error means: the blocks before the first `##` section.
    public var introHTML: String
    public var introText: String
    public var causes: [Cause]
    public var fixes: [FixStep]
    public var faq: [FAQItem]
    public var sections: [EntrySection]
    /// Every link in the body, for the site to check and rewrite.
    public var links: [EntryLink]
    public var source: SourceFile
    /// Where front-matter values stand, for diagnostics that cross files.
    public var positions: FieldPositions

    public var provider: ProviderID { id.provider }
}

public struct FieldPositions: Sendable, Equatable {
    public var keys: [String: SourcePosition] = [:]
    public var signatures: [SourcePosition] = []
    public var related: [SourcePosition] = []
}

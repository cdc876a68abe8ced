public import KBMarkdown

/// One item of an entry's `## Causes` list.
public struct Cause: Sendable, Equatable {
    /// The leading bold phrase, when the author gave one (its trailing period dropped).
    public var name: String?
    /// The item as plain text, the bold phrase included.
    public var text: String

    /// A cause; the parser makes them, tests may too.
    public init(name: String?, text: String) {
        self.name = name
        self.text = text
    }
}

/// One step of an entry's `## Fixes` list, as plain text.
public struct FixStep: Sendable, Equatable {
    /// The step as plain text.
    public var text: String

    /// A step; the parser makes them, tests may too.
    public init(text: String) { self.text = text }
}

/// One `### question` of an entry's `## FAQ` and the blocks under it.
public struct FAQItem: Sendable, Equatable {
    /// The heading's text.
    public var question: String
    /// The answer as plain text.
    public var answerText: String
    /// Where the question's heading stands.
    public var position: SourcePosition

    /// A question and its answer; the parser makes them, tests may too.
    public init(question: String, answerText: String, position: SourcePosition) {
        self.question = question
        self.answerText = answerText
        self.position = position
    }
}

/// Markdown as the author wrote it, with the file line it starts on: what the site renders
/// again (links rewritten to pages) when it writes the page. Keeping the text rather than the
/// rendered HTML keeps a 10,000-entry graph small, and `kb check` and `kb search` never render.
public struct MarkdownSource: Sendable, Equatable {
    /// The Markdown text.
    public var text: String
    /// Lines of the file before the text (the front-matter), so positions are file lines.
    public var lineOffset: Int

    /// Markdown that starts after `lineOffset` lines of its file.
    public init(text: String, lineOffset: Int) {
        self.text = text
        self.lineOffset = lineOffset
    }
}

/// A `##` section of an entry in document order; the three known ones are also parsed into
/// `causes`, `fixes` and `faq`.
public struct EntrySection: Sendable, Equatable {
    /// Which of the three known sections this is, if any.
    public enum Kind: Sendable, Equatable {
        case causes, fixes, faq
        case other
    }

    /// Which section this is.
    public var kind: Kind
    /// The `##` heading's text as written.
    public var title: String
    /// The section's blocks as plain text.
    public var text: String
    /// Where the heading stands.
    public var position: SourcePosition

    /// A section; the parser makes them, tests may too.
    public init(kind: Kind, title: String, text: String, position: SourcePosition) {
        self.kind = kind
        self.title = title
        self.text = text
        self.position = position
    }
}

/// A link an author wrote in an entry's body, where it stands.
public struct EntryLink: Sendable, Equatable {
    /// The destination as written (`../openai/rate-limit.md#fixes`).
    public var destination: String
    /// Where the link stands (its block's line: cmark gives inline nodes no position).
    public var position: SourcePosition

    /// A link at a position.
    public init(destination: String, position: SourcePosition) {
        self.destination = destination
        self.position = position
    }
}

/// One troubleshooting entry. A value, but one reference wide: its fields live in a shared box
/// that is copied only when a copy is changed (as swift-markdown's nodes share their raw tree).
/// A knowledge base of 10,000 entries is passed, sorted and filtered many times per build, and
/// copying twenty fields each time showed up in every profile.
@dynamicMemberLookup
public struct Entry: Sendable, Equatable {
    /// Everything an entry holds; `Entry` keeps it in one shared box.
    public struct Fields: Sendable, Equatable {
        /// `provider/slug`, from the file's path.
        public let id: EntryID
        /// The front-matter title.
        public var title: String
        /// One of the configuration's categories.
        public var category: Category
        /// The statuses the error comes with.
        public var http: [HTTPStatus]
        /// The literal error texts, as written.
        public var signatures: [Signature]
        /// Entries the author linked, as written (unknown ones are diagnostics, not edges).
        public var related: [EntryID]
        /// Tags, each a page of the site.
        public var tags: [Tag]
        /// Other names people search the error by.
        public var aliases: [String]
        /// One or two sentences for lists and search results: front-matter `summary`, else the
        /// first paragraph.
        public var summary: String
        /// The last change: front-matter `updated`, else the file's last commit.
        public var updated: Day?
        /// Public pages that show the signatures and facts (front-matter `sources`).
        public var sources: [String] = []
        /// When the entry was last checked against its sources (front-matter `verified`).
        public var verified: Day? = nil
        /// The first commit of the file, when git knows it.
        public var created: Day? = nil
        /// What the error means: the blocks before the first `##` section, as plain text.
        public var introText: String
        /// The `## Causes` list.
        public var causes: [Cause]
        /// The `## Fixes` steps.
        public var fixes: [FixStep]
        /// The `## FAQ` questions.
        public var faq: [FAQItem]
        /// Every `##` section in order, the three known ones included.
        public var sections: [EntrySection]
        /// Every link in the body, for the site to check and rewrite.
        public var links: [EntryLink]
        /// The body's Markdown, for the site to render.
        public var body: MarkdownSource
        /// The file the entry came from.
        public var source: SourceFile
        /// Where front-matter values stand, for diagnostics that cross files.
        public var positions: FieldPositions

        /// The fields of a parsed entry (the parser and tests make them).
        public init(
            id: EntryID, title: String, category: Category, http: [HTTPStatus] = [], signatures: [Signature],
            related: [EntryID] = [], tags: [Tag] = [], aliases: [String] = [], summary: String, updated: Day? = nil,
            sources: [String] = [], verified: Day? = nil, created: Day? = nil, introText: String = "",
            causes: [Cause] = [], fixes: [FixStep] = [], faq: [FAQItem] = [], sections: [EntrySection] = [],
            links: [EntryLink] = [], body: MarkdownSource = MarkdownSource(text: "", lineOffset: 0),
            source: SourceFile, positions: FieldPositions = FieldPositions()
        ) {
            self.id = id
            self.title = title
            self.category = category
            self.http = http
            self.signatures = signatures
            self.related = related
            self.tags = tags
            self.aliases = aliases
            self.summary = summary
            self.updated = updated
            self.sources = sources
            self.verified = verified
            self.created = created
            self.introText = introText
            self.causes = causes
            self.fixes = fixes
            self.faq = faq
            self.sections = sections
            self.links = links
            self.body = body
            self.source = source
            self.positions = positions
        }
    }

    // Inlinable, with the box they read, so that each `entry.title` compiles to a load of that
    // one field: called across modules unspecialised, the generic getter copied every field of
    // the entry (retaining each) to read one, 6 % of `kb serve`'s samples after an edit
    // (perf record, 10,000 entries; docs/PERFORMANCE.md).
    @usableFromInline
    final class Box: @unchecked Sendable {
        // Written only through `Entry`'s setter, after making the box unique.
        @usableFromInline var fields: Fields
        @usableFromInline init(_ fields: Fields) { self.fields = fields }
    }

    @usableFromInline var box: Box

    /// An entry with these fields.
    public init(_ fields: Fields) {
        box = Box(fields)
    }

    /// Reads a field (`entry.title`).
    @inlinable
    public subscript<Value>(dynamicMember field: KeyPath<Fields, Value>) -> Value {
        box.fields[keyPath: field]
    }

    /// Reads or writes a field; writing copies the box first when it is shared.
    @inlinable
    public subscript<Value>(dynamicMember field: WritableKeyPath<Fields, Value>) -> Value {
        get { box.fields[keyPath: field] }
        set {
            if !isKnownUniquelyReferenced(&box) { box = Box(box.fields) }
            box.fields[keyPath: field] = newValue
        }
    }

    /// All the fields at once.
    public var fields: Fields { box.fields }
    /// The provider the entry belongs to.
    @inlinable
    public var provider: ProviderID { box.fields.id.provider }

    public static func == (lhs: Entry, rhs: Entry) -> Bool {
        lhs.box === rhs.box || lhs.box.fields == rhs.box.fields
    }

    /// Days after which an entry's `verified` date is stale: `kb check` warns about it and
    /// `kb stats` counts it. Providers change their errors about that fast.
    public static let verifiedMaximumAge = 180
}

/// Where front-matter keys and values stand, for diagnostics that need more than one file
/// (a `related` id that does not exist, a signature another entry claims too).
public struct FieldPositions: Sendable, Equatable {
    /// Each key's position.
    public var keys: [String: SourcePosition] = [:]
    /// Single values by key (`verified`, `category`).
    public var values: [String: SourceRange] = [:]
    /// Each signature, in order.
    public var signatures: [SourceRange] = []
    /// Each `related` id, in order.
    public var related: [SourceRange] = []
    /// Each tag, in order.
    public var tags: [SourceRange] = []

    /// No positions.
    public init() {}
}

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

/// One troubleshooting entry. A value, but one reference wide: its fields live in a shared box
/// that is copied only when a copy is changed (as swift-markdown's nodes share their raw tree).
/// A knowledge base of 10,000 entries is passed, sorted and filtered many times per build, and
/// copying twenty fields each time showed up in every profile.
@dynamicMemberLookup
public struct Entry: Sendable, Equatable {
    public struct Fields: Sendable, Equatable {
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
        /// Public pages that show the signatures and facts (front-matter `sources`).
        public var sources: [String] = []
        /// When the entry was last checked against its sources (front-matter `verified`).
        public var verified: Day? = nil
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
    }

    private final class Box: @unchecked Sendable {
        // Written only through `Entry`'s setter, after making the box unique.
        var fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private var box: Box

    public init(_ fields: Fields) {
        box = Box(fields)
    }

    public subscript<Value>(dynamicMember field: KeyPath<Fields, Value>) -> Value {
        box.fields[keyPath: field]
    }

    public subscript<Value>(dynamicMember field: WritableKeyPath<Fields, Value>) -> Value {
        get { box.fields[keyPath: field] }
        set {
            if !isKnownUniquelyReferenced(&box) { box = Box(box.fields) }
            box.fields[keyPath: field] = newValue
        }
    }

    public var fields: Fields { box.fields }
    public var provider: ProviderID { box.fields.id.provider }

    public static func == (lhs: Entry, rhs: Entry) -> Bool {
        lhs.box === rhs.box || lhs.box.fields == rhs.box.fields
    }
}

public struct FieldPositions: Sendable, Equatable {
    public var keys: [String: SourcePosition] = [:]
    public var signatures: [SourcePosition] = []
    public var related: [SourcePosition] = []
    public var tags: [SourcePosition] = []
}

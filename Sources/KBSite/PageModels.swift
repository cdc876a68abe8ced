import KBCore
import Mustache

/// What templates see: typed values whose names a template author can guess, URLs already
/// relative to the page being rendered. Each type lists its template names once, in a table of
/// closures that `child(named:)` reads; Mustache would otherwise find every field by reflection,
/// which was most of a 10,000-entry build's time. Classes, not structs: Mustache casts every
/// value on its stack for each name it looks up, and casting a struct copies it into a new box.
protocol TemplateModel: MustacheParent {
    /// The names templates may use, and how each is read.
    static var fields: TemplateFields<Self> { get }
}

extension TemplateModel {
    func child(named key: String) -> Any? { Self.fields.value(of: key, in: self) }
}

/// A model type's template names, each with how to read it.
///
/// Looked up by a scan that compares each name's length and first byte before its text: a
/// model has at most two dozen names, and Mustache asks every object on its stack for every
/// name until one answers, so most lookups miss. Hashing the name for a dictionary on each of
/// those asks was most of the hashing in a 10,000-entry build (docs/PERFORMANCE.md).
struct TemplateFields<Model>: Sendable {
    private struct Field: Sendable {
        let name: String
        let length: Int
        let first: UInt8
        let read: @Sendable (Model) -> Any?
    }
    private let fields: [Field]

    init(_ readers: [String: @Sendable (Model) -> Any?]) {
        // Sorted so the scan's order does not depend on the dictionary's seed.
        fields = readers.sorted { $0.key < $1.key }.map { Field(name: $0.key, length: $0.key.utf8.count, first: $0.key.utf8.first ?? 0, read: $0.value) }
    }

    /// A page's fields: its own, and the frame every page has (`site`, `root`, `description`,
    /// `canonical`), read through `frame`.
    init(page readers: [String: @Sendable (Model) -> Any?], frame: @escaping @Sendable (Model) -> PageFrame) {
        var all = readers
        for (name, reader) in PageFrame.readers { all[name] = { reader(frame($0)) } }
        self.init(all)
    }

    func value(of name: String, in model: Model) -> Any? {
        let length = name.utf8.count
        guard let first = name.utf8.first else { return nil }
        for field in fields where field.length == length && field.first == first && field.name == name {
            return field.read(model)
        }
        return nil
    }
}

/// Text as templates see it: rendered as it is (escaped or not, as the tag says), with no
/// fields of its own and the same transforms as a `String`.
///
/// Mustache renders a plain `String` through `String(describing:)` after asking whether it is a
/// template, a custom renderable, a lambda or an optional: four dynamic casts, two of them
/// protocol conformance lookups, and `unwrapIfAnyContainsOptional` alone cost 1,440
/// instructions a variable (callgrind, 2,000 entries). A `MustacheCustomRenderable` answers
/// the second cast. The bytes are the same: `renderText` is the string itself.
struct TemplateText: MustacheCustomRenderable, MustacheParent, MustacheTransformable, Comparable, Sendable {
    let text: String
    init(_ text: String) { self.text = text }
    var renderText: String { text }
    var isNull: Bool { false }
    /// A string has no fields: a name inside its section is looked up further down the stack.
    func child(named name: String) -> Any? { nil }
    func transform(_ name: String) -> Any? { text.transform(name) }
    static func < (a: TemplateText, b: TemplateText) -> Bool { a.text < b.text }
}

/// A whole number as templates see it (see `TemplateText`): `String(value)`, which is what
/// `String(describing:)` gives, with an `Int`'s transforms.
struct TemplateNumber: MustacheCustomRenderable, MustacheParent, MustacheTransformable, Comparable, Sendable {
    let value: Int
    init(_ value: Int) { self.value = value }
    var renderText: String { String(value) }
    var isNull: Bool { false }
    func child(named name: String) -> Any? { nil }
    func transform(_ name: String) -> Any? { value.transform(name) }
    static func < (a: TemplateNumber, b: TemplateNumber) -> Bool { a.value < b.value }
}

/// What a field gives a template: text and numbers wrapped (`TemplateText`), everything else as
/// it is. An optional stays an optional, so a missing value is still `nil` to a section.
func templateValue(_ text: String) -> Any? { TemplateText(text) }
func templateValue(_ text: String?) -> Any? { text.map(TemplateText.init) }
func templateValue(_ texts: [String]) -> Any? { texts.map(TemplateText.init) }
func templateValue(_ number: Int) -> Any? { TemplateNumber(number) }
func templateValue<Value>(_ value: Value?) -> Any? { value }
func templateValue<Value>(_ value: Value) -> Any? { value }

/// The values every page's layout uses.
struct PageFrame: Sendable {
    var site: SiteView
    /// The way back to the site's root from this page (`../../`).
    var root: String
    /// The page's meta description.
    var description: String
    /// The page's absolute address, when the base URL is absolute.
    var canonical: String?

    static let readers: [String: @Sendable (PageFrame) -> Any?] = [
        "site": { templateValue($0.site) }, "root": { templateValue($0.root) }, "description": { templateValue($0.description) }, "canonical": { templateValue($0.canonical) },
    ]
}

final class SiteView: TemplateModel, Sendable {
    let title: String
    let repository: String?
    init(title: String, repository: String?) {
        self.title = title
        self.repository = repository
    }
    static let fields = TemplateFields<SiteView>(["title": { templateValue($0.title) }, "repository": { templateValue($0.repository) }])
}

final class Crumb: TemplateModel, Sendable {
    let name: String
    let url: String?
    init(name: String, url: String?) {
        self.name = name
        self.url = url
    }
    static let fields = TemplateFields<Crumb>(["name": { templateValue($0.name) }, "url": { templateValue($0.url) }])
}

final class CodeLink: TemplateModel, Sendable {
    let code: Int
    let url: String
    init(code: Int, url: String) {
        self.code = code
        self.url = url
    }
    static let fields = TemplateFields<CodeLink>(["code": { templateValue($0.code) }, "url": { templateValue($0.url) }])
}

/// One entry in a list: title, where it is, provider, category, statuses and summary.
final class EntryCard: TemplateModel, Sendable {
    let title: String
    let url: String
    let providerName: String
    let categoryName: String
    let http: [CodeLink]
    let summary: String
    init(title: String, url: String, providerName: String, categoryName: String, http: [CodeLink], summary: String) {
        self.title = title
        self.url = url
        self.providerName = providerName
        self.categoryName = categoryName
        self.http = http
        self.summary = summary
    }
    static let fields = TemplateFields<EntryCard>([
        "title": { templateValue($0.title) }, "url": { templateValue($0.url) }, "providerName": { templateValue($0.providerName) },
        "categoryName": { templateValue($0.categoryName) }, "http": { templateValue($0.http) }, "summary": { templateValue($0.summary) },
    ])
}

/// A titled list of entries: a category on a provider page, a provider on a category page.
final class EntryGroup: TemplateModel, Sendable {
    let name: String
    let anchor: String
    let url: String
    let entries: [EntryCard]
    init(name: String, anchor: String, url: String, entries: [EntryCard]) {
        self.name = name
        self.anchor = anchor
        self.url = url
        self.entries = entries
    }
    static let fields = TemplateFields<EntryGroup>(["name": { templateValue($0.name) }, "anchor": { templateValue($0.anchor) }, "url": { templateValue($0.url) }, "entries": { templateValue($0.entries) }])
}

/// A link with a count ("12 entries"), for the home page's providers and categories.
final class CountedLink: TemplateModel, Sendable {
    let name: String
    let url: String
    let entryCount: Int
    /// "1 entry", "12 entries".
    var countText: String { entryCount == 1 ? "1 entry" : "\(entryCount) entries" }
    init(name: String, url: String, entryCount: Int) {
        self.name = name
        self.url = url
        self.entryCount = entryCount
    }
    static let fields = TemplateFields<CountedLink>(["name": { templateValue($0.name) }, "url": { templateValue($0.url) }, "entryCount": { templateValue($0.entryCount) }, "countText": { templateValue($0.countText) }])
}

/// One `##` section of an entry page; the flags say which of the four shapes it has.
final class SectionView: TemplateModel, Sendable {
    let title: String
    let anchor: String
    let isCauses: Bool
    let isFixes: Bool
    let isFAQ: Bool
    let isOther: Bool
    let html: String
    let causes: [HTMLItem]
    let fixes: [HTMLItem]
    /// The "is it them or you?" step the fixes start with, for server and timeout errors of a
    /// provider with a status page.
    let statusStep: ExternalLink?
    let questions: [QuestionView]
    init(title: String, anchor: String, kind: EntrySection.Kind, html: String = "", causes: [HTMLItem] = [], fixes: [HTMLItem] = [], statusStep: ExternalLink? = nil, questions: [QuestionView] = []) {
        self.title = title
        self.anchor = anchor
        isCauses = kind == .causes
        isFixes = kind == .fixes
        isFAQ = kind == .faq
        isOther = kind == .other
        self.html = html
        self.causes = causes
        self.fixes = fixes
        self.statusStep = statusStep
        self.questions = questions
    }
    static let fields = TemplateFields<SectionView>([
        "title": { templateValue($0.title) }, "anchor": { templateValue($0.anchor) }, "isCauses": { templateValue($0.isCauses) }, "isFixes": { templateValue($0.isFixes) },
        "isFAQ": { templateValue($0.isFAQ) }, "isOther": { templateValue($0.isOther) }, "html": { templateValue($0.html) }, "causes": { templateValue($0.causes) },
        "fixes": { templateValue($0.fixes) }, "statusStep": { templateValue($0.statusStep) }, "questions": { templateValue($0.questions) },
    ])
}

/// A link to another site: the whole address for the `href`, a short text to read
/// (`WebAddress.label`), and for a status step the provider it belongs to.
final class ExternalLink: TemplateModel, Sendable {
    let url: String
    let label: String
    let providerName: String?
    init(url: String, providerName: String? = nil) {
        self.url = url
        self.label = WebAddress.label(url)
        self.providerName = providerName
    }
    static let fields = TemplateFields<ExternalLink>(["url": { templateValue($0.url) }, "label": { templateValue($0.label) }, "providerName": { templateValue($0.providerName) }])
}

/// The providers of one kind, for the home page.
final class ProviderGroup: TemplateModel, Sendable {
    /// `Provider.Kind.heading`: "Hosted APIs".
    let heading: String
    /// The kind's id (`api`), for anchors and classes.
    let kind: String
    let providers: [CountedLink]
    init(kind: Provider.Kind, providers: [CountedLink]) {
        self.heading = kind.heading
        self.kind = kind.rawValue
        self.providers = providers
    }
    /// "1 provider", "20 providers".
    var countText: String { providers.count == 1 ? "1 provider" : "\(providers.count) providers" }
    static let fields = TemplateFields<ProviderGroup>(["heading": { templateValue($0.heading) }, "kind": { templateValue($0.kind) }, "providers": { templateValue($0.providers) }, "countText": { templateValue($0.countText) }])
}

final class HTMLItem: TemplateModel, Sendable {
    let html: String
    init(html: String) { self.html = html }
    static let fields = TemplateFields<HTMLItem>(["html": { templateValue($0.html) }])
}

final class QuestionView: TemplateModel, Sendable {
    let question: String
    let anchor: String
    let answerHTML: String
    init(question: String, anchor: String, answerHTML: String) {
        self.question = question
        self.anchor = anchor
        self.answerHTML = answerHTML
    }
    static let fields = TemplateFields<QuestionView>(["question": { templateValue($0.question) }, "anchor": { templateValue($0.anchor) }, "answerHTML": { templateValue($0.answerHTML) }])
}

final class EndpointView: TemplateModel, Sendable {
    let label: String
    let url: String
    init(label: String, url: String) {
        self.label = label
        self.url = url
    }
    static let fields = TemplateFields<EndpointView>(["label": { templateValue($0.label) }, "url": { templateValue($0.url) }])
}

/// A list of entries wrapped for the `entry-list` partial, which reads `entries`.
final class EntryList: TemplateModel, Sendable {
    let entries: [EntryCard]
    init(entries: [EntryCard]) { self.entries = entries }
    static let fields = TemplateFields<EntryList>(["entries": { templateValue($0.entries) }])
}

// MARK: Pages

/// `home.mustache`.
final class HomePage: TemplateModel, Sendable {
    let frame: PageFrame
    let entryCount: Int
    /// Every provider, in id order.
    let providers: [CountedLink]
    /// The providers by kind (hosted APIs, gateways, local servers), kinds without one left out.
    let providerGroups: [ProviderGroup]
    let categories: [CountedLink]
    let statuses: [CodeLink]
    let recent: EntryList
    var hasRecent: Bool { !recent.entries.isEmpty }
    init(frame: PageFrame, entryCount: Int, providers: [CountedLink], providerGroups: [ProviderGroup], categories: [CountedLink], statuses: [CodeLink], recent: EntryList) {
        self.frame = frame
        self.entryCount = entryCount
        self.providers = providers
        self.providerGroups = providerGroups
        self.categories = categories
        self.statuses = statuses
        self.recent = recent
    }
    static let fields = TemplateFields<HomePage>(page: [
        "entryCount": { templateValue($0.entryCount) }, "providers": { templateValue($0.providers) }, "providerGroups": { templateValue($0.providerGroups) }, "categories": { templateValue($0.categories) },
        "statuses": { templateValue($0.statuses) }, "hasRecent": { templateValue($0.hasRecent) }, "recent": { templateValue($0.recent) },
    ], frame: { $0.frame })
}

/// `entry.mustache`.
final class EntryPage: TemplateModel, Sendable {
    let frame: PageFrame
    let id: String
    let title: String
    let providerName: String
    let providerURL: String
    let categoryName: String
    let categoryURL: String
    let http: [CodeLink]
    let updated: String?
    /// The day the entry was last checked against its sources (`YYYY-MM-DD`).
    let verified: String?
    let signatures: [String]
    let introHTML: String
    let sections: [SectionView]
    /// The public pages the entry was checked against.
    let sources: [ExternalLink]
    let related: EntryList?
    let referencedBy: EntryList?
    let editURL: String?
    let breadcrumbs: [Crumb]
    let structuredData: [String]
    var hasRelated: Bool { related != nil || referencedBy != nil }
    var hasSources: Bool { !sources.isEmpty }

    init(frame: PageFrame, id: String, title: String, providerName: String, providerURL: String, categoryName: String, categoryURL: String,
         http: [CodeLink], updated: String?, verified: String?, signatures: [String], introHTML: String, sections: [SectionView], sources: [ExternalLink],
         related: EntryList?, referencedBy: EntryList?, editURL: String?, breadcrumbs: [Crumb], structuredData: [String]) {
        self.frame = frame
        self.id = id
        self.title = title
        self.providerName = providerName
        self.providerURL = providerURL
        self.categoryName = categoryName
        self.categoryURL = categoryURL
        self.http = http
        self.updated = updated
        self.verified = verified
        self.signatures = signatures
        self.introHTML = introHTML
        self.sections = sections
        self.sources = sources
        self.related = related
        self.referencedBy = referencedBy
        self.editURL = editURL
        self.breadcrumbs = breadcrumbs
        self.structuredData = structuredData
    }

    static let fields = TemplateFields<EntryPage>(page: [
        "id": { templateValue($0.id) }, "title": { templateValue($0.title) }, "providerName": { templateValue($0.providerName) }, "providerURL": { templateValue($0.providerURL) },
        "categoryName": { templateValue($0.categoryName) }, "categoryURL": { templateValue($0.categoryURL) }, "http": { templateValue($0.http) },
        "updated": { templateValue($0.updated) }, "verified": { templateValue($0.verified) }, "signatures": { templateValue($0.signatures) }, "introHTML": { templateValue($0.introHTML) },
        "sections": { templateValue($0.sections) }, "sources": { templateValue($0.sources) }, "hasSources": { templateValue($0.hasSources) },
        "hasRelated": { templateValue($0.hasRelated) }, "related": { templateValue($0.related) },
        "referencedBy": { templateValue($0.referencedBy) }, "editURL": { templateValue($0.editURL) }, "breadcrumbs": { templateValue($0.breadcrumbs) },
        "structuredData": { templateValue($0.structuredData) },
    ], frame: { $0.frame })
}

/// `provider.mustache`.
final class ProviderPage: TemplateModel, Sendable {
    let frame: PageFrame
    let name: String
    let descriptionHTML: String
    let website: String?
    /// The provider's public status page.
    let status: ExternalLink?
    /// "API", "gateway or proxy", "local server".
    let kindName: String
    let endpoints: [EndpointView]
    let env: [String]
    let keyPrefixes: [String]
    let groups: [EntryGroup]
    let breadcrumbs: [Crumb]

    init(frame: PageFrame, name: String, descriptionHTML: String, website: String?, status: ExternalLink?, kindName: String, endpoints: [EndpointView], env: [String], keyPrefixes: [String], groups: [EntryGroup], breadcrumbs: [Crumb]) {
        self.frame = frame
        self.name = name
        self.descriptionHTML = descriptionHTML
        self.website = website
        self.status = status
        self.kindName = kindName
        self.endpoints = endpoints
        self.env = env
        self.keyPrefixes = keyPrefixes
        self.groups = groups
        self.breadcrumbs = breadcrumbs
    }

    static let fields = TemplateFields<ProviderPage>(page: [
        "name": { templateValue($0.name) }, "descriptionHTML": { templateValue($0.descriptionHTML) }, "website": { templateValue($0.website) },
        "status": { templateValue($0.status) }, "kindName": { templateValue($0.kindName) },
        "endpoints": { templateValue($0.endpoints) }, "hasEndpoints": { !$0.endpoints.isEmpty }, "env": { templateValue($0.env) },
        "hasEnv": { !$0.env.isEmpty }, "keyPrefixes": { templateValue($0.keyPrefixes) }, "hasKeyPrefixes": { !$0.keyPrefixes.isEmpty },
        "groups": { templateValue($0.groups) }, "breadcrumbs": { templateValue($0.breadcrumbs) },
    ], frame: { $0.frame })
}

/// `list.mustache`: a category, an HTTP status or a tag, its entries grouped by provider.
final class ListPage: TemplateModel, Sendable {
    let frame: PageFrame
    let heading: String
    let lead: String?
    let groups: [EntryGroup]
    let breadcrumbs: [Crumb]

    init(frame: PageFrame, heading: String, lead: String?, groups: [EntryGroup], breadcrumbs: [Crumb]) {
        self.frame = frame
        self.heading = heading
        self.lead = lead
        self.groups = groups
        self.breadcrumbs = breadcrumbs
    }

    static let fields = TemplateFields<ListPage>(page: [
        "heading": { templateValue($0.heading) }, "lead": { templateValue($0.lead) }, "groups": { templateValue($0.groups) }, "breadcrumbs": { templateValue($0.breadcrumbs) },
    ], frame: { $0.frame })
}

/// `404.mustache`: the frame alone.
final class NotFoundPage: TemplateModel, Sendable {
    let frame: PageFrame
    init(frame: PageFrame) { self.frame = frame }
    static let fields = TemplateFields<NotFoundPage>(page: [:], frame: { $0.frame })
}

enum HTTPReason {
    static let phrases: [Int: String] = [
        400: "Bad Request", 401: "Unauthorized", 402: "Payment Required", 403: "Forbidden", 404: "Not Found",
        405: "Method Not Allowed", 408: "Request Timeout", 409: "Conflict", 413: "Content Too Large",
        415: "Unsupported Media Type", 422: "Unprocessable Content", 424: "Failed Dependency", 429: "Too Many Requests",
        499: "Client Closed Request", 500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable",
        504: "Gateway Timeout", 529: "Overloaded",
    ]

    static func heading(_ status: HTTPStatus) -> String {
        phrases[status.code].map { "HTTP \(status.code) \($0)" } ?? "HTTP \(status.code)"
    }
}

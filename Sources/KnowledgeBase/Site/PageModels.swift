import Markdown
import Mustache

/// What templates see. Plain values with names a template author can guess; URLs are already
/// relative to the page being rendered. Each answers `child(named:)` itself: Mustache would
/// otherwise find every field by reflection, which was most of a 10,000-entry build's time.
/// Classes, not structs: Mustache casts every value on its stack for each name it looks up, and
/// casting a struct copies it into a new box each time.
final class SiteView: MustacheParent, Sendable {
    let title: String
    let repository: String?
    init(title: String, repository: String?) {
        self.title = title
        self.repository = repository
    }
}

final class Crumb: MustacheParent {
    var name: String
    var url: String?
    init(name: String, url: String?) {
        self.name = name
        self.url = url
    }
}

final class CodeLink: MustacheParent {
    var code: Int
    var url: String
    init(code: Int, url: String) {
        self.code = code
        self.url = url
    }
}

final class EntryCard: MustacheParent {
    var title: String
    var url: String
    var providerName: String
    var categoryName: String
    var http: [CodeLink]
    var summary: String
    init(title: String, url: String, providerName: String, categoryName: String, http: [CodeLink], summary: String) {
        self.title = title
        self.url = url
        self.providerName = providerName
        self.categoryName = categoryName
        self.http = http
        self.summary = summary
    }
}

/// A titled list of entries: a category on a provider page, a provider on a category page.
final class EntryGroup: MustacheParent {
    var name: String
    var anchor: String
    var url: String
    var entries: [EntryCard]
    init(name: String, anchor: String, url: String, entries: [EntryCard]) {
        self.name = name
        self.anchor = anchor
        self.url = url
        self.entries = entries
    }
}

final class CountedLink: MustacheParent {
    var name: String
    var url: String
    var entryCount: Int
    /// "1 entry", "12 entries".
    var countText: String { entryCount == 1 ? "1 entry" : "\(entryCount) entries" }
    init(name: String, url: String, entryCount: Int) {
        self.name = name
        self.url = url
        self.entryCount = entryCount
    }
}

final class SectionView: MustacheParent {
    var title: String
    var anchor: String
    var isCauses = false
    var isFixes = false
    var isFAQ = false
    var isOther = false
    var html = ""
    var causes: [HTMLItem] = []
    var fixes: [HTMLItem] = []
    var questions: [QuestionView] = []
    init(title: String, anchor: String, causes: [HTMLItem] = [], fixes: [HTMLItem] = [], questions: [QuestionView] = []) {
        self.title = title
        self.anchor = anchor
        self.causes = causes
        self.fixes = fixes
        self.questions = questions
    }
}

final class HTMLItem: MustacheParent {
    var html: String
    init(html: String) {
        self.html = html
    }
}

final class QuestionView: MustacheParent {
    var question: String
    var anchor: String
    var answerHTML: String
    init(question: String, anchor: String, answerHTML: String) {
        self.question = question
        self.anchor = anchor
        self.answerHTML = answerHTML
    }
}

final class EndpointView: MustacheParent {
    var label: String
    var url: String
    init(label: String, url: String) {
        self.label = label
        self.url = url
    }
}

/// A list of entries wrapped for the `entry-list` partial, which reads `entries`.
final class EntryList: MustacheParent {
    var entries: [EntryCard]
    init(entries: [EntryCard]) {
        self.entries = entries
    }
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

extension SiteView {
    func child(named key: String) -> Any? {
        switch key {
        case "title": self.title
        case "repository": self.repository
        default: nil
        }
    }
}

extension Crumb {
    func child(named key: String) -> Any? {
        switch key {
        case "name": self.name
        case "url": self.url
        default: nil
        }
    }
}

extension CodeLink {
    func child(named key: String) -> Any? {
        switch key {
        case "code": self.code
        case "url": self.url
        default: nil
        }
    }
}

extension EntryCard {
    func child(named key: String) -> Any? {
        switch key {
        case "title": self.title
        case "url": self.url
        case "providerName": self.providerName
        case "categoryName": self.categoryName
        case "http": self.http
        case "summary": self.summary
        default: nil
        }
    }
}

extension EntryGroup {
    func child(named key: String) -> Any? {
        switch key {
        case "name": self.name
        case "anchor": self.anchor
        case "url": self.url
        case "entries": self.entries
        default: nil
        }
    }
}

extension CountedLink {
    func child(named key: String) -> Any? {
        switch key {
        case "name": self.name
        case "url": self.url
        case "entryCount": self.entryCount
        case "countText": self.countText
        default: nil
        }
    }
}

extension SectionView {
    func child(named key: String) -> Any? {
        switch key {
        case "title": self.title
        case "anchor": self.anchor
        case "isCauses": self.isCauses
        case "isFixes": self.isFixes
        case "isFAQ": self.isFAQ
        case "isOther": self.isOther
        case "html": self.html
        case "causes": self.causes
        case "fixes": self.fixes
        case "questions": self.questions
        default: nil
        }
    }
}

extension HTMLItem {
    func child(named key: String) -> Any? {
        switch key {
        case "html": self.html
        default: nil
        }
    }
}

extension QuestionView {
    func child(named key: String) -> Any? {
        switch key {
        case "question": self.question
        case "anchor": self.anchor
        case "answerHTML": self.answerHTML
        default: nil
        }
    }
}

extension EndpointView {
    func child(named key: String) -> Any? {
        switch key {
        case "label": self.label
        case "url": self.url
        default: nil
        }
    }
}

extension EntryList {
    func child(named key: String) -> Any? {
        switch key {
        case "entries": self.entries
        default: nil
        }
    }
}

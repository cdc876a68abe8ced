import Markdown
/// What templates see. Plain values with names a template author can guess; URLs are already
/// relative to the page being rendered.
struct SiteView {
    var title: String
    var repository: String?
}

struct Crumb {
    var name: String
    var url: String?
}

struct CodeLink {
    var code: Int
    var url: String
}

struct EntryCard {
    var title: String
    var url: String
    var providerName: String
    var categoryName: String
    var http: [CodeLink]
    var summary: String
}

/// A titled list of entries: a category on a provider page, a provider on a category page.
struct EntryGroup {
    var name: String
    var anchor: String
    var url: String
    var entries: [EntryCard]
}

struct CountedLink {
    var name: String
    var url: String
    var entryCount: Int
}

struct SectionView {
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
}

struct HTMLItem {
    var html: String
}

struct QuestionView {
    var question: String
    var anchor: String
    var answerHTML: String
}

struct EndpointView {
    var label: String
    var url: String
}

/// A list of entries wrapped for the `entry-list` partial, which reads `entries`.
struct EntryList {
    var entries: [EntryCard]
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

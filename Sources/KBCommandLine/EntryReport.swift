import Foundation
import KBContent
import KBCore
import KBSearch
import KBSite
/// `kb show ID`: one entry in the terminal, the way `rustc --explain` prints an error code.
enum EntryReport {
    /// The entry in full, with its sources and verified day, and the status step its fixes start
    /// with when it has one.
    static func text(_ document: SearchIndex.Document, signatures: [String], style: SearchReport.Style, statusStep: StatusPageStep? = nil) -> String {
        var lines: [String] = []
        lines.append(style.bold(document.title))
        let http = document.http.isEmpty ? "" : " · HTTP " + document.http.map(String.init).joined(separator: ", ")
        lines.append(style.dim("\(document.id) · \(document.category)\(http)"))
        lines.append("")
        lines.append(SearchReport.wrap(document.summary, indent: "", width: style.width))
        if !signatures.isEmpty {
            lines.append("")
            lines.append(style.heading("Error text"))
            for signature in signatures { lines.append("  " + style.accent(signature)) }
        }
        if !document.causes.isEmpty {
            lines.append("")
            lines.append(style.heading("Causes"))
            for cause in document.causes { lines.append(SearchReport.wrap(cause, indent: "  - ", continuation: "    ", width: style.width)) }
        }
        lines += SearchReport.fixLines(document.fixes, statusStep: statusStep, style: style)
        if !document.faq.isEmpty {
            lines.append("")
            lines.append(style.heading("FAQ"))
            for item in document.faq {
                lines.append(SearchReport.wrap(item.question, indent: "  ", width: style.width))
                lines.append(SearchReport.wrap(item.answer, indent: "    ", width: style.width))
            }
        }
        if !document.sources.isEmpty || document.verified != nil {
            lines.append("")
            lines.append(style.heading("Sources") + (document.verified.map { " " + style.dim("(verified \($0))") } ?? ""))
            for source in document.sources { lines.append("  " + source) }
        }
        if !document.related.isEmpty {
            lines.append("")
            lines.append(style.dim("Related: " + document.related.joined(separator: ", ")))
        }
        lines.append(style.dim("File: \(document.path)"))
        return lines.joined(separator: "\n") + "\n"
    }

    struct JSONEntry: Encodable {
        var id: String
        var title: String
        var provider: String
        var category: String
        var http: [Int]
        var signatures: [String]
        var summary: String
        var causes: [String]
        var fixes: [String]
        var faq: [JSONQuestion]
        var related: [String]
        var path: String
        var url: String
        /// The public pages the entry was checked against, and when.
        var sources: [String]
        var verified: String?
        /// The provider's status page, where it has one.
        var status: String?
    }

    struct JSONQuestion: Encodable {
        var question: String
        var answer: String
    }

    static func json(_ document: SearchIndex.Document, signatures: [String], status: String? = nil) -> String {
        JSONOutput.encode(JSONEntry(
            id: document.id, title: document.title, provider: document.provider, category: document.category, http: document.http,
            signatures: signatures, summary: document.summary, causes: document.causes, fixes: document.fixes,
            faq: document.faq.map { JSONQuestion(question: $0.question, answer: $0.answer) }, related: document.related,
            path: document.path, url: "\(document.id)/",
            sources: document.sources, verified: document.verified, status: status
        ))
    }
}

import Foundation
import KBContent
import KBCore
import KBSearch
import KBSite
/// `kb show ID`: one entry in the terminal, the way `rustc --explain` prints an error code.
enum EntryReport {
    static func text(_ document: SearchIndex.Document, signatures: [String], style: SearchReport.Style) -> String {
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
        if !document.fixes.isEmpty {
            lines.append("")
            lines.append(style.heading("Fixes"))
            for (number, fix) in document.fixes.enumerated() {
                let marker = "  \(number + 1). "
                lines.append(SearchReport.wrap(fix, indent: marker, continuation: String(repeating: " ", count: marker.count), width: style.width))
            }
        }
        if !document.faq.isEmpty {
            lines.append("")
            lines.append(style.heading("FAQ"))
            for item in document.faq {
                lines.append(SearchReport.wrap(item.question, indent: "  ", width: style.width))
                lines.append(SearchReport.wrap(item.answer, indent: "    ", width: style.width))
            }
        }
        if !document.related.isEmpty {
            lines.append("")
            lines.append(style.dim("Related: " + document.related.joined(separator: ", ")))
        }
        lines.append(style.dim("Source: \(document.path)"))
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
    }

    struct JSONQuestion: Encodable {
        var question: String
        var answer: String
    }

    static func json(_ document: SearchIndex.Document, signatures: [String]) -> String {
        JSONOutput.encode(JSONEntry(
            id: document.id, title: document.title, provider: document.provider, category: document.category, http: document.http,
            signatures: signatures, summary: document.summary, causes: document.causes, fixes: document.fixes,
            faq: document.faq.map { JSONQuestion(question: $0.question, answer: $0.answer) }, related: document.related,
            path: document.path, url: "\(document.id)/"
        ))
    }
}

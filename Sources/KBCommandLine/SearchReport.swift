import Foundation
import KBContent
import KBCore
import KBSearch
import KBSite
/// What `kb search` prints: the best match in full (why, causes, fixes), the others one line each.
enum SearchReport {
    struct Style: Sendable {
        var color: Bool
        var width: Int
        init(color: Bool, width: Int = 100) {
            self.color = color
            self.width = width
        }

        func bold(_ text: String) -> String { color ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
        func dim(_ text: String) -> String { color ? "\u{1B}[2m\(text)\u{1B}[0m" : text }
        func accent(_ text: String) -> String { color ? "\u{1B}[36m\(text)\u{1B}[0m" : text }
        func heading(_ text: String) -> String { color ? "\u{1B}[1;33m\(text)\u{1B}[0m" : text }
    }

    static func text(_ results: [Ranker.Result], style: Style, causeLimit: Int = 3) -> String {
        guard let best = results.first else { return "" }
        let document = best.document
        var lines: [String] = []
        lines.append(style.bold(document.title) + "  " + style.dim("\(document.id) · \(document.category)\(document.http.isEmpty ? "" : " · HTTP " + document.http.map(String.init).joined(separator: ", ")) · \(percent(best.score))"))
        lines.append(style.dim("matched: " + best.matched.joined(separator: "; ")))
        lines.append("")
        lines.append(wrap(document.summary, indent: "", width: style.width))
        if !document.causes.isEmpty {
            lines.append("")
            lines.append(style.heading("Likely causes"))
            for cause in document.causes.prefix(causeLimit) {
                lines.append(wrap(cause, indent: "  - ", continuation: "    ", width: style.width))
            }
            if document.causes.count > causeLimit { lines.append(style.dim("  (\(document.causes.count - causeLimit) more: kb show \(document.id))")) }
        }
        if !document.fixes.isEmpty {
            lines.append("")
            lines.append(style.heading("Fixes"))
            for (number, fix) in document.fixes.enumerated() {
                let marker = "  \(number + 1). "
                lines.append(wrap(fix, indent: marker, continuation: String(repeating: " ", count: marker.count), width: style.width))
            }
        }
        lines.append("")
        lines.append(style.dim("Full entry: kb show \(document.id)"))
        if results.count > 1 {
            lines.append("")
            lines.append(style.heading("Other candidates"))
            for other in results.dropFirst() {
                lines.append("  " + style.accent(other.document.id) + "  " + other.document.title + "  " + style.dim(percent(other.score)))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func percent(_ score: Double) -> String { "\(Int((score * 100).rounded()))%" }

    struct JSONResult: Encodable {
        var id: String
        var title: String
        var provider: String
        var category: String
        var http: [Int]
        var score: Double
        var matched: [String]
        var path: String
        var url: String
    }

    struct JSONResults: Encodable {
        var results: [JSONResult]
    }

    /// The `--json` shape of DESIGN.md; other tools read it, keep it stable.
    static func json(_ results: [Ranker.Result]) -> String {
        JSONOutput.encode(JSONResults(results: results.map {
            JSONResult(id: $0.document.id, title: $0.document.title, provider: $0.document.provider, category: $0.document.category,
                       http: $0.document.http, score: $0.score, matched: $0.matched, path: $0.document.path, url: "\($0.document.id)/")
        }))
    }

    /// Greedy word wrap, for terminal output.
    static func wrap(_ text: String, indent: String, continuation: String? = nil, width: Int) -> String {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\n" })
        var lines: [String] = []
        var line = indent
        let next = continuation ?? indent
        for word in words {
            let prefix = lines.isEmpty ? indent : next
            if line.count > prefix.count && line.count + 1 + word.count > width {
                lines.append(line)
                line = next + word
            } else {
                line += (line.count > prefix.count ? " " : "") + word
            }
        }
        lines.append(line)
        return lines.joined(separator: "\n")
    }
}

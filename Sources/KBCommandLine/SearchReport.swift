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

    /// What kb could not decide, in a sentence (nil when nothing).
    static func uncertaintyNote(_ uncertainty: Ranker.Uncertainty?, found: Bool) -> String? {
        guard let uncertainty else { return nil }
        if let unknown = uncertainty.unknownProvider {
            return found
                ? "note: the paste names \(unknown), which no provider of this knowledge base covers; these results may belong to another API"
                : (unknown.contains(".") ? "no entry for the API at \(unknown)" : "no entry for provider \(unknown)") + ": this knowledge base does not cover it"
                    + (uncertainty.closest.isEmpty ? "" : "; closest by category (\(uncertainty.category ?? "")): " + uncertainty.closest.joined(separator: ", "))
        }
        if !uncertainty.providers.isEmpty {
            return "note: several providers print this text word for word (\(uncertainty.providers.joined(separator: ", "))) and the paste does not say which; "
                + "the host, port, key format or model name in your code does"
        }
        return nil
    }

    /// The evidence as numbers, for `--explain`: each feature that is not zero, with its weight
    /// and what it adds to the score.
    static func explanation(_ result: Ranker.Result, parameters: RankingParameters) -> [String] {
        var lines: [String] = []
        var total = 0.0
        for feature in Feature.allCases where result.features[feature.rawValue] != 0 {
            let value = result.features[feature.rawValue], weight = parameters.weight(feature)
            total += value * weight
            lines.append("    \(feature.name.padding(18)) \(fixed(value)) × \(fixed(weight)) = \(fixed(value * weight))")
        }
        lines.append("    \("score".padding(18)) \(fixed(total))  (none of these: \(fixed(parameters.noneScore)); shown from \(percent(parameters.threshold)) confidence)")
        return lines
    }

    static func fixed(_ value: Double) -> String {
        let hundredths = Int((abs(value) * 100).rounded())
        return (value < 0 ? "-" : " ") + "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)"
    }

    /// The best match in full, the others one line each. `statusStep` is the best match's
    /// "is it them or you?" step, printed as its first fix.
    static func text(_ answer: Ranker.Answer, style: Style, causeLimit: Int = 3, explain: RankingParameters? = nil, statusStep: StatusPageStep? = nil) -> String {
        let results = answer.results
        guard let best = results.first else { return "" }
        let document = best.document
        var lines: [String] = []
        lines.append(style.bold(document.title) + "  " + style.dim("\(document.id) · \(document.category)\(document.http.isEmpty ? "" : " · HTTP " + document.http.map(String.init).joined(separator: ", ")) · \(percent(best.score))"))
        lines.append(style.dim("matched: " + best.matched.joined(separator: "; ")))
        if let explain { lines += explanation(best, parameters: explain).map(style.dim) }
        if let note = uncertaintyNote(answer.uncertainty, found: true) { lines.append(style.accent(note)) }
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
        lines += fixLines(document.fixes, statusStep: statusStep, style: style)
        lines.append("")
        lines.append(style.dim("Full entry: kb show \(document.id)"))
        if results.count > 1 {
            lines.append("")
            lines.append(style.heading("Other candidates"))
            for other in results.dropFirst() {
                lines.append("  " + style.accent(other.document.id) + "  " + other.document.title + "  " + style.dim(percent(other.score)))
                if let explain { lines += explanation(other, parameters: explain).map(style.dim) }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func percent(_ score: Double) -> String { "\(Int((score * 100).rounded()))%" }

    /// The `Fixes` heading and its numbered steps, the status step first when there is one;
    /// nothing when there are no steps.
    static func fixLines(_ fixes: [String], statusStep: StatusPageStep?, style: Style) -> [String] {
        let steps = (statusStep.map { [$0.text] } ?? []) + fixes
        guard !steps.isEmpty else { return [] }
        var lines = ["", style.heading("Fixes")]
        for (number, fix) in steps.enumerated() {
            let marker = "  \(number + 1). "
            lines.append(wrap(fix, indent: marker, continuation: String(repeating: " ", count: marker.count), width: style.width))
        }
        return lines
    }
}

extension SearchReport {

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
        /// The provider's status page, where it has one and the index came with its facts.
        var status: String?
    }

    struct JSONUncertainty: Encodable {
        var unknownProvider: String?
        var providers: [String]?
        var category: String?
        var closest: [String]?
    }

    struct JSONResults: Encodable {
        var results: [JSONResult]
        var uncertainty: JSONUncertainty?
    }

    /// The `--json` shape of DESIGN.md; other tools read it, keep it stable. `uncertainty`
    /// appears only when there is something kb could not decide, a result's `status` only when
    /// its provider has a status page.
    /// `kb search --json`'s object; with the index, each result names its provider's status page.
    static func json(_ answer: Ranker.Answer, index: SearchIndex? = nil) -> String {
        JSONOutput.encode(JSONResults(
            results: answer.results.map {
                JSONResult(id: $0.document.id, title: $0.document.title, provider: $0.document.provider, category: $0.document.category,
                           http: $0.document.http, score: $0.score, matched: $0.matched, path: $0.document.path, url: "\($0.document.id)/",
                           status: index?.provider(id: $0.document.provider)?.status)
            },
            uncertainty: answer.uncertainty.map {
                JSONUncertainty(unknownProvider: $0.unknownProvider, providers: $0.providers.isEmpty ? nil : $0.providers,
                                category: $0.category, closest: $0.closest.isEmpty ? nil : $0.closest)
            }
        ))
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

/// Labelled pastes that measure search quality: each a paste as users paste it and the entry
/// it must find, or `none` for text that must find nothing. `Evaluation/written/` holds pastes
/// written here; `Evaluation/real/` pastes copied from public threads, with their source.
public struct EvaluationSet: Sendable {
    /// One labelled paste.
    public struct Case: Sendable, Equatable {
        /// The entry that must come first, or nil when nothing may be found.
        public var expected: String?
        /// The text as pasted.
        public var paste: String
        /// Where in the set the paste is: `file.yml#3`.
        public var source: String
        /// Where the paste was copied from (real pastes): the public thread's address.
        public var origin: String?
        /// Whose API produced the error (real pastes), also when kb has no entry for it.
        public var provider: String?
        /// The kind of error (real pastes), one of the content's categories.
        public var category: String?
        /// An unrelated error chosen because it looks like an LLM API error (a 401 of another API).
        public var hard: Bool

        /// The keys an item of a set's file may have.
        public static let keys: Set<String> = ["expect", "paste", "source", "provider", "category", "hard"]

        /// A labelled paste.
        public init(expected: String?, paste: String, source: String, origin: String? = nil, provider: String? = nil, category: String? = nil, hard: Bool = false) {
            self.expected = expected
            self.paste = paste
            self.source = source
            self.origin = origin
            self.provider = provider
            self.category = category
            self.hard = hard
        }
    }

    /// The set's name (`real`, `written`).
    public var name: String
    /// Its pastes, in file order.
    public var cases: [Case]

    /// A set of pastes.
    public init(name: String, cases: [Case]) {
        self.name = name
        self.cases = cases
    }

    /// A set's file could not be read as labelled pastes.
    public struct Malformed: Error, CustomStringConvertible {
        /// Which file and item, and what is wrong.
        public var description: String
        /// A problem with a set's file.
        public init(description: String) { self.description = description }
    }
}

/// Top-1 and top-3 accuracy over the labelled pastes, and the false-match rate over the pastes
/// that must match nothing.
public struct EvaluationReport: Sendable {
    public struct Miss: Sendable {
        public var source: String
        public var expected: String?
        public var got: [String]
    }

    public var labelled = 0
    public var top1 = 0
    public var top3 = 0
    public var unrelated = 0
    public var falseMatches = 0
    public var misses: [Miss] = []
    public var unknownExpectations: [String] = []

    public var top1Accuracy: Double { labelled == 0 ? 0 : Double(top1) / Double(labelled) }
    public var top3Accuracy: Double { labelled == 0 ? 0 : Double(top3) / Double(labelled) }
    public var falseMatchRate: Double { unrelated == 0 ? 0 : Double(falseMatches) / Double(unrelated) }

    public static func run(_ set: EvaluationSet, ranker: Ranker) -> EvaluationReport {
        var report = EvaluationReport()
        let known = Set((0..<ranker.index.documentCount).map(ranker.index.documentID))
        for item in set.cases {
            let results = ranker.search(item.paste, limit: 3).map(\.document.id)
            guard let expected = item.expected else {
                report.unrelated += 1
                if !results.isEmpty {
                    report.falseMatches += 1
                    report.misses.append(Miss(source: item.source, expected: nil, got: results))
                }
                continue
            }
            if !known.contains(expected) { report.unknownExpectations.append("\(item.source): \(expected)") }
            report.labelled += 1
            if results.first == expected { report.top1 += 1 }
            if results.contains(expected) { report.top3 += 1 }
            if results.first != expected { report.misses.append(Miss(source: item.source, expected: expected, got: results)) }
        }
        return report
    }

    public var text: String {
        func percent(_ value: Double) -> String { Percent.text(value) }
        var lines = [
            "labelled pastes  \(labelled)",
            "top-1 accuracy   \(percent(top1Accuracy))  (\(top1)/\(labelled))",
            "top-3 accuracy   \(percent(top3Accuracy))  (\(top3)/\(labelled))",
            "unrelated pastes \(unrelated)",
            "false matches    \(percent(falseMatchRate))  (\(falseMatches)/\(unrelated))",
        ]
        if !misses.isEmpty {
            lines.append("")
            lines.append("misses:")
            for miss in misses {
                lines.append("  \(miss.source): expected \(miss.expected ?? "no result"), got \(miss.got.isEmpty ? "no result" : miss.got.joined(separator: ", "))")
            }
        }
        for unknown in unknownExpectations { lines.append("unknown expected id: \(unknown)") }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// How the threshold trades recall for silence: the evaluation at each candidate threshold,
/// which is how `Ranker.Parameters.threshold` was chosen (`kb eval --sweep`).
public enum ThresholdSweep {
    public struct Row: Sendable {
        public var threshold: Double
        public var report: EvaluationReport
    }

    public static func run(_ set: EvaluationSet, index: SearchIndex, parameters: Ranker.Parameters = .init(), thresholds: [Double]) -> [Row] {
        // The whole evaluation at each threshold: the ranker compares unrounded confidences,
        // so reusing one ranking's rounded scores would misplace cases near a threshold.
        thresholds.map { threshold in
            var candidate = parameters
            candidate.threshold = threshold
            return Row(threshold: threshold, report: EvaluationReport.run(set, ranker: Ranker(index: index, parameters: candidate)))
        }
    }

    public static func text(_ rows: [Row]) -> String {
        var lines = ["threshold  top-1    top-3    false matches"]
        for row in rows {
            let report = row.report
            lines.append(Percent.padded(String(format2: row.threshold), 9) + "  " + Percent.padded(Percent.text(report.top1Accuracy), 6) + "   " + Percent.padded(Percent.text(report.top3Accuracy), 6) + "   " + Percent.padded(Percent.text(report.falseMatchRate), 6))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Percentages and fixed decimals without Foundation's String(format:).
enum Percent {
    /// `95.5%`: one decimal.
    static func text(_ share: Double) -> String {
        let tenths = Int((share * 1000).rounded())
        return "\(tenths / 10).\(tenths % 10)%"
    }

    static func padded(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }
}

extension String {
    /// A number with two decimals (`0.55`).
    init(format2 value: Double) {
        let hundredths = Int((value * 100).rounded())
        self = "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)"
    }
}

import Foundation
import Yams

/// The labelled pastes that measure search quality (`Evaluation/*.yml`): each a paste as users
/// paste it and the entry it must find, or `none` for text that must find nothing.
public struct EvaluationSet: Sendable {
    public struct Case: Sendable, Equatable {
        public var expected: String?
        public var paste: String
        /// Where in the set the paste is: `file.yml#3`.
        public var source: String
        /// Where the paste was copied from (real pastes): the public thread's address.
        public var origin: String? = nil
        /// Whose API produced the error (real pastes), also when kb has no entry for it.
        public var provider: String? = nil
        /// The kind of error (real pastes), one of the content's categories.
        public var category: String? = nil
        /// An unrelated error chosen because it looks like an LLM API error (a 401 of another API).
        public var hard = false
    }

    static let keys: Set<String> = ["expect", "paste", "source", "provider", "category", "hard"]

    public var cases: [Case]

    public static func load(from directory: URL) throws -> EvaluationSet {
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".yml") }.sorted()
        var cases: [Case] = []
        for file in files {
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            guard let root = try Yams.compose(yaml: text), case .sequence(let items) = root else { continue }
            for (number, item) in items.enumerated() {
                guard let expect = item["expect"]?.string, let paste = item["paste"]?.string else {
                    throw EvaluationError.malformed("\(file): item \(number + 1) needs 'expect' and 'paste'")
                }
                if case .mapping(let mapping) = item, let unknown = mapping.keys.compactMap(\.string).first(where: { !Self.keys.contains($0) }) {
                    throw EvaluationError.malformed("\(file): item \(number + 1) has unknown key '\(unknown)' (keys: \(Self.keys.sorted().joined(separator: ", ")))")
                }
                cases.append(Case(
                    expected: expect == "none" ? nil : expect, paste: paste, source: "\(file)#\(number + 1)",
                    origin: item["source"]?.string, provider: item["provider"]?.string, category: item["category"]?.string,
                    hard: item["hard"]?.bool ?? false))
            }
        }
        return EvaluationSet(cases: cases)
    }
}

public enum EvaluationError: Error, CustomStringConvertible {
    case malformed(String)
    public var description: String {
        switch self { case .malformed(let message): return message }
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
        func percent(_ value: Double) -> String { String(format: "%.1f%%", value * 100) }
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
            lines.append(String(format: "%9.2f  %5.1f%%   %5.1f%%   %5.1f%%", row.threshold, report.top1Accuracy * 100, report.top3Accuracy * 100, report.falseMatchRate * 100))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

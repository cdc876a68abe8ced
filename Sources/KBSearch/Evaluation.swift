import KBCore

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
/// that must match nothing; per provider too, for the pastes that name one.
public struct EvaluationReport: Sendable {
    /// A paste whose first result was not the expected one.
    public struct Miss: Sendable {
        /// Where in the set (`file.yml#3`).
        public var source: String
        /// The entry expected, nil for none.
        public var expected: String?
        /// What came back, best first.
        public var got: [String]
        /// Where the expected entry stood among all candidates (1: first), nil when it was none.
        public var expectedRank: Int?
        /// The confidence of the best candidates, shown or not.
        public var confidence: Double?
    }

    /// Counts for the pastes of one provider.
    public struct Tally: Sendable, Equatable {
        /// Labelled pastes.
        public var labelled = 0
        /// First result right.
        public var top1 = 0
        /// Right result among the first three.
        public var top3 = 0
    }

    /// The set's name.
    public var name = ""
    /// Pastes that name an entry.
    public var labelled = 0
    /// Of those, how many found it first.
    public var top1 = 0
    /// And among the first three.
    public var top3 = 0
    /// Pastes that must find nothing.
    public var unrelated = 0
    /// Of those, how many found something.
    public var falseMatches = 0
    /// The pastes that were not answered right.
    public var misses: [Miss] = []
    /// Expected ids the knowledge base does not have (a stale label).
    public var unknownExpectations: [String] = []
    /// Labelled pastes by the provider they name.
    public var byProvider: [String: Tally] = [:]

    /// An empty report for a set.
    public init(name: String = "") { self.name = name }

    /// Top-1 accuracy.
    public var top1Accuracy: Double { labelled == 0 ? 0 : Double(top1) / Double(labelled) }
    /// Top-3 accuracy.
    public var top3Accuracy: Double { labelled == 0 ? 0 : Double(top3) / Double(labelled) }
    /// The share of unrelated pastes that found something.
    public var falseMatchRate: Double { unrelated == 0 ? 0 : Double(falseMatches) / Double(unrelated) }

    /// Counts one paste and what it found.
    public mutating func add(_ item: EvaluationSet.Case, got results: [String], known: Set<String>, ranked: [String]? = nil, confidence: Double? = nil) {
        guard let expected = item.expected else {
            unrelated += 1
            if !results.isEmpty {
                falseMatches += 1
                misses.append(Miss(source: item.source, expected: nil, got: results, confidence: confidence))
            }
            return
        }
        if !known.contains(expected) { unknownExpectations.append("\(item.source): \(expected)") }
        labelled += 1
        let first = results.first == expected, inTop3 = results.prefix(3).contains(expected)
        if first { top1 += 1 }
        if inTop3 { top3 += 1 }
        if !first {
            let rank = ranked?.firstIndex(of: expected).map { $0 + 1 }
            misses.append(Miss(source: item.source, expected: expected, got: results, expectedRank: rank, confidence: confidence))
        }
        if let provider = item.provider {
            byProvider[provider, default: Tally()].labelled += 1
            if first { byProvider[provider, default: Tally()].top1 += 1 }
            if inTop3 { byProvider[provider, default: Tally()].top3 += 1 }
        }
    }

    /// Every paste of a set searched as `kb search` would, with the ranker's parameters.
    public static func run(_ set: EvaluationSet, ranker: Ranker) -> EvaluationReport {
        var report = EvaluationReport(name: set.name)
        let known = Set((0..<ranker.index.documentCount).map(ranker.index.documentID))
        for item in set.cases {
            report.add(item, got: ranker.search(item.paste, limit: 3).results.map(\.document.id), known: known)
        }
        report.misses.sort { $0.source.utf8.lexicographicallyPrecedes($1.source.utf8) }
        return report
    }

    /// One line: `real      818 labelled  top-1 87.7%  top-3 90.3%  106 unrelated  false 19.8%`.
    public var line: String {
        Percent.right(name, 8) + Percent.padded("\(labelled)", 6) + " labelled  top-1 " + Percent.padded(Percent.text(top1Accuracy), 6)
            + " (\(top1))  top-3 " + Percent.padded(Percent.text(top3Accuracy), 6) + " (\(top3))  " + Percent.padded("\(unrelated)", 4)
            + " unrelated  false matches " + Percent.padded(Percent.text(falseMatchRate), 6) + " (\(falseMatches))"
    }

    /// The misses, one per line.
    public var missLines: [String] {
        misses.map { miss in
            var line = "  \(name)/\(miss.source): expected \(miss.expected ?? "no result"), got \(miss.got.isEmpty ? "no result" : miss.got.joined(separator: ", "))"
            if let confidence = miss.confidence { line += " [confidence \(Percent.text(confidence))" + (miss.expectedRank.map { ", expected ranked \($0)" } ?? (miss.expected == nil ? "" : ", expected no candidate")) + "]" }
            return line
        } + unknownExpectations.map { "  unknown expected id: \(name)/\($0)" }
    }

    /// The summary and the misses.
    public var text: String {
        ([line] + (misses.isEmpty && unknownExpectations.isEmpty ? [] : ["", "misses:"] + missLines)).joined(separator: "\n") + "\n"
    }
}

/// Figures that are never measured on the pastes the parameters were fitted on: the pastes of
/// all sets are split into folds (a thread's pastes stay in one fold, so two copies of one
/// error cannot sit on both sides), the model is fitted on all folds but one, its threshold is
/// chosen on those same training folds, and the held-out fold is searched. Each set's report
/// gathers its pastes over the held-out folds.
public enum CrossValidation {
    /// The fold of a paste: by its source thread when it has one, else by its place in the set.
    public static func fold(of item: EvaluationSet.Case, setName: String, folds: Int) -> Int {
        var hash = FNV1a()
        hash.add(item.origin ?? (setName + "/" + item.source))
        // Mixed first (splitmix64's finaliser): FNV's bits barely change between `s.yml#1` and
        // `s.yml#2`, and a modulus of them gave two folds of five.
        var mixed = hash.value
        mixed = (mixed ^ (mixed >> 30)) &* 0xbf58_476d_1ce4_e5b9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94d0_49bb_1331_11eb
        mixed ^= mixed >> 31
        return Int(mixed % UInt64(max(folds, 1)))
    }

    /// One paste as fitting sees it, read once.
    struct Prepared {
        var set: Int
        var item: EvaluationSet.Case
        var reading: Ranker.Reading
        /// The expected entry's position among the candidates: nil when none is expected, -1 when
        /// it is expected but is no candidate (then nothing can put it first).
        var answer: Int?
        var fold: Int
    }

    /// The held-out reports, one per set, and the parameters fitted on every paste (which an
    /// index should carry; their figures are the held-out ones).
    public static func run(_ sets: [EvaluationSet], ranker: Ranker, folds: Int = 5) -> (reports: [EvaluationReport], fitted: RankingParameters) {
        let index = ranker.index
        var documentByID: [String: Int] = [:]
        for document in 0..<index.documentCount { documentByID[index.documentID(document)] = document }
        let known = Set(documentByID.keys)
        var prepared: [Prepared] = []
        for (number, set) in sets.enumerated() {
            let readings = set.cases.concurrentMap { ranker.read(ranker.analyse($0.paste)) }
            for (item, reading) in zip(set.cases, readings) {
                var answer: Int?
                if let expected = item.expected {
                    let document = documentByID[expected] ?? -2
                    answer = reading.candidates.firstIndex { $0.document == document } ?? -1
                }
                prepared.append(Prepared(set: number, item: item, reading: reading, answer: answer, fold: fold(of: item, setName: set.name, folds: folds)))
            }
        }
        var reports = sets.map { EvaluationReport(name: $0.name) }
        for held in 0..<folds {
            let parameters = fit(prepared.filter { $0.fold != held }, ranker: ranker)
            for item in prepared where item.fold == held {
                let ranking = ranker.rank(item.reading, parameters: parameters)
                let ranked = ranking.order.map { ranker.index.documentID(item.reading.candidates[$0.candidate].document) }
                reports[item.set].add(item.item, got: shown(item.reading, ranker: ranker, parameters: parameters), known: known, ranked: ranked, confidence: ranking.confidence)
            }
        }
        for position in reports.indices { reports[position].misses.sort { $0.source.utf8.lexicographicallyPrecedes($1.source.utf8) } }
        return (reports, fit(prepared, ranker: ranker))
    }

    /// Weights fitted on some pastes, then the threshold that does most good on the same pastes.
    static func fit(_ training: [Prepared], ranker: Ranker) -> RankingParameters {
        let examples = training.compactMap { item -> RankingFit.Example? in
            // A paste whose answer is no candidate teaches nothing about the weights.
            if item.answer == -1 { return nil }
            if item.reading.candidates.isEmpty { return nil }
            return RankingFit.Example(candidates: item.reading.candidates.map(\.features), answer: item.answer)
        }
        // From the same start every time, with the shapes the readings were made with.
        var start = RankingParameters.initial
        (start.k1, start.wordsHalf, start.nearShare, start.relativeCutoff) = (ranker.parameters.k1, ranker.parameters.wordsHalf, ranker.parameters.nearShare, ranker.parameters.relativeCutoff)
        var parameters = RankingFit.fit(examples, start: start)
        let outcomes = training.map { item -> (confidence: Double, firstIsRight: Bool, expectsNone: Bool) in
            let ranking = ranker.rank(item.reading, parameters: parameters)
            let first = ranking.order.first.map { item.reading.candidates[$0.candidate].document }
            let right = item.answer.map { $0 >= 0 && first == item.reading.candidates[$0].document } ?? false
            return (item.reading.unknownProvider == nil ? ranking.confidence : 0, right, item.answer == nil)
        }
        parameters.threshold = RankingFit.chooseThreshold(outcomes)
        return parameters
    }

    /// The ids a search would show, with some parameters.
    static func shown(_ reading: Ranker.Reading, ranker: Ranker, parameters: RankingParameters) -> [String] {
        let ranking = ranker.rank(reading, parameters: parameters)
        guard ranking.isConfident, let best = ranking.order.first else { return [] }
        return ranking.order.prefix(3).filter { $0.probability >= best.probability * parameters.relativeCutoff }
            .map { ranker.index.documentID(reading.candidates[$0.candidate].document) }
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

    static func right(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }
}

extension String {
    /// A number with two decimals (`0.55`).
    init(format2 value: Double) {
        let hundredths = Int((value * 100).rounded())
        self = "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)"
    }
}

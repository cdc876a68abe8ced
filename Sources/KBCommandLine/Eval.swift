import ArgumentParser
import Foundation
import KBContent
import KBCore
import KBSearch
import KBSite

struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure search quality on labelled pastes, cross-validated.",
        discussion: """
        Each folder of labelled pastes is a set, reported on its own line: top-1 and top-3 \
        accuracy over the pastes that name an entry, and the false-match rate over those that \
        must find nothing. The figures are held out: the pastes of all sets are split into \
        folds (a thread's pastes in one fold), the ranking is fitted on all folds but one, its \
        threshold chosen on the same folds, and the last fold searched; never a figure on the \
        pastes the parameters were fitted on. With --cv 0, the index's own parameters are \
        measured as they are (for pastes they were not fitted on, such as your own set).

        Examples:
          kb eval
          kb eval --misses --by-provider
          kb eval --set my-pastes --cv 0
          kb eval --fit Sources/KBSearch/FittedParameters.swift
        """
    )

    @OptionGroup var options: ContentOptions

    @Option(help: ArgumentHelp("A folder of labelled pastes (*.yml), or a folder of such folders, each a set.", valueName: "dir"))
    var set = "Evaluation"

    @Option(name: [.customLong("cv"), .customLong("folds")], help: ArgumentHelp("How many folds of cross-validation; 0 measures the index's own parameters without fitting.", valueName: "k"))
    var folds = 5

    @Option(help: ArgumentHelp("Fit on every paste and write the parameters to this Swift file (what every index carries).", valueName: "file"))
    var fit: String?

    @Option(help: .hidden)
    var dumpFeatures: String?

    @Flag(help: "List every paste that was not answered right.")
    var misses = false

    @Flag(help: "Top-1 and top-3 per provider, for the pastes that name one.")
    var byProvider = false

    func validate() throws {
        guard folds == 0 || folds >= 2 else { throw ValidationError("--cv must be 0 (no fitting) or at least 2") }
        guard fit == nil || folds >= 2 else { throw ValidationError("--fit needs folds to report held-out figures; leave --cv at 5 or set it to 2 or more") }
    }

    func run() throws {
        let graph = try options.loadValidGraph()
        let sets = try EvaluationSet.loadSets(from: URL(fileURLWithPath: set))
        guard !sets.isEmpty else { throw ValidationError("no labelled pastes in \(set): it needs *.yml files, or folders of them") }
        let ranker = Ranker(index: SearchIndexBuilder.build(graph))
        let pastes = sets.reduce(0) { $0 + $1.cases.count }
        if let dumpFeatures {
            // For studying features outside kb: one JSON line per paste with its candidates.
            var lines: [String] = []
            for set in sets {
                for item in set.cases {
                    let reading = ranker.read(ranker.analyse(item.paste))
                    let candidates = reading.candidates.map { "{\"id\":\"\(ranker.index.documentID($0.document))\",\"f\":\($0.features)}" }
                    lines.append("{\"set\":\"\(set.name)\",\"source\":\"\(item.source)\",\"origin\":\"\(item.origin ?? "")\",\"expect\":\"\(item.expected ?? "none")\",\"c\":[\(candidates.joined(separator: ","))]}")
                }
            }
            try IndexStore.writeAtomically(Array((lines.joined(separator: "\n") + "\n").utf8), to: URL(fileURLWithPath: dumpFeatures))
            return
        }
        var reports: [EvaluationReport]
        if folds == 0 {
            Output.print("the index's own parameters, not fitted here; \(pastes) pastes\n")
            reports = sets.map { EvaluationReport.run($0, ranker: ranker) }
        } else {
            Output.print("\(folds)-fold cross-validation: fitted on \(folds - 1) folds, measured on the one held out (a thread's pastes stay in one fold); \(pastes) pastes\n")
            let validation = CrossValidation.run(sets, ranker: ranker, folds: folds)
            reports = validation.reports
            if let fit {
                try FittedParametersFile.write(validation.fitted, sets: sets, to: URL(fileURLWithPath: fit))
                Output.error("kb: wrote the parameters fitted on all \(pastes) pastes to \(fit)\n")
            }
        }
        for report in reports { Output.print(report.line + "\n") }
        if byProvider {
            for report in reports where !report.byProvider.isEmpty {
                Output.print("\n\(report.name) by provider:\n")
                for (provider, tally) in report.byProvider.sorted(by: { $0.key < $1.key }) {
                    let top1 = Double(tally.top1) / Double(max(tally.labelled, 1)), top3 = Double(tally.top3) / Double(max(tally.labelled, 1))
                    Output.print("  \(provider.padding(16)) \(String(tally.labelled).leftPadded(4)) labelled  top-1 \(Self.percent(top1).leftPadded(6))  top-3 \(Self.percent(top3).leftPadded(6))\n")
                }
            }
        }
        if misses {
            for report in reports where !report.missLines.isEmpty {
                Output.print("\n\(report.name) misses:\n" + report.missLines.joined(separator: "\n") + "\n")
            }
        }
        let unknown = reports.flatMap(\.unknownExpectations)
        if !unknown.isEmpty {
            Output.error("kb: \(unknown.count) expected ids are no entry of the knowledge base:\n" + unknown.map { "  \($0)\n" }.joined())
            throw ExitCode(1)
        }
    }

    static func percent(_ share: Double) -> String {
        let tenths = Int((share * 1000).rounded())
        return "\(tenths / 10).\(tenths % 10)%"
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: " ", count: Swift.max(0, width - count)) + self }
}

/// The Swift file `kb eval --fit` writes: the parameters every index carries by default.
enum FittedParametersFile {
    static func write(_ parameters: RankingParameters, sets: [EvaluationSet], to url: URL) throws {
        func number(_ value: Double) -> String { "\(value)" }
        let counts = sets.map { "\($0.cases.count) \($0.name)" }.joined(separator: ", ")
        var lines = [
            "// Written by `kb eval --fit`: the ranking parameters fitted on every paste of Evaluation/",
            "// (\(counts)). Figures measured with them on those pastes say nothing; `kb eval` reports",
            "// held-out folds. Fit again after changing features or the evaluation sets.",
            "extension RankingParameters {",
            "    /// The parameters fitted on the evaluation sets, which every index carries by default.",
            "    public static let fitted = RankingParameters(",
            "        weights: [",
        ]
        for feature in Feature.allCases {
            lines.append("            \(number(parameters.weight(feature))),  // \(feature.name)")
        }
        lines += [
            "        ],",
            "        noneScore: \(number(parameters.noneScore)), threshold: \(number(parameters.threshold)), relativeCutoff: \(number(parameters.relativeCutoff)),",
            "        k1: \(number(parameters.k1)), wordsHalf: \(number(parameters.wordsHalf)), nearShare: \(number(parameters.nearShare))",
            "    )",
            "}",
        ]
        try IndexStore.writeAtomically(Array((lines.joined(separator: "\n") + "\n").utf8), to: url)
    }
}

import ArgumentParser
import Foundation
import KBContent
import KBCore
import KBSearch
import KBSite

struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure search quality on the labelled pastes of Evaluation/.",
        discussion: """
        Prints top-1 and top-3 accuracy over the pastes that name an entry, and the false-match \
        rate over the pastes that must find nothing, then every miss.

        Examples:
          kb eval
          kb eval --set Evaluation --content Content
        """
    )

    @OptionGroup var options: ContentOptions

    @Option(help: ArgumentHelp("The folder of labelled pastes.", valueName: "dir"))
    var set = "Evaluation/written"

    @Flag(help: "Print accuracy and false matches at thresholds from 0.30 to 0.70 instead (how the threshold was chosen).")
    var sweep = false

    func run() throws {
        let graph = try options.loadValidGraph()
        let evaluation = try EvaluationSet.load(from: URL(fileURLWithPath: set))
        if sweep {
            let thresholds = stride(from: 0.30, through: 0.7001, by: 0.05).map { ($0 * 100).rounded() / 100 }
            Output.print(ThresholdSweep.text(ThresholdSweep.run(evaluation, index: SearchIndexBuilder.build(graph), thresholds: thresholds)))
            return
        }
        let report = EvaluationReport.run(evaluation, ranker: Ranker(index: SearchIndexBuilder.build(graph)))
        Output.print(report.text)
    }
}

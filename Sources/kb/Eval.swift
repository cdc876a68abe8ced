import ArgumentParser
import Foundation
import KnowledgeBase

struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
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
    var set = "Evaluation"

    func run() throws {
        let graph = try options.loadValidGraph()
        let evaluation = try EvaluationSet.load(from: URL(fileURLWithPath: set))
        let report = EvaluationReport.run(evaluation, ranker: Ranker(index: SearchIndexBuilder.build(graph)))
        Output.print(report.text)
    }
}

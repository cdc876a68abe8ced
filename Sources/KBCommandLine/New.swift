import ArgumentParser
import Foundation
import KBContent
import KBCore
import KBSearch
import KBSite

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Write the skeleton of a new entry; it passes kb check once its TODOs are replaced.",
        discussion: """
        Never overwrites: an existing file is an error.

        Examples:
          kb new openai/rate-limit --category rate-limit
          kb new moonshot/engine-overloaded --category server
        """
    )

    @Argument(help: ArgumentHelp("The new entry's id, provider/slug.", valueName: "id"))
    var id: String

    @Option(help: ArgumentHelp("The entry's category.", valueName: "category"))
    var category = "invalid-request"

    @OptionGroup var options: ContentOptions

    func run() throws {
        let workspace = try options.workspace()
        do {
            let relative = try EntrySkeleton.create(id: id, category: category, in: workspace)
            Output.print("kb: wrote \(workspace.displayRoot)/\(relative); replace every TODO, then run kb check\n")
        } catch let failure as EntrySkeleton.Failure {
            throw ValidationError(failure.description)
        }
    }
}

import ArgumentParser
import Foundation
import KBContent
import KBCore
import KBSearch
import KBSite

struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print one entry in full: what it means, the error text, causes, fixes, FAQ and sources.",
        discussion: """
        Examples:
          kb show moonshot/authentication-failed
          kb show openai/insufficient-quota --json
        """
    )

    @Argument(help: ArgumentHelp("The entry id, provider/slug.", valueName: "id"))
    var id: String

    @OptionGroup var options: ContentOptions

    @Flag(help: "Print the entry as JSON.")
    var json = false

    func run() throws {
        let opened = try SearchSetup.openIndex(options)
        let index = opened.index
        guard let position = index.documentIndex(id: id) else {
            let ids = (0..<index.documentCount).map { index.document($0).id }
            throw ValidationError("unknown entry '\(id)'\(NearestName.didYouMean(NearestName.suggestion(for: id, among: ids))); kb list shows every id")
        }
        let document = index.document(position)
        let signatures = index.signatures(ofDocument: position)
        if json {
            Output.print(EntryReport.json(document, signatures: signatures, status: index.provider(id: document.provider)?.status))
        } else {
            Output.print(EntryReport.text(document, signatures: signatures, style: .init(color: Terminal.wantsColor(FileHandle.standardOutput)),
                                          statusStep: index.statusStep(for: document)))
        }
    }
}

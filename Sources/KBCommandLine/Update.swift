import ArgumentParser
import Foundation
import KBContent
import KBCore
import KBSearch
import KBSite

struct Update: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update",
        abstract: "Download a published site's search index, so kb search works offline with it.",
        discussion: """
        Reads SITE/search/manifest.json, downloads the index it names (the one the site's own \
        search is cut from), checks its size, its hash and that it opens as an index, and only \
        then keeps it in $XDG_DATA_HOME/kb (or ~/.local/share/kb); when anything fails the \
        previous index stays. kb search uses it when there is no Content/ folder, no --content \
        and no $KB_CONTENT. A URL ending in .kbix is downloaded as it is.

        Examples:
          kb update https://example.org/kb/
          kb update file:///srv/www/kb/
          KB_SITE_URL=https://example.org/kb/ kb update
        """
    )

    @Argument(help: ArgumentHelp("The site's URL (default: $KB_SITE_URL).", valueName: "url"))
    var url: String?

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        guard let site = url ?? environment["KB_SITE_URL"], !site.isEmpty else {
            throw ValidationError("name the site to download from: kb update https://example.org/kb/ (or set KB_SITE_URL)")
        }
        let source: URL
        do {
            source = try IndexDownload.indexURL(for: site)
        } catch {
            throw ValidationError("\(error)")
        }
        let index: SearchIndex
        do {
            index = try IndexDownload.fetch(source)
        } catch {
            Output.error("kb: \(error)\n")
            throw ExitCode(1)
        }
        let target = IndexStore.downloadedIndex(environment: environment)
        try IndexStore.writeAtomically(index.bytes, to: target)
        Output.print("kb: downloaded the index of \(index.documentCount) entries from \(source.absoluteString) into \(target.path)\n")
    }
}

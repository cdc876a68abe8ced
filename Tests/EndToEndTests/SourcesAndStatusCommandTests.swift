import Foundation
import KBTestSupport
import XCTest

/// Sources, verified days, status pages and provider kinds through the built `kb`, as a user
/// runs it: `kb show`, `kb search`, `kb stats`, `kb list`, and an installed index.
final class SourcesAndStatusCommandTests: XCTestCase {
    func knowledgeBase() throws -> (root: URL, content: URL, environment: [String: String]) {
        let tree = try TemporaryContent(StatusPageTree.repositoryFiles)
        let environment = ["XDG_CACHE_HOME": tree.root.appendingPathComponent("cache").path, "XDG_DATA_HOME": tree.root.appendingPathComponent("data").path]
        return (tree.root, tree.root.appendingPathComponent("Content"), environment)
    }

    func kb(_ arguments: [String], _ kb: (root: URL, content: URL, environment: [String: String])) throws -> KBProcess.Output {
        try KBProcess.run(arguments + ["--content", kb.content.path], environment: kb.environment)
    }

    func testShowPrintsSourcesVerifiedAndStartsServerFixesWithTheStatusPage() throws {
        let base = try knowledgeBase()
        // Twice: the first run builds the cache, the second reads the facts file beside it.
        for run in ["built", "cached"] {
            let show = try kb(["show", "example/overloaded"], base)
            XCTAssertEqual(show.status, 0, show.stderr)
            XCTAssertTrue(show.stdout.contains("Fixes\n  1. Is it them or you? Check the status page of Example AI, https://status.example.ai:"), "\(run): \(show.stdout)")
            XCTAssertTrue(show.stdout.contains("  2. Retry with exponential backoff."), run)
            XCTAssertTrue(show.stdout.contains("Sources (verified \(StatusPageTree.recentlyVerified))\n  https://github.com/example/example-sdk/issues/42\n"), "\(run): \(show.stdout)")
        }
        let json = try kb(["show", "example/overloaded", "--json"], base)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(object["sources"] as? [String], ["https://github.com/example/example-sdk/issues/42", "https://docs.example.ai/errors/#server"])
        XCTAssertEqual(object["verified"] as? String, StatusPageTree.recentlyVerified.description)
        XCTAssertEqual(object["status"] as? String, StatusPageTree.statusPage)

        let auth = try kb(["show", "example/invalid-key"], base)
        XCTAssertFalse(auth.stdout.contains("Is it them or you?"), "not for an authentication error")
        XCTAssertTrue(auth.stdout.contains("Sources (verified 2020-01-15)"), auth.stdout)
        let local = try kb(["show", "localbox/crashed", "--json"], base)
        XCTAssertFalse(local.stdout.contains("\"status\""), "a provider without a status page")
    }

    func testSearchStartsTheFixesWithTheStatusPageAndJSONCarriesIt() throws {
        let base = try knowledgeBase()
        let text = try kb(["search", "HTTP 503 example_overloaded: the servers are busy"], base)
        XCTAssertEqual(text.status, 0, text.stderr)
        XCTAssertTrue(text.stdout.hasPrefix("Example overloaded"), text.stdout)
        XCTAssertTrue(text.stdout.contains("Fixes\n  1. Is it them or you? Check the status page of Example AI, https://status.example.ai:"), text.stdout)
        XCTAssertTrue(text.stdout.contains("  3. Send fewer requests at once."), text.stdout)

        let json = try kb(["search", "--json", "HTTP 503 example_overloaded: the servers are busy"], base)
        let results = try XCTUnwrap((try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])?["results"] as? [[String: Any]])
        XCTAssertEqual(results.first?["id"] as? String, "example/overloaded")
        XCTAssertEqual(results.first?["status"] as? String, StatusPageTree.statusPage)

        let local = try kb(["search", "--json", "localbox runner process has terminated"], base)
        let localResults = try XCTUnwrap((try JSONSerialization.jsonObject(with: Data(local.stdout.utf8)) as? [String: Any])?["results"] as? [[String: Any]])
        XCTAssertEqual(localResults.first?["id"] as? String, "localbox/crashed")
        XCTAssertNil(localResults.first?["status"], "the field is absent when the provider has no status page")
        let localText = try kb(["search", "localbox runner process has terminated"], base)
        XCTAssertFalse(localText.stdout.contains("Is it them or you?"))
    }

    func testAnInstalledOrDownloadedIndexShowsSourcesAndTheStatusStep() throws {
        let base = try knowledgeBase()
        let prefix = base.root.appendingPathComponent("prefix")
        try FileManager.default.createDirectory(at: prefix.appendingPathComponent("bin"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: KBProcess.binary, to: prefix.appendingPathComponent("bin/kb"))
        let indexFile = prefix.appendingPathComponent("share/kb/index.kbix")
        let index = try KBProcess.run(["index", "--content", base.content.path, "--output", indexFile.path], environment: base.environment)
        XCTAssertEqual(index.status, 0, index.stderr)

        let elsewhere = prefix.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        let installed = prefix.appendingPathComponent("bin/kb")
        let show = try KBProcess.run(["show", "example/overloaded"], in: elsewhere, environment: base.environment, binary: installed)
        XCTAssertEqual(show.status, 0, show.stderr)
        XCTAssertTrue(show.stdout.contains("Sources (verified"), show.stdout)
        XCTAssertTrue(show.stdout.contains("1. Is it them or you?"), show.stdout)

        // A site's index, downloaded with kb update, carries the same: it is the same index.
        try FileManager.default.removeItem(at: indexFile)
        let site = base.root.appendingPathComponent("site")
        let build = try KBProcess.run(["build", "--content", base.content.path, "--templates", KBProcess.packageRoot.appendingPathComponent("Templates").path,
                                       "--output", site.path], environment: base.environment)
        XCTAssertEqual(build.status, 0, build.stderr)
        XCTAssertEqual(try KBProcess.run(["update", site.absoluteString], in: elsewhere, environment: base.environment, binary: installed).status, 0)
        let downloaded = try KBProcess.run(["show", "example/overloaded"], in: elsewhere, environment: base.environment, binary: installed)
        XCTAssertEqual(downloaded.status, 0, downloaded.stderr)
        XCTAssertTrue(downloaded.stdout.contains("Sources (verified"), downloaded.stdout)
        XCTAssertTrue(downloaded.stdout.contains("1. Is it them or you?"), downloaded.stdout)
    }

    func testStatsListsTheOldestChecks() throws {
        let base = try knowledgeBase()
        let text = try kb(["stats"], base)
        XCTAssertEqual(text.status, 0, text.stderr)
        XCTAssertTrue(text.stdout.contains("Oldest checks against their sources (verified):\n  2020-01-15"), text.stdout)
        XCTAssertTrue(text.stdout.contains("example/invalid-key"))
        XCTAssertTrue(text.stdout.contains("1 entry verified more than 180 days ago or never"), text.stdout)
        let json = try kb(["stats", "--json"], base)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(object["staleVerified"] as? Int, 1)
        XCTAssertEqual((object["oldestVerified"] as? [[String: Any]])?.first?["verified"] as? String, "2020-01-15")
    }

    func testListShowsProvidersByKindAndEntriesOnRequest() throws {
        let base = try knowledgeBase()
        let summary = try kb(["list"], base)
        XCTAssertEqual(summary.status, 0, summary.stderr)
        XCTAssertTrue(summary.stdout.hasPrefix("Hosted APIs (1 provider, 3 entries)\n  example   3  Example AI\n\nLocal servers (1 provider, 1 entry)\n  localbox  1  Localbox\n"), summary.stdout)
        let all = try kb(["list", "--all"], base)
        XCTAssertEqual(all.stdout.split(separator: "\n").count, 4, all.stdout)
        XCTAssertTrue(all.stdout.hasPrefix("example/invalid-key"), all.stdout)
        let local = try kb(["list", "--kind", "local"], base)
        XCTAssertEqual(local.stdout, "localbox/crashed  server  Localbox runner crashed\n")
        let provider = try kb(["list", "--provider", "example", "--category", "server"], base)
        XCTAssertEqual(provider.stdout, "example/overloaded  server  Example overloaded\n")
        let json = try kb(["list", "--json"], base)
        XCTAssertEqual((try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [Any])?.count, 4, "--json lists every entry")
        let typo = try kb(["list", "--kind", "locl"], base)
        XCTAssertEqual(typo.status, 2)
        XCTAssertTrue(typo.stderr.contains("did you mean 'local'?"), typo.stderr)
    }

    func testTheBuiltSiteWithSourcesStatusStepsAndKindsIsValidHTML() throws {
        let base = try knowledgeBase()
        let site = base.root.appendingPathComponent("site")
        let build = try KBProcess.run(["build", "--content", base.content.path, "--templates", KBProcess.packageRoot.appendingPathComponent("Templates").path,
                                       "--output", site.path, "--base-url", "https://example.org/kb/"], environment: base.environment)
        XCTAssertEqual(build.status, 0, build.stderr)
        let entry = try String(contentsOf: site.appendingPathComponent("example/overloaded/index.html"), encoding: .utf8)
        XCTAssertTrue(entry.contains("class=\"status-step\""))
        XCTAssertTrue(entry.contains("id=\"sources\""))
        let validation = try HTMLValidator.check(site: site)
        XCTAssertEqual(validation.status, 0, validation.output)
    }
}

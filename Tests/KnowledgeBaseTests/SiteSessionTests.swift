import Foundation
import XCTest
@testable import KBCore
@testable import KBContent
@testable import KBSearch
@testable import KBSite
@testable import KBCommandLine
import KBTestSupport
import KBMarkdown

/// `kb serve`'s site: after any sequence of edits, the folder holds exactly what a full build of
/// the same files gives, and only the pages an edit shows on were written.
final class SiteSessionTests: XCTestCase {
    let baseURL = "http://127.0.0.1:8000/"

    func makeSite(_ fixture: Fixture) -> (SiteSession, URL) {
        let output = fixture.root.appendingPathComponent("preview")
        let site = SiteSession(
            content: ContentPipeline(workspace: fixture.workspace, dates: GitDates()),
            templatesDirectory: SiteTests.templates, templatesDisplayPath: "Templates", output: output,
            options: SiteOptions(baseURL: baseURL), live: true
        )
        return (site, output)
    }

    /// Every file of the folder against a full build of the same content.
    func assertSameAsFullBuild(_ fixture: Fixture, _ output: URL, file: StaticString = #filePath, line: UInt = #line) throws {
        let loaded = Workspace(contentDirectory: fixture.content, displayRoot: "Content").load()
        let (templates, _) = TemplateSet.load(from: SiteTests.templates, displayRoot: "Templates")
        let expected = SiteSession.renderInMemory(loaded.graph, templates: try XCTUnwrap(templates), options: SiteOptions(baseURL: baseURL)).files
        var actual: [String: [UInt8]] = [:]
        let enumerator = try XCTUnwrap(FileManager.default.enumerator(atPath: output.path))
        while let relative = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: output.path + "/" + relative, isDirectory: &isDirectory)
            if !isDirectory.boolValue { actual[relative] = Array(try Data(contentsOf: output.appendingPathComponent(relative))) }
        }
        XCTAssertEqual(Set(actual.keys).symmetricDifference(expected.keys).sorted(), [], "files differ", file: file, line: line)
        for (path, bytes) in expected where actual[path] != bytes {
            XCTFail("\(path) differs from a full build", file: file, line: line)
        }
    }

    func entry(_ title: String, signature: String, related: String = "[]", category: String = "authentication", http: String = "[401]") -> String {
        Fixture.entry(frontMatter: """
        title: "\(title)"
        category: \(category)
        http: \(http)
        signatures: ["\(signature)"]
        related: \(related)
        """)
    }

    func testEditsAddsAndRemovalsLeaveExactlyWhatAFullBuildGives() throws {
        let fixture = try Fixture([
            "example/_index.md": Fixture.provider,
            "example/bad-key.md": entry("Bad key", signature: "bad key given", related: "[example/slow-down]"),
            "example/slow-down.md": entry("Slow down", signature: "slow down please", category: "rate-limit", http: "[429]"),
            "example/no-model.md": entry("No model", signature: "model missing here", category: "model-not-found", http: "[404]"),
            "example/quota.md": entry("Quota", signature: "quota is gone", related: "[example/bad-key]", category: "billing", http: "[402]"),
        ])
        var (site, output) = makeSite(fixture)
        XCTAssertEqual(site.refresh().outcome, .rebuilt)
        try assertSameAsFullBuild(fixture, output)

        // A title edit: the entry, the one it links to and the one linking to it (both show its
        // title), its lists, home.
        try fixture.write("example/bad-key.md", entry("Bad key, renamed", signature: "bad key given", related: "[example/slow-down]"))
        let edit = site.refresh()
        XCTAssertEqual(edit.outcome, .updated)
        XCTAssertTrue(edit.written.contains("example/bad-key/index.html"))
        XCTAssertTrue(edit.written.contains("example/slow-down/index.html"))
        XCTAssertTrue(edit.written.contains("example/quota/index.html"))
        XCTAssertFalse(edit.written.contains("example/no-model/index.html"), "an unrelated entry was rendered again")
        XCTAssertEqual(edit.changedFiles, ["Content/example/bad-key.md"])
        XCTAssertNotNil(site.refreshListings())
        try assertSameAsFullBuild(fixture, output)

        // A new entry in a new category and status, then one removed with its last status.
        try fixture.write("example/server-down.md", entry("Server down", signature: "server fell over", category: "server", http: "[503]"))
        XCTAssertEqual(site.refresh().outcome, .updated)
        _ = site.refreshListings()
        try assertSameAsFullBuild(fixture, output)
        try FileManager.default.removeItem(at: fixture.content.appendingPathComponent("example/no-model.md"))
        let removal = site.refresh()
        XCTAssertTrue(removal.removed.contains("example/no-model/index.html"))
        XCTAssertTrue(removal.removed.contains("http/404/index.html"))
        _ = site.refreshListings()
        try assertSameAsFullBuild(fixture, output)

        // Nothing changed: nothing written.
        XCTAssertEqual(site.refresh().outcome, .unchanged)
        XCTAssertNil(site.refreshListings())
    }

    func testAnErrorWritesNothingAndTheFixBringsEverythingSinceTheLastGoodBuild() throws {
        let fixture = try Fixture([
            "example/_index.md": Fixture.provider,
            "example/bad-key.md": entry("Bad key", signature: "bad key given"),
            "example/slow-down.md": entry("Slow down", signature: "slow down please", category: "rate-limit", http: "[429]"),
        ])
        var (site, output) = makeSite(fixture)
        _ = site.refresh()
        let before = try Data(contentsOf: output.appendingPathComponent("example/bad-key/index.html"))

        // One good edit and one broken file in the same save: nothing is written.
        try fixture.write("example/bad-key.md", entry("Bad key, renamed", signature: "bad key given"))
        try fixture.write("example/slow-down.md", entry("Slow down", signature: "slow down please", related: "[example/nowhere]", category: "rate-limit", http: "[429]"))
        let failed = site.refresh()
        XCTAssertEqual(failed.outcome, .failed)
        XCTAssertEqual(failed.diagnostics.with(.unknownRelated).map(\.mentionedEntry), [EntryID("example/nowhere")])
        XCTAssertEqual(try Data(contentsOf: output.appendingPathComponent("example/bad-key/index.html")), before)

        // Fixing the broken file also publishes the good edit made while it was broken.
        try fixture.write("example/slow-down.md", entry("Slow down", signature: "slow down please", category: "rate-limit", http: "[429]"))
        let fixed = site.refresh()
        XCTAssertEqual(fixed.outcome, .updated)
        XCTAssertTrue(fixed.written.contains("example/bad-key/index.html"))
        _ = site.refreshListings()
        try assertSameAsFullBuild(fixture, output)
    }

    func testAHintNamingOnlyTheEditedFileGivesTheSameSite() throws {
        let fixture = try Fixture([
            "example/_index.md": Fixture.provider,
            "example/bad-key.md": entry("Bad key", signature: "bad key given"),
        ])
        var (site, output) = makeSite(fixture)
        _ = site.refresh()
        try fixture.write("example/bad-key.md", entry("Bad key, renamed", signature: "bad key given"))
        let path = fixture.content.appendingPathComponent("example/bad-key.md").standardizedFileURL.path
        XCTAssertEqual(site.refresh(changedFiles: [path]).outcome, .updated)
        // A hint naming a file that was not there before walks the folder and finds it.
        try fixture.write("example/slow-down.md", entry("Slow down", signature: "slow down please", category: "rate-limit", http: "[429]"))
        let added = site.refresh(changedFiles: [fixture.content.appendingPathComponent("example/slow-down.md").standardizedFileURL.path])
        XCTAssertTrue(added.written.contains("example/slow-down/index.html"))
        _ = site.refreshListings()
        try assertSameAsFullBuild(fixture, output)
    }

    /// `kb serve` renders the listings off its queue: listings rendered before a later edit's
    /// pages were written must not be written over them, and the next rendering catches up.
    func testListingsRenderedBeforeAnEditAreNotWrittenAfterIt() throws {
        let fixture = try Fixture([
            "example/_index.md": Fixture.provider,
            "example/bad-key.md": entry("Bad key", signature: "bad key given"),
            "example/slow-down.md": entry("Slow down", signature: "slow down please", category: "rate-limit", http: "[429]"),
        ])
        var (site, output) = makeSite(fixture)
        _ = site.refresh()
        XCTAssertNil(site.listingsWork(), "a whole build writes its listings itself")
        try fixture.write("example/bad-key.md", entry("Bad key, first edit", signature: "bad key given"))
        XCTAssertEqual(site.refresh().outcome, .updated)
        let early = try XCTUnwrap(site.listingsWork()).render()
        try fixture.write("example/bad-key.md", entry("Bad key, second edit", signature: "bad key given"))
        XCTAssertEqual(site.refresh().outcome, .updated)
        XCTAssertNil(site.writeListings(early), "listings of the graph before the second edit")
        let late = try XCTUnwrap(site.listingsWork()).render()
        XCTAssertEqual(try XCTUnwrap(site.writeListings(late)).outcome, .updated)
        XCTAssertNil(site.listingsWork())
        try assertSameAsFullBuild(fixture, output)
    }

    func testEntryIDsSortAsTheirTextDoes() {
        let ids = ["a/z", "a-b/x", "a/y", "ab/c", "a0/d", "b/a", "a/a-b", "a/a", "openai/x", "open/y", "open-ai/z"].compactMap(EntryID.init)
        XCTAssertEqual(ids.sorted().map(\.rawValue), ids.map(\.rawValue).sorted())
    }
}

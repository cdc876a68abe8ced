import Foundation
import KBTestSupport
import XCTest

/// `kb init`, then the commands a new user runs next, on a folder with no templates of its own.
final class InitCommandTests: XCTestCase {
    func testAStarterKnowledgeBaseChecksBuildsAndSearches() throws {
        let folder = TemporaryFolders.make("kb-init").appendingPathComponent("my-kb")
        let cache = ["XDG_CACHE_HOME": folder.deletingLastPathComponent().appendingPathComponent("cache").path]
        let created = try KBProcess.run(["init", folder.path])
        XCTAssertEqual(created.status, 0, created.stderr)
        let content = folder.appendingPathComponent("Content").path

        let checked = try KBProcess.run(["check", content])
        XCTAssertEqual(checked.status, 0, checked.stderr)
        XCTAssertTrue(checked.stderr.contains("1 entry of 1 provider: 0 errors, 0 warnings"), checked.stderr)

        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("Templates").path))
        let built = try KBProcess.run(["build", "--content", content])
        XCTAssertEqual(built.status, 0, built.stderr)
        for page in ["index.html", "example/index.html", "example/invalid-api-key/index.html", "assets/search.js", "assets/style.css", "404.html", "sitemap.xml"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent("site/\(page)").path), "the site has no \(page)")
        }

        let found = try KBProcess.run(["search", "--content", content, "--json", "HTTP/1.1 401 Unauthorized {\"error\": \"Invalid API key\"}"], environment: cache)
        XCTAssertEqual(found.status, 0, found.stderr)
        XCTAssertTrue(found.stdout.contains("\"id\" : \"example/invalid-api-key\""), found.stdout)
    }

    func testInitNeverOverwrites() throws {
        let folder = TemporaryFolders.make("kb-init-twice")
        XCTAssertEqual(try KBProcess.run(["init", folder.path]).status, 0)
        let entry = folder.appendingPathComponent("Content/example/invalid-api-key.md")
        try Data("my own words\n".utf8).write(to: entry)
        let again = try KBProcess.run(["init", folder.path])
        XCTAssertEqual(again.status, 2)
        XCTAssertTrue(again.stderr.contains("kb.yml already exists"), again.stderr)
        XCTAssertEqual(try String(contentsOf: entry, encoding: .utf8), "my own words\n")
    }

    func testInitWithTemplatesWritesTheBuiltInOnesToChange() throws {
        let folder = TemporaryFolders.make("kb-init-templates")
        let created = try KBProcess.run(["init", "--templates", folder.path])
        XCTAssertEqual(created.status, 0, created.stderr)
        let written = try String(contentsOf: folder.appendingPathComponent("Templates/entry.mustache"), encoding: .utf8)
        let repository = try String(contentsOf: KBProcess.packageRoot.appendingPathComponent("Templates/entry.mustache"), encoding: .utf8)
        XCTAssertEqual(written, repository)
        // A change there shows on the site.
        let footer = folder.appendingPathComponent("Templates/partials/footer.mustache")
        try Data("<footer>Our errors, our footer</footer>\n".utf8).write(to: footer)
        let built = try KBProcess.run(["build", "--content", folder.appendingPathComponent("Content").path])
        XCTAssertEqual(built.status, 0, built.stderr)
        XCTAssertTrue(try String(contentsOf: folder.appendingPathComponent("site/index.html"), encoding: .utf8).contains("Our errors, our footer"))
    }
}

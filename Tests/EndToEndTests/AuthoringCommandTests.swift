import Foundation
import XCTest

/// The commands authors use: `kb new`, `kb check --format github`, `kb stats`.
final class AuthoringCommandTests: XCTestCase {
    func testNewWritesASkeletonThatPassesCheckOnceFilledAndNeverOverwrites() throws {
        let tree = try TemporaryContent(["Content/example/_index.md": TemporaryContent.provider, "Content/example/other.md": TemporaryContent.entry("Other error")])
        let content = tree.root.appendingPathComponent("Content").path
        let created = try KBProcess.run(["new", "example/quota-exceeded", "--category", "billing", "--content", content])
        XCTAssertEqual(created.status, 0, created.stderr)
        let file = tree.root.appendingPathComponent("Content/example/quota-exceeded.md")
        let skeleton = try String(contentsOf: file, encoding: .utf8)

        let unfilled = try KBProcess.run(["check", "--content", content])
        XCTAssertEqual(unfilled.status, 1, "an unfilled skeleton is not a finished entry")
        XCTAssertTrue(unfilled.stderr.contains("quota-exceeded.md:2:9: error: placeholder 'TODO:' left from kb new"), unfilled.stderr)

        // Fill every placeholder the way an author would.
        var filled = skeleton.replacingOccurrences(of: "TODO: Quota exceeded", with: "Quota exceeded")
        filled = filled.replacingOccurrences(of: "TODO: the exact error text the API, SDK or tool prints", with: "You exceeded your current quota")
        filled = filled.replacingOccurrences(of: "TODO: ", with: "")
        try Data(filled.utf8).write(to: file)
        let clean = try KBProcess.run(["check", "--content", content])
        XCTAssertEqual(clean.status, 0, clean.stderr)
        XCTAssertTrue(clean.stderr.contains("checked 2 entries"), clean.stderr)

        let again = try KBProcess.run(["new", "example/quota-exceeded", "--content", content])
        XCTAssertEqual(again.status, 2)
        XCTAssertTrue(again.stderr.contains("exists already"), again.stderr)
        XCTAssertEqual(try String(contentsOf: file, encoding: .utf8), filled, "kb new must never overwrite")

        let wrongProvider = try KBProcess.run(["new", "exampel/x", "--content", content])
        XCTAssertEqual(wrongProvider.status, 2)
        XCTAssertTrue(wrongProvider.stderr.contains("did you mean 'example'"), wrongProvider.stderr)
        let wrongCategory = try KBProcess.run(["new", "example/x", "--category", "biling", "--content", content])
        XCTAssertTrue(wrongCategory.stderr.contains("did you mean 'billing'"), wrongCategory.stderr)
    }

    func testCheckPrintsGitHubAnnotations() throws {
        let tree = try TemporaryContent([
            "Content/example/_index.md": TemporaryContent.provider,
            "Content/example/bad.md": TemporaryContent.entry("Bad", category: "rate-limits"),
        ])
        let result = try KBProcess.run(["check", "--format", "github", "--content", tree.root.appendingPathComponent("Content").path])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stdout.contains("::error file="), result.stdout)
        XCTAssertTrue(result.stdout.contains("bad.md,line=3,col=11,title=kb check::unknown category 'rate-limits'; did you mean 'rate-limit'?"), result.stdout)
    }

    func testStatsCountsEntriesByProviderAndCategory() throws {
        let tree = try TemporaryContent([
            "Content/example/_index.md": TemporaryContent.provider,
            "Content/example/a.md": TemporaryContent.entry("A", category: "billing"),
            "Content/example/b.md": TemporaryContent.entry("B", category: "billing"),
            "Content/example/c.md": TemporaryContent.entry("C", category: "timeout"),
        ])
        let result = try KBProcess.run(["stats", "--json", "--content", tree.root.appendingPathComponent("Content").path])
        XCTAssertEqual(result.status, 0, result.stderr)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(object["entries"] as? Int, 3)
        let row = try XCTUnwrap((object["providers"] as? [[String: Any]])?.first)
        XCTAssertEqual(row["entries"] as? Int, 3)
        XCTAssertEqual((row["categories"] as? [String: Int])?["billing"], 2)
        XCTAssertEqual((row["categories"] as? [String: Int])?["timeout"], 1)
        XCTAssertEqual((row["categories"] as? [String: Int])?["server"], 0)
        let text = try KBProcess.run(["stats", "--content", tree.root.appendingPathComponent("Content").path])
        XCTAssertTrue(text.stdout.contains("3 entries, 3 signatures, 1.0 per entry"), text.stdout)
    }
}

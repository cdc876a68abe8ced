import Foundation
import KBCore
import KBTestSupport
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
        XCTAssertTrue(unfilled.stderr.contains("quota-exceeded.md:2:9: error[KB020]: "), unfilled.stderr)

        // Fill every placeholder the way an author would.
        var filled = skeleton.replacingOccurrences(of: "TODO: Quota exceeded", with: "Quota exceeded")
        filled = filled.replacingOccurrences(of: "TODO: the exact error text the API, SDK or tool prints", with: "You exceeded your current quota")
        filled = filled.replacingOccurrences(of: "TODO: the public page that shows the error (an SDK file at a tag, a docs page, an issue thread)", with: "https://docs.example.ai/errors#quota")
        filled = filled.replacingOccurrences(of: "\"TODO: the day you checked it against the sources, YYYY-MM-DD\"", with: "\(Day.today)")
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
        // The annotation covers the value (its end too) and names the code.
        XCTAssertTrue(result.stdout.contains("bad.md,line=3,col=11,endLine=3,endColumn=22,title=kb check KB012::"), result.stdout)
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

/// The pre-commit hook in a throwaway repository: it checks what a commit touches, not the
/// problems that were there before.
final class PreCommitHookTests: XCTestCase {
    func git(_ arguments: [String], in directory: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", directory.path] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(
            ["GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@e", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@e"]) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "git \(arguments)")
    }

    func hook(in repository: URL) throws -> (status: Int32, output: String) {
        let result = try KBProcess.run([], in: repository, environment: ["KB": KBProcess.binary.path],
                                       binary: KBProcess.packageRoot.appendingPathComponent("scripts/pre-commit"))
        return (result.status, result.stdout + result.stderr)
    }

    func testHookChecksOnlyWhatTheCommitTouchesAndWhatPointsAtIt() throws {
        let tree = try TemporaryContent([
            "Content/example/_index.md": TemporaryContent.provider,
            "Content/example/target.md": TemporaryContent.entry("Target"),
            "Content/example/pointer.md": TemporaryContent.entry("Pointer", extra: "related: [example/target]"),
            "Content/example/old.md": TemporaryContent.entry("Old", category: "not-a-category"),
        ])
        let repository = tree.root
        try git(["init", "-q"], in: repository)
        try git(["add", "."], in: repository)
        try git(["commit", "-qm", "content with an old problem"], in: repository)

        XCTAssertEqual(try hook(in: repository).status, 0, "nothing changed: the old problem is not this commit's")

        try Data(TemporaryContent.entry("New", category: "rate-limits").utf8).write(to: repository.appendingPathComponent("Content/example/new.md"))
        let broken = try hook(in: repository)
        XCTAssertEqual(broken.status, 1)
        XCTAssertTrue(broken.output.contains("new.md:3:11: error[KB012]: "), broken.output)
        XCTAssertFalse(broken.output.contains("old.md"), "problems of untouched files are not reported:\n\(broken.output)")

        try Data(TemporaryContent.entry("New", category: "rate-limit").utf8).write(to: repository.appendingPathComponent("Content/example/new.md"))
        XCTAssertEqual(try hook(in: repository).status, 0)

        try FileManager.default.removeItem(at: repository.appendingPathComponent("Content/example/target.md"))
        let deleted = try hook(in: repository)
        XCTAssertEqual(deleted.status, 1, "deleting an entry breaks the one that points at it")
        XCTAssertTrue(deleted.output.contains("pointer.md") && deleted.output.contains("error[KB040]"), deleted.output)
    }
}

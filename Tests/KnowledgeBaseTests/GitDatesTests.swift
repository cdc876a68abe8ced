import Foundation
import Testing
@testable import KBCore
@testable import KBContent
@testable import KBSearch
@testable import KBSite
@testable import KBCommandLine
import KBTestSupport
import KBMarkdown

@Suite struct GitDatesTests {
    @Test func newestCommitIsUpdatedAndOldestIsCreated() {
        let log = "\0" + "2026-05-02\n\nopenai/rate-limit.md\n\n\0" + "2026-03-01\n\nopenai/rate-limit.md\nopenai/quota.md\n"
        let dates = GitDates.parse(log)
        #expect(dates.files["openai/rate-limit.md"] == .init(created: Day("2026-03-01")!, updated: Day("2026-05-02")!))
        #expect(dates.files["openai/quota.md"] == .init(created: Day("2026-03-01")!, updated: Day("2026-03-01")!))
    }

    @Test func entriesTakeTheirDatesFromOneGitLog() throws {
        let fixture = try Fixture(["example/_index.md": Fixture.provider, "example/key.md": Fixture.entry(),
                                   "example/pinned.md": Fixture.entry(frontMatter: "title: Pinned\ncategory: config\nsignatures: [pinned_error]\nupdated: 2020-01-02")])
        let git = Self.git(in: fixture.root)
        try git(["init", "-q"], "2026-02-03T10:00:00Z")
        try git(["add", "."], "2026-02-03T10:00:00Z")
        try git(["commit", "-qm", "first"], "2026-02-03T10:00:00Z")
        try fixture.write("example/key.md", Fixture.entry() + "\nMore.\n")
        try git(["commit", "-qam", "second"], "2026-04-05T10:00:00Z")
        let graph = Workspace(contentDirectory: fixture.content, displayRoot: "Content").load().graph
        let key = try #require(graph.entry(EntryID("example/key")!))
        #expect(key.updated == Day("2026-04-05"))
        #expect(key.created == Day("2026-02-03"))
        #expect(graph.entry(EntryID("example/pinned")!)?.updated == Day("2020-01-02"), "front-matter wins over git")
    }

    /// Runs git in a folder with fixed names and dates.
    static func git(in folder: URL) -> ([String], String) throws -> Void {
        { arguments, date in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["git", "-C", folder.path] + arguments
            process.environment = ProcessInfo.processInfo.environment.merging(
                ["GIT_COMMITTER_DATE": date, "GIT_AUTHOR_DATE": date, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@e", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@e"]
            ) { $1 }
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "git \(arguments)")
        }
    }

    @Test func aShallowCloneAndAnUncommittedEntryFallBackWithAWarning() throws {
        let fixture = try Fixture(["example/_index.md": Fixture.provider, "example/key.md": Fixture.entry()])
        let git = Self.git(in: fixture.root)
        try git(["init", "-q"], "2026-02-03T10:00:00Z")
        try git(["add", "."], "2026-02-03T10:00:00Z")
        try git(["commit", "-qm", "first"], "2026-02-03T10:00:00Z")
        try fixture.write("example/key.md", Fixture.entry() + "\nMore.\n")
        try git(["commit", "-qam", "second"], "2026-04-05T10:00:00Z")
        #expect(fixture.load().diagnostics.isEmpty, "a complete history gives every entry its dates")

        try fixture.write("example/new.md", Fixture.entry(frontMatter: "title: New\ncategory: config\nsignatures: [new_error]"))
        let uncommitted = fixture.load().diagnostics
        #expect(uncommitted.map(\.code) == [.uncommittedEntry])
        #expect(uncommitted.map(\.path) == ["Content/example/new.md"])

        let clone = fixture.root.deletingLastPathComponent().appendingPathComponent("kb-shallow-\(UUID().uuidString)")
        try Self.git(in: fixture.root.deletingLastPathComponent())(["clone", "-q", "--depth", "1", "file://\(fixture.root.path)", clone.path], "2026-04-05T10:00:00Z")
        defer { try? FileManager.default.removeItem(at: clone) }
        let shallow = Workspace(contentDirectory: clone.appendingPathComponent("Content"), displayRoot: "Content").load()
        #expect(shallow.diagnostics.map(\.code) == [.shallowHistory])
        #expect(shallow.graph.entry(EntryID("example/key")!)?.created == Day("2026-04-05"), "the clone only knows the last commit")
    }

    @Test func aFolderOutsideGitHasNoDates() throws {
        let fixture = try Fixture(["example/_index.md": Fixture.provider, "example/key.md": Fixture.entry()])
        #expect(GitDates.read(contentDirectory: fixture.content).files.isEmpty)
    }
}

import Foundation
import Testing
@testable import KnowledgeBase

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
        func git(_ arguments: [String], date: String = "2026-02-03T10:00:00Z") throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["git", "-C", fixture.root.path] + arguments
            process.environment = ProcessInfo.processInfo.environment.merging(
                ["GIT_COMMITTER_DATE": date, "GIT_AUTHOR_DATE": date, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@e", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@e"]
            ) { $1 }
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "git \(arguments)")
        }
        try git(["init", "-q"])
        try git(["add", "."])
        try git(["commit", "-qm", "first"])
        try fixture.write("example/key.md", Fixture.entry() + "\nMore.\n")
        try git(["commit", "-qam", "second"], date: "2026-04-05T10:00:00Z")
        let graph = Workspace(contentDirectory: fixture.content, displayRoot: "Content").load().graph
        let key = try #require(graph.entry(EntryID("example/key")!))
        #expect(key.updated == Day("2026-04-05"))
        #expect(key.created == Day("2026-02-03"))
        #expect(graph.entry(EntryID("example/pinned")!)?.updated == Day("2020-01-02"), "front-matter wins over git")
    }

    @Test func aFolderOutsideGitHasNoDates() throws {
        let fixture = try Fixture(["example/_index.md": Fixture.provider, "example/key.md": Fixture.entry()])
        #expect(GitDates.read(contentDirectory: fixture.content).files.isEmpty)
    }
}

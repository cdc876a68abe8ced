import Foundation

/// When each file of the content was first and last committed, from one `git log` over the whole
/// folder (not one call per file). Entries without an `updated` key take their last commit's date,
/// so pages, the feed and the sitemap carry real dates and two builds of one commit agree.
public struct GitDates: Sendable, Equatable {
    public struct Dates: Sendable, Equatable {
        public var created: Day
        public var updated: Day
    }

    /// By path relative to the content folder.
    public var files: [String: Dates] = [:]

    /// Reads the history; an empty result when the folder is not in a git repository or git is
    /// missing (dates then come from front-matter only).
    public static func read(contentDirectory: URL) -> GitDates {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        // Newest first; each commit as a NUL and its date, then the files it touched.
        process.arguments = ["git", "-C", contentDirectory.path, "log", "--format=%x00%cs", "--name-only", "--no-renames", "--relative", "--", "."]
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_OPTIONAL_LOCKS"] = "0"
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return GitDates() }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return GitDates() }
        return parse(String(decoding: data, as: UTF8.self))
    }

    static func parse(_ log: String) -> GitDates {
        var dates = GitDates()
        var current: Day?
        for line in log.split(separator: "\n", omittingEmptySubsequences: true) {
            if line.hasPrefix("\0") {
                current = Day(String(line.dropFirst()))
                continue
            }
            guard let day = current else { continue }
            let path = String(line)
            if var known = dates.files[path] {
                known.created = day  // older commits come later
                dates.files[path] = known
            } else {
                dates.files[path] = Dates(created: day, updated: day)
            }
        }
        return dates
    }
}

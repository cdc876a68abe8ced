public import Foundation
public import KBCore

/// When each file of the content was first and last committed, from one `git log` over the whole
/// folder (not one call per file). Entries without an `updated` key take their last commit's date,
/// so pages, the feed and the sitemap carry real dates and two builds of one commit agree.
public struct GitDates: Sendable, Equatable {
    /// A file's first and last commit days.
    public struct Dates: Sendable, Equatable {
        /// The first commit that added the file.
        public var created: Day
        /// The last commit that changed it.
        public var updated: Day
    }

    /// By path relative to the content folder.
    public var files: [String: Dates] = [:]

    /// How much history the dates come from.
    public enum History: Sendable, Equatable {
        /// The whole history: the dates are right.
        case complete
        /// A shallow clone (CI checkouts often are): first commits are missing, so `created` may
        /// be too late and old files all share the clone's one commit date.
        case shallow
        /// Not a git repository, or no git: dates come from front-matter only.
        case none
    }

/// How much history the dates come from.
    public var history: History = .none

    /// No dates at all (not a git repository).
    public init() {}

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
        var dates = parse(String(decoding: data, as: UTF8.self))
        dates.history = isShallow(contentDirectory) ? .shallow : .complete
        return dates
    }

    private static func isShallow(_ contentDirectory: URL) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", contentDirectory.path, "rev-parse", "--is-shallow-repository"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return false }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) == "true"
    }

    /// Where dates fall back, said once per run: a shallow history, or entries git does not know
    /// yet (not committed), which get no date from it.
    func diagnostics(for entries: [Entry], contentDisplayPath: String) -> [Diagnostic] {
        switch history {
        case .none:
            return []
        case .shallow:
            return [.shallowHistory(path: contentDisplayPath)]
        case .complete:
            return entries.filter { files[$0.source.relativePath] == nil && $0.updated == nil }.map { entry in
                .uncommittedEntry(path: entry.source.displayPath)
            }
        }
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

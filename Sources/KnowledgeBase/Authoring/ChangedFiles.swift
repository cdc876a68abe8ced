import Foundation

/// `kb check --changed-since REF`: the content files a pull request touches (changed, added or
/// deleted since REF, committed or not), and the entries that point at them, so review checks
/// what the change can break without re-reporting old problems elsewhere.
public enum ChangedFiles {
    public enum Failure: Error, CustomStringConvertible {
        case git(String)
        public var description: String {
            switch self { case .git(let message): return message }
        }
    }

    /// Paths relative to the content folder.
    public static func since(_ reference: String, contentDirectory: URL) throws -> Set<String> {
        let changed = try git(["diff", "--name-only", "--relative", reference, "--", "."], in: contentDirectory)
        let untracked = try git(["ls-files", "--others", "--exclude-standard", "--", "."], in: contentDirectory)
        return Set((changed + "\n" + untracked).split(separator: "\n").map(String.init))
    }

    /// The diagnostics a change is answerable for: those in changed files, and in entries whose
    /// `related` or links name a changed entry.
    public static func relevant(_ diagnostics: [Diagnostic], changed: Set<String>, graph: KnowledgeGraph, displayRoot: String) -> [Diagnostic] {
        var changedIDs = Set<String>()
        for path in changed where path.hasSuffix(".md") {
            let parts = path.dropLast(3).split(separator: "/")
            if parts.count == 2 { changedIDs.insert("\(parts[0])/\(parts[1])") }
        }
        var paths = Set(changed.map { "\(displayRoot)/\($0)" })
        for entry in graph.entries {
            let pointsAtChange = entry.related.contains { changedIDs.contains($0.rawValue) }
                || entry.links.contains { link in changedIDs.contains { link.destination.contains("\($0.split(separator: "/").last!).md") } }
            if pointsAtChange { paths.insert(entry.source.displayPath) }
        }
        // Unknown related ids are reported in the entry that names them, whose file may not
        // have changed: keep every such diagnostic that names a changed (often deleted) id.
        return diagnostics.filter { diagnostic in
            paths.contains(diagnostic.path) || changedIDs.contains { diagnostic.message.contains("'\($0)'") }
        }
    }

    static func git(_ arguments: [String], in directory: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", directory.path] + arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do { try process.run() } catch { throw Failure.git("could not run git: \(error.localizedDescription)") }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw Failure.git("git \(arguments.first ?? ""): \(message)") }
        return String(decoding: data, as: UTF8.self)
    }
}

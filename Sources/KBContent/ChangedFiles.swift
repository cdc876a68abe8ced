public import Foundation
public import KBCore

/// `kb check --changed-since REF`: the content files a pull request touches (changed, added or
/// deleted since REF, committed or not), and the entries that point at them, so review checks
/// what the change can break without re-reporting old problems elsewhere.
public enum ChangedFiles {
    /// git could not say what changed; the message is git's.
    public struct Failure: Error, CustomStringConvertible {
        /// What went wrong.
        public var description: String
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
        var changedIDs = Set<EntryID>()
        for path in changed {
            if case .entry(let id)? = ContentFiles.role(ofRelativePath: path) { changedIDs.insert(id) }
        }
        var paths = Set(changed.map { "\(displayRoot)/\($0)" })
        for entry in graph.entries {
            let pointsAtChange = entry.related.contains(where: changedIDs.contains)
                || entry.links.contains { link in linkTarget(link.destination, from: entry.provider).map(changedIDs.contains) ?? false }
            if pointsAtChange { paths.insert(entry.source.displayPath) }
        }
        // Unknown related ids and broken links are reported in the entry that names them, whose
        // file may not have changed: keep every diagnostic about a changed (often deleted) entry.
        return diagnostics.filter { diagnostic in
            paths.contains(diagnostic.path) || diagnostic.mentionedEntry.map(changedIDs.contains) ?? false
        }
    }

    /// The entry a relative link in an entry of `provider` points to (`../openai/x.md#fixes`,
    /// `x.md`), by path alone; nil for anything else.
    static func linkTarget(_ destination: String, from provider: ProviderID) -> EntryID? {
        let path = destination.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        guard path.hasSuffix(".md"), !path.contains(":"), !path.hasPrefix("/") else { return nil }
        var segments = [provider.rawValue]
        for segment in path.split(separator: "/") {
            switch segment {
            case ".": continue
            case "..": if segments.popLast() == nil { return nil }
            default: segments.append(String(segment))
            }
        }
        guard segments.count == 2 else { return nil }
        if case .entry(let id)? = ContentFiles.role(ofRelativePath: segments.joined(separator: "/")) { return id }
        return nil
    }

    static func git(_ arguments: [String], in directory: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", directory.path] + arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do { try process.run() } catch { throw Failure(description: "could not run git: \(error.localizedDescription)") }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw Failure(description: "git \(arguments.first ?? ""): \(message)") }
        return String(decoding: data, as: UTF8.self)
    }
}

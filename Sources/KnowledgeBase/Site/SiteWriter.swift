import Foundation

/// Writes a built site all at once: into a temporary folder beside the output, then swapped in by
/// rename. Readers and hosts see the old site or the new one, never half of each, and a failure
/// before the swap leaves the old one as it was.
public enum SiteWriter {
    public enum WriteError: Error, Equatable, CustomStringConvertible {
        case unsafePath(String)
        case notASite(String)
        case io(String)

        public var description: String {
            switch self {
            case .unsafePath(let path): return "refusing to write '\(path)': it would land outside the output folder"
            case .notASite(let path): return "refusing to replace '\(path)': it is not empty and not a site kb built (no search/index.kbix); choose another --output"
            case .io(let message): return message
            }
        }
    }

    /// The file that tells a folder is kb's to replace.
    static let marker = "search/index.kbix"

    public static func write(_ files: [String: [UInt8]], to output: URL) throws {
        let fileManager = FileManager.default
        let output = output.standardizedFileURL
        for path in files.keys where !isSafe(path) { throw WriteError.unsafePath(path) }
        var isDirectory: ObjCBool = false
        let exists = fileManager.fileExists(atPath: output.path, isDirectory: &isDirectory)
        if exists {
            let contents = (try? fileManager.contentsOfDirectory(atPath: output.path)) ?? []
            guard isDirectory.boolValue, contents.isEmpty || fileManager.fileExists(atPath: output.appendingPathComponent(marker).path) else {
                throw WriteError.notASite(output.path)
            }
        }
        let parent = output.deletingLastPathComponent()
        let name = output.lastPathComponent
        let pid = ProcessInfo.processInfo.processIdentifier
        let staging = parent.appendingPathComponent(".\(name).building-\(pid)")
        let previous = parent.appendingPathComponent(".\(name).previous-\(pid)")
        do {
            try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
            try? fileManager.removeItem(at: staging)
            try fileManager.createDirectory(at: staging, withIntermediateDirectories: false)
            try writeTree(files, into: staging)
        } catch {
            try? fileManager.removeItem(at: staging)
            throw WriteError.io("could not write the new site beside '\(output.path)': \(error.localizedDescription)")
        }
        if exists {
            guard rename(output.path, previous.path) == 0 else {
                try? fileManager.removeItem(at: staging)
                throw WriteError.io("could not move the old site aside: \(String(cString: strerror(errno)))")
            }
        }
        guard rename(staging.path, output.path) == 0 else {
            let reason = String(cString: strerror(errno))
            if exists { _ = rename(previous.path, output.path) }
            try? fileManager.removeItem(at: staging)
            throw WriteError.io("could not move the new site into place: \(reason)")
        }
        if exists { try? fileManager.removeItem(at: previous) }
    }

    /// A relative path of plain components: no `..`, no absolute path, nothing empty.
    static func isSafe(_ path: String) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("/"), !path.contains("\0"), !path.contains("\\") else { return false }
        return path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { !$0.isEmpty && $0 != "." && $0 != ".." }
    }

    private static func writeTree(_ files: [String: [UInt8]], into directory: URL) throws {
        let paths = files.keys.sorted()
        var folders = Set<String>()
        for path in paths {
            let folder = (path as NSString).deletingLastPathComponent
            if !folder.isEmpty { folders.insert(folder) }
        }
        for folder in folders.sorted() {
            try FileManager.default.createDirectory(at: directory.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        // Thousands of small files: write them from every core.
        let failure = FailureBox()
        DispatchQueue.concurrentPerform(iterations: paths.count) { index in
            let path = paths[index]
            let url = directory.appendingPathComponent(path)
            let bytes = files[path]!
            let ok = bytes.withUnsafeBytes { buffer -> Bool in
                let descriptor = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
                guard descriptor >= 0 else { return false }
                defer { close(descriptor) }
                var written = 0
                while written < buffer.count {
                    let result = Foundation.write(descriptor, buffer.baseAddress! + written, buffer.count - written)
                    if result <= 0 { return false }
                    written += result
                }
                return true
            }
            if !ok { failure.record("\(path): \(String(cString: strerror(errno)))") }
        }
        if let message = failure.first { throw WriteError.io("could not write \(message)") }
    }
}

private final class FailureBox: @unchecked Sendable {
    private let lock = NSLock()
    private var messages: [String] = []
    func record(_ message: String) { lock.lock(); messages.append(message); lock.unlock() }
    var first: String? { lock.lock(); defer { lock.unlock() }; return messages.sorted().first }
}

public import Foundation

/// Writes a built site all at once: into a staging folder beside the output, then swapped in by
/// rename. Readers and hosts see the old site or the new one, never half of each, and a build
/// that fails before the swap leaves the old one as it was.
public enum SiteWriter {
    /// Why a site could not be written.
    public enum WriteError: Error, Equatable, CustomStringConvertible {
        /// A path that would land outside the output folder (never written).
        case unsafePath(String)
        /// The output folder holds something that is not a site kb built.
        case notASite(String)
        /// The system refused: no space, no permission.
        case io(String)

        public var description: String {
            switch self {
            case .unsafePath(let path): return "refusing to write '\(path)': it would land outside the output folder"
            case .notASite(let path): return "refusing to replace '\(path)': it is not empty and not a site kb built (no search/manifest.json); choose another --output"
            case .io(let message): return message
            }
        }
    }

    /// Writes files from memory, atomically: stage, then swap.
    public static func write(_ files: [String: [UInt8]], to output: URL) throws {
        for path in files.keys where !isSafe(path) { throw WriteError.unsafePath(path) }
        let staging = try Staging(output: output)
        for path in files.keys.sorted() { staging.put(path, files[path]!) }
        try staging.commit()
    }

    /// The file that tells a folder is kb's to replace.
    static let marker = "search/manifest.json"
    /// What sites of earlier kb versions had instead.
    static let earlierMarker = "search/index.kbix"


    /// A relative path of plain components: no `..`, no absolute path, nothing empty.
    static func isSafe(_ path: String) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("/"), !path.contains("\0"), !path.contains("\\") else { return false }
        return path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { !$0.isEmpty && $0 != "." && $0 != ".." }
    }

    /// The folder a build writes into while it renders; `commit` swaps it in, `discard` drops it.
    ///
    /// Sendable because every mutable field (the failures) is behind `lock`, and each file is
    /// written by one `put` call with its own descriptor.
    public final class Staging: SiteSink, @unchecked Sendable {
        /// The folder the site will replace.
        public let output: URL
        let folder: URL
        private let lock = NSLock()
        private var failures: [String] = []
        private let outputExists: Bool

        /// Checks that the output may be replaced, and makes an empty staging folder beside it.
        public init(output: URL) throws {
            let fileManager = FileManager.default
            self.output = output.standardizedFileURL
            var isDirectory: ObjCBool = false
            outputExists = fileManager.fileExists(atPath: self.output.path, isDirectory: &isDirectory)
            if outputExists {
                let contents = (try? fileManager.contentsOfDirectory(atPath: self.output.path)) ?? []
                guard isDirectory.boolValue, contents.isEmpty || fileManager.fileExists(atPath: self.output.appendingPathComponent(marker).path)
                    || fileManager.fileExists(atPath: self.output.appendingPathComponent(SiteWriter.earlierMarker).path) else {
                    throw WriteError.notASite(self.output.path)
                }
            }
            let parent = self.output.deletingLastPathComponent()
            folder = parent.appendingPathComponent(".\(self.output.lastPathComponent).building-\(ProcessInfo.processInfo.processIdentifier)")
            do {
                try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
                removeTree(folder.path)
                try fileManager.createDirectory(at: folder, withIntermediateDirectories: false)
            } catch {
                throw WriteError.io("could not create a staging folder beside '\(self.output.path)': \(error.localizedDescription)")
            }
        }

        /// Writes one file; safe to call from many threads. A failure is kept for `commit`.
        public func put(_ path: String, _ bytes: [UInt8]) {
            bytes.withUnsafeBytes { write(path, $0) }
        }

        private func write(_ path: String, _ buffer: UnsafeRawBufferPointer) {
            guard SiteWriter.isSafe(path) else { return record("refusing to write '\(path)': it would land outside the output folder") }
            let filePath = folder.path + "/" + path
            // The file is opened first and its folders made only when that fails for want of
            // them: most files land in a folder that exists (the records, an entry's siblings),
            // and no set of known folders is shared, so threads take no lock on this path.
            var descriptor = open(filePath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            if descriptor < 0 && errno == ENOENT {
                let parent = (path as NSString).deletingLastPathComponent
                if !parent.isEmpty { makeFolders(parent) }
                descriptor = open(filePath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            }
            guard descriptor >= 0 else { return record("could not write \(path): \(String(cString: strerror(errno)))") }
            var written = 0
            var ok = true
            while written < buffer.count {
                let result = Foundation.write(descriptor, buffer.baseAddress! + written, buffer.count - written)
                if result < 0 && errno == EINTR { continue }
                if result <= 0 { ok = false; break }
                written += result
            }
            if !ok { record("could not write \(path): \(String(cString: strerror(errno)))") }
            close(descriptor)
        }

        /// Makes a folder of the staging folder and the ones it is in: plain mkdir, the deepest
        /// first, climbing only while a parent is missing (Foundation's createDirectory checks
        /// every component again and cost seconds on a large site).
        private func makeFolders(_ relative: String) {
            let full = folder.path + "/" + relative
            if mkdir(full, 0o755) == 0 || errno == EEXIST { return }
            guard errno == ENOENT else { return record("could not create \(relative): \(String(cString: strerror(errno)))") }
            let parent = (relative as NSString).deletingLastPathComponent
            if !parent.isEmpty { makeFolders(parent) }
            if mkdir(full, 0o755) != 0 && errno != EEXIST {
                record("could not create \(relative): \(String(cString: strerror(errno)))")
            }
        }

        private func record(_ message: String) {
            lock.lock()
            failures.append(message)
            lock.unlock()
        }

        /// Swaps the staged site in; the old one is removed only once the new one is in place.
        public func commit() throws {
            lock.lock()
            let failure = failures.sorted().first
            lock.unlock()
            if let failure {
                discard()
                throw WriteError.io(failure)
            }
            let previous = output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).previous-\(ProcessInfo.processInfo.processIdentifier)")
            if outputExists {
                guard rename(output.path, previous.path) == 0 else {
                    let reason = String(cString: strerror(errno))
                    discard()
                    throw WriteError.io("could not move the old site aside: \(reason)")
                }
            }
            guard rename(folder.path, output.path) == 0 else {
                let reason = String(cString: strerror(errno))
                if outputExists { _ = rename(previous.path, output.path) }
                discard()
                throw WriteError.io("could not move the new site into place: \(reason)")
            }
            if outputExists { removeTree(previous.path) }
        }

        /// Drops everything staged; the output stays as it was.
        public func discard() { removeTree(folder.path) }
    }

    /// Deletes a folder tree with plain unlinkat calls: FileManager.removeItem took seconds for a
    /// site of 10,000 pages.
    static func removeTree(_ path: String) {
        guard let directory = opendir(path) else {
            unlink(path)
            return
        }
        let descriptor = dirfd(directory)
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name == "." || name == ".." { continue }
            if unlinkat(descriptor, name, 0) != 0, errno == EISDIR || errno == EPERM {
                removeTree(path + "/" + name)
            }
        }
        closedir(directory)
        rmdir(path)
    }
}

extension SiteWriter {
    /// Writes one file of a live folder (the one `kb serve` serves) by rename, so the server
    /// never reads half of it. Plain system calls: Foundation's createDirectory and Data.write
    /// cost a few milliseconds a file.
    static func replace(_ path: String, with bytes: [UInt8], in folder: URL) throws {
        guard isSafe(path) else { throw WriteError.unsafePath(path) }
        var parent = folder.path
        for component in path.split(separator: "/").dropLast() {
            parent += "/" + component
            if mkdir(parent, 0o755) != 0 && errno != EEXIST {
                throw WriteError.io("could not create \(parent): \(String(cString: strerror(errno)))")
            }
        }
        let target = folder.path + "/" + path
        let temporary = parent + "/.kb-writing-" + (path.split(separator: "/").last.map(String.init) ?? "file")
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw WriteError.io("could not write \(path): \(String(cString: strerror(errno)))") }
        let complete = bytes.withUnsafeBytes { buffer -> Bool in
            var written = 0
            while written < buffer.count {
                let result = Foundation.write(descriptor, buffer.baseAddress! + written, buffer.count - written)
                if result <= 0 { return false }
                written += result
            }
            return true
        }
        close(descriptor)
        guard complete, rename(temporary, target) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw WriteError.io("could not write \(path): \(reason)")
        }
    }

    /// Removes a page of a live folder that no longer exists, and its folder when that is left
    /// empty.
    static func remove(_ path: String, in folder: URL) {
        guard isSafe(path) else { return }
        unlink(folder.appendingPathComponent(path).path)
        var parent = (path as NSString).deletingLastPathComponent
        while !parent.isEmpty, rmdir(folder.appendingPathComponent(parent).path) == 0 {
            parent = (parent as NSString).deletingLastPathComponent
        }
    }
}

/// Where rendered files go, from many threads at once.
public protocol SiteSink: Sendable {
    /// Stores one file.
    func put(_ path: String, _ bytes: [UInt8])
}

/// Files kept in memory, for tests and for callers that write them themselves. Sendable
/// because `stored` is only touched under `lock`.
public final class MemorySink: SiteSink, @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String: [UInt8]] = [:]

    /// An empty sink.
    public init() {}

    public func put(_ path: String, _ bytes: [UInt8]) {
        lock.lock()
        stored[path] = bytes
        lock.unlock()
    }

    /// Every file stored, by path.
    public var files: [String: [UInt8]] {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
}

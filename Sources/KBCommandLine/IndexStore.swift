import Foundation
import KBContent
import KBCore
import KBSearch
import KBSite

/// Where `kb search` gets its index, and keeping it fresh. For a content folder the index is
/// cached per folder and rebuilt when the folder's fingerprint changes; without one, the index
/// installed beside the binary or the one `kb update` downloaded is used as it is.
struct IndexStore: Sendable {
    enum Source: Sendable, Equatable {
        case content(Workspace)
        case file(URL)
    }

    /// Why no index could be opened.
    enum Failure: Error, CustomStringConvertible {
        /// The content has errors; the load's result says which.
        case contentErrors(LoadResult)
        /// The index file cannot be read or is not an index.
        case unreadable(URL, String)

        var description: String {
            switch self {
            case .contentErrors(let result): return "the content has \(result.diagnostics.errorCount) error(s); run kb check"
            case .unreadable(let url, let reason): return "cannot use the index at \(url.path): \(reason); run kb update or pass --content"
            }
        }
    }

    let cacheDirectory: URL
    /// Names the program that builds indexes (the kb binary's size and time): a cache built by
    /// another kb, with other weights, is rebuilt even when the content is unchanged.
    let builderStamp: String

    init(cacheDirectory: URL, builderStamp: String = "") {
        self.cacheDirectory = cacheDirectory
        self.builderStamp = builderStamp
    }

    /// The fingerprint a cached index must carry to be used: the content's and the builder's.
    func fingerprint(of workspace: Workspace) -> String {
        ContentStamp.compute(workspace) + "/\(SearchIndex.formatVersion)/" + builderStamp
    }

    /// `$XDG_CACHE_HOME/kb`, else `~/.cache/kb`.
    static func defaultCacheDirectory(environment: [String: String]) -> URL {
        if let cache = environment["XDG_CACHE_HOME"], cache.hasPrefix("/") { return URL(fileURLWithPath: cache).appendingPathComponent("kb") }
        let home = environment["HOME"].map { URL(fileURLWithPath: $0) } ?? FileManager.default.homeDirectoryForCurrentUser
        return home.appendingPathComponent(".cache/kb")
    }

    /// `$XDG_DATA_HOME/kb/index.kbix`, else `~/.local/share/kb/index.kbix`: where `kb update` puts
    /// a downloaded index.
    static func downloadedIndex(environment: [String: String]) -> URL {
        if let data = environment["XDG_DATA_HOME"], data.hasPrefix("/") { return URL(fileURLWithPath: data).appendingPathComponent("kb/index.kbix") }
        let home = environment["HOME"].map { URL(fileURLWithPath: $0) } ?? FileManager.default.homeDirectoryForCurrentUser
        return home.appendingPathComponent(".local/share/kb/index.kbix")
    }

    /// `PREFIX/share/kb/index.kbix` for a binary in `PREFIX/bin`: what `make install` installs.
    static func installedIndex(executable: URL) -> URL {
        executable.resolvingSymlinksInPath().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("share/kb/index.kbix")
    }

    func cacheFile(for workspace: Workspace) -> URL {
        var hasher = FNV1a()
        hasher.add(workspace.contentDirectory.standardizedFileURL.path)
        return cacheDirectory.appendingPathComponent("index-\(hasher.hex).kbix")
    }

    struct Opened: Sendable {
        var index: SearchIndex
        /// True when this run had to (re)build the index.
        var rebuilt: Bool
        /// Warnings and notes for the user (a cache that could not be written, a rebuilt index).
        var notes: [String]
    }

    /// Opens the index of `source`; for content, the cached index when it is current, else one
    /// built now and cached (`writingCache`) or kept in memory only.
    func open(_ source: Source, writingCache: Bool = true) throws -> Opened {
        switch source {
        case .file(let url):
            do {
                return Opened(index: try MappedIndexFile.open(url), rebuilt: false, notes: [])
            } catch {
                throw Failure.unreadable(url, "\(error)")
            }
        case .content(let workspace):
            let fingerprint = fingerprint(of: workspace)
            let cache = cacheFile(for: workspace)
            var notes: [String] = []
            if FileManager.default.fileExists(atPath: cache.path) {
                do {
                    let index = try MappedIndexFile.open(cache)
                    if index.fingerprint == fingerprint { return Opened(index: index, rebuilt: false, notes: []) }
                } catch {
                    notes.append("the cached index was unusable (\(error)); rebuilt it")
                }
            }
            let result = workspace.load()
            if result.diagnostics.hasErrors { throw Failure.contentErrors(result) }
            let index = SearchIndexBuilder.build(result.graph, fingerprint: fingerprint)
            guard writingCache else { return Opened(index: index, rebuilt: true, notes: notes) }
            do {
                try Self.writeAtomically(index.bytes, to: cache)
            } catch {
                notes.append("could not cache the index at \(cache.path) (\(error.localizedDescription)); searching without it")
            }
            return Opened(index: index, rebuilt: true, notes: notes)
        }
    }


    /// Write beside the target and rename over it, so a reader never maps half a file.
    static func writeAtomically(_ bytes: [UInt8], to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        try Data(bytes).write(to: temporary)
        if rename(temporary.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw MappedIndexFile.Failure(description: "could not put the index at \(url.path): \(reason)")
        }
    }
}

/// An index file mapped into memory: a query reads only the pages it touches, which keeps a cold
/// `kb search` fast at 100,000 entries. The search module does no file input or output; this is
/// where the bytes come from.
enum MappedIndexFile {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func open(_ url: URL) throws -> SearchIndex {
        let descriptor = Foundation.open(url.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Failure(description: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw Failure(description: String(cString: strerror(errno))) }
        let size = Int(status.st_size)
        guard size > 0 else { throw SearchIndex.OpenError.notAnIndex }
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), address != MAP_FAILED else {
            throw Failure(description: String(cString: strerror(errno)))
        }
        // The mapping lives as long as the index; munmap takes the address as an integer so the
        // release closure stays Sendable.
        let start = UInt(bitPattern: address)
        let bytes = IndexBytes(unsafeBytes: UnsafeRawBufferPointer(start: address, count: size)) {
            munmap(UnsafeMutableRawPointer(bitPattern: start), size)
        }
        return try SearchIndex(storage: bytes)
    }
}

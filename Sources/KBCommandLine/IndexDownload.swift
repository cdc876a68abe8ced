import Foundation
import KBContent
import KBCore
import KBSearch
import KBSite

/// `kb update`: fetches a published site's search index so that `kb search` works offline with
/// what the site publishes. The site names its index in `search/manifest.json` (the one file a
/// host must not cache): the generation's `index.kbix`, its size and its FNV-1a hash. kb reads
/// the manifest, downloads that one bundle (the browser's shards are cut from the same index, so
/// the bundle is all a terminal needs), and accepts it only when the size, the hash and the
/// index itself all check out; until then nothing is written.
///
/// HTTP goes through the `curl` command rather than URLSession: linking FoundationNetworking
/// pulls libcurl and a dozen libraries into every start of kb, which cost `kb search` more
/// time than its whole query at 10,000 entries.
enum IndexDownload {
    enum Failure: Error, Equatable, CustomStringConvertible {
        case badURL(String)
        case http(Int, String)
        case transport(String)
        case tooLarge(Int)
        case notAnIndex(String)
        case badManifest(String, String)
        case otherFormat(Int)
        case damaged(String)

        var description: String {
            switch self {
            case .badURL(let url): return "'\(url)' is not an http, https or file URL"
            case .http(let status, let url): return "\(url) answered HTTP \(status)"
            case .transport(let message): return message
            case .tooLarge(let size): return "the download is \(size / 1_048_576) MB, more than an index can be; is the URL right?"
            case .notAnIndex(let reason): return "the download is not a kb search index (\(reason))"
            case .badManifest(let url, let reason): return "\(url) is not a kb search manifest (\(reason)); is this a site kb built?"
            case .otherFormat(let format): return "the site's index is format \(format) and this kb reads format \(SearchIndex.formatVersion): install the kb that built the site, or rebuild the site with this one"
            case .damaged(let reason): return "the downloaded index is damaged (\(reason)); the previous index is kept, try again"
            }
        }
    }

    /// The largest index kb accepts from the network.
    static let maximumSize = 512 * 1_048_576

    /// The largest manifest kb reads: it is a few hundred bytes.
    static let maximumManifestSize = 65_536

    /// Where to start for a site URL: `https://example.org/kb/` → `…/kb/search/manifest.json`.
    /// A URL that already names a `.kbix` file (an index published on its own) is used as it is.
    static func indexURL(for site: String) throws -> URL {
        guard var components = URLComponents(string: site), let scheme = components.scheme?.lowercased(),
              ["http", "https", "file"].contains(scheme) else { throw Failure.badURL(site) }
        if !components.path.hasSuffix(".kbix") && !components.path.hasSuffix(".json") {
            if !components.path.hasSuffix("/") { components.path += "/" }
            components.path += "search/manifest.json"
        }
        guard let url = components.url else { throw Failure.badURL(site) }
        return url
    }

    /// What a manifest promises: where the generation's whole index is, and its size and hash.
    struct Manifest: Equatable {
        var index: String
        var bytes: Int
        var fnv1a: String

        /// Reads a manifest, refusing what would lead outside the site's search folder.
        static func parse(_ bytes: [UInt8], from url: URL) throws -> Manifest {
            guard bytes.count <= maximumManifestSize,
                  let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
                throw Failure.badManifest(url.absoluteString, "not a JSON object")
            }
            guard let format = object["format"] as? Int else { throw Failure.badManifest(url.absoluteString, "no format") }
            guard format == SearchIndex.formatVersion else { throw Failure.otherFormat(format) }
            guard let index = object["index"] as? String, let size = object["bytes"] as? Int, let hash = object["fnv1a"] as? String else {
                throw Failure.badManifest(url.absoluteString, "index, bytes or fnv1a missing")
            }
            let parts = index.split(separator: "/", omittingEmptySubsequences: false)
            guard !index.isEmpty, !index.hasPrefix("/"), !index.contains(":"), !index.contains("\\"), index.hasSuffix(".kbix"),
                  !parts.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) else {
                throw Failure.badManifest(url.absoluteString, "the index path '\(index)' is not a file under search/")
            }
            guard size > 0, size <= maximumSize, hash.count == 16, hash.allSatisfy(\.isHexDigit) else {
                throw Failure.badManifest(url.absoluteString, "bytes or fnv1a out of range")
            }
            return Manifest(index: index, bytes: size, fnv1a: hash.lowercased())
        }
    }

    /// Downloads and checks an index: through the manifest when `url` names one, directly when it
    /// names a `.kbix` file. Nothing is written here; the caller writes only what this returns.
    static func fetch(_ url: URL, timeout: TimeInterval = 30) throws -> SearchIndex {
        guard url.pathExtension == "json" else { return try open(download(url, timeout: timeout)) }
        let manifest = try Manifest.parse(download(url, limit: maximumManifestSize, timeout: timeout), from: url)
        let indexURL = url.deletingLastPathComponent().appendingPathComponent(manifest.index)
        let bytes = try download(indexURL, timeout: timeout)
        guard bytes.count == manifest.bytes else {
            throw Failure.damaged("\(indexURL.absoluteString) has \(bytes.count) bytes, the manifest says \(manifest.bytes)")
        }
        var hash = FNV1a()
        for byte in bytes { hash.add(byte) }
        guard hash.hex == manifest.fnv1a else {
            throw Failure.damaged("\(indexURL.absoluteString) hashes to \(hash.hex), the manifest says \(manifest.fnv1a)")
        }
        return try open(bytes)
    }

    private static func open(_ bytes: [UInt8]) throws -> SearchIndex {
        do {
            return try SearchIndex(bytes: bytes)
        } catch {
            throw Failure.notAnIndex("\(error)")
        }
    }

    private static func download(_ url: URL, limit: Int = maximumSize, timeout: TimeInterval) throws -> [UInt8] {
        let bytes: [UInt8]
        if url.isFileURL {
            guard let data = FileManager.default.contents(atPath: url.path) else { throw Failure.transport("no file at \(url.path)") }
            bytes = Array(data)
        } else {
            bytes = try httpGet(url, limit: limit, timeout: timeout)
        }
        guard bytes.count <= limit else { throw Failure.tooLarge(bytes.count) }
        return bytes
    }

    private static func httpGet(_ url: URL, limit: Int, timeout: TimeInterval) throws -> [UInt8] {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("kb-update-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["curl", "--silent", "--show-error", "--location", "--proto", "=http,https",
                             "--max-time", String(Int(timeout)), "--max-filesize", String(limit),
                             "--user-agent", "kb/\(KnowledgeBaseVersion.current)",
                             "--output", scratch.path, "--write-out", "%{http_code}", url.absoluteString]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw Failure.transport("could not run curl to download \(url.absoluteString); install curl (apt-get install curl)")
        }
        let status = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        process.waitUntilExit()
        if process.terminationStatus == 127 {
            throw Failure.transport("could not run curl to download \(url.absoluteString); install curl (apt-get install curl)")
        }
        if process.terminationStatus == 63 { throw Failure.tooLarge(limit + 1) }
        guard process.terminationStatus == 0 else {
            throw Failure.transport("could not download \(url.absoluteString): \(message.isEmpty ? "curl exit \(process.terminationStatus)" : message)")
        }
        if let code = Int(status), !(200..<300).contains(code) { throw Failure.http(code, url.absoluteString) }
        guard let data = FileManager.default.contents(atPath: scratch.path) else { throw Failure.transport("the download of \(url.absoluteString) left no file") }
        return Array(data)
    }
}

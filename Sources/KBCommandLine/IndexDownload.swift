import Foundation
import KBContent
import KBCore
import KBSearch
import KBSite

/// `kb update`: fetches a published site's search index (`search/index.kbix`, the file the site's
/// own search reads) so that `kb search` works offline with what the site publishes.
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

        var description: String {
            switch self {
            case .badURL(let url): return "'\(url)' is not an http, https or file URL"
            case .http(let status, let url): return "\(url) answered HTTP \(status)"
            case .transport(let message): return message
            case .tooLarge(let size): return "the download is \(size / 1_048_576) MB, more than an index can be; is the URL right?"
            case .notAnIndex(let reason): return "the download is not a kb search index (\(reason))"
            }
        }
    }

    /// The largest index kb accepts from the network.
    static let maximumSize = 512 * 1_048_576

    /// The index file's URL for a site URL: `https://example.org/kb/` → `…/kb/search/index.kbix`;
    /// a URL that already names a `.kbix` file is used as it is.
    static func indexURL(for site: String) throws -> URL {
        guard var components = URLComponents(string: site), let scheme = components.scheme?.lowercased(),
              ["http", "https", "file"].contains(scheme) else { throw Failure.badURL(site) }
        if !components.path.hasSuffix(".kbix") {
            if !components.path.hasSuffix("/") { components.path += "/" }
            components.path += "search/index.kbix"
        }
        guard let url = components.url else { throw Failure.badURL(site) }
        return url
    }

    /// Downloads and checks an index; nothing is written until it has opened as a valid index.
    static func fetch(_ url: URL, timeout: TimeInterval = 30) throws -> SearchIndex {
        let bytes: [UInt8]
        if url.isFileURL {
            guard let data = FileManager.default.contents(atPath: url.path) else { throw Failure.transport("no file at \(url.path)") }
            bytes = Array(data)
        } else {
            bytes = try httpGet(url, timeout: timeout)
        }
        guard bytes.count <= maximumSize else { throw Failure.tooLarge(bytes.count) }
        do {
            return try SearchIndex(bytes: bytes)
        } catch {
            throw Failure.notAnIndex("\(error)")
        }
    }

    private static func httpGet(_ url: URL, timeout: TimeInterval) throws -> [UInt8] {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("kb-update-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["curl", "--silent", "--show-error", "--location", "--proto", "=http,https",
                             "--max-time", String(Int(timeout)), "--max-filesize", String(maximumSize),
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
        if process.terminationStatus == 63 { throw Failure.tooLarge(maximumSize + 1) }
        guard process.terminationStatus == 0 else {
            throw Failure.transport("could not download \(url.absoluteString): \(message.isEmpty ? "curl exit \(process.terminationStatus)" : message)")
        }
        if let code = Int(status), !(200..<300).contains(code) { throw Failure.http(code, url.absoluteString) }
        guard let data = FileManager.default.contents(atPath: scratch.path) else { throw Failure.transport("the download of \(url.absoluteString) left no file") }
        return Array(data)
    }
}

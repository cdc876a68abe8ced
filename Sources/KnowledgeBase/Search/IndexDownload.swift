import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `kb update`: fetches a published site's search index (`search/index.kbix`, the file the site's
/// own search reads) so that `kb search` works offline with what the site publishes.
public enum IndexDownload {
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case badURL(String)
        case http(Int, String)
        case transport(String)
        case tooLarge(Int)
        case notAnIndex(String)

        public var description: String {
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
    public static let maximumSize = 512 * 1_048_576

    /// The index file's URL for a site URL: `https://example.org/kb/` → `…/kb/search/index.kbix`;
    /// a URL that already names a `.kbix` file is used as it is.
    public static func indexURL(for site: String) throws -> URL {
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
    public static func fetch(_ url: URL, timeout: TimeInterval = 30) throws -> SearchIndex {
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
        final class Box: @unchecked Sendable {
            var result: Result<[UInt8], Failure> = .failure(.transport("no answer"))
        }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        request.setValue("kb/\(KnowledgeBaseVersion.current)", forHTTPHeaderField: "User-Agent")
        let task = URLSession.shared.dataTask(with: request) { data, response, error in
            defer { done.signal() }
            if let error {
                box.result = .failure(.transport("could not download \(url.absoluteString): \(error.localizedDescription)"))
                return
            }
            if let http = response as? HTTPURLResponse, !(200..<300).contains(http.statusCode) {
                box.result = .failure(.http(http.statusCode, url.absoluteString))
                return
            }
            box.result = .success(Array(data ?? Data()))
        }
        task.resume()
        done.wait()
        return try box.result.get()
    }
}

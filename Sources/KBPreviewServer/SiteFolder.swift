import Foundation

/// The built site as the server sees it: a request path turned into a file of the folder, and
/// nothing outside it. Paths are checked after percent-decoding, so `/../`, `/%2e%2e/` and
/// `/..%2f` are all refused, and a file reached through a symbolic link must still lie inside.
struct SiteFolder: Sendable {
    /// The folder, with symbolic links resolved, so the containment check compares real paths.
    let root: String

    init(_ folder: URL) {
        root = folder.resolvingSymlinksInPath().standardizedFileURL.path
    }

    enum Lookup: Equatable {
        case file(path: String)
        /// A folder asked for without its trailing slash: the page's relative links need one.
        case redirect(location: String)
        case notFound
    }

    /// `rawPath` is the request target's path as sent, still percent-encoded.
    func lookup(rawPath: String) -> Lookup {
        guard let segments = Self.segments(of: rawPath) else { return .notFound }
        let relative = segments.joined(separator: "/")
        let candidate = relative.isEmpty ? root : root + "/" + relative
        var info = stat()
        guard stat(candidate, &info) == 0 else { return .notFound }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            guard rawPath.hasSuffix("/") else { return .redirect(location: "/" + relative.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed)! + "/") }
            return file(candidate + "/index.html")
        }
        return file(candidate)
    }

    private func file(_ path: String) -> Lookup {
        let real = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        guard real.hasPrefix(root + "/") else { return .notFound }
        var info = stat()
        guard stat(real, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return .notFound }
        return .file(path: real)
    }

    /// The decoded path segments, or nil when one would climb out or cannot name a file.
    static func segments(of rawPath: String) -> [String]? {
        var segments: [String] = []
        for encoded in rawPath.split(separator: "/", omittingEmptySubsequences: true) {
            guard let segment = encoded.removingPercentEncoding,
                  !segment.isEmpty, segment != ".", segment != "..",
                  !segment.contains("/"), !segment.contains("\\"), !segment.contains("\0")
            else { return nil }
            segments.append(segment)
        }
        return segments
    }

    /// Types for what a kb site holds; anything else is served as bytes.
    static func contentType(for path: String) -> String {
        switch (path as NSString).pathExtension.lowercased() {
        case "html": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js": return "text/javascript; charset=utf-8"
        case "json": return "application/json"
        case "xml": return "application/xml; charset=utf-8"
        case "txt": return "text/plain; charset=utf-8"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "gif": return "image/gif"
        case "webp": return "image/webp"
        case "ico": return "image/x-icon"
        case "woff2": return "font/woff2"
        case "woff": return "font/woff"
        default: return "application/octet-stream"
        }
    }
}

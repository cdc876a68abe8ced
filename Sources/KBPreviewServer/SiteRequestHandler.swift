import Foundation
import FlyingFox
import KBContent

/// Answers every request of `kb serve`: the site's files (HTML pages with the live script added),
/// the event stream and the script itself. GET and HEAD only; anything outside the site is 404.
struct SiteRequestHandler: HTTPHandler {
    let folder: SiteFolder
    let live: LiveReload

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard request.method == .GET || request.method == .HEAD else {
            let headers: HTTPHeaders = [HTTPHeader("Allow"): "GET, HEAD"]
            return HTTPResponse(statusCode: .methodNotAllowed, headers: headers)
        }
        let rawPath = request.target.path(percentEncoded: true)
        switch rawPath {
        case LiveScript.eventsPath:
            var headers: HTTPHeaders = [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-store"]
            if request.method == .HEAD { return HTTPResponse(statusCode: .ok, headers: headers) }
            headers[.init("X-Accel-Buffering")] = "no"
            return HTTPResponse(statusCode: .ok, headers: headers, body: LiveReload.body(await live.subscribe()))
        case LiveScript.path:
            return respond(request, status: .ok, bytes: Data(LiveScript.source.utf8), type: "text/javascript; charset=utf-8", etag: LiveScript.etag)
        default:
            break
        }
        switch folder.lookup(rawPath: rawPath) {
        case .redirect(let location):
            let headers: HTTPHeaders = [.location: location, .cacheControl: "no-cache"]
            return HTTPResponse(statusCode: .movedPermanently, headers: headers)
        case .notFound:
            let page = folder.lookup(rawPath: "/404.html")
            guard case .file(let path) = page, let bytes = FileManager.default.contents(atPath: path) else {
                return respond(request, status: .notFound, bytes: Data("not found\n".utf8), type: "text/plain; charset=utf-8", etag: nil)
            }
            return respond(request, status: .notFound, bytes: await withLiveScript(bytes), type: SiteFolder.contentType(for: path), etag: nil)
        case .file(let path):
            guard let bytes = FileManager.default.contents(atPath: path) else {
                return HTTPResponse(statusCode: .notFound)
            }
            let isPage = path.hasSuffix(".html")
            // A page's bytes depend on the file and on whether the overlay is shown.
            let stamp = FileStamp(path: path)?.tag ?? "0"
            let tag = "\"\(stamp)\(isPage ? "-\(await live.stateVersion)" : "")\""
            return respond(request, status: .ok, bytes: isPage ? await withLiveScript(bytes) : bytes, type: SiteFolder.contentType(for: path), etag: tag)
        }
    }

    private func withLiveScript(_ page: Data) async -> Data {
        LiveScript.inject(LiveScript.injection(problems: await live.problems), into: page)
    }

    /// A full response, or its headers alone for HEAD; `no-cache` so a browser always asks again
    /// (and gets 304 while the ETag holds), which is what a preview of changing files needs.
    private func respond(_ request: HTTPRequest, status: HTTPStatusCode, bytes: Data, type: String, etag: String?) -> HTTPResponse {
        var headers: HTTPHeaders = [.contentType: type, .cacheControl: "no-cache"]
        if let etag {
            headers[.eTag] = etag
            if request.headers[.ifNoneMatch] == etag {
                return HTTPResponse(statusCode: .notModified, headers: headers)
            }
        }
        if request.method == .HEAD {
            headers[.contentLength] = String(bytes.count)
            return HTTPResponse(statusCode: status, headers: headers)
        }
        return HTTPResponse(statusCode: status, headers: headers, body: bytes)
    }
}

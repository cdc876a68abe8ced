import FlyingFox
import Foundation
import KBTestSupport
import Testing
@testable import KBPreviewServer

/// `kb serve`'s request handler in-process, without sockets: what it answers for pages, assets,
/// the live-reload script and stream, methods it refuses, and paths that would leave the site.
@Suite struct RequestHandlerTests {
    /// A site folder with a page, an asset and the 404 page.
    static func site() throws -> URL {
        let folder = TemporaryFolders.make("kb-handler")
        for (path, text) in [
            "index.html": "<html><body><h1>Home</h1></body></html>",
            "openai/rate-limit/index.html": "<html><body><h1>Rate limit</h1></body></html>",
            "assets/style.css": "body { color: red }",
            "404.html": "<html><body>Not here</body></html>",
        ] {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return folder
    }

    static func request(_ rawPath: String, method: HTTPMethod = .GET, headers: HTTPHeaders = [:]) -> HTTPRequest {
        HTTPRequest(method: method, version: .http11, target: .init(path: rawPath, query: ""), headers: headers, body: HTTPBodySequence(data: Data()))
    }

    static func text(_ response: HTTPResponse) async throws -> String {
        String(decoding: try await response.bodyData, as: UTF8.self)
    }

    @Test func pagesGetTheLiveScriptAndAnETagThatFollowsTheOverlay() async throws {
        let live = LiveReload()
        let handler = SiteRequestHandler(folder: SiteFolder(try Self.site()), live: live)
        let page = try await handler.handleRequest(Self.request("/openai/rate-limit/"))
        #expect(page.statusCode == .ok)
        #expect(page.headers[.contentType] == "text/html; charset=utf-8")
        #expect(page.headers[.cacheControl] == "no-cache")
        let body = try await Self.text(page)
        #expect(body.contains("<h1>Rate limit</h1><script src=\"/__kb/live.js\"></script></body>"))
        let tag = try #require(page.headers[.eTag])

        // The same ETag again: 304 with no body.
        let again = try await handler.handleRequest(Self.request("/openai/rate-limit/", headers: [.ifNoneMatch: tag]))
        #expect(again.statusCode == .notModified)

        // An overlay changes what every page shows, so the ETag changes and the overlay is there.
        await live.show(problems: "Content/x.md:1:1: error[KB006]: <never closes>")
        let broken = try await handler.handleRequest(Self.request("/openai/rate-limit/", headers: [.ifNoneMatch: tag]))
        #expect(broken.statusCode == .ok)
        #expect(broken.headers[.eTag] != tag)
        #expect(try await Self.text(broken).contains("id=\"kb-serve-overlay\""))
        #expect(try await Self.text(broken).contains("&lt;never closes&gt;"), "the errors are escaped")
    }

    @Test func assetsAreServedAsTheyAreWithTheirType() async throws {
        let handler = SiteRequestHandler(folder: SiteFolder(try Self.site()), live: LiveReload())
        let css = try await handler.handleRequest(Self.request("/assets/style.css"))
        #expect(css.headers[.contentType] == "text/css; charset=utf-8")
        #expect(try await Self.text(css) == "body { color: red }")
        let head = try await handler.handleRequest(Self.request("/assets/style.css", method: .HEAD))
        #expect(head.headers[.contentLength] == "19")
        #expect(try await head.bodyData.isEmpty)
    }

    @Test func aFolderWithoutItsSlashIsRedirected() async throws {
        let handler = SiteRequestHandler(folder: SiteFolder(try Self.site()), live: LiveReload())
        let response = try await handler.handleRequest(Self.request("/openai/rate-limit"))
        #expect(response.statusCode == .movedPermanently)
        #expect(response.headers[.location] == "/openai/rate-limit/")
    }

    @Test(arguments: ["/../etc/passwd", "/%2e%2e/etc/passwd", "/..%2fetc/passwd", "/assets/..%5c..%5cetc", "/a%00b", "/nowhere/"])
    func pathsOutsideTheSiteAreTheSitesNotFoundPage(path: String) async throws {
        let handler = SiteRequestHandler(folder: SiteFolder(try Self.site()), live: LiveReload())
        let response = try await handler.handleRequest(Self.request(path))
        #expect(response.statusCode == .notFound)
        #expect(try await Self.text(response).contains("Not here"))
    }

    @Test func onlyGetAndHeadAreAnswered() async throws {
        let handler = SiteRequestHandler(folder: SiteFolder(try Self.site()), live: LiveReload())
        for method in [HTTPMethod.POST, .PUT, .DELETE] {
            let response = try await handler.handleRequest(Self.request("/", method: method))
            #expect(response.statusCode == .methodNotAllowed)
            #expect(response.headers[HTTPHeader("Allow")] == "GET, HEAD")
        }
    }

    @Test func theEventStreamStartsWithTheCurrentState() async throws {
        let live = LiveReload()
        await live.show(problems: "broken")
        var stream = await live.subscribe().makeAsyncIterator()
        #expect(await stream.next() == LiveReload.retry)
        let first = String(decoding: try #require(await stream.next()), as: UTF8.self)
        #expect(first == "event: problems\ndata: \"broken\"\n\n")
        await live.reload(changed: ["Content/x.md"])
        let reload = String(decoding: try #require(await stream.next()), as: UTF8.self)
        #expect(reload == "event: reload\ndata: [\"Content\\/x.md\"]\n\n")
        #expect(await live.problems == nil)
    }
}

/// The folder lookup alone: request paths to files, decoded once and refused when they climb.
@Suite struct SiteFolderTests {
    @Test(arguments: [
        ("/", [String]()), ("/a/b/", ["a", "b"]), ("/a%20b/", ["a b"]), ("//a//b", ["a", "b"]),
    ])
    func segmentsAreDecoded(path: String, expected: [String]) {
        #expect(SiteFolder.segments(of: path) == expected)
    }

    @Test(arguments: ["/..", "/a/../..", "/%2E%2E/", "/a%2fb", "/a%5cb", "/a%00", "/."])
    func climbingOrOddSegmentsAreRefused(path: String) {
        #expect(SiteFolder.segments(of: path) == nil)
    }
}

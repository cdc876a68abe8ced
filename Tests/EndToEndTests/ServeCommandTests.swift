import Foundation
import KBTestSupport
import XCTest

/// `kb serve` as an author uses it: the built binary on a throwaway knowledge base, spoken to over
/// real sockets (raw ones, so that paths reach the server exactly as written, `..` included).
final class ServeCommandTests: XCTestCase {
    var content: TemporaryContent!
    var server: Process!
    var port: UInt16 = 0

    override func setUpWithError() throws {
        content = try TemporaryContent([
            "Content/example/_index.md": TemporaryContent.provider,
            "Content/example/bad-key.md": TemporaryContent.entry("Bad key", extra: "related: [example/slow-down]"),
            "Content/example/slow-down.md": TemporaryContent.entry("Slow down", category: "rate-limit"),
        ])
        try FileManager.default.copyItem(at: KBProcess.packageRoot.appendingPathComponent("Templates"), to: content.root.appendingPathComponent("Templates"))
        server = Process()
        server.executableURL = KBProcess.binary
        server.arguments = ["serve", "--port", "0", "--content", content.root.appendingPathComponent("Content").path]
        server.currentDirectoryURL = content.root
        let output = Pipe()
        server.standardOutput = output
        server.standardError = FileHandle.nullDevice
        try server.run()
        // The address is the first line; read byte by byte so nothing after it is swallowed.
        var line = Data()
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let byte = output.fileHandleForReading.readData(ofLength: 1)
            if byte.isEmpty { break }
            if byte == Data("\n".utf8) {
                let text = String(decoding: line, as: UTF8.self)
                if let range = text.range(of: #"127\.0\.0\.1:(\d+)/"#, options: .regularExpression) {
                    port = UInt16(text[range].dropFirst("127.0.0.1:".count).dropLast())!
                    break
                }
                line = Data()
            } else {
                line.append(byte)
            }
        }
        XCTAssertNotEqual(port, 0, "kb serve did not print its address")
    }

    override func tearDown() {
        if let server, server.isRunning {
            server.terminate()
            server.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: content.root)
    }

    func testServesPagesReloadsOnEditShowsErrorsOverTheLastGoodSiteAndRefusesTraversal() throws {
        // Pages, with the live script added.
        let home = try HTTP.request("GET", "/", port: port)
        XCTAssertEqual(home.status, 200)
        XCTAssertEqual(home.headers["content-type"], "text/html; charset=utf-8")
        XCTAssertTrue(home.body.contains("<script src=\"/__kb/live.js\"></script></body>"))
        let page = try HTTP.request("GET", "/example/bad-key/", port: port)
        XCTAssertEqual(page.status, 200)
        XCTAssertTrue(page.body.contains("Bad key"))
        XCTAssertEqual(try HTTP.request("GET", "/assets/style.css", port: port).headers["content-type"], "text/css; charset=utf-8")
        XCTAssertEqual(try HTTP.request("GET", "/example/bad-key", port: port).headers["location"], "/example/bad-key/")

        // HEAD: the same headers, the length of the body, no body. Caching: revalidate, 304 on a match.
        let head = try HTTP.request("HEAD", "/example/bad-key/", port: port)
        XCTAssertEqual(head.status, 200)
        XCTAssertEqual(head.headers["content-length"], String(page.body.utf8.count))
        XCTAssertEqual(head.body, "")
        XCTAssertEqual(page.headers["cache-control"], "no-cache")
        let etag = try XCTUnwrap(page.headers["etag"])
        XCTAssertEqual(try HTTP.request("GET", "/example/bad-key/", port: port, headers: ["If-None-Match": etag]).status, 304)
        XCTAssertEqual(try HTTP.request("POST", "/", port: port).status, 405)

        // The event stream a page opens starts with the current state.
        let events = try EventStream(port: port)
        defer { events.close() }
        try events.waitFor("event: ok")

        // An edit: the reload event, then the new page.
        let entry = content.root.appendingPathComponent("Content/example/bad-key.md")
        try Data(TemporaryContent.entry("Bad key, edited", extra: "related: [example/slow-down]").utf8).write(to: entry)
        try events.waitFor("event: reload")
        XCTAssertTrue(try HTTP.request("GET", "/example/bad-key/", port: port).body.contains("Bad key, edited"))
        // The related entry shows the new title too: it was rebuilt with it.
        XCTAssertTrue(try HTTP.request("GET", "/example/slow-down/", port: port).body.contains("Bad key, edited"))

        // An error: the overlay, on the stream and on the page, over the last good build.
        let broken = content.root.appendingPathComponent("Content/example/broken.md")
        try Data("---\ntitle: \"never closed\"\n".utf8).write(to: broken)
        let problems = try events.waitFor("event: problems")
        XCTAssertTrue(problems.contains("broken.md:1:1: error[KB006]: "), problems)
        let stillServed = try HTTP.request("GET", "/example/bad-key/", port: port)
        XCTAssertEqual(stillServed.status, 200)
        XCTAssertTrue(stillServed.body.contains("Bad key, edited"))
        XCTAssertTrue(stillServed.body.contains("id=\"kb-serve-overlay\""))
        XCTAssertTrue(stillServed.body.contains("broken.md:1:1: error[KB006]: "))
        XCTAssertNotEqual(stillServed.headers["etag"], page.headers["etag"])

        // Fixed: a reload, and the overlay is gone.
        try FileManager.default.removeItem(at: broken)
        try events.waitFor("event: reload")
        XCTAssertFalse(try HTTP.request("GET", "/example/bad-key/", port: port).body.contains("kb-serve-overlay"))

        // Nothing outside the site, however the path is written.
        for path in ["/../../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2f..%2fetc%2fpasswd",
                     "/example/..%2f..%2f..%2f..%2fetc/passwd", "/assets/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/%00", "/..\\..\\etc\\passwd"] {
            let response = try HTTP.request("GET", path, port: port)
            XCTAssertEqual(response.status, 404, path)
            XCTAssertFalse(response.body.contains("root:"), path)
        }
    }

    func testStopsCleanlyAndRemovesItsTemporaryFolder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kb-serve-\(server.processIdentifier)")
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent("site/index.html").path))
        server.interrupt()
        server.waitUntilExit()
        XCTAssertEqual(server.terminationStatus, 0)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.path))
    }

    func testAPortInUseIsAClearError() throws {
        let second = try KBProcess.run(["serve", "--port", String(port), "--content", content.root.appendingPathComponent("Content").path], in: content.root)
        XCTAssertEqual(second.status, 1)
        XCTAssertTrue(second.stderr.contains("cannot serve on 127.0.0.1:\(port)"), second.stderr)
        XCTAssertTrue(second.stderr.contains("--port"), second.stderr)
    }
}

/// One HTTP/1.1 request over a plain socket, the path sent byte for byte.
enum HTTP {
    struct Response {
        var status: Int
        var headers: [String: String]
        var body: String
    }

    static func connect(port: UInt16) throws -> Int32 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw CocoaError(.fileReadUnknown) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Foundation.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(descriptor)
            throw CocoaError(.fileReadUnknown)
        }
        return descriptor
    }

    static func send(_ text: String, to descriptor: Int32) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Foundation.send(descriptor, $0.baseAddress, $0.count, 0) }
    }

    static func request(_ method: String, _ path: String, port: UInt16, headers: [String: String] = [:]) throws -> Response {
        let descriptor = try connect(port: port)
        defer { close(descriptor) }
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        send(head + "\r\n", to: descriptor)
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            data.append(contentsOf: buffer[0..<count])
        }
        let text = String(decoding: data, as: UTF8.self)
        guard let split = text.range(of: "\r\n\r\n") else { throw CocoaError(.fileReadCorruptFile) }
        let lines = text[..<split.lowerBound].components(separatedBy: "\r\n")
        let status = Int(lines[0].split(separator: " ")[1]) ?? 0
        var fields: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return Response(status: status, headers: fields, body: String(text[split.upperBound...]))
    }
}

/// The live-reload stream of `kb serve`, read as a page reads it.
final class EventStream: @unchecked Sendable {
    private let descriptor: Int32
    private var received = ""
    private var consumed = 0

    init(port: UInt16) throws {
        descriptor = try HTTP.connect(port: port)
        var timeout = timeval(tv_sec: 0, tv_usec: 200_000)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        HTTP.send("GET /__kb/events HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nAccept: text/event-stream\r\n\r\n", to: descriptor)
    }

    /// Waits for the next event line after the last one waited for; returns it and its data.
    @discardableResult
    func waitFor(_ eventLine: String, timeout: TimeInterval = 20) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var buffer = [UInt8](repeating: 0, count: 65536)
        while Date() < deadline {
            let unread = received[received.index(received.startIndex, offsetBy: consumed)...]
            if let found = unread.range(of: eventLine + "\n"), let end = unread[found.upperBound...].range(of: "\n\n") {
                consumed = received.distance(from: received.startIndex, to: end.upperBound)
                return String(unread[found.lowerBound..<end.upperBound])
            }
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count > 0 { received += String(decoding: buffer[0..<count], as: UTF8.self) }
        }
        XCTFail("no '\(eventLine)' within \(timeout) s; the stream had: \(received)")
        throw CocoaError(.fileReadUnknown)
    }

    func close() { Foundation.close(descriptor) }
}

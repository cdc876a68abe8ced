import Foundation
import KBTestSupport
import XCTest

/// `kb search`, `kb update` and the installed index, run as a user runs them.
final class SearchCommandTests: XCTestCase {
    static let provider = """
    ---
    name: Example AI
    kind: api
    aliases: [example]
    endpoints:
      - { label: Main, url: "https://api.example.ai/v1" }
    env: [EXAMPLE_API_KEY]
    key_prefixes: ["ex-"]
    ---
    A provider for tests.

    """

    static func entry(_ title: String, category: String, http: Int, signatures: [String]) -> String {
        """
        ---
        title: "\(title)"
        category: \(category)
        http: [\(http)]
        signatures: [\(signatures.map { "\"\($0)\"" }.joined(separator: ", "))]
        \(Fixture.sourced)
        ---
        What it means.

        ## Causes
        - **A cause.** Text about \(title.lowercased()).

        ## Fixes
        1. Check `EXAMPLE_API_KEY`.
        2. Try again.

        ## FAQ
        ### Why?
        Because.

        """
    }

    /// A knowledge base with two entries and a private cache, so tests never share state.
    func knowledgeBase() throws -> (content: URL, environment: [String: String]) {
        let tree = try TemporaryContent([
            "Content/example/_index.md": Self.provider,
            "Content/example/invalid-key.md": Self.entry("Invalid API key", category: "authentication", http: 401, signatures: ["Invalid API key provided", "invalid_api_key"]),
            "Content/example/rate-limit.md": Self.entry("Rate limit reached", category: "rate-limit", http: 429, signatures: ["Rate limit reached for requests", "rate_limit_exceeded"]),
        ])
        let environment = ["XDG_CACHE_HOME": tree.root.appendingPathComponent("cache").path, "XDG_DATA_HOME": tree.root.appendingPathComponent("data").path]
        return (tree.root.appendingPathComponent("Content"), environment)
    }

    func search(_ arguments: [String], stdin: String? = nil, _ kb: (content: URL, environment: [String: String])) throws -> KBProcess.Output {
        try KBProcess.run(["search", "--content", kb.content.path] + arguments, stdin: stdin, environment: kb.environment)
    }

    func testJSONShapeMatchesTheContract() throws {
        let kb = try knowledgeBase()
        let result = try search(["--json", "openai.AuthenticationError: Error code: 401 - {'error': {'message': 'Invalid API key provided: ex-abc', 'code': 'invalid_api_key'}}"], kb)
        XCTAssertEqual(result.status, 0, result.stderr)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(Array(object.keys), ["results"])
        let first = try XCTUnwrap((object["results"] as? [[String: Any]])?.first)
        XCTAssertEqual(Set(first.keys), ["id", "title", "provider", "category", "http", "score", "matched", "path", "url"])
        XCTAssertEqual(first["id"] as? String, "example/invalid-key")
        XCTAssertEqual(first["title"] as? String, "Invalid API key")
        XCTAssertEqual(first["provider"] as? String, "example")
        XCTAssertEqual(first["category"] as? String, "authentication")
        XCTAssertEqual(first["http"] as? [Int], [401])
        XCTAssertEqual(first["url"] as? String, "example/invalid-key/")
        XCTAssertTrue((first["path"] as? String ?? "").hasSuffix("Content/example/invalid-key.md"))
        let score = try XCTUnwrap(first["score"] as? Double)
        XCTAssertTrue(score > 0.5 && score <= 1, "score \(score)")
        let matched = try XCTUnwrap(first["matched"] as? [String])
        XCTAssertTrue(matched.contains("signature \"Invalid API key provided\""), "\(matched)")
        XCTAssertTrue(matched.contains("HTTP 401"), "\(matched)")
    }

    func testNoMatchIsExitOneWithEmptyResultsInJSON() throws {
        let kb = try knowledgeBase()
        let result = try search(["--json", "error[E0502]: cannot borrow `v` as mutable because it is also borrowed as immutable"], kb)
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: [String]], ["results": []])
    }

    func testStandardInputIsReadWhenPiped() throws {
        let kb = try knowledgeBase()
        let log = """
        2026-11-02T10:00:00Z INFO starting worker 7f3a9c
        2026-11-02T10:00:01Z ERROR POST https://api.example.ai/v1/chat -> 429 Too Many Requests
        {"error": {"message": "Rate limit reached for requests", "type": "requests", "code": "rate_limit_exceeded"}}
        """
        let result = try search([], stdin: log, kb)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.hasPrefix("Rate limit reached"), result.stdout)
        XCTAssertTrue(result.stdout.contains("HTTP 429"))
        XCTAssertFalse(result.stdout.contains("\u{1B}["), "no colour when stdout is not a terminal")
    }

    func testEmptyAndWhitespaceQueriesAreUsageErrors() throws {
        let kb = try knowledgeBase()
        for stdin in ["", "   \n\t  \n"] {
            let result = try search(["-"], stdin: stdin, kb)
            XCTAssertEqual(result.status, 2, "stdin \(stdin.debugDescription)")
            XCTAssertTrue(result.stderr.contains("nothing to search"), result.stderr)
        }
        let blank = try search(["   "], kb)
        XCTAssertEqual(blank.status, 2)
    }

    func testOneCharacterQueryFindsNothingCalmly() throws {
        let kb = try knowledgeBase()
        let result = try search(["x"], kb)
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("no entry matches"), result.stderr)
    }

    func testBinaryAndInvalidUTF8InputNeitherCrashNorLeak() throws {
        let kb = try knowledgeBase()
        var bytes: [UInt8] = (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 37) }
        bytes += Array(" invalid_api_key \u{0}\u{1}".utf8) + [0xFF, 0xFE, 0xC3, 0x28, 0xE2, 0x82]
        let file = TemporaryFolders.make("kb-binary")
        try Data(bytes).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try KBProcess.runWithStdinFile(["search", "--json", "--content", kb.content.path], stdinFile: file, environment: kb.environment)
        XCTAssertTrue([0, 1].contains(result.status), "status \(result.status): \(result.stderr)")
        XCTAssertNotNil(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)), "output must stay valid JSON")
    }

    func testFiftyMegabytesOnStandardInputIsBoundedAndSaysSo() throws {
        let kb = try knowledgeBase()
        let file = TemporaryFolders.make("kb-large")
        defer { try? FileManager.default.removeItem(at: file) }
        let line = Array("2026-11-02T10:00:00Z DEBUG heartbeat ok, queue depth nominal, nothing to report here at all\n".utf8)
        var chunk: [UInt8] = []
        while chunk.count < 1 << 20 { chunk += line }
        FileManager.default.createFile(atPath: file.path, contents: nil)
        let handle = try FileHandle(forWritingTo: file)
        for _ in 0..<50 { handle.write(Data(chunk)) }
        handle.write(Data("openai.RateLimitError: Error code: 429 - {'error': {'message': 'Rate limit reached for requests', 'code': 'rate_limit_exceeded'}}\n".utf8))
        try handle.close()
        let result = try KBProcess.runWithStdinFile(["search", "--content", kb.content.path], stdinFile: file, environment: kb.environment)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stderr.contains("searching the last 1 MB"), result.stderr)
        XCTAssertTrue(result.stdout.hasPrefix("Rate limit reached"), result.stdout)
        XCTAssertLessThan(result.maxResidentKilobytes, 128 * 1024, "memory must stay bounded whatever the input size")
    }

    /// Keys of each provider's shape (made up, never real) in the places pastes carry them. The
    /// part after the public prefix is the secret; none of its bytes may reach kb's output.
    static let secrets: [(name: String, prefix: String, secret: String, context: @Sendable (String) -> String)] = [
        ("OpenAI project key", "sk-proj-", "Q7vN2xLk9RmT4bWc8YdF1sHp6JgA3eZu0KqVn5XoMiBt_Rw7Ye2Tu8Io4Pa6Sd1Fg3Hj5Kl9Zx0Cv-Bn", { "openai.AuthenticationError: Incorrect API key provided: \($0)." }),
        ("Anthropic key", "sk-ant-api03-", "fH3kP9wQ2zL7mN4xR8vT1yB6cJ5dG0sA-eUoWiKqZnVb_xMtLp2Qr5St8Uv1Wx4Yz7Ab0Cd3Ef6Gh9Ij2Kl5Mn8OpAA", { "curl -H 'x-api-key: \($0)' https://api.anthropic.com/v1/messages" }),
        ("Moonshot key", "sk-", "Wm4Tz8Kq2Lp6Yx0Nc3Rv7Bf1Hs5Jd9Ga2Ue6Io8Pk4Qw1Ez3R", { "MOONSHOT_API_KEY=\($0) python agent.py" }),
        ("Google API key", "AIza", "SyD4kQ8wN2mT6vX0zL3pR7bF1hJ5cG9sAe", { "GET https://generativelanguage.googleapis.com/v1beta/models?key=\($0) 400" }),
        ("Azure OpenAI key", "", "9f3c2a7b41d86e05fa9c3b7e2d1f4a6c", { "api-key: \($0)" }),
        ("Azure OpenAI key (84 characters)", "", "7Jk2Lm9Np4Qr8St1Uv6Wx3Yz0Ab5Cd2Ef7Gh4Ij9Kl1Mn6Op3Qr8St0Uv5Wx2Yz7Ab4Cd9Ef1Gh6Ij3KlAAACOGq2w", { "{\"api_key\": \"\($0)\"}" }),
        ("bearer token", "", "tQ5nW8zK2mL4xR7vB1yC3jD6gH9sF0aPe", { "-H \"Authorization: Bearer \($0)\"" }),
        ("JWT", "", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJrYi10ZXN0In0.R2a9Xk4Lm7Np1Qs8Tv3Wy6Zb0Cd5Ef", { "Authorization: Bearer \($0)" }),
    ]

    func testNoByteOfAPastedSecretReachesOutputOrAnyFile() throws {
        let kb = try knowledgeBase()
        let root = kb.content.deletingLastPathComponent()
        var environment = kb.environment
        for (key, folder) in [("HOME", "home"), ("TMPDIR", "tmp")] {
            let url = root.appendingPathComponent(folder)
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            environment[key] = url.path
        }
        let paste = "Error code: 401 - Invalid API key provided (invalid_api_key) at https://api.example.ai/v1\n" + Self.secrets.map { $0.context($0.prefix + $0.secret) }.joined(separator: "\n")
        var outputs: [String] = []
        for arguments in [[], ["--json"], ["--limit", "5", "--json"]] {
            for viaStandardInput in [false, true] {
                let result = try KBProcess.run(["search", "--content", kb.content.path] + arguments + (viaStandardInput ? [] : [paste]),
                                               stdin: viaStandardInput ? paste : nil, environment: environment)
                XCTAssertEqual(result.status, 0, result.stderr)
                XCTAssertTrue(result.stdout.contains("Invalid API key"), "the paste still finds its entry: \(result.stdout)")
                outputs += ["stdout of \(arguments) stdin=\(viaStandardInput)\n" + result.stdout, "stderr of \(arguments) stdin=\(viaStandardInput)\n" + result.stderr]
            }
        }
        // And every file kb left behind: the cache, the home and temporary folders, the content.
        let enumerator = try XCTUnwrap(FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]))
        var files = 0
        for case let url as URL in enumerator where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
            outputs.append(url.path + "\n" + String(decoding: try Data(contentsOf: url), as: UTF8.self))
            files += 1
        }
        XCTAssertGreaterThan(files, 3, "the search left its cached index")
        for (name, _, secret, _) in Self.secrets {
            let bytes = Array(secret.utf8)
            for output in outputs {
                // Any eight bytes in a row of the secret: far below what could be guessed from.
                for start in 0...(bytes.count - 8) {
                    let window = String(decoding: bytes[start..<(start + 8)], as: UTF8.self)
                    if output.contains(window) {
                        XCTFail("\(name): '\(window)' leaked in \(output.prefix { $0 != "\n" })")
                        break
                    }
                }
            }
        }
    }

    func testCorruptTruncatedAndOtherVersionCachesAreRebuilt() throws {
        let kb = try knowledgeBase()
        XCTAssertEqual(try search(["invalid_api_key"], kb).status, 0)
        let cacheFolder = URL(fileURLWithPath: kb.environment["XDG_CACHE_HOME"]!).appendingPathComponent("kb")
        let cache = try XCTUnwrap(try FileManager.default.contentsOfDirectory(at: cacheFolder, includingPropertiesForKeys: nil).first { $0.pathExtension == "kbix" })
        let good = try Data(contentsOf: cache)
        var otherVersion = good
        otherVersion[4] = 99
        var scrambled = good
        for offset in stride(from: 100, to: scrambled.count, by: 7) { scrambled[offset] ^= 0x5A }
        for damaged in [good.prefix(good.count / 2), Data("not an index".utf8), otherVersion, scrambled, Data()] {
            try damaged.write(to: cache)
            let result = try search(["--json", "invalid_api_key"], kb)
            XCTAssertTrue([0, 1].contains(result.status), "crash or error on a damaged cache: \(result.status) \(result.stderr)")
            XCTAssertNotNil(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)))
        }
        // A damaged cache whose header still looks right is caught by the fingerprint or the
        // bounds checks; either way the next search answers correctly.
        let after = try search(["--json", "invalid_api_key"], kb)
        XCTAssertEqual(after.status, 0, after.stderr)
        XCTAssertTrue(after.stdout.contains("example/invalid-key"))
    }

    func testUpdateDownloadsAPublishedIndexOverHTTPAndFromAFileURL() throws {
        let kb = try knowledgeBase()
        let site = kb.content.deletingLastPathComponent().appendingPathComponent("site")
        let build = try KBProcess.run(["build", "--content", kb.content.path, "--templates", KBProcess.packageRoot.appendingPathComponent("Templates").path, "--output", site.path])
        XCTAssertEqual(build.status, 0, build.stderr)
        let elsewhere = kb.content.deletingLastPathComponent().appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)

        let server = try StaticServer(root: site)
        defer { server.stop() }
        let http = try KBProcess.run(["update", "http://127.0.0.1:\(server.port)/"], in: elsewhere, environment: kb.environment)
        XCTAssertEqual(http.status, 0, http.stderr)
        XCTAssertTrue(http.stdout.contains("downloaded the index of 2 entries"), http.stdout)
        let offline = try KBProcess.run(["search", "--json", "rate_limit_exceeded"], in: elsewhere, environment: kb.environment)
        XCTAssertEqual(offline.status, 0, offline.stderr)
        XCTAssertTrue(offline.stdout.contains("example/rate-limit"))

        let missing = try KBProcess.run(["update", "http://127.0.0.1:\(server.port)/no-such-site/"], in: elsewhere, environment: kb.environment)
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("HTTP 404"), missing.stderr)

        try FileManager.default.removeItem(at: URL(fileURLWithPath: kb.environment["XDG_DATA_HOME"]!))
        let file = try KBProcess.run(["update", site.absoluteString], in: elsewhere, environment: kb.environment)
        XCTAssertEqual(file.status, 0, file.stderr)
        XCTAssertEqual(try KBProcess.run(["search", "invalid_api_key"], in: elsewhere, environment: kb.environment).status, 0)

        // A damaged download (a CDN that cut the file, a wrong hash) leaves the previous index.
        let before = try Data(contentsOf: URL(fileURLWithPath: kb.environment["XDG_DATA_HOME"]!).appendingPathComponent("kb/index.kbix"))
        let manifestURL = site.appendingPathComponent("search/manifest.json")
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: manifestURL)) as! [String: Any]
        let published = site.appendingPathComponent("search").appendingPathComponent(manifest["index"] as! String)
        let good = try Data(contentsOf: published)
        try good.prefix(good.count - 10).write(to: published)
        let cut = try KBProcess.run(["update", site.absoluteString], in: elsewhere, environment: kb.environment)
        XCTAssertEqual(cut.status, 1)
        XCTAssertTrue(cut.stderr.contains("damaged") && cut.stderr.contains("the manifest says"), cut.stderr)
        var flipped = good
        flipped[flipped.count / 2] ^= 0xFF
        try flipped.write(to: published)
        let wrongHash = try KBProcess.run(["update", site.absoluteString], in: elsewhere, environment: kb.environment)
        XCTAssertEqual(wrongHash.status, 1)
        XCTAssertTrue(wrongHash.stderr.contains("hashes to"), wrongHash.stderr)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: kb.environment["XDG_DATA_HOME"]!).appendingPathComponent("kb/index.kbix")), before)
        try good.write(to: published)

        // A manifest that points outside the search folder is refused, not followed.
        var hostile = manifest
        hostile["index"] = "../../etc/passwd.kbix"
        try JSONSerialization.data(withJSONObject: hostile).write(to: manifestURL)
        let escaping = try KBProcess.run(["update", site.absoluteString], in: elsewhere, environment: kb.environment)
        XCTAssertEqual(escaping.status, 1)
        XCTAssertTrue(escaping.stderr.contains("not a file under search/"), escaping.stderr)

        let notIndex = kb.content.deletingLastPathComponent().appendingPathComponent("bogus.kbix")
        try Data("hello".utf8).write(to: notIndex)
        let bogus = try KBProcess.run(["update", notIndex.absoluteString], in: elsewhere, environment: kb.environment)
        XCTAssertEqual(bogus.status, 1)
        XCTAssertTrue(bogus.stderr.contains("not a kb search index"), bogus.stderr)
    }

    func testInstalledIndexBesideTheBinaryIsUsedWithoutContent() throws {
        let kb = try knowledgeBase()
        let prefix = kb.content.deletingLastPathComponent().appendingPathComponent("prefix")
        try FileManager.default.createDirectory(at: prefix.appendingPathComponent("bin"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: KBProcess.binary, to: prefix.appendingPathComponent("bin/kb"))
        let index = try KBProcess.run(["index", "--content", kb.content.path, "--output", prefix.appendingPathComponent("share/kb/index.kbix").path], environment: kb.environment)
        XCTAssertEqual(index.status, 0, index.stderr)
        let elsewhere = prefix.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        let result = try KBProcess.run(["search", "--json", "invalid_api_key"], in: elsewhere, environment: kb.environment, binary: prefix.appendingPathComponent("bin/kb"))
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("example/invalid-key"))
    }
}

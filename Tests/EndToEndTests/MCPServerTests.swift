import Foundation
import KBTestSupport
import XCTest

/// `kb mcp` driven by the official Python MCP client (PyPI `mcp`, which `make test-deps`
/// installs), as a coding agent drives it: its answers must be what `kb search --json` and
/// `kb show` print for the same questions, keys masked, and nothing written to disk. Fails,
/// never skips, when the client is missing.
final class MCPServerTests: XCTestCase {
    func testAnAgentGetsWhatKBSearchAndKBShowPrint() throws {
        let python3 = Self.onPath("python3")
        let python = try KBProcess.run(["-c", "import mcp"], binary: python3)
        guard python.status == 0 else {
            return XCTFail("the Python MCP client is missing (python3 -m pip install mcp; make test-deps installs it): \(python.stderr)")
        }
        let tree = try TemporaryContent([
            "Content/example/_index.md": SearchCommandTests.provider,
            "Content/example/invalid-key.md": SearchCommandTests.entry("Invalid API key", category: "authentication", http: 401, signatures: ["Invalid API key provided", "invalid_api_key"]),
            "Content/example/rate-limit.md": SearchCommandTests.entry("Rate limit reached", category: "rate-limit", http: 429, signatures: ["Rate limit reached for requests", "rate_limit_exceeded"]),
        ])
        let content = tree.root.appendingPathComponent("Content")
        let cliCache = ["XDG_CACHE_HOME": tree.root.appendingPathComponent("cli-cache").path]
        let secret = "ex-4f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c"
        let paste = """
        Traceback (most recent call last):
          File "app.py", line 12, in <module>
        example.AuthenticationError: Error code: 401 - {'error': {'message': 'Invalid API key provided: \(secret)', 'code': 'invalid_api_key'}}
        """
        let searched = try KBProcess.run(["search", "--json", "--content", content.path, paste], environment: cliCache)
        XCTAssertEqual(searched.status, 0, searched.stderr)
        let shown = try KBProcess.run(["show", "example/invalid-key", "--content", content.path], environment: cliCache)
        XCTAssertEqual(shown.status, 0, shown.stderr)

        // The server gets a cache folder of its own, which must still not exist at the end.
        let serverCache = tree.root.appendingPathComponent("server-cache")
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_CACHE_HOME"] = serverCache.path
        environment["XDG_DATA_HOME"] = tree.root.appendingPathComponent("server-data").path
        environment.removeValue(forKey: "KB_CONTENT")
        let spec: [String: Any] = [
            "kb": KBProcess.binary.path, "content": content.path, "environment": environment,
            "paste": paste, "secret": secret, "searchJSON": searched.stdout, "bestTitle": "Invalid API key", "firstFix": "EXAMPLE_API_KEY",
            "unrelated": "ModuleNotFoundError: No module named 'numpy'",
            "showID": "example/invalid-key", "showText": shown.stdout,
            "ids": ["example/invalid-key", "example/rate-limit"], "providers": ["example"],
        ]
        let specFile = tree.root.appendingPathComponent("expectations.json")
        try JSONSerialization.data(withJSONObject: spec, options: [.sortedKeys]).write(to: specFile)
        let script = KBProcess.packageRoot.appendingPathComponent("Tests/MCP/check_mcp_server.py")
        let checked = try KBProcess.run([script.path, specFile.path], binary: python3, cpuSeconds: 120)
        XCTAssertEqual(checked.status, 0, "the MCP client's checks failed:\n\(checked.stdout)\n\(checked.stderr)")
        XCTAssertTrue(checked.stdout.contains("0 failure(s)"), checked.stdout)
        XCTAssertFalse(FileManager.default.fileExists(atPath: serverCache.path), "kb mcp wrote a cache")
    }

    /// The program of that name that a shell would run.
    static func onPath(_ name: String) -> URL {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        let found = folders.map { URL(fileURLWithPath: String($0)).appendingPathComponent(name) }.first { FileManager.default.isExecutableFile(atPath: $0.path) }
        return found ?? URL(fileURLWithPath: "/usr/bin/\(name)")
    }

    func testKBMCPWithNoKnowledgeBaseSaysSoAndExits() throws {
        let empty = TemporaryFolders.make("kb-mcp-empty")
        defer { try? FileManager.default.removeItem(at: empty) }
        let result = try KBProcess.run(["mcp", "--content", empty.appendingPathComponent("Content").path], stdin: "",
                                       environment: ["XDG_DATA_HOME": empty.path, "XDG_CACHE_HOME": empty.path])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("error[KB030]"), result.stderr)
        XCTAssertEqual(result.stdout, "", "standard output is the protocol's")
    }
}

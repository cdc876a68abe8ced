import Foundation
import KBTestSupport
import XCTest

/// `kb run -- CMD`: the command's output as it comes, its exit status or signal, and the entry
/// for what it printed when it failed, nothing more when it succeeded.
final class RunCommandTests: XCTestCase {
    var tree: TemporaryContent!
    var content: URL { tree.root.appendingPathComponent("Content") }
    /// A cache folder kb must never create: kb run writes nothing.
    var cache: URL { tree.root.appendingPathComponent("cache") }
    var environment: [String: String] { ["XDG_CACHE_HOME": cache.path, "XDG_DATA_HOME": tree.root.appendingPathComponent("data").path] }

    override func setUpWithError() throws {
        tree = try TemporaryContent([
            "Content/example/_index.md": SearchCommandTests.provider,
            "Content/example/invalid-key.md": SearchCommandTests.entry("Invalid API key", category: "authentication", http: 401, signatures: ["Invalid API key provided", "invalid_api_key"]),
            "Content/example/rate-limit.md": SearchCommandTests.entry("Rate limit reached", category: "rate-limit", http: 429, signatures: ["Rate limit reached for requests", "rate_limit_exceeded"]),
        ])
    }

    func run(_ script: String) throws -> KBProcess.Output {
        try KBProcess.run(["run", "--content", content.path, "--", "sh", "-c", script], environment: environment)
    }

    func testASuccessfulCommandPrintsOnlyItsOwnOutput() throws {
        let result = try run("echo out; echo err >&2; echo Invalid API key provided >&2")
        XCTAssertEqual(result.status, 0)
        XCTAssertEqual(result.stdout, "out\n")
        XCTAssertEqual(result.stderr, "err\nInvalid API key provided\n")
    }

    func testAFailedCommandGetsTheEntryForItsOutputAfterItAndKeepsItsStatus() throws {
        let secret = "ex-9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a"
        let result = try run("echo starting; echo 'HTTP 401: Invalid API key provided: \(secret)' >&2; exit 3")
        XCTAssertEqual(result.status, 3)
        XCTAssertEqual(result.stdout, "starting\n")
        let parts = result.stderr.components(separatedBy: "kb run: sh failed (exit status 3)")
        XCTAssertEqual(parts.count, 2, result.stderr)
        XCTAssertTrue(parts[0].hasPrefix("HTTP 401: Invalid API key provided: \(secret)\n"), "the command's own output comes first, whole")
        XCTAssertTrue(parts[1].contains("Invalid API key") && parts[1].contains("example/invalid-key"), parts[1])
        XCTAssertTrue(parts[1].contains("Fixes") && parts[1].contains("1. Check EXAMPLE_API_KEY"), parts[1])
        XCTAssertFalse(parts[1].contains(secret), "kb's report echoed the key")
        XCTAssertFalse(FileManager.default.fileExists(atPath: cache.path), "kb run wrote a cache")
    }

    func testAFailureNothingMatchesSaysSoInOneLine() throws {
        let result = try run("echo 'segmentation fault in the frobnicator' >&2; exit 1")
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stderr, "segmentation fault in the frobnicator\nkb run: sh failed (exit status 1); nothing in the knowledge base matches its output\n")
    }

    func testACommandThatDiesOfASignalMakesKBDieOfIt() throws {
        let result = try run("echo 'Rate limit reached for requests' >&2; kill -TERM $$")
        XCTAssertEqual(result.status, 128 + SIGTERM, "the shell sees kb die of SIGTERM")
        XCTAssertTrue(result.stderr.contains("signal 15 (SIGTERM)") && result.stderr.contains("example/rate-limit"), result.stderr)
    }

    func testAMissingCommandIsStatus127() throws {
        let result = try KBProcess.run(["run", "--content", content.path, "--", "no-such-command-here"], environment: environment)
        XCTAssertEqual(result.status, 127)
        XCTAssertTrue(result.stderr.contains("no-such-command-here: command not found"), result.stderr)
    }

    func testOnlyTheLastMegabyteIsSearchedAndEverythingPassesThrough() throws {
        // 2 MB of noise, then the error: the error is in the tail kb keeps.
        let noise = "yes 'progress: copying a block of bytes that says nothing' | head -c 2097152"
        let late = try run("\(noise); echo; echo 'Rate limit reached for requests' >&2; exit 1")
        XCTAssertEqual(late.status, 1)
        XCTAssertEqual(late.stdout.utf8.count, 2_097_153, "the whole output passed through")
        XCTAssertTrue(late.stderr.contains("example/rate-limit"), String(late.stderr.prefix(500)))
        // The error first, then 2 MB: it fell out of the tail, so nothing matches.
        let early = try run("echo 'Rate limit reached for requests' >&2; \(noise) >&2; exit 1")
        XCTAssertEqual(early.status, 1)
        XCTAssertFalse(early.stderr.contains("example/rate-limit"))
        XCTAssertTrue(early.stderr.hasSuffix("nothing in the knowledge base matches its output\n"))
    }

    func testSignalsSentToKBReachTheCommand() throws {
        let process = Process()
        process.executableURL = KBProcess.binary
        process.arguments = ["run", "--content", content.path, "--", "sh", "-c", "trap 'echo got-TERM; exit 7' TERM; echo ready; while :; do sleep 0.05; done"]
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let ready = output.fileHandleForReading.availableData
        XCTAssertEqual(String(decoding: ready, as: UTF8.self), "ready\n")
        kill(process.processIdentifier, SIGTERM)
        let rest = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(String(decoding: rest, as: UTF8.self), "got-TERM\n")
        XCTAssertEqual(process.terminationReason, .exit)
        XCTAssertEqual(process.terminationStatus, 7, "kb exits with the command's status")
    }

    func testATerminalStaysATerminal() throws {
        // script(1) gives kb a terminal; the command must see one too. Through files, it must not.
        let command = "\(KBProcess.binary.path) run --content \(content.path) -- sh -c 'test -t 1 && echo out-is-a-terminal; test -t 2 && echo err-is-a-terminal >&2; exit 0'"
        let throughTerminal = try KBProcess.run(["-qec", command, "/dev/null"], environment: environment, binary: MCPServerTests.onPath("script"))
        XCTAssertEqual(throughTerminal.status, 0, throughTerminal.stderr)
        XCTAssertTrue(throughTerminal.stdout.contains("out-is-a-terminal"), throughTerminal.stdout)
        XCTAssertTrue(throughTerminal.stdout.contains("err-is-a-terminal"), throughTerminal.stdout)
        let throughFiles = try run("test -t 1 && echo out-is-a-terminal; exit 0")
        XCTAssertEqual(throughFiles.stdout, "")
    }

    func testNothingToRunIsAUsageError() throws {
        let result = try KBProcess.run(["run", "--content", content.path], environment: environment)
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("nothing to run"), result.stderr)
    }
}

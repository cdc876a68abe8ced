import Foundation
import KBTestSupport
import XCTest

/// The man page `make install` installs is made from the commands as they are, and the shells'
/// completions know every command.
final class ManualAndCompletionTests: XCTestCase {
    static let subcommands = ["search", "show", "run", "mcp", "build", "serve", "init", "update", "new", "check", "explain", "stats", "list", "graph", "index", "eval"]

    func testTheManPageWasMadeFromTheCommandsAsTheyAre() throws {
        let model = try KBProcess.run(["--experimental-dump-help"])
        XCTAssertEqual(model.status, 0, model.stderr)
        let recorded = try String(contentsOf: KBProcess.packageRoot.appendingPathComponent("docs/man/kb.help.json"), encoding: .utf8)
        XCTAssertEqual(model.stdout, recorded, "a command's options or help changed since docs/man/kb.1 was made: run `make docs` and commit docs/man/")
        let page = try String(contentsOf: KBProcess.packageRoot.appendingPathComponent("docs/man/kb.1"), encoding: .utf8)
        XCTAssertTrue(page.contains(".Dt KB 1"), "not a section 1 page")
        for command in Self.subcommands { XCTAssertTrue(page.contains(".It Em \(command)"), "the man page has no \(command)") }
        // man itself renders it (make test-deps installs man-db).
        let rendered = try KBProcess.run(["-l", "docs/man/kb.1"], environment: ["MANPAGER": "cat", "MANWIDTH": "100"], binary: MCPServerTests.onPath("man"))
        XCTAssertEqual(rendered.status, 0, "man -l docs/man/kb.1 failed (is man-db installed?): \(rendered.stderr)")
        XCTAssertTrue(rendered.stdout.contains("KB(1)"), String(rendered.stdout.prefix(400)))
        XCTAssertTrue(rendered.stdout.contains("Serve the knowledge base to coding agents"), "kb mcp's abstract is not on the rendered page")
    }

    func testEachShellsCompletionsKnowEveryCommand() throws {
        for shell in ["bash", "zsh", "fish"] {
            let script = try KBProcess.run(["--generate-completion-script", shell])
            XCTAssertEqual(script.status, 0, script.stderr)
            for command in Self.subcommands { XCTAssertTrue(script.stdout.contains(command), "\(shell) completions lack \(command)") }
        }
        // bash itself reads the bash script without a syntax error.
        let bash = try KBProcess.run(["--generate-completion-script", "bash"])
        let file = TemporaryFolders.make("kb-completion").appendingPathComponent("kb.bash")
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bash.stdout.utf8).write(to: file)
        let checked = try KBProcess.run(["-n", file.path], binary: MCPServerTests.onPath("bash"))
        XCTAssertEqual(checked.status, 0, checked.stderr)
    }
}

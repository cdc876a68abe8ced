import Foundation
import KBTestSupport
import SiteAudit
import XCTest

/// `kb build` on a knowledge base written to hurt it, as a pull request could: markup in every
/// field, a 100 KB title, 10,000 signatures, a `related` cycle, CRLF with a byte-order mark,
/// NUL bytes. The build ends, stays under 1 GB, and every page is valid, audited HTML.
final class HostileBuildTests: XCTestCase {
    static let payload = "<script>alert(1)</script>\\\" onerror=\\\"alert(2)\\\" <img src=x onerror=alert(3)>"

    static func entry(_ keys: String, body: String = "") -> String {
        """
        ---
        \(keys)
        \(Fixture.sourced)
        ---
        \(body)Intro <script>alert(1)</script> [js](javascript:alert(1)) [vb](vbscript:x) [d](data:text/html,x) \u{0}.

        <div onmouseover="alert(1)">raw</div>

        ## Causes
        - **Cause.** <b onclick=alert(1)>x</b>

        ## Fixes
        1. Fix it.

        ## FAQ
        ### Why <script>?
        Because.

        """
    }

    func hostileRepository() throws -> URL {
        let p = Self.payload
        let signatures = (0..<10_000).map { "\"signature \($0) \(p)\"" }.joined(separator: ", ")
        let longTitle = String(repeating: "A title <b>that</b> goes on. ", count: 3_500)
        XCTAssertGreaterThan(longTitle.utf8.count, 100_000)
        return try TemporaryContent([
            "Content/evil/_index.md": """
            ---
            name: "Evil \(p)"
            aliases: ["\(p)"]
            website: "https://evil.example/?q=%3Cscript%3E&x='onmouseover=alert(1)"
            endpoints:
              - { label: "\(p)", url: "https://api.evil.example/v1" }
            env: ["EVIL_KEY\(p)"]
            key_prefixes: ["ev-"]
            ---
            A provider \(p.replacingOccurrences(of: "\\", with: "")) [x](javascript:alert(1)).

            """,
            "Content/evil/every-field.md": Self.entry("title: \"Title \(p)\"\ncategory: authentication\nhttp: [401]\nsignatures: [\"Signature \(p)\"]\nsummary: \"Summary \(p)\"\naliases: [\"Alias \(p)\"]\ntags: [api-key]\nrelated: [evil/cycle-a]"),
            "Content/evil/long-title.md": Self.entry("title: \"\(longTitle)\"\ncategory: billing\nsignatures: [\"long title\"]"),
            "Content/evil/many-signatures.md": Self.entry("title: Many signatures\ncategory: rate-limit\nsignatures: [\(signatures)]"),
            "Content/evil/cycle-a.md": Self.entry("title: Cycle A\ncategory: server\nsignatures: [\"cycle a\"]\nrelated: [evil/cycle-b]"),
            "Content/evil/cycle-b.md": Self.entry("title: Cycle B\ncategory: server\nsignatures: [\"cycle b\"]\nrelated: [evil/cycle-a, evil/every-field]"),
            "Content/evil/crlf.md": "\u{FEFF}" + Self.entry("title: \"CRLF\"\ncategory: timeout\nsignatures: [\"crlf\"]").replacingOccurrences(of: "\n", with: "\r\n"),
            "Content/evil/nul.md": Self.entry("title: \"NUL\\0 title\"\ncategory: config\nsignatures: [\"nul\\0\"]", body: "A NUL \u{0} and a bell \u{7}.\n\n"),
            // The site's own settings are text from the repository too; the title is on every page.
            "kb.yml": "title: \"kb \(p)\"\nrepository: \"https://github.com/example/kb\"\nbranch: \"release/2.0\"\n",
        ]).root
    }

    func testAHostileKnowledgeBaseBuildsQuicklyWithinAGigabyteIntoSafeValidPages() throws {
        let root = try hostileRepository()
        let started = Date()
        let result = try KBProcess.run(
            ["build", "--content", root.appendingPathComponent("Content").path, "--templates", KBProcess.packageRoot.appendingPathComponent("Templates").path,
             "--base-url", "https://example.org/kb/"],
            cpuSeconds: 300)
        let seconds = Date().timeIntervalSince(started)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertLessThan(result.maxResidentKilobytes, 1 << 20, "the build must stay under 1 GB")
        print("hostile build: \(String(format: "%.1f", seconds)) s, \(result.maxResidentKilobytes / 1024) MB peak")

        let site = root.appendingPathComponent("site")
        var pages = 0
        let enumerator = try XCTUnwrap(FileManager.default.enumerator(at: site, includingPropertiesForKeys: nil))
        for case let url as URL in enumerator where url.pathExtension == "html" {
            let bytes = Array(try Data(contentsOf: url))
            XCTAssertNil(markupBreach(in: bytes), url.path)
            pages += 1
        }
        XCTAssertGreaterThan(pages, 10)
        let everyField = try String(contentsOf: site.appendingPathComponent("evil/every-field/index.html"), encoding: .utf8)
        XCTAssertTrue(everyField.contains("Title &lt;script&gt;alert(1)&lt;/script&gt;&quot; onerror=&quot;alert(2)&quot;"), "the title is shown, escaped")
        XCTAssertTrue(everyField.contains("kb &lt;script&gt;alert(1)"), "the site's title from kb.yml is shown, escaped")

        let (status, output) = try HTMLValidator.check(site: site)
        XCTAssertEqual(status, 0, output)
    }

    func testABaseURLThatIsNotAWebAddressIsAUsageError() throws {
        let root = try hostileRepository()
        let result = try KBProcess.run(["build", "--content", root.appendingPathComponent("Content").path, "--base-url", "javascript:alert(1)//"])
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertTrue(result.stderr.contains("--base-url 'javascript:alert(1)//' must be an http:// or https:// address, or a path starting with '/'"), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: root.appendingPathComponent("site").path))
    }

    func testListsNestedTenThousandDeepAreAnErrorAtTheirLineNotAHang() throws {
        let root = try hostileRepository()
        let deep = String(repeating: "- ", count: 5_000) + String(repeating: "> ", count: 5_000) + "item\n\n"
        try Data(Self.entry("title: Deep\ncategory: config\nsignatures: [\"deep\"]", body: deep).utf8).write(to: root.appendingPathComponent("Content/evil/deep.md"))
        let result = try KBProcess.run(["check", root.appendingPathComponent("Content").path], cpuSeconds: 120)
        XCTAssertEqual(result.status, 1, result.stderr)
        // The body's first line (8) holds the nesting; the error is where it passes the limit.
        XCTAssertTrue((result.stdout + result.stderr).contains("Content/evil/deep.md:8:"), result.stdout + result.stderr)
        XCTAssertTrue((result.stdout + result.stderr).contains(": error[KB027]: "), result.stdout + result.stderr)
        XCTAssertLessThan(result.maxResidentKilobytes, 1 << 20)
    }
}

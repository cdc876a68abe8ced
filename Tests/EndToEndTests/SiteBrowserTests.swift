import Foundation
import XCTest
@testable import KBCore
@testable import KBContent
@testable import KBSearch
@testable import KBSite
@testable import KBCommandLine
import KBTestSupport
import KBMarkdown

/// The built site in a real browser (Debian's `chromium`, headless): pages load without console
/// errors, fit a 390 px screen, and the browser's search gives the CLI's results for every paste
/// of the evaluation set. `make test` installs chromium and sets KB_REQUIRE_BROWSER=1, so there
/// a missing browser fails instead of skipping.
final class SiteBrowserTests: XCTestCase {
    nonisolated(unsafe) static var site: URL?

    func chromium() throws -> String {
        for path in ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"] where FileManager.default.isExecutableFile(atPath: path) {
            return path
        }
        if ProcessInfo.processInfo.environment["KB_REQUIRE_BROWSER"] == "1" { XCTFail("chromium is not installed (apt-get install chromium)") }
        throw XCTSkip("chromium is not installed; `make test` installs it")
    }

    /// The repository's own knowledge base, built once for all tests here.
    func builtSite() throws -> URL {
        if let site = Self.site { return site }
        let output = TemporaryFolders.make("kb-browser").appendingPathComponent("site")
        let result = try KBProcess.run(["build", "--content", "Content", "--output", output.path, "--base-url", "https://example.org/kb/"])
        guard result.status == 0 else {
            XCTFail("kb build failed: \(result.stderr)")
            throw XCTSkip("no site to test")
        }
        Self.site = output
        return output
    }

    struct Report: Decodable {
        struct Layout: Decodable {
            var name: String
            var width: Int
            var scrollWidth: Int
            var title: String
        }
        var errors: [String]
        var parity: [[String]]
        var layouts: [Layout]
        var pastedTop: String?
    }

    func testSearchAndPagesInHeadlessChromium() throws {
        let browser = try chromium()
        let site = try builtSite()
        let evaluation = try EvaluationSet.load(from: KBProcess.packageRoot.appendingPathComponent("Evaluation/written"))
        XCTAssertGreaterThan(evaluation.cases.count, 0)
        let entryPage = try XCTUnwrap(evaluation.cases.first { $0.expected != nil }?.expected)
        let multiLine = try XCTUnwrap(evaluation.cases.first { $0.expected != nil && $0.paste.split(separator: "\n").count >= 5 })

        // A harness beside the site, on the same origin: it runs the site's own search.js over
        // every paste, and frames the real pages to measure them.
        let pastes = String(decoding: try JSONEncoder().encode(evaluation.cases.map(\.paste)), as: UTF8.self)
        let harness = """
        <!DOCTYPE html><html><head><meta charset="utf-8"><title>harness</title>
        <script src="assets/search.js"></script></head><body><pre id="report"></pre>
        <script>
        var errors = [];
        window.addEventListener("error", function (e) { errors.push(String(e.message)); });
        var pastes = \(pastes.replacingOccurrences(of: "</", with: "<\\/"));
        function frame(name, url, width) {
          return new Promise(function (resolve) {
            var f = document.createElement("iframe");
            f.style.width = width + "px"; f.style.height = "800px"; f.style.border = "0";
            f.onload = function () {
              setTimeout(function () {
                var d = f.contentDocument;
                f.contentWindow.addEventListener("error", function (e) { errors.push(name + ": " + e.message); });
                var best = d.querySelector("#results li.best");
                resolve({ name: name, width: width, scrollWidth: d.documentElement.scrollWidth, title: d.title, best: best && best.getAttribute("data-id") });
              }, 1500);
            };
            f.src = url;
            document.body.appendChild(f);
          });
        }
        var parity = [];
        kb.engine().then(function (engine) {
          // One paste after the other, as a visitor would, each loading only its own pieces.
          return pastes.reduce(function (done, p) {
            return done.then(function () { return engine.search(p, { limit: 3 }); }).then(function (found) {
              parity.push(found.json.results.map(function (r) { return r.id + " " + r.score.toFixed(2); }));
            });
          }, Promise.resolve());
        }).then(function () {
          return Promise.all([
            frame("home", "index.html", 1280),
            frame("entry-desktop", "\(entryPage)/", 1280),
            frame("entry-390", "\(entryPage)/", 390),
            frame("home-390", "index.html", 390),
            frame("pasted", "index.html#q=" + encodeURIComponent(\(String(decoding: try JSONEncoder().encode(multiLine.paste), as: UTF8.self).replacingOccurrences(of: "</", with: "<\\/"))), 1280)
          ]).then(function (layouts) {
            var pasted = layouts.pop();
            document.getElementById("report").textContent = JSON.stringify({ errors: errors, parity: parity, layouts: layouts, pastedTop: pasted.best });
          });
        }).catch(function (e) { errors.push(String(e)); document.getElementById("report").textContent = JSON.stringify({ errors: errors, parity: [], layouts: [] }); });
        </script></body></html>
        """
        try Data(harness.utf8).write(to: site.appendingPathComponent("harness.html"))
        defer { try? FileManager.default.removeItem(at: site.appendingPathComponent("harness.html")) }

        // Served under a sub-path (/site/), as a project page on a shared host would be.
        let server = try StaticServer(root: site.deletingLastPathComponent())
        defer { server.stop() }
        let (dom, console) = try Self.dumpDOM(browser, url: "http://127.0.0.1:\(server.port)/\(site.lastPathComponent)/harness.html")
        XCTAssertEqual(console, [], "the browser logged to its console")
        let json = try XCTUnwrap(Self.text(of: "report", in: dom), "no report in the harness page:\n\(dom.prefix(2000))")
        let report = try JSONDecoder().decode(Report.self, from: Data(json.utf8))
        XCTAssertEqual(report.errors, [])

        // Same results, same scores, as the terminal for every paste of Evaluation/.
        XCTAssertEqual(report.parity.count, evaluation.cases.count)
        var differences: [String] = []
        for (item, browserResults) in zip(evaluation.cases, report.parity) {
            let cli = try KBProcess.run(["search", "--json", "--content", "Content", "--limit", "3"], stdin: item.paste)
            let json = try JSONSerialization.jsonObject(with: Data(cli.stdout.utf8)) as? [String: Any]
            let results = (json?["results"] as? [[String: Any]] ?? []).map { "\($0["id"] as? String ?? "") \(String(format: "%.2f", $0["score"] as? Double ?? -1))" }
            if results != browserResults { differences.append("\(item.source): cli \(results) browser \(browserResults)") }
        }
        XCTAssertEqual(differences, [], "browser and CLI disagree")

        XCTAssertEqual(report.layouts.map(\.name), ["home", "entry-desktop", "entry-390", "home-390"])
        for layout in report.layouts {
            XCTAssertFalse(layout.title.isEmpty, "\(layout.name) did not load")
            XCTAssertLessThanOrEqual(layout.scrollWidth, layout.width, "\(layout.name) scrolls sideways at \(layout.width) px")
        }
        XCTAssertEqual(report.pastedTop, multiLine.expected, "a pasted multi-line error (\(multiLine.source)) found the wrong entry")
    }

    func testSiteOpenedFromDiskSearchesAndLinks() throws {
        let browser = try chromium()
        let site = try builtSite()
        let evaluation = try EvaluationSet.load(from: KBProcess.packageRoot.appendingPathComponent("Evaluation/written"))
        let item = try XCTUnwrap(evaluation.cases.first { $0.expected != nil })
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-_.")
        let query = item.paste.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
        let (dom, console) = try Self.dumpDOM(browser, url: site.appendingPathComponent("index.html").absoluteString + "#q=" + query)
        XCTAssertEqual(console, [])
        XCTAssertTrue(dom.contains("<li class=\"best\" data-id=\"\(item.expected!)\">"), "top result from disk is not \(item.expected!)")
        XCTAssertTrue(dom.contains("href=\"./\(item.expected!)/index.html\""), "links from disk must name index.html")
        // The best result brings its fix steps and causes with its record, not only a summary.
        XCTAssertTrue(dom.contains("<ol class=\"fixes\"><li>"), "the best result shows no fix steps")
        XCTAssertTrue(dom.contains("<ul class=\"causes\"><li>"), "the best result shows no causes")

        // A connection error may be the provider's outage: the fixes start with its status page, as on
        // the entry's page (entries whose own first step names the page keep theirs instead).
        let connection = "openai.APIConnectionError: Connection error."
        let (timeout, timeoutConsole) = try Self.dumpDOM(browser, url: site.appendingPathComponent("index.html").absoluteString + "#q=" + (connection.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""))
        XCTAssertEqual(timeoutConsole, [])
        XCTAssertTrue(timeout.contains("<li class=\"best\" data-id=\"openai/connection-error\">"), "the connection error found another entry")
        XCTAssertTrue(timeout.contains("<ol class=\"fixes\"><li class=\"status-step\"><strong>Is it them or you?</strong> Check the status page of OpenAI"),
                      "a timeout error's first fix is not the status page")
    }

    // MARK: Helpers

    static func dumpDOM(_ browser: String, url: String) throws -> (dom: String, console: [String]) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: browser)
        let profile = TemporaryFolders.make("kb-chromium")
        defer { try? FileManager.default.removeItem(at: profile) }
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=\(profile.path)",
                             "--enable-logging=stderr", "--v=0", "--virtual-time-budget=30000", "--window-size=1400,1000", "--dump-dom", url]
        let out = profile.appendingPathExtension("out"), err = profile.appendingPathExtension("err")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: out); try? FileManager.default.removeItem(at: err) }
        let outHandle = try FileHandle(forWritingTo: out), errHandle = try FileHandle(forWritingTo: err)
        process.standardOutput = outHandle
        process.standardError = errHandle
        try process.run()
        process.waitUntilExit()
        try outHandle.close(); try errHandle.close()
        let stderr = String(decoding: try Data(contentsOf: err), as: UTF8.self)
        let console = stderr.split(separator: "\n").filter { $0.contains(":CONSOLE") }.map(String.init)
        return (String(decoding: try Data(contentsOf: out), as: UTF8.self), console)
    }

    static func text(of id: String, in dom: String) -> String? {
        guard let start = dom.range(of: "<pre id=\"\(id)\">"), let end = dom.range(of: "</pre>", range: start.upperBound..<dom.endIndex) else { return nil }
        return String(dom[start.upperBound..<end.lowerBound])
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
    }
}

/// A static file server on 127.0.0.1 for browser tests (Python's, as any host would serve files).
final class StaticServer {
    let process = Process()
    let port: Int

    init(root: URL) throws {
        let portFile = TemporaryFolders.make("kb-port")
        defer { try? FileManager.default.removeItem(at: portFile) }
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        // Bind to port 0, report the port the kernel chose, then serve.
        process.arguments = ["python3", "-c", """
        import functools, http.server, sys
        class Quiet(http.server.SimpleHTTPRequestHandler):
            def log_message(self, *args):
                pass
        handler = functools.partial(Quiet, directory=sys.argv[1])
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        open(sys.argv[2], "w").write(str(server.server_address[1]))
        server.serve_forever()
        """, root.path, portFile.path]
        try process.run()
        var port = 0
        for _ in 0..<100 {
            if let text = try? String(contentsOf: portFile, encoding: .utf8), let value = Int(text) { port = value; break }
            usleep(50_000)
        }
        guard port > 0 else { process.terminate(); throw CocoaError(.fileReadUnknown) }
        self.port = port
    }

    func stop() {
        process.terminate()
        process.waitUntilExit()
    }
}

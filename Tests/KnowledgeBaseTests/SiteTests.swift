import Foundation
import XCTest
@testable import KBCore
@testable import KBContent
@testable import KBSearch
@testable import KBSite
@testable import KBCommandLine
import KBTestSupport
import KBMarkdown

/// The site as files in memory and on disk: pages, links, escaping, atomicity, determinism.
final class SiteTests: XCTestCase {
    static let templates = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Templates")

    func loadTemplates() throws -> TemplateSet {
        let (templates, diagnostics) = TemplateSet.load(from: Self.templates, displayRoot: "Templates")
        XCTAssertEqual(diagnostics, [])
        return try XCTUnwrap(templates)
    }

    func build(_ fixture: Fixture, baseURL: String = "https://example.org/kb/") throws -> RenderedSite {
        let loaded = fixture.load()
        XCTAssertFalse(loaded.diagnostics.hasErrors, loaded.rendered)
        return SiteSession.renderInMemory(loaded.graph, templates: try loadTemplates(), options: SiteOptions(baseURL: baseURL))
    }

    func page(_ build: RenderedSite, _ path: String) throws -> String {
        String(decoding: try XCTUnwrap(build.files[path], "no \(path) among \(build.files.keys.sorted())"), as: UTF8.self)
    }

    func twoEntryFixture(secondBody: String? = nil) throws -> Fixture {
        try Fixture([
            "example/_index.md": Fixture.provider,
            "example/invalid-key.md": Fixture.entry(frontMatter: """
            title: "Invalid API key"
            category: authentication
            http: [401]
            signatures: ["Invalid API key"]
            related: [example/rate-limit]
            tags: [api-key]
            updated: 2026-03-01
            """),
            "example/rate-limit.md": Fixture.entry(frontMatter: """
            title: "Rate limit reached"
            category: rate-limit
            http: [429]
            signatures: ["rate_limit_exceeded"]
            updated: 2026-04-02
            """, body: secondBody),
        ])
    }

    func testEveryKindOfPageIsWrittenAtItsPrettyURL() throws {
        let site = try build(try twoEntryFixture())
        for path in ["index.html", "example/index.html", "example/invalid-key/index.html", "example/rate-limit/index.html",
                     "category/authentication/index.html", "category/rate-limit/index.html", "http/401/index.html", "http/429/index.html",
                     "tags/api-key/index.html", "404.html", "sitemap.xml", "feed.xml", "robots.txt", "search/manifest.json", "search/manifest.js",
                     "assets/style.css", "assets/search.js"] {
            XCTAssertNotNil(site.files[path], path)
        }
        // The manifest names one generation folder, which holds the index cut into pieces.
        let manifest = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(XCTUnwrap(site.files["search/manifest.json"]))) as? [String: Any])
        let generation = try XCTUnwrap(manifest["generation"] as? String)
        for piece in ["core.js", "index.kbix"] { XCTAssertNotNil(site.files["search/\(generation)/\(piece)"], piece) }
        XCTAssertTrue(site.files.keys.contains { $0.hasPrefix("search/\(generation)/t/") }, "no term shard")
        XCTAssertTrue(site.files.keys.contains { $0.hasPrefix("search/r/") }, "no records")
        XCTAssertEqual(site.diagnostics, [])
    }

    func testEntryPageShowsSectionsRelatedAndReferencedByWithRelativeLinks() throws {
        let site = try build(try twoEntryFixture())
        let entry = try page(site, "example/invalid-key/index.html")
        XCTAssertTrue(entry.contains("<h1>Invalid API key</h1>"))
        XCTAssertTrue(entry.contains("<code>Invalid API key</code>"))
        XCTAssertTrue(entry.contains("<section id=\"causes\""))
        XCTAssertTrue(entry.contains("<ol class=\"fixes\">"))
        XCTAssertTrue(entry.contains("<h3 id=\"why-does-a-new-key-fail\">Why does a new key fail?</h3>"))
        XCTAssertTrue(entry.contains("href=\"../../example/rate-limit/\">Rate limit reached</a>"), "related link")
        XCTAssertTrue(entry.contains("href=\"../../assets/style.css\""))
        XCTAssertTrue(entry.contains("<time datetime=\"2026-03-01\">"))
        XCTAssertTrue(entry.contains("<li><a href=\"../../example/\">Example AI</a></li><li><span aria-current=\"page\">Invalid API key</span></li>"), "breadcrumbs name the provider and the entry")
        let home = try page(site, "index.html")
        XCTAssertTrue(home.contains("<a href=\"./example/\">Example AI</a> <span class=\"meta\">2 entries</span>"), "the home page lists providers by name")
        XCTAssertTrue(home.contains(">Authentication</a> <span class=\"meta\">1 entry</span>"))
        let other = try page(site, "example/rate-limit/index.html")
        XCTAssertTrue(other.contains("Referenced by"))
        XCTAssertTrue(other.contains("href=\"../../example/invalid-key/\""))
    }

    func testEntryPageCarriesTechArticleFAQPageAndBreadcrumbs() throws {
        let site = try build(try twoEntryFixture())
        let entry = try page(site, "example/invalid-key/index.html")
        let blocks = entry.components(separatedBy: "<script type=\"application/ld+json\">").dropFirst().map { $0.components(separatedBy: "</script>")[0] }
        let objects = try blocks.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:] }
        XCTAssertEqual(objects.map { $0["@type"] as? String }, ["TechArticle", "FAQPage", "BreadcrumbList"])
        XCTAssertEqual(objects[0]["headline"] as? String, "Invalid API key")
        XCTAssertEqual(objects[0]["dateModified"] as? String, "2026-03-01")
        let questions = try XCTUnwrap(objects[1]["mainEntity"] as? [[String: Any]])
        XCTAssertEqual(questions.first?["name"] as? String, "Why does a new key fail?")
        XCTAssertEqual((objects[2]["itemListElement"] as? [Any])?.count, 3)
    }

    func testHostileTextIsEscapedEverywhere() throws {
        let fixture = try Fixture([
            "example/_index.md": Fixture.provider,
            "example/hostile.md": Fixture.entry(frontMatter: """
            title: "<script>alert(1)</script> \\" onerror=alert(2)"
            category: authentication
            signatures: ["<img src=x onerror=alert(3)>", "</script><script>alert(4)</script>"]
            """, body: """
            Text <script>alert(5)</script> and [a link](javascript:alert(6)).

            <div onmouseover="alert(7)">raw block</div>

            ## Causes
            - **Cause.** <b onclick=alert(8)>x</b>

            ## Fixes
            1. Step [data](data:text/html,<script>alert(9)</script>) and [vb](vbscript:msgbox).

            ## FAQ
            ### Is <script> escaped?
            Yes.

            """),
        ])
        let site = try build(fixture)
        let html = try page(site, "example/hostile/index.html")
        XCTAssertFalse(html.contains("<script>alert"), "script tags must be escaped")
        XCTAssertFalse(html.contains("</script><script>"))
        XCTAssertFalse(html.contains("<img"), "an img tag from front-matter must be text")
        XCTAssertFalse(html.contains("<div onmouseover"))
        XCTAssertFalse(html.contains("<b onclick"))
        XCTAssertFalse(html.lowercased().contains("href=\"javascript:"))
        XCTAssertFalse(html.lowercased().contains("href=\"vbscript:"))
        XCTAssertFalse(html.lowercased().contains("href=\"data:"))
        XCTAssertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        let feed = try page(site, "feed.xml")
        XCTAssertTrue(feed.contains("&lt;script&gt;alert(1)"))
    }

    func testLinksToEntriesAreCheckedAndRewrittenToPrettyURLs() throws {
        let fixture = try twoEntryFixture(secondBody: """
        See [the key entry](invalid-key.md#fixes), [its FAQ](./invalid-key.md#why-does-a-new-key-fail) and [our fixes](#fixes).

        ## Causes
        - Too many requests.

        ## Fixes
        1. Wait.

        ## FAQ
        ### Why?
        Because.

        """)
        let site = try build(fixture)
        XCTAssertEqual(site.diagnostics, [])
        let html = try page(site, "example/rate-limit/index.html")
        XCTAssertTrue(html.contains("href=\"../../example/invalid-key/#fixes\""), html)
        XCTAssertTrue(html.contains("href=\"../../example/invalid-key/#why-does-a-new-key-fail\""))
        XCTAssertTrue(html.contains("href=\"#fixes\""))
    }

    func testBrokenLinksAreDiagnosticsAtTheirLine() throws {
        let fixture = try twoEntryFixture(secondBody: """
        First paragraph.

        See [missing](invalid-keys.md) and [no anchor](invalid-key.md#fixs).

        ## Causes
        - Too many [here](#nowhere).

        ## Fixes
        1. Wait.

        ## FAQ
        ### Why?
        Because.

        """)
        let site = try build(fixture)
        let errors = site.diagnostics.filter { $0.severity == .error }
        XCTAssertEqual(errors.map(\.code), [.brokenLink, .brokenLink, .brokenLink], errors.map(\.formatted).joined(separator: "\n"))
        XCTAssertEqual(errors.map(\.path), Array(repeating: "Content/example/rate-limit.md", count: 3))
        XCTAssertEqual(errors.map(\.position), [SourcePosition(line: 12, column: 5), SourcePosition(line: 12, column: 36), SourcePosition(line: 15, column: 12)])
        // A missing entry and a missing section of another entry name it, so a review of a change
        // to that entry keeps them; a missing anchor of the entry itself names none.
        XCTAssertEqual(errors.map(\.mentionedEntry), [EntryID("example/invalid-keys"), EntryID("example/invalid-key"), nil])
    }

    func testPagesAreFolderIndexesAndDoNotDependOnBuildOrder() throws {
        let fixture = try twoEntryFixture()
        let first = try build(fixture), second = try build(fixture)
        XCTAssertEqual(first.files, second.files)
    }

    /// The file system may list files in any order; whatever order the loader is handed the
    /// shipped knowledge base in, the site is the same bytes.
    func testSiteBytesDoNotDependOnTheOrderFilesAreListedIn() throws {
        let content = Self.templates.deletingLastPathComponent().appendingPathComponent("Content")
        var diagnostics: [Diagnostic] = []
        let files = ContentFiles.discover(in: content, displayRoot: "Content", diagnostics: &diagnostics)
        XCTAssertEqual(diagnostics, [])
        XCTAssertGreaterThan(files.count, 50)
        let pipeline = ContentPipeline(workspace: Workspace(contentDirectory: content, displayRoot: "Content"), dates: GitDates())
        let templates = try loadTemplates()
        let categories = SiteConfiguration.default.categories.map(\.id)
        func site(_ order: [Int]) -> [String: [UInt8]] {
            let listed = order.map { files[$0] }
            let result = pipeline.assemble(files: listed, parsed: listed.map { ContentPipeline.parse($0, categories: categories) }, diagnostics: [], configuration: .default)
            XCTAssertFalse(result.diagnostics.hasErrors)
            return SiteSession.renderInMemory(result.graph, templates: templates, options: SiteOptions(baseURL: "https://example.org/kb/")).files
        }
        // A fixed shuffle (a linear congruential walk), so a failure can be replayed.
        var state: UInt64 = 0x9E3779B97F4A7C15
        var shuffled = Array(files.indices)
        for index in shuffled.indices.reversed() where index > 0 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            shuffled.swapAt(index, Int(state >> 33) % (index + 1))
        }
        let sorted = site(Array(files.indices)), reversed = site(files.indices.reversed()), random = site(shuffled)
        XCTAssertGreaterThan(sorted.count, 100)
        XCTAssertEqual(sorted.keys.sorted(), reversed.keys.sorted())
        XCTAssertEqual(sorted.keys.sorted(), random.keys.sorted())
        for (path, bytes) in sorted where reversed[path] != bytes || random[path] != bytes {
            XCTFail("\(path) depends on the order files are listed in")
        }
    }

    func testProviderNamedLikeASiteFolderIsRefused() throws {
        let fixture = try Fixture(["assets/_index.md": Fixture.provider, "assets/key.md": Fixture.entry()])
        let loaded = fixture.load()
        let site = SiteSession.renderInMemory(loaded.graph, templates: try loadTemplates(), options: SiteOptions(baseURL: "https://example.org/"))
        XCTAssertEqual(site.diagnostics.with(.reservedProviderID).map(\.path), ["Content/assets/_index.md"])
    }

    func testAssetsStayUnderTheirSizeBudget() throws {
        let site = try build(try twoEntryFixture())
        let total = try XCTUnwrap(site.files["assets/style.css"]).count + XCTUnwrap(site.files["assets/search.js"]).count
        // search.js holds the whole ranker (the port of KBSearch) since the data moved into the
        // index's pieces: 58 KB, 16 KB gzipped, fetched once and cached on every page.
        XCTAssertLessThan(total, 72_000, "CSS and JS together must stay under 72 KB")
    }

    func testNoPageRequestsAnotherHost() throws {
        let site = try build(try twoEntryFixture())
        for (path, bytes) in site.files where path.hasSuffix(".html") {
            let html = String(decoding: bytes, as: UTF8.self)
            for attribute in ["src=\"http", "src=\"//", "href=\"//"] {
                XCTAssertFalse(html.contains(attribute), "\(path) loads from another host (\(attribute))")
            }
            XCTAssertFalse(html.contains("<link rel=\"stylesheet\" href=\"http"), path)
        }
    }

    // MARK: Writing

    func testWriterSwapsTheNewSiteInAndRemovesStaleFiles() throws {
        let output = TemporaryFolders.make("kb-site").appendingPathComponent("site")
        try SiteWriter.write(["index.html": Array("one".utf8), "old/index.html": Array("old".utf8), "search/index.kbix": [1]], to: output)
        try SiteWriter.write(["index.html": Array("two".utf8), "search/index.kbix": [2]], to: output)
        XCTAssertEqual(try String(contentsOf: output.appendingPathComponent("index.html"), encoding: .utf8), "two")
        XCTAssertFalse(FileManager.default.fileExists(atPath: output.appendingPathComponent("old").path))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: output.deletingLastPathComponent().path)
        XCTAssertEqual(leftovers, ["site"], "no staging or previous folder may remain")
    }

    func testWriterRefusesPathsThatLeaveTheOutput() throws {
        let output = TemporaryFolders.make("kb-site").appendingPathComponent("site")
        for path in ["../escape.html", "/etc/passwd", "a/../../b", "", "a//b"] {
            XCTAssertThrowsError(try SiteWriter.write([path: [1]], to: output), path)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: output.path))
    }

    func testWriterWillNotReplaceAFolderKbDidNotBuild() throws {
        let output = TemporaryFolders.make("kb-site")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        try Data("precious".utf8).write(to: output.appendingPathComponent("notes.txt"))
        XCTAssertThrowsError(try SiteWriter.write(["index.html": [1], "search/index.kbix": [1]], to: output))
        XCTAssertEqual(try String(contentsOf: output.appendingPathComponent("notes.txt"), encoding: .utf8), "precious")
    }

    func testFailedBuildLeavesThePreviousSiteUntouched() throws {
        let fixture = try twoEntryFixture()
        try FileManager.default.createDirectory(at: fixture.root.appendingPathComponent("Templates"), withIntermediateDirectories: true)
        let output = fixture.root.appendingPathComponent("site")
        func build() -> SiteSession.Update {
            var session = SiteSession(content: ContentPipeline(workspace: fixture.workspace), templatesDirectory: Self.templates,
                                      templatesDisplayPath: "Templates", output: output, options: SiteOptions(baseURL: "https://example.org/"))
            return session.refresh()
        }
        XCTAssertEqual(build().outcome, .rebuilt)
        let before = try snapshot(output)
        try fixture.write("example/rate-limit.md", Fixture.entry(frontMatter: "title: \"Broken\"\ncategory: nonsense\nsignatures: [x]"))
        let failed = build()
        XCTAssertEqual(failed.outcome, .failed)
        // The broken entry does not parse, so the link to it from the other breaks too.
        XCTAssertEqual(Set(failed.diagnostics.filter { $0.severity == .error }.map(\.code)), [.unknownCategory, .unknownRelated])
        XCTAssertEqual(try snapshot(output), before)
    }

    func snapshot(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])!
        for case let url as URL in enumerator where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
            files[String(url.path.dropFirst(folder.path.count))] = try Data(contentsOf: url)
        }
        return files
    }
}

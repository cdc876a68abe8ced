import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import KBMarkdown
import SiteAudit
import Testing
@testable import KBCore
@testable import KBContent
@testable import KBSearch
@testable import KBSite
@testable import KBCommandLine
import KBTestSupport
import KBMarkdown

/// Content from a pull request is not trusted: whatever an entry or a provider says, the site's
/// pages hold only the markup the templates and cmark's safe renderer write (SiteAudit, the
/// same rules the fuzzers judge by), and what cannot be shown safely is refused with a diagnostic.
@Suite struct HostileContentTests {
    static let templates = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Templates")

    /// Markup that would run or mislead if it reached a page unescaped.
    static let payloads = [
        "<script>alert(1)</script>",
        "\" onerror=\"alert(2)",
        "' onmouseover='alert(3)",
        "<img src=x onerror=alert(4)>",
        "</script><script>alert(5)</script>",
        "]]></title><svg onload=alert(6)>",
        "{{site.title}} {{{descriptionHTML}}}",
    ]

    static let hostileProvider = """
    ---
    name: "Evil <script>alert(1)</script> \\" onerror=\\"x"
    kind: api
    aliases: ["<img src=x onerror=alert(1)>", "evil"]
    website: "https://evil.example/?q=%3Cscript%3E&x='onmouseover=alert(1)"
    endpoints:
      - { label: "<b onclick=alert(1)>Main</b>", url: "https://api.evil.example/v1?x=<script>" }
    env: ["EVIL_KEY<script>"]
    key_prefixes: ["ev-"]
    ---
    A provider <script>alert(1)</script> with [a link](javascript:alert(1)) and <iframe src="https://x"></iframe>.

    """

    /// One entry with `payload` in every front-matter field that takes text, and in the Markdown.
    static func hostileEntry(_ payload: String, related: String = "evil/plain") -> String {
        let quoted = payload.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return """
        ---
        title: "Title \(quoted)"
        category: authentication
        http: [401]
        signatures: ["Signature \(quoted)", "plain signature"]
        related: [\(related)]
        tags: [api-key]
        summary: "Summary \(quoted)"
        aliases: ["Alias \(quoted)"]
        sources: ["https://docs.example.ai/errors?q=\(quoted.filter { $0.isLetter || $0.isNumber })"]
        verified: \(Day.today)
        ---
        Intro \(payload) with [js](javascript:alert(1)) [JS](JaVaScRiPt:alert(1)) [spaced]( javascript:alert(1)) \
        [vb](vbscript:msgbox(1)) [data](data:text/html;base64,PHNjcmlwdD4=) [file](file:///etc/passwd) \
        ![img](javascript:alert(1)) ![svg](data:image/svg+xml;base64,PHN2Zz4=) <javascript:alert(1)>

        <div onmouseover="alert(1)">a raw HTML block \(payload)</div>

        <script>alert(1)</script>

        <!-- \(payload) -->

        ## Causes
        - **Cause \(payload).** <b onclick=alert(1)>inline</b> `code \(payload)`

        ## Fixes
        1. Fix [\(payload)](https://example.com/"onmouseover="alert(1)) and <a href="javascript:alert(1)">raw</a>.

        ```html
        \(payload)
        ```

        ## FAQ
        ### Question \(payload)?
        Answer \(payload).

        """
    }

    static func build(_ files: [String: String], baseURL: String = "https://example.org/kb/") throws -> (RenderedSite, LoadResult) {
        let loaded = try Fixture(files).load()
        let (templates, templateDiagnostics) = TemplateSet.load(from: Self.templates, displayRoot: "Templates")
        #expect(templateDiagnostics.isEmpty)
        let build = SiteSession.renderInMemory(loaded.graph, templates: try #require(templates), options: .init(baseURL: baseURL))
        return (build, loaded)
    }

    /// Every page passes the audit, and the feed and sitemap stay well-formed XML.
    static func expectSafe(_ build: RenderedSite, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(build.files.count > 10, sourceLocation: sourceLocation)
        for (path, bytes) in build.files.sorted(by: { $0.key < $1.key }) {
            if path.hasSuffix(".html") {
                #expect(markupBreach(in: bytes) == nil, "\(path): \(markupBreach(in: bytes) ?? "")", sourceLocation: sourceLocation)
            } else if path.hasSuffix(".xml") {
                let parser = XMLParser(data: Data(bytes))
                #expect(parser.parse(), "\(path) is not well-formed XML: \(String(describing: parser.parserError))", sourceLocation: sourceLocation)
            }
        }
    }

    @Test(arguments: payloads)
    func markupInEveryFieldIsShownAsText(payload: String) throws {
        let (build, loaded) = try Self.build([
            "evil/_index.md": Self.hostileProvider,
            "evil/hostile.md": Self.hostileEntry(payload),
            "evil/plain.md": Fixture.entry(frontMatter: "title: Plain\ncategory: billing\nsignatures: [\"plain\"]"),
        ])
        #expect(!loaded.diagnostics.hasErrors, "\(loaded.rendered)")
        Self.expectSafe(build)
        let page = String(decoding: try #require(build.files["evil/hostile/index.html"]), as: UTF8.self)
        // The payload is there, as text: escaped, not dropped.
        #expect(page.contains("Title " + escaped(payload)))
        #expect(page.contains("Summary " + escaped(payload)))
        #expect(page.contains("Signature " + escaped(payload)))
    }

    func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "'", with: "&#39;")
    }

    @Test func dangerousLinkSchemesLoseTheirAddress() throws {
        let (build, _) = try Self.build([
            "evil/_index.md": Fixture.provider.replacingOccurrences(of: "name: Example AI", with: "name: Evil"),
            "evil/hostile.md": Self.hostileEntry("x"),
            "evil/plain.md": Fixture.entry(frontMatter: "title: Plain\ncategory: billing\nsignatures: [\"plain\"]"),
        ])
        let page = String(decoding: try #require(build.files["evil/hostile/index.html"]), as: UTF8.self).lowercased()
        for scheme in ["javascript:", "vbscript:", "data:text", "file:"] {
            #expect(!page.contains("href=\"\(scheme)") && !page.contains("src=\"\(scheme)"), "\(scheme) reached a link")
        }
        #expect(page.contains("<!-- raw html omitted -->"), "raw HTML is dropped, visibly to the author")
    }

    @Test(arguments: ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "//evil.example", "ftp://example.org", "https://evil.example/<script>", "https://evil.example/a b"])
    func providerWebsiteMustBeAWebAddress(website: String) throws {
        let provider = Fixture.provider.replacingOccurrences(of: "kind: api", with: "kind: api\nwebsite: \"\(website)\"")
        let loaded = try Fixture(["example/_index.md": provider, "example/x.md": Fixture.entry()]).load()
        let errors = loaded.diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.code) == [.invalidAddress])
        // The column is the value's, after `website: `, and the range covers it with its quotes.
        #expect(errors.first?.range == SourceRange(start: SourcePosition(line: 4, column: 10), end: SourcePosition(line: 4, column: 10 + website.utf8.count + 2)))
    }

    @Test(arguments: ["../../../etc", "a/b", ".hidden", "<script>", "API Key", String(repeating: "x", count: 65)])
    func tagThatCannotBeAFolderIsRefused(tag: String) throws {
        let loaded = try Fixture([
            "example/_index.md": Fixture.provider,
            "example/x.md": Fixture.entry(frontMatter: "title: X\ncategory: billing\nsignatures: [\"x\"]\ntags: [ok, \"\(tag)\"]"),
        ]).load()
        let errors = loaded.diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.code) == [.invalidTag], "\(errors.map(\.formatted))")
        #expect(errors.first?.position == SourcePosition(line: 5, column: 12))
        // The fix-it replaces the quoted tag with a spelling that can be a folder.
        let fixIt = try #require(errors.first?.fixIt)
        #expect(fixIt.range.end.column == 12 + tag.utf8.count + 2)
        #expect(Tag.isValid(fixIt.replacement))
    }

    @Test func tagsThatDifferOnlyInCaseAreRefused() throws {
        let loaded = try Fixture([
            "example/_index.md": Fixture.provider,
            "example/a.md": Fixture.entry(frontMatter: "title: A\ncategory: billing\nsignatures: [\"a\"]\ntags: [Keys]"),
            "example/b.md": Fixture.entry(frontMatter: "title: B\ncategory: billing\nsignatures: [\"b\"]\ntags: [quota, keys]"),
        ]).load()
        let errors = loaded.diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.code) == [.tagCaseCollision])
        #expect(errors.map(\.path) == ["Content/example/b.md"])
        #expect(errors.first?.fixIt == Diagnostic.FixIt(range: SourceRange(start: SourcePosition(line: 5, column: 15), end: SourcePosition(line: 5, column: 19)), replacement: "Keys"))
    }

    @Test func hundredKilobyteTitleTenThousandSignaturesAndARelatedCycleBuild() throws {
        let title = String(repeating: "<b>A very long title</b> ", count: 4_100)
        let signatures = (0..<10_000).map { "\"signature number \($0) <script>\"" }.joined(separator: ", ")
        let (build, loaded) = try Self.build([
            "example/_index.md": Fixture.provider,
            "example/a.md": Fixture.entry(frontMatter: "title: \"\(title)\"\ncategory: billing\nsignatures: [\(signatures)]\nrelated: [example/b]"),
            "example/b.md": Fixture.entry(frontMatter: "title: B\ncategory: billing\nsignatures: [\"b\"]\nrelated: [example/a]"),
        ])
        #expect(title.utf8.count > 100_000)
        #expect(!loaded.diagnostics.hasErrors, "\(loaded.rendered)")
        #expect(loaded.graph.entry(EntryID("example/a")!)?.signatures.count == 10_000)
        Self.expectSafe(build)
        // The cycle is two links, one each way, not a walk that never ends.
        let b = String(decoding: try #require(build.files["example/b/index.html"]), as: UTF8.self)
        let a = String(decoding: try #require(build.files["example/a/index.html"]), as: UTF8.self)
        #expect(b.contains("href=\"../../example/a/\""))
        #expect(a.contains("href=\"../../example/b/\""))
    }

    @Test func crlfLineEndsAByteOrderMarkAndNULBytesBuild() throws {
        let crlf = "\u{FEFF}" + Fixture.entry(frontMatter: "title: \"CRLF <i>entry</i>\"\ncategory: billing\nsignatures: [\"crlf\"]")
            .replacingOccurrences(of: "\n", with: "\r\n")
        let nul = Fixture.entry(frontMatter: "title: \"NUL\\0 in a title\"\ncategory: billing\nsignatures: [\"nul\\0byte\"]", body: "Before\u{0}after <script>\u{1}</script>\u{7F}.\n\n" + Fixture.standardBody)
        let (build, loaded) = try Self.build([
            "example/_index.md": Fixture.provider,
            "example/crlf.md": crlf,
            "example/nul.md": nul,
        ])
        #expect(!loaded.diagnostics.hasErrors, "\(loaded.rendered)")
        Self.expectSafe(build)
        let crlfPage = String(decoding: try #require(build.files["example/crlf/index.html"]), as: UTF8.self)
        #expect(crlfPage.contains("<h1>CRLF &lt;i&gt;entry&lt;/i&gt;</h1>"))
        #expect(!crlfPage.contains("\u{FEFF}"))
        for (path, bytes) in build.files where !path.hasSuffix(".kbix") {
            #expect(!bytes.contains { ($0 < 0x20 && $0 != 0x09 && $0 != 0x0A) || $0 == 0x7F }, "\(path) holds a control character")
        }
    }

    @Test func listsNestedTenThousandDeepAreADiagnosticNotACrash() throws {
        // Written the short way (`- - - item`): indenting 10,000 levels would pass the 1 MB limit.
        let deep = String(repeating: "- ", count: 5_000) + String(repeating: "1. ", count: 5_000) + "item"
        let loaded = try Fixture([
            "example/_index.md": Fixture.provider,
            "example/deep.md": Fixture.entry(body: "Intro.\n\n\(deep)\n\n" + Fixture.standardBody),
        ]).load()
        let errors = loaded.diagnostics.filter { $0.severity == .error }
        #expect(errors.count == 1)
        #expect(errors.first?.message.contains("nested more than \(MarkdownParser.maximumDepth) levels deep") == true, "\(loaded.rendered)")
    }
}

/// The audit itself: a judge that passed everything would make the tests above worthless.
@Suite struct SiteAuditTests {
    @Test(arguments: [
        "<p>x</p><script>alert(1)</script>",
        "<p onclick=\"alert(1)\">x</p>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\" JaVaScRiPt:alert(1)\">x</a>",
        "<img src=\"data:image/svg+xml;base64,PHN2Zz4=\">",
        "<a href=\"vbscript:msgbox\">x</a>",
        "<iframe src=\"https://example.com\"></iframe>",
        "<p class=x>unquoted</p>",
        "<script type=\"application/ld+json\">{\"a\":\"</script><script>\"}</script>",
        "<p>a < b</p>",
    ])
    func reportsMarkupThatShouldNotBeThere(html: String) {
        #expect(markupBreach(in: Array(html.utf8)) != nil)
    }

    @Test func passesWhatTheTemplatesAndCmarkWrite() {
        let html = """
        <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><base href="../"><title>x &lt;script&gt;</title>
        <script type="application/ld+json">{"name":"\\u003cscript\\u003e"}</script><script src="../assets/search.js" defer></script></head>
        <body><main><h1>Title</h1><!-- raw HTML omitted --><p><a href="https://example.com/?a=1&amp;b=2">x</a> <img src="data:image/png;base64,iVBOR" alt=""></p></main></body></html>
        """
        #expect(markupBreach(in: Array(html.utf8)) == nil)
    }
}

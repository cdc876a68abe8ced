import Foundation
import KBMarkdown
import Testing
@testable import KBCore
@testable import KBContent
@testable import KBSearch
@testable import KBSite
@testable import KBCommandLine
import KBTestSupport
import KBMarkdown

/// Each bad input of the foundation issue: a diagnostic at the right place, never a crash.
@Suite struct BadInputTests {
    /// Loads one entry (beside a valid provider) and returns the diagnostics about it.
    func diagnostics(forEntry text: String, named name: String = "x.md") throws -> [Diagnostic] {
        let fixture = try Fixture(["example/_index.md": Fixture.provider, "example/\(name)": text])
        return fixture.load().diagnostics.filter { $0.path == "Content/example/\(name)" }
    }

    func onlyError(_ diagnostics: [Diagnostic], sourceLocation: SourceLocation = #_sourceLocation) throws -> Diagnostic {
        let errors = diagnostics.filter { $0.severity == .error }
        #expect(errors.count == 1, "\(errors.map(\.formatted))", sourceLocation: sourceLocation)
        return try #require(errors.first, sourceLocation: sourceLocation)
    }

    static let deeplyNested: [String: String] = [
        "block quotes": String(repeating: ">", count: 200_000) + " quote",
        "lists": String(repeating: "- ", count: 100_000) + "item",
        "emphasis": String(repeating: "*", count: 50_000) + "x" + String(repeating: "*", count: 50_000),
    ]

    /// Before the copy stopped at a maximum depth, a tree this deep overflowed the stack.
    @Test(arguments: ["block quotes", "lists", "emphasis"])
    func markdownNestedThousandsDeepIsAnErrorNotACrash(kind: String) throws {
        let nested = try #require(Self.deeplyNested[kind])
        let entry = Fixture.entry(body: "Intro.\n\n\(nested)\n\n" + Fixture.standardBody)
        let error = try onlyError(try diagnostics(forEntry: entry))
        #expect(error.message.contains("nested more than \(MarkdownParser.maximumDepth) levels deep"))
        #expect(error.position.line == 11, "the nesting starts on the body's third line")
    }

    // Found by FuzzIndexReader: a key prefix with control characters ("e\0\0", valid YAML) made
    // every `kb search` crash. Prefixes are now refused where they are written.
    @Test(arguments: ["\"e\\0\\0\"", "\"sk\"", "\"s k-\""])
    func keyPrefixThatIsNotTheStartOfAKey(prefix: String) throws {
        let provider = Fixture.provider.replacingOccurrences(of: "key_prefixes: [\"ex-\"]", with: "key_prefixes: [\(prefix)]")
        let fixture = try Fixture(["example/_index.md": provider, "example/x.md": Fixture.entry()])
        let error = try onlyError(fixture.load().diagnostics)
        #expect(error.formatted.hasPrefix("Content/example/_index.md:8:16: error: key prefix "))
        #expect(error.message.contains("at least 3 letters, digits, '-' or '_'"))
    }

    @Test func malformedYAML() throws {
        let error = try onlyError(diagnostics(forEntry: Fixture.entry(frontMatter: "title: \"Unclosed\ncategory: authentication\nsignatures: [\"x\"]")))
        #expect(error.message.hasPrefix("malformed YAML in front-matter"))
        #expect(error.position.line >= 2 && error.position.line <= 5)
    }

    @Test func malformedYAMLPointsAtTheBadLine() throws {
        let error = try onlyError(diagnostics(forEntry: Fixture.entry(frontMatter: "title: X\ncategory: authentication\nsignatures: [\"x\"\nhttp: [401]")))
        #expect(error.message.contains("malformed YAML"))
        #expect(error.position.line == 5, "\(error.formatted)")
    }

    /// libyaml counts NEL, LS and PS as line ends; an editor does not, so the error must still
    /// point at the line the author sees.
    @Test func unicodeLineSeparatorsDoNotShiftYAMLErrorLines() throws {
        let error = try onlyError(diagnostics(forEntry: Fixture.entry(frontMatter: "title: \"A\u{85}B\u{2028}C\u{2029}D\"\ncategory: authentication\nsignatures: [\"x\"\nhttp: [401]")))
        #expect(error.message.hasPrefix("malformed YAML in front-matter"))
        #expect(error.position.line == 5, "\(error.formatted)")
    }

    @Test func frontMatterThatNeverCloses() throws {
        let error = try onlyError(diagnostics(forEntry: "---\ntitle: X\ncategory: server\n\nSome text.\n"))
        #expect(error.formatted == "Content/example/x.md:1:1: error: front-matter opened here never closes; add a '---' line after the last key")
    }

    @Test func unknownKeyWithSuggestion() throws {
        let error = try onlyError(diagnostics(forEntry: Fixture.entry(frontMatter: "titel: X\ntitle: X\ncategory: server\nsignatures: [\"x\"]")))
        #expect(error.formatted == "Content/example/x.md:2:1: error: unknown key 'titel'; did you mean 'title'?")
        #expect(error.fixIt?.replacement == "title")
    }

    @Test func quotedHTTPCodeIsAWrongType() throws {
        let error = try onlyError(diagnostics(forEntry: Fixture.entry(frontMatter: "title: X\ncategory: server\nhttp: \"401\"\nsignatures: [\"x\"]")))
        #expect(error.formatted == "Content/example/x.md:4:7: error: 'http' must be a list of numbers, like http: [401, 403]; found \"401\"")
        #expect(error.fixIt?.replacement == "[401]")
    }

    @Test(arguments: [
        ("category: server\nsignatures: [\"x\"]", "missing required key 'title'"),
        ("title: X\nsignatures: [\"x\"]", "missing required key 'category'"),
        ("title: X\ncategory: server", "missing required key 'signatures'"),
    ])
    func missingRequiredKey(frontMatter: String, message: String) throws {
        let error = try onlyError(diagnostics(forEntry: Fixture.entry(frontMatter: frontMatter)))
        #expect(error.message.hasPrefix(message))
        #expect(error.position == SourcePosition(line: 1, column: 1))
    }

    @Test func emptySignature() throws {
        let error = try onlyError(diagnostics(forEntry: Fixture.entry(frontMatter: "title: X\ncategory: server\nsignatures:\n  - \"ok\"\n  - \"\"")))
        #expect(error.formatted == "Content/example/x.md:6:5: error: empty item in 'signatures'; remove it or write the text")
    }

    @Test func emptySignatureList() throws {
        let error = try onlyError(diagnostics(forEntry: Fixture.entry(frontMatter: "title: X\ncategory: server\nsignatures: []")))
        #expect(error.message.contains("'signatures' needs at least one string"))
        #expect(error.position == SourcePosition(line: 4, column: 1))
    }

    @Test(arguments: ["Causes", "Fixes", "FAQ"])
    func missingSection(_ section: String) throws {
        let sections = ["Causes": "## Causes\n- A.\n", "Fixes": "## Fixes\n1. B.\n", "FAQ": "## FAQ\n### Q?\nA.\n"]
        let body = "Intro.\n\n" + ["Causes", "Fixes", "FAQ"].filter { $0 != section }.map { sections[$0]! }.joined(separator: "\n")
        let error = try onlyError(diagnostics(forEntry: Fixture.entry(body: body)))
        #expect(error.message.hasPrefix("missing section '## \(section)'"))
        #expect(error.position == SourcePosition(line: 9, column: 1), "the line after the front-matter")
    }

    @Test func fixesWrittenAsBulletsSayHowToNumberThem() throws {
        let body = Fixture.standardBody.replacingOccurrences(of: "1. Create a new key.\n2. Set", with: "- Create a new key.\n- Set")
        let error = try onlyError(diagnostics(forEntry: Fixture.entry(body: body)))
        #expect(error.message.contains("it is a bullet list now"))
        #expect(error.position.line == 15)
    }

    @Test func unknownCategoryWithSuggestion() throws {
        let error = try onlyError(diagnostics(forEntry: Fixture.entry(frontMatter: "title: X\ncategory: rate-limits\nsignatures: [\"x\"]")))
        #expect(error.formatted.hasPrefix("Content/example/x.md:3:11: error: unknown category 'rate-limits'; did you mean 'rate-limit'?"))
    }

    @Test func unknownRelatedIDWithSuggestion() throws {
        let fixture = try Fixture([
            "example/_index.md": Fixture.provider,
            "example/rate-limit.md": Fixture.entry(frontMatter: "title: R\ncategory: rate-limit\nsignatures: [\"slow down\"]"),
            "example/x.md": Fixture.entry(frontMatter: "title: X\ncategory: server\nsignatures: [\"x\"]\nrelated: [example/rate-limt]"),
        ])
        let error = try onlyError(fixture.load().diagnostics)
        #expect(error.formatted == "Content/example/x.md:5:11: error: unknown related id 'example/rate-limt'; did you mean 'example/rate-limit'?")
    }

    @Test func idsThatDifferOnlyInCase() throws {
        let fixture = try Fixture([
            "example/_index.md": Fixture.provider,
            "example/rate-limit.md": Fixture.entry(),
            "example/Rate-Limit.md": Fixture.entry(),
        ])
        let error = try onlyError(fixture.load().diagnostics)
        #expect(error.path == "Content/example/Rate-Limit.md")
        #expect(error.message.contains("differs only in case from 'example/rate-limit'"))
    }

    @Test func providerFoldersThatDifferOnlyInCase() throws {
        let fixture = try Fixture([
            "example/_index.md": Fixture.provider, "example/a.md": Fixture.entry(),
            "Example/_index.md": Fixture.provider,
        ])
        let error = try onlyError(fixture.load().diagnostics)
        #expect(error.path == "Content/Example")
        #expect(error.message.contains("rename it to 'example'"))
    }

    @Test func entryDirectlyUnderContent() throws {
        let fixture = try Fixture(["example/_index.md": Fixture.provider, "example/a.md": Fixture.entry(), "stray.md": Fixture.entry()])
        let error = try onlyError(fixture.load().diagnostics)
        #expect(error.formatted == "Content/stray.md:1:1: error: entry outside a provider folder; move it into the folder of its provider, e.g. Content/openai/stray.md")
    }

    @Test func invalidUTF8PointsAtTheFirstBadByte() throws {
        var bytes = Array(Fixture.entry().utf8)
        let line3 = bytes.indices.filter { bytes[$0] == UInt8(ascii: "\n") }[1] + 1  // start of line 3
        bytes.insert(contentsOf: [0xC3, 0x28], at: line3 + 4)
        let fixture = try Fixture(["example/_index.md": Fixture.provider])
        try fixture.write("example/x.md", bytes: bytes)
        let error = try onlyError(fixture.load().diagnostics)
        #expect(error.formatted == "Content/example/x.md:3:5: error: file is not valid UTF-8 (first bad byte here); save it as UTF-8")
    }

    @Test func emptyFile() throws {
        let error = try onlyError(diagnostics(forEntry: ""))
        #expect(error.message.hasPrefix("file is empty"))
    }

    @Test func fiveMegabyteFileIsRefusedWithoutReadingItAll() throws {
        let big = Fixture.entry() + String(repeating: "word ", count: 1_000_000)
        let error = try onlyError(diagnostics(forEntry: big))
        #expect(error.message.hasPrefix("file is 4.8 MB; an entry may be at most 1 MB"))
    }

    @Test func symlinkOutsideContentIsRefused() throws {
        let fixture = try Fixture(["example/_index.md": Fixture.provider, "example/a.md": Fixture.entry()])
        let outside = fixture.root.appendingPathComponent("secret.md")
        try Data(Fixture.entry().utf8).write(to: outside)
        try FileManager.default.createSymbolicLink(at: fixture.content.appendingPathComponent("example/leak.md"), withDestinationURL: outside)
        let result = fixture.load()
        let error = try onlyError(result.diagnostics)
        #expect(error.path == "Content/example/leak.md")
        #expect(error.message.hasPrefix("refused: 'example/leak.md' is a symbolic link"))
        #expect(result.graph.entry(EntryID("example/leak")!) == nil)
    }

    @Test func symlinkThatLeadsNowhereIsRefusedByName() throws {
        let fixture = try Fixture(["example/_index.md": Fixture.provider, "example/a.md": Fixture.entry()])
        let folder = fixture.content.appendingPathComponent("example")
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("gone.md").path, withDestinationPath: "deleted.md")
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("ping.md").path, withDestinationPath: "pong.md")
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("pong.md").path, withDestinationPath: "ping.md")
        let errors = fixture.load().diagnostics.filter { $0.severity == .error }.map(\.formatted)
        #expect(errors == [
            "Content/example/gone.md:1:1: error: refused: 'example/gone.md' is a symbolic link that leads nowhere (its target does not exist); remove it or point it at a file inside the content folder",
            "Content/example/ping.md:1:1: error: refused: 'example/ping.md' is a symbolic link that leads nowhere (its links go round in a loop); remove it or point it at a file inside the content folder",
            "Content/example/pong.md:1:1: error: refused: 'example/pong.md' is a symbolic link that leads nowhere (its links go round in a loop); remove it or point it at a file inside the content folder",
        ])
    }

    @Test func providerFolderLinkedFromOutsideIsRefused() throws {
        let fixture = try Fixture(["example/_index.md": Fixture.provider, "example/a.md": Fixture.entry()])
        let outside = fixture.root.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try Data(Fixture.provider.utf8).write(to: outside.appendingPathComponent("_index.md"))
        try FileManager.default.createSymbolicLink(at: fixture.content.appendingPathComponent("linked"), withDestinationURL: outside)
        let result = fixture.load()
        let error = try onlyError(result.diagnostics)
        #expect(error.formatted.hasPrefix("Content/linked:1:1: error: refused: 'linked' is a symbolic link to '"))
        #expect(result.graph.provider(ProviderID("linked")) == nil)
    }

    @Test func symlinkInsideContentIsFollowed() throws {
        let fixture = try Fixture(["example/_index.md": Fixture.provider, "example/a.md": Fixture.entry(), "shared/b.txt": "not an entry"])
        try FileManager.default.createSymbolicLink(at: fixture.content.appendingPathComponent("example/b.md"), withDestinationURL: fixture.content.appendingPathComponent("example/a.md"))
        let result = fixture.load()
        #expect(result.graph.entry(EntryID("example/b")!) != nil)
    }

    @Test func fileNameWithSpaces() throws {
        let error = try onlyError(diagnostics(forEntry: Fixture.entry(), named: "rate limit.md"))
        #expect(error.message == "file name 'rate limit.md' is not a valid id (lower-case letters, digits, hyphens); rename it to 'rate-limit.md'")
        #expect(error.fixIt?.replacement == "rate-limit.md")
    }

    @Test func providerFolderWithoutIndexAndProviderWithoutEntries() throws {
        let fixture = try Fixture(["lonely/_index.md": Fixture.provider, "orphan/a.md": Fixture.entry()])
        let result = fixture.load()
        #expect(result.diagnostics.map(\.formatted) == [
            "Content/lonely/_index.md:1:1: warning: provider 'lonely' has no entries yet",
            "Content/orphan:1:1: error: provider folder 'orphan' has no _index.md; add one with the provider's name and endpoints",
        ])
    }

    @Test func faqQuestionWithoutAnswerIsAWarning() throws {
        let body = Fixture.standardBody.replacingOccurrences(of: "It takes a minute to become active.\n", with: "")
        let diagnostics = try diagnostics(forEntry: Fixture.entry(body: body))
        #expect(diagnostics.map(\.formatted) == ["Content/example/x.md:20:1: warning: FAQ question 'Why does a new key fail?' has no answer text"])
    }

    @Test func everyProblemOfARunIsReported() throws {
        let fixture = try Fixture([
            "example/_index.md": Fixture.provider,
            "example/a.md": Fixture.entry(frontMatter: "titel: A\ncategory: server\nsignatures: [\"a\"]"),
            "example/b.md": Fixture.entry(frontMatter: "title: B\ncategory: nope\nsignatures: [\"b\"]"),
            "example/c.md": "",
        ])
        #expect(fixture.load().errors.map(\.path) == ["Content/example/a.md", "Content/example/a.md", "Content/example/b.md", "Content/example/c.md"])
    }

    @Test func crlfLineEndsAndByteOrderMarkKeepPositions() throws {
        let text = "\u{FEFF}" + Fixture.entry(frontMatter: "title: X\ncategory: nope\nsignatures: [\"x\"]").replacingOccurrences(of: "\n", with: "\r\n")
        let error = try onlyError(diagnostics(forEntry: text))
        #expect(error.position == SourcePosition(line: 3, column: 11))
    }

    @Test func malformedConfigurationIsReportedAtItsLine() throws {
        let fixture = try Fixture(["example/_index.md": Fixture.provider, "example/a.md": Fixture.entry()])
        try Data("title: KB\ncategoris: []\n".utf8).write(to: fixture.root.appendingPathComponent("kb.yml"))
        let error = try onlyError(fixture.load().diagnostics)
        #expect(error.formatted == "kb.yml:2:1: error: unknown key 'categoris'; did you mean 'categories'?")
    }

    /// Each of these becomes part of every page's links.
    @Test(arguments: [
        ("base_url: \"javascript:alert(1)//\"", "kb.yml:1:1: error: base_url 'javascript:alert(1)//' must be an http:// or https:// address, or a path starting with '/'"),
        ("repository: \"javascript:alert(1)\"", "kb.yml:1:1: error: repository 'javascript:alert(1)' must be an http:// or https:// address"),
        ("repository: \"https://github.com/a/b\\\"><script>\"", "kb.yml:1:1: error: repository 'https://github.com/a/b\"><script>' must be an http:// or https:// address"),
        ("branch: \"main<script>\"", "kb.yml:1:1: error: branch 'main<script>' cannot be part of a link: use letters, digits, '-', '_', '.' and '/', like main or release/2.0"),
        ("branch: \"../../x\"", "kb.yml:1:1: error: branch '../../x' cannot be part of a link: use letters, digits, '-', '_', '.' and '/', like main or release/2.0"),
    ])
    func configurationThatWouldBreakLinksIsRefused(line: String, expected: String) throws {
        let fixture = try Fixture(["example/_index.md": Fixture.provider, "example/a.md": Fixture.entry()])
        try Data((line + "\n").utf8).write(to: fixture.root.appendingPathComponent("kb.yml"))
        let error = try onlyError(fixture.load().diagnostics)
        #expect(error.formatted == expected)
    }
}

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
        #expect(error.code == .nestedTooDeep)
        #expect(error.position.line == 13, "the nesting starts on the body's third line")
    }

    // Found by FuzzIndexReader: a key prefix with control characters ("e\0\0", valid YAML) made
    // every `kb search` crash. Prefixes are now refused where they are written.
    @Test(arguments: ["\"e\\0\\0\"", "\"sk\"", "\"s k-\"", "\".ab\""])
    func keyPrefixThatIsNotTheStartOfAKey(prefix: String) throws {
        let provider = Fixture.provider.replacingOccurrences(of: "key_prefixes: [\"ex-\"]", with: "key_prefixes: [\(prefix)]")
        let fixture = try Fixture(["example/_index.md": provider, "example/x.md": Fixture.entry()])
        let error = try onlyError(fixture.load().diagnostics)
        #expect(error.code == .invalidKeyPrefix)
        #expect(error.path == "Content/example/_index.md")
        #expect(error.range == SourceRange(start: SourcePosition(line: 8, column: 16), end: SourcePosition(line: 8, column: 16 + prefix.utf8.count)))
    }

    /// Google's auth keys start `AQ.`: a dot inside a prefix is a key's, and such a key is masked
    /// and names its provider.
    @Test func keyPrefixWithADotIsAccepted() throws {
        let provider = Fixture.provider.replacingOccurrences(of: "key_prefixes: [\"ex-\"]", with: "key_prefixes: [\"AQ.\"]")
        let fixture = try Fixture(["example/_index.md": provider, "example/x.md": Fixture.entry()])
        let loaded = fixture.load()
        #expect(!loaded.diagnostics.contains { $0.code == .invalidKeyPrefix })
        let ranker = Ranker(index: SearchIndexBuilder.build(loaded.graph))
        let paste = ranker.analyse("HTTP 401 with key AQ.Ab8RN6Lq3vTzX0wYpKm2sD4fG7hJ9kL1cV5bN")
        #expect(!paste.redactedText.contains("Ab8RN6Lq3vTz"))
        #expect(ranker.search("HTTP 401 Invalid API key with key AQ.Ab8RN6Lq3vTzX0wYpKm2sD4fG7hJ9kL1cV5bN").results.first?.matched.contains("provider hint Example AI key format") == true)
    }

    @Test func malformedYAML() throws {
        let error = try onlyError(diagnostics(forEntry: Fixture.entry(frontMatter: "title: \"Unclosed\ncategory: authentication\nsignatures: [\"x\"]")))
        #expect(error.code == .malformedYAML)
        #expect(error.position.line >= 2 && error.position.line <= 5)
    }

    @Test func malformedYAMLPointsAtTheBadLine() throws {
        let error = try onlyError(diagnostics(forEntry: Fixture.entry(frontMatter: "title: X\ncategory: authentication\nsignatures: [\"x\"\nhttp: [401]")))
        #expect(error.code == .malformedYAML)
        #expect(error.position.line == 5, "\(error.formatted)")
    }

    /// libyaml counts NEL, LS and PS as line ends; an editor does not, so the error must still
    /// point at the line the author sees.
    @Test func unicodeLineSeparatorsDoNotShiftYAMLErrorLines() throws {
        let error = try onlyError(diagnostics(forEntry: Fixture.entry(frontMatter: "title: \"A\u{85}B\u{2028}C\u{2029}D\"\ncategory: authentication\nsignatures: [\"x\"\nhttp: [401]")))
        #expect(error.code == .malformedYAML)
        #expect(error.position.line == 5, "\(error.formatted)")
    }

    @Test func frontMatterThatNeverCloses() throws {
        let error = try onlyError(diagnostics(forEntry: "---\ntitle: X\ncategory: server\n\nSome text.\n"))
        #expect(error.code == .unclosedFrontMatter)
        #expect(error.formatted.hasPrefix("Content/example/x.md:1:1: error[KB006]: "))
    }

    @Test func unknownKeyWithSuggestion() throws {
        let error = try onlyError(diagnostics(forEntry: Fixture.entry(frontMatter: "titel: X\ntitle: X\ncategory: server\nsignatures: [\"x\"]")))
        #expect(error.code == .unknownKey)
        // The fix-it replaces the key as written, and nothing after it.
        let key = SourceRange(start: SourcePosition(line: 2, column: 1), end: SourcePosition(line: 2, column: 6))
        #expect(error.range == key)
        #expect(error.fixIt == Diagnostic.FixIt(range: key, replacement: "title"))
    }

    @Test func quotedHTTPCodeIsAWrongType() throws {
        let error = try onlyError(diagnostics(forEntry: Fixture.entry(frontMatter: "title: X\ncategory: server\nhttp: \"401\"\nsignatures: [\"x\"]")))
        #expect(error.code == .wrongType)
        let value = SourceRange(start: SourcePosition(line: 4, column: 7), end: SourcePosition(line: 4, column: 12))
        #expect(error.fixIt == Diagnostic.FixIt(range: value, replacement: "[401]"))
    }

    @Test(arguments: [
        ("category: server\nsignatures: [\"x\"]", DiagnosticCode.missingKey),
        ("title: X\nsignatures: [\"x\"]", .missingKey),
        ("title: X\ncategory: server", .missingKey),
        ("title: X\ncategory: server\nsignatures: [\"x\"]\nverified: 2026-11-30\nsources: []", .missingSources),
        ("title: X\ncategory: server\nsignatures: [\"x\"]\nverified: 2026-11-30\nsources: [docs/errors.md]", .invalidAddress),
        ("title: X\ncategory: server\nsignatures: [\"x\"]\nsources: [\"https://x.org\"]\nverified: 2026-02-31", .invalidDate),
    ])
    func missingOrInvalidRequiredKey(frontMatter: String, code: DiagnosticCode) throws {
        let error = try onlyError(diagnostics(forEntry: Fixture.entry(frontMatter: frontMatter)))
        #expect(error.code == code, "\(error.formatted)")
    }

    @Test func missingSourcesIsAnErrorAtTheFrontMatter() throws {
        let text = "---\ntitle: X\ncategory: server\nsignatures: [\"x\"]\nverified: 2026-11-30\n---\n" + Fixture.standardBody
        let error = try onlyError(diagnostics(forEntry: text))
        #expect(error.code == .missingSources)
        #expect(error.position == SourcePosition(line: 1, column: 1))
    }

    @Test func aSourceThatIsNotAWebAddressIsAnErrorAtItsLine() throws {
        let error = try onlyError(diagnostics(forEntry: Fixture.entry(frontMatter: "title: X\ncategory: server\nsignatures: [\"x\"]\nverified: 2026-11-30\nsources:\n  - https://ok.example/a\n  - \"javascript:alert(1)\"")))
        #expect(error.code == .invalidAddress)
        #expect(error.position == SourcePosition(line: 8, column: 5))
    }

    @Test func aVerificationOlderThanHalfAYearIsAWarningAtTheDate() throws {
        let fixture = try Fixture(["example/_index.md": Fixture.provider, "example/x.md": Fixture.entry(frontMatter: "title: X\ncategory: server\nsignatures: [\"x\"]\nsources: [\"https://x.org\"]\nverified: 2026-01-01")])
        var pipeline = ContentPipeline(workspace: fixture.workspace, dates: GitDates(), today: Day("2026-12-01")!)
        let warnings = pipeline.load().diagnostics.with(.staleVerification)
        #expect(warnings.map(\.range) == [SourceRange(start: SourcePosition(line: 6, column: 11), end: SourcePosition(line: 6, column: 21))])
        #expect(warnings.first?.severity == .warning)
        // Exactly 180 days is not stale yet.
        var recent = ContentPipeline(workspace: fixture.workspace, dates: GitDates(), today: Day("2026-06-30")!)
        #expect(recent.load().diagnostics.with(.staleVerification).isEmpty)
    }

    @Test(arguments: ["2026-02-29", "2026-04-31", "2026-13-01", "2026-1-01"])
    func daysThatDoNotExistAreRefused(text: String) {
        #expect(Day(text) == nil)
    }

    @Test func leapDaysExist() {
        #expect(Day("2028-02-29") != nil)
        #expect(Day(daysSinceEpoch: Day("2028-02-29")!.daysSinceEpoch) == Day("2028-02-29"))
    }

    @Test func emptySignature() throws {
        let error = try onlyError(diagnostics(forEntry: Fixture.entry(frontMatter: "title: X\ncategory: server\nsignatures:\n  - \"ok\"\n  - \"\"")))
        #expect(error.code == .wrongType)
        #expect(error.position == SourcePosition(line: 6, column: 5))
    }

    @Test func emptySignatureList() throws {
        let error = try onlyError(diagnostics(forEntry: Fixture.entry(frontMatter: "title: X\ncategory: server\nsignatures: []")))
        #expect(error.code == .emptySignatures)
        #expect(error.range == SourceRange(start: SourcePosition(line: 4, column: 13), end: SourcePosition(line: 4, column: 15)), "the empty list itself")
    }

    @Test(arguments: ["Causes", "Fixes", "FAQ"])
    func missingSection(_ section: String) throws {
        let sections = ["Causes": "## Causes\n- A.\n", "Fixes": "## Fixes\n1. B.\n", "FAQ": "## FAQ\n### Q?\nA.\n"]
        let body = "Intro.\n\n" + ["Causes", "Fixes", "FAQ"].filter { $0 != section }.map { sections[$0]! }.joined(separator: "\n")
        let error = try onlyError(diagnostics(forEntry: Fixture.entry(body: body)))
        #expect(error.code == .missingSection)
        #expect(error.position == SourcePosition(line: 11, column: 1), "the line after the front-matter")
    }

    @Test func fixesWrittenAsBulletsSayHowToNumberThem() throws {
        let body = Fixture.standardBody.replacingOccurrences(of: "1. Create a new key.\n2. Set", with: "- Create a new key.\n- Set")
        let error = try onlyError(diagnostics(forEntry: Fixture.entry(body: body)))
        #expect(error.code == .malformedSection)
        #expect(error.message.contains("it is a bullet list now"), "the message says how to fix it")
        #expect(error.position.line == 17)
    }

    @Test func unknownCategoryWithSuggestion() throws {
        let error = try onlyError(diagnostics(forEntry: Fixture.entry(frontMatter: "title: X\ncategory: rate-limits\nsignatures: [\"x\"]")))
        #expect(error.code == .unknownCategory)
        let value = SourceRange(start: SourcePosition(line: 3, column: 11), end: SourcePosition(line: 3, column: 22))
        #expect(error.fixIt == Diagnostic.FixIt(range: value, replacement: "rate-limit"))
    }

    /// The review found the column pointing at the spaces before a value: it is the value's.
    @Test func theColumnIsTheValuesEvenAfterExtraSpacesAndQuotes() throws {
        let error = try onlyError(diagnostics(forEntry: Fixture.entry(frontMatter: "title: X\ncategory:     \"rate-limits\"\nsignatures: [\"x\"]")))
        #expect(error.code == .unknownCategory)
        #expect(error.fixIt?.range == SourceRange(start: SourcePosition(line: 3, column: 15), end: SourcePosition(line: 3, column: 28)))
    }

    @Test func unknownRelatedIDWithSuggestion() throws {
        let fixture = try Fixture([
            "example/_index.md": Fixture.provider,
            "example/rate-limit.md": Fixture.entry(frontMatter: "title: R\ncategory: rate-limit\nsignatures: [\"slow down\"]"),
            "example/x.md": Fixture.entry(frontMatter: "title: X\ncategory: server\nsignatures: [\"x\"]\nrelated: [example/rate-limt]"),
        ])
        let error = try onlyError(fixture.load().diagnostics)
        #expect(error.code == .unknownRelated)
        #expect(error.mentionedEntry == EntryID("example/rate-limt"))
        #expect(error.fixIt == Diagnostic.FixIt(range: SourceRange(start: SourcePosition(line: 5, column: 11), end: SourcePosition(line: 5, column: 28)), replacement: "example/rate-limit"))
    }

    @Test func idsThatDifferOnlyInCase() throws {
        let fixture = try Fixture([
            "example/_index.md": Fixture.provider,
            "example/rate-limit.md": Fixture.entry(),
            "example/Rate-Limit.md": Fixture.entry(),
        ])
        let error = try onlyError(fixture.load().diagnostics)
        #expect(error.path == "Content/example/Rate-Limit.md")
        #expect(error.code == .duplicateID)
    }

    @Test func providerFoldersThatDifferOnlyInCase() throws {
        let fixture = try Fixture([
            "example/_index.md": Fixture.provider, "example/a.md": Fixture.entry(),
            "Example/_index.md": Fixture.provider,
        ])
        let error = try onlyError(fixture.load().diagnostics)
        #expect(error.path == "Content/Example")
        #expect(error.code == .invalidFileName)
    }

    @Test func entryDirectlyUnderContent() throws {
        let fixture = try Fixture(["example/_index.md": Fixture.provider, "example/a.md": Fixture.entry(), "stray.md": Fixture.entry()])
        let error = try onlyError(fixture.load().diagnostics)
        #expect(error.code == .entryOutsideProvider)
        #expect(error.path == "Content/stray.md")
    }

    @Test func invalidUTF8PointsAtTheFirstBadByte() throws {
        var bytes = Array(Fixture.entry().utf8)
        let line3 = bytes.indices.filter { bytes[$0] == UInt8(ascii: "\n") }[1] + 1  // start of line 3
        bytes.insert(contentsOf: [0xC3, 0x28], at: line3 + 4)
        let fixture = try Fixture(["example/_index.md": Fixture.provider])
        try fixture.write("example/x.md", bytes: bytes)
        let error = try onlyError(fixture.load().diagnostics)
        #expect(error.code == .invalidUTF8)
        #expect(error.position == SourcePosition(line: 3, column: 5))
    }

    @Test func emptyFile() throws {
        let error = try onlyError(diagnostics(forEntry: ""))
        #expect(error.code == .emptyFile)
    }

    @Test func fiveMegabyteFileIsRefusedWithoutReadingItAll() throws {
        let big = Fixture.entry() + String(repeating: "word ", count: 1_000_000)
        let error = try onlyError(diagnostics(forEntry: big))
        #expect(error.code == .fileTooLarge)
        #expect(error.message.hasPrefix("file is 4.8 MB"), "it says how large the file is")
    }

    @Test func symlinkOutsideContentIsRefused() throws {
        let fixture = try Fixture(["example/_index.md": Fixture.provider, "example/a.md": Fixture.entry()])
        let outside = fixture.root.appendingPathComponent("secret.md")
        try Data(Fixture.entry().utf8).write(to: outside)
        try FileManager.default.createSymbolicLink(at: fixture.content.appendingPathComponent("example/leak.md"), withDestinationURL: outside)
        let result = fixture.load()
        let error = try onlyError(result.diagnostics)
        #expect(error.path == "Content/example/leak.md")
        #expect(error.code == .symbolicLinkRefused)
        #expect(result.graph.entry(EntryID("example/leak")!) == nil)
    }

    @Test func symlinkThatLeadsNowhereIsRefusedByName() throws {
        let fixture = try Fixture(["example/_index.md": Fixture.provider, "example/a.md": Fixture.entry()])
        let folder = fixture.content.appendingPathComponent("example")
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("gone.md").path, withDestinationPath: "deleted.md")
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("ping.md").path, withDestinationPath: "pong.md")
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("pong.md").path, withDestinationPath: "ping.md")
        let errors = fixture.load().diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.code) == [.symbolicLinkRefused, .symbolicLinkRefused, .symbolicLinkRefused])
        #expect(errors.map(\.path) == ["Content/example/gone.md", "Content/example/ping.md", "Content/example/pong.md"])
        // It says which of the two it is: no target, or a loop.
        #expect(errors.map { $0.message.contains("loop") } == [false, true, true])
    }

    @Test func providerFolderLinkedFromOutsideIsRefused() throws {
        let fixture = try Fixture(["example/_index.md": Fixture.provider, "example/a.md": Fixture.entry()])
        let outside = fixture.root.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try Data(Fixture.provider.utf8).write(to: outside.appendingPathComponent("_index.md"))
        try FileManager.default.createSymbolicLink(at: fixture.content.appendingPathComponent("linked"), withDestinationURL: outside)
        let result = fixture.load()
        let error = try onlyError(result.diagnostics)
        #expect(error.code == .symbolicLinkRefused)
        #expect(error.path == "Content/linked")
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
        #expect(error.code == .invalidFileName)
        #expect(error.message.contains("'rate-limit.md'"), "it names the file name to use")
    }

    @Test func providerFolderWithoutIndexAndProviderWithoutEntries() throws {
        let fixture = try Fixture(["lonely/_index.md": Fixture.provider, "orphan/a.md": Fixture.entry()])
        let result = fixture.load()
        #expect(result.diagnostics.map(\.code) == [.providerWithoutEntries, .missingProviderIndex])
        #expect(result.diagnostics.map(\.path) == ["Content/lonely/_index.md", "Content/orphan"])
        #expect(result.diagnostics.map(\.severity) == [.warning, .error])
    }

    @Test func faqQuestionWithoutAnswerIsAWarning() throws {
        let body = Fixture.standardBody.replacingOccurrences(of: "It takes a minute to become active.\n", with: "")
        let diagnostics = try diagnostics(forEntry: Fixture.entry(body: body))
        #expect(diagnostics.map(\.code) == [.unansweredQuestion])
        #expect(diagnostics.map(\.position) == [SourcePosition(line: 22, column: 1)])
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
        #expect(error.code == .unknownKey)
        #expect(error.path == "kb.yml")
        #expect(error.fixIt == Diagnostic.FixIt(range: SourceRange(start: SourcePosition(line: 2, column: 1), end: SourcePosition(line: 2, column: 10)), replacement: "categories"))
    }

    /// Each of these becomes part of every page's links.
    @Test(arguments: [
        ("base_url: \"javascript:alert(1)//\"", DiagnosticCode.invalidAddress),
        ("repository: \"javascript:alert(1)\"", .invalidAddress),
        ("repository: \"https://github.com/a/b\\\"><script>\"", .invalidAddress),
        ("branch: \"main<script>\"", .invalidBranch),
        ("branch: \"../../x\"", .invalidBranch),
    ])
    func configurationThatWouldBreakLinksIsRefused(line: String, code: DiagnosticCode) throws {
        let fixture = try Fixture(["example/_index.md": Fixture.provider, "example/a.md": Fixture.entry()])
        try Data((line + "\n").utf8).write(to: fixture.root.appendingPathComponent("kb.yml"))
        let error = try onlyError(fixture.load().diagnostics)
        #expect(error.code == code)
        #expect(error.path == "kb.yml")
        // At the value, after the key and its colon.
        #expect(error.range == SourceRange(start: SourcePosition(line: 1, column: line.firstIndex(of: ":")!.utf16Offset(in: line) + 3), end: SourcePosition(line: 1, column: line.utf8.count + 1)))
    }
}

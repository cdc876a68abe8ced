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

@Suite struct LoadingTests {
    @Test func validTreeBuildsTypedEntries() throws {
        let fixture = try Fixture([
            "example/_index.md": Fixture.provider,
            "example/invalid-key.md": Fixture.entry(),
        ])
        let result = fixture.load()
        #expect(result.diagnostics.isEmpty, "\(result.rendered)")
        let entry = try #require(result.graph.entry(EntryID("example/invalid-key")!))
        #expect(entry.title == "Invalid API key")
        #expect(entry.category == Category("authentication"))
        #expect(entry.http == [HTTPStatus(401)])
        #expect(entry.signatures == [Signature("Invalid API key"), Signature("invalid_api_key")])
        #expect(entry.summary == "The key was rejected.")
        #expect(entry.causes.map(\.name) == ["Key revoked", nil])
        #expect(entry.causes[1].text == "A typo in the key.")
        #expect(entry.fixes.count == 2)
        #expect(entry.fixes[1].text == "Set EXAMPLE_API_KEY and restart.")
        #expect(entry.faq.map(\.question) == ["Why does a new key fail?"])
        // The site renders the same reading of the body as HTML.
        let html = PageRenderer.renderBody(entry)
        #expect(html.fixes[1] == "Set <code>EXAMPLE_API_KEY</code> and restart.")
        #expect(html.answers == ["<p>It takes a minute to become active.</p>\n"])
        #expect(entry.source.displayPath == "Content/example/invalid-key.md")
        let provider = try #require(result.graph.provider(ProviderID("example")))
        #expect(provider.endpoints.first?.host == "api.example.ai")
        #expect(provider.keyPrefixes == ["ex-"])
    }

    @Test(arguments: [
        ("https://api.example.ai/v1", "api.example.ai"),
        ("https://API.Example.ai:443/v1?x=1", "api.example.ai"),
        ("http://localhost:11434/api", "localhost:11434"),
        ("http://127.0.0.1:8080", "127.0.0.1:8080"),
    ])
    func endpointHostsKeepThePortOnlyForLocalServers(url: String, host: String) {
        #expect(Provider.Endpoint(label: "x", url: url).host == host)
    }

    @Test func aBareLocalhostEndpointIsNoHint() {
        #expect(Provider.Endpoint(label: "x", url: "http://localhost/v1").host == nil)
    }

    @Test func headingAliasesAndExtraSectionsAreKeptInOrder() throws {
        let body = """
        Intro.

        ## Common causes
        - One.

        ## Background
        Some history.

        ## How to fix it
        1. Step.

        ## Frequently asked questions
        ### Q?
        A.
        """
        let fixture = try Fixture(["example/_index.md": Fixture.provider, "example/x.md": Fixture.entry(body: body)])
        let result = fixture.load()
        #expect(result.diagnostics.isEmpty, "\(result.rendered)")
        let entry = try #require(result.graph.entries.first)
        #expect(entry.sections.map(\.title) == ["Common causes", "Background", "How to fix it", "Frequently asked questions"])
        #expect(entry.sections[1].kind == .other)
        #expect(PageRenderer.renderBody(entry).sections[1] == "<p>Some history.</p>\n")
        #expect(entry.causes.count == 1 && entry.fixes.count == 1 && entry.faq.count == 1)
    }

    @Test func relatedEdgesHaveReverseEdgesAndDerivedEdgesLinkOneProvider() throws {
        let fixture = try Fixture([
            "example/_index.md": Fixture.provider,
            "example/a.md": Fixture.entry(frontMatter: "title: A\ncategory: authentication\nhttp: [401]\nsignatures: [\"shared text\"]\nrelated: [example/b]"),
            "example/b.md": Fixture.entry(frontMatter: "title: B\ncategory: permission\nhttp: [403]\nsignatures: [\"Shared Text!\"]"),
            "example/c.md": Fixture.entry(frontMatter: "title: C\ncategory: permission\nhttp: [403]\nsignatures: [\"other\"]"),
        ])
        let result = fixture.load()
        let a = EntryID("example/a")!, b = EntryID("example/b")!, c = EntryID("example/c")!
        #expect(result.graph.related(to: a) == [b])
        #expect(result.graph.referencedBy(b) == [a])
        #expect(result.graph.referencedBy(a).isEmpty)
        let derived = result.graph.derivedEdges(from: b)
        #expect(derived.contains(.init(from: b, to: a, kind: .sharedSignature(Signature("shared text")))))
        #expect(derived.contains(.init(from: b, to: c, kind: .sharedHTTP(HTTPStatus(403)))))
        #expect(!derived.contains { $0.to == a && $0.kind == .sharedHTTP(HTTPStatus(403)) })
        // Two entries of one provider claiming one signature is worth a warning, at the second claim.
        let warning = try #require(result.warnings.with(.sharedSignature).first)
        #expect(warning.mentionedEntry == a)
        #expect(warning.path == "Content/example/b.md")
        #expect(warning.range == SourceRange(start: SourcePosition(line: 5, column: 14), end: SourcePosition(line: 5, column: 28)))
    }

    @Test func configurationCanRenameAndExtendCategories() throws {
        let fixture = try Fixture([
            "example/_index.md": Fixture.provider,
            "example/x.md": Fixture.entry(frontMatter: "title: X\ncategory: safety\nsignatures: [\"blocked\"]"),
        ])
        try Data("title: My KB\ncategories:\n  - { id: safety, name: Safety filters }\n".utf8).write(to: fixture.root.appendingPathComponent("kb.yml"))
        let result = fixture.load()
        #expect(result.diagnostics.isEmpty, "\(result.rendered)")
        #expect(result.graph.configuration.title == "My KB")
        #expect(result.graph.configuration.category(Category("safety"))?.name == "Safety filters")
    }

    @Test func noConfigurationMeansTheTenDefaultCategories() throws {
        let fixture = try Fixture()
        #expect(fixture.load().graph.configuration.categories.map(\.id.rawValue) == [
            "authentication", "permission", "billing", "rate-limit", "model-not-found",
            "context-length", "invalid-request", "server", "timeout", "config",
        ])
    }

    @Test func loadingIsDeterministic() throws {
        var files = ["example/_index.md": Fixture.provider]
        for index in 0..<40 {
            files["example/entry-\(index).md"] = Fixture.entry(frontMatter: "title: E\(index)\ncategory: server\nsignatures: [\"e\(index)\"]\nrelated: [example/missing-\(index)]")
        }
        let fixture = try Fixture(files)
        let first = fixture.load(), second = fixture.load()
        #expect(first.diagnostics == second.diagnostics)
        #expect(first.diagnostics.count == 40)
        #expect(first.graph.entries.map(\.id) == second.graph.entries.map(\.id))
        #expect(first.graph.entries.map(\.id.slug).first == "entry-0")
    }
}

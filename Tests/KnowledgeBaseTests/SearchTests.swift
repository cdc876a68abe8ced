import Foundation
import Testing
@testable import KBCore
@testable import KBContent
@testable import KBSearch
@testable import KBSite
@testable import KBCommandLine
import KBTestSupport
import KBMarkdown

@Suite struct TokenizerTests {
    @Test func dropsVolatilePartsAndKeepsStatusCodes() {
        let text = "2024-05-01T12:00:03Z req_8f3a9c2e11d4 ERROR 429 rate_limit_exceeded id=550e8400-e29b-41d4-a716-446655440000 took 1532ms at /usr/lib/x.py:42"
        #expect(Tokenizer.tokens(text) == ["req", "error", "429", "rate", "limit", "exceeded", "id", "took", "at", "usr", "lib", "x", "py"])
    }

    @Test func punctuationAndCaseDoNotMatter() {
        #expect(Tokenizer.tokens("Invalid API key") == Tokenizer.tokens("invalid_api_key"))
        #expect(Tokenizer.tokens("HTTP 401: Invalid Authentication") == ["http", "401", "invalid", "authentication"])
    }
}

@Suite struct PasteAnalysisTests {
    @Test(arguments: [
        ("openai.RateLimitError: Error code: 429 - {'error': {...}}", [429]),
        ("HTTP/1.1 503 Service Unavailable", [503]),
        ("HTTP 401: Invalid Authentication", [401]),
        ("{\"status\": 404, \"detail\": \"x\"}", [404]),
        ("at 12:00:500 processed 404 items", []),
        ("version 1.429 released", []),
    ])
    func findsStatusesOnlyInStatusContext(text: String, statuses: [Int]) {
        #expect(PasteAnalysis(text).statuses == statuses)
    }
}

@Suite struct SecretMaskerTests {
    static let secrets = [
        "sk-proj-AbCdEf0123456789_ghIJklMNopQRstUVwxYZ-0123456789abcdef",
        "sk-ant-api03-AbCdEf0123456789ghIJklMNopQRstUVwxYZ0123456789-abcdefAA",
        "sk-4f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e",
        "AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q",
        "9f8e7d6c5b4a39281706f5e4d3c2b1a0",
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
        "gsk_aB3dE5fG7hI9jK1lM3nO5pQ7rS9tU1vW3xY5zA7bC9dE",
        "sk-or-v1-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
    ]

    @Test(arguments: secrets)
    func masksKeysWhole(secret: String) {
        let redaction = SecretMasker.redact("Error: Incorrect API key provided: \(secret). Check it.")
        #expect(redaction.count == 1)
        #expect(redaction.text == "Error: Incorrect API key provided: [REDACTED]. Check it.")
    }

    @Test func masksBearerTokensAndLabelledValues() {
        let text = SecretMasker.redact("Authorization: Bearer abcDEF123ghiJKL456mno\napi-key: Zx81Kq02Lm93Nb74Vc65\nmodel: gpt-4o").text
        #expect(text == "Authorization: Bearer [REDACTED]\napi-key: [REDACTED]\nmodel: gpt-4o")
    }

    // Found by FuzzSearch: a key joined to a path or an assignment was one token that did not
    // start with the key's prefix, and went through unmasked.
    @Test(arguments: [
        ("File \"/home/mira/sk-proj-Q7vN2xLk9RmT4bWc8YdF1sHp6JgA3eZu0KqVn5XoMiBtsrc/app.py\"", "File \"/home/mira/[REDACTED]/app.py\""),
        ("GET /v1/models?key=AIzaSyD4kQ8wN2mT6vX0zL3pR7bF1hJ5cG9sAe&alt=json", "GET /v1/models?key=[REDACTED]&alt=json"),
        ("OPENAI_API_KEY=sk-Wm4Tz8Kq2Lp6Yx0Nc3Rv7Bf1Hs5Jd9Ga2Ue6Io8Pk4Qw1Ez python app.py", "OPENAI_API_KEY=[REDACTED] python app.py"),
        ("https://example.test/cb?api_key=Zx81Kq02Lm93Nb74 failed", "https://example.test/cb?api_key=[REDACTED] failed"),
    ])
    func masksKeysInsideLongerTokens(text: String, expected: String) {
        #expect(SecretMasker.redact(text).text == expected)
    }

    @Test func leavesOrdinaryTextAlone() {
        let text = "openai.AuthenticationError: Error code: 401 - invalid_api_key at /home/me/app.py line 12"
        #expect(SecretMasker.redact(text).text == text)
    }
}

/// An index is a file kb may meet damaged; what it says is not trusted.
@Suite struct DamagedIndexTests {
    /// Found by FuzzIndexReader: a key-prefix hint holding NUL bytes crashed ranking, and an
    /// empty host hint would have hinted every paste.
    @Test func oddHintsNeitherCrashNorMatchEveryPaste() throws {
        let source = SourceFile(displayPath: "Content/odd/_index.md", relativePath: "odd/_index.md")
        let provider = Provider(
            id: ProviderID("odd"), name: "Odd", kind: .api, aliases: [], website: nil, endpoints: [],
            env: [""], keyPrefixes: ["e\0\0", "\u{301}", ""], source: source)
        let entries = try [("x", Fixture.entry()), ("y", Fixture.entry(frontMatter: "title: Slow down\ncategory: rate-limit\nhttp: [429]\nsignatures: [\"Rate limit reached\"]"))].map { slug, text in
            try #require(ContentPipeline.parse(
                bytes: Array(text.utf8), source: SourceFile(displayPath: "Content/odd/\(slug).md", relativePath: "odd/\(slug).md"),
                role: .entry(EntryID(provider: ProviderID("odd"), slug: slug)), categories: SiteConfiguration.default.categories.map(\.id)).entry)
        }
        let graph = KnowledgeGraph(configuration: .default, providers: [provider], entries: entries)
        let index = try SearchIndex(bytes: SearchIndexBuilder.build(graph).bytes)
        #expect(index.hints.allSatisfy { !$0.value.isEmpty })
        // No threshold: two entries cannot calibrate it (see RankerTests).
        var parameters = Ranker.Parameters()
        parameters.threshold = 0
        let ranker = Ranker(index: index, parameters: parameters)
        #expect(ranker.search("e\0\0abcdefghijklmnop e\u{301}abcdefghijklmnop unrelated words").isEmpty)
        #expect(ranker.search("Error: Invalid API key (invalid_api_key)").map(\.document.id) == ["odd/x"])
    }
}

@Suite struct RankerTests {
    static func graph() throws -> KnowledgeGraph {
        let provider = { (name: String, host: String, env: String, prefix: String) in
            "---\nname: \(name)\nendpoints:\n  - { label: API, url: \"https://\(host)/v1\" }\nenv: [\(env)]\nkey_prefixes: [\"\(prefix)\"]\n---\n\(name).\n"
        }
        let fixture = try Fixture([
            "alpha/_index.md": provider("Alpha AI", "api.alpha.ai", "ALPHA_API_KEY", "ak-"),
            "beta/_index.md": provider("Beta Labs", "api.beta.dev", "BETA_API_KEY", "ak-beta-"),
            "alpha/quota.md": Fixture.entry(frontMatter: "title: Quota exhausted\ncategory: billing\nhttp: [429]\nsignatures: [\"insufficient_quota\", \"You exceeded your current quota\"]"),
            "alpha/rate-limit.md": Fixture.entry(frontMatter: "title: Rate limit reached\ncategory: rate-limit\nhttp: [429]\nsignatures: [\"rate_limit_exceeded\", \"Rate limit reached for requests\"]"),
            "alpha/bad-key.md": Fixture.entry(frontMatter: "title: Invalid API key\ncategory: authentication\nhttp: [401]\nsignatures: [\"invalid_api_key\", \"Incorrect API key provided\"]"),
            "beta/bad-key.md": Fixture.entry(frontMatter: "title: Authentication error\ncategory: authentication\nhttp: [401]\nsignatures: [\"authentication_error\", \"invalid x-api-key\"]"),
        ])
        let result = fixture.load()
        #expect(!result.diagnostics.hasErrors, "\(result.rendered)")
        return result.graph
    }

    /// Ranking without the confidence threshold: a four-entry corpus cannot calibrate it; the
    /// evaluation set over the real content does (EvaluationTests).
    func top(_ paste: String, provider: String? = nil) throws -> [Ranker.Result] {
        var parameters = Ranker.Parameters()
        parameters.threshold = 0
        return Ranker(index: SearchIndexBuilder.build(try Self.graph()), parameters: parameters).search(paste, limit: 3, provider: provider)
    }

    @Test func signatureInANoisyPasteWins() throws {
        let results = try top("""
        Traceback (most recent call last):
          File "/srv/app/main.py", line 88, in <module>
        openai.RateLimitError: Error code: 429 - {'error': {'message': 'You exceeded your current quota, please check your plan.', 'type': 'insufficient_quota', 'param': None, 'code': 'insufficient_quota'}}
        request_id=req_0a9f8e7d6c5b4a39 at 2025-01-04T10:22:01Z
        """)
        #expect(results.first?.document.id == "alpha/quota")
        #expect(results.first?.matched.contains("signature \"insufficient_quota\"") == true)
        #expect(results.first?.matched.contains("HTTP 429") == true)
    }

    @Test func providerHintsSeparateLookalikeErrors() throws {
        let beta = try top("POST https://api.beta.dev/v1/messages -> 401 invalid api key")
        #expect(beta.first?.document.id == "beta/bad-key")
        #expect(beta.first?.matched.contains("provider hint api.beta.dev") == true)
        let alpha = try top("ALPHA_API_KEY is set but: 401 invalid api key")
        #expect(alpha.first?.document.id == "alpha/bad-key")
    }

    @Test func keyPrefixHintNamesTheProviderAndNeverEchoesTheKey() throws {
        let results = try top("401 Incorrect API key provided: ak-beta-Zx81Kq02Lm93Nb74Vc65Pq")
        #expect(results.first?.document.id == "alpha/bad-key")
        let beta = try #require(try top("401 Incorrect API key provided: ak-beta-Zx81Kq02Lm93Nb74Vc65Pq", provider: "beta").first)
        #expect(beta.matched.contains("provider hint Beta Labs key format"))
        #expect(!results.flatMap(\.matched).joined().contains("Zx81"))
        #expect(!results.flatMap(\.matched).joined().contains("ak-"))
    }

    @Test func typedQueryToleratesTypos() throws {
        let results = try top("insufficent quota")
        #expect(results.first?.document.id == "alpha/quota")
        #expect(results.first?.matched.contains("read 'insufficent' as 'insufficient'") == true)
    }

    @Test func unrelatedTextFindsNothing() throws {
        #expect(try top("npm ERR! code ERESOLVE unable to resolve dependency tree").isEmpty)
        #expect(try top("fatal: not a git repository (or any of the parent directories): .git").isEmpty)
        #expect(try top("").isEmpty)
    }

    @Test func providerFilterRestricts() throws {
        let results = try top("invalid api key 401", provider: "beta")
        #expect(results.allSatisfy { $0.document.provider == "beta" })
    }

    @Test func rankingIsDeterministic() throws {
        let graph = try Self.graph()
        let first = SearchIndexBuilder.build(graph), second = SearchIndexBuilder.build(graph)
        #expect(first.bytes == second.bytes)
    }
}

@Suite struct IndexFileTests {
    func builtIndex() throws -> SearchIndex {
        SearchIndexBuilder.build(try RankerTests.graph(), fingerprint: "abc")
    }

    @Test func roundTripsThroughBytes() throws {
        let index = try builtIndex()
        let reopened = try SearchIndex(bytes: index.bytes)
        #expect(reopened.fingerprint == "abc")
        #expect(reopened.documentCount == 4)
        #expect(reopened.document(0) == index.document(0))
        #expect(reopened.signatures(startingWith: "insufficient").map(\.text) == ["insufficient_quota"])
    }

    @Test func truncatedCorruptAndOtherVersionIndexesAreDetected() throws {
        let bytes = try builtIndex().bytes
        #expect(throws: SearchIndex.OpenError.notAnIndex) { try SearchIndex(bytes: Array("hello".utf8)) }
        #expect(throws: SearchIndex.OpenError.notAnIndex) { try SearchIndex(bytes: []) }
        #expect(throws: (any Error).self) { try SearchIndex(bytes: Array(bytes.prefix(bytes.count / 2))) }
        var otherVersion = bytes
        otherVersion[4] = 99
        #expect(throws: SearchIndex.OpenError.otherVersion(99)) { try SearchIndex(bytes: otherVersion) }
    }

    @Test func randomlyDamagedIndexNeverCrashesASearch() throws {
        let bytes = try builtIndex().bytes
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            var damaged = bytes
            for _ in 0..<8 { damaged[Int.random(in: 0..<damaged.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator) }
            guard let index = try? SearchIndex(bytes: damaged) else { continue }
            _ = Ranker(index: index).search(PasteAnalysis("429 insufficient_quota invalid api key api.beta.dev insufficent"), limit: 3)
        }
    }
}


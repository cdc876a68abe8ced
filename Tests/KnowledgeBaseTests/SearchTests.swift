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
    /// Ids, hashes, mixed digits and letters go; numbers of up to six digits stay (a status,
    /// a port, a provider's business code), so a date leaves its parts.
    @Test func dropsVolatilePartsAndKeepsStatusCodes() {
        let text = "2024-05-01T12:00:03Z req_8f3a9c2e11d4 ERROR 429 rate_limit_exceeded id=550e8400-e29b-41d4-a716-446655440000 took 1532ms at /usr/lib/x.py:42"
        #expect(Tokenizer.tokens(text) == ["2024", "05", "00", "req", "error", "429", "rate", "limit", "exceeded", "id", "took", "at", "usr", "lib", "x", "py", "42"])
    }

    @Test func punctuationAndCaseDoNotMatter() {
        #expect(Tokenizer.tokens("Invalid API key") == Tokenizer.tokens("invalid_api_key"))
        #expect(Tokenizer.tokens("HTTP 401: Invalid Authentication") == ["http", "401", "invalid", "authentication"])
    }

    @Test func cjkCharactersAreTokensOfTheirOwnAndShortCodesStay() {
        #expect(Tokenizer.tokens("错误码 1113：余额不足") == ["错", "误", "码", "1113", "余", "额", "不", "足"])
        #expect(Tokenizer.isWord("429") && !Tokenizer.isWord("1113") && !Tokenizer.isWord("错"))
    }

    @Test func classNamesSplitWhereTheirCaseChanges() {
        #expect(Tokenizer.camelParts("MistralAPIStatusException") == ["mistral", "api", "status", "exception"])
        #expect(PasteAnalysis("litellm.RateLimitError: CohereException - busy", tables: .defaults()).exceptionPrefixes == ["cohere"])
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
        // A colon after the status at the very end joins it to nothing, not to a number.
        ("Error communicating with LLM: ollama error 403:\n", [403]),
    ])
    func findsStatusesOnlyInStatusContext(text: String, statuses: [Int]) {
        #expect(PasteAnalysis(text, tables: .defaults()).statuses == statuses)
    }

    @Test func portsCountOnlyAsALocalServersAddress() {
        let tables = RankingTables.defaults()
        #expect(PasteAnalysis("connect ECONNREFUSED 127.0.0.1:11434", tables: tables).ports == ["11434"])
        #expect(PasteAnalysis("HTTPConnectionPool(host='localhost', port=8000): Max retries", tables: tables).ports == ["8000"])
        #expect(PasteAnalysis("Error: Port 3000 is already in use at 12:30", tables: tables).ports.isEmpty)
    }

    @Test func hostsSayWhetherTheyCallAnAPI() {
        let hosts = PasteAnalysis("POST https://api.acme.io/v1/chat failed; see https://docs.acme.io/errors", tables: .defaults()).hosts
        #expect(hosts == [.init(name: "api.acme.io", looksLikeAnAPI: true), .init(name: "docs.acme.io", looksLikeAnAPI: false)])
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
        let ranker = Ranker(index: index)
        #expect(ranker.search("e\0\0abcdefghijklmnop e\u{301}abcdefghijklmnop unrelated words").results.isEmpty)
        #expect(ranker.closest("Error: Invalid API key (invalid_api_key)").first?.id == "odd/x")
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

    /// Ranking with the parameters every index carries (fitted on kb's own pastes, which never
    /// saw these four entries).
    func top(_ paste: String, provider: String? = nil) throws -> [Ranker.Result] {
        try answer(paste, provider: provider).results
    }

    func answer(_ paste: String, provider: String? = nil) throws -> Ranker.Answer {
        Ranker(index: SearchIndexBuilder.build(try Self.graph())).search(paste, limit: 3, provider: provider)
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
        let beta = try top("POST https://api.beta.dev/v1/messages -> HTTP 401 invalid api key")
        #expect(beta.first?.document.id == "beta/bad-key")
        #expect(beta.first?.matched.contains("provider hint api.beta.dev") == true)
        let alpha = try top("ALPHA_API_KEY is set but: HTTP 401 invalid api key")
        #expect(alpha.first?.document.id == "alpha/bad-key")
    }

    @Test func keyPrefixHintNamesTheProviderAndNeverEchoesTheKey() throws {
        let results = try top("Error code: 401 - Incorrect API key provided: ak-beta-Zx81Kq02Lm93Nb74Vc65Pq")
        #expect(results.first?.document.id == "alpha/bad-key")
        let beta = try #require(try top("Error code: 401 - Incorrect API key provided: ak-beta-Zx81Kq02Lm93Nb74Vc65Pq", provider: "beta").first)
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

    @Test func aVerbatimSignatureOnlyOneEntryClaimsIsConfidentInAnyNoise() throws {
        var noise = (0..<60).map { "  File \"/srv/app/worker\($0).py\", line \($0 * 7), in handle_\($0)\n    retry(backoff=\($0 % 5), jitter=True)" }
        noise.insert("2026-03-01 10:00:00,118 ERROR [pool-3] Rate limit reached for requests (attempt 4 of 5, 1532 ms)", at: 31)
        let best = try #require(try top(noise.joined(separator: "\n")).first)
        #expect(best.document.id == "alpha/rate-limit")
        #expect(best.matched.first == "signature \"Rate limit reached for requests\"")
    }

    /// Near evidence alone rarely decides (on real pastes it mostly fires for lookalike
    /// messages of other entries, and the fitted weights say so), so these check that it is
    /// found and puts the right entry first, not that it clears the threshold by itself.
    @Test func aSignatureBrokenByLogPrefixesOrWrappingIsANearMatch() throws {
        let ranker = Ranker(index: SearchIndexBuilder.build(try Self.graph()))
        let prefixed = ranker.closest("""
        2026-03-01 10:00:00,118 ERROR [pool-3] Rate limit
        2026-03-01 10:00:00,119 ERROR [pool-3] reached for requests in organization
        """)
        #expect(prefixed.first?.id == "alpha/rate-limit")
        #expect(prefixed.first?.matched.first == "near signature \"Rate limit reached for requests\" (5 of 5 words)")
        // Words between on one line are not a near match; across a line break they may be.
        #expect(ranker.closest("Rate limit of the pool was reached before requests").first?.matched.first?.hasPrefix("near") != true)
        // A terminal that wraps in the middle of a code value.
        let wrapped = ranker.closest("Error 429: {\"type\": \"error\", \"error\": {\"type\": \"rate_limit_exc     eeded\"}}")
        #expect(wrapped.first?.id == "alpha/rate-limit")
        #expect(wrapped.first?.matched.first == "near signature \"rate_limit_exceeded\" (3 of 3 words)")
    }

    @Test func aProviderKbDoesNotKnowIsNamedNotAnsweredFor() throws {
        let answer = try answer("openai.AuthenticationError: Error code: 401 from https://api.gamma.io/v1/chat/completions: Incorrect API key provided")
        #expect(answer.results.isEmpty)
        #expect(answer.uncertainty?.unknownProvider == "api.gamma.io")
        #expect(answer.uncertainty?.category == "authentication")
        #expect(answer.uncertainty?.closest.contains("alpha/bad-key") == true)
        let relayed = try self.answer("litellm.AuthenticationError: GammaException - invalid x-api-key")
        #expect(relayed.uncertainty?.unknownProvider == "gamma")
        // A known host is no unknown provider.
        #expect(try self.answer("POST https://api.beta.dev/v1/messages -> 401 invalid x-api-key").uncertainty == nil)
    }

    @Test func textTwoProvidersPrintWordForWordNamesBoth() throws {
        let provider = { (name: String, host: String) in "---\nname: \(name)\nendpoints:\n  - { label: API, url: \"https://\(host)/v1\" }\n---\n\(name).\n" }
        let fixture = try Fixture([
            "alpha/_index.md": provider("Alpha AI", "api.alpha.ai"),
            "beta/_index.md": provider("Beta Labs", "api.beta.dev"),
            "alpha/context.md": Fixture.entry(frontMatter: "title: Context too long\ncategory: context-length\nhttp: [400]\nsignatures: [\"maximum context length is\"]"),
            "beta/context.md": Fixture.entry(frontMatter: "title: Prompt too long\ncategory: context-length\nhttp: [400]\nsignatures: [\"maximum context length is\"]"),
        ])
        let ranker = Ranker(index: SearchIndexBuilder.build(fixture.load().graph))
        let unsure = ranker.search("Error code: 400 - This model's maximum context length is 8192 tokens")
        #expect(Set(unsure.results.map(\.document.id)) == ["alpha/context", "beta/context"])
        #expect(unsure.uncertainty?.providers == ["alpha", "beta"])
        let decided = ranker.search("POST https://api.beta.dev/v1/chat 400: This model's maximum context length is 8192 tokens")
        #expect(decided.results.first?.document.id == "beta/context")
        #expect(decided.uncertainty == nil)
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
        // Each signature is found by its two rarest tokens; with four documents every token is
        // rare, so ties go by bytes.
        #expect(SearchIndexBuilder.keys(["insufficient", "quota"], frequency: ["insufficient": 2, "quota": 1]) == ["quota", "insufficient"])
        #expect(reopened.signatures(key: "quota").map(\.record.text).contains("insufficient_quota"))
        for position in 0..<reopened.signatureCount {
            let record = reopened.signature(position)
            let keyed = Set(record.tokens).filter { token in reopened.signatures(key: token).contains { $0.position == position } }
            #expect(keyed.count == min(2, Set(record.tokens).count), "\(record.text) is keyed by \(keyed)")
        }
        // A signature of only common tokens is keyed by its first and last two, never by a
        // token that would key a long list.
        let common = Dictionary(uniqueKeysWithValues: ["internal", "server", "error"].map { ($0, SearchIndexBuilder.postingLimit + 1) })
        #expect(SearchIndexBuilder.keys(["internal", "server", "error"], frequency: common) == ["internal server", "server error"])
        #expect(SearchIndexBuilder.keys(["error"], frequency: common) == ["error"])
        #expect(reopened.tables == RankingTables.defaults(keyPrefixes: ["ak-", "ak-beta-"]))
        #expect(reopened.parameters == .fitted)
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
            _ = Ranker(index: index).search("429 insufficient_quota invalid api key api.beta.dev insufficent", limit: 3)
        }
    }
}


@Suite struct RankingModelTests {
    @Test func exponentialIsTheLibrarysToTheLastFewBits() {
        for step in -400...400 {
            let x = Double(step) / 8
            let expected = Foundation.exp(x), got = RankingMath.exp(x)
            #expect(abs(got - expected) <= 4 * expected.ulp, "exp(\(x)) = \(got), not \(expected)")
        }
        #expect(RankingMath.exp(-800) == 0 && RankingMath.exp(.nan) == 0)
    }

    @Test func fittingGivesWeightToWhatMarksTheAnswerAndNotToNoise() {
        // Feature 0 marks the right candidate; feature 1 is on for every candidate alike.
        var examples: [RankingFit.Example] = []
        for number in 0..<60 {
            let right = number % 3
            let candidates = (0..<3).map { position -> [Double] in
                var features = [Double](repeating: 0, count: Feature.allCases.count)
                features[0] = position == right ? 1 : 0
                features[1] = 1
                return features
            }
            examples.append(.init(candidates: candidates, answer: right))
        }
        examples += (0..<20).map { _ in .init(candidates: [[Double](repeating: 0, count: Feature.allCases.count)], answer: nil) }
        let fitted = RankingFit.fit(examples)
        #expect(fitted.weights[0] > 3)
        #expect(fitted.weights[0] > fitted.weights[1] + 2)
        #expect(RankingFit.fit(examples) == fitted, "the fit is deterministic")
    }

    @Test func theThresholdWeighsRightAnswersAgainstWrongOnesAndNoise() {
        let outcomes: [(confidence: Double, firstIsRight: Bool, expectsNone: Bool)] = [
            (0.9, true, false), (0.8, true, false), (0.7, false, false), (0.4, false, true), (0.3, true, false),
        ]
        // Showing from 0.75 keeps both confident right answers and shows nothing wrong.
        #expect(RankingFit.chooseThreshold(outcomes) == 0.8)
    }

    @Test func aThreadsPastesShareAFold() {
        let one = EvaluationSet.Case(expected: "a/b", paste: "x", source: "a.yml#1", origin: "https://github.com/o/r/issues/1")
        let two = EvaluationSet.Case(expected: "a/c", paste: "y", source: "b.yml#9", origin: "https://github.com/o/r/issues/1")
        #expect(CrossValidation.fold(of: one, setName: "real", folds: 5) == CrossValidation.fold(of: two, setName: "real", folds: 5))
        let folds = Set((1...40).map { CrossValidation.fold(of: .init(expected: nil, paste: "", source: "s.yml#\($0)"), setName: "written", folds: 5) })
        #expect(folds == [0, 1, 2, 3, 4])
    }
}

extension Ranker {
    /// The candidates best first with their evidence in words, whether or not they are certain
    /// enough to show.
    func closest(_ text: String) -> [(id: String, matched: [String])] {
        let reading = read(analyse(text))
        return rank(reading, parameters: parameters).order.map { item in
            let candidate = reading.candidates[item.candidate]
            return (index.documentID(candidate.document), matched(candidate, reading))
        }
    }
}

@Suite struct PasteInputTests {
    /// Feeds `text` in chunks of the given sizes, cycling, and returns what the ring kept.
    func kept(_ text: String, limit: Int, chunks: [Int]) -> PasteInput {
        var input = PasteInput(limit: limit)
        let bytes = Array(text.utf8)
        var offset = 0, turn = 0
        while offset < bytes.count {
            let size = min(chunks[turn % chunks.count], bytes.count - offset)
            bytes[offset..<(offset + size)].withUnsafeBytes { input.append($0) }
            offset += size
            turn += 1
        }
        return input
    }

    @Test(arguments: [[1], [3], [7], [8], [9], [20], [2, 11, 5], [64]])
    func keepsTheLastBytesWhateverTheChunks(chunks: [Int]) {
        let text = (0..<40).map { String($0 % 10) }.joined()
        let input = kept(text, limit: 8, chunks: chunks)
        #expect(input.text == String(text.suffix(8)))
        #expect(input.totalBytes == 40)
        #expect(input.wasTruncated)
    }

    @Test func keepsEverythingUnderTheLimit() {
        let input = kept("HTTP 429", limit: 64, chunks: [3])
        #expect(input.text == "HTTP 429")
        #expect(!input.wasTruncated)
    }

    @Test func dropsACutCharacterAtTheStartAndBlanksNUL() {
        // "é" is two bytes; keeping the last 4 of "aé\0bc" cuts it in half.
        let input = kept("aé\u{0}bc", limit: 4, chunks: [2])
        #expect(input.text == " bc")
    }
}

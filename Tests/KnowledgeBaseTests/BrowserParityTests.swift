import Foundation
import Testing
@testable import KBCore
@testable import KBContent
@testable import KBSearch
@testable import KBSite
@testable import KBCommandLine
import KBTestSupport

/// The page's search (Templates/assets/search.js) is a port of KBSearch. This holds the port to
/// the original: the site's own index pieces, read by search.js under Node, must give for every
/// paste exactly what `kb search --json` prints (results, scores, matched evidence, uncertainty)
/// and the same masked paste. It runs on every `swift test` and fails, never skips, when Node is
/// missing: `make test-deps` installs Debian's nodejs.
@Suite struct BrowserParityTests {
    static let root = ShippedKnowledgeBaseTests.root

    /// One paste as the Node harness (Tests/Parity/search-parity.js) reads it.
    struct Query: Codable, Equatable {
        var text: String
        var limit: Int
        var provider: String?
    }

    /// What both sides answered for one paste, as JSON objects.
    struct Answer {
        var json: NSDictionary
        var redactedText: String
    }

    static func node() -> String? {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            for name in ["node", "nodejs"] {
                let candidate = "\(directory)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }

    /// The site's search folder and search.js for a graph, written into a temporary folder, and
    /// the very index the pieces were cut from, for the Swift side.
    static func publish(_ graph: KnowledgeGraph, into folder: URL) throws -> SearchIndex {
        let renderer = PageRenderer(graph: graph, templates: try #require(TemplateSet.load(from: root.appendingPathComponent("Templates"), displayRoot: "Templates").0),
                                    options: SiteOptions())
        var index: SearchIndex?
        for file in renderer.searchIndexFiles() {
            let target = folder.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.bytes).write(to: target)
            if file.path.hasSuffix("/index.kbix") { index = try SearchIndex(bytes: file.bytes) }
        }
        let script = folder.appendingPathComponent("assets/search.js")
        try FileManager.default.createDirectory(at: script.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: root.appendingPathComponent("Templates/assets/search.js"), to: script)
        return try #require(index)
    }

    /// Runs the harness over the queries with one engine, as one visitor's page would.
    static func browserAnswers(site: URL, queries: [Query]) throws -> [Answer] {
        let node = try #require(Self.node(), "Node is needed for the parity test and is not on PATH: apt-get install nodejs (make test-deps does)")
        let input = site.appendingPathComponent("queries.json"), output = site.appendingPathComponent("answers.json")
        try JSONEncoder().encode(queries).write(to: input)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: node)
        process.arguments = [root.appendingPathComponent("Tests/Parity/search-parity.js").path, site.path, input.path, output.path]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "search-parity.js failed: \(message)")
        let items = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: output)) as? [[String: Any]])
        return try items.map { item in
            Answer(json: try #require(item["json"] as? NSDictionary), redactedText: try #require(item["redactedText"] as? String))
        }
    }

    static func swiftAnswer(_ ranker: Ranker, _ query: Query) throws -> Answer {
        let answer = ranker.search(query.text, limit: query.limit, provider: query.provider)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(SearchReport.json(answer).utf8)) as? NSDictionary)
        return Answer(json: json, redactedText: answer.redactedText)
    }

    /// Compares every answer and reports the first differences with their pastes.
    static func compare(_ queries: [Query], ranker: Ranker, site: URL) throws {
        let browser = try browserAnswers(site: site, queries: queries)
        try #require(browser.count == queries.count)
        var differences: [String] = []
        for (number, query) in queries.enumerated() {
            let swift = try swiftAnswer(ranker, query), page = browser[number]
            if swift.json != page.json || swift.redactedText != page.redactedText {
                differences.append("""
                paste \(number) (limit \(query.limit), provider \(query.provider ?? "-")): \(query.text.prefix(160).debugDescription)
                  kb search: \(swift.json) masked \(swift.redactedText.prefix(120).debugDescription)
                  the page:  \(page.json) masked \(page.redactedText.prefix(120).debugDescription)
                """)
            }
        }
        #expect(differences.isEmpty, "\(differences.count) of \(queries.count) pastes differ between kb search and the page:\n\(differences.prefix(8).joined(separator: "\n"))")
    }

    @Test func everyEvaluationPasteAndThousandsOfGeneratedOnesGetTheSameAnswerInThePage() throws {
        let graph = ShippedKnowledgeBaseTests.loaded.graph
        let site = TemporaryFolders.make("kb-parity")
        let index = try Self.publish(graph, into: site)
        let ranker = Ranker(index: index)

        var queries: [Query] = []
        let evaluation = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("Evaluation").path).sorted()
        for name in evaluation {
            let folder = Self.root.appendingPathComponent("Evaluation").appendingPathComponent(name)
            guard let set = try? EvaluationSet.load(from: folder) else { continue }
            queries += set.cases.map { Query(text: $0.paste, limit: 3, provider: nil) }
        }
        try #require(queries.count > 1000, "the evaluation sets were not found")
        queries += PlantedPastes.generate(graph, count: 2400, seed: 0x6b62_7061_7269_7479)
        try Self.compare(queries, ranker: ranker, site: site)
    }

    @Test func aSmallKnowledgeBaseWithItsOwnKeyFormatsAgreesToo() throws {
        // Tables come from the index, not from search.js: a provider kb never shipped, with its
        // own key prefix, must be masked and hinted the same on both sides.
        let fixture = try Fixture([
            "acme/_index.md": """
            ---
            name: Acme AI
            endpoints:
              - { label: Main, url: "https://api.acme.example/v1" }
            env: [ACME_API_KEY]
            key_prefixes: ["acme-live-"]
            ---
            Acme's API.

            """,
            "acme/invalid-key.md": Fixture.entry(frontMatter: """
            title: "Invalid key"
            category: authentication
            http: [401]
            signatures: ["acme: key rejected"]
            """),
        ])
        let loaded = fixture.load()
        #expect(loaded.diagnostics.filter { $0.severity == .error } == [])
        let site = TemporaryFolders.make("kb-parity-small")
        let ranker = Ranker(index: try Self.publish(loaded.graph, into: site))
        let queries = [
            Query(text: "Error 401 acme: key rejected for acme-live-9f8e7d6c5b4a39281706 at https://api.acme.example/v1/chat", limit: 3, provider: nil),
            Query(text: "ACME_API_KEY=acme-live-0123456789abcdef0123 curl https://api.acme.example/v1 -> 401", limit: 1, provider: "acme"),
            Query(text: "nothing to do with anything here", limit: 3, provider: nil),
        ]
        #expect(try Self.swiftAnswer(ranker, queries[0]).redactedText.contains("acme-live-9f8e7d6c5b4a39281706") == false)
        try Self.compare(queries, ranker: ranker, site: site)
    }
}

/// Pastes made from a knowledge base's own signatures inside the noise real pastes carry:
/// tracebacks, log prefixes, JSON bodies, terminal wrapping, keys of every known format in
/// headers, URLs and env lines, numbers changed, Chinese around the text. Deterministic for a
/// seed. They are for parity, where what matters is that both sides see every kind of input;
/// the search's quality is measured on real pastes (Evaluation/real), never on these.
enum PlantedPastes {
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(bound, 1))) }
        mutating func pick<T>(_ values: [T]) -> T { values[below(values.count)] }
        mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
        mutating func characters(_ alphabet: String, _ count: Int) -> String {
            let letters = Array(alphabet)
            return String((0..<count).map { _ in letters[below(letters.count)] })
        }
    }

    static let noise = [
        "Traceback (most recent call last):\n  File \"/app/main.py\", line 42, in <module>\n    response = client.chat.completions.create(**params)",
        "    at async Object.handler (/srv/node_modules/openai/core.mjs:311:19)\n    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)",
        "2026-11-30T12:04:55.123Z ERROR [worker-3] request failed after 3 retries",
        "INFO:     127.0.0.1:51234 - \"POST /v1/chat/completions HTTP/1.1\" 500 Internal Server Error",
        "panic: runtime error\n\ngoroutine 1 [running]:\nmain.main()\n\t/src/main.go:27 +0x1d",
        "{\"error\":{\"message\":\"see below\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}",
        "请求失败，错误信息如下：", "调用接口时报错", "npm ERR! code 1", "    raise self._make_status_error_from_response(err.response) from None",
        "curl: (7) Failed to connect to localhost port 11434 after 0 ms: Connection refused",
        "Exception in thread \"main\" java.lang.RuntimeException: call failed", "httpx.HTTPStatusError: Client error '429 Too Many Requests'",
    ]

    static func key(_ prefix: String, _ random: inout Generator) -> String {
        prefix + random.characters("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-", 20 + random.below(30))
    }

    static func generate(_ graph: KnowledgeGraph, count: Int, seed: UInt64) -> [BrowserParityTests.Query] {
        var random = Generator(state: seed)
        let entries = graph.entries.sorted { $0.id.rawValue.utf8.lexicographicallyPrecedes($1.id.rawValue.utf8) }
        let prefixes = Array(Set(graph.providers.flatMap(\.keyPrefixes) + ["sk-", "sk-proj-", "AIza", "Bearer "])).sorted()
        let providers = graph.providers.map(\.id.rawValue)
        var queries: [BrowserParityTests.Query] = []
        while queries.count < count {
            let entry = random.pick(entries)
            let provider = graph.provider(entry.provider)
            var signature = entry.signatures.isEmpty ? entry.title : random.pick(entry.signatures).text
            if random.chance(20) { signature = signature.replacingOccurrences(of: "4", with: String(random.below(10))) }
            if random.chance(10) { signature = String(signature.prefix(max(4, signature.count * 2 / 3))) }
            if random.chance(10) { signature = signature.uppercased() }
            var lines: [String] = []
            for _ in 0..<random.below(3) { lines.append(random.pick(noise)) }
            var line = signature
            if let status = entry.http.first, random.chance(50) { line = random.pick(["Error code: \(status.code) - ", "HTTP \(status.code): ", "status=\(status.code) "]) + line }
            if random.chance(15) {
                // Terminal wrapping at 80 columns, mid-word.
                var wrapped = "", column = 0
                for character in line { wrapped.append(character); column += 1; if column == 80 { wrapped.append("\n"); column = 0 } }
                line = wrapped
            }
            lines.append(line)
            let planted = key(random.pick(prefixes), &random)
            switch random.below(6) {
            case 0: lines.append("Authorization: Bearer \(planted)")
            case 1: lines.append("GET https://\(provider?.endpoints.first?.host ?? "api.example.com")/v1/models?api_key=\(planted)&x=1")
            case 2: lines.append("\(provider?.env.first ?? "API_KEY")=\(planted)")
            case 3: lines.append("x-api-key: \(planted)")
            case 4: lines.append("Incorrect API key provided: \(planted.prefix(8))**************\(planted.suffix(4))")
            default: break
            }
            if random.chance(20) { lines = lines.map { "[2026-12-01 10:0\(random.below(10)):00] " + $0 } }
            for _ in 0..<random.below(2) { lines.append(random.pick(noise)) }
            let text = random.chance(5) ? random.pick(noise) : lines.joined(separator: random.chance(10) ? "\r\n" : "\n")
            queries.append(BrowserParityTests.Query(
                text: text, limit: random.pick([1, 3, 3, 3, 5]), provider: random.chance(8) ? random.pick(providers) : nil))
        }
        return queries
    }
}

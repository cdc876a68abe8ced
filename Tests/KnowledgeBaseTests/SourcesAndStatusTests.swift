import Foundation
import Testing
@testable import KBCore
@testable import KBContent
@testable import KBSearch
@testable import KBSite
@testable import KBCommandLine
import KBTestSupport
import SiteAudit

/// Sources, verified days and status pages as the site, `kb show`, `kb search`, `kb stats` and
/// `kb list` show them, from `StatusPageTree`.
@Suite struct SourcesAndStatusTests {
    static let templates = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Templates")

    func graph() throws -> KnowledgeGraph {
        let loaded = try Fixture(StatusPageTree.files).load()
        #expect(loaded.errors == [], "\(loaded.rendered)")
        return loaded.graph
    }

    func site() throws -> RenderedSite {
        let (templates, diagnostics) = TemplateSet.load(from: Self.templates, displayRoot: "Templates")
        #expect(diagnostics == [])
        return SiteSession.renderInMemory(try graph(), templates: try #require(templates), options: SiteOptions(baseURL: "https://example.org/kb/"))
    }

    func page(_ site: RenderedSite, _ path: String) throws -> String {
        String(decoding: try #require(site.files[path], "no \(path)"), as: UTF8.self)
    }

    // MARK: Pieces

    @Test(arguments: [
        ("https://github.com/openai/openai-python/issues/2345", "openai/openai-python issue #2345 (GitHub)"),
        ("https://github.com/Kilo-Org/kilocode/pull/12162", "Kilo-Org/kilocode pull request #12162 (GitHub)"),
        ("https://github.com/boto/botocore/blob/0e6e2404b85dc336dd2889814e089bde7d1a4c55/botocore/exceptions.py#L12",
         "boto/botocore: botocore/exceptions.py at 0e6e240 (GitHub)"),
        ("https://github.com/openai/openai-python/blob/v3.3.1/src/openai/lib/azure.py", "openai/openai-python: src/openai/lib/azure.py at v3.3.1 (GitHub)"),
        ("https://github.com/openai/codex", "openai/codex (GitHub)"),
        ("https://www.githubstatus.com/", "githubstatus.com"),
        ("https://docs.github.com/en/github-models/use-github-models/prototyping-with-ai-models#rate-limits",
         "docs.github.com/en/github-models/use-github-models/prototyping-with-ai-models"),
        ("http://status.example.ai/?utm=x", "status.example.ai"),
    ])
    func sourceLinksReadAsHostAndPathOrTheWayGitHubNamesThings(url: String, label: String) {
        #expect(WebAddress.label(url) == label)
    }

    @Test func theStatusStepIsForServerAndTimeoutErrorsOfAProviderWithAStatusPage() throws {
        let step = try #require(StatusPageStep.step(category: "server", providerName: "Example AI", status: "https://status.example.ai", fixes: ["Retry."]))
        #expect(step.text.hasPrefix("Is it them or you? Check the status page of Example AI, https://status.example.ai:"))
        #expect(StatusPageStep.step(category: "timeout", providerName: "Example AI", status: "https://status.example.ai", fixes: []) != nil)
        #expect(StatusPageStep.step(category: "authentication", providerName: "Example AI", status: "https://status.example.ai", fixes: []) == nil)
        #expect(StatusPageStep.step(category: "server", providerName: "Localbox", status: nil, fixes: []) == nil)
        // An author who already wrote the step keeps theirs, in any case, with or without the scheme.
        #expect(StatusPageStep.step(category: "server", providerName: "Example AI", status: "https://status.example.ai/", fixes: ["Check STATUS.example.ai first."]) == nil)
    }

    // MARK: Site

    @Test func entryPagesListTheirSourcesAndWhenTheyWereVerified() throws {
        let site = try site()
        let entry = try page(site, "example/overloaded/index.html")
        let verified = StatusPageTree.recentlyVerified.description
        #expect(entry.contains("verified <a href=\"#sources\"><time datetime=\"\(verified)\">\(verified)</time></a>"), "the meta line")
        #expect(entry.contains("<section id=\"sources\" aria-labelledby=\"sources-title\">\n<h2 id=\"sources-title\">Sources</h2>"))
        #expect(entry.contains("Verified on <time datetime=\"\(verified)\">\(verified)</time> against these pages:"))
        #expect(entry.contains("<li><a href=\"https://github.com/example/example-sdk/issues/42\">example/example-sdk issue #42 (GitHub)</a></li>"))
        #expect(entry.contains("<li><a href=\"https://docs.example.ai/errors/#server\">docs.example.ai/errors</a></li>"))
        // The sources come after the entry's own sections and before the related entries.
        let sources = try #require(entry.range(of: "id=\"sources\""))
        let faq = try #require(entry.range(of: "id=\"faq\""))
        #expect(faq.lowerBound < sources.lowerBound)
        #expect(markupBreachFree(entry))
    }

    @Test func jsonLDCitesTheSources() throws {
        let entry = try page(try site(), "example/overloaded/index.html")
        let block = try #require(entry.components(separatedBy: "<script type=\"application/ld+json\">").dropFirst().first?.components(separatedBy: "</script>").first)
        let article = try #require(try JSONSerialization.jsonObject(with: Data(block.utf8)) as? [String: Any])
        #expect(article["@type"] as? String == "TechArticle")
        #expect(article["citation"] as? [String] == ["https://github.com/example/example-sdk/issues/42", "https://docs.example.ai/errors/#server"])
    }

    @Test func serverAndTimeoutFixesStartWithTheStatusPageUnlessTheyNameItAlready() throws {
        let site = try site()
        let step = "<li class=\"status-step\"><strong>Is it them or you?</strong> Check the status page of Example AI, <a href=\"https://status.example.ai\">status.example.ai</a>:"
        let server = try page(site, "example/overloaded/index.html")
        #expect(server.contains("<ol class=\"fixes\">\n" + step), "the first step of a server error")
        #expect(server.components(separatedBy: "<li").count > 3)
        #expect(!(try page(site, "example/invalid-key/index.html")).contains("status-step"), "an authentication error is not theirs")
        #expect(!(try page(site, "example/slow/index.html")).contains("status-step"), "the author's own step names the page")
        #expect(!(try page(site, "localbox/crashed/index.html")).contains("status-step"), "no status page, no step")
    }

    @Test func providerPagesShowTheirKindAndStatusPage() throws {
        let site = try site()
        let example = try page(site, "example/index.html")
        #expect(example.contains("<dt>Kind</dt><dd>Hosted API</dd>"))
        #expect(example.contains("<dt>Status page</dt><dd><a href=\"https://status.example.ai\">status.example.ai</a>"))
        let local = try page(site, "localbox/index.html")
        #expect(local.contains("<dt>Kind</dt><dd>Local server</dd>"))
        #expect(!local.contains("Status page"))
    }

    @Test func theHomePageGroupsProvidersByKind() throws {
        let home = try page(try site(), "index.html")
        let api = try #require(home.range(of: "<h3 id=\"kind-api\">Hosted APIs <span class=\"meta\">1 provider</span></h3>"))
        let local = try #require(home.range(of: "<h3 id=\"kind-local\">Local servers <span class=\"meta\">1 provider</span></h3>"))
        #expect(!home.contains("kind-gateway"), "a kind without providers has no heading")
        let example = try #require(home.range(of: "<a href=\"./example/\">Example AI</a> <span class=\"meta\">3 entries</span>"))
        let localbox = try #require(home.range(of: "<a href=\"./localbox/\">Localbox</a> <span class=\"meta\">1 entry</span>"))
        #expect(api.lowerBound < example.lowerBound && example.lowerBound < local.lowerBound && local.lowerBound < localbox.lowerBound)
    }

    func markupBreachFree(_ html: String) -> Bool { markupBreach(in: Array(html.utf8)) == nil }

    // MARK: Sources and status pages in the index

    @Test func theIndexCarriesSourcesVerifiedDaysAndStatusPagesThroughItsBytes() throws {
        let graph = try graph()
        let index = SearchIndexBuilder.build(graph, fingerprint: "test-fingerprint")
        let reopened = try SearchIndex(bytes: index.bytes)
        let document = reopened.document(try #require(reopened.documentIndex(id: "example/overloaded")))
        #expect(document.sources == ["https://github.com/example/example-sdk/issues/42", "https://docs.example.ai/errors/#server"])
        #expect(document.verified == StatusPageTree.recentlyVerified.description)
        #expect(reopened.provider(id: "example")?.status == StatusPageTree.statusPage)
        #expect(reopened.provider(id: "localbox")?.status == nil, "a provider without a status page has none")
        #expect(reopened.statusStep(for: document)?.url == StatusPageTree.statusPage)
        // The same content gives the same bytes, sources and status pages included.
        #expect(SearchIndexBuilder.build(graph, fingerprint: "f").bytes == SearchIndexBuilder.build(try self.graph(), fingerprint: "f").bytes)
    }

    /// The browser's result card shows what the entry page shows first: the records of server
    /// and timeout entries of a provider with a status page carry the step, no other does.
    @Test func theBrowsersRecordsCarryTheStatusStepWhereTheEntryPageShowsIt() throws {
        let index = SearchIndexBuilder.build(try graph(), fingerprint: "t")
        var records: [String: [String: Any]] = [:]
        for file in ShardedIndex.files(index).files where file.path.hasPrefix("r/") {
            // A record is a script that hands its JSON to the page: kb.shard("r/…", {...}).
            let text = String(decoding: file.bytes, as: UTF8.self)
            let json = try #require(text.firstIndex(of: "{").map { String(text[$0...]) }.map { String($0[..<$0.lastIndex(of: "}")!]) + "}" })
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
            records[try #require(object["id"] as? String)] = object
        }
        let status = try #require(records["example/overloaded"]?["status"] as? [String: String])
        #expect(status == ["provider": "Example AI", "url": StatusPageTree.statusPage, "label": "status.example.ai"])
        #expect(records["example/slow"]?["status"] == nil, "its own steps already name the status page")
        #expect(records["example/invalid-key"]?["status"] == nil, "an authentication error is not an outage")
        #expect(records["localbox/crashed"]?["status"] == nil, "Localbox has no status page")
        #expect(records.count == 4)
    }

    // MARK: Reports

    func document(_ id: String, in graph: KnowledgeGraph) throws -> (SearchIndex, SearchIndex.Document) {
        let index = SearchIndexBuilder.build(graph, fingerprint: "t")
        let position = try #require(index.documentIndex(id: id))
        return (index, index.document(position))
    }

    @Test func showPrintsSourcesTheVerifiedDayAndTheStatusStepFirst() throws {
        let graph = try graph()
        let (index, document) = try document("example/overloaded", in: graph)
        let text = EntryReport.text(document, signatures: index.signatures(ofDocument: index.documentIndex(id: document.id)!), style: .init(color: false),
                                    statusStep: index.statusStep(for: document))
        #expect(text.contains("Fixes\n  1. Is it them or you? Check the status page of Example AI, https://status.example.ai:"))
        #expect(text.contains("\n  2. Retry with exponential backoff.\n  3. Send fewer requests at once.\n"))
        let verified = StatusPageTree.recentlyVerified.description
        #expect(text.contains("Sources (verified \(verified))\n  https://github.com/example/example-sdk/issues/42\n  https://docs.example.ai/errors/#server\n"))

        let json = try #require(try JSONSerialization.jsonObject(with: Data(EntryReport.json(document, signatures: [], status: index.provider(id: document.provider)?.status).utf8)) as? [String: Any])
        #expect(json["sources"] as? [String] == ["https://github.com/example/example-sdk/issues/42", "https://docs.example.ai/errors/#server"])
        #expect(json["verified"] as? String == verified)
        #expect(json["status"] as? String == StatusPageTree.statusPage)
        #expect(json["fixes"] as? [String] == ["Retry with exponential backoff.", "Send fewer requests at once."], "fixes stay as written")

        // Without a status page the fixes are the author's alone.
        let bare = EntryReport.text(document, signatures: [], style: .init(color: false))
        #expect(!bare.contains("Is it them or you?"))
        let bareJSON = try #require(try JSONSerialization.jsonObject(with: Data(EntryReport.json(document, signatures: []).utf8)) as? [String: Any])
        #expect(bareJSON["status"] == nil)
    }

    @Test func statsListTheOldestChecksAndCountTheStaleOnes() throws {
        let stats = KnowledgeBaseStats(try graph(), untouched: 2, today: Day("2026-12-02")!)
        #expect(stats.oldestVerified.map(\.id) == ["example/invalid-key", "example/overloaded"])
        #expect(stats.oldestVerified.first?.verified == "2020-01-15")
        #expect(stats.oldestVerified.first?.age == Day("2026-12-02")!.daysSinceEpoch - Day("2020-01-15")!.daysSinceEpoch)
        #expect(stats.staleVerified == 1)
        #expect(stats.text.contains("Oldest checks against their sources (verified):\n  2020-01-15  2513 days ago  example/invalid-key\n"))
        #expect(stats.text.contains("1 entry verified more than 180 days ago or never (kb check warns about each)"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(stats.json.utf8)) as? [String: Any])
        #expect(json["staleVerified"] as? Int == 1)
        #expect(json["verifiedMaximumAge"] as? Int == 180)
        #expect((json["oldestVerified"] as? [[String: Any]])?.first?["id"] as? String == "example/invalid-key")
    }

    @Test func listGroupsProvidersByKindAndFiltersByKind() throws {
        let graph = try graph()
        #expect(EntryListing.providers(in: graph) == """
        Hosted APIs (1 provider, 3 entries)
          example   3  Example AI

        Local servers (1 provider, 1 entry)
          localbox  1  Localbox

        4 entries of 2 providers. One provider's entries: kb list --provider ID; every entry: kb list --all.

        """)
        #expect(EntryListing.entries(in: graph, matching: .init(kind: .local)).map(\.id.rawValue) == ["localbox/crashed"])
        #expect(EntryListing.entries(in: graph, matching: .init(category: Category("server"), kind: .api)).map(\.id.rawValue) == ["example/overloaded"])
    }
}

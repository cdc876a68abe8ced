import Foundation
import Testing
@testable import KBCore
@testable import KBContent
@testable import KBSearch
@testable import KBSite
@testable import KBCommandLine
import KBTestSupport
import KBMarkdown

/// The knowledge base this repository ships (Content/ and Evaluation/), held to the numbers its
/// issues promise: coverage per provider and category, a clean check, and search quality.
@Suite struct ShippedKnowledgeBaseTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let loaded = Workspace(contentDirectory: root.appendingPathComponent("Content"), displayRoot: "Content").load()
    /// The eleven providers of the first knowledge base.
    static let providers = ["openai", "azure-openai", "anthropic", "gemini", "moonshot", "deepseek", "mistral", "groq", "openrouter", "ollama", "openclaw"]
    /// The eighteen added after them (DESIGN.md's "Providers being added").
    static let addedProviders = [
        "aws-bedrock", "xai", "cohere", "together", "fireworks", "perplexity", "cerebras", "huggingface", "dashscope", "zhipu",
        "minimax", "siliconflow", "nvidia-nim", "github-models", "litellm", "lmstudio", "vllm", "claude-code",
    ]

    var graph: KnowledgeGraph { Self.loaded.graph }

    @Test func checksWithoutErrorsOrWarnings() {
        // Where the dates come from depends on the checkout (a shallow CI clone, files not yet
        // committed), not on the content; those warnings are GitDatesTests' business.
        let content = Self.loaded.diagnostics.filter { $0.code != .shallowHistory && $0.code != .uncommittedEntry }
        let report = content.map(\.formatted).joined(separator: "\n")
        #expect(content.isEmpty, "kb check Content must be clean:\n\(report)")
    }

    @Test func hasTheTwentyNineProvidersWithTheEntriesTheirIssuesPromise() {
        #expect(graph.providers.map(\.id.rawValue).sorted() == (Self.providers + Self.addedProviders).sorted())
        func count(_ provider: String) -> Int { graph.entries(of: ProviderID(provider)).count }
        // The eleven: 180 in all, OpenAI, Anthropic and Gemini 20 each, none under 12 but the
        // gateway's own errors and the local server.
        #expect(Self.providers.map(count).reduce(0, +) >= 180)
        for provider in ["openai", "anthropic", "gemini"] { #expect(count(provider) >= 20, "\(provider) has \(count(provider))") }
        for provider in Self.providers where !["openclaw", "ollama"].contains(provider) {
            #expect(count(provider) >= 12, "\(provider) has \(count(provider)) entries; at least 12 are promised")
        }
        for provider in Self.addedProviders { #expect(count(provider) >= 6, "\(provider) has \(count(provider)) entries; at least 6 are promised") }
        #expect(graph.entries.count >= 300, "\(graph.entries.count) entries; at least 300 are promised")
    }

    @Test func everyEntryNamesPublicSourcesAndWhenItWasChecked() {
        for entry in graph.entries {
            #expect(!entry.sources.isEmpty && entry.sources.allSatisfy(WebAddress.isHTTP), "\(entry.id)")
            #expect(entry.verified != nil, "\(entry.id)")
        }
    }

    @Test func everyCategoryHasEntriesAndAPIProvidersCoverTheCommonOnes() {
        for category in SiteConfiguration.defaultCategories.map(\.id) {
            #expect(!graph.entries(in: category).isEmpty, "no entry in category \(category)")
        }
        // The eleven APIs of the first knowledge base; the providers added later have the
        // categories their documentation and threads show (at least six entries each).
        for provider in graph.providers where provider.kind == .api && Self.providers.contains(provider.id.rawValue) {
            let categories = Set(graph.entries(of: provider.id).map(\.category.rawValue))
            for expected in ["authentication", "rate-limit", "invalid-request"] {
                #expect(categories.contains(expected), "\(provider.id) has no \(expected) entry")
            }
            #expect(categories.count >= 5, "\(provider.id) covers only \(categories.sorted())")
        }
    }

    @Test func everyEntryHasThreeCausesThreeFixesAndTwoAnswers() {
        for entry in graph.entries {
            #expect(entry.causes.count >= 3, "\(entry.id): \(entry.causes.count) causes")
            #expect(entry.fixes.count >= 3, "\(entry.id): \(entry.fixes.count) fixes")
            #expect(entry.faq.count >= 2, "\(entry.id): \(entry.faq.count) FAQ answers")
        }
    }

    @Test func theTwoEntriesThisProjectStartedFromAreLinkedBothWays() throws {
        let moonshot = EntryID(provider: ProviderID("moonshot"), slug: "authentication-failed")
        let openclaw = EntryID(provider: ProviderID("openclaw"), slug: "unrecognized-config-key")
        let entry = try #require(graph.entry(moonshot))
        #expect(entry.signatures.map(\.text).contains("HTTP 401: Invalid Authentication"))
        #expect(graph.related(to: moonshot).contains(openclaw))
        #expect(graph.related(to: openclaw).contains(moonshot))
        #expect(graph.referencedBy(moonshot).contains(openclaw))
        let config = try #require(graph.entry(openclaw))
        #expect(config.signatures.contains { $0.text.contains("Unrecognized key") })
    }

    @Test func confusableErrorsAreRelated() {
        // Rate limit against exhausted quota, 401 against 403, model not found against no access.
        var linked = 0
        for entry in graph.entries where entry.category.rawValue == "rate-limit" {
            if graph.related(to: entry.id).contains(where: { graph.entry($0)?.category.rawValue == "billing" }) { linked += 1 }
        }
        #expect(linked >= 5, "only \(linked) rate-limit entries link a billing entry")
    }

    // MARK: Search quality

    static let evaluation = try? EvaluationSet.load(from: root.appendingPathComponent("Evaluation/written"))
    static let real = try? EvaluationSet.load(from: root.appendingPathComponent("Evaluation/real"))

    @Test func evaluationSetIsBigAndCoversEveryEntryProviderAndCategory() throws {
        let set = try #require(Self.evaluation)
        let real = try #require(Self.real)
        let expected = set.cases.compactMap(\.expected)
        #expect(expected.count >= 100, "\(expected.count) labelled pastes; at least 100 are promised")
        #expect(set.cases.filter { $0.expected == nil }.count >= 20, "at least 20 unrelated pastes are promised")
        // Every entry has a paste in one of the two sets.
        let ids = Set(expected + real.cases.compactMap(\.expected))
        for entry in graph.entries { #expect(ids.contains(entry.id.rawValue), "no paste for \(entry.id)") }
        for id in ids { #expect(graph.entry(EntryID(id)!) != nil, "a paste expects unknown entry \(id)") }
    }

    /// Held-out figures only: the parameters are fitted on these pastes, so the figures that
    /// mean something are cross-validated. The bounds sit a little under what `kb eval`
    /// reports, so a change that costs accuracy fails here.
    @Test func searchHoldsItsCrossValidatedFiguresAndTheShippedFitIsCurrent() throws {
        let written = try #require(Self.evaluation), real = try #require(Self.real)
        let validation = CrossValidation.run([real, written], ranker: Ranker(index: SearchIndexBuilder.build(graph)))
        let (realReport, writtenReport) = (validation.reports[0], validation.reports[1])
        #expect(writtenReport.top1Accuracy >= 0.97 && writtenReport.top3Accuracy >= 0.98 && writtenReport.falseMatchRate <= 0.05, "\(writtenReport.text)")
        #expect(realReport.top1Accuracy >= 0.875 && realReport.top3Accuracy >= 0.895 && realReport.falseMatchRate <= 0.20, "\(realReport.line)")
        #expect(validation.fitted == RankingParameters.fitted,
                "Sources/KBSearch/FittedParameters.swift is not the fit of today's features and pastes: run kb eval --fit Sources/KBSearch/FittedParameters.swift")
    }
}

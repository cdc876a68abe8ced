import Foundation
import FuzzDriver
import SiteAudit
@testable import KBCore
@testable import KBContent
@testable import KBSearch
@testable import KBSite
import KBMarkdown

// Any bytes as an entry of a small knowledge base (the shipped OpenAI provider and one fixed
// entry beside it), taken the whole way: front-matter, cmark, the graph and its validation, the
// entries' pages, and the search index. Whatever the entry says, every page stays inside the
// markup the templates and cmark's safe renderer write, and the index reads back.

let templates: TemplateSet = {
    let (set, diagnostics) = TemplateSet.load(from: repositoryRoot.appendingPathComponent("Templates"), displayRoot: "Templates")
    guard let set else { fatalError("templates do not load: \(diagnostics.map(\.formatted))") }
    return set
}()
let provider = ContentPipeline.parse(
    bytes: Array(repositoryText("Content/openai/_index.md").utf8),
    source: SourceFile(displayPath: "Content/openai/_index.md", relativePath: "openai/_index.md"),
    role: .provider(ProviderID("openai")), categories: SiteConfiguration.default.categories.map(\.id))
let neighbourID = EntryID(provider: ProviderID("openai"), slug: "insufficient-quota")
let neighbour = ContentPipeline.parse(
    bytes: Array(repositoryText("Content/openai/insufficient-quota.md").utf8),
    source: SourceFile(displayPath: "Content/openai/insufficient-quota.md", relativePath: "openai/insufficient-quota.md"),
    role: .entry(neighbourID), categories: SiteConfiguration.default.categories.map(\.id))
let pipeline = ContentPipeline(workspace: Workspace(contentDirectory: URL(fileURLWithPath: "/nonexistent/Content"), displayRoot: "Content"), dates: GitDates())

func file(_ relativePath: String, _ role: ContentFiles.Role) -> ContentFiles.File {
    ContentFiles.File(path: "/nonexistent/Content/\(relativePath)", source: SourceFile(displayPath: "Content/\(relativePath)", relativePath: relativePath), role: role)
}
let files = [
    file("openai/_index.md", .provider(ProviderID("openai"))),
    file("openai/fuzz.md", .entry(EntryID(provider: ProviderID("openai"), slug: "fuzz"))),
    file("openai/insufficient-quota.md", .entry(neighbourID)),
]

runFuzzer { data, size in
    let bytes = fuzzInput(data, size)
    let entry = ContentPipeline.parse(bytes: bytes, source: files[1].source, role: files[1].role, categories: SiteConfiguration.default.categories.map(\.id))
    let result = pipeline.assemble(files: files, parsed: [provider, entry, neighbour], diagnostics: [], configuration: .default)
    require(result.graph.entries.count == (entry.entry == nil ? 1 : 2), "an entry that parsed is missing from the graph")

    // The entries' pages, where everything the entry says is shown; the whole site (lists,
    // feeds) costs ten times as much per input and only repeats these fields, escaped the same way.
    let renderer = PageRenderer(graph: result.graph, templates: templates, options: SiteOptions())
    for entry in result.graph.entries {
        let page = renderer.render(.entry(entry.id))
        require(!page.path.hasPrefix("/") && !page.path.split(separator: "/").contains("..") && !page.path.contains("\\"), "the page is written outside the site: \(page.path)")
        if let breach = markupBreach(in: page.bytes) { require(false, "\(page.path): \(breach)") }
    }

    let index = SearchIndexBuilder.build(result.graph)
    let reread = try? SearchIndex(bytes: index.bytes)
    require(reread?.documentCount == result.graph.entries.count, "the search index does not read back")
    return 0
}

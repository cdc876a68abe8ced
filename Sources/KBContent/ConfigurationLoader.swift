public import Foundation
public import KBCore

extension SiteConfiguration {
    static let allowedKeys = ["title", "base_url", "repository", "branch", "categories"]

    /// Reads `kb.yml`; a missing file is the defaults, a broken one is diagnostics.
    public static func load(from url: URL, displayPath: String) -> (SiteConfiguration, [Diagnostic]) {
        guard let data = FileManager.default.contents(atPath: url.path) else { return (.default, []) }
        return parse(Array(data), displayPath: displayPath)
    }

    /// Reads the bytes of a `kb.yml`.
    static func parse(_ bytes: [UInt8], displayPath: String) -> (SiteConfiguration, [Diagnostic]) {
        let text: String
        switch SourceText.decode(bytes) {
        case .success(let source): text = source.text
        case .failure(.invalidUTF8(let position)):
            return (.default, [.invalidUTF8(path: displayPath, at: position)])
        }
        var fields = YAMLFields(yaml: text, path: displayPath, firstLine: 1, allowedKeys: allowedKeys)
        var configuration = SiteConfiguration.default
        if let (title, _) = fields.string("title", example: "\"LLM API errors\"") { configuration.title = title }
        // Both end up in every page's links: only web addresses, never `javascript:`.
        if let (baseURL, range) = fields.string("base_url", example: "https://example.org/kb/") {
            if WebAddress.isBase(baseURL) {
                configuration.baseURL = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
            } else {
                fields.report(.invalidAddress(.baseURL, baseURL, path: displayPath, range: range))
            }
        }
        if let (repository, range) = fields.string("repository", example: "https://github.com/owner/repo") {
            if WebAddress.isHTTP(repository) {
                configuration.repositoryURL = repository
            } else {
                fields.report(.invalidAddress(.repository, repository, path: displayPath, range: range))
            }
        }
        if let (branch, range) = fields.string("branch", example: "main") {
            // The branch is a path segment of every "Edit this page" link.
            let isBranchName = !branch.hasPrefix("-") && !branch.hasPrefix("/") && !branch.contains("..") && branch.utf8.allSatisfy { $0.isKeyCharacter || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "/") }
            if isBranchName {
                configuration.branch = branch
            } else {
                fields.report(.invalidBranch(branch, path: displayPath, range: range))
            }
        }
        if fields.has("categories") {
            var categories: [CategoryInfo] = []
            for (item, range) in fields.mappingList("categories", example: "{ id: billing, name: Billing, description: \"...\" }") {
                guard let id = item["id"]?.value, IdentifierSyntax.isValid(id) else {
                    fields.report(.invalidCategoryDefinition(path: displayPath, range: item["id"]?.range ?? range))
                    continue
                }
                categories.append(CategoryInfo(id: Category(id), name: item["name"]?.value ?? id, description: item["description"]?.value ?? ""))
            }
            if !categories.isEmpty { configuration.categories = categories }
        }
        return (configuration, fields.diagnostics)
    }
}

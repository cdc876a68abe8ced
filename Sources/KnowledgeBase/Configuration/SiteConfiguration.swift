import Foundation
import Markdown

/// `kb.yml`: the site's title and addresses, and the closed set of categories. Every setting
/// has a default, so a bare folder of entries works with no configuration at all.
public struct SiteConfiguration: Sendable, Equatable {
    public struct CategoryInfo: Sendable, Equatable {
        public var id: Category
        public var name: String
        public var description: String
    }

    public var title: String
    public var baseURL: String
    /// Where "edit this page" links point: a repository URL such as https://github.com/o/r.
    public var repositoryURL: String?
    public var branch: String
    public var categories: [CategoryInfo]

    public static let defaultCategories: [CategoryInfo] = [
        .init(id: Category("authentication"), name: "Authentication", description: "The API key or token is missing, wrong, expired or revoked."),
        .init(id: Category("permission"), name: "Permission", description: "The key is valid but may not use this model, region, project or feature."),
        .init(id: Category("billing"), name: "Billing and quota", description: "The account has no credit, no payment method, or has used its quota."),
        .init(id: Category("rate-limit"), name: "Rate limits", description: "Too many requests or tokens in a time window; retry later or slower."),
        .init(id: Category("model-not-found"), name: "Model not found", description: "The model or deployment name does not exist for this account or endpoint."),
        .init(id: Category("context-length"), name: "Context length", description: "The prompt and the requested output do not fit the model's context window."),
        .init(id: Category("invalid-request"), name: "Invalid request", description: "The request body, parameters or headers are malformed or not supported."),
        .init(id: Category("server"), name: "Server errors", description: "The provider failed or is overloaded; the request itself may be fine."),
        .init(id: Category("timeout"), name: "Timeouts and connections", description: "The request took too long or the connection could not be made."),
        .init(id: Category("config"), name: "Configuration", description: "A client, SDK or gateway is set up wrong: config files, env variables, endpoints."),
    ]

    public static let `default` = SiteConfiguration(
        title: "kb: LLM API errors", baseURL: "/", repositoryURL: nil, branch: "main", categories: defaultCategories
    )

    public init(title: String, baseURL: String, repositoryURL: String?, branch: String, categories: [CategoryInfo]) {
        self.title = title
        self.baseURL = baseURL
        self.repositoryURL = repositoryURL
        self.branch = branch
        self.categories = categories
    }

    public func category(_ id: Category) -> CategoryInfo? { categories.first { $0.id == id } }

    static let allowedKeys = ["title", "base_url", "repository", "branch", "categories"]

    /// Reads `kb.yml`; a missing file is the defaults, a broken one is diagnostics.
    public static func load(from url: URL, displayPath: String) -> (SiteConfiguration, [Diagnostic]) {
        guard let data = FileManager.default.contents(atPath: url.path) else { return (.default, []) }
        let text: String
        switch SourceText.decode(Array(data)) {
        case .success(let source): text = source.text
        case .failure(.invalidUTF8(let position)):
            return (.default, [.error("file is not valid UTF-8; save it as UTF-8", path: displayPath, at: position)])
        }
        var fields = YAMLFields(yaml: text, path: displayPath, firstLine: 1, allowedKeys: allowedKeys)
        var configuration = SiteConfiguration.default
        if let title = fields.string("title", example: "\"LLM API errors\"") { configuration.title = title }
        // Both end up in every page's links: only web addresses, never `javascript:`.
        if let baseURL = fields.string("base_url", example: "https://example.org/kb/") {
            if WebAddress.isBase(baseURL) {
                configuration.baseURL = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
            } else {
                fields.report(.error("base_url '\(baseURL)' must be an http:// or https:// address, or a path starting with '/'", path: displayPath, at: fields.position(of: "base_url")))
            }
        }
        if let repository = fields.string("repository", example: "https://github.com/owner/repo") {
            if WebAddress.isHTTP(repository) {
                configuration.repositoryURL = repository
            } else {
                fields.report(.error("repository '\(repository)' must be an http:// or https:// address", path: displayPath, at: fields.position(of: "repository")))
            }
        }
        if let branch = fields.string("branch", example: "main") {
            // The branch is a path segment of every "Edit this page" link.
            let isBranchName = !branch.hasPrefix("-") && !branch.hasPrefix("/") && !branch.contains("..") && branch.utf8.allSatisfy { $0.isKeyCharacter || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "/") }
            if isBranchName {
                configuration.branch = branch
            } else {
                fields.report(.error("branch '\(branch)' cannot be part of a link: use letters, digits, '-', '_', '.' and '/', like main or release/2.0", path: displayPath, at: fields.position(of: "branch")))
            }
        }
        if fields.has("categories") {
            var categories: [CategoryInfo] = []
            for (item, position) in fields.mappingList("categories", example: "{ id: billing, name: Billing, description: \"...\" }") {
                guard let id = item["id"]?.0, IdentifierSyntax.isValid(id) else {
                    fields.report(.error("a category needs an 'id' of lower-case letters, digits and hyphens", path: displayPath, at: position))
                    continue
                }
                categories.append(CategoryInfo(id: Category(id), name: item["name"]?.0 ?? id, description: item["description"]?.0 ?? ""))
            }
            if !categories.isEmpty { configuration.categories = categories }
        }
        return (configuration, fields.diagnostics)
    }
}

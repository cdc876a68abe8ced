/// `kb.yml`: the site's title and addresses, and the closed set of categories. Every setting
/// has a default, so a bare folder of entries works with no configuration at all.
public struct SiteConfiguration: Sendable, Equatable {
    /// A category: its id, the name pages show, and a sentence about it.
    public struct CategoryInfo: Sendable, Equatable {
        /// The id entries write in `category:`.
        public var id: Category
        /// The name pages show.
        public var name: String
        /// One sentence for the category's page.
        public var description: String

        /// A category.
        public init(id: Category, name: String, description: String) {
            self.id = id
            self.name = name
            self.description = description
        }
    }

    /// The site's title.
    public var title: String
    /// Where the site is published; `/` when nothing says.
    public var baseURL: String
    /// Where "edit this page" links point: a repository URL such as https://github.com/o/r.
    public var repositoryURL: String?
    /// The branch "edit this page" links open.
    public var branch: String
    /// The closed set of categories, in the order pages list them.
    public var categories: [CategoryInfo]

    /// The ten categories of DESIGN.md.
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

    /// Every setting's default: what a folder of entries without kb.yml gets.
    public static let `default` = SiteConfiguration(
        title: "kb: LLM API errors", baseURL: "/", repositoryURL: nil, branch: "main", categories: defaultCategories
    )

    /// A configuration.
    public init(title: String, baseURL: String, repositoryURL: String?, branch: String, categories: [CategoryInfo]) {
        self.title = title
        self.baseURL = baseURL
        self.repositoryURL = repositoryURL
        self.branch = branch
        self.categories = categories
    }

    /// The category with this id.
    public func category(_ id: Category) -> CategoryInfo? { categories.first { $0.id == id } }
}

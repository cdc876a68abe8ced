/// The word lists and key formats ranking reads, besides the entries: written into every index
/// by the builder from the defaults below, read back from it by `kb search` and by the browser,
/// so the two never keep copies of their own.
public struct RankingTables: Sendable, Equatable {
    /// Words too common in error text to say anything about which error it is.
    public var stopwords: Set<String>
    /// Key prefixes to mask: the built-in ones and the providers' own.
    public var keyPrefixes: [String]
    /// Words after which the next token is a credential whatever it looks like.
    public var credentialLabels: [String]
    /// Words that, before a three-digit number, make it an HTTP status.
    public var statusLeadWords: Set<String>
    /// First words of reason phrases after a status (`429 Too Many Requests`).
    public var reasonWords: Set<String>
    /// Words of class names and messages that say which kind of error it is, with the
    /// category each points to (`ratelimiterror` → rate-limit).
    public var categoryCues: [(word: String, category: String)]
    /// Hosts that mean "this machine" and say nothing about which API answered.
    public var localHosts: Set<String> = []
    /// Exception-class prefixes that name no provider (`APIConnectionError` → api).
    public var genericExceptionPrefixes: Set<String> = []
    /// Path words of an address that calls an API rather than showing a page.
    public var apiPathWords: [String] = []
    /// Endings of source and data files, which a bare `api.` name may be (`api.go`).
    public var sourceExtensions: Set<String> = []

    /// Tables.
    public init(stopwords: Set<String>, keyPrefixes: [String], credentialLabels: [String], statusLeadWords: Set<String>, reasonWords: Set<String>,
                categoryCues: [(word: String, category: String)], localHosts: Set<String> = [], genericExceptionPrefixes: Set<String> = [],
                apiPathWords: [String] = [], sourceExtensions: Set<String> = []) {
        self.stopwords = stopwords
        self.keyPrefixes = keyPrefixes
        self.credentialLabels = credentialLabels
        self.statusLeadWords = statusLeadWords
        self.reasonWords = reasonWords
        self.categoryCues = categoryCues
        self.localHosts = localHosts
        self.genericExceptionPrefixes = genericExceptionPrefixes
        self.apiPathWords = apiPathWords
        self.sourceExtensions = sourceExtensions
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.stopwords == rhs.stopwords && lhs.keyPrefixes == rhs.keyPrefixes && lhs.credentialLabels == rhs.credentialLabels
            && lhs.statusLeadWords == rhs.statusLeadWords && lhs.reasonWords == rhs.reasonWords
            && lhs.categoryCues.map(\.word) == rhs.categoryCues.map(\.word) && lhs.categoryCues.map(\.category) == rhs.categoryCues.map(\.category)
            && lhs.localHosts == rhs.localHosts && lhs.genericExceptionPrefixes == rhs.genericExceptionPrefixes
            && lhs.apiPathWords == rhs.apiPathWords && lhs.sourceExtensions == rhs.sourceExtensions
    }

    /// The defaults, with a knowledge base's own key prefixes added.
    public static func defaults(keyPrefixes extra: [String] = []) -> RankingTables {
        var prefixes = SecretMasker.keyPrefixes
        for prefix in extra where !prefixes.contains(prefix) { prefixes.append(prefix) }
        return RankingTables(
            stopwords: Set(defaultStopwords), keyPrefixes: prefixes, credentialLabels: SecretMasker.credentialLabels,
            statusLeadWords: Set(PasteAnalysis.statusLeadWords), reasonWords: Set(PasteAnalysis.reasonWords), categoryCues: defaultCategoryCues,
            localHosts: defaultLocalHosts, genericExceptionPrefixes: defaultGenericExceptionPrefixes, apiPathWords: defaultAPIPathWords,
            sourceExtensions: defaultSourceExtensions
        )
    }

    /// Tables that mask nothing extra and know no words, for an index that carries none.
    public static let empty = RankingTables(stopwords: [], keyPrefixes: [], credentialLabels: [], statusLeadWords: [], reasonWords: [], categoryCues: [])

    static let defaultStopwords = [
        "a", "an", "the", "to", "of", "in", "on", "at", "by", "for", "from", "with", "and", "or", "is", "are", "was", "be",
        "been", "it", "its", "this", "that", "these", "you", "your", "we", "our", "as", "if", "please", "can", "will", "has",
        "have", "do", "does", "i", "my", "me", "so", "but", "then", "than", "there", "here", "into", "also", "any", "all",
    ]

    /// What SDKs and wrappers name their error classes and codes after: the class word, lower-
    /// cased as the tokenizer gives it, and the category of errors it is raised for.
    static let defaultCategoryCues: [(word: String, category: String)] = [
        ("authenticationerror", "authentication"), ("unauthorized", "authentication"), ("unauthenticated", "authentication"),
        ("permissiondeniederror", "permission"), ("forbidden", "permission"), ("accessdenied", "permission"),
        ("accessdeniedexception", "permission"),
        ("ratelimiterror", "rate-limit"), ("ratelimitexceeded", "rate-limit"), ("throttlingexception", "rate-limit"), ("throttled", "rate-limit"),
        ("notfounderror", "model-not-found"), ("resourcenotfoundexception", "model-not-found"),
        ("badrequesterror", "invalid-request"), ("validationexception", "invalid-request"), ("unprocessableentityerror", "invalid-request"),
        ("contextwindowexceedederror", "context-length"),
        ("internalservererror", "server"), ("serviceunavailableerror", "server"), ("serviceunavailableexception", "server"),
        ("overloaded", "server"), ("overloadederror", "server"),
        ("apitimeouterror", "timeout"), ("timeouterror", "timeout"), ("readtimeout", "timeout"), ("connecttimeout", "timeout"),
        ("apiconnectionerror", "timeout"), ("connecterror", "timeout"), ("connectionrefusederror", "timeout"), ("econnrefused", "timeout"),
        // A refused connection is a server that is not running as often as a network problem.
        ("apiconnectionerror", "server"), ("connecterror", "server"), ("connectionrefusederror", "server"), ("econnrefused", "server"),
        ("insufficient", "billing"), ("billing", "billing"), ("credits", "billing"), ("balance", "billing"),
    ]

    static let defaultLocalHosts: Set<String> = ["localhost", "127.0.0.1", "0.0.0.0", "host.docker.internal"]

    static let defaultGenericExceptionPrefixes: Set<String> = [
        "api", "http", "connection", "timeout", "value", "key", "runtime", "type", "attribute", "index", "internal", "bad", "service",
        "content", "context", "rate", "json", "openai", "litellm", "proxy", "router", "budget", "auth", "authentication", "permission",
        "not", "unprocessable", "validation", "base", "custom", "generic", "unknown", "status", "stream", "client", "server",
        // AWS's own exception names, relayed by LiteLLM from Bedrock.
        "serviceunavailable", "throttling", "accessdenied", "resourcenotfound", "modelnotready", "modeltimeout", "modelerror",
        "modelstreamerror", "conflict", "servicequotaexceeded",
    ]

    static let defaultAPIPathWords: [String] = [
        "/v1", "/v2", "/v3", "/v4", "/v1beta", "/api/chat", "/api/generate", "/api/embed", "/chat/", "/completions", "/embeddings",
        "/messages", "/inference", "/predictions",
    ]

    static let defaultSourceExtensions: Set<String> = [
        "go", "py", "js", "ts", "rs", "rb", "cs", "kt", "java", "php", "c", "h", "cpp", "md", "txt", "log", "json", "yaml", "yml", "toml",
        "sh", "mjs", "cjs", "tsx", "jsx", "swift",
    ]
}

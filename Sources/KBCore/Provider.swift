/// A provider node (`Content/<id>/_index.md`): whose API, gateway or local server the errors
/// of its entries come from, and what in a paste points at it.
public struct Provider: Sendable, Equatable {
    /// What the provider is, which groups the home page and weighs how much naming it says.
    public enum Kind: String, Sendable, CaseIterable, Codable {
        /// A hosted API (OpenAI, Anthropic).
        case api
        /// A proxy or router in front of other providers (OpenRouter, LiteLLM, OpenClaw).
        case gateway
        /// A server on the user's own machine (Ollama, vLLM).
        case local

        /// How the home page heads a group of this kind.
        public var heading: String {
            switch self {
            case .api: "Hosted APIs"
            case .gateway: "Gateways and proxies"
            case .local: "Local servers"
            }
        }

        /// What one provider of this kind is, for its page.
        public var name: String {
            switch self {
            case .api: "Hosted API"
            case .gateway: "Gateway or proxy"
            case .local: "Local server"
            }
        }
    }

    /// A base URL the provider serves, with a label for people (`China`).
    public struct Endpoint: Sendable, Equatable {
        /// What this endpoint is for.
        public var label: String
        /// The base URL as written.
        public var url: String

        /// An endpoint.
        public init(label: String, url: String) {
            self.label = label
            self.url = url
        }

        /// The host of the URL (`api.moonshot.ai`), the part a pasted error is likely to contain.
        /// A local host keeps its port (`localhost:11434`): every local server is `localhost`,
        /// and only the port says which one.
        public var host: String? {
            let utf8 = Array(url.utf8)
            guard let colon = utf8.indices.first(where: { $0 + 2 < utf8.count && utf8[$0] == UInt8(ascii: ":") && utf8[$0 + 1] == UInt8(ascii: "/") && utf8[$0 + 2] == UInt8(ascii: "/") }) else { return nil }
            let rest = String(decoding: utf8[(colon + 3)...], as: UTF8.self)
            let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }.lowercased()
            let host = authority.prefix { $0 != ":" }
            guard !host.isEmpty else { return nil }
            if Self.localHosts.contains(String(host)) {
                return authority.contains(":") ? authority : nil
            }
            return String(host)
        }

        /// Hosts that mean "this machine".
        public static let localHosts: Set<String> = ["localhost", "127.0.0.1", "0.0.0.0"]
    }

    /// The folder name.
    public let id: ProviderID
    /// The name people know it by.
    public var name: String
    /// API, gateway or local server.
    public var kind: Kind
    /// Other names in pastes and configs (`kimi`, a LiteLLM prefix); search hints.
    public var aliases: [String]
    /// Its website.
    public var website: String?
    /// Its base URLs; their hosts are search hints.
    public var endpoints: [Endpoint]
    /// Environment variables its SDKs read (`MOONSHOT_API_KEY`); search hints.
    public var env: [String]
    /// How its API keys start; search hints, and masked in pastes.
    public var keyPrefixes: [String]
    /// The provider's public status page, where it has one ("is it them or you?").
    public var status: String?
    /// The Markdown under the front-matter, for the provider page.
    public var description: MarkdownSource
    /// The same as plain text.
    public var descriptionText: String
    /// The `_index.md` it came from.
    public var source: SourceFile

    /// A provider (the parser and tests make them).
    public init(
        id: ProviderID, name: String, kind: Kind = .api, aliases: [String] = [], website: String? = nil,
        endpoints: [Endpoint] = [], env: [String] = [], keyPrefixes: [String] = [], status: String? = nil,
        description: MarkdownSource = MarkdownSource(text: "", lineOffset: 0), descriptionText: String = "", source: SourceFile
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.aliases = aliases
        self.website = website
        self.endpoints = endpoints
        self.env = env
        self.keyPrefixes = keyPrefixes
        self.status = status
        self.description = description
        self.descriptionText = descriptionText
        self.source = source
    }
}

/// Where a node came from: the path as shown to people, and the path relative to `Content/`.
public struct SourceFile: Hashable, Sendable {
    /// The path as the user named it (`Content/openai/x.md`).
    public var displayPath: String
    /// The path inside the content folder (`openai/x.md`).
    public var relativePath: String

    /// A file's two paths.
    public init(displayPath: String, relativePath: String) {
        self.displayPath = displayPath
        self.relativePath = relativePath
    }
}

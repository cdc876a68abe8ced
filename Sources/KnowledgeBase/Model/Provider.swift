public struct Provider: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable, Codable {
        case api, gateway, local
    }

    public struct Endpoint: Sendable, Equatable {
        public var label: String
        public var url: String

        /// The host of the URL (`api.moonshot.ai`), the part a pasted error is likely to contain.
        /// A local host keeps its port (`localhost:11434`): every local server is `localhost`,
        /// and only the port says which one.
        public var host: String? {
            guard let schemeEnd = url.range(of: "://") else { return nil }
            let rest = url[schemeEnd.upperBound...]
            let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }.lowercased()
            let host = authority.prefix { $0 != ":" }
            guard !host.isEmpty else { return nil }
            if Self.localHosts.contains(String(host)) {
                return authority.contains(":") ? authority : nil
            }
            return String(host)
        }

        static let localHosts: Set<String> = ["localhost", "127.0.0.1", "0.0.0.0"]
    }

    public let id: ProviderID
    public var name: String
    public var kind: Kind
    public var aliases: [String]
    public var website: String?
    public var endpoints: [Endpoint]
    public var env: [String]
    public var keyPrefixes: [String]
    /// The provider's public status page, where it has one ("is it them or you?").
    public var status: String? = nil
    /// The paragraph under the front-matter, as cmark's safe HTML and as plain text.
    public var descriptionHTML: String
    public var descriptionText: String
    public var source: SourceFile
}

/// Where a node came from: the path as shown to people, and the path relative to `Content/`.
public struct SourceFile: Hashable, Sendable {
    public var displayPath: String
    public var relativePath: String
}

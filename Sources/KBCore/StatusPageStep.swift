/// "Is it them or you?": the step that the fixes of a server or timeout error start with when
/// its provider has a public status page. Made from the provider's `status:` and the entry's
/// category where the fixes are shown (terminal and site alike), never written into entries.
public struct StatusPageStep: Sendable, Equatable {
    /// The categories whose errors may be the provider's own outage.
    public static let categories: Set<String> = ["server", "timeout"]

    /// The provider's name, as pages and reports show it.
    public var providerName: String
    /// The status page's address.
    public var url: String

    /// A step for a provider and its status page.
    public init(providerName: String, url: String) {
        self.providerName = providerName
        self.url = url
    }

    /// The step as one sentence, for the terminal.
    public var text: String {
        "Is it them or you? Check the status page of \(providerName), \(url): an open incident means the fault is theirs; "
            + "wait and retry. If it shows none, look at your side (the next steps)."
    }

    /// The step for an entry of this category whose fixes are `fixes`, when its provider has a
    /// status page; nil for other categories, without a status page, or when one of the author's
    /// own steps already names the page (host and path, any case).
    public static func step(category: String, providerName: String, status: String?, fixes: [String]) -> StatusPageStep? {
        guard categories.contains(category), let status, !status.isEmpty else { return nil }
        let needle = WebAddress.hostAndPath(status).lowercased()
        if !needle.isEmpty, fixes.contains(where: { $0.lowercased().contains(needle) }) { return nil }
        return StatusPageStep(providerName: providerName, url: status)
    }
}

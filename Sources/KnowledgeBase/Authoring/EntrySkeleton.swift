import Foundation

/// `kb new`: the text of a new entry with every required part present and marked for the author
/// to fill, so that it passes `kb check` once the placeholders are replaced.
public enum EntrySkeleton {
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case badID(String)
        case unknownProvider(String, suggestion: String?)
        case unknownCategory(String, suggestion: String?)
        case exists(String)

        public var description: String {
            switch self {
            case .badID(let id): return "'\(id)' is not an entry id; write it as provider/slug, lower-case letters, digits and hyphens (openai/rate-limit)"
            case .unknownProvider(let id, let near): return "no provider '\(id)' (no \(id)/_index.md)\(near.map { "; did you mean '\($0)'?" } ?? "")"
            case .unknownCategory(let id, let near): return "unknown category '\(id)'\(near.map { "; did you mean '\($0)'?" } ?? "")"
            case .exists(let path): return "\(path) exists already; kb new never overwrites, pick another slug or edit that file"
            }
        }
    }

    /// The marker every placeholder carries; `kb check` does not know it, the author replaces it.
    public static let marker = "TODO"

    public static func text(title: String, category: Category) -> String {
        """
        ---
        title: "\(title)"
        category: \(category.rawValue)
        http: []
        signatures:
          - "\(marker): the exact error text the API, SDK or tool prints"
        related: []
        tags: []
        ---
        \(marker): one or two paragraphs on what the error means.

        ## Causes
        - **\(marker): short name of a cause.** One or two sentences.
        - **\(marker): another cause.** One or two sentences.
        - **\(marker): a third cause.** One or two sentences.

        ## Fixes
        1. \(marker): a concrete step: the command, setting, env variable, endpoint or dashboard page.
        2. \(marker): the next step.
        3. \(marker): how to check that it worked.

        ## FAQ
        ### \(marker): a question people ask about this error?
        \(marker): the answer.

        ### \(marker): another question?
        \(marker): the answer.

        """
    }

    /// Writes a new entry file; never replaces an existing one.
    /// - Returns: the path written, relative to the content folder.
    public static func create(id: String, category: String, in workspace: Workspace) throws -> String {
        guard let entryID = EntryID(id), IdentifierSyntax.isValid(entryID.provider.rawValue), IdentifierSyntax.isValid(entryID.slug) else {
            throw Failure.badID(id)
        }
        let content = workspace.contentDirectory
        let providerFolder = content.appendingPathComponent(entryID.provider.rawValue)
        guard FileManager.default.fileExists(atPath: providerFolder.appendingPathComponent("_index.md").path) else {
            let providers = ((try? FileManager.default.contentsOfDirectory(atPath: content.path)) ?? []).filter {
                FileManager.default.fileExists(atPath: content.appendingPathComponent("\($0)/_index.md").path)
            }
            throw Failure.unknownProvider(entryID.provider.rawValue, suggestion: NearestName.suggestion(for: entryID.provider.rawValue, among: providers.sorted()))
        }
        let (configuration, _) = SiteConfiguration.load(from: workspace.configurationFile, displayPath: workspace.configurationDisplayPath)
        let categories = configuration.categories.map(\.id.rawValue)
        guard categories.contains(category) else {
            throw Failure.unknownCategory(category, suggestion: NearestName.suggestion(for: category, among: categories))
        }
        let relative = "\(entryID.provider.rawValue)/\(entryID.slug).md"
        let file = content.appendingPathComponent(relative)
        let title = entryID.slug.split(separator: "-").joined(separator: " ").capitalizingFirstLetter
        // O_EXCL: the file is created only if it does not exist, with no window for a race.
        let descriptor = open(file.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            if errno == EEXIST { throw Failure.exists("\(workspace.displayRoot)/\(relative)") }
            throw CocoaError(.fileWriteUnknown)
        }
        defer { close(descriptor) }
        let bytes = Array(text(title: "\(marker): \(title)", category: Category(category)).utf8)
        _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        return relative
    }
}

extension String {
    var capitalizingFirstLetter: String { prefix(1).uppercased() + dropFirst() }
}

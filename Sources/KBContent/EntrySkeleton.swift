import Foundation
public import KBCore

/// `kb new`: the text of a new entry with every required part present and marked for the author
/// to fill, so that it passes `kb check` once the placeholders are replaced.
public enum EntrySkeleton {
    /// Why no entry was written.
    public enum Failure: Error, Equatable, CustomStringConvertible {
        /// Not `provider/slug` of valid ids.
        case badID(String)
        /// No such provider folder with an `_index.md`.
        case unknownProvider(String, suggestion: String?)
        /// Not one of the configuration's categories.
        case unknownCategory(String, suggestion: String?)
        /// The file is there already; kb new never overwrites.
        case exists(String)
        /// The file could not be created or written whole (it is removed again).
        case io(String)

        public var description: String {
            switch self {
            case .badID(let id): return "'\(id)' is not an entry id; write it as provider/slug, lower-case letters, digits and hyphens (openai/rate-limit)"
            case .unknownProvider(let id, let near): return "no provider '\(id)' (no \(id)/_index.md)\(near.map { "; did you mean '\($0)'?" } ?? "")"
            case .unknownCategory(let id, let near): return "unknown category '\(id)'\(near.map { "; did you mean '\($0)'?" } ?? "")"
            case .exists(let path): return "\(path) exists already; kb new never overwrites, pick another slug or edit that file"
            case .io(let message): return message
            }
        }
    }

    /// The marker every placeholder carries; `kb check` does not know it, the author replaces it.
    public static let marker = "TODO"

    /// The skeleton's text.
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
        sources:
          - "\(marker): the public page that shows the error (an SDK file at a tag, a docs page, an issue thread)"
        verified: "\(marker): the day you checked it against the sources, YYYY-MM-DD"
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
            throw Failure.io("could not create \(workspace.displayRoot)/\(relative): \(String(cString: strerror(errno)))")
        }
        let bytes = Array(text(title: "\(marker): \(title)", category: Category(category)).utf8)
        // Write all of it or nothing: a short write (a full disk) would leave half an entry.
        var written = 0
        var failure: String?
        bytes.withUnsafeBytes { buffer in
            while written < buffer.count {
                let result = write(descriptor, buffer.baseAddress! + written, buffer.count - written)
                if result < 0 && errno == EINTR { continue }
                guard result > 0 else {
                    failure = String(cString: strerror(errno))
                    return
                }
                written += result
            }
        }
        if close(descriptor) != 0, failure == nil { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(file.path)
            throw Failure.io("could not write \(workspace.displayRoot)/\(relative): \(failure)")
        }
        return relative
    }
}

extension String {
    var capitalizingFirstLetter: String { prefix(1).uppercased() + dropFirst() }
}

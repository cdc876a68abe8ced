import Foundation

/// Where a knowledge base lives and how it is opened: the content folder, and `kb.yml` beside it.
public struct Workspace: Sendable, Equatable {
    public let contentDirectory: URL
    public let displayRoot: String

    public init(contentDirectory: URL, displayRoot: String) {
        self.contentDirectory = contentDirectory
        self.displayRoot = displayRoot
    }

    /// The content folder by the contract's order: `--content`, `$KB_CONTENT`, `./Content`.
    /// Returns nil when none of them exists.
    public static func locate(explicit: String?, environment: [String: String], currentDirectory: URL) -> Workspace? {
        func workspace(_ path: String) -> Workspace {
            let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : currentDirectory.appendingPathComponent(path)
            return Workspace(contentDirectory: url.standardizedFileURL, displayRoot: path)
        }
        if let explicit { return workspace(explicit) }
        if let fromEnvironment = environment["KB_CONTENT"], !fromEnvironment.isEmpty { return workspace(fromEnvironment) }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: currentDirectory.appendingPathComponent("Content").path, isDirectory: &isDirectory), isDirectory.boolValue {
            return workspace("Content")
        }
        return nil
    }

    /// `kb.yml` sits at the repository root, beside the content folder.
    public var configurationFile: URL { contentDirectory.deletingLastPathComponent().appendingPathComponent("kb.yml") }

    public var configurationDisplayPath: String {
        let parent = (displayRoot as NSString).deletingLastPathComponent
        return parent.isEmpty ? "kb.yml" : "\(parent)/kb.yml"
    }

    /// Loads the configuration and the content; every problem of both is in the result.
    public func load() -> LoadResult {
        let (configuration, configurationDiagnostics) = SiteConfiguration.load(from: configurationFile, displayPath: configurationDisplayPath)
        var loader = ContentLoader(contentDirectory: contentDirectory, displayRoot: displayRoot, configuration: configuration)
        loader.dates = GitDates.read(contentDirectory: contentDirectory)
        var result = loader.load()
        result.diagnostics = (configurationDiagnostics + result.diagnostics).sortedForReport()
        return result
    }
}

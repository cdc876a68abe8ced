public import ArgumentParser
import Foundation
import KBContent
import KBCore
import KBSearch
import KBSite

/// `--content DIR`: which knowledge base a command works on.
public struct ContentOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The knowledge base folder (default: $KB_CONTENT, then ./Content).", valueName: "dir"))
    var content: String?

/// Options as swift-argument-parser makes them.
    public init() {}

    /// The workspace, or a usage error that says how to name one.
    func workspace(positional: String? = nil) throws -> Workspace {
        let current = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        guard let workspace = Workspace.locate(explicit: positional ?? content, environment: ProcessInfo.processInfo.environment, currentDirectory: current) else {
            throw ValidationError("no knowledge base found: pass --content DIR, set KB_CONTENT, or run kb in a folder that has Content/")
        }
        return workspace
    }

    /// Loads the content for commands that need it whole: on errors, prints them and exits 2.
    func loadValidGraph() throws -> KnowledgeGraph {
        let result = try workspace().load()
        if result.diagnostics.hasErrors {
            Output.error(DiagnosticReport.text(result.diagnostics.filter { $0.severity == .error }, graph: result.graph))
            Output.error("kb: the content has errors; fix them (kb check) and run again\n")
            throw ExitCode(2)
        }
        return result.graph
    }

    /// The project's templates, which replace the built-in ones file by file: `--templates`,
    /// else Templates/ beside the content; nil (the built-in ones only) when there is neither.
    func templatesFolder(explicit: String?, workspace: Workspace) throws -> (url: URL?, display: String) {
        if let explicit {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: explicit, isDirectory: &isFolder), isFolder.boolValue else {
                throw ValidationError("--templates \(explicit): no such folder")
            }
            return (URL(fileURLWithPath: explicit), explicit)
        }
        let local = workspace.contentDirectory.deletingLastPathComponent().appendingPathComponent("Templates")
        if FileManager.default.fileExists(atPath: local.path) {
            return (local, Self.displayPath(workspace, beside: "Templates"))
        }
        return (nil, TemplateSet.builtInRoot)
    }

    /// A file beside the content folder as the user would write it (`site`, `../kb/site`).
    static func displayPath(_ workspace: Workspace, beside name: String) -> String {
        let parent = (workspace.displayRoot as NSString).deletingLastPathComponent
        return parent.isEmpty ? name : "\(parent)/\(name)"
    }
}

/// Where commands print: the executables' only way to the terminal.
public enum Output {
    /// Writes to standard output.
    public static func print(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Writes to standard error.
    public static func error(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}

/// Files `make install` puts beside the binary: `PREFIX/share/kb/` for `PREFIX/bin/kb`.
enum InstalledFiles {
    static var executable: URL {
        // /proc/self/exe is the binary itself even when it was started through PATH or a symlink.
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return URL(fileURLWithPath: path)
        }
        return URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    }

    /// The binary's size and modification time: enough to tell one build of kb from another.
    static var stamp: String {
        // kb-mcp answers from the cache kb writes, so both name kb's build when kb is beside it.
        // (kb itself asks nothing more: this is on every cold `kb search`.)
        let executable = executable
        let sibling = executable.deletingLastPathComponent().appendingPathComponent("kb")
        let builder = executable.lastPathComponent == "kb" || !FileManager.default.isExecutableFile(atPath: sibling.path) ? executable : sibling
        guard let stamp = FileStamp(path: builder.path) else { return KnowledgeBaseVersion.current }
        return "\(KnowledgeBaseVersion.current)-\(stamp.tag)"
    }

}

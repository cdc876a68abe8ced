import Markdown
import Foundation
import Mustache

/// The site's look, read from `Templates/`: Mustache templates (a base layout, pages that
/// inherit it, partials in any subfolder) and static assets copied as they are. Authors change
/// the look here without touching Swift.
public struct TemplateSet: Sendable {
    /// Templates every build needs; a folder without one of them is a diagnostic, not a crash.
    public static let required = ["base", "home", "entry", "provider", "list", "404"]

    let library: MustacheLibrary
    /// Asset files by their path under `assets/`, with their bytes.
    let assets: [(path: String, bytes: [UInt8])]

    /// Reads a templates folder; every problem is a diagnostic with its file and line.
    public static func load(from directory: URL, displayRoot: String) -> (TemplateSet?, [Diagnostic]) {
        var library = MustacheLibrary()
        var diagnostics: [Diagnostic] = []
        var names: [String: String] = [:]
        var assets: [(String, [UInt8])] = []
        let fileManager = FileManager.default
        guard let enumerator = fileManager.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey, .isSymbolicLinkKey]) else {
            return (nil, [.error("templates folder not found; pass --templates DIR or create Templates/", path: displayRoot, at: SourcePosition(line: 1, column: 1))])
        }
        let base = directory.standardizedFileURL.path
        var files: [(relative: String, url: URL)] = []
        for case let url as URL in enumerator {
            let values = try? url.resourceValues(forKeys: [.isRegularFileKey, .isSymbolicLinkKey])
            guard values?.isRegularFile == true, values?.isSymbolicLink != true else { continue }
            let full = url.standardizedFileURL.path
            guard full.hasPrefix(base + "/") else { continue }
            files.append((String(full.dropFirst(base.count + 1)), url))
        }
        for (relative, url) in files.sorted(by: { $0.relative < $1.relative }) {
            let displayPath = "\(displayRoot)/\(relative)"
            if relative.hasPrefix("assets/") {
                guard let data = fileManager.contents(atPath: url.path) else { continue }
                assets.append((String(relative.dropFirst("assets/".count)), Array(data)))
                continue
            }
            guard relative.hasSuffix(".mustache") else { continue }
            let name = ((relative as NSString).lastPathComponent as NSString).deletingPathExtension
            if let other = names[name] {
                diagnostics.append(.error("template name '\(name)' is also used by \(other); names must be unique across folders", path: displayPath, at: SourcePosition(line: 1, column: 1)))
                continue
            }
            names[name] = displayPath
            guard let data = fileManager.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else {
                diagnostics.append(.error("template is not valid UTF-8", path: displayPath, at: SourcePosition(line: 1, column: 1)))
                continue
            }
            do {
                try library.register(text, named: name)
            } catch let error as MustacheTemplate.ParserError {
                let position = SourcePosition(line: error.context.lineNumber, column: max(error.context.columnNumber, 1))
                diagnostics.append(.error("template syntax: \(error.error)", path: displayPath, at: position))
            } catch {
                diagnostics.append(.error("template syntax: \(error)", path: displayPath, at: SourcePosition(line: 1, column: 1)))
            }
        }
        for name in required where names[name] == nil {
            diagnostics.append(.error("missing template '\(name).mustache'", path: displayRoot, at: SourcePosition(line: 1, column: 1)))
        }
        if diagnostics.hasErrors { return (nil, diagnostics) }
        return (TemplateSet(library: library, assets: assets), diagnostics)
    }

    func render(_ context: Any, with template: String) -> String {
        library.render(context, withTemplate: template) ?? ""
    }
}

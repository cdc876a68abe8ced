public import Foundation
public import KBCore
import KBMarkdown
import KBTemplates
import Mustache

/// The site's look: Mustache templates (a base layout, pages that inherit it, partials in any
/// subfolder) and static assets copied as they are. kb carries a complete set built in
/// (`BuiltInTemplates`); a project's `Templates/` replaces it file by file, a template by its
/// name wherever it sits, an asset by its path. Authors change the look there without Swift.
public struct TemplateSet: Sendable {
    /// Templates every build needs: one per page kind of `SitePage`, and the layout.
    static var required: [String] { SitePage.Template.allCases.map(\.rawValue) }

    /// The built-in templates and assets, by their path under `Templates/`: what `kb init
    /// --templates` writes for a project to change.
    public static var builtInFiles: [(path: String, bytes: [UInt8])] { BuiltInTemplates.files.map { ($0.path, $0.contents.bytes) } }

    /// How diagnostics name a built-in file (`(built-in)/entry.mustache`).
    public static let builtInRoot = "(built-in)"

    let library: MustacheLibrary
    /// Asset files by their path under `assets/`, with their bytes.
    let assets: [(path: String, bytes: [UInt8])]

    /// The built-in templates with those of `directory` (nil: none) in their place; every problem
    /// is a diagnostic with its file and line.
    public static func load(from directory: URL?, displayRoot: String) -> (TemplateSet?, [KBCore.Diagnostic]) {
        FastHTML.register()
        var library = MustacheLibrary()
        var diagnostics: [KBCore.Diagnostic] = []
        var names: [String: String] = [:]
        var assets: [(String, [UInt8])] = []
        let fileManager = FileManager.default
        var own: [(relative: String, bytes: [UInt8]?)] = []
        if let directory {
            guard let enumerator = fileManager.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey, .isSymbolicLinkKey]),
                  fileManager.fileExists(atPath: directory.path) else {
                return (nil, [.templatesNotFound(path: displayRoot)])
            }
            let base = directory.standardizedFileURL.path
            for case let url as URL in enumerator {
                let values = try? url.resourceValues(forKeys: [.isRegularFileKey, .isSymbolicLinkKey])
                guard values?.isRegularFile == true, values?.isSymbolicLink != true else { continue }
                let full = url.standardizedFileURL.path
                guard full.hasPrefix(base + "/") else { continue }
                own.append((String(full.dropFirst(base.count + 1)), fileManager.contents(atPath: url.path).map(Array.init)))
            }
        }
        func templateName(_ relative: String) -> String? {
            relative.hasPrefix("assets/") || !relative.hasSuffix(".mustache") ? nil : ((relative as NSString).lastPathComponent as NSString).deletingPathExtension
        }
        // The project's files first, then each built-in one the project has not replaced.
        let ownNames = Set(own.compactMap { templateName($0.relative) })
        let ownPaths = Set(own.map(\.relative))
        var files = own.sorted { $0.relative < $1.relative }.map { (relative: $0.relative, displayPath: "\(displayRoot)/\($0.relative)", bytes: $0.bytes) }
        for (relative, contents) in BuiltInTemplates.files where !ownPaths.contains(relative) && templateName(relative).map({ !ownNames.contains($0) }) ?? true {
            files.append((relative, "\(builtInRoot)/\(relative)", contents.bytes))
        }
        for (relative, displayPath, bytes) in files {
            if relative.hasPrefix("assets/") {
                guard let bytes else { continue }
                assets.append((String(relative.dropFirst("assets/".count)), bytes))
                continue
            }
            guard let name = templateName(relative) else { continue }
            if let other = names[name] {
                diagnostics.append(.duplicateTemplateName(name, other: other, path: displayPath))
                continue
            }
            names[name] = displayPath
            guard let bytes, let text = String(validating: bytes, as: UTF8.self) else {
                diagnostics.append(.templateNotUTF8(path: displayPath))
                continue
            }
            do {
                try library.register(FastHTML.pragma + text, named: name)
            } catch let error as MustacheTemplate.ParserError {
                let column = error.context.lineNumber == 1 ? error.context.columnNumber - FastHTML.pragma.count : error.context.columnNumber
                let position = SourcePosition(line: error.context.lineNumber, column: max(column, 1))
                diagnostics.append(.templateSyntax("\(error.error)", path: displayPath, at: position))
            } catch {
                diagnostics.append(.templateSyntax("\(error)", path: displayPath, at: .start))
            }
        }
        for name in required where names[name] == nil {
            diagnostics.append(.missingTemplate(name, path: displayRoot))
        }
        if diagnostics.hasErrors { return (nil, diagnostics) }
        return (TemplateSet(library: library, assets: assets.sorted { $0.0 < $1.0 }), diagnostics)
    }

    /// A page's model rendered with its template.
    func render(_ model: some TemplateModel, with template: SitePage.Template) -> String {
        library.render(model, withTemplate: template.rawValue) ?? ""
    }
}

/// HTML escaping with the same output as swift-mustache's own (`& < > " '`), over UTF-8 bytes
/// with a fast path for text that needs none: the library's escaper looked up every Character
/// in a dictionary and was a sixth of a 10,000-entry build. Every template starts with a
/// pragma that selects it; the pragma renders nothing and keeps line numbers.
struct FastHTML: MustacheContentType {
    static let name = "KB_HTML"
    static let pragma = "{{% CONTENT_TYPE: \(name)}}"

    static func register() { MustacheContentTypes.register(FastHTML(), named: name) }

    func escapeText(_ text: String) -> String {
        let utf8 = text.utf8
        // Control characters (a YAML "\0" or "\x01" escape) are not allowed in HTML; they become U+FFFD.
        func isSpecial(_ byte: UInt8) -> Bool {
            byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0x27 || (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D) || byte == 0x7F
        }
        let needsEscaping = utf8.withContiguousStorageIfAvailable { $0.contains(where: isSpecial) } ?? utf8.contains(where: isSpecial)
        guard needsEscaping else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count + 16)
        for byte in utf8 {
            switch byte {
            case 0x26: out += Array("&amp;".utf8)
            case 0x3C: out += Array("&lt;".utf8)
            case 0x3E: out += Array("&gt;".utf8)
            case 0x22: out += Array("&quot;".utf8)
            case 0x27: out += Array("&#39;".utf8)
            case _ where isSpecial(byte): out += [0xEF, 0xBF, 0xBD]
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension BuiltInTemplates.Contents {
    /// The file's bytes.
    var bytes: [UInt8] {
        switch self {
        case .text(let text): return Array(text.utf8)
        case .base64(let encoded): return Data(base64Encoded: encoded).map(Array.init) ?? []
        }
    }
}

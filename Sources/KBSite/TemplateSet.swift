public import Foundation
public import KBCore
import KBMarkdown
import Mustache

/// The site's look, read from `Templates/`: Mustache templates (a base layout, pages that
/// inherit it, partials in any subfolder) and static assets copied as they are. Authors change
/// the look here without touching Swift.
public struct TemplateSet: Sendable {
    /// Templates every build needs: one per page kind of `SitePage`, and the layout.
    static var required: [String] { SitePage.Template.allCases.map(\.rawValue) }

    let library: MustacheLibrary
    /// Asset files by their path under `assets/`, with their bytes.
    let assets: [(path: String, bytes: [UInt8])]

    /// Reads a templates folder; every problem is a diagnostic with its file and line.
    public static func load(from directory: URL, displayRoot: String) -> (TemplateSet?, [KBCore.Diagnostic]) {
        FastHTML.register()
        var library = MustacheLibrary()
        var diagnostics: [KBCore.Diagnostic] = []
        var names: [String: String] = [:]
        var assets: [(String, [UInt8])] = []
        let fileManager = FileManager.default
        guard let enumerator = fileManager.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey, .isSymbolicLinkKey]) else {
            return (nil, [.templatesNotFound(path: displayRoot)])
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
                diagnostics.append(.duplicateTemplateName(name, other: other, path: displayPath))
                continue
            }
            names[name] = displayPath
            guard let data = fileManager.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else {
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
        return (TemplateSet(library: library, assets: assets), diagnostics)
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

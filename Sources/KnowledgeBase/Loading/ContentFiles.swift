import Foundation
import Markdown

/// Finds the files of a content folder and what each one is, refusing what must not be read:
/// links that leave the folder, entries outside provider folders, names that are not ids.
enum ContentFiles {
    enum Role: Equatable {
        case provider(ProviderID)
        case entry(EntryID)
    }

    struct File {
        var url: URL
        var source: SourceFile
        var role: Role

        enum ReadError: Error { case tooLarge(Int) }
    }

    typealias ReadError = File.ReadError

    static let providerIndexName = "_index.md"

    static func discover(in root: URL, displayRoot: String, diagnostics: inout [Diagnostic]) -> [File] {
        guard isDirectory(root) else {
            diagnostics.append(.error("content folder not found; pass --content DIR or run kb where Content/ is", path: displayRoot, at: .start))
            return []
        }
        let rootPath = root.resolvingSymlinksInPath().path
        func display(_ relative: String) -> String { displayRoot == "." ? relative : "\(displayRoot)/\(relative)" }
        func refuseIfOutside(_ url: URL, relative: String) -> Bool {
            let resolved = url.resolvingSymlinksInPath().path
            if resolved == rootPath || resolved.hasPrefix(rootPath + "/") { return false }
            diagnostics.append(.error("refused: '\(relative)' is a symbolic link to '\(resolved)', outside the content folder; copy the file in instead", path: display(relative), at: .start))
            return true
        }

        var files: [File] = []
        var seenIDs: [String: String] = [:]  // lower-cased id -> relative path of the first file
        func claim(_ id: String, relative: String) -> Bool {
            let key = id.lowercased()
            if let first = seenIDs[key] {
                let message = first.lowercased() == relative.lowercased() && first != relative
                    ? "id '\(id)' differs only in case from '\(first)'; on case-insensitive file systems they are one file, rename one"
                    : "duplicate id '\(id)', also defined by '\(first)'"
                diagnostics.append(.error(message, path: display(relative), at: .start))
                return false
            }
            seenIDs[key] = relative
            return true
        }

        for name in sortedChildren(of: root) where !name.hasPrefix(".") {
            let url = root.appendingPathComponent(name)
            if isSymlink(url), refuseIfOutside(url, relative: name) { continue }
            if !isDirectory(url) {
                if name.hasSuffix(".md") {
                    diagnostics.append(.error("entry outside a provider folder; move it into the folder of its provider, e.g. \(display("openai/\(name)"))", path: display(name), at: .start))
                }
                continue
            }
            guard IdentifierSyntax.isValid(name) else {
                let suggestion = IdentifierSyntax.suggestion(for: name)
                diagnostics.append(.error("provider folder '\(name)' is not a valid id (lower-case letters, digits, hyphens); rename it to '\(suggestion)'", path: display(name), at: .start, fixIt: .init(replacement: suggestion)))
                continue
            }
            guard claim(name, relative: name) else { continue }
            let provider = ProviderID(name)
            let children = sortedChildren(of: url).filter { !$0.hasPrefix(".") }
            if !children.contains(providerIndexName) {
                diagnostics.append(.error("provider folder '\(name)' has no \(providerIndexName); add one with the provider's name and endpoints", path: display(name), at: .start))
            }
            for child in children {
                let relative = "\(name)/\(child)"
                let childURL = url.appendingPathComponent(child)
                if isSymlink(childURL), refuseIfOutside(childURL, relative: relative) { continue }
                if isDirectory(childURL) {
                    diagnostics.append(.error("folder inside a provider folder; entries sit directly in \(display(name))/", path: display(relative), at: .start))
                    continue
                }
                guard child.hasSuffix(".md") else { continue }
                let source = SourceFile(displayPath: display(relative), relativePath: relative)
                if child == providerIndexName {
                    files.append(File(url: childURL, source: source, role: .provider(provider)))
                    continue
                }
                let slug = String(child.dropLast(3))
                guard IdentifierSyntax.isValid(slug) else {
                    let suggestion = IdentifierSyntax.suggestion(for: slug)
                    let caseOnly = slug.lowercased() == suggestion
                    if caseOnly, seenIDs["\(name)/\(suggestion)"] != nil || children.contains("\(suggestion).md") {
                        diagnostics.append(.error("id '\(name)/\(slug)' differs only in case from '\(name)/\(suggestion)'; on case-insensitive file systems they are one file, rename or merge them", path: display(relative), at: .start))
                    } else {
                        diagnostics.append(.error("file name '\(child)' is not a valid id (lower-case letters, digits, hyphens); rename it to '\(suggestion).md'", path: display(relative), at: .start, fixIt: .init(replacement: "\(suggestion).md")))
                    }
                    continue
                }
                guard claim("\(name)/\(slug)", relative: relative) else { continue }
                files.append(File(url: childURL, source: source, role: .entry(EntryID(provider: provider, slug: slug))))
            }
        }
        return files
    }

    /// Byte order, not the file system's: the same tree gives the same order everywhere.
    private static func sortedChildren(of url: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    // Plain stat calls: FileManager's attributesOfItem also looks up owner and group names, and
    // was most of the time spent finding 10,000 files.
    private static func isDirectory(_ url: URL) -> Bool {
        var info = stat()
        return stat(url.path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    private static func isSymlink(_ url: URL) -> Bool {
        var info = stat()
        return lstat(url.path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
    }
}

extension ContentFiles.File {
    func readBytes(limit: Int) throws -> [UInt8] {
        let descriptor = open(url.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw CocoaError(.fileReadNoSuchFile) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw CocoaError(.fileReadUnknown) }
        if Int(info.st_size) > limit { throw ReadError.tooLarge(Int(info.st_size)) }
        // Read to the end whatever stat said: the file may grow while it is read.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(info.st_size) + 1)
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 { throw CocoaError(.fileReadUnknown) }
            if count == 0 { break }
            bytes += buffer[0..<count]
            if bytes.count > limit { throw ReadError.tooLarge(bytes.count) }
        }
        return bytes
    }
}

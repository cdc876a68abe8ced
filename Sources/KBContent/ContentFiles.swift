import Foundation
import KBCore
import KBMarkdown

/// Finds the files of a content folder and what each one is, refusing what must not be read:
/// links that leave the folder, entries outside provider folders, names that are not ids.
enum ContentFiles {
    enum Role: Equatable, Sendable {
        case provider(ProviderID)
        case entry(EntryID)
    }

    struct File: Sendable {
        /// The file's absolute path; a string, not a URL: making 10,000 URLs showed in `kb serve`.
        var path: String
        var source: SourceFile
        var role: Role

        enum ReadError: Error {
            case tooLarge(Int)
            /// What the system said (`strerror`).
            case system(String)
        }
    }

    typealias ReadError = File.ReadError

    static let providerIndexName = "_index.md"

    /// What a content file (`openai/rate-limit.md`, `openai/_index.md`) defines, by its path alone.
    static func role(ofRelativePath relativePath: String) -> Role? {
        let parts = relativePath.split(separator: "/")
        guard parts.count == 2, parts[1].hasSuffix(".md") else { return nil }
        let provider = ProviderID(String(parts[0]))
        if parts[1] == providerIndexName[...] { return .provider(provider) }
        return .entry(EntryID(provider: provider, slug: String(parts[1].dropLast(3))))
    }

    static func discover(in root: URL, displayRoot: String, diagnostics: inout [Diagnostic]) -> [File] {
        guard isDirectory(root.path) else {
            diagnostics.append(.contentFolderNotFound(path: displayRoot))
            return []
        }
        let rootPath: String = {
            guard let real = realpath(root.path, nil) else { return root.resolvingSymlinksInPath().path }
            defer { free(real) }
            return String(cString: real)
        }()
        func display(_ relative: String) -> String { displayRoot == "." ? relative : "\(displayRoot)/\(relative)" }
        func refuseIfOutside(_ url: URL, relative: String) -> Bool {
            // realpath, not URL's resolving: that returns a dangling link or a loop unchanged,
            // which would pass for a file inside the folder and fail later with a vague error.
            guard let real = realpath(url.path, nil) else {
                diagnostics.append(.linkLeadsNowhere(relative, loops: errno == ELOOP, path: display(relative)))
                return true
            }
            let resolved = String(cString: real)
            free(real)
            if resolved == rootPath || resolved.hasPrefix(rootPath + "/") { return false }
            diagnostics.append(.linkLeavesFolder(relative, target: resolved, path: display(relative)))
            return true
        }

        var files: [File] = []
        var seenIDs: [String: String] = [:]  // lower-cased id -> relative path of the first file
        func claim(_ id: String, relative: String) -> Bool {
            let key = id.lowercased()
            if let first = seenIDs[key] {
                let caseOnly = first.lowercased() == relative.lowercased() && first != relative
                diagnostics.append(.duplicateID(id, first: first, caseOnly: caseOnly, path: display(relative)))
                return false
            }
            seenIDs[key] = relative
            return true
        }

        for folder in sortedChildren(of: root.path) where !folder.name.hasPrefix(".") {
            let name = folder.name
            let url = root.appendingPathComponent(name)
            if folder.isSymlink, refuseIfOutside(url, relative: name) { continue }
            if !folder.isDirectory {
                if name.hasSuffix(".md") {
                    diagnostics.append(.entryOutsideProvider(example: display("openai/\(name)"), path: display(name)))
                }
                continue
            }
            guard IdentifierSyntax.isValid(name) else {
                diagnostics.append(.invalidProviderFolder(name, suggestion: IdentifierSyntax.suggestion(for: name), path: display(name)))
                continue
            }
            guard claim(name, relative: name) else { continue }
            let provider = ProviderID(name)
            let folderPath = url.path
            let listing = sortedChildren(of: folderPath).filter { !$0.name.hasPrefix(".") }
            let children = listing.map(\.name)
            if !children.contains(providerIndexName) {
                diagnostics.append(.missingProviderIndex(name, path: display(name)))
            }
            for item in listing {
                let child = item.name
                let relative = "\(name)/\(child)"
                let childPath = folderPath + "/" + child
                if item.isSymlink, refuseIfOutside(URL(fileURLWithPath: childPath), relative: relative) { continue }
                if item.isDirectory {
                    diagnostics.append(.nestedFolder(provider: display(name), path: display(relative)))
                    continue
                }
                guard child.hasSuffix(".md") else { continue }
                let source = SourceFile(displayPath: display(relative), relativePath: relative)
                if child == providerIndexName {
                    files.append(File(path: childPath, source: source, role: .provider(provider)))
                    continue
                }
                let slug = String(child.dropLast(3))
                guard IdentifierSyntax.isValid(slug) else {
                    let suggestion = IdentifierSyntax.suggestion(for: slug)
                    let caseOnly = slug.lowercased() == suggestion
                    if caseOnly, seenIDs["\(name)/\(suggestion)"] != nil || children.contains("\(suggestion).md") {
                        diagnostics.append(.caseOnlyFileName("\(name)/\(slug)", other: "\(name)/\(suggestion)", path: display(relative)))
                    } else {
                        diagnostics.append(.invalidFileName(child, suggestion: suggestion, path: display(relative)))
                    }
                    continue
                }
                guard claim("\(name)/\(slug)", relative: relative) else { continue }
                files.append(File(path: childPath, source: source, role: .entry(EntryID(provider: provider, slug: slug))))
            }
        }
        return files
    }

    /// A folder's entry as readdir tells it, so finding 10,000 files costs no stat call per file.
    struct Child {
        var name: String
        var isSymlink: Bool
        var isDirectory: Bool
    }

    /// Byte order, not the file system's: the same tree gives the same order everywhere.
    static func sortedChildren(of path: String) -> [Child] {
        guard let directory = opendir(path) else { return [] }
        defer { closedir(directory) }
        var children: [Child] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name == "." || name == ".." { continue }
            let type = entry.pointee.d_type
            if type == UInt8(DT_LNK) {
                children.append(Child(name: name, isSymlink: true, isDirectory: isDirectory(path + "/" + name)))
            } else if type == UInt8(DT_UNKNOWN) {
                // Some file systems do not fill in the type; ask them.
                var info = stat()
                let isLink = lstat(path + "/" + name, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
                children.append(Child(name: name, isSymlink: isLink, isDirectory: isDirectory(path + "/" + name)))
            } else {
                children.append(Child(name: name, isSymlink: false, isDirectory: type == UInt8(DT_DIR)))
            }
        }
        return children.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
    }

    private static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }
}

extension ContentFiles.File {
    func readBytes(limit: Int) throws -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw ReadError.system(String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw ReadError.system(String(cString: strerror(errno))) }
        if Int(info.st_size) > limit { throw ReadError.tooLarge(Int(info.st_size)) }
        // Read to the end whatever stat said: the file may grow while it is read.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(info.st_size) + 1)
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 { throw ReadError.system(String(cString: strerror(errno))) }
            if count == 0 { break }
            bytes += buffer[0..<count]
            if bytes.count > limit { throw ReadError.tooLarge(bytes.count) }
        }
        return bytes
    }
}

/// The templates and assets of the repository's `Templates/`, built into kb: a folder with only
/// `Content/` builds a complete site, and a project's own `Templates/` replaces them file by file.
/// `EmbeddedFiles.swift` is generated from `Templates/` (`make templates`); a test keeps the two
/// equal.
public enum BuiltInTemplates {
    /// A file's bytes as the generator stored them.
    public enum Contents: Sendable {
        /// UTF-8 text, as it is.
        case text(String)
        /// Any other bytes, base64-encoded.
        case base64(String)
    }

    /// Every file, by its path under `Templates/` (`entry.mustache`, `assets/search.js`), in
    /// path order.
    public static var files: [(path: String, contents: Contents)] { embeddedFiles }
}

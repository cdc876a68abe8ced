/// kb's version, printed by `kb --version` and part of every cache fingerprint.
public enum KnowledgeBaseVersion {
    /// The version of this build.
    public static let current = "0.2.0"
}

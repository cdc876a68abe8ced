public enum KnowledgeBaseVersion {
    public static let current = "0.1.0"
}

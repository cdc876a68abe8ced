import Foundation

/// The repository's root, found from this file's place in it, so a target reads the shipped
/// templates and content whatever folder the fuzz script runs it in.
public let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // Driver
    .deletingLastPathComponent()  // Fuzz
    .deletingLastPathComponent()

/// The UTF-8 text of a file in the repository; the fuzz run stops when it is missing.
public func repositoryText(_ relativePath: String) -> String {
    guard let data = FileManager.default.contents(atPath: repositoryRoot.appendingPathComponent(relativePath).path) else {
        fatalError("cannot read \(relativePath) under \(repositoryRoot.path)")
    }
    return String(decoding: data, as: UTF8.self)
}

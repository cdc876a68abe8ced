import Foundation
import KBTestSupport
import XCTest

/// `kb build` as a user runs it: the repository's content, the real templates, the built binary.
final class BuildCommandTests: XCTestCase {
    /// A copy of the repository's Content/ and kb.yml, its files created in the given order.
    func copyOfRepository(reversed: Bool) throws -> URL {
        let root = TemporaryFolders.make("kb-build").appendingPathComponent("repo")
        let source = KBProcess.packageRoot.appendingPathComponent("Content")
        let enumerator = try XCTUnwrap(FileManager.default.enumerator(at: source, includingPropertiesForKeys: [.isRegularFileKey]))
        var files: [String] = []
        for case let url as URL in enumerator where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
            files.append(String(url.standardizedFileURL.path.dropFirst(source.standardizedFileURL.path.count + 1)))
        }
        files.sort()
        if reversed { files.reverse() }
        for file in files {
            let target = root.appendingPathComponent("Content").appendingPathComponent(file)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: source.appendingPathComponent(file), to: target)
        }
        let configuration = KBProcess.packageRoot.appendingPathComponent("kb.yml")
        if FileManager.default.fileExists(atPath: configuration.path) {
            try FileManager.default.copyItem(at: configuration, to: root.appendingPathComponent("kb.yml"))
        }
        return root
    }

    func files(under folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = try XCTUnwrap(FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]))
        for case let url as URL in enumerator where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
            files[String(url.standardizedFileURL.path.dropFirst(folder.standardizedFileURL.path.count))] = try Data(contentsOf: url)
        }
        return files
    }

    func build(_ repository: URL, extra: [String] = []) throws -> KBProcess.Output {
        try KBProcess.run(["build", "--content", repository.appendingPathComponent("Content").path,
                           "--templates", KBProcess.packageRoot.appendingPathComponent("Templates").path] + extra)
    }

    func testTwoBuildsInDifferentFoldersAndFileOrdersAreByteIdentical() throws {
        let first = try copyOfRepository(reversed: false), second = try copyOfRepository(reversed: true)
        let a = try build(first), b = try build(second)
        XCTAssertEqual(a.status, 0, a.stderr)
        XCTAssertEqual(b.status, 0, b.stderr)
        let siteA = try files(under: first.appendingPathComponent("site")), siteB = try files(under: second.appendingPathComponent("site"))
        XCTAssertGreaterThan(siteA.count, 20)
        XCTAssertEqual(siteA.keys.sorted(), siteB.keys.sorted())
        for (path, bytes) in siteA where siteB[path] != bytes { XCTFail("\(path) differs between the two builds") }
    }

    func testAFailedBuildSaysSoAndLeavesTheSiteAsItWas() throws {
        let repository = try copyOfRepository(reversed: false)
        XCTAssertEqual(try build(repository).status, 0)
        let before = try files(under: repository.appendingPathComponent("site"))
        let entries = try FileManager.default.contentsOfDirectory(atPath: repository.appendingPathComponent("Content/moonshot").path).filter { $0 != "_index.md" }.sorted()
        let victim = repository.appendingPathComponent("Content/moonshot").appendingPathComponent(try XCTUnwrap(entries.first))
        let text = try String(contentsOf: victim, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "## Fixes", with: "## Fixes\n\nSee [this](missing-entry.md).\n").utf8).write(to: victim)
        let failed = try build(repository)
        XCTAssertEqual(failed.status, 1)
        XCTAssertTrue(failed.stderr.contains("error[KB050]: ") && failed.stderr.contains("moonshot/missing-entry"), failed.stderr)
        XCTAssertTrue(failed.stderr.contains("build failed;") && failed.stderr.contains("was left untouched"), failed.stderr)
        XCTAssertEqual(try files(under: repository.appendingPathComponent("site")), before)
    }

    func testEveryPagePassesTheHTMLValidator() throws {
        let repository = try copyOfRepository(reversed: false)
        let result = try build(repository, extra: ["--base-url", "https://example.org/kb/"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let (status, output) = try HTMLValidator.check(site: repository.appendingPathComponent("site"))
        XCTAssertEqual(status, 0, output)
    }
}

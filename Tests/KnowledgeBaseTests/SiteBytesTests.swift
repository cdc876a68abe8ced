import Foundation
import XCTest
@testable import KBCore
@testable import KBContent
@testable import KBSearch
@testable import KBSite
import KBTestSupport

/// The bytes of the site, whatever the build does to be fast: the shipped knowledge base renders
/// to the files recorded in `Tests/Golden/shipped-site.txt` (a hash per file, recorded from
/// the build before issue 21's work), and a build written to
/// disk through the staging folder, twice, holds exactly what the same graph renders in memory.
///
/// The golden file changes only when the content, the templates or what a page says change on
/// purpose; then record it again and review its diff with the change:
///
///     KB_RECORD_GOLDEN=1 swift test --filter SiteBytesTests
final class SiteBytesTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// Outside the test target's folder, so SwiftPM takes it for neither a source nor a resource.
    static let golden = root.appendingPathComponent("Tests/Golden/shipped-site.txt")
    let options = SiteOptions(baseURL: "https://example.org/kb/")

    /// The shipped content, without git dates (they move with every commit) and on a fixed day.
    func shipped() throws -> (KnowledgeGraph, TemplateSet) {
        let workspace = Workspace(contentDirectory: Self.root.appendingPathComponent("Content"), displayRoot: "Content")
        var pipeline = ContentPipeline(workspace: workspace, dates: GitDates(), today: Day("2026-12-01")!)
        let loaded = pipeline.load()
        XCTAssertFalse(loaded.diagnostics.hasErrors)
        let (templates, diagnostics) = TemplateSet.load(from: Self.root.appendingPathComponent("Templates"), displayRoot: "Templates")
        XCTAssertEqual(diagnostics, [])
        return (loaded.graph, try XCTUnwrap(templates))
    }

    /// One line per file, sorted by path: its FNV-1a hash and its path.
    static func digest(_ files: [String: [UInt8]]) -> String {
        files.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map { path in
            var hash = FNV1a()
            for byte in files[path]! { hash.add(byte) }
            return "\(hash.hex) \(path)\n"
        }.joined()
    }

    func testShippedSiteIsTheRecordedBytes() throws {
        let (graph, templates) = try shipped()
        let site = SiteSession.renderInMemory(graph, templates: templates, options: options)
        XCTAssertGreaterThan(site.files.count, 1000)
        let actual = Self.digest(site.files)
        if ProcessInfo.processInfo.environment["KB_RECORD_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: Self.golden.deletingLastPathComponent(), withIntermediateDirectories: true)
            try actual.write(to: Self.golden, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: Self.golden, encoding: .utf8)
        guard actual != expected else { return }
        let want = Set(expected.split(separator: "\n")), have = Set(actual.split(separator: "\n"))
        let paths = Set(want.symmetricDifference(have).map { $0.split(separator: " ", maxSplits: 1).last.map(String.init) ?? "" }).sorted()
        XCTFail("""
        \(paths.count) files differ from Tests/Golden/shipped-site.txt: \(paths.prefix(20).joined(separator: ", "))
        If the change is meant, record again (KB_RECORD_GOLDEN=1 swift test --filter SiteBytesTests) and review the diff.
        """)
    }

    /// `kb build`'s path: rendered on every core, the index's records streamed to the staging
    /// folder as they are made, swapped in; twice into the same folder.
    func testBuildOnDiskIsTheSiteRenderedInMemoryEveryTime() throws {
        let (graph, templates) = try shipped()
        let expected = SiteSession.renderInMemory(graph, templates: templates, options: options).files
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kb-site-bytes-\(ProcessInfo.processInfo.processIdentifier)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("site")
        for attempt in 1...2 {
            var session = SiteSession(
                content: ContentPipeline(workspace: Workspace(contentDirectory: Self.root.appendingPathComponent("Content"), displayRoot: "Content"), dates: GitDates(), today: Day("2026-12-01")!),
                templatesDirectory: Self.root.appendingPathComponent("Templates"), templatesDisplayPath: "Templates", output: output, options: options
            )
            let update = session.refresh()
            XCTAssertEqual(update.outcome, .rebuilt, "build \(attempt): \(update.writeError ?? "")")
            var actual: [String: [UInt8]] = [:]
            let walker = try XCTUnwrap(FileManager.default.enumerator(atPath: output.path))
            while let relative = walker.nextObject() as? String {
                var isDirectory: ObjCBool = false
                FileManager.default.fileExists(atPath: output.path + "/" + relative, isDirectory: &isDirectory)
                if !isDirectory.boolValue { actual[relative] = Array(try Data(contentsOf: output.appendingPathComponent(relative))) }
            }
            XCTAssertEqual(update.fileCount, expected.count, "build \(attempt)")
            XCTAssertEqual(Set(actual.keys).symmetricDifference(expected.keys).sorted(), [], "build \(attempt): files differ")
            for (path, bytes) in expected where actual[path] != bytes { XCTFail("build \(attempt): \(path) differs from the site rendered in memory") }
        }
    }
}

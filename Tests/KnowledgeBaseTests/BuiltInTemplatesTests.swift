import Foundation
import KBContent
import KBCore
import KBSite
import KBTestSupport
import XCTest

/// The templates built into kb are the repository's Templates/, byte for byte, and a project's
/// own templates replace them one file at a time.
final class BuiltInTemplatesTests: XCTestCase {
    func testTheBuiltInFilesAreTemplatesByteForByte() throws {
        let folder = SiteTests.templates
        var onDisk: [String: [UInt8]] = [:]
        let enumerator = try XCTUnwrap(FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]))
        for case let url as URL in enumerator where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true && !url.lastPathComponent.hasPrefix(".") {
            onDisk[String(url.standardizedFileURL.path.dropFirst(folder.standardizedFileURL.path.count + 1))] = Array(try Data(contentsOf: url))
        }
        let builtIn = Dictionary(uniqueKeysWithValues: TemplateSet.builtInFiles.map { ($0.path, $0.bytes) })
        let advice = "; run `make templates` (python3 scripts/embed-templates.py) and commit Sources/KBTemplates/EmbeddedFiles.swift"
        XCTAssertEqual(builtIn.keys.sorted(), onDisk.keys.sorted(), "the built-in files are not those of Templates/" + advice)
        for (path, bytes) in onDisk where builtIn[path] != bytes { XCTFail("\(path) differs from its built-in copy" + advice) }
    }

    func render(_ tree: TemporaryContent, templates: URL?) throws -> [String: String] {
        let loaded = Workspace(contentDirectory: tree.root.appendingPathComponent("Content"), displayRoot: "Content").load()
        XCTAssertFalse(loaded.diagnostics.hasErrors, "\(loaded.diagnostics)")
        let (set, diagnostics) = TemplateSet.load(from: templates, displayRoot: "Templates")
        XCTAssertFalse(diagnostics.hasErrors, "\(diagnostics)")
        let site = SiteSession.renderInMemory(loaded.graph, templates: try XCTUnwrap(set), options: SiteOptions(baseURL: "https://example.org/"))
        return Dictionary(uniqueKeysWithValues: site.files.map { ($0.key, String(decoding: $0.value, as: UTF8.self)) })
    }

    func testNoTemplatesFolderBuildsWhatTheRepositoryTemplatesBuild() throws {
        let tree = try TemporaryContent(["Content/example/_index.md": TemporaryContent.provider, "Content/example/invalid-key.md": TemporaryContent.entry("Invalid key")])
        XCTAssertEqual(try render(tree, templates: nil), try render(tree, templates: SiteTests.templates))
    }

    func testAProjectTemplateReplacesItsBuiltInOneByNameAndAnAssetByPath() throws {
        let tree = try TemporaryContent([
            "Content/example/_index.md": TemporaryContent.provider, "Content/example/invalid-key.md": TemporaryContent.entry("Invalid key"),
            // A footer at the top of the folder still replaces the built-in partials/footer.
            "Templates/footer.mustache": "<footer>Our own footer</footer>\n",
            "Templates/assets/style.css": "body { color: teal }",
            "Templates/assets/logo.svg": "<svg/>",
        ])
        let own = try render(tree, templates: tree.root.appendingPathComponent("Templates"))
        let builtIn = try render(tree, templates: nil)
        XCTAssertTrue(own["index.html"]?.contains("Our own footer") == true)
        XCTAssertFalse(builtIn["index.html"]?.contains("Our own footer") == true)
        XCTAssertEqual(own["assets/style.css"], "body { color: teal }")
        XCTAssertEqual(own["assets/logo.svg"], "<svg/>")
        XCTAssertEqual(own["assets/search.js"], builtIn["assets/search.js"], "an asset the project does not have stays built in")
        let page = "example/invalid-key/index.html"
        XCTAssertEqual(own[page].map(Self.withoutFooter), builtIn[page].map(Self.withoutFooter), "only the footer changed")
        XCTAssertNotEqual(own[page], builtIn[page])
    }

    /// A page with its `<footer ...>...</footer>` cut out.
    static func withoutFooter(_ page: String) -> String {
        guard let start = page.range(of: "<footer"), let end = page.range(of: "</footer>", range: start.upperBound..<page.endIndex) else { return page }
        return String(page[..<start.lowerBound]) + String(page[end.upperBound...])
    }

    func testABrokenProjectTemplateIsReportedAtItsOwnPath() throws {
        let tree = try TemporaryContent(["Templates/entry.mustache": "{{#broken}}"])
        let (set, diagnostics) = TemplateSet.load(from: tree.root.appendingPathComponent("Templates"), displayRoot: "Templates")
        XCTAssertNil(set)
        XCTAssertEqual(diagnostics.map(\.code), [.templateError])
        XCTAssertEqual(diagnostics.first?.path, "Templates/entry.mustache")
    }
}

import Foundation
import KBTestSupport
import Testing

@Suite struct CheckCommandTests {
    @Test func cleanContentExitsZeroWithASummary() throws {
        let tree = try TemporaryContent(["Content/example/_index.md": TemporaryContent.provider, "Content/example/a.md": TemporaryContent.entry("A")])
        let output = try KBProcess.run(["check"], in: tree.root)
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stderr == "checked 1 entry of 1 provider: 0 errors, 0 warnings\n")
        #expect(output.stdout.isEmpty)
    }

    @Test func errorsExitOneInCompilerFormat() throws {
        let tree = try TemporaryContent([
            "Content/example/_index.md": TemporaryContent.provider,
            "Content/example/a.md": TemporaryContent.entry("A", category: "rate-limits"),
        ])
        let output = try KBProcess.run(["check", "Content"], in: tree.root)
        #expect(output.status == 1)
        #expect(output.stderr.hasPrefix("Content/example/a.md:3:11: error[KB012]: "))
        // The fix-it says which text it replaces: the value, from its first column to its end.
        #expect(output.stderr.contains("    fix-it: 3:11-3:22: rate-limit\n"))
        #expect(output.stderr.hasSuffix("checked 0 entries of 1 provider: 1 error, 0 warnings\n"))
    }

    @Test func jsonFormatIsMachineReadable() throws {
        let tree = try TemporaryContent([
            "Content/example/_index.md": TemporaryContent.provider,
            "Content/example/a.md": TemporaryContent.entry("A", extra: "relatd: [example/b]"),
        ])
        let output = try KBProcess.run(["check", "--format", "json", "--content", tree.root.appendingPathComponent("Content").path])
        #expect(output.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        let diagnostics = try #require(object["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.count == 1)
        #expect(diagnostics[0]["line"] as? Int == 5)
        #expect(diagnostics[0]["column"] as? Int == 1)
        #expect(diagnostics[0]["severity"] as? String == "error")
        #expect(diagnostics[0]["code"] as? String == "KB009")
        #expect(diagnostics[0]["name"] as? String == "unknown-key")
        let fixIt = try #require(diagnostics[0]["fixIt"] as? [String: Any])
        #expect(fixIt["replacement"] as? String == "related")
        let end = try #require((fixIt["range"] as? [String: Any])?["end"] as? [String: Any])
        #expect(end["column"] as? Int == 7, "the range covers the key, 'relatd'")
        #expect(object["errors"] as? Int == 1)
    }

    @Test func explainPrintsEveryCodeAndTheMeaningOfOne() throws {
        let one = try KBProcess.run(["explain", "KB012"])
        #expect(one.status == 0, "\(one.stderr)")
        #expect(one.stdout.hasPrefix("KB012 (unknown-category), error: "))
        #expect(one.stdout.contains("Example:\n    category: rate-limits"))
        #expect(one.stdout.contains("Fix:\n"))
        #expect(try KBProcess.run(["explain", "12"]).stdout == one.stdout)
        let all = try KBProcess.run(["explain"])
        #expect(all.stdout.split(separator: "\n").count >= 50)
        let unknown = try KBProcess.run(["explain", "KB999"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("not a kb diagnostic code"))
    }

    @Test func usageErrorsExitTwo() throws {
        #expect(try KBProcess.run(["check", "--format", "xml"]).status == 2)
        #expect(try KBProcess.run(["frobnicate"]).status == 2)
        let empty = try TemporaryContent(["README": "x"])
        let missing = try KBProcess.run(["check"], in: empty.root)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no knowledge base found"))
    }

    @Test func environmentVariableNamesTheContent() throws {
        let tree = try TemporaryContent(["kb/example/_index.md": TemporaryContent.provider, "kb/example/a.md": TemporaryContent.entry("A")])
        let output = try KBProcess.run(["check"], in: tree.root, environment: ["KB_CONTENT": "kb"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stderr.contains("1 entry of 1 provider"))
    }

    @Test func versionAndHelpWithExamples() throws {
        let version = try KBProcess.run(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.range(of: #"^\d+\.\d+\.\d+\n$"#, options: .regularExpression) != nil)
        for command in [[], ["check"], ["list"], ["graph"]] {
            let help = try KBProcess.run(command + ["--help"])
            #expect(help.status == 0)
            #expect(help.stdout.contains("Examples:"), "kb \(command) --help")
        }
    }
}

@Suite struct ListAndGraphCommandTests {
    func tree() throws -> TemporaryContent {
        try TemporaryContent([
            "Content/example/_index.md": TemporaryContent.provider,
            "Content/example/a.md": TemporaryContent.entry("A", extra: "related: [example/b]"),
            "Content/example/b.md": TemporaryContent.entry("B", category: "billing"),
        ])
    }

    @Test func listFiltersAndPrintsJSON() throws {
        let tree = try tree()
        let all = try KBProcess.run(["list"], in: tree.root)
        #expect(all.stdout == "example/a  authentication  A\nexample/b  billing         B\n")
        let billing = try KBProcess.run(["list", "--category", "billing", "--json"], in: tree.root)
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(billing.stdout.utf8)) as? [[String: Any]])
        #expect(entries.map { $0["id"] as? String } == ["example/b"])
        #expect(entries[0]["path"] as? String == "Content/example/b.md")
        let typo = try KBProcess.run(["list", "--provider", "exampel"], in: tree.root)
        #expect(typo.status == 2)
        #expect(typo.stderr.contains("did you mean 'example'?"))
    }

    @Test func graphShowsRelatedEdgesInJSONAndDOT() throws {
        let tree = try tree()
        let json = try KBProcess.run(["graph", "--format", "json"], in: tree.root)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let edges = try #require(object["edges"] as? [[String: Any]])
        #expect(edges.contains { $0["from"] as? String == "example/a" && $0["to"] as? String == "example/b" && $0["type"] as? String == "related" })
        let dot = try KBProcess.run(["graph", "--format", "dot"], in: tree.root)
        #expect(dot.stdout.hasPrefix("digraph kb {"))
        #expect(dot.stdout.contains("\"example/a\" -> \"example/b\" [color=\"#1f6feb\", label=\"related\"];"))
    }

    @Test func contentErrorsStopListWithExitTwo() throws {
        let tree = try TemporaryContent(["Content/example/_index.md": TemporaryContent.provider, "Content/example/a.md": "broken"])
        let output = try KBProcess.run(["list"], in: tree.root)
        #expect(output.status == 2)
        #expect(output.stderr.contains("Content/example/a.md:1:1: error[KB005]:"))
    }
}

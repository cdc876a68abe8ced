import Foundation

/// `kb build` as one call: load and validate the content, read the templates, render, and swap
/// the new site in only when no error was found.
public struct SiteBuildAction: Sendable {
    public var workspace: Workspace
    public var templatesDirectory: URL
    public var templatesDisplayPath: String
    public var output: URL
    public var options: SiteBuilder.Options

    public init(workspace: Workspace, templatesDirectory: URL, templatesDisplayPath: String, output: URL, options: SiteBuilder.Options) {
        self.workspace = workspace
        self.templatesDirectory = templatesDirectory
        self.templatesDisplayPath = templatesDisplayPath
        self.output = output
        self.options = options
    }

    public struct Outcome: Sendable {
        public var diagnostics: [Diagnostic]
        /// Set when the site was written; nil when errors kept the old one.
        public var written: Summary?
        public var graph: KnowledgeGraph
        public var writeError: String?
    }

    public struct Summary: Sendable, Equatable {
        public var pages: Int
        public var files: Int
        public var entries: Int
    }

    public func perform() -> Outcome {
        let loaded = workspace.load()
        let (templates, templateDiagnostics) = TemplateSet.load(from: templatesDirectory, displayRoot: templatesDisplayPath)
        var diagnostics = loaded.diagnostics + templateDiagnostics
        guard let templates, !diagnostics.hasErrors else {
            return Outcome(diagnostics: diagnostics.sortedForReport(), written: nil, graph: loaded.graph)
        }
        let build = SiteBuilder.build(loaded.graph, templates: templates, options: options)
        diagnostics += build.diagnostics
        guard !diagnostics.hasErrors else {
            return Outcome(diagnostics: diagnostics.sortedForReport(), written: nil, graph: loaded.graph)
        }
        do {
            try SiteWriter.write(build.files, to: output)
        } catch {
            return Outcome(diagnostics: diagnostics.sortedForReport(), written: nil, graph: loaded.graph, writeError: "\(error)")
        }
        return Outcome(
            diagnostics: diagnostics.sortedForReport(),
            written: Summary(pages: build.pageCount, files: build.files.count, entries: loaded.graph.entries.count),
            graph: loaded.graph
        )
    }
}

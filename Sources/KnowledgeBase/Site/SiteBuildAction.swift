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
        /// Seconds per phase (load, templates, render, write), for `kb build --verbose`.
        public var timings: [(phase: String, seconds: Double)] = []
    }

    public struct Summary: Sendable, Equatable {
        public var pages: Int
        public var files: Int
        public var entries: Int
    }

    public func perform() -> Outcome {
        var timings: [(phase: String, seconds: Double)] = []
        var clock = DispatchTime.now().uptimeNanoseconds
        func lap(_ phase: String) {
            let now = DispatchTime.now().uptimeNanoseconds
            timings.append((phase, Double(now - clock) / 1e9))
            clock = now
        }
        let loaded = workspace.load()
        lap("load and validate content")
        let (templates, templateDiagnostics) = TemplateSet.load(from: templatesDirectory, displayRoot: templatesDisplayPath)
        lap("read templates")
        var diagnostics = loaded.diagnostics + templateDiagnostics
        guard let templates, !diagnostics.hasErrors else {
            return Outcome(diagnostics: diagnostics.sortedForReport(), written: nil, graph: loaded.graph)
        }
        let staging: SiteWriter.Staging
        do {
            staging = try SiteWriter.Staging(output: output)
        } catch {
            return Outcome(diagnostics: diagnostics.sortedForReport(), written: nil, graph: loaded.graph, writeError: "\(error)")
        }
        let build = SiteBuilder.build(loaded.graph, templates: templates, options: options, into: staging)
        lap("render and write pages and index")
        diagnostics += build.diagnostics
        guard !diagnostics.hasErrors else {
            staging.discard()
            return Outcome(diagnostics: diagnostics.sortedForReport(), written: nil, graph: loaded.graph)
        }
        do {
            try staging.commit()
            lap("swap")
        } catch {
            return Outcome(diagnostics: diagnostics.sortedForReport(), written: nil, graph: loaded.graph, writeError: "\(error)")
        }
        return Outcome(
            diagnostics: diagnostics.sortedForReport(),
            written: Summary(pages: build.pageCount, files: build.fileCount, entries: loaded.graph.entries.count),
            graph: loaded.graph, timings: timings
        )
    }
}

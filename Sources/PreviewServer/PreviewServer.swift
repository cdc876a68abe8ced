import Foundation
import FlyingFox
import FlyingSocks
import KnowledgeBase

/// `kb serve`: a `PreviewSite` behind an HTTP server on 127.0.0.1, rebuilt when the content, the
/// templates or kb.yml change, with every open page told to reload or to show the errors. The
/// caller gets each rebuild's `Update` and prints it; nothing here prints.
public final class PreviewServer: @unchecked Sendable {
    public enum Event: Sendable {
        /// The server is up; pages are at this address.
        case listening(URL)
        /// A build finished (the first one included).
        case built(PreviewSite.Update)
        /// The search index, sitemap and feed caught up with the pages of the last build.
        case listingsUpdated(PreviewSite.Update)
    }

    private let makeSite: @Sendable (URL) -> PreviewSite
    private let port: UInt16
    private let folder: URL
    private let watches: [ChangeWatcher.Watch]
    private let live = LiveReload()
    private let queue = DispatchQueue(label: "kb serve rebuild")
    private let lock = NSLock()
    private var rebuildWaiting = false
    /// What the watcher saw since the waiting rebuild was scheduled (nil: not only in-place writes).
    private var waitingHint: Set<String>? = []

    /// - Parameters:
    ///   - folder: where the site is kept (a temporary folder of `kb serve`).
    ///   - folders: folders whose changes, anywhere inside, trigger a rebuild (content, templates).
    ///   - files: single files that do too (kb.yml).
    ///   - makeSite: makes the site once the server's address is known (it is the base URL).
    public init(port: UInt16, folder: URL, watchingFolders folders: [URL], files: [URL], makeSite: @escaping @Sendable (URL) -> PreviewSite) {
        self.port = port
        self.folder = folder
        self.watches = folders.map { ChangeWatcher.Watch(folder: $0) }
            + files.map { ChangeWatcher.Watch(folder: $0.deletingLastPathComponent(), file: $0.lastPathComponent) }
        self.makeSite = makeSite
    }

    /// Serves until the task is cancelled. Fails when the port cannot be opened.
    public func run(report: @escaping @Sendable (Event) -> Void) async throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        if port != 0 { try Self.checkPortIsFree(port) }
        let server = HTTPServer(
            address: try .inet(ip4: "127.0.0.1", port: port), timeout: 30, logger: .disabled,
            handler: SiteRequestHandler(folder: SiteFolder(folder), live: live)
        )
        let serving = Task { try await server.run() }
        do {
            try await server.waitUntilListening()
        } catch {
            serving.cancel()
            // The run task has the real reason (the port is taken, say).
            try await serving.value
            throw error
        }
        guard case .ip4(_, let boundPort)? = await server.listeningAddress else {
            serving.cancel()
            throw CocoaError(.featureUnsupported)
        }
        let address = URL(string: "http://127.0.0.1:\(boundPort)/")!
        let site = makeSite(address)
        // The first build, before the address is announced: a page opened at once finds a site.
        publish(site.refresh(), report: report)
        report(.listening(address))

        ChangeWatcher(watches).start { [self] written in scheduleRebuild(site, written: written, report: report) }
        let keepAlive = Task {
            while !Task.isCancelled {
                try await Task.sleep(nanoseconds: 20_000_000_000)
                live.keepAlive()
            }
        }
        defer { keepAlive.cancel() }
        try await withTaskCancellationHandler {
            try await serving.value
        } onCancel: {
            live.closeAll()
            serving.cancel()
        }
    }

    /// Fails at once when another program listens on the port; the server would only say so
    /// after its start-up timeout.
    static func checkPortIsFree(_ port: UInt16) throws {
        let probe = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard probe >= 0 else { return }
        defer { close(probe) }
        var reuse: Int32 = 1
        setsockopt(probe, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(probe, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        if bound != 0 { throw PortError(port: port, reason: String(cString: strerror(errno))) }
    }

    public struct PortError: Error, LocalizedError {
        public var port: UInt16
        public var reason: String
        public var errorDescription: String? { reason.lowercased() }
    }

    /// Rebuilds on the rebuild queue; changes that come while a rebuild runs make one more, not one each.
    private func scheduleRebuild(_ site: PreviewSite, written: Set<String>?, report: @escaping @Sendable (Event) -> Void) {
        lock.lock()
        let alreadyWaiting = rebuildWaiting
        rebuildWaiting = true
        if let written, waitingHint != nil { waitingHint!.formUnion(written) } else { waitingHint = nil }
        lock.unlock()
        guard !alreadyWaiting else { return }
        queue.async { [self] in
            lock.lock()
            rebuildWaiting = false
            let hint = waitingHint
            waitingHint = []
            lock.unlock()
            publish(site.refresh(changedFiles: hint), report: report)
            // The pages are out; the listings follow unless another change is already waiting
            // (its rebuild will bring them up to date instead).
            lock.lock()
            let another = rebuildWaiting
            lock.unlock()
            if !another, let listings = site.refreshListings() { report(.listingsUpdated(listings)) }
        }
    }

    private func publish(_ update: PreviewSite.Update, report: @Sendable (Event) -> Void) {
        switch update.outcome {
        case .rebuilt, .updated:
            live.reload(changed: update.changedFiles)
        case .failed:
            var text = "kb serve: the last change does not build; the pages show the last good build.\n\n"
            text += DiagnosticReport.text(update.diagnostics.filter { $0.severity == .error }, graph: update.graph)
            if let writeError = update.writeError { text += "kb: \(writeError)\n" }
            // A save that changes nothing (an editor touching the file) need not say it all again.
            if text == live.problems && update.changedFiles.isEmpty { return }
            live.show(problems: text)
        case .unchanged:
            // Errors fixed by undoing the edit leave the site as it was: the overlay just goes.
            if live.problems != nil { live.reload(changed: update.changedFiles) }
        }
        report(.built(update))
    }
}

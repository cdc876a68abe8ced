import Foundation
import KnowledgeBase
#if canImport(Glibc)
import Glibc
#endif

/// Calls back when something under the watched folders changes. On Linux it asks the kernel
/// (inotify), so an edit is seen the moment the editor saves; elsewhere it compares file stamps
/// every 300 ms. The callback gets the files written in place when that is all that happened,
/// nil when files came, went or were renamed; either way the site decides from the files
/// themselves what changed, so a spurious call costs a look and nothing else.
final class ChangeWatcher: @unchecked Sendable {
    /// A folder and everything under it, or (with `file`) one file of a folder and nothing else:
    /// kb.yml sits at the repository root, beside site/, .build/ and .git/.
    struct Watch: Sendable {
        var folder: URL
        var file: String?
    }

    private let watches: [Watch]
    /// Events that come close together (an editor's write, rename and chmod) make one call.
    private let settle: Int32 = 10

    init(_ watches: [Watch]) {
        self.watches = watches
    }

    /// Starts a thread that watches until the process ends.
    func start(onChange: @escaping @Sendable (Set<String>?) -> Void) {
        let thread = Thread { [self] in
            #if canImport(Glibc)
            if watchWithInotify(onChange) { return }
            #endif
            poll(onChange)
        }
        thread.name = "kb serve watcher"
        thread.start()
    }

    private func poll(_ onChange: @Sendable (Set<String>?) -> Void) {
        func snapshot() -> [[String: FileStamp]] {
            watches.map { watch in
                guard let file = watch.file else { return FileStamp.tree(watch.folder) }
                return FileStamp(path: watch.folder.appendingPathComponent(file).path).map { [file: $0] } ?? [:]
            }
        }
        var last = snapshot()
        while true {
            Thread.sleep(forTimeInterval: 0.3)
            let now = snapshot()
            if now != last {
                last = now
                onChange(nil)
            }
        }
    }

    #if canImport(Glibc)
    /// Returns false when inotify is unavailable (then polling takes over).
    private func watchWithInotify(_ onChange: @Sendable (Set<String>?) -> Void) -> Bool {
        let descriptor = inotify_init1(Int32(IN_CLOEXEC))
        guard descriptor >= 0 else { return false }
        let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_MODIFY | IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF)
        var watched: [Int32: String] = [:]
        /// Watch descriptors that only count for one file name.
        var onlyFile: [Int32: String] = [:]
        func add(_ path: String) {
            let watch = inotify_add_watch(descriptor, path, mask)
            if watch >= 0 { watched[watch] = path }
            // Folders inside (provider folders, template partials, assets) are watched too.
            for child in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] where !child.hasPrefix(".") {
                var info = stat()
                let full = path + "/" + child
                if lstat(full, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR { add(full) }
            }
        }
        for watch in watches {
            if let file = watch.file {
                let descriptorForFolder = inotify_add_watch(descriptor, watch.folder.path, mask)
                if descriptorForFolder >= 0 { onlyFile[descriptorForFolder] = file }
            } else {
                add(watch.folder.path)
            }
        }

        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var pending = false
        // The files written in place since the last call; nil once anything else happened.
        var written: Set<String>? = []
        while true {
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = Glibc.poll(&poller, 1, pending ? settle : -1)
            if ready < 0 {
                if errno == EINTR { continue }
                return true
            }
            if ready == 0 {
                pending = false
                onChange(written)
                written = []
                continue
            }
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { continue }
            var offset = 0
            while offset + MemoryLayout<inotify_event>.size <= count {
                let (watch, eventMask, nameLength, name) = buffer.withUnsafeBytes { raw -> (Int32, UInt32, Int, String) in
                    let event = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                    let nameStart = offset + MemoryLayout<inotify_event>.size
                    let nameBytes = raw[nameStart..<min(nameStart + Int(event.len), count)].prefix { $0 != 0 }
                    return (event.wd, event.mask, Int(event.len), String(decoding: nameBytes, as: UTF8.self))
                }
                offset += MemoryLayout<inotify_event>.size + nameLength
                if let file = onlyFile[watch] {
                    if name == file {
                        pending = true
                        written = nil
                    }
                    // The same folder can be watched whole too; then every name counts.
                    if watched[watch] == nil { continue }
                }
                pending = true
                let inPlace = UInt32(IN_MODIFY | IN_CLOSE_WRITE | IN_ATTRIB)
                if eventMask & UInt32(IN_ISDIR) == 0, eventMask & ~inPlace == 0, let folder = watched[watch], !name.isEmpty {
                    written?.insert(folder + "/" + name)
                } else {
                    written = nil
                }
                if eventMask & UInt32(IN_ISDIR) != 0, eventMask & UInt32(IN_CREATE | IN_MOVED_TO) != 0, let parent = watched[watch], !name.hasPrefix(".") {
                    add(parent + "/" + name)
                }
            }
        }
    }
    #endif
}

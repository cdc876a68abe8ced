import Foundation
import XCTest

/// kb itself links neither the MCP SDK nor FlyingFox: those live in kb-mcp and kb-serve, which
/// kb becomes for `kb mcp` and `kb serve`, so a cold `kb search` loads neither.
final class BinaryLayoutTests: XCTestCase {
    /// How many symbols of `module` (its Swift mangled prefix) the binary defines.
    func symbols(of module: String, in program: String) throws -> Int {
        let binary = KBProcess.binary.deletingLastPathComponent().appendingPathComponent(program)
        let listing = try KBProcess.run([binary.path], binary: MCPServerTests.onPath("nm"))
        XCTAssertEqual(listing.status, 0, listing.stderr)
        let prefix = " $s\(module.utf8.count)\(module)"
        return listing.stdout.split(separator: "\n").filter { $0.contains(prefix) }.count
    }

    func testKBLinksNeitherTheMCPSDKNorFlyingFox() throws {
        XCTAssertEqual(try symbols(of: "MCP", in: "kb"), 0)
        XCTAssertEqual(try symbols(of: "FlyingFox", in: "kb"), 0)
        XCTAssertGreaterThan(try symbols(of: "MCP", in: "kb-mcp"), 0, "the check would see the SDK where it is")
        XCTAssertGreaterThan(try symbols(of: "FlyingFox", in: "kb-serve"), 0, "the check would see FlyingFox where it is")
    }
}

// swift-tools-version:6.0
import PackageDescription
import Foundation

let package = Package(
    name: "kb",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "kb", targets: ["kb"]),
        .executable(name: "kb-serve", targets: ["kb-serve"]),
        .library(name: "KnowledgeBase", targets: ["KnowledgeBase"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.0"),
    ],
    targets: [
        // libcmark from the system (Debian: libcmark-dev). Only the Markdown module imports it.
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        .target(name: "Markdown", dependencies: ["CCmark"]),
        .target(
            name: "KnowledgeBase",
            dependencies: [
                "Markdown",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        // `kb serve`: the HTTP side of the preview. Kept apart so the core stays free of a server.
        .target(
            name: "PreviewServer",
            dependencies: ["KnowledgeBase", .product(name: "FlyingFox", package: "FlyingFox")]
        ),
        .executableTarget(
            name: "kb",
            dependencies: ["KnowledgeBase", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // The server behind `kb serve`, a program of its own: FlyingFox brings FoundationNetworking
        // and with it libcurl and thirty shared libraries, which doubled the start of every
        // `kb search` when they were linked into kb. kb checks the options and runs this one.
        .executableTarget(name: "kb-serve", dependencies: ["KnowledgeBase", "PreviewServer"]),
        // What a page may contain, whatever the content says: the hostile-content tests and the
        // fuzzers judge the site by the same rules.
        .target(name: "SiteAudit", path: "Tests/SiteAudit"),
        .testTarget(name: "MarkdownTests", dependencies: ["Markdown"]),
        .testTarget(name: "KnowledgeBaseTests", dependencies: ["KnowledgeBase", "SiteAudit"]),
        .testTarget(name: "EndToEndTests", dependencies: ["kb", "kb-serve", "KnowledgeBase", "SiteAudit"]),
    ]
)

// The fuzz targets (Fuzz/), only when scripts/fuzz.sh sets KB_FUZZ: built with
// -sanitize=fuzzer,address into .build-fuzz, never into kb.
if ProcessInfo.processInfo.environment["KB_FUZZ"] != nil {
    package.targets.append(.target(name: "FuzzDriver", dependencies: ["SiteAudit"], path: "Fuzz/Driver"))
    for name in ["FuzzFrontMatter", "FuzzMarkdownGraph", "FuzzSearch", "FuzzIndexReader"] {
        // gold fails on the sanitized objects (an internal error in its DWARF reader); lld links them.
        package.targets.append(.executableTarget(
            name: name, dependencies: ["KnowledgeBase", "FuzzDriver"], path: "Fuzz/Targets/\(name)",
            linkerSettings: [.unsafeFlags(["-use-ld=lld"])]))
    }
}

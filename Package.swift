// swift-tools-version:6.1
import PackageDescription
import Foundation

// The architecture, as the compiler enforces it. Each target depends only on those below it:
//
//   kb, kb-serve                 executables: parse arguments, call one function, print
//   KBCommandLine                the commands, reports, the index cache and download
//   KBPreviewServer              kb serve's HTTP side (FlyingFox), only in kb-serve
//   KBSite                       page catalogue, templates, rendering, writing, incremental builds
//   KBContent      KBSearch      files -> parsed -> graph, validation | tokenizer, masking, index, ranker
//   KBCore                       values: ids, entries, providers, the graph, diagnostics
//   KBMarkdown                   cmark behind Swift values
//
// KBSearch does no file input or output at all (ArchitectureTests checks its imports), so the
// CLI, the MCP server, the fuzzers and the browser parity tests share exactly one ranking.
// Every target imports internally by default: a `public import` is a decision.
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "kb",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "kb", targets: ["kb"]),
        .executable(name: "kb-serve", targets: ["kb-serve"]),
        .library(name: "KBSearch", targets: ["KBSearch"]),
        .library(name: "KBContent", targets: ["KBContent"]),
        .library(name: "KBSite", targets: ["KBSite"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.0"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.0.0"),
    ],
    targets: [
        // libcmark from the system (Debian: libcmark-dev). Only KBMarkdown imports it.
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        .target(name: "KBMarkdown", dependencies: ["CCmark"], swiftSettings: strict),
        .target(name: "KBCore", dependencies: ["KBMarkdown"], swiftSettings: strict),
        .target(
            name: "KBSearch",
            dependencies: ["KBCore", .product(name: "RealModule", package: "swift-numerics")],
            swiftSettings: strict
        ),
        .target(
            name: "KBContent",
            dependencies: ["KBCore", "KBMarkdown", .product(name: "Yams", package: "Yams")],
            swiftSettings: strict
        ),
        .target(
            name: "KBSite",
            dependencies: ["KBCore", "KBMarkdown", "KBContent", "KBSearch", .product(name: "Mustache", package: "swift-mustache")],
            swiftSettings: strict
        ),
        .target(
            name: "KBCommandLine",
            dependencies: [
                "KBCore", "KBContent", "KBSearch", "KBSite",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strict
        ),
        // `kb serve`'s HTTP side. FlyingFox brings FoundationNetworking, and with it libcurl and
        // thirty shared libraries, which doubled the start of every `kb search` when they were
        // linked into kb (6.4 to 12.1 ms); so only kb-serve links it, and kb execs kb-serve.
        .target(
            name: "KBPreviewServer",
            dependencies: ["KBCore", "KBSite", .product(name: "FlyingFox", package: "FlyingFox")],
            swiftSettings: strict
        ),
        .executableTarget(name: "kb", dependencies: ["KBCommandLine"], swiftSettings: strict),
        .executableTarget(name: "kb-serve", dependencies: ["KBCommandLine", "KBPreviewServer"], swiftSettings: strict),
        // What a page may contain, whatever the content says: the hostile-content tests and the
        // fuzzers judge the site by the same rules.
        .target(name: "SiteAudit", path: "Tests/SiteAudit"),
        .target(name: "KBTestSupport", dependencies: ["KBCore", "KBContent"], path: "Tests/KBTestSupport"),
        .testTarget(name: "MarkdownTests", dependencies: ["KBMarkdown"]),
        .testTarget(name: "ArchitectureTests"),
        .testTarget(
            name: "KnowledgeBaseTests",
            dependencies: ["KBCore", "KBContent", "KBSearch", "KBSite", "KBCommandLine", "SiteAudit", "KBTestSupport"]
        ),
        .testTarget(name: "PreviewServerTests", dependencies: ["KBPreviewServer", "KBSite", "KBContent", "KBCore", "KBTestSupport"]),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["kb", "kb-serve", "KBCore", "KBContent", "KBSearch", "SiteAudit", "KBTestSupport"]
        ),
    ]
)

// The fuzz targets (Fuzz/), only when scripts/fuzz.sh sets KB_FUZZ: built with
// -sanitize=fuzzer,address into .build-fuzz, never into kb.
if ProcessInfo.processInfo.environment["KB_FUZZ"] != nil {
    package.targets.append(.target(name: "FuzzDriver", dependencies: ["SiteAudit"], path: "Fuzz/Driver"))
    for name in ["FuzzFrontMatter", "FuzzMarkdownGraph", "FuzzSearch", "FuzzIndexReader", "FuzzBrowserParity"] {
        // gold fails on the sanitized objects (an internal error in its DWARF reader); lld links them.
        package.targets.append(.executableTarget(
            name: name, dependencies: ["KBCore", "KBContent", "KBSearch", "KBSite", "KBCommandLine", "FuzzDriver"], path: "Fuzz/Targets/\(name)",
            linkerSettings: [.unsafeFlags(["-use-ld=lld"])]))
    }
}

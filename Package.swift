// swift-tools-version:6.0
import PackageDescription

// Prospectus: a static site generator for Recovery College prospectuses.
// The core library holds the whole pipeline and never depends on SwiftNIO;
// the command-line tool is a thin layer over it.
let package = Package(
    name: "Prospectus",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "prospectus", targets: ["prospectus"]),
        .library(name: "ProspectusCore", targets: ["ProspectusCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // Only for `prospectus serve` (the PreviewServer target): HTTP/1.1, streaming
        // bodies for server-sent events, and graceful shutdown through ServiceLifecycle.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
        // Both already in Hummingbird's graph; named here because the preview server uses
        // NIOCore (the bound port, bind errors) and its lock directly, and silences the log.
        .package(url: "https://github.com/apple/swift-nio", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.0.0"),
    ],
    targets: [
        // Debian's libcmark-dev, found through pkg-config.
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        // One small C shim for what Swift's Glibc module does not expose (renameat2).
        .target(name: "CPlatform"),
        .target(
            name: "ProspectusCore",
            dependencies: [
                "CCmark",
                "CPlatform",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            // The recovery-language term list is data, kept apart from the code that uses it.
            resources: [.copy("Checks/Language/recovery-language.yml")]
        ),
        // The preview server (`prospectus serve`): Hummingbird, the file watcher and live
        // reload. Kept out of the core so the pipeline never depends on SwiftNIO.
        .target(
            name: "PreviewServer",
            dependencies: [
                "ProspectusCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "prospectus",
            dependencies: [
                "ProspectusCore",
                "PreviewServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The libFuzzer target (docs/fuzzing.md, `make fuzz`). One Swift file, no main.swift,
        // no @main: with --sanitize=fuzzer libFuzzer supplies `main`; a plain build gives
        // the single file an empty one, so `swift build` and `swift test` still link it.
        .executableTarget(
            name: "ProspectusFuzz",
            dependencies: ["ProspectusCore", "HTMLOracle"]
        ),
        // The HTML tokenizer the fuzz target and the end-to-end tests read pages with.
        .target(name: "HTMLOracle"),
        .testTarget(
            name: "ProspectusCoreTests",
            dependencies: ["ProspectusCore", .product(name: "Mustache", package: "swift-mustache")]
        ),
        .testTarget(
            name: "PreviewServerTests",
            dependencies: ["PreviewServer", "ProspectusCore", .product(name: "NIOCore", package: "swift-nio")]
        ),
        .testTarget(
            name: "EndToEndTests",
            // Depending on the executable makes `swift test` build it; the tests run it as a user would.
            dependencies: ["ProspectusCore", "prospectus", "HTMLOracle"]
        ),
    ],
    swiftLanguageModes: [.v6]
)

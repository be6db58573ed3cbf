// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "ecograph",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "ecograph", targets: ["ecograph"]),
        .library(name: "EcoGraph", targets: ["EcoGraph"]),
        .library(name: "EcoGraphReaders", targets: ["EcoGraphReaders"]),
        .library(name: "EcoGraphWriters", targets: ["EcoGraphWriters"]),
        .library(name: "EcoGraphRender", targets: ["EcoGraphRender"]),
        .executable(name: "ecograph-gen", targets: ["ecograph-gen"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
    ],
    targets: [
        // C libraries, installed by `make deps` (libcmark-gfm-dev, libgraphviz-dev).
        .systemLibrary(name: "CCmarkGFM", path: "Sources/CCmarkGFM", pkgConfig: "libcmark-gfm",
                       providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),
        .systemLibrary(name: "CGraphviz", path: "Sources/CGraphviz", pkgConfig: "libgvc",
                       providers: [.apt(["libgraphviz-dev"])]),

        // The model and the queries: value types, no C.
        .target(name: "EcoGraph",
                dependencies: [.product(name: "OrderedCollections", package: "swift-collections")]),
        // Markdown (cmark-gfm), overlay (Yams) and JSON-LD readers.
        .target(name: "EcoGraphReaders",
                dependencies: ["EcoGraph", "CCmarkGFM", .product(name: "Yams", package: "Yams")]),
        // Pure-Swift writers that produce bytes.
        .target(name: "EcoGraphWriters", dependencies: ["EcoGraph"]),
        // Graphviz layout and rendering, in-process; the only importer of CGraphviz.
        .target(name: "EcoGraphRender", dependencies: ["EcoGraph", "CGraphviz"]),
        // The thin command-line front end.
        .executableTarget(name: "ecograph",
                          dependencies: ["EcoGraph", "EcoGraphReaders", "EcoGraphWriters", "EcoGraphRender",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        // The synthetic catalog generator the benchmark uses (no dependencies), and its command.
        .target(name: "BenchSupport"),
        .executableTarget(name: "ecograph-gen",
                          dependencies: ["BenchSupport", .product(name: "ArgumentParser", package: "swift-argument-parser")]),

        .testTarget(name: "EcoGraphTests", dependencies: ["EcoGraph", "EcoGraphReaders"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "EcoGraphReadersTests", dependencies: ["EcoGraph", "EcoGraphReaders"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "EcoGraphWritersTests", dependencies: ["EcoGraph", "EcoGraphReaders", "EcoGraphWriters"],
                    resources: [.copy("Snapshots")]),
        .testTarget(name: "EcoGraphRenderTests", dependencies: ["EcoGraph", "EcoGraphReaders", "EcoGraphWriters", "EcoGraphRender"]),
        .testTarget(name: "ecographCLITests", dependencies: []),
        .testTarget(name: "BenchSupportTests", dependencies: ["BenchSupport", "EcoGraph", "EcoGraphReaders"]),
    ],
    swiftLanguageModes: [.v6]
)

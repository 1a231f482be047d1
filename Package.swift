// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "BlastRadius",
  products: [
    .executable(name: "blast", targets: ["blast"]),
    .executable(name: "blast-graph-bench", targets: ["GraphBench"]),
    .library(name: "AccessGraph", targets: ["AccessGraph"]),
  ],
  targets: [
    .target(name: "AccessGraph"),
    .target(name: "Importers", dependencies: ["AccessGraph"]),
    .target(name: "Analysis", dependencies: ["AccessGraph"]),
    .systemLibrary(
      name: "CGraphviz",
      pkgConfig: "libgvc",
      providers: [.apt(["libgraphviz-dev"]), .brew(["graphviz"])]
    ),
    .systemLibrary(
      name: "CJemalloc",
      pkgConfig: "jemalloc",
      providers: [.apt(["libjemalloc-dev"]), .brew(["jemalloc"])]
    ),
    // Links jemalloc into the executables and sets its options: transparent huge pages and
    // one arena.
    .target(name: "CAllocator", dependencies: ["CJemalloc"]),
    // Starts the kernel's writeback of a file being written, which Swift's Glibc module
    // does not expose.
    .target(name: "CFileSync"),
    // Parses DOT into a graph whose memory comes from an arena, so that libgraphviz lists
    // clusters in the same order on every run.
    .target(name: "CGraphvizReader", dependencies: ["CGraphviz"]),
    .target(
      name: "Rendering", dependencies: ["AccessGraph", "Analysis", "CGraphviz", "CGraphvizReader"]),
    .target(name: "Reports", dependencies: ["AccessGraph", "Analysis", "Rendering"]),
    .executableTarget(
      name: "blast",
      dependencies: [
        "AccessGraph", "Importers", "Analysis", "Rendering", "Reports", "CFileSync",
        "CAllocator",
      ]
    ),
    // Times the graph algorithms for `make bench`; `swift build` compiles it, tests never run it.
    .executableTarget(
      name: "GraphBench", dependencies: ["AccessGraph", "Importers", "Analysis", "CAllocator"]),
    .testTarget(name: "AccessGraphTests", dependencies: ["AccessGraph"]),
    .testTarget(
      name: "ImportersTests", dependencies: ["Importers", "AccessGraph"], exclude: ["Fixtures"]),
    .testTarget(name: "AnalysisTests", dependencies: ["Analysis", "Importers", "AccessGraph"]),
    .testTarget(
      name: "RenderingTests", dependencies: ["Rendering", "Analysis", "AccessGraph"],
      exclude: ["Golden"]),
    .testTarget(
      name: "ReportsTests", dependencies: ["Reports", "Importers", "Analysis", "AccessGraph"]),
    .testTarget(name: "BlastCLITests", dependencies: [], exclude: ["Fixtures"]),
  ]
)

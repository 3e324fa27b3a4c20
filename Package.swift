// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "hunttop",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "hunttop", targets: ["hunttop"]),
    ],
    targets: [
        // C boundaries: one small target per system library.
        .target(
            name: "CRE2",
            path: "Sources/CRE2",
            linkerSettings: [.linkedLibrary("re2"), .linkedLibrary("stdc++")]
        ),
        .target(name: "CByteSearch", path: "Sources/CByteSearch"),
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw", pkgConfig: "ncursesw",
                       providers: [.apt(["libncurses-dev"])]),
        .systemLibrary(name: "CYAML", path: "Sources/CYAML", pkgConfig: "yaml-0.1",
                       providers: [.apt(["libyaml-dev"])]),
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite", pkgConfig: "sqlite3",
                       providers: [.apt(["libsqlite3-dev"])]),

        // The KQL library: imports nothing of ours but the regex shim.
        .target(name: "KQL", dependencies: ["CRE2"], linkerSettings: [.linkedLibrary("m")]),
        .target(name: "Telemetry", dependencies: ["KQL", "CByteSearch"]),
        .target(name: "TextSafety"),
        .target(name: "Lineage", dependencies: ["KQL", "Telemetry", "TextSafety"]),
        .target(name: "Engine", dependencies: ["KQL", "Telemetry", "Lineage", "CYAML", "CSQLite"]),
        .target(name: "Terminal", dependencies: ["CNcursesw", "TextSafety"]),
        .target(name: "Dashboard", dependencies: ["Engine", "Terminal", "Lineage", "KQL", "CByteSearch"]),
        .executableTarget(name: "hunttop", dependencies: ["KQL", "Telemetry", "Lineage", "Engine", "Dashboard", "Terminal", "TextSafety"]),

        .testTarget(name: "KQLTests", dependencies: ["KQL"]),
        .testTarget(name: "TelemetryTests", dependencies: ["Telemetry", "KQL"]),
        .testTarget(name: "LineageTests", dependencies: ["Lineage", "Telemetry", "KQL"]),
        .testTarget(name: "EngineTests", dependencies: ["Engine", "KQL", "Telemetry", "Lineage"]),
        .testTarget(name: "DashboardTests", dependencies: ["Dashboard", "Terminal", "Engine"]),
    ],
    swiftLanguageModes: [.v6],
    cxxLanguageStandard: .cxx17
)

// swift-tools-version:6.0
// libFuzzer targets for the KQL front end and the telemetry readers. A separate package so the
// main package's `swift build`/`swift test` never see them; the library sources are symlinks.
// Build and run with scripts/fuzz.sh.
import PackageDescription

let package = Package(
    name: "hunttop-fuzz",
    targets: [
        .target(name: "CRE2", path: "Sources/CRE2",
                linkerSettings: [.linkedLibrary("re2"), .linkedLibrary("stdc++")]),
        .target(name: "KQL", dependencies: ["CRE2"], path: "Sources/KQL", linkerSettings: [.linkedLibrary("m")]),
        .target(name: "Telemetry", dependencies: ["KQL"], path: "Sources/Telemetry"),
        .target(name: "FuzzDriver", path: "Sources/FuzzDriver"),
        .executableTarget(name: "FuzzKQL", dependencies: ["KQL", "FuzzDriver"], path: "Sources/FuzzKQL",
                          swiftSettings: [.unsafeFlags(["-parse-as-library"])]),
        .executableTarget(name: "FuzzTelemetry", dependencies: ["Telemetry", "KQL", "FuzzDriver"], path: "Sources/FuzzTelemetry",
                          swiftSettings: [.unsafeFlags(["-parse-as-library"])]),
    ],
    swiftLanguageModes: [.v6],
    cxxLanguageStandard: .cxx17
)

import Engine
import Foundation
import KQL
import Synchronization

/// A hand-built snapshot source for tests: holds one snapshot, records the commands sent, and
/// applies exclusion commands to its snapshot like the engine would.
final class DemoSnapshotSource: SnapshotSource {
    private let current: Mutex<Snapshot>
    private let commands = Mutex<[EngineCommand]>([])

    init(_ snapshot: Snapshot) { current = Mutex(snapshot) }

    func latest() -> Snapshot { current.withLock { $0 } }

    func send(_ command: EngineCommand) {
        commands.withLock { $0.append(command) }
        current.withLock { s in
            switch command {
            case .toggleExclusion(let id):
                if let i = s.exclusions.firstIndex(where: { $0.id == id }) { s.exclusions[i].enabled.toggle() }
            case .setExclusionShadow(let id, let on):
                if let i = s.exclusions.firstIndex(where: { $0.id == id }) { s.exclusions[i].shadow = on }
            case .setTriage(let id, let state, let note):
                for (rule, hs) in s.hitsByRule {
                    if let i = hs.firstIndex(where: { $0.hitId == id }) { s.hitsByRule[rule]![i].triage = HitTriage(state: state, note: note) }
                }
            case .quit, .previewExclusion, .addExclusion, .focusHit:
                return
            }
            s.version += 1
        }
    }

    /// Replaces the snapshot (as a new engine publication would).
    func publish(_ change: (inout Snapshot) -> Void) {
        current.withLock { s in change(&s); s.version += 1 }
    }

    var sent: [EngineCommand] { commands.withLock { $0 } }
}

/// Hand-built snapshots around the seed rule: ping.exe, started by msra.exe, writing .eml files.
enum Fixtures {
    static let seedRuleId = "seed-ping-eml"
    static let t0 = Ticks.datetime(year: 2026, month: 12, day: 4, hour: 14, minute: 2, second: 3)

    static func tick(_ seconds: Int) -> Int64 { t0 + Int64(seconds) * Ticks.perSecond }

    static func tree(device: String, emls: [String], hitIndex: Int) -> SnapshotTree {
        let ping = SnapshotTreeNode(
            id: "\(device)/4711", fileName: "ping.exe", pid: 4711, commandLine: "ping.exe -t 127.0.0.1",
            isHitProcess: true,
            fields: [("ProcessId", "4711"), ("FileName", "ping.exe"), ("ProcessCommandLine", "ping.exe -t 127.0.0.1")],
            events: emls.enumerated().map { i, p in
                SnapshotTreeEvent(time: tick(10 + i), action: "FileCreated", path: p, eventId: UInt64(900 + i),
                                  isHit: i == hitIndex,
                                  columns: [("ActionType", "FileCreated"), ("FolderPath", p), ("DeviceName", device)])
            })
        let msra = SnapshotTreeNode(id: "\(device)/4242", fileName: "msra.exe", pid: 4242, commandLine: "msra.exe /offerRA",
                                    inferred: true, children: [ping])
        let root = SnapshotTreeNode(id: "\(device)/?", fileName: "", unresolved: true, children: [msra])
        return SnapshotTree(roots: [root])
    }

    static func hit(_ id: UInt64, device: String, seconds: Int, eml: String, suppressedBy: [String] = []) -> RuleHit {
        RuleHit(hitId: id, eventId: 900 + id, ruleId: seedRuleId, time: tick(seconds), device: device,
                processFileName: "ping.exe", processCommandLine: "ping.exe -t 127.0.0.1", path: eml,
                suppressedBy: suppressedBy,
                tree: tree(device: device, emls: [eml, eml.replacingOccurrences(of: ".eml", with: "-2.eml")], hitIndex: 0),
                columns: [("Timestamp", Ticks.formatDatetime(tick(seconds))), ("DeviceName", device),
                          ("ActionType", "FileCreated"), ("FolderPath", eml),
                          ("InitiatingProcessFileName", "ping.exe"),
                          ("InitiatingProcessCommandLine", "ping.exe -t 127.0.0.1"),
                          ("InitiatingProcessParentFileName", "msra.exe")])
    }

    static func feedEvent(_ id: UInt64, seconds: Int, device: String = "WS01", process: String = "svchost.exe",
                          path: String, action: String = "FileModified", hits: [String] = []) -> FeedEvent {
        FeedEvent(eventId: id, time: tick(seconds), table: "DeviceFileEvents", device: device, action: action,
                  processFileName: process, pathOrCommand: path, hitRuleIds: hits,
                  columns: [("Timestamp", Ticks.formatDatetime(tick(seconds))), ("DeviceName", device),
                            ("ActionType", action), ("FolderPath", path), ("InitiatingProcessFileName", process)])
    }

    static func seedSnapshot() -> Snapshot {
        var feed: [FeedEvent] = []
        for i in 0..<20 {
            feed.append(feedEvent(UInt64(i), seconds: i, path: "C:\\Windows\\Temp\\log\(i).txt"))
        }
        feed.append(feedEvent(901, seconds: 21, process: "ping.exe", path: "C:\\Users\\bob\\AppData\\Local\\Temp\\exfil.eml",
                              action: "FileCreated", hits: [seedRuleId]))
        let hits = [
            hit(1, device: "WS01", seconds: 21, eml: "C:\\Users\\bob\\AppData\\Local\\Temp\\exfil.eml"),
            hit(2, device: "WS01", seconds: 25, eml: "C:\\Users\\bob\\AppData\\Local\\Temp\\exfil2.eml"),
            hit(3, device: "WS02", seconds: 30, eml: "D:\\lab\\out.eml", suppressedBy: ["lab-ws02"]),
        ]
        let rules = [
            RuleSummary(id: seedRuleId, name: "Ping writes .eml under remote assistance", tactics: ["Exfiltration"],
                        severity: "High", kind: "Scheduled", hitCount: 3, lastHit: tick(30),
                        rateHistory: [0, 0, 1, 0, 2, 3, 1, 0, 0, 4], query: "DeviceFileEvents | where InitiatingProcessFileName =~ 'ping.exe'",
                        file: "rules/seed.yaml"),
            RuleSummary(id: "mshta-url", name: "Mshta with URL", tactics: ["DefenseEvasion"], severity: "Medium",
                        kind: "NRT", hitCount: 0),
        ]
        return Snapshot(version: 1, sources: ["gen.jsonl"],
                        totals: SnapshotTotals(eventsRead: 21, eventsPerSecond: 123.4, malformedLines: 2,
                                               recentMalformed: [SnapshotMalformed(file: "gen.jsonl", line: 7, message: "unterminated string")],
                                               ruleErrors: [SnapshotRuleError(file: "rules/bad.yaml", message: "unknown column 'Foo'")]),
                        feed: feed, rules: rules, hitsByRule: [seedRuleId: hits],
                        exclusions: [ExclusionSummary(id: "lab-ws02", name: "Lab device WS02", ruleIds: [seedRuleId], suppressedCount: 1),
                                     ExclusionSummary(id: "backup", name: "Known backup job", enabled: false, ruleIds: ["mshta-url"])])
    }

    /// `../shared` next to the package root, or nil.
    static var sharedDirectory: URL? {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }   // Tests/DashboardTests/file → package root
        let shared = url.deletingLastPathComponent().appendingPathComponent("shared")
        return FileManager.default.fileExists(atPath: shared.path) ? shared : nil
    }

    static var packageRoot: URL {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }

    /// Feed events from the real MDE process telemetry in `../shared/data` (first `limit` rows).
    static func realFeed(limit: Int) throws -> [FeedEvent] {
        guard let shared = sharedDirectory else { throw SkipReason.noShared }
        let file = shared.appendingPathComponent("data/mde_proc_cs1.DeviceProcessEvents.jsonl")
        let text = try String(contentsOf: file, encoding: .utf8)
        var out: [FeedEvent] = []
        for (i, line) in text.split(separator: "\n").prefix(limit).enumerated() {
            guard let obj = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { continue }
            func s(_ k: String) -> String { obj[k].map { "\($0)" } ?? "" }
            let cols: SnapshotColumns = obj.keys.sorted().map { (name: $0, value: s($0)) }
            out.append(FeedEvent(eventId: UInt64(10_000 + i), time: Ticks.parseDatetime(s("Timestamp")) ?? 0,
                                 table: "DeviceProcessEvents", device: s("DeviceName"), action: s("ActionType"),
                                 processFileName: s("FileName"), pathOrCommand: s("ProcessCommandLine"), columns: cols))
        }
        return out
    }

    enum SkipReason: Error { case noShared }
}

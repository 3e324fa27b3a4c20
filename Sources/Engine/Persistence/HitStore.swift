import Foundation

/// The state database (SQLite, WAL): hits with their lineage snapshot, triage marks, exclusion
/// toggles and per-input resume offsets. A hit is committed once `append` returns; WAL with
/// `synchronous=FULL` means a `kill -9` at any moment loses no committed hit and leaves a
/// database that opens cleanly. Use from one thread at a time.
public final class HitStore: @unchecked Sendable {
    public let path: String
    let db: SQLiteDatabase
    static let schemaVersion = 1

    /// `$XDG_STATE_HOME/hunttop/state.db`, else `~/.local/state/hunttop/state.db`.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let x = environment["XDG_STATE_HOME"], x.hasPrefix("/") { return x + "/hunttop/state.db" }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return home + "/.local/state/hunttop/state.db"
    }

    /// Opens (creating folder, file and tables when missing). `maxPages` caps the file size
    /// (tests use it to make the disk "full").
    public init(path: String, readOnly: Bool = false, maxPages: Int? = nil) throws {
        self.path = path
        if !readOnly {
            let dir = (path as NSString).deletingLastPathComponent
            if !dir.isEmpty {
                do { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) } catch {
                    throw SQLiteError(path: path, code: 14, message: "cannot create folder \(dir): \(error.localizedDescription)")
                }
            }
        }
        db = try SQLiteDatabase(path: path, readOnly: readOnly)
        if readOnly { return }
        try db.exec("PRAGMA journal_mode=WAL")
        try db.exec("PRAGMA synchronous=FULL")
        if let maxPages { _ = try db.scalarText("PRAGMA max_page_count=\(maxPages)") }
        try db.exec("""
            CREATE TABLE IF NOT EXISTS hits(
              hit_id INTEGER PRIMARY KEY, rule_id TEXT NOT NULL, rule_name TEXT NOT NULL,
              event_id INTEGER NOT NULL, time INTEGER NOT NULL, device TEXT NOT NULL, process TEXT NOT NULL,
              command_line TEXT NOT NULL, path TEXT NOT NULL, suppressed_by TEXT NOT NULL,
              source TEXT NOT NULL, line INTEGER NOT NULL, columns TEXT NOT NULL, lineage TEXT,
              UNIQUE(rule_id, source, line));
            CREATE TABLE IF NOT EXISTS triage(hit_id INTEGER PRIMARY KEY, state TEXT NOT NULL, note TEXT NOT NULL,
              updated INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS exclusions(id TEXT PRIMARY KEY, enabled INTEGER NOT NULL, shadow INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS offsets(source TEXT PRIMARY KEY, line INTEGER NOT NULL);
            PRAGMA user_version=\(Self.schemaVersion);
            """)
    }

    private lazy var insertHit = try? db.prepare("""
        INSERT OR IGNORE INTO hits(hit_id, rule_id, rule_name, event_id, time, device, process, command_line, path,
          suppressed_by, source, line, columns, lineage) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?)
        """)
    private lazy var upsertOffset = try? db.prepare(
        "INSERT INTO offsets(source, line) VALUES(?,?) ON CONFLICT(source) DO UPDATE SET line=max(line, excluded.line)")

    /// Writes hits and their inputs' offsets in one transaction. Hits already stored (same rule,
    /// input and line) are ignored. Returns how many were new. On error nothing is written.
    @discardableResult
    public func append(_ hits: [StoredHit]) throws -> Int {
        guard !hits.isEmpty else { return 0 }
        guard let insertHit, let upsertOffset else { throw SQLiteError(path: path, code: 1, message: "cannot prepare insert") }
        return try db.transaction {
            var added = 0
            for s in hits {
                let h = s.hit
                try insertHit.run([h.hitId, h.ruleId, s.ruleName, h.eventId, h.time, h.device, h.processFileName,
                                   h.processCommandLine, h.path, h.suppressedBy.joined(separator: ","), s.source, s.line,
                                   StateJSON.encode(columnsJSON(h.columns)), h.tree.map { StateJSON.encode($0.jsonObject) }])
                added += Int(db.changes)
                try upsertOffset.run([s.source, s.line])
                if h.triage.state != .new || !h.triage.note.isEmpty {
                    try writeTriage(h.hitId, h.triage)
                }
            }
            return added
        }
    }

    /// Every stored hit, oldest first, with its triage mark.
    public func hits() throws -> [StoredHit] {
        let st = try db.prepare("""
            SELECT h.hit_id, h.rule_id, h.rule_name, h.event_id, h.time, h.device, h.process, h.command_line, h.path,
                   h.suppressed_by, h.source, h.line, h.columns, h.lineage, t.state, t.note
            FROM hits h LEFT JOIN triage t ON t.hit_id = h.hit_id ORDER BY h.hit_id
            """)
        var out: [StoredHit] = []
        while try st.step() {
            let sup = st.text(9) ?? ""
            var hit = RuleHit(hitId: UInt64(bitPattern: st.int(0)), eventId: UInt64(bitPattern: st.int(3)),
                              ruleId: st.text(1) ?? "", time: st.int(4), device: st.text(5) ?? "",
                              processFileName: st.text(6) ?? "", processCommandLine: st.text(7) ?? "", path: st.text(8) ?? "",
                              suppressedBy: sup.isEmpty ? [] : sup.split(separator: ",").map(String.init),
                              tree: StateJSON.decode(st.text(13)).flatMap(SnapshotTree.init(jsonObject:)),
                              columns: snapshotColumns(fromJSON: StateJSON.decode(st.text(12))))
            hit.triage = HitTriage(state: st.text(14).flatMap(TriageState.init(name:)) ?? .new, note: st.text(15) ?? "")
            out.append(StoredHit(hit: hit, ruleName: st.text(2) ?? "", source: st.text(10) ?? "", line: Int(st.int(11))))
        }
        return out
    }

    public func setTriage(hitId: UInt64, _ t: HitTriage) throws {
        try db.transaction { try writeTriage(hitId, t) }
    }

    private func writeTriage(_ hitId: UInt64, _ t: HitTriage) throws {
        try db.prepare("""
            INSERT INTO triage(hit_id, state, note, updated) VALUES(?,?,?,?)
            ON CONFLICT(hit_id) DO UPDATE SET state=excluded.state, note=excluded.note, updated=excluded.updated
            """).run([hitId, t.state.rawValue, t.note, Int64(Date().timeIntervalSince1970)])
    }

    public func saveExclusion(id: String, enabled: Bool, shadow: Bool) throws {
        try db.prepare("""
            INSERT INTO exclusions(id, enabled, shadow) VALUES(?,?,?)
            ON CONFLICT(id) DO UPDATE SET enabled=excluded.enabled, shadow=excluded.shadow
            """).run([id, enabled ? 1 : 0, shadow ? 1 : 0])
    }

    /// Saved exclusion toggles by exclusion id.
    public func exclusions() throws -> [String: (enabled: Bool, shadow: Bool)] {
        let st = try db.prepare("SELECT id, enabled, shadow FROM exclusions")
        var out: [String: (enabled: Bool, shadow: Bool)] = [:]
        while try st.step() { out[st.text(0) ?? ""] = (st.int(1) != 0, st.int(2) != 0) }
        return out
    }

    /// Per input, the line of the last committed hit.
    public func resumeOffsets() throws -> [String: Int] {
        let st = try db.prepare("SELECT source, line FROM offsets")
        var out: [String: Int] = [:]
        while try st.step() { out[st.text(0) ?? ""] = Int(st.int(1)) }
        return out
    }

    /// Number of committed hits.
    public func count() throws -> Int {
        let st = try db.prepare("SELECT count(*) FROM hits")
        return try st.step() ? Int(st.int(0)) : 0
    }

    /// `ok` for a sound database, else SQLite's list of problems.
    public func integrityCheck() throws -> String { try db.scalarText("PRAGMA integrity_check") ?? "no answer" }

    public func journalMode() throws -> String { try db.scalarText("PRAGMA journal_mode") ?? "" }
}

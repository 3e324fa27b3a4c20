import CSQLite
import Foundation

/// An SQLite failure: the operation, SQLite's message and its primary result code.
public struct SQLiteError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var code: Int32
    public var message: String
    public var description: String { "\(path): \(message)" }
    /// The disk (or the database's page limit) is full.
    public var isFull: Bool { code & 0xFF == SQLITE_FULL }
}

/// The whole SQLite C boundary: a connection, prepared statements, typed binds and reads.
/// One connection is used by one thread at a time.
final class SQLiteDatabase {
    let path: String
    private var db: OpaquePointer?

    init(path: String, readOnly: Bool = false) throws(SQLiteError) {
        self.path = path
        let flags = readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
        let rc = sqlite3_open_v2(path, &db, flags | SQLITE_OPEN_NOMUTEX, nil)
        if rc != SQLITE_OK {
            let msg = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            sqlite3_close(db)
            db = nil
            throw SQLiteError(path: path, code: rc, message: "cannot open database: \(msg)")
        }
        sqlite3_busy_timeout(db, 2_000)
        sqlite3_extended_result_codes(db, 1)
    }

    deinit { sqlite3_close_v2(db) }

    /// Rows changed by the last statement.
    var changes: Int32 { sqlite3_changes(db) }

    private func failure(_ rc: Int32, _ what: String) -> SQLiteError {
        SQLiteError(path: path, code: rc, message: "\(what): \(String(cString: sqlite3_errmsg(db)))")
    }

    /// Runs one or more statements without results.
    func exec(_ sql: String) throws(SQLiteError) {
        var err: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(db, sql, nil, nil, &err)
        if rc != SQLITE_OK {
            let msg = err.map { String(cString: $0) } ?? "error \(rc)"
            sqlite3_free(err)
            throw SQLiteError(path: path, code: rc, message: "\(sql.prefix(60)): \(msg)")
        }
    }

    func prepare(_ sql: String) throws(SQLiteError) -> Statement {
        var st: OpaquePointer?
        let rc = sqlite3_prepare_v2(db, sql, -1, &st, nil)
        guard rc == SQLITE_OK, let st else { throw failure(rc, "prepare \(sql.prefix(60))") }
        return Statement(st, db: self)
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    func transaction<T>(_ body: () throws -> T) throws -> T {
        try exec("BEGIN IMMEDIATE")
        do {
            let r = try body()
            try exec("COMMIT")
            return r
        } catch {
            try? exec("ROLLBACK")
            throw error
        }
    }

    /// One row of a single-column text query (PRAGMAs).
    func scalarText(_ sql: String) throws(SQLiteError) -> String? {
        let st = try prepare(sql)
        return try st.step() ? st.text(0) : nil
    }

    final class Statement {
        private let st: OpaquePointer
        private unowned let db: SQLiteDatabase

        init(_ st: OpaquePointer, db: SQLiteDatabase) { self.st = st; self.db = db }
        deinit { sqlite3_finalize(st) }

        private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

        func reset() { sqlite3_reset(st); sqlite3_clear_bindings(st) }

        func bind(_ i: Int32, _ v: String?) {
            // Explicit byte length: event text may hold NUL bytes.
            if let v { sqlite3_bind_text(st, i, v, Int32(v.utf8.count), Self.transient) } else { sqlite3_bind_null(st, i) }
        }
        func bind(_ i: Int32, _ v: Int64) { sqlite3_bind_int64(st, i, v) }

        /// Steps once: true when a row is available, false when done.
        func step() throws(SQLiteError) -> Bool {
            let rc = sqlite3_step(st)
            if rc == SQLITE_ROW { return true }
            if rc == SQLITE_DONE { return false }
            let e = db.failure(rc, "step")
            sqlite3_reset(st)
            throw e
        }

        /// Binds `values` (1-based order), runs to completion and resets.
        func run(_ values: [Any?]) throws(SQLiteError) {
            reset()
            for (k, v) in values.enumerated() {
                let i = Int32(k + 1)
                switch v {
                case let s as String: bind(i, s)
                case let n as Int64: bind(i, n)
                case let n as Int: bind(i, Int64(n))
                case let n as UInt64: bind(i, Int64(bitPattern: n))
                default: bind(i, nil as String?)
                }
            }
            while try step() {}
            sqlite3_reset(st)
        }

        func text(_ col: Int32) -> String? {
            guard let p = sqlite3_column_text(st, col) else { return nil }
            let n = Int(sqlite3_column_bytes(st, col))
            return String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
        }
        func int(_ col: Int32) -> Int64 { sqlite3_column_int64(st, col) }
        func isNull(_ col: Int32) -> Bool { sqlite3_column_type(st, col) == SQLITE_NULL }
    }
}

import KQL

/// Which column slots the caller needs, per table (projection pushdown).
public struct Projection: Sendable {
    /// What to do with rows of tables not listed.
    public enum Unlisted: Sendable { case decodeAll, skip }

    public var tables: [String: [Bool]]
    public var unlisted: Unlisted

    public init(tables: [String: [Bool]] = [:], unlisted: Unlisted = .decodeAll) {
        self.tables = tables
        self.unlisted = unlisted
    }

    /// Every column of every table.
    public static let all = Projection()

    /// Needed slots given as sets, per table name.
    public init(slots: [String: Set<Int>], unlisted: Unlisted = .skip, catalog: TableCatalog = .standard) {
        var t: [String: [Bool]] = [:]
        for (name, set) in slots {
            guard let info = catalog.table(named: name) else { continue }
            t[info.name] = (0..<info.schema.columns.count).map { set.contains($0) }
        }
        self.init(tables: t, unlisted: unlisted)
    }

    /// Needed columns given by name, per table name (unknown names are ignored).
    public init(columns: [String: [String]], unlisted: Unlisted = .skip, catalog: TableCatalog = .standard) {
        var s: [String: Set<Int>] = [:]
        for (name, cols) in columns {
            guard let info = catalog.table(named: name) else { continue }
            s[info.name] = Set(cols.compactMap { info.schema.slot(of: $0) })
        }
        self.init(slots: s, unlisted: unlisted, catalog: catalog)
    }
}

/// A projection resolved against a catalog: per table id, the mask, the slot list and the
/// set of key lengths worth looking up.
struct ResolvedProjection {
    struct Entry {
        let mask: [Bool]
        let slots: [Int]
        /// Key hashes of the needed columns and their aliases (open addressing, 0 = empty):
        /// most keys are rejected with one probe, before any byte comparison.
        let hashes: [UInt64]
        let hashMask: Int
        @inline(__always) func mayNeed(hash: UInt64) -> Bool {
            hashes.withUnsafeBufferPointer { t in
                var b = Int(truncatingIfNeeded: hash) & hashMask
                while true {
                    let h = t[b]
                    if h == hash { return true }
                    if h == 0 { return false }
                    b = (b + 1) & hashMask
                }
            }
        }
    }
    var entries: [Entry?]

    init(_ p: Projection, catalog: TableCatalog, forceSlots: [String] = []) {
        entries = catalog.tables.map { info in
            var mask: [Bool]
            if let m = p.tables[info.name] {
                mask = m.count == info.schema.columns.count ? m : (0..<info.schema.columns.count).map { $0 < m.count && m[$0] }
            } else if p.unlisted == .decodeAll {
                mask = [Bool](repeating: true, count: info.schema.columns.count)
            } else {
                return nil
            }
            for c in forceSlots { if let s = info.schema.slot(of: c) { mask[s] = true } }
            return Self.entry(info, mask)
        }
    }

    static func entry(_ info: TableInfo, _ mask: [Bool]) -> Entry {
        var slots: [Int] = []
        var keyHashes: [UInt64] = []
        for (i, need) in mask.enumerated() where need {
            slots.append(i)
            let name = info.schema.columns[i].name
            for key in [name] + KeyIndex.aliasSuffixes.map({ name + $0 }) {
                let u = Array(key.utf8)
                keyHashes.append(u.withUnsafeBufferPointer { ByteScan.keyHash($0.baseAddress!, u.count) })
            }
        }
        var cap = 16
        while cap < keyHashes.count * 4 { cap <<= 1 }
        var table = [UInt64](repeating: 0, count: cap)
        for h in keyHashes where h != 0 {
            var b = Int(truncatingIfNeeded: h) & (cap - 1)
            while table[b] != 0 && table[b] != h { b = (b + 1) & (cap - 1) }
            table[b] = h
        }
        return Entry(mask: mask, slots: slots, hashes: table, hashMask: cap - 1)
    }
}

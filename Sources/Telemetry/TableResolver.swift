import Glibc
import KQL

/// Decides which table a JSON row belongs to when the input does not say: a `Type`, `$table`
/// or `TableName` key; a Sysmon event; else the table whose columns best cover the populated
/// keys (+4 per populated key it has, −2 per populated key it lacks; ties go to the table
/// lacking fewer of the null keys, then to the one with fewer columns; a known ActionType picks
/// among tables that tie on populated keys). Results are cached by the row's key signature (keys + which are empty), so a file of
/// uniform rows pays the search once.
final class TableResolver {
    enum Resolution {
        case table(TableInfo)
        case byNameField(Int)      // index of the Type/$table/TableName field
        case sysmon
        case unknown
    }

    let catalog: TableCatalog
    private var cache: [UInt64: Resolution] = [:]
    private var lastSignature: UInt64 = 0
    private var lastResolution: Resolution?
    private var lastNameBytes: [UInt8] = []
    private var lastNameTable: TableInfo?

    init(catalog: TableCatalog) { self.catalog = catalog }

    /// ActionTypes that only one of several look-alike tables uses.
    static let actionTypeTables: [String: String] = [
        "LogonSuccess": "IdentityLogonEvents", "LogonFailed": "IdentityLogonEvents",
        "Directory Services replication": "IdentityDirectoryEvents",
        "Account Password changed": "IdentityDirectoryEvents", "Group Membership changed": "IdentityDirectoryEvents",
        "Account Disabled changed": "IdentityDirectoryEvents", "Security Principal created": "IdentityDirectoryEvents",
        "LDAP query": "IdentityQueryEvents", "DNS query": "IdentityQueryEvents", "SAMR query": "IdentityQueryEvents",
    ]

    func resolve(_ p: UnsafePointer<UInt8>, _ fields: FieldList) -> TableInfo? {
        var sig: UInt64 = 0xCBF2_9CE4_8422_2325
        for f in fields {
            sig = (sig ^ f.keyHash ^ (f.isNullOrEmpty ? 0x5555 : 0)) &* 0x0000_0100_0000_01B3
        }
        let r: Resolution
        if sig == lastSignature, let l = lastResolution {
            r = l
        } else if let c = cache[sig] {
            r = c
            lastSignature = sig; lastResolution = c
        } else {
            r = search(p, fields)
            if cache.count > 4096 { cache.removeAll(keepingCapacity: true) }
            cache[sig] = r
            lastSignature = sig; lastResolution = r
        }
        switch r {
        case .table(let t): return t
        case .unknown, .sysmon: return nil
        case .byNameField(let i):
            guard i < fields.count else { return nil }
            return tableNamed(p, fields[i])
        }
    }

    private func tableNamed(_ p: UnsafePointer<UInt8>, _ f: JSONField) -> TableInfo? {
        guard f.kind == .string || f.kind == .escapedString else { return nil }
        let n = f.valueEnd - f.valueStart
        if let t = lastNameTable, n == lastNameBytes.count,
           lastNameBytes.withUnsafeBufferPointer({ memcmp($0.baseAddress!, p + f.valueStart, n) == 0 }) {
            return t
        }
        let name = JSONText.decode(p, f.valueStart, f.valueEnd, escaped: f.kind == .escapedString)
        let t = catalog.table(named: name)
        lastNameBytes = Array(UnsafeBufferPointer(start: p + f.valueStart, count: n))
        lastNameTable = t
        return t
    }

    private func search(_ p: UnsafePointer<UInt8>, _ fields: FieldList) -> Resolution {
        for (i, f) in fields.enumerated() where !f.keyEscaped {
            let k = p + f.keyStart
            if ByteScan.equal(k, f.keyCount, "Type") || ByteScan.equal(k, f.keyCount, "$table")
                || ByteScan.equal(k, f.keyCount, "TableName") {
                if tableNamed(p, f) != nil { return .byNameField(i) }
            }
        }
        if SysmonMapping.looksLikeSysmon(p, fields) { return .sysmon }
        var best: TableInfo?
        var bestKey = (0, 0, 0)
        var scores: [Int: Int] = [:]
        for t in catalog.tables {
            var score = 0, absentNulls = 0
            for f in fields {
                let hit: Bool
                if f.keyEscaped {
                    hit = t.keys.lookup(JSONText.decode(p, f.keyStart, f.keyStart + f.keyCount, escaped: true)) != nil
                } else {
                    hit = t.keys.lookup(p + f.keyStart, f.keyCount, f.keyHash) != nil
                }
                if !f.isNullOrEmpty { score += hit ? 4 : -2 } else if !hit { absentNulls += 1 }
            }
            scores[t.id] = score
            let key = (score, -absentNulls, -t.schema.columns.count)
            if score > 0 && (best == nil || key > bestKey) { best = t; bestKey = key }
        }
        // Tables with the same populated columns (Identity*Events) differ by ActionType.
        if let b = best, let ai = fields.firstIndex(where: { !$0.keyEscaped && ByteScan.equal(p + $0.keyStart, $0.keyCount, "ActionType") }) {
            let a = fields[ai]
            let action = JSONText.decode(p, a.valueStart, a.valueEnd, escaped: a.kind == .escapedString)
            if let hinted = Self.actionTypeTables[action].flatMap({ catalog.table(named: $0) }),
               hinted.id != b.id, scores[hinted.id] == scores[b.id] {
                best = hinted
            }
        }
        return best.map { .table($0) } ?? .unknown
    }
}

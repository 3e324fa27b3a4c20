import Glibc

/// Maps raw key bytes to a column slot without building Strings: open addressing on
/// `ByteScan.keyHash`, confirmed by memcmp. Also knows the exporter's type-suffixed aliases
/// (`ReportId_long`, `AdditionalFields_string`, …) which map to the base column.
struct KeyIndex: Sendable {
    static let aliasSuffixes = ["_string", "_long", "_int", "_real", "_bool", "_datetime",
                                "_dynamic", "_guid", "_timespan", "_decimal"]

    private let hashes: [UInt64]
    private let slots: [Int32]          // -1 = empty bucket
    private let aliases: [Bool]
    private let keyOffsets: [Int32]
    private let keyLengths: [Int32]
    private let keyBytes: [UInt8]
    private let mask: Int

    init(columns: [String]) {
        var entries: [(String, Int, Bool)] = []
        var seen = Set<String>()
        for (i, c) in columns.enumerated() where seen.insert(c).inserted { entries.append((c, i, false)) }
        for (i, c) in columns.enumerated() {
            for sfx in Self.aliasSuffixes where seen.insert(c + sfx).inserted { entries.append((c + sfx, i, true)) }
        }
        var cap = 16
        while cap < entries.count * 3 { cap <<= 1 }
        var hashes = [UInt64](repeating: 0, count: cap)
        var slots = [Int32](repeating: -1, count: cap)
        var aliases = [Bool](repeating: false, count: cap)
        var offs = [Int32](repeating: 0, count: cap)
        var lens = [Int32](repeating: 0, count: cap)
        var bytes: [UInt8] = []
        for (name, slot, alias) in entries {
            let u = Array(name.utf8)
            let h = u.withUnsafeBufferPointer { ByteScan.keyHash($0.baseAddress!, u.count) }
            var b = Int(truncatingIfNeeded: h) & (cap - 1)
            while slots[b] >= 0 { b = (b + 1) & (cap - 1) }
            hashes[b] = h; slots[b] = Int32(slot); aliases[b] = alias
            offs[b] = Int32(bytes.count); lens[b] = Int32(u.count)
            bytes.append(contentsOf: u)
        }
        self.hashes = hashes; self.slots = slots; self.aliases = aliases
        self.keyOffsets = offs; self.keyLengths = lens; self.keyBytes = bytes
        self.mask = cap - 1
    }

    /// The slot of a key and whether it was a suffixed alias; nil for unknown keys.
    @inline(__always)
    func lookup(_ p: UnsafePointer<UInt8>, _ count: Int, _ hash: UInt64) -> (slot: Int, alias: Bool)? {
        var b = Int(truncatingIfNeeded: hash) & mask
        while true {
            let s = slots[b]
            if s < 0 { return nil }
            if hashes[b] == hash && Int(keyLengths[b]) == count {
                let off = Int(keyOffsets[b])
                let same = keyBytes.withUnsafeBufferPointer { Self.same($0.baseAddress! + off, p, count) }
                if same { return (Int(s), aliases[b]) }
            }
            b = (b + 1) & mask
        }
    }

    @inline(__always)
    static func same(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        var i = 0
        while i + 8 <= n {
            if UnsafeRawPointer(a + i).loadUnaligned(as: UInt64.self) != UnsafeRawPointer(b + i).loadUnaligned(as: UInt64.self) {
                return false
            }
            i += 8
        }
        while i < n {
            if a[i] != b[i] { return false }
            i += 1
        }
        return true
    }

    func lookup(_ name: String) -> (slot: Int, alias: Bool)? {
        let u = Array(name.utf8)
        return u.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress else { return nil }
            return lookup(base, b.count, ByteScan.keyHash(base, b.count))
        }
    }
}

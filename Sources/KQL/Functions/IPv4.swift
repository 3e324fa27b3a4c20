/// IPv4 text parsing for the ipv4_* functions.
enum IPv4 {
    /// `a.b.c.d` → 32-bit value; nil unless four decimal octets 0–255.
    static func parse(_ s: Substring) -> UInt32? {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var v: UInt32 = 0
        for p in parts {
            guard !p.isEmpty, p.count <= 3, p.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let o = UInt32(p), o <= 255 else { return nil }
            v = v << 8 | o
        }
        return v
    }

    /// Address with optional `/prefix` (default 32) → (address, prefix length).
    static func parseCIDR(_ s: String) -> (UInt32, Int)? {
        let t = Substring(s.trimmingSpaces)
        if let slash = t.firstIndex(of: "/") {
            guard let a = parse(t[..<slash]), let p = Int(t[t.index(after: slash)...]), (0...32).contains(p) else { return nil }
            return (a, p)
        }
        return parse(t).map { ($0, 32) }
    }

    static func mask(_ prefix: Int) -> UInt32 { prefix == 0 ? 0 : UInt32.max << UInt32(32 - prefix) }

    static func isPrivate(_ a: UInt32) -> Bool {
        a & mask(8) == 0x0A00_0000 || a & mask(12) == 0xAC10_0000 || a & mask(16) == 0xC0A8_0000
    }
}

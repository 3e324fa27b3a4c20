import Glibc

/// Low-level byte helpers over raw pointers; every index is checked against `end`.
enum ByteScan {
    @inline(__always)
    static func memchrIndex(_ p: UnsafePointer<UInt8>, _ from: Int, _ end: Int, _ byte: UInt8) -> Int? {
        guard from < end else { return nil }
        guard let r = memchr(p + from, Int32(byte), end - from) else { return nil }
        return UnsafeRawPointer(r) - UnsafeRawPointer(p)
    }

    @inline(__always)
    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    @inline(__always)
    static func skipSpaces(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> Int {
        var i = i
        while i < end && isSpace(p[i]) { i += 1 }
        return i
    }

    /// Cheap key hash: length plus the first and last 8 bytes (collisions are resolved by memcmp).
    @inline(__always)
    static func keyHash(_ p: UnsafePointer<UInt8>, _ count: Int) -> UInt64 {
        var h: UInt64 = UInt64(truncatingIfNeeded: count) &* 0x9E37_79B9_7F4A_7C15
        if count >= 8 {
            let a = UnsafeRawPointer(p).loadUnaligned(as: UInt64.self)
            let b = UnsafeRawPointer(p + count - 8).loadUnaligned(as: UInt64.self)
            h ^= a &* 0xC2B2_AE3D_27D4_EB4F
            h = (h << 31 | h >> 33) ^ (b &* 0x1656_67B1_9E37_79F9)
        } else {
            var v: UInt64 = 0
            for k in 0..<count { v = v << 8 | UInt64(p[k]) }
            h ^= v &* 0xC2B2_AE3D_27D4_EB4F
        }
        h ^= h >> 29
        h = h &* 0xBF58_476D_1CE4_E5B9
        return h ^ (h >> 32)
    }

    static func equal(_ p: UnsafePointer<UInt8>, _ count: Int, _ s: StaticString) -> Bool {
        guard count == s.utf8CodeUnitCount else { return false }
        return memcmp(p, s.utf8Start, count) == 0
    }

    static func string(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: p + start, count: max(0, end - start)), as: UTF8.self)
    }
}

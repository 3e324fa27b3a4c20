/// The JSONPath subset `extractjson` needs: `$`, `.name`, `['name']`, `["name"]`, `[index]`.
enum JSONPath {
    static func select(_ path: String, in root: Dynamic) -> Dynamic? {
        let p = Array(path.unicodeScalars)
        guard p.first == "$" else { return nil }
        var cur = root
        var i = 1
        while i < p.count {
            if p[i] == "." {
                i += 1
                let s = i
                while i < p.count && p[i] != "." && p[i] != "[" { i += 1 }
                guard i > s, case .bag(let b) = cur, let v = b[String(String.UnicodeScalarView(p[s..<i]))] else { return nil }
                cur = v
            } else if p[i] == "[" {
                i += 1
                guard i < p.count else { return nil }
                if p[i] == "'" || p[i] == "\"" {
                    let q = p[i]; i += 1
                    let s = i
                    while i < p.count && p[i] != q { i += 1 }
                    guard i + 1 < p.count, p[i + 1] == "]", case .bag(let b) = cur,
                          let v = b[String(String.UnicodeScalarView(p[s..<i]))] else { return nil }
                    cur = v; i += 2
                } else {
                    let s = i
                    while i < p.count && p[i] != "]" { i += 1 }
                    guard i < p.count, let n = Int(String(String.UnicodeScalarView(p[s..<i]))), case .array(let a) = cur,
                          a.indices.contains(n) else { return nil }
                    cur = a[n]; i += 1
                }
            } else { return nil }
        }
        return cur
    }
}

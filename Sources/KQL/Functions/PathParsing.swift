/// `parse_path` and `parse_url` (spec §6).
enum PathParsing {
    /// Bag of Scheme, RootPath, DirectoryPath, DirectoryName, Filename, Extension,
    /// AlternateDataStreamName for Windows, UNC, POSIX and URL-style paths.
    static func parsePath(_ s: String) -> Dynamic {
        var rest = Substring(s)
        var scheme = ""
        if let r = rest.firstRange(of: "://") {
            scheme = String(rest[..<r.lowerBound]); rest = rest[r.upperBound...]
        }
        var root = ""
        if rest.hasPrefix("\\\\") || rest.hasPrefix("//") {
            // UNC: \\server\share\...
            let body = rest.dropFirst(2)
            let parts = body.split(omittingEmptySubsequences: false) { $0 == "\\" || $0 == "/" }
            if parts.count >= 2 { root = String(rest.prefix(2 + parts[0].count + 1 + parts[1].count)) }
        } else if rest.count >= 2, rest.dropFirst().first == ":", rest.first?.isLetter == true {
            root = String(rest.prefix(rest.count >= 3 && "\\/".contains(rest[rest.index(rest.startIndex, offsetBy: 2)]) ? 3 : 2))
        } else if rest.hasPrefix("/") && scheme.isEmpty {
            root = "/"
        }
        let sepIndex = rest.lastIndex { $0 == "\\" || $0 == "/" }
        var dirPath = sepIndex.map { String(rest[..<$0]) } ?? ""
        var file = sepIndex.map { String(rest[rest.index(after: $0)...]) } ?? String(rest)
        if !scheme.isEmpty { dirPath = scheme + "://" + dirPath }
        var ads = ""
        if let colon = file.lastIndex(of: ":"), !(file.count == 2 && root.isEmpty && sepIndex == nil) {
            ads = String(file[file.index(after: colon)...]); file = String(file[..<colon])
        }
        let dirName = dirPath.split { $0 == "\\" || $0 == "/" }.last.map(String.init) ?? ""
        let ext = file.lastIndex(of: ".").map { String(file[file.index(after: $0)...]) } ?? ""
        return .bag(DynamicBag([
            ("Scheme", .string(scheme)), ("RootPath", .string(root)), ("DirectoryPath", .string(dirPath)),
            ("DirectoryName", .string(dirName)), ("Filename", .string(file)), ("Extension", .string(ext)),
            ("AlternateDataStreamName", .string(ads)),
        ]))
    }

    /// Bag of Scheme, Host, Port, Path, Username, Password, Query Parameters (a bag), Fragment;
    /// all empty when the text has no `scheme://`.
    static func parseURL(_ s: String) -> Dynamic {
        var scheme = "", host = "", port = "", path = "", user = "", pass = "", fragment = ""
        var query = DynamicBag()
        if let r = s.firstRange(of: "://"), !s[..<r.lowerBound].isEmpty,
           s[..<r.lowerBound].allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) }) {
            scheme = String(s[..<r.lowerBound])
            var rest = s[r.upperBound...]
            if let h = rest.firstIndex(of: "#") { fragment = String(rest[rest.index(after: h)...]); rest = rest[..<h] }
            var q = Substring("")
            if let qi = rest.firstIndex(of: "?") { q = rest[rest.index(after: qi)...]; rest = rest[..<qi] }
            let authEnd = rest.firstIndex(of: "/") ?? rest.endIndex
            var auth = rest[..<authEnd]
            path = String(rest[authEnd...])
            if let at = auth.lastIndex(of: "@") {
                let cred = auth[..<at]
                if let c = cred.firstIndex(of: ":") { user = String(cred[..<c]); pass = String(cred[cred.index(after: c)...]) }
                else { user = String(cred) }
                auth = auth[auth.index(after: at)...]
            }
            if auth.hasPrefix("["), let close = auth.firstIndex(of: "]") {
                host = String(auth[...close])
                let after = auth[auth.index(after: close)...]
                if after.hasPrefix(":") { port = String(after.dropFirst()) }
            } else if let c = auth.lastIndex(of: ":") {
                host = String(auth[..<c]); port = String(auth[auth.index(after: c)...])
            } else { host = String(auth) }
            for pair in q.split(separator: "&") where !pair.isEmpty {
                if let e = pair.firstIndex(of: "=") {
                    query[URLCoding.decode(String(pair[..<e]))] = .string(URLCoding.decode(String(pair[pair.index(after: e)...])))
                } else { query[URLCoding.decode(String(pair))] = .string("") }
            }
        }
        return .bag(DynamicBag([
            ("Scheme", .string(scheme)), ("Host", .string(host)), ("Port", .string(port)), ("Path", .string(path)),
            ("Username", .string(user)), ("Password", .string(pass)), ("Query Parameters", .bag(query)),
            ("Fragment", .string(fragment)),
        ]))
    }
}

/// For a window query reading one table directly: `Table | where …` made of the query's leading
/// `where`s, compiled on its own. Every row that can reach the query's result passes it, so a
/// live engine may keep only the rows that do. The `and` terms that read the clock (`now()`,
/// `ago()`, directly or through a `let`) are left out: their answer changes as time passes.
enum LeadingFilter {
    static func compile(_ q: QueryText, _ t: TabularExpr, table: String, text: String, schema: Schema) -> CompiledQuery? {
        let scalars = Array(text.unicodeScalars)
        func slice(_ r: SourceRange) -> String {
            var s = String.UnicodeScalarView()
            s.append(contentsOf: scalars[max(0, r.start)..<min(r.end, scalars.count)])
            return String(s)
        }
        var lets: [String] = []
        var clockNames: Set<String> = []
        for st in q.statements {
            let (name, range): (String, SourceRange)
            switch st {
            case .letScalar(let n, _, let r), .letTabular(let n, _, let r), .letFunction(let n, _, _, let r): (name, range) = (n, r)
            case .query, .ignored: continue
            }
            let s = slice(range)
            if readsClock(s, through: clockNames) { clockNames.insert(name) }
            lets.append(s + ";\n")
        }
        // Each `where`'s top-level `and` terms that do not read the clock.
        var wheres: [String] = []
        for st in t.stages {
            guard case .where(let e) = st.op else { break }
            let terms = conjuncts(e).map { slice($0.range) }.filter { !readsClock($0, through: clockNames) }
            if !terms.isEmpty { wheres.append("where " + terms.map { "(\($0))" }.joined(separator: " and ")) }
        }
        guard !wheres.isEmpty else { return nil }
        let filterText = lets.joined() + table + "\n| " + wheres.joined(separator: "\n| ")
        guard case (let f?, _) = KQLCompiler.compile(filterText, schema: schema, now: 0, rowFilters: false),
              !f.windowed, f.requiredSlots.keys.sorted() == [table] else { return nil }
        return f
    }

    /// The terms of a top-level `and` chain (the expression itself when it is not one).
    static func conjuncts(_ e: Expr) -> [Expr] {
        if case .binary(let op, let l, let r) = e.kind, op.lowercased() == "and" { return conjuncts(l) + conjuncts(r) }
        return [e]
    }

    /// Whether `text` calls now()/ago() or names one of `names` (as a whole word).
    static func readsClock(_ text: String, through names: Set<String>) -> Bool {
        var words: [(String, Bool)] = []   // identifier, followed by '('
        var cur = ""
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i <= scalars.count {
            let c: Unicode.Scalar? = i < scalars.count ? scalars[i] : nil
            if let c, c == "_" || c.properties.isAlphabetic || ("0"..."9").contains(c) {
                cur.unicodeScalars.append(c)
            } else if !cur.isEmpty {
                var j = i
                while j < scalars.count, scalars[j] == " " || scalars[j] == "\t" || scalars[j] == "\n" || scalars[j] == "\r" { j += 1 }
                words.append((cur, j < scalars.count && scalars[j] == "("))
                cur = ""
            }
            i += 1
        }
        return words.contains { w, call in
            (call && ["now", "ago"].contains(w.lowercased())) || names.contains(w)
        }
    }
}

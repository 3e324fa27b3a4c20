/// `join` (all kinds; default innerunique, spec §5.4) and `lookup` (default leftouter).
extension Binder {
    static let joinKinds: Set<String> = [
        "innerunique", "inner", "leftouter", "rightouter", "fullouter", "leftanti", "anti", "leftantisemi",
        "rightanti", "rightantisemi", "leftsemi", "rightsemi",
    ]

    func bindJoin(kind rawKind: String, right: TabularExpr, on: [JoinCondition], lookup: Bool, _ range: SourceRange,
                  _ left: BoundTable, _ scope: LetScope) -> BoundTable? {
        var kind = rawKind
        if kind == "anti" || kind == "leftantisemi" { kind = "leftanti" }
        if kind == "rightantisemi" { kind = "rightanti" }
        guard Binder.joinKinds.contains(kind), !lookup || kind == "leftouter" || kind == "inner" else {
            error("KQL0223", "Unknown \(lookup ? "lookup" : "join") kind '\(rawKind)'.", range, token: rawKind)
            return nil
        }
        if let ct = currentTable { needAll(ct) }
        let savedTable = currentTable
        currentTable = nil
        guard let rt = bindTabular(right, scope) else { return nil }
        currentTable = savedTable
        if on.isEmpty {
            error("KQL0224", "join needs an 'on' clause naming the key columns.", range)
            return nil
        }
        var lk: [Int] = [], rk: [Int] = []
        for c in on {
            guard let le = left.schema.entry(c.left) else {
                error("KQL0225", "The join key '\(c.left)' is not a column of the left side.", c.range, token: c.left)
                return nil
            }
            guard let re = rt.schema.entry(c.right) else {
                error("KQL0225", "The join key '\(c.right)' is not a column of the right side.", c.range, token: c.right)
                return nil
            }
            let lt = le.type == .int ? KQLType.long : le.type, rtp = re.type == .int ? KQLType.long : re.type
            if lt != rtp {
                error("KQL0226", "Join keys '\(c.left)' (\(le.type)) and '\(c.right)' (\(re.type)) have different types.", c.range)
                return nil
            }
            lk.append(le.slot); rk.append(re.slot)
        }
        let (lschema, lslots) = left.schema.compacted()
        let (rschema, rslots) = rt.schema.compacted()
        let leftCols = lschema.entries.map { Column(name: $0.name, type: $0.type) }
        var rightCols = rschema.entries.map { Column(name: $0.name, type: $0.type) }
        var rightKeep = Array(rslots.indices)
        if lookup {
            let rightKeyNames = Set(on.map(\.right))
            rightKeep = Array(rslots.indices).filter { idx in !rightKeyNames.contains(rightCols[idx].name) }
        }
        // Right columns whose names clash with the left get a numeric suffix.
        let leftNames = Set(leftCols.map(\.name))
        for k in rightCols.indices where leftNames.contains(rightCols[k].name) {
            var n = 1
            while leftNames.contains("\(rightCols[k].name)\(n)") { n += 1 }
            rightCols[k] = Column(name: "\(rightCols[k].name)\(n)", type: rightCols[k].type)
        }
        let keptRight = rightKeep.map { rightCols[$0] }
        let outCols: [Column]
        switch kind {
        case "leftsemi", "leftanti": outCols = leftCols
        case "rightsemi", "rightanti": outCols = rschema.entries.map { Column(name: $0.name, type: $0.type) }
        default: outCols = leftCols + keptRight
        }
        let leftNulls = leftCols.map { Value.null(of: $0.type) }
        let rightNulls = rslots.indices.map { Value.null(of: rschema.entries[$0].type) }
        let keepIdx = rightKeep
        let jkind = kind
        var t = left
        t.plan = .join(left: left.plan, right: rt.plan, make: { collect in
            WindowStage { leftRows in
                func key(_ r: [Value], _ slots: [Int]) -> [Value]? {
                    var k: [Value] = []
                    for s in slots {
                        var v = r[s]
                        if case .int(let i) = v { v = .long(Int64(i)) }
                        if v.isNull { return nil }
                        k.append(v)
                    }
                    return k
                }
                let L = leftRows.map { r in lslots.map { r[$0] } }
                let lkeys = leftRows.map { key($0, lk) }
                let R = collect.rows.map { r in rslots.map { r[$0] } }
                var index: [[Value]: [Int]] = [:]
                for (j, r) in collect.rows.enumerated() { if let k = key(r, rk) { index[k, default: []].append(j) } }
                var out: [[Value]] = []
                var rightMatched = Set<Int>()
                var seenLeftKeys = Set<[Value]>()
                for (i, l) in L.enumerated() {
                    let matches = lkeys[i].flatMap { index[$0] } ?? []
                    switch jkind {
                    case "innerunique":
                        guard let k = lkeys[i], seenLeftKeys.insert(k).inserted else { continue }
                        for j in matches { out.append(l + keepIdx.map { R[j][$0] }) }
                    case "inner":
                        for j in matches { out.append(l + keepIdx.map { R[j][$0] }) }
                    case "leftouter", "fullouter":
                        if matches.isEmpty { out.append(l + keepIdx.map { rightNulls[$0] }) }
                        for j in matches { out.append(l + keepIdx.map { R[j][$0] }); rightMatched.insert(j) }
                    case "rightouter":
                        for j in matches { out.append(l + keepIdx.map { R[j][$0] }); rightMatched.insert(j) }
                    case "leftsemi": if !matches.isEmpty { out.append(l) }
                    case "leftanti": if matches.isEmpty { out.append(l) }
                    case "rightsemi", "rightanti": for j in matches { rightMatched.insert(j) }
                    default: break
                    }
                }
                switch jkind {
                case "rightouter", "fullouter":
                    for j in R.indices where !rightMatched.contains(j) { out.append(leftNulls + keepIdx.map { R[j][$0] }) }
                case "rightsemi":
                    for j in R.indices where rightMatched.contains(j) { out.append(R[j]) }
                case "rightanti":
                    for j in R.indices where !rightMatched.contains(j) { out.append(R[j]) }
                default: break
                }
                return out
            }
        })
        t.schema = RowSchema(columns: outCols)
        t.windowed = true
        if !lookup && rawKind == "innerunique" && !on.isEmpty {
            // Kusto warns on joins without an explicit kind; the parser fills in innerunique.
        }
        return t
    }

    /// `mv-expand col [to typeof(T)] [limit N]`: one row per element (null → one row, empty → none).
    func bindMvExpand(_ columns: [NamedExpr], _ toType: KQLType?, _ limit: Int?, _ range: SourceRange, _ input: BoundTable, _ scope: LetScope) -> BoundTable? {
        var schema = input.schema
        var targets: [(slot: Int, eval: Eval)] = []
        for c in columns {
            let b = bindExpr(c.expr, input.schema, scope)
            guard b.type == .dynamic else {
                error("KQL0202", "mv-expand needs a dynamic column, not \(b.type).", c.expr.range)
                return nil
            }
            let name = c.name ?? b.column ?? "Column\(targets.count + 1)"
            let outType = toType ?? .dynamic
            if let idx = schema.entries.firstIndex(where: { $0.name == name }) {
                schema.entries[idx].type = outType
                schema.entries[idx].origin = nil
                targets.append((schema.entries[idx].slot, b.eval))
            } else {
                schema.entries.append(.init(name: name, type: outType, slot: schema.width, origin: nil))
                targets.append((schema.width, b.eval))
                schema.width += 1
            }
        }
        let width = schema.width
        let max = limit ?? Int(Int32.max)
        let cast = toType
        var t = input
        t.plan = .stage(input.plan, { _ in FlatMapStage { row, emit in
            var base = row
            if base.count < width { base.append(contentsOf: repeatElement(Value.null(.string), count: width - base.count)) }
            let lists: [[Dynamic]?] = targets.map { tgt in
                switch tgt.eval(row) {
                case .dynamic(.array(let a)): return a
                case .dynamic(.bag(let b)): return b.pairs.map { Dynamic.bag(DynamicBag([($0.0, $0.1)])) }
                case .dynamic(.null): return nil
                case let v: return [v.toDynamic]
                }
            }
            let n = lists.map { $0?.count ?? 1 }.max() ?? 0
            if lists.allSatisfy({ $0 != nil && $0!.isEmpty }) { return }
            for k in 0..<min(n, max) {
                var r = base
                for (ti, tgt) in targets.enumerated() {
                    let d: Dynamic = lists[ti].flatMap { k < $0.count ? $0[k] : nil } ?? .null
                    r[tgt.slot] = cast.map { ValueOps.convert(Value.fromDynamic(d), to: $0) } ?? .dynamic(d)
                }
                emit(r)
            }
        } })
        t.schema = schema
        return t
    }

    /// `parse [kind=simple|regex] expr with * "lit" col:type …` (spec §5.2).
    func bindParse(_ kind: String, _ source: Expr, _ pattern: [ParsePiece], _ keepOnly: Bool, _ range: SourceRange,
                   _ input: BoundTable, _ scope: LetScope) -> BoundTable? {
        let src = bindExpr(source, input.schema, scope)
        var regexText = ""
        var schema = input.schema
        var outs: [(slot: Int, type: KQLType)] = []
        for (k, p) in pattern.enumerated() {
            switch p {
            case .literal(let s):
                regexText += kind == "regex" ? s : Binder.regexEscape(s)
            case .wildcard:
                regexText += "(?:.*?)"
            case .column(let name, let type):
                let isLast = k == pattern.count - 1
                regexText += isLast ? "(.*)" : "(.*?)"
                if let idx = schema.entries.firstIndex(where: { $0.name == name }) {
                    schema.entries[idx].type = type
                    schema.entries[idx].origin = nil
                    outs.append((schema.entries[idx].slot, type))
                } else {
                    schema.entries.append(.init(name: name, type: type, slot: schema.width, origin: nil))
                    outs.append((schema.width, type))
                    schema.width += 1
                }
            }
        }
        let re: Regex
        do { re = try Regex("(?s)" + regexText) } catch {
            self.error("KQL0208", "The parse pattern does not make a valid expression: \(error.message)", range)
            return nil
        }
        let f = src.eval
        let width = schema.width
        var t = input
        t.plan = .stage(input.plan, { _ in FlatMapStage { row, emit in
            var r = row
            if r.count < width { r.append(contentsOf: repeatElement(Value.null(.string), count: width - r.count)) }
            let groups = re.firstMatch(in: Binder.text(f(row)))
            var ok = groups != nil
            for (k, o) in outs.enumerated() {
                let text = groups.flatMap { k + 1 < $0.count ? $0[k + 1] : nil } ?? nil
                let v = text.map { ValueOps.convert(.string($0), to: o.type) } ?? Value.null(of: o.type)
                if o.type != .string && v.isNull { ok = false }
                r[o.slot] = v
            }
            if !ok {
                if keepOnly { return }
                for o in outs { r[o.slot] = Value.null(of: o.type) }
            }
            emit(r)
        } })
        t.schema = schema
        return t
    }

    static func regexEscape(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            if "\\.+*?()|[]{}^$#&-~".unicodeScalars.contains(c) { out += "\\" }
            out.unicodeScalars.append(c)
        }
        return out
    }
}

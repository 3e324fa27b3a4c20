import Foundation

/// JSON form of a lineage tree, as stored with each hit and exported by `hunttop hits`.
extension SnapshotTree {
    public var jsonObject: [Any] { roots.map(\.jsonObject) }

    public init?(jsonObject: Any) {
        guard let arr = jsonObject as? [Any] else { return nil }
        var roots: [SnapshotTreeNode] = []
        for r in arr { guard let n = SnapshotTreeNode(jsonObject: r) else { return nil }; roots.append(n) }
        self.init(roots: roots)
    }
}

/// Columns as `[[name, value], …]` so order survives.
func columnsJSON(_ c: SnapshotColumns) -> [[String]] { c.map { [$0.name, $0.value] } }

func snapshotColumns(fromJSON any: Any?) -> SnapshotColumns {
    guard let arr = any as? [[String]] else { return [] }
    return arr.compactMap { $0.count == 2 ? ($0[0], $0[1]) : nil }
}

extension SnapshotTreeNode {
    var jsonObject: [String: Any] {
        var o: [String: Any] = ["id": id, "fileName": fileName, "commandLine": commandLine, "inferred": inferred,
                                "unresolved": unresolved, "isHitProcess": isHitProcess, "fields": columnsJSON(fields),
                                "events": events.map(\.jsonObject), "children": children.map(\.jsonObject)]
        if let pid { o["pid"] = pid }
        return o
    }

    init?(jsonObject: Any) {
        guard let o = jsonObject as? [String: Any], let id = o["id"] as? String else { return nil }
        var kids: [SnapshotTreeNode] = []
        for c in o["children"] as? [Any] ?? [] { guard let n = SnapshotTreeNode(jsonObject: c) else { return nil }; kids.append(n) }
        self.init(id: id, fileName: o["fileName"] as? String ?? "", pid: (o["pid"] as? NSNumber)?.int64Value,
                  commandLine: o["commandLine"] as? String ?? "", inferred: o["inferred"] as? Bool ?? false,
                  unresolved: o["unresolved"] as? Bool ?? false, isHitProcess: o["isHitProcess"] as? Bool ?? false,
                  fields: snapshotColumns(fromJSON: o["fields"]),
                  events: (o["events"] as? [Any] ?? []).compactMap(SnapshotTreeEvent.init(jsonObject:)),
                  children: kids)
    }
}

extension SnapshotTreeEvent {
    var jsonObject: [String: Any] {
        var o: [String: Any] = ["time": time, "action": action, "path": path, "isHit": isHit, "columns": columnsJSON(columns)]
        if let eventId { o["eventId"] = eventId }
        return o
    }

    init?(jsonObject: Any) {
        guard let o = jsonObject as? [String: Any] else { return nil }
        self.init(time: (o["time"] as? NSNumber)?.int64Value ?? 0, action: o["action"] as? String ?? "",
                  path: o["path"] as? String ?? "", eventId: (o["eventId"] as? NSNumber)?.uint64Value,
                  isHit: o["isHit"] as? Bool ?? false, columns: snapshotColumns(fromJSON: o["columns"]))
    }
}

enum StateJSON {
    static func encode(_ any: Any) -> String {
        guard let d = try? JSONSerialization.data(withJSONObject: any, options: [.sortedKeys, .withoutEscapingSlashes]) else { return "null" }
        return String(decoding: d, as: UTF8.self)
    }
    static func decode(_ s: String?) -> Any? {
        guard let s, let d = s.data(using: .utf8) else { return nil }
        return try? JSONSerialization.jsonObject(with: d, options: [.fragmentsAllowed])
    }
}

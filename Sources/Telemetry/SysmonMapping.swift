import KQL

/// Maps Sysmon events (flat JSON from Windows event exports) onto MDE hunting tables:
/// EID 1 → DeviceProcessEvents `ProcessCreated`; EID 11 → DeviceFileEvents `FileCreated`;
/// EID 23/26 → DeviceFileEvents `FileDeleted`; EID 5 → DeviceEvents `ProcessTerminated`.
/// Sysmon-only identifiers (ProcessGuid, ParentProcessGuid, LogonGuid, EventID) go into
/// `AdditionalFields`. Other event IDs have no mapping (rows of an unknown table).
enum SysmonMapping {
    static func looksLikeSysmon(_ p: UnsafePointer<UInt8>, _ fields: FieldList) -> Bool {
        var hasEID = false, sysmon = false
        for f in fields where !f.keyEscaped {
            let k = p + f.keyStart
            if ByteScan.equal(k, f.keyCount, "EventID") { hasEID = true }
            if ByteScan.equal(k, f.keyCount, "SourceName") || ByteScan.equal(k, f.keyCount, "Channel") {
                let v = ByteScan.string(p, f.valueStart, f.valueEnd)
                if v.hasPrefix("Microsoft-Windows-Sysmon") { sysmon = true }
            }
        }
        return hasEID && sysmon
    }

    /// The target table name and column values of one Sysmon event; nil for unmapped IDs.
    static func map(_ p: UnsafePointer<UInt8>, _ fields: FieldList) -> (table: String, values: [String: Value])? {
        var src: [String: String] = [:]
        var eid: Int64?
        for f in fields {
            let key = JSONText.decode(p, f.keyStart, f.keyStart + f.keyCount, escaped: f.keyEscaped)
            switch f.kind {
            case .string, .escapedString:
                src[key] = JSONText.decode(p, f.valueStart, f.valueEnd, escaped: f.kind == .escapedString)
            case .number:
                src[key] = ByteScan.string(p, f.valueStart, f.valueEnd)
            default: break
            }
            if key == "EventID" { eid = src[key].flatMap { Int64($0) } }
        }
        guard let eid else { return nil }
        var v: [String: Value] = [:]
        func put(_ column: String, _ text: String?, _ type: KQLType) {
            guard let text else { return }
            v[column] = ValueConversion.text(text, type)
        }
        let table: String
        put("Timestamp", src["UtcTime"], .datetime)
        put("DeviceName", src["Hostname"], .string)
        var extra = DynamicBag()
        extra["EventID"] = .long(eid)
        for k in ["ProcessGuid", "ParentProcessGuid", "LogonGuid", "RuleName", "CurrentDirectory"] {
            if let s = src[k] { extra[k] = .string(s) }
        }
        switch eid {
        case 1:
            table = "DeviceProcessEvents"
            v["ActionType"] = .string("ProcessCreated")
            putPath("FolderPath", "FileName", src["Image"], &v)
            put("ProcessId", src["ProcessId"], .long)
            put("ProcessCommandLine", src["CommandLine"], .string)
            put("ProcessCreationTime", src["UtcTime"], .datetime)
            put("ProcessIntegrityLevel", src["IntegrityLevel"], .string)
            put("LogonId", src["LogonId"], .long)
            putAccount("AccountDomain", "AccountName", src["User"], &v)
            putHashes("", src["Hashes"], &v)
            put("ProcessVersionInfoCompanyName", src["Company"], .string)
            put("ProcessVersionInfoProductName", src["Product"], .string)
            put("ProcessVersionInfoProductVersion", src["FileVersion"], .string)
            put("ProcessVersionInfoOriginalFileName", src["OriginalFileName"], .string)
            put("ProcessVersionInfoFileDescription", src["Description"], .string)
            putPath("InitiatingProcessFolderPath", "InitiatingProcessFileName", src["ParentImage"], &v)
            put("InitiatingProcessId", src["ParentProcessId"], .long)
            put("InitiatingProcessCommandLine", src["ParentCommandLine"], .string)
            putAccount("InitiatingProcessAccountDomain", "InitiatingProcessAccountName", src["ParentUser"], &v)
        case 11, 23, 26:
            table = "DeviceFileEvents"
            v["ActionType"] = .string(eid == 11 ? "FileCreated" : "FileDeleted")
            putPath("FolderPath", "FileName", src["TargetFilename"], &v)
            if eid != 11 { putHashes("", src["Hashes"], &v) }
            putPath("InitiatingProcessFolderPath", "InitiatingProcessFileName", src["Image"], &v)
            put("InitiatingProcessId", src["ProcessId"], .long)
            putAccount("InitiatingProcessAccountDomain", "InitiatingProcessAccountName", src["User"], &v)
            if let c = src["CreationUtcTime"] { extra["CreationUtcTime"] = .string(c) }
        case 5:
            table = "DeviceEvents"
            v["ActionType"] = .string("ProcessTerminated")
            putPath("FolderPath", "FileName", src["Image"], &v)
            put("ProcessId", src["ProcessId"], .long)
            putAccount("AccountDomain", "AccountName", src["User"], &v)
        default:
            return nil
        }
        v["AdditionalFields"] = .dynamic(.bag(extra))
        return (table, v)
    }

    private static func putPath(_ pathCol: String, _ nameCol: String, _ path: String?, _ v: inout [String: Value]) {
        guard let path else { return }
        v[pathCol] = .string(path)
        let name = path.split(separator: "\\", omittingEmptySubsequences: false).last.map(String.init) ?? path
        v[nameCol] = .string(name)
    }

    private static func putAccount(_ domCol: String, _ nameCol: String, _ user: String?, _ v: inout [String: Value]) {
        guard let user else { return }
        let parts = user.split(separator: "\\", maxSplits: 1, omittingEmptySubsequences: false)
        if parts.count == 2 {
            v[domCol] = .string(String(parts[0])); v[nameCol] = .string(String(parts[1]))
        } else {
            v[nameCol] = .string(user)
        }
    }

    /// `SHA1=…,MD5=…,SHA256=…,IMPHASH=…` → lower-case hash columns.
    private static func putHashes(_ prefix: String, _ hashes: String?, _ v: inout [String: Value]) {
        guard let hashes else { return }
        for part in hashes.split(separator: ",") {
            let kv = part.split(separator: "=", maxSplits: 1)
            guard kv.count == 2 else { continue }
            switch kv[0] {
            case "SHA1": v[prefix + "SHA1"] = .string(kv[1].lowercased())
            case "MD5": v[prefix + "MD5"] = .string(kv[1].lowercased())
            case "SHA256": v[prefix + "SHA256"] = .string(kv[1].lowercased())
            default: break
            }
        }
    }
}

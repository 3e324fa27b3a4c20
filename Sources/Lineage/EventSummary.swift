import KQL

/// What a tree needs to show one event without asking the engine.
public struct EventSummary: Sendable, Hashable {
    /// Event time (ticks); nil when the row had none.
    public var time: Int64?
    public var table: String
    public var actionType: String
    /// File path, remote URL/IP, registry key or command line, by table.
    public var detail: String
    public var reportId: String

    public init(time: Int64?, table: String, actionType: String, detail: String, reportId: String = "") {
        self.time = time; self.table = table; self.actionType = actionType
        self.detail = detail; self.reportId = reportId
    }

    /// Builds a summary from a decoded row (`values[i]` is `table.columns[i]`).
    public init(table: TableSchema, values: [Value]) {
        let row = RowReader(table: table, values: values)
        let detail: String
        switch table.name {
        case "DeviceProcessEvents":
            let commandLine = row.string("ProcessCommandLine")
            detail = commandLine.isEmpty ? row.string("FileName") : commandLine
        case "DeviceNetworkEvents":
            let url = row.string("RemoteUrl")
            if !url.isEmpty { detail = url } else {
                let ip = row.string("RemoteIP")
                let port = row.long("RemotePort").map { ":\($0)" } ?? ""
                detail = ip + (ip.isEmpty ? "" : port)
            }
        case "DeviceRegistryEvents":
            let key = row.string("RegistryKey"), name = row.string("RegistryValueName")
            detail = name.isEmpty ? key : key + "\\" + name
        default:
            detail = row.firstNonEmpty(["FolderPath", "FileName", "RemoteUrl", "RemoteIP", "RegistryKey", "ProcessCommandLine"])
        }
        let rid: String
        switch row.value("ReportId") {
        case .long(let l)?: rid = String(l)
        case .int(let i)?: rid = String(i)
        case .string(let s)?: rid = s
        default: rid = ""
        }
        self.init(time: row.time("Timestamp"), table: table.name, actionType: row.string("ActionType"),
                  detail: detail, reportId: rid)
    }
}

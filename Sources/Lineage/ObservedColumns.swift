import KQL

/// Slots of the columns an event is read by — `ProcessGraph.observe`, and the live engine's feed
/// and hits — resolved once per table layout instead of looking each name up on every row.
/// A class: handing it out is one retain.
public final class ObservedColumns: @unchecked Sendable {
    let table: String
    let columns: [Column]
    /// A DeviceProcessEvents row with a ProcessId column: it creates a process.
    public let isProcessTable: Bool

    public let deviceId, deviceName, timestamp, actionType, remoteUrl: Int?
    public let actorPid, actorTime, actorName, actorFolder, actorCommandLine, actorAccount: Int?
    public let parentPid, parentTime, parentName: Int?
    public let pid, creationTime, fileName, folderPath, commandLine, account: Int?

    public init(_ t: TableSchema) {
        table = t.name
        columns = t.columns
        deviceId = t.slot(of: "DeviceId"); deviceName = t.slot(of: "DeviceName"); timestamp = t.slot(of: "Timestamp")
        actionType = t.slot(of: "ActionType"); remoteUrl = t.slot(of: "RemoteUrl")
        actorPid = t.slot(of: "InitiatingProcessId"); actorTime = t.slot(of: "InitiatingProcessCreationTime")
        actorName = t.slot(of: "InitiatingProcessFileName"); actorFolder = t.slot(of: "InitiatingProcessFolderPath")
        actorCommandLine = t.slot(of: "InitiatingProcessCommandLine")
        actorAccount = t.slot(of: "InitiatingProcessAccountName")
        parentPid = t.slot(of: "InitiatingProcessParentId"); parentTime = t.slot(of: "InitiatingProcessParentCreationTime")
        parentName = t.slot(of: "InitiatingProcessParentFileName")
        pid = t.slot(of: "ProcessId"); creationTime = t.slot(of: "ProcessCreationTime")
        fileName = t.slot(of: "FileName"); folderPath = t.slot(of: "FolderPath")
        commandLine = t.slot(of: "ProcessCommandLine"); account = t.slot(of: "AccountName")
        isProcessTable = t.name == "DeviceProcessEvents" && pid != nil
    }

    /// True when these slots were resolved for `t`'s layout (cheap when `t` shares the
    /// column array the slots came from).
    func fits(_ t: TableSchema) -> Bool { t.name == table && t.columns == columns }
}

import KQL

/// Slots of the columns the live engine reads from every event, resolved once per table.
struct EventSlots {
    let timestamp, deviceName, actionType, fileName, folderPath, processCommandLine, remoteUrl: Int?
    let initiatingFileName, initiatingCommandLine: Int?

    init(_ t: TableSchema) {
        timestamp = t.slot(of: "Timestamp")
        deviceName = t.slot(of: "DeviceName")
        actionType = t.slot(of: "ActionType")
        fileName = t.slot(of: "FileName")
        folderPath = t.slot(of: "FolderPath")
        processCommandLine = t.slot(of: "ProcessCommandLine")
        remoteUrl = t.slot(of: "RemoteUrl")
        initiatingFileName = t.slot(of: "InitiatingProcessFileName")
        initiatingCommandLine = t.slot(of: "InitiatingProcessCommandLine")
    }
}

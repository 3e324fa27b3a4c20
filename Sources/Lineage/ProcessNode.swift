/// A snapshot of one process in the graph.
public struct ProcessNode: Sendable, Hashable {
    public let id: NodeID
    /// DeviceName when known, else DeviceId.
    public let device: String
    public let deviceId: String
    public let processId: Int64
    /// Best known start time (ticks): the time children name, else the creation row's.
    public let creationTime: Int64?
    public let fileName: String
    public let folderPath: String
    public let commandLine: String
    public let accountName: String
    /// True when this process's own creation event was never seen.
    public let inferred: Bool
    public let parent: NodeID?
    public let link: LinkKind
    public let childCount: Int
    public let eventCount: Int
}

import KQL

/// Process lineage built from Device* rows. A process is keyed by
/// (device, PID, creation time); single-threaded, owned by the engine's evaluator thread.
public final class ProcessGraph {
    /// Matching knobs; times in ticks.
    public struct Options: Sendable {
        /// Creation times within this distance are the same process (tables differ by ms).
        public var tolerance: Int64 = Ticks.perSecond
        /// Largest gap between a creation row's time and the start time children name
        /// (exports that store the event time as ProcessCreationTime).
        public var fallbackWindow: Int64 = 120 * Ticks.perSecond
        /// Longest ancestor walk before a link is refused (cycle / depth guard).
        public var maxDepth = 4096
        public init() {}
    }

    struct Node {
        var alive = true
        var generation: UInt32 = 0
        var device: Int32 = 0
        var pid: Int64 = 0
        /// ProcessCreationTime from the process's own creation row (some exports put event time here).
        var rowTime: Int64?
        /// Start time as named by the Initiating* columns of rows it caused.
        var refTime: Int64?
        var fileName = ""
        var folderPath = ""
        var commandLine = ""
        var account = ""
        var observed = false
        var parent: Int32 = -1
        /// Start time this node's rows claim for its parent.
        var parentClaimTime: Int64?
        var parentFromCreationRow = false
        /// Earliest start of a child or time of an event it caused (bounds a time-less match).
        var earliestActivity: Int64 = .max
        var link: LinkKind = .unresolved
        var children: [Int32] = []
        var events = RefQueue<EventRef>()
        /// How many of `events` created a process still retained (shown as child nodes, not events).
        var creationEvents = 0
        /// Retained events whose created process is this node.
        var createdBy: [EventRef] = []

        var startTime: Int64? { refTime ?? rowTime }
    }

    struct EventRecord {
        var actor: Int32
        /// The created process of a DeviceProcessEvents row (may be evicted before the event).
        var subject: NodeID?
        var summary: EventSummary
    }

    enum Item: Equatable { case event(EventRef), node(NodeID) }

    struct PidKey: Hashable { var device: Int32; var pid: Int64 }

    public let budget: Int
    public let options: Options
    var nodes: [Node] = []
    var freeSlots: [Int32] = []
    var byPid: [PidKey: [Int32]] = [:]
    var events = EventTable<EventRecord>()
    var order = ChunkedQueue<Item>()
    var deviceIndex: [String: Int32] = [:]
    var deviceNames: [String] = []
    var deviceIds: [String] = []
    /// DeviceId as written → the name last seen with it and the device that pair maps to.
    var seenDevices: [String: (name: String, device: Int32)] = [:]
    var lastDevice: (id: String, name: String, device: Int32)?
    /// Most recently used last; a few tables' layouts.
    var columnCache: [ObservedColumns] = []
    var counters = LineageStats()
    var liveNodes = 0

    /// `budget`: most nodes + events retained; the oldest go first.
    public init(budget: Int, options: Options = Options()) {
        self.budget = max(budget, 1)
        self.options = options
    }

    public var stats: LineageStats {
        var s = counters
        s.nodes = liveNodes
        s.events = events.count
        return s
    }

    /// Records one decoded row (`values[i]` is `table.columns[i]`) as `event`.
    public func observe(table: TableSchema, values: [Value], event: EventRef, summary: EventSummary) {
        let col = columns(of: table)
        let row = RowReader(table: table, values: values)
        let dev = device(id: row.string(at: col.deviceId), name: row.string(at: col.deviceName))
        let eventTime = row.time(at: col.timestamp)

        let actorClaim = Claim(pid: row.long(at: col.actorPid), time: row.time(at: col.actorTime),
                               name: row.string(at: col.actorName),
                               folder: row.string(at: col.actorFolder),
                               commandLine: row.string(at: col.actorCommandLine),
                               account: row.string(at: col.actorAccount))
        let parentClaim = Claim(pid: row.long(at: col.parentPid), time: row.time(at: col.parentTime),
                                name: row.string(at: col.parentName),
                                folder: "", commandLine: "", account: "")
        var subjectClaim: Claim?
        if col.isProcessTable {
            subjectClaim = Claim(pid: row.long(at: col.pid), time: row.time(at: col.creationTime),
                                 name: row.string(at: col.fileName), folder: row.string(at: col.folderPath),
                                 commandLine: row.string(at: col.commandLine), account: row.string(at: col.account))
        }

        let childStart = subjectClaim?.time ?? eventTime
        let g = resolve(parentClaim, device: dev, asCreationRow: false, activity: actorClaim.time ?? childStart)
        let a = resolve(actorClaim, device: dev, asCreationRow: false, activity: childStart)
        if let a, let t = childStart { nodes[Int(a)].earliestActivity = min(nodes[Int(a)].earliestActivity, t) }
        if let a, let g { link(child: a, to: g, claimTime: parentClaim.time, fromCreationRow: false) }
        var s: NodeID?
        if let subjectClaim, let sub = resolve(subjectClaim, device: dev, asCreationRow: true, activity: eventTime) {
            s = nodeID(sub)
            if let a { link(child: sub, to: a, claimTime: actorClaim.time, fromCreationRow: true) }
        }

        if events[event] != nil { removeEvent(event) }
        events.set(EventRecord(actor: a ?? -1, subject: s, summary: summary), for: event)
        if let a { nodes[Int(a)].events.append(event) }
        if let s, let sub = slot(s) {
            nodes[Int(sub)].createdBy.append(event)
            if let a { nodes[Int(a)].creationEvents += 1 }
        }
        order.append(.event(event))
        evictIfNeeded()
    }

    /// Column slots for `table`, resolved on first sight of its layout.
    func columns(of table: TableSchema) -> ObservedColumns {
        if let c = columnCache.last, c.fits(table) { return c }
        if let k = columnCache.firstIndex(where: { $0.fits(table) }) {
            let c = columnCache.remove(at: k)
            columnCache.append(c)
            return c
        }
        let c = ObservedColumns(table)
        if columnCache.count >= 32 { columnCache.removeFirst() }
        columnCache.append(c)
        return c
    }

    // MARK: devices

    /// Device index for a row's DeviceId/DeviceName. An (id, name) pair always maps to the
    /// same device, so pairs seen before skip the case folding below.
    func device(id: String, name: String) -> Int32 {
        if let last = lastDevice, last.id == id, last.name == name { return last.device }
        let d: Int32
        if let seen = seenDevices[id], seen.name == name {
            d = seen.device
        } else {
            d = foldedDevice(id: id, name: name)
            if seenDevices.count < 4096 { seenDevices[id] = (name, d) }
        }
        lastDevice = (id, name, d)
        return d
    }

    func foldedDevice(id: String, name: String) -> Int32 {
        let key = id.isEmpty ? "name:" + name.lowercased() : id.lowercased()
        if let d = deviceIndex[key] {
            if !name.isEmpty && deviceNames[Int(d)].isEmpty { deviceNames[Int(d)] = name }
            return d
        }
        let d = Int32(deviceNames.count)
        deviceIndex[key] = d
        deviceNames.append(name)
        deviceIds.append(id)
        if !name.isEmpty, deviceIndex["name:" + name.lowercased()] == nil { deviceIndex["name:" + name.lowercased()] = d }
        return d
    }

    func nodeID(_ i: Int32) -> NodeID { NodeID(index: i, generation: nodes[Int(i)].generation) }

    func slot(_ id: NodeID) -> Int32? {
        let i = Int(id.index)
        guard i >= 0, i < nodes.count, nodes[i].alive, nodes[i].generation == id.generation else { return nil }
        return id.index
    }
}

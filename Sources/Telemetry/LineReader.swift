import Glibc

/// Reads a file or stdin with `read(2)` into one reused buffer and hands out lines (without
/// `\n` / `\r\n`) found with memchr. In follow mode it keeps the descriptor open at EOF, waits
/// for the end of a partial last line, reopens the path when it is replaced (rotation) and
/// restarts from 0 when the file shrinks (copytruncate).
public final class LineReader {
    public enum Status: Equatable {
        /// Lines were delivered (or bytes read) and more may be available right away.
        case progress
        /// Caught up; in follow mode more may come later.
        case idle
        /// End of input (not following, or stdin closed).
        case finished
    }

    public let path: String?
    public let name: String
    public let follow: Bool
    /// Lines longer than this are dropped (reported through `onOversize`).
    public let maxLineBytes: Int
    /// Number of the last line delivered (1-based).
    public private(set) var lineNumber = 0
    public private(set) var bytesRead: Int64 = 0

    private var fd: Int32 = -1
    private var buf: UnsafeMutablePointer<UInt8>
    private var cap: Int
    private var head = 0
    private var tail = 0
    private var offset: Int64 = 0
    private var dev: UInt64 = 0
    private var ino: UInt64 = 0
    private var discarding = false
    private var eof = false

    /// Opens `path` (nil = stdin).
    public init(path: String?, follow: Bool = false, bufferSize: Int = 1 << 20, maxLineBytes: Int = 64 << 20) throws {
        self.path = path
        self.name = path ?? "<stdin>"
        self.follow = follow
        self.maxLineBytes = maxLineBytes
        cap = max(bufferSize, 4096)
        buf = .allocate(capacity: cap)
        if let path {
            fd = open(path, O_RDONLY | O_CLOEXEC)
            if fd < 0 { throw TelemetryError.cannotOpen(path, String(cString: strerror(errno))) }
            var st = stat()
            if fstat(fd, &st) == 0 { dev = UInt64(st.st_dev); ino = UInt64(st.st_ino) }
        } else {
            fd = 0
        }
    }

    deinit {
        if fd > 0 { close(fd) }
        buf.deallocate()
    }

    /// Delivers complete lines until about `budget` bytes were read or input is exhausted.
    /// `body` gets the line bytes (valid only during the call) and its line number.
    public func pump(budget: Int = 8 << 20,
                     onOversize: (Int) throws -> Void = { _ in },
                     _ body: (UnsafeRawBufferPointer, Int) throws -> Void) throws -> Status {
        var readNow = 0
        var delivered = false
        while true {
            // Complete lines already in the buffer.
            while head < tail, let nl = ByteScan.memchrIndex(UnsafePointer(buf), head, tail, 0x0A) {
                lineNumber += 1
                if discarding {
                    discarding = false
                    try onOversize(lineNumber)
                } else {
                    var e = nl
                    if e > head && buf[e - 1] == 0x0D { e -= 1 }
                    try body(UnsafeRawBufferPointer(start: buf + head, count: e - head), lineNumber)
                }
                head = nl + 1
                delivered = true
            }
            if head > 0 {
                if tail > head { memmove(buf, buf + head, tail - head) }
                tail -= head
                head = 0
            }
            if tail == cap {
                if cap >= maxLineBytes {
                    discarding = true
                    tail = 0
                } else {
                    let ncap = min(cap * 2, max(maxLineBytes, cap))
                    let nb = UnsafeMutablePointer<UInt8>.allocate(capacity: ncap)
                    nb.update(from: buf, count: tail)
                    buf.deallocate()
                    buf = nb
                    cap = ncap
                }
            }
            if readNow >= budget { return .progress }
            if eof { return try finish(body, onOversize) }
            let n = read(fd, buf + tail, cap - tail)
            if n > 0 {
                tail += n; readNow += n; offset += Int64(n); bytesRead += Int64(n)
                continue
            }
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { return delivered ? .progress : .idle }
                throw TelemetryError.readFailed(name, String(cString: strerror(errno)))
            }
            // EOF.
            if !follow || path == nil {
                eof = true
                return try finish(body, onOversize)
            }
            if try checkReplaced(body, onOversize) { continue }
            return delivered || readNow > 0 ? .progress : .idle
        }
    }

    /// Delivers a last line without a terminator, then reports the end.
    private func finish(_ body: (UnsafeRawBufferPointer, Int) throws -> Void, _ onOversize: (Int) throws -> Void) throws -> Status {
        try flushPartial(body, onOversize)
        return .finished
    }

    private func flushPartial(_ body: (UnsafeRawBufferPointer, Int) throws -> Void, _ onOversize: (Int) throws -> Void) throws {
        if discarding {
            lineNumber += 1
            discarding = false
            head = 0; tail = 0
            try onOversize(lineNumber)
            return
        }
        guard tail > head else { return }
        lineNumber += 1
        var e = tail
        if buf[e - 1] == 0x0D { e -= 1 }
        let s = head
        head = 0; tail = 0
        try body(UnsafeRawBufferPointer(start: buf + s, count: e - s), lineNumber)
    }

    /// At EOF while following: handles truncation and rotation. True when reading should resume.
    private func checkReplaced(_ body: (UnsafeRawBufferPointer, Int) throws -> Void, _ onOversize: (Int) throws -> Void) throws -> Bool {
        guard let path else { return false }
        var st = stat()
        if fstat(fd, &st) == 0, Int64(st.st_size) < offset {
            // copytruncate: what was read stays read; start over at the new beginning.
            try flushPartial(body, onOversize)
            lseek(fd, 0, SEEK_SET)
            offset = 0
            return true
        }
        var ps = stat()
        guard stat(path, &ps) == 0 else { return false }      // renamed away, not recreated yet
        if UInt64(ps.st_dev) != dev || UInt64(ps.st_ino) != ino {
            let nfd = open(path, O_RDONLY | O_CLOEXEC)
            guard nfd >= 0 else { return false }
            // The old file is drained (read returned 0): finish its last line, switch.
            try flushPartial(body, onOversize)
            close(fd)
            fd = nfd
            var nst = stat()
            if fstat(fd, &nst) == 0 { dev = UInt64(nst.st_dev); ino = UInt64(nst.st_ino) }
            offset = 0
            return true
        }
        return false
    }
}

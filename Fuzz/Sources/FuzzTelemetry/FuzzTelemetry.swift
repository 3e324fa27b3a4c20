import Glibc
import FuzzDriver
import KQL
import Telemetry

/// libFuzzer entry: bytes → a file → the ingest path with format auto-detection, then forced as
/// JSON lines, whole JSON document and CSV. Every decoded row is fully decoded.
public func fuzzTelemetry(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let path = "/tmp/hunttop-fuzz-telemetry-\(getpid()).in"
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    guard fd >= 0 else { return 0 }
    _ = write(fd, data, size)
    close(fd)
    for format in [InputFormat.auto, .jsonLines, .jsonDocument, .csv] {
        for table: String? in [nil, "DeviceProcessEvents"] {
            var o = IngestOptions()
            o.defaultTable = table
            guard let ingest = try? Ingest(inputs: [InputSpec(.path(path), format: format)], options: o) else { continue }
            _ = try? ingest.run { row in _ = row.decodeAll() }
        }
    }
    return 0
}

/// SwiftPM names the executable's entry point `FuzzTelemetry_main`; it hands over to libFuzzer.
@_cdecl("FuzzTelemetry_main")
public func FuzzTelemetryMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var c = argc
    var v = argv
    return LLVMFuzzerRunDriver(&c, &v) { data, size in fuzzTelemetry(data!, size) }
}

import FuzzDriver
import KQL

/// libFuzzer entry: bytes → query text → lexer, parser, binder and compiler. Any crash, hang or
/// sanitizer report is a finding.
public func fuzzKQL(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    var lexer = Lexer(text)
    _ = lexer.tokenize()
    var parser = Parser(text)
    _ = parser.parse()
    let (q, _) = KQLCompiler.compile(text)
    if let q { _ = q.evaluate([:]) }
    return 0
}

/// SwiftPM names the executable's entry point `FuzzKQL_main`; it hands over to libFuzzer.
@_cdecl("FuzzKQL_main")
public func FuzzKQLMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var c = argc
    var v = argv
    return LLVMFuzzerRunDriver(&c, &v) { data, size in fuzzKQL(data!, size) }
}

import CYAML

/// A YAML document as a plain tree (libyaml's parser events folded into nodes).
public indirect enum YAMLNode: Sendable {
    /// A scalar with its 0-based line/column of the value's start and whether it was a block scalar.
    case scalar(String, line: Int, column: Int, block: Bool)
    case sequence([YAMLNode])
    case mapping([(String, YAMLNode)])

    public subscript(key: String) -> YAMLNode? {
        if case .mapping(let pairs) = self { return pairs.first { $0.0 == key }?.1 }
        return nil
    }

    public var string: String? {
        if case .scalar(let s, _, _, _) = self { return s }
        return nil
    }

    /// Scalars of a sequence (or the scalar itself).
    public var strings: [String] {
        switch self {
        case .scalar(let s, _, _, _): return [s]
        case .sequence(let items): return items.compactMap(\.string)
        case .mapping: return []
        }
    }
}

public struct YAMLError: Error, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var message: String
    public var description: String { "\(line):\(column): \(message)" }
}

public enum YAML {
    /// Parses the first document of `text`. Errors carry 1-based line:column.
    public static func parse(_ text: String) throws(YAMLError) -> YAMLNode {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { throw YAMLError(line: 1, column: 1, message: "cannot start the YAML parser") }
        defer { yaml_parser_delete(&parser) }
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBufferPointer { (buf) throws(YAMLError) -> YAMLNode in
            yaml_parser_set_input_string(&parser, buf.baseAddress, buf.count)
            var stack: [(kind: Int, items: [YAMLNode], keys: [String], pendingKey: String?)] = []
            var root: YAMLNode? = nil
            var depth = 0
            func attach(_ n: YAMLNode) {
                if stack.isEmpty { root = n; return }
                var top = stack.removeLast()
                if top.kind == 0 {
                    top.items.append(n)
                } else if let k = top.pendingKey {
                    top.items.append(n); top.keys.append(k); top.pendingKey = nil
                } else if case .scalar(let s, _, _, _) = n {
                    top.pendingKey = s
                } else {
                    top.pendingKey = ""
                }
                stack.append(top)
            }
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    let m = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
                    throw YAMLError(line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1, message: m)
                }
                defer { yaml_event_delete(&event) }
                switch event.type {
                case YAML_SCALAR_EVENT:
                    let d = event.data.scalar
                    let s = String(decoding: UnsafeBufferPointer(start: d.value, count: d.length), as: UTF8.self)
                    let block = d.style == YAML_LITERAL_SCALAR_STYLE || d.style == YAML_FOLDED_SCALAR_STYLE
                    attach(.scalar(s, line: Int(event.start_mark.line), column: Int(event.start_mark.column), block: block))
                case YAML_SEQUENCE_START_EVENT:
                    depth += 1
                    if depth > 64 { throw YAMLError(line: Int(event.start_mark.line) + 1, column: 1, message: "nesting too deep") }
                    stack.append((0, [], [], nil))
                case YAML_MAPPING_START_EVENT:
                    depth += 1
                    if depth > 64 { throw YAMLError(line: Int(event.start_mark.line) + 1, column: 1, message: "nesting too deep") }
                    stack.append((1, [], [], nil))
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    depth -= 1
                    let top = stack.removeLast()
                    attach(top.kind == 0 ? .sequence(top.items) : .mapping(Array(zip(top.keys, top.items))))
                case YAML_ALIAS_EVENT:
                    attach(.scalar("", line: 0, column: 0, block: false))
                case YAML_DOCUMENT_END_EVENT, YAML_STREAM_END_EVENT:
                    return root ?? .mapping([])
                default:
                    break
                }
            }
        }
    }
}

import Foundation
import KQL

/// The exclusions in force for a rule set: compiled, each with its on/off and shadow state.
/// Each exclusion is known by its position in `entries` (members of `ExclusionBits`).
/// Owned by one thread (the evaluator, or the scanner).
public final class ExclusionSet: @unchecked Sendable {
    public struct Entry {
        public let compiled: CompiledExclusion
        public var enabled: Bool
        public var shadow: Bool
        public var exclusion: Exclusion { compiled.exclusion }
    }

    public private(set) var entries: [Entry] = []
    /// Exclusions that could not be loaded or compiled (they are not in `entries`).
    public private(set) var errors: [RuleError] = []
    /// The file new exclusions are saved to.
    public let file: String?
    let rules: RuleSet
    /// Entries that apply to each rule.
    private var ruleMasks: [ExclusionBits]

    public init(rules: RuleSet, file: String? = nil) {
        self.rules = rules
        self.file = file
        ruleMasks = Array(repeating: ExclusionBits(), count: rules.rules.count)
    }

    /// Loads and compiles `file` against `rules`; a bad exclusion is reported and left out.
    public static func load(file: String, rules: RuleSet) -> ExclusionSet {
        let set = ExclusionSet(rules: rules, file: file)
        let (xs, errs) = ExclusionFile.load(file)
        set.errors = errs
        for x in xs {
            if case .failure(let e) = set.add(x) { set.errors.append(e) }
        }
        return set
    }

    /// Compiles `x` without adding it.
    public func compile(_ x: Exclusion) -> Result<CompiledExclusion, RuleError> {
        CompiledExclusion.compile(x, rules: rules)
    }

    /// Compiles and adds `x` (enabled as the file says). A failure leaves the set unchanged.
    @discardableResult
    public func add(_ x: Exclusion) -> Result<Int, RuleError> {
        if entries.contains(where: { $0.exclusion.id == x.id }) {
            return .failure(RuleError(file: x.file, line: x.line, column: x.indent + 1, code: "EXCL", message: "duplicate exclusion id '\(x.id)'"))
        }
        switch compile(x) {
        case .failure(let e): return .failure(e)
        case .success(let c):
            let bit = entries.count
            entries.append(Entry(compiled: c, enabled: x.enabled, shadow: false))
            for ri in c.ruleIndices { ruleMasks[ri].insert(bit) }
            return .success(bit)
        }
    }

    public func index(of id: String) -> Int? { entries.firstIndex { $0.exclusion.id == id } }

    public func setEnabled(_ i: Int, _ on: Bool) { entries[i].enabled = on }
    public func setShadow(_ i: Int, _ on: Bool) { entries[i].shadow = on }

    /// The enabled exclusions.
    public var activeMask: ExclusionBits {
        ExclusionBits(entries.indices.filter { entries[$0].enabled })
    }

    /// The enabled exclusions that hide hits (not in shadow mode).
    public var hidingMask: ExclusionBits {
        ExclusionBits(entries.indices.filter { entries[$0].enabled && !entries[$0].shadow })
    }

    /// The enabled, hiding (not shadow) exclusions that apply to rule `ri`: for a window rule,
    /// they leave the events they match out of its input.
    public func hiding(rule ri: Int) -> [CompiledExclusion] {
        guard ri < ruleMasks.count else { return [] }
        return ruleMasks[ri].members.filter { entries[$0].enabled && !entries[$0].shadow }.map { entries[$0].compiled }
    }

    /// Slots of `table` that the exclusions of rule `ri` read (nil: every column).
    public func requiredSlots(rule ri: Int, table: String) -> Set<Int>? {
        guard ri < ruleMasks.count else { return [] }
        var out = Set<Int>()
        for k in ruleMasks[ri].members {
            guard let s = entries[k].compiled.requiredSlots(table) else { return nil }
            out.formUnion(s)
        }
        return out
    }

    public func appliesToRule(_ ri: Int) -> Bool { ri < ruleMasks.count && !ruleMasks[ri].isEmpty }

    /// Every exclusion (whatever its state) whose predicate holds for this hit of rule `ri`.
    public func mask(rule ri: Int, table: String, values: [Value]) -> ExclusionBits {
        guard ri < ruleMasks.count else { return ExclusionBits() }
        var out = ExclusionBits()
        for k in ruleMasks[ri].members where entries[k].compiled.matches(table: table, values: values) { out.insert(k) }
        return out
    }

    /// Ids of the exclusions in `mask`.
    public func ids(_ mask: ExclusionBits) -> [String] { mask.members.map { entries[$0].exclusion.id } }
}

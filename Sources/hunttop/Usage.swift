enum Usage {
    static let text = """
    hunttop — a live threat-hunting dashboard for KQL hunting rules over Defender telemetry

    usage:
      hunttop [--replay SPEED] [--theme NAME]  open the dashboard on the demo scenario (Fixtures/)
      hunttop watch --rules PATH INPUT... [--follow] [--replay SPEED|N/s] [--window 24h] [--theme NAME]
                    [--no-color] [--exclusions FILE | --no-exclusions] [--state PATH | --no-state]
      hunttop scan  --rules PATH [--format ndjson|csv|table] [--follow] [--strict] [--no-prefilter]
                    [--no-lineage | --lineage-graph] [--exclusions FILE | --no-exclusions] INPUT...
      hunttop tree  INPUT... (--hit REPORTID | --pid PID --device NAME) [--ascii]
      hunttop check [--format text|json] FILE...
      hunttop hits  [--format ndjson|csv] [--state PATH]
      hunttop bench [--rules PATH] [--rows N] [--repeat K] FILE
      hunttop soak  [--events N] [--rules PATH]...

    INPUT is a file, a folder, or - for stdin (JSON lines, streaming envelopes or CSV).
    """
}

enum Usage {
    static let text = """
    hunttop — a live threat-hunting dashboard for KQL hunting rules over Defender telemetry

    usage:
      hunttop                                  open the dashboard on the demo scenario (Fixtures/)
      hunttop watch --rules PATH INPUT... [--follow] [--replay SPEED] [--theme NAME]
      hunttop scan  --rules PATH [--format ndjson|csv|table] [--follow] [--exclusions FILE] INPUT...
      hunttop tree  INPUT... (--hit REPORTID | --pid PID [--device NAME])
      hunttop check [--format text|json] FILE...
      hunttop hits  [--format ndjson|csv] [--state PATH]   export the hits kept in the state database
      hunttop soak  [--events N] [--rules PATH] [--state PATH]  long check: RSS over N events at full speed
      hunttop bench [--rows N]                 micro-benchmark of the compiled seed rule

    INPUT is a file, a folder, or - for stdin (JSON lines, streaming envelopes or CSV).
    """
}

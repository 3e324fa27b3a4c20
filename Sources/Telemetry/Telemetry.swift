// Telemetry: readers for MDE inputs.
import KQL

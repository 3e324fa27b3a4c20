#!/usr/bin/env python3
"""Deterministic demo scenario for hunttop: writes Fixtures/demo/{events.jsonl,truth.json,README.md}.

usage: gen-fixtures.py [--out DIR] [--seed N]

A 30-minute slice of Defender Advanced Hunting telemetry (DeviceProcessEvents and
DeviceFileEvents as JSON lines, table name in a leading "$table" key) from nine
hosts of contoso.local: a Qakbot e-mail-theft chain on two workstations (msra.exe /
mobsync.exe -> ping.exe -t 127.0.0.1 -> .eml writes), the five benign situations that
also write .eml files, and ordinary background activity. Python 3 stdlib only; the
same seed gives the same bytes.
"""
import argparse
import hashlib
import json
import os
import random
from datetime import datetime, timezone

TICKS_PER_SEC = 10_000_000
TICKS_PER_MS = 10_000
UNIX_START = datetime(2026, 3, 10, 9, 0, 0, tzinfo=timezone.utc)
T0 = int(UNIX_START.timestamp()) * TICKS_PER_SEC  # 100 ns ticks since the Unix epoch
WINDOW = 30 * 60 * TICKS_PER_SEC
BOOT_AGO = 3 * 24 * 3600 * TICKS_PER_SEC

# Advanced Hunting columns (spec/schema, without the Sentinel-only ones), in schema order.
DPE_COLUMNS = ["Timestamp", "DeviceId", "DeviceName", "ActionType", "FileName", "FolderPath", "SHA1", "SHA256", "MD5",
    "FileSize", "ProcessVersionInfoCompanyName", "ProcessVersionInfoProductName", "ProcessVersionInfoProductVersion",
    "ProcessVersionInfoInternalFileName", "ProcessVersionInfoOriginalFileName", "ProcessVersionInfoFileDescription",
    "ProcessId", "ProcessCommandLine", "ProcessIntegrityLevel", "ProcessTokenElevation", "ProcessCreationTime",
    "AccountDomain", "AccountName", "AccountSid", "AccountUpn", "AccountObjectId", "LogonId",
    "InitiatingProcessAccountDomain", "InitiatingProcessAccountName", "InitiatingProcessAccountSid",
    "InitiatingProcessAccountUpn", "InitiatingProcessAccountObjectId", "InitiatingProcessLogonId",
    "InitiatingProcessIntegrityLevel", "InitiatingProcessTokenElevation", "InitiatingProcessSHA1",
    "InitiatingProcessSHA256", "InitiatingProcessMD5", "InitiatingProcessFileName", "InitiatingProcessFileSize",
    "InitiatingProcessVersionInfoCompanyName", "InitiatingProcessVersionInfoProductName",
    "InitiatingProcessVersionInfoProductVersion", "InitiatingProcessVersionInfoInternalFileName",
    "InitiatingProcessVersionInfoOriginalFileName", "InitiatingProcessVersionInfoFileDescription",
    "InitiatingProcessId", "InitiatingProcessCommandLine", "InitiatingProcessCreationTime",
    "InitiatingProcessFolderPath", "InitiatingProcessParentId", "InitiatingProcessParentFileName",
    "InitiatingProcessParentCreationTime", "InitiatingProcessSignerType", "InitiatingProcessSignatureStatus",
    "ReportId", "AppGuardContainerId", "AdditionalFields", "InitiatingProcessSessionId",
    "IsInitiatingProcessRemoteSession", "InitiatingProcessRemoteSessionDeviceName", "InitiatingProcessRemoteSessionIP",
    "CreatedProcessSessionId", "IsProcessRemoteSession", "ProcessRemoteSessionDeviceName", "ProcessRemoteSessionIP"]
DFE_COLUMNS = ["Timestamp", "DeviceId", "DeviceName", "ActionType", "FileName", "FolderPath", "SHA1", "SHA256", "MD5",
    "FileOriginUrl", "FileOriginReferrerUrl", "FileOriginIP", "PreviousFolderPath", "PreviousFileName", "FileSize",
    "InitiatingProcessAccountDomain", "InitiatingProcessAccountName", "InitiatingProcessAccountSid",
    "InitiatingProcessAccountUpn", "InitiatingProcessAccountObjectId", "InitiatingProcessMD5", "InitiatingProcessSHA1",
    "InitiatingProcessSHA256", "InitiatingProcessFolderPath", "InitiatingProcessFileName", "InitiatingProcessFileSize",
    "InitiatingProcessVersionInfoCompanyName", "InitiatingProcessVersionInfoProductName",
    "InitiatingProcessVersionInfoProductVersion", "InitiatingProcessVersionInfoInternalFileName",
    "InitiatingProcessVersionInfoOriginalFileName", "InitiatingProcessVersionInfoFileDescription",
    "InitiatingProcessId", "InitiatingProcessCommandLine", "InitiatingProcessCreationTime",
    "InitiatingProcessIntegrityLevel", "InitiatingProcessTokenElevation", "InitiatingProcessParentId",
    "InitiatingProcessParentFileName", "InitiatingProcessParentCreationTime", "RequestProtocol", "RequestSourceIP",
    "RequestSourcePort", "RequestAccountName", "RequestAccountDomain", "RequestAccountSid", "ShareName",
    "SensitivityLabel", "SensitivitySubLabel", "IsAzureInfoProtectionApplied", "ReportId", "AppGuardContainerId",
    "AdditionalFields", "InitiatingProcessSessionId", "IsInitiatingProcessRemoteSession",
    "InitiatingProcessRemoteSessionDeviceName", "InitiatingProcessRemoteSessionIP"]
# Columns written on every row; the others are left out when they have no value (the
# streaming export does the same), which keeps the file small.
ALWAYS = {"Timestamp", "DeviceId", "DeviceName", "ActionType", "FileName", "FolderPath", "ProcessId",
          "ProcessCommandLine", "ProcessCreationTime", "InitiatingProcessFileName", "InitiatingProcessFolderPath",
          "InitiatingProcessId", "InitiatingProcessCommandLine", "InitiatingProcessCreationTime",
          "InitiatingProcessParentId", "InitiatingProcessParentFileName", "InitiatingProcessParentCreationTime",
          "InitiatingProcessAccountName", "ReportId"}

SYS32 = "C:\\Windows\\System32"
OFFICE = "C:\\Program Files\\Microsoft Office\\root\\Office16"
MS = "Microsoft Corporation"
WINOS = "Microsoft\u00ae Windows\u00ae Operating System"

# image -> (folder, company, product, version, description, size)
IMAGES = {
    "System": ("", "", "", "", "", 0),
    "smss.exe": (SYS32, MS, WINOS, "10.0.19041.1", "Windows Session Manager", 151552),
    "wininit.exe": (SYS32, MS, WINOS, "10.0.19041.1", "Windows Start-Up Application", 437760),
    "winlogon.exe": (SYS32, MS, WINOS, "10.0.19041.1", "Windows Logon Application", 906240),
    "services.exe": (SYS32, MS, WINOS, "10.0.19041.1", "Services and Controller app", 716800),
    "svchost.exe": (SYS32, MS, WINOS, "10.0.19041.546", "Host Process for Windows Services", 57360),
    "userinit.exe": (SYS32, MS, WINOS, "10.0.19041.1", "Userinit Logon Application", 36864),
    "explorer.exe": ("C:\\Windows", MS, WINOS, "10.0.19041.1", "Windows Explorer", 4883136),
    "OUTLOOK.EXE": (OFFICE, MS, "Microsoft Outlook", "16.0.17328.20162", "Microsoft Outlook", 42133024),
    "WINWORD.EXE": (OFFICE, MS, "Microsoft Office", "16.0.17328.20162", "Microsoft Word", 1641320),
    "EXCEL.EXE": (OFFICE, MS, "Microsoft Office", "16.0.17328.20162", "Microsoft Excel", 66129440),
    "wscript.exe": (SYS32, MS, WINOS, "10.0.19041.1", "Microsoft \u00ae Windows Based Script Host", 168960),
    "cmd.exe": (SYS32, MS, WINOS, "10.0.19041.1", "Windows Command Processor", 289792),
    "rundll32.exe": (SYS32, MS, WINOS, "10.0.19041.1", "Windows host process (Rundll32)", 71680),
    "regsvr32.exe": (SYS32, MS, WINOS, "10.0.19041.1", "Microsoft(C) Register Server", 25088),
    "msra.exe": (SYS32, MS, WINOS, "10.0.19041.1", "Windows Remote Assistance", 592896),
    "mobsync.exe": (SYS32, MS, WINOS, "10.0.19041.1", "Microsoft Sync Center", 102400),
    "ping.exe": (SYS32, MS, WINOS, "10.0.19041.1", "TCP/IP Ping Command", 21504),
    "conhost.exe": (SYS32, MS, WINOS, "10.0.19041.1", "Console Window Host", 868352),
    "taskhostw.exe": (SYS32, MS, WINOS, "10.0.19041.1", "Host Process for Windows Tasks", 100352),
    "taskeng.exe": (SYS32, MS, WINOS, "6.1.7601.17514", "Task Scheduler Engine", 464384),
    "wbadmin.exe": (SYS32, MS, WINOS, "10.0.19041.1", "Command Line Interface for Microsoft BLB Backup", 357376),
    "vssadmin.exe": (SYS32, MS, WINOS, "10.0.19041.1", "Command Line Interface for Microsoft Volume Shadow Copy Service", 137728),
    "powershell.exe": (SYS32 + "\\WindowsPowerShell\\v1.0", MS, WINOS, "10.0.19041.1", "Windows PowerShell", 452608),
    "SQLAGENT.EXE": ("C:\\Program Files\\Microsoft SQL Server\\MSSQL15.MSSQLSERVER\\MSSQL\\Binn", MS,
                     "Microsoft SQL Server", "2019.150.2000.5", "SQLAGENT - SQL Server Agent", 683952),
    "sqlcmd.exe": ("C:\\Program Files\\Microsoft SQL Server\\Client SDK\\ODBC\\170\\Tools\\Binn", MS,
                   "Microsoft SQL Server", "15.0.2000.5", "T-SQL execution utility", 259472),
    "bcp.exe": ("C:\\Program Files\\Microsoft SQL Server\\Client SDK\\ODBC\\170\\Tools\\Binn", MS,
                "Microsoft SQL Server", "15.0.2000.5", "BCP - Bulk Copy Program", 135064),
    "chrome.exe": ("C:\\Program Files\\Google\\Chrome\\Application", "Google LLC", "Google Chrome",
                   "122.0.6261.129", "Google Chrome", 3127576),
    "MsMpEng.exe": ("C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\4.18.24020.7-0", MS,
                    "Microsoft\u00ae Windows\u00ae Operating System", "4.18.24020.7", "Antimalware Service Executable", 133576),
    "OneDrive.exe": ("C:\\Program Files\\Microsoft OneDrive", MS, "Microsoft OneDrive", "24.020.0128.0003",
                     "Microsoft OneDrive", 3711304),
    "backgroundTaskHost.exe": (SYS32, MS, WINOS, "10.0.19041.1", "Background Task Host", 19352),
    "WmiPrvSE.exe": (SYS32 + "\\wbem", MS, WINOS, "10.0.19041.546", "WMI Provider Host", 496640),
    "SearchProtocolHost.exe": (SYS32, MS, WINOS, "7.0.19041.1", "Microsoft Windows Search Protocol Host", 420352),
    "notepad.exe": (SYS32, MS, WINOS, "10.0.19041.1", "Notepad", 201216),
    "sqlservr.exe": ("C:\\Program Files\\Microsoft SQL Server\\MSSQL15.MSSQLSERVER\\MSSQL\\Binn", MS,
                     "Microsoft SQL Server", "2019.150.2000.5", "SQL Server Windows NT - 64 Bit", 525008),
}


def fmt(t):
    secs, frac = divmod(t, TICKS_PER_SEC)
    return datetime.fromtimestamp(secs, timezone.utc).strftime("%Y-%m-%dT%H:%M:%S") + ".%07dZ" % frac


def digest(kind, text):
    return hashlib.new(kind, text.encode("utf-8")).hexdigest()


class Account:
    def __init__(self, domain, name, sid, upn="", integrity="Medium", elevation="TokenElevationTypeLimited", logon=0):
        self.domain, self.name, self.sid, self.upn = domain, name, sid, upn
        self.integrity, self.elevation, self.logon = integrity, elevation, logon


SYSTEM = Account("nt authority", "system", "S-1-5-18", integrity="System", elevation="TokenElevationTypeDefault", logon=999)


class Proc:
    def __init__(self, host, pid, name, cmd, created, parent, account, visible, jitter=0, variant=""):
        self.host, self.pid, self.name, self.cmd, self.created = host, pid, name, cmd, created
        self.parent, self.account, self.visible, self.jitter = parent, account, visible, jitter
        folder, company, product, version, desc, size = IMAGES[name]
        self.folder = folder + "\\" + name if folder else ""
        self.company, self.product, self.version, self.desc, self.size = company, product, version, desc, size
        seed = name.lower() + version + variant
        self.sha1, self.md5, self.sha256 = digest("sha1", seed), digest("md5", seed), digest("sha256", seed)
        self.signer = "" if variant else ("OsVendor" if company == MS else "Microsoft" if "Office" in folder else "ThirdParty")


class Host:
    def __init__(self, gen, name):
        self.gen, self.name = gen, name
        self.id = "%040x" % gen.rng.getrandbits(160)
        self.used = set()
        self.freed = []
        self.procs = []

    def new_pid(self):
        rng = self.gen.rng
        if self.freed and rng.random() < 0.35:  # Windows hands out recently freed PIDs again
            pid = self.freed.pop(rng.randrange(len(self.freed)))
        else:
            pid = rng.randrange(250, 5000) * 4
            while pid in self.used:
                pid = rng.randrange(250, 5000) * 4
        self.used.add(pid)
        return pid

    def exit(self, proc):
        self.used.discard(proc.pid)
        self.freed.append(proc.pid)


class Generator:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.rows = []  # (time, seq, table, dict, tags)
        self.seq = 0
        self.file_seq = 0

    # ---- processes and rows ---------------------------------------------------------------

    def spawn(self, host, parent, name, cmd, t, account=None, visible=True, jitter=0, variant="", pid=None, tags=()):
        account = account or (parent.account if parent else SYSTEM)
        p = Proc(host, pid if pid is not None else host.new_pid(), name, cmd, t, parent, account, visible, jitter, variant)
        if pid is not None:
            host.used.add(pid)
        host.procs.append(p)
        if visible and t >= T0:
            self.process_row(p, t + self.rng.randrange(2, 40) * TICKS_PER_MS + self.rng.randrange(TICKS_PER_MS), tags)
        return p

    def initiating(self, r, p):
        """Fills the Initiating* columns for acting process p (and its parent)."""
        a = p.account
        r.update({
            "InitiatingProcessAccountDomain": a.domain, "InitiatingProcessAccountName": a.name,
            "InitiatingProcessAccountSid": a.sid, "InitiatingProcessAccountUpn": a.upn,
            "InitiatingProcessLogonId": a.logon, "InitiatingProcessIntegrityLevel": a.integrity,
            "InitiatingProcessTokenElevation": a.elevation, "InitiatingProcessSHA1": p.sha1,
            "InitiatingProcessMD5": p.md5, "InitiatingProcessFileName": p.name, "InitiatingProcessFileSize": p.size,
            # InitiatingProcessVersionInfo* left empty (omitted) to keep the fixture small.
            "InitiatingProcessId": p.pid, "InitiatingProcessCommandLine": p.cmd,
            "InitiatingProcessCreationTime": fmt(p.created + p.jitter), "InitiatingProcessFolderPath": p.folder,
            "InitiatingProcessSignerType": p.signer, "InitiatingProcessSignatureStatus": "Valid" if p.signer else "Unsigned",
            "InitiatingProcessSessionId": 0 if a is SYSTEM or a.name.startswith("NT SERVICE") else 1,
            "IsInitiatingProcessRemoteSession": False,
        })
        pp = p.parent
        r["InitiatingProcessParentId"] = pp.pid if pp else 0
        r["InitiatingProcessParentFileName"] = pp.name if pp else ""
        r["InitiatingProcessParentCreationTime"] = fmt(pp.created) if pp else None

    def process_row(self, p, t, tags):
        h, a = p.host, p.account
        r = {"Timestamp": fmt(t), "DeviceId": h.id, "DeviceName": h.name, "ActionType": "ProcessCreated",
             "FileName": p.name, "FolderPath": p.folder, "SHA1": p.sha1, "SHA256": p.sha256, "MD5": p.md5,
             "FileSize": p.size, "ProcessVersionInfoCompanyName": p.company, "ProcessVersionInfoProductName": p.product,
             "ProcessVersionInfoProductVersion": p.version,
             "ProcessVersionInfoInternalFileName": p.name if p.company else "",
             "ProcessVersionInfoOriginalFileName": p.name if p.company else "",
             "ProcessVersionInfoFileDescription": p.desc, "ProcessId": p.pid, "ProcessCommandLine": p.cmd,
             "ProcessIntegrityLevel": a.integrity, "ProcessTokenElevation": a.elevation,
             "ProcessCreationTime": fmt(p.created), "AccountDomain": a.domain, "AccountName": a.name,
             "AccountSid": a.sid, "AccountUpn": a.upn, "LogonId": a.logon,
             "CreatedProcessSessionId": 0 if a is SYSTEM else 1, "IsProcessRemoteSession": False}
        self.initiating(r, p.parent)
        self.add(t, "DeviceProcessEvents", r, tags)

    def file_event(self, p, t, path, action="FileCreated", size=None, tags=(), origin=None):
        name = path.rsplit("\\", 1)[-1]
        r = {"Timestamp": fmt(t), "DeviceId": p.host.id, "DeviceName": p.host.name, "ActionType": action,
             "FileName": name, "FolderPath": path,
             "FileSize": size if size is not None else self.rng.randrange(300, 250_000)}
        if action == "FileCreated" and self.rng.random() < 0.6:
            r["SHA1"] = digest("sha1", path + str(t))
        if origin:
            r["FileOriginUrl"] = origin
        self.initiating(r, p)
        self.add(t, "DeviceFileEvents", r, tags)

    def add(self, t, table, r, tags):
        self.seq += 1
        self.rows.append((t, self.seq, table, r, tuple(tags)))

    def ms(self, a, b):
        return self.rng.randrange(a, b) * TICKS_PER_MS + self.rng.randrange(TICKS_PER_MS)

    # ---- hosts --------------------------------------------------------------------------

    def boot(self, host, user=None, outlook=True):
        """Processes started at boot/logon, days before the window: never seen as rows."""
        b = T0 - BOOT_AGO - self.ms(0, 3_600_000)
        system = self.spawn(host, None, "System", "", b, visible=False, pid=4)
        smss = self.spawn(host, system, "smss.exe", "\\SystemRoot\\System32\\smss.exe", b + self.ms(200, 900), visible=False)
        wininit = self.spawn(host, smss, "wininit.exe", "wininit.exe", b + self.ms(2000, 4000), visible=False)
        services = self.spawn(host, wininit, "services.exe", "C:\\Windows\\system32\\services.exe", b + self.ms(4000, 5000), visible=False)
        host.services = services
        host.svchosts = [self.spawn(host, services, "svchost.exe", cmd, b + self.ms(6000, 20000), visible=False)
                         for cmd in ("svchost.exe -k netsvcs -p -s Schedule", "svchost.exe -k DcomLaunch -p",
                                     "svchost.exe -k LocalService -p -s EventLog", "svchost.exe -k wusvcs -p -s WaaSMedicSvc")]
        host.defender = self.spawn(host, services, "MsMpEng.exe", "\"MsMpEng.exe\"", b + self.ms(7000, 9000), visible=False)
        host.user_procs = []
        if user:
            logon = T0 - self.ms(3_600_000, 7_200_000)
            winlogon = self.spawn(host, smss, "winlogon.exe", "winlogon.exe", b + self.ms(3000, 4000), visible=False)
            userinit = self.spawn(host, winlogon, "userinit.exe", "C:\\Windows\\system32\\userinit.exe", logon, account=user, visible=False)
            host.explorer = self.spawn(host, userinit, "explorer.exe", "C:\\Windows\\Explorer.EXE", logon + self.ms(900, 2000), account=user, visible=False)
            host.user = user
            host.user_procs.append(self.spawn(host, host.explorer, "OneDrive.exe", "\"C:\\Program Files\\Microsoft OneDrive\\OneDrive.exe\" /background",
                                              logon + self.ms(5000, 9000), visible=False))
            host.user_procs.append(self.spawn(host, host.explorer, "chrome.exe", "\"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe\"",
                                              logon + self.ms(60_000, 600_000), visible=False))
            if outlook:
                host.outlook = self.spawn(host, host.explorer, "OUTLOOK.EXE", "\"C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE\" ",
                                          logon + self.ms(20_000, 40_000), visible=False)
                host.user_procs.append(host.outlook)
        return host

    def user_account(self, name, admin=False, domain="contoso"):
        rid = 1100 + self.rng.randrange(9000)
        return Account(domain, name, "S-1-5-21-1004336348-1177238915-682003330-%d" % rid,
                       upn="%s@contoso.com" % name,
                       integrity="High" if admin else "Medium",
                       elevation="TokenElevationTypeFull" if admin else "TokenElevationTypeLimited",
                       logon=self.rng.randrange(0x10000, 0xFFFFFF))

    # ---- background ---------------------------------------------------------------------

    def background(self, host, rate):
        """Ordinary activity: short-lived helpers that write a few files, and file writes by
        the long-lived processes."""
        rng = self.rng
        t = T0 + self.ms(0, 5000)
        end = T0 + WINDOW
        user = getattr(host, "user", None)
        while t < end:
            roll = rng.random()
            if roll < 0.22:
                sv = rng.choice(host.svchosts)
                kind = rng.choice(["taskhostw.exe", "backgroundTaskHost.exe", "WmiPrvSE.exe", "SearchProtocolHost.exe", "conhost.exe"])
                cmd = {"taskhostw.exe": "taskhostw.exe -RegisterDevice -ProtectionStateChanged -FreeNetworkOnly",
                       "backgroundTaskHost.exe": "\"backgroundTaskHost.exe\" -ServerName:BackgroundTaskHost.WebAccountProvider",
                       "WmiPrvSE.exe": "C:\\Windows\\system32\\wbem\\wmiprvse.exe -secured -Embedding",
                       "SearchProtocolHost.exe": "\"SearchProtocolHost.exe\" Global\\UsGthrFltPipeMssGthrPipe%d" % rng.randrange(1, 300),
                       "conhost.exe": "\\??\\C:\\Windows\\system32\\conhost.exe 0xffffffff -ForceV1"}[kind]
                p = self.spawn(host, sv, kind, cmd, t)
                for k in range(rng.randrange(0, 5)):
                    self.file_event(p, t + self.ms(50 + 200 * k, 300 + 200 * k),
                                    "C:\\Windows\\Temp\\%s_%05d.tmp" % (kind.split(".")[0].lower(), rng.randrange(100000)),
                                    action=rng.choice(["FileCreated", "FileCreated", "FileModified", "FileDeleted"]))
                host.exit(p)
            elif roll < 0.32 and user:
                kind = rng.choice(["notepad.exe", "WINWORD.EXE", "EXCEL.EXE", "cmd.exe"])
                cmd = {"notepad.exe": "\"C:\\Windows\\system32\\NOTEPAD.EXE\" C:\\Users\\%s\\Documents\\notes.txt" % user.name,
                       "WINWORD.EXE": "\"WINWORD.EXE\" /n \"C:\\Users\\%s\\Documents\\Q1 plan %d.docx\"" % (user.name, rng.randrange(1, 9)),
                       "EXCEL.EXE": "\"EXCEL.EXE\" \"C:\\Users\\%s\\Documents\\budget-%d.xlsx\"" % (user.name, rng.randrange(2019, 2027)),
                       "cmd.exe": "\"C:\\Windows\\system32\\cmd.exe\" "}[kind]
                p = self.spawn(host, host.explorer, kind, cmd, t)
                for k in range(rng.randrange(1, 6)):
                    ext = {"notepad.exe": "txt", "WINWORD.EXE": "docx", "EXCEL.EXE": "xlsx", "cmd.exe": "log"}[kind]
                    self.file_event(p, t + self.ms(500 + 900 * k, 900 + 900 * k),
                                    "C:\\Users\\%s\\Documents\\%s%d.%s" % (user.name, "~$draft" if k == 0 and ext != "txt" else "draft", rng.randrange(100), ext),
                                    action=rng.choice(["FileCreated", "FileModified"]))
                if kind == "cmd.exe":
                    c = self.spawn(host, p, "conhost.exe", "\\??\\C:\\Windows\\system32\\conhost.exe 0xffffffff -ForceV1", t + self.ms(5, 30))
                    host.exit(c)
                    if rng.random() < 0.5:
                        pg = self.spawn(host, p, "ping.exe", "ping.exe -n 4 10.%d.%d.1" % (rng.randrange(255), rng.randrange(255)), t + self.ms(2000, 5000))
                        host.exit(pg)
                host.exit(p)
            else:
                actor = rng.choice([host.defender] + host.svchosts[:2] + host.user_procs * 3)
                if actor.name == "chrome.exe":
                    path = "C:\\Users\\%s\\AppData\\Local\\Google\\Chrome\\User Data\\Default\\Cache\\Cache_Data\\f_%06x" % (user.name, rng.randrange(1 << 24))
                    origin = None
                    if rng.random() < 0.08:
                        path = "C:\\Users\\%s\\Downloads\\%s" % (user.name, rng.choice(["report.pdf", "setup.msi", "invoice.pdf", "photo.jpg", "slides.pptx"]))
                        origin = "https://%s/files/%d" % (rng.choice(["sharepoint.contoso.com", "cdn.fabrikam.net", "download.example.org"]), rng.randrange(10**6))
                    self.file_event(actor, t, path, origin=origin)
                elif actor.name == "OneDrive.exe":
                    self.file_event(actor, t, "C:\\Users\\%s\\OneDrive - Contoso\\Shared\\%s-%d.docx" % (user.name, rng.choice(["minutes", "roadmap", "contract"]), rng.randrange(50)),
                                    action=rng.choice(["FileCreated", "FileModified", "FileRenamed"]))
                elif actor.name == "OUTLOOK.EXE":
                    self.file_event(actor, t, "C:\\Users\\%s\\AppData\\Local\\Microsoft\\Outlook\\%s" % (user.name, rng.choice(["~%s.ost.tmp" % user.name, "RoamCache\\Stream_Autocomplete_0.dat"])),
                                    action="FileModified")
                elif actor.name == "MsMpEng.exe":
                    self.file_event(actor, t, "C:\\ProgramData\\Microsoft\\Windows Defender\\Scans\\History\\Service\\DetectionHistory\\%02d\\%08X" % (rng.randrange(99), rng.getrandbits(32)),
                                    action=rng.choice(["FileCreated", "FileDeleted"]))
                else:
                    self.file_event(actor, t, "C:\\Windows\\System32\\LogFiles\\%s\\%s.log" % (rng.choice(["Sum", "WMI", "Scm"]), rng.choice(["Svc", "Api", "Current"])),
                                    action="FileModified")
            t += int(rng.expovariate(1.0 / rate))

    # ---- the scenarios ------------------------------------------------------------------

    def qakbot(self, host, start, office, loader, hijacked, emails, hide_loader, jitter, tag):
        u, rng = host.user, self.rng
        ol = host.outlook
        doc = {"WINWORD.EXE": "Invoice_%04d.doc" % rng.randrange(10000), "EXCEL.EXE": "Payment_Details_%04d.xlsb" % rng.randrange(10000)}[office]
        cache = "C:\\Users\\%s\\AppData\\Local\\Microsoft\\Windows\\INetCache\\Content.Outlook\\%s" % (u.name, "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789") for _ in range(8)))
        t = start
        self.file_event(ol, t, cache + "\\" + doc, tags=[tag])
        t += self.ms(6000, 15000)
        off = self.spawn(host, ol, office, "\"%s\" /n \"%s\\%s\" /o \"\"" % (office, cache, doc) if office == "WINWORD.EXE" else "\"EXCEL.EXE\" \"%s\\%s\"" % (cache, doc), t, tags=[tag])
        stage = "C:\\Users\\%s\\AppData\\Roaming\\Microsoft\\%s" % (u.name, "".join(rng.choice("bcdfghjklmnpqrstvwxyz") for _ in range(7)).capitalize())
        dll = stage + "\\" + "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(6)) + (".dll" if loader == "rundll32.exe" else ".ocx")
        t += self.ms(3000, 8000)
        if office == "WINWORD.EXE":
            js = "C:\\Users\\%s\\AppData\\Local\\Temp\\%s.js" % (u.name, doc.split(".")[0])
            self.file_event(off, t, js, tags=[tag])
            t += self.ms(500, 1500)
            script = self.spawn(host, off, "wscript.exe", "\"C:\\Windows\\System32\\wscript.exe\" \"%s\"" % js, t, tags=[tag])
        else:
            script = self.spawn(host, off, "cmd.exe", "cmd.exe /c start /b regsvr32.exe -s %s" % dll, t, tags=[tag])
        t += self.ms(2000, 6000)
        self.file_event(script, t, dll, size=rng.randrange(400_000, 900_000), tags=[tag],
                        origin="https://%s/%d/%s" % (rng.choice(["files.okrcloud.top", "sunpath-travel.com"]), rng.randrange(10**5), "upd.dat"))
        t += self.ms(1000, 3000)
        lcmd = ("rundll32.exe %s,DllRegisterServer" % dll) if loader == "rundll32.exe" else ("regsvr32.exe -s %s" % dll)
        ld = self.spawn(host, script, loader, lcmd, t, visible=not hide_loader, tags=[tag])
        t += self.ms(4000, 9000)
        hj = self.spawn(host, ld, hijacked, "C:\\Windows\\System32\\%s" % hijacked, t, tags=[tag])
        t += self.ms(30_000, 90_000)
        ping = self.spawn(host, hj, "ping.exe", "ping.exe -t 127.0.0.1", t, jitter=jitter, tags=[tag])
        t += self.ms(5000, 12000)
        mail = "C:\\Users\\%s\\AppData\\Local\\Temp\\%s\\mail" % (u.name, stage.rsplit("\\", 1)[-1])
        for i in range(emails):
            ext = ".EML" if i == emails // 2 else ".eml"  # endswith is case-insensitive in KQL
            self.file_event(ping, t, "%s\\%05d%s" % (mail, i + 1, ext), size=rng.randrange(2_000, 600_000), tags=[tag, "seed_hit"])
            if i % 7 == 3:  # not a hit: wrong extension
                self.file_event(ping, t + self.ms(5, 50), "%s\\%05d.eml.tmp" % (mail, i + 1), action="FileDeleted", size=0, tags=[tag])
            t += self.ms(2000, 20000)
        self.file_event(ping, t, mail + "\\index.dat", action="FileModified", tags=[tag])
        return {"host": host.name, "office": office, "loader": loader, "hijacked": hijacked,
                "loader_creation_in_data": not hide_loader, "ping_pid": ping.pid}

    def fp_backup(self, host, start, tag):
        rng = self.rng
        task = "{%08X-%04X-%04X-%04X-%012X}" % (rng.getrandbits(32), rng.getrandbits(16), rng.getrandbits(16), rng.getrandbits(16), rng.getrandbits(48))
        t = start
        te = self.spawn(host, host.svchosts[0], "taskeng.exe", "taskeng.exe %s S-1-5-18:NT AUTHORITY\\System:Service:" % task, t, tags=[tag])
        t += self.ms(1000, 3000)
        vss = self.spawn(host, te, "vssadmin.exe", "vssadmin.exe create shadow /for=D: /autoretry=3", t, tags=[tag])
        self.file_event(vss, t + self.ms(800, 1500), "D:\\Backup\\System\\vss-%s.log" % task[1:9], tags=[tag])
        host.exit(vss)
        t += self.ms(20_000, 40_000)
        wb = self.spawn(host, te, "wbadmin.exe", "wbadmin.exe start backup -backupTarget:D:\\Backup\\System -include:E:\\Mail -vssFull -quiet", t, tags=[tag])
        for i in range(14):
            t += self.ms(800, 6000)
            self.file_event(wb, t, "D:\\Backup\\System\\Mail\\Journal\\%s\\msg%05d.eml" % (rng.choice(["2026-03-09", "2026-03-10"]), rng.randrange(100000)),
                            size=rng.randrange(5_000, 900_000), tags=[tag, "eml"])
        return task

    def fp_admin_archive(self, host, start, tag):
        rng = self.rng
        t = start
        cmd = ("powershell.exe -NoProfile -ExecutionPolicy Bypass -File C:\\Admin\\Scripts\\Archive-Mail.ps1 "
               "-MailServer mailserver01.contoso.local -ArchivePath D:\\MailArchive -Notify; "
               "Send-MailMessage -SmtpServer mailserver01.contoso.local -To it-ops@contoso.com -Subject 'archive done'")
        ps = self.spawn(host, host.explorer, "powershell.exe", cmd, t, tags=[tag])
        c = self.spawn(host, ps, "conhost.exe", "\\??\\C:\\Windows\\system32\\conhost.exe 0xffffffff -ForceV1", t + self.ms(10, 40), tags=[tag])
        for i in range(10):
            t += self.ms(1500, 9000)
            self.file_event(ps, t, "D:\\MailArchive\\2026-03\\archive_%s_%04d.eml" % (rng.choice(["finance", "legal", "hr"]), rng.randrange(10000)),
                            size=rng.randrange(3_000, 400_000), tags=[tag, "eml"])
        self.file_event(ps, t + self.ms(500, 900), "C:\\Admin\\Scripts\\Logs\\Archive-Mail.log", action="FileModified", tags=[tag])
        host.exit(c)

    def fp_sql_export(self, host, start, tag):
        rng = self.rng
        t = start
        svc = Account("NT SERVICE", "SQLSERVERAGENT", "S-1-5-80-344959196-2060754871-2302487193-2804545603-1466107430",
                      integrity="High", elevation="TokenElevationTypeDefault", logon=997)
        agent = self.spawn(host, host.services, "SQLAGENT.EXE", "\"C:\\Program Files\\Microsoft SQL Server\\MSSQL15.MSSQLSERVER\\MSSQL\\Binn\\SQLAGENT.EXE\" -i MSSQLSERVER",
                           T0 - self.ms(86_400_000, 172_800_000), account=svc, visible=False)
        cmd1 = "sqlcmd.exe -S localhost -d MailJournal -E -Q \"EXEC dbo.usp_ExportMessages @Day='2026-03-09'\" -o E:\\Exports\\MailJournal\\export_20260309.eml"
        sc = self.spawn(host, agent, "sqlcmd.exe", cmd1, t, tags=[tag])
        self.file_event(sc, t + self.ms(2000, 5000), "E:\\Exports\\MailJournal\\export_20260309.eml", size=rng.randrange(100_000, 2_000_000), tags=[tag, "eml"])
        host.exit(sc)
        t += self.ms(60_000, 90_000)
        bcp = self.spawn(host, agent, "bcp.exe", "bcp.exe MailJournal.dbo.Messages out E:\\Exports\\MailJournal\\bulk -c -T -S localhost -t , -r \\n -queryout export", t, tags=[tag])
        for i in range(8):
            t += self.ms(300, 2500)
            self.file_event(bcp, t, "E:\\Exports\\MailJournal\\bulk\\msg_%06d.eml" % rng.randrange(10**6), size=rng.randrange(2_000, 80_000), tags=[tag, "eml"])
        host.exit(bcp)

    def fp_message_trace(self, host, start, tag):
        rng = self.rng
        t = start
        cmd = ("\"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe\" -NoExit -Command \". 'C:\\Program Files\\Microsoft\\Exchange Server\\V15\\bin\\RemoteExchange.ps1'; "
               "Connect-ExchangeServer -auto; Get-MessageTrace -StartDate (Get-Date).AddDays(-1) -EndDate (Get-Date) | "
               "C:\\Reports\\New-TraceReport.ps1 -Report daily -Trace export -SaveAs eml\"")
        ps = self.spawn(host, host.explorer, "powershell.exe", cmd, t, tags=[tag])
        for i in range(7):
            t += self.ms(3000, 15000)
            self.file_event(ps, t, "C:\\Reports\\MessageTrace\\2026-03-10\\trace_report_%03d.eml" % (i + 1), size=rng.randrange(10_000, 300_000), tags=[tag, "eml"])
        self.file_event(ps, t + self.ms(200, 800), "C:\\Reports\\MessageTrace\\2026-03-10\\trace_report.csv", tags=[tag])

    def fp_forward(self, host, start, tag):
        rng, u = self.rng, host.user
        t = start
        # Outlook "Save as" writes .eml too (the companion rule excludes outlook.exe).
        for i in range(3):
            self.file_event(host.outlook, t, "C:\\Users\\%s\\Documents\\Saved mail\\RE Quote %d.eml" % (u.name, rng.randrange(100, 999)), size=rng.randrange(5_000, 90_000), tags=[tag, "eml_outlook"])
            t += self.ms(4000, 20000)
        cmd = ("powershell.exe -NoProfile -File C:\\Users\\%s\\Documents\\forward-email.ps1 -Forward -To partner.sales@fabrikam.com -Send "
               "-Subject 'FW: quotes for email review'" % u.name)
        ps = self.spawn(host, host.explorer, "powershell.exe", cmd, t, tags=[tag])
        for i in range(6):
            t += self.ms(1000, 6000)
            self.file_event(ps, t, "C:\\Users\\%s\\Documents\\Forwarded\\FW_quote_%02d.eml" % (u.name, i + 1), size=rng.randrange(5_000, 120_000), tags=[tag, "eml"])

    def quiet_near_miss(self, host, start):
        """Remote Assistance and a long ping from a help-desk session: no .eml, not hits."""
        t = start
        ms = self.spawn(host, host.explorer, "msra.exe", "\"C:\\Windows\\system32\\msra.exe\" /offerra it-ws-01", t, tags=["near_miss"])
        cmd = self.spawn(host, host.explorer, "cmd.exe", "\"C:\\Windows\\system32\\cmd.exe\" ", t + self.ms(20_000, 40_000), tags=["near_miss"])
        pg = self.spawn(host, cmd, "ping.exe", "ping.exe -t 127.0.0.1", t + self.ms(45_000, 60_000), tags=["near_miss"])
        self.file_event(pg, t + self.ms(61_000, 70_000), "C:\\Users\\%s\\AppData\\Local\\Temp\\ping-notes.txt" % host.user.name, tags=["near_miss"])
        return ms


def seed_rule(table, r):
    """The seed rule under KQL semantics (=~ / in~ / endswith fold case; == does not)."""
    return (table == "DeviceFileEvents"
            and r.get("InitiatingProcessFileName", "").lower() == "ping.exe"
            and r.get("InitiatingProcessCommandLine", "") == "ping.exe -t 127.0.0.1"
            and r.get("InitiatingProcessParentFileName", "").lower() in ("msra.exe", "mobsync.exe")
            and r.get("FolderPath", "").lower().endswith(".eml"))


def generate(seed):
    g = Generator(seed)
    names = ["fin-ws-07", "hr-ws-12", "bkp-srv-01", "it-adm-03", "sql-srv-02", "exch-mgmt-01", "sales-ws-21", "eng-ws-04", "mkt-ws-09"]
    hosts = {n: Host(g, n + ".contoso.local") for n in names}
    users = {"fin-ws-07": g.user_account("mwilson"), "hr-ws-12": g.user_account("lchen"),
             "it-adm-03": g.user_account("adm-jsmith", admin=True), "exch-mgmt-01": g.user_account("adm-exops", admin=True),
             "sales-ws-21": g.user_account("rpatel"), "eng-ws-04": g.user_account("tnguyen"), "mkt-ws-09": g.user_account("okim")}
    for n, h in hosts.items():
        g.boot(h, users.get(n), outlook=n in ("fin-ws-07", "hr-ws-12", "sales-ws-21", "eng-ws-04", "mkt-ws-09"))
    story = {}
    story["qakbot"] = [
        g.qakbot(hosts["fin-ws-07"], T0 + 4 * 60 * TICKS_PER_SEC + g.ms(0, 30_000), "WINWORD.EXE", "rundll32.exe", "msra.exe", 22, False, 0, "qakbot_host1"),
        g.qakbot(hosts["hr-ws-12"], T0 + 11 * 60 * TICKS_PER_SEC + g.ms(0, 30_000), "EXCEL.EXE", "regsvr32.exe", "mobsync.exe", 18, True, 4 * TICKS_PER_MS, "qakbot_host2"),
    ]
    story["backup_task"] = g.fp_backup(hosts["bkp-srv-01"], T0 + 2 * 60 * TICKS_PER_SEC + g.ms(0, 9000), "fp_backup")
    g.fp_admin_archive(hosts["it-adm-03"], T0 + 7 * 60 * TICKS_PER_SEC, "fp_admin_archive")
    g.fp_sql_export(hosts["sql-srv-02"], T0 + 15 * 60 * TICKS_PER_SEC, "fp_sql_export")
    g.fp_message_trace(hosts["exch-mgmt-01"], T0 + 19 * 60 * TICKS_PER_SEC, "fp_message_trace")
    g.fp_forward(hosts["sales-ws-21"], T0 + 23 * 60 * TICKS_PER_SEC, "fp_user_forward")
    g.quiet_near_miss(hosts["eng-ws-04"], T0 + 17 * 60 * TICKS_PER_SEC)
    for n, h in hosts.items():
        g.background(h, rate=(12 if n.endswith("srv-01") or n.endswith("srv-02") else 5) * TICKS_PER_SEC)
    return g, hosts, story


def render(g, hosts, story):
    g.rows.sort(key=lambda x: (x[0], x[1]))
    rid = 8_400_000
    lines, truth = [], {"seed_hits": [], "scenarios": {}, "near_miss": []}
    for t, _, table, r, tags in g.rows:
        rid += 1 + g.rng.randrange(3)
        r["ReportId"] = rid
        cols = DPE_COLUMNS if table == "DeviceProcessEvents" else DFE_COLUMNS
        out = {"$table": table}
        for c in cols:
            v = r.get(c)
            if c in ALWAYS or (v is not None and v != ""):
                out[c] = "" if v is None and c not in ("InitiatingProcessParentCreationTime", "ProcessCreationTime") else v
        lines.append(json.dumps(out, ensure_ascii=False, separators=(",", ":")))
        hit = seed_rule(table, out)
        assert hit == ("seed_hit" in tags), (tags, out)
        if hit:
            truth["seed_hits"].append(rid)
        for tag in tags:
            if tag.startswith(("qakbot_", "fp_")):
                sc = truth["scenarios"].setdefault(tag, {"rows": [], "eml_rows": []})
                sc["rows"].append(rid)
                if "eml" in tags:
                    sc["eml_rows"].append(rid)
                elif "eml_outlook" in tags:
                    sc.setdefault("eml_rows_by_outlook", []).append(rid)
            if tag == "near_miss":
                truth["near_miss"].append(rid)
    truth["qakbot"] = story["qakbot"]
    truth["devices"] = {h.name: h.id for h in hosts.values()}
    truth["rows"] = len(lines)
    truth["tables"] = {tb: sum(1 for x in g.rows if x[2] == tb) for tb in ("DeviceProcessEvents", "DeviceFileEvents")}
    return "\n".join(lines) + "\n", truth


README = """# Demo scenario: Qakbot e-mail theft and five look-alikes

Generated by `scripts/gen-fixtures.py --seed {seed}` (deterministic; do not edit by hand —
regenerate). `events.jsonl` holds {rows} Advanced Hunting rows ({dpe} DeviceProcessEvents,
{dfe} DeviceFileEvents), in time order from {start} to {end}, one JSON object per line with the
table name in a leading `"$table"` key and the MDE hunting columns of that table in schema order.
Columns with no value (rare ones such as `RequestSourceIP`, `FileOriginUrl`, `SHA256`) are left
out, as the streaming export does, and so are the `InitiatingProcessVersionInfo*` columns (to keep
the file small); the identity and lineage columns are always present.
`ReportId` is unique in the file. Times have 7 fraction digits and `Z`.

## Hosts (DeviceName → story)

| host | what happens |
| --- | --- |
| `fin-ws-07.contoso.local` | **Qakbot #1** (user `mwilson`): OUTLOOK.EXE saves `Invoice_….doc` → WINWORD.EXE → wscript.exe (`.js` from Temp) → rundll32.exe `….dll,DllRegisterServer` → msra.exe (started to be injected) → `ping.exe -t 127.0.0.1` → {h1} `.eml` writes under `C:\\Users\\mwilson\\AppData\\Local\\Temp\\…\\mail\\` |
| `hr-ws-12.contoso.local` | **Qakbot #2** (user `lchen`): OUTLOOK.EXE → EXCEL.EXE `Payment_Details_….xlsb` → cmd.exe `start /b regsvr32.exe -s ….ocx` → regsvr32.exe (**its creation row is missing**: known only from mobsync.exe's row, so it is an inferred node) → mobsync.exe → `ping.exe -t 127.0.0.1` → {h2} `.eml` writes. ping.exe's file rows carry an `InitiatingProcessCreationTime` 4 ms later than its process row (tables disagree by a few ms) |
| `bkp-srv-01.contoso.local` | FP 1, scheduled backup: svchost (Schedule) → `taskeng.exe {task} …` → vssadmin.exe `create shadow`, wbadmin.exe `start backup -backupTarget:D:\\Backup\\System` writing journal `.eml` files under `D:\\Backup\\System\\Mail\\` |
| `it-adm-03.contoso.local` | FP 2, admin archive script: `adm-jsmith` (TokenElevationTypeFull, High) runs powershell `Archive-Mail.ps1 -MailServer … -ArchivePath …; Send-MailMessage …`, writing `D:\\MailArchive\\2026-03\\archive_*.eml` |
| `sql-srv-02.contoso.local` | FP 3, SQL Server Agent export: SQLAGENT.EXE (NT SERVICE\\SQLSERVERAGENT) → sqlcmd.exe `-o …export_20260309.eml` and bcp.exe `… out …` writing `E:\\Exports\\MailJournal\\…\\*.eml` |
| `exch-mgmt-01.contoso.local` | FP 4, Exchange message-trace report: `adm-exops` runs powershell `Get-MessageTrace … New-TraceReport.ps1 -Report daily -Trace export`, writing `C:\\Reports\\MessageTrace\\…\\trace_report_*.eml` |
| `sales-ws-21.contoso.local` | FP 5, a user forwarding mail: `rpatel` saves mail from OUTLOOK.EXE (3 `.eml`, written by outlook.exe) and runs powershell `forward-email.ps1 -Forward -To … -Send` (6 `.eml`) |
| `eng-ws-04.contoso.local` | near misses: a real Remote Assistance session (`msra.exe /offerra`) and a help-desk `ping.exe -t 127.0.0.1` under cmd.exe — no `.eml`, no hit |
| `mkt-ws-09.contoso.local` | ordinary activity only |

Every host also has ordinary background activity (svchost helpers, Defender, Chrome cache,
OneDrive, Office documents, a few `ping -n 4` checks). Processes started before the window
(System, smss, wininit, services, svchost, winlogon, userinit, explorer, OUTLOOK, OneDrive,
chrome, MsMpEng, SQLAGENT) have no creation row: a lineage builder must infer them from the
`InitiatingProcess*` / `InitiatingProcessParent*` columns. PIDs are reused after a process exits
(as Windows does), so only (DeviceId, ProcessId, creation time) identifies a process.

## Which rows should hit

* **Seed rule** (`ping.exe` / `ping.exe -t 127.0.0.1` / parent in~ msra.exe, mobsync.exe /
  FolderPath endswith `.eml`): exactly the {nhits} `DeviceFileEvents` rows listed in
  `truth.json` → `seed_hits` ({h1} on fin-ws-07, {h2} on hr-ws-12; one per host ends in
  upper-case `.EML`, which still matches because `endswith` ignores case). The `.eml.tmp`
  deletions and `index.dat` next to them do not match; neither does eng-ws-04's ping (its
  parent is cmd.exe and it writes no `.eml`).
* **Companion rule** (`.eml` written by a process other than outlook.exe): the seed hits plus
  every `eml_rows` list of the five `fp_*` scenarios in `truth.json`; the
  `eml_rows_by_outlook` rows of `fp_user_forward` must not match it.

## ReportIds

Seed-rule hits ({nhits}): {hit_ids}

{scenario_ids}

`truth.json` keys: `seed_hits` (ReportIds), `scenarios` (per tag: `rows` = every row of the
story, `eml_rows`), `near_miss`, `qakbot` (per host: images used, whether the loader's creation
row exists, ping.exe PID), `devices` (DeviceName → DeviceId), `rows`, `tables`.
"""


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Fixtures", "demo"))
    ap.add_argument("--seed", type=int, default=20260310)
    a = ap.parse_args()
    g, hosts, story = generate(a.seed)
    text, truth = render(g, hosts, story)
    data = text.encode("utf-8")
    assert len(data) <= 8 * 1024 * 1024, "fixture too large: %d bytes" % len(data)
    os.makedirs(a.out, exist_ok=True)
    with open(os.path.join(a.out, "events.jsonl"), "wb") as f:
        f.write(data)
    with open(os.path.join(a.out, "truth.json"), "w", encoding="utf-8", newline="\n") as f:
        json.dump(truth, f, indent=1, sort_keys=True)
        f.write("\n")
    first = json.loads(text.split("\n", 1)[0])["Timestamp"]
    last = json.loads(text.rstrip("\n").rsplit("\n", 1)[-1])["Timestamp"]
    h1 = len(truth["scenarios"]["qakbot_host1"]["rows"]) and sum(1 for x in truth["seed_hits"] if x in set(truth["scenarios"]["qakbot_host1"]["rows"]))
    def ids(xs):
        return ", ".join(str(x) for x in xs)
    scen = []
    for tag in sorted(truth["scenarios"]):
        sc = truth["scenarios"][tag]
        line = "* `%s` — all %d rows: %s.  \n  `.eml` rows by a process other than outlook.exe: %s" % (
            tag, len(sc["rows"]), ids(sc["rows"]), ids(sc["eml_rows"]) or "none (its .eml rows are the seed hits)")
        if sc.get("eml_rows_by_outlook"):
            line += ".  \n  `.eml` rows by outlook.exe: " + ids(sc["eml_rows_by_outlook"])
        scen.append(line)
    scen.append("* near misses on eng-ws-04 (no hit): " + ids(truth["near_miss"]))
    readme = README.format(hit_ids=ids(truth["seed_hits"]), scenario_ids="\n".join(scen),seed=a.seed, rows=truth["rows"], dpe=truth["tables"]["DeviceProcessEvents"],
                           dfe=truth["tables"]["DeviceFileEvents"], start=first, end=last, nhits=len(truth["seed_hits"]),
                           h1=h1, h2=len(truth["seed_hits"]) - h1, task=story["backup_task"])
    with open(os.path.join(a.out, "README.md"), "w", encoding="utf-8", newline="\n") as f:
        f.write(readme)
    print("%d rows, %d bytes, %d seed hits -> %s" % (truth["rows"], len(data), len(truth["seed_hits"]), a.out))


if __name__ == "__main__":
    main()

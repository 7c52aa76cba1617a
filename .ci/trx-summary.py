#!/usr/bin/env python3
"""Adds up the TRX files of a test run and prints the closing line 'N passed, N failed[, N skipped]'.

Exits non-zero when a test failed or when no test ran at all (a run that executes nothing must not pass)."""
import glob
import os
import sys
import xml.etree.ElementTree as ET

NS = "{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}"
root = sys.argv[1] if len(sys.argv) > 1 else "TestResults"
passed = failed = skipped = 0
files = sorted(glob.glob(os.path.join(root, "**", "*.trx"), recursive=True))
for path in files:
    counters = ET.parse(path).getroot().find(f"{NS}ResultSummary/{NS}Counters")
    if counters is None:
        continue
    p = int(counters.get("passed", 0))
    f = int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0)) + int(counters.get("aborted", 0))
    s = int(counters.get("notExecuted", 0))
    print(f"  {os.path.basename(path)}: {p} passed, {f} failed, {s} skipped")
    passed, failed, skipped = passed + p, failed + f, skipped + s
if not files:
    print("no TRX files found: the test command did not run any test project")
    failed = max(failed, 1)
print(f"{passed} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if failed or passed == 0 else 0)

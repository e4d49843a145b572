<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>LabelSheet</name>
    <message>
        <source>No key to print a label for; %1 was not written.</source>
        <translation>No key to print a label for; %1 was not written.</translation>
    </message>
    <message>
        <source>Cannot make the QR code of key %1: %2</source>
        <translation>Cannot make the QR code of key %1: %2</translation>
    </message>
    <message>
        <source>KeyStation labels — %1</source>
        <translation>KeyStation labels — %1</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>Certificate serial</source>
        <translation>Certificate serial</translation>
    </message>
</context>
<context>
    <name>LotReport</name>
    <message>
        <source>Lot %1 — hand-over report</source>
        <translation>Lot %1 — hand-over report</translation>
    </message>
    <message>
        <source>KeyStation — lot %1</source>
        <translation>KeyStation — lot %1</translation>
    </message>
    <message>
        <source>Lot hand-over report</source>
        <translation>Lot hand-over report</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>Lot</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Model</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profile</translation>
    </message>
    <message>
        <source>Generated</source>
        <translation>Generated</translation>
    </message>
    <message>
        <source>Counts</source>
        <translation>Counts</translation>
    </message>
    <message>
        <source>Quantity (target)</source>
        <translation>Quantity (target)</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>Refused by the lot</source>
        <translation>Refused by the lot</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>Interrupted</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Running</translation>
    </message>
    <message>
        <source>Remaining</source>
        <translation>Remaining</translation>
    </message>
    <message>
        <source>First-pass yield</source>
        <translation>First-pass yield</translation>
    </message>
    <message>
        <source>Final yield</source>
        <translation>Final yield</translation>
    </message>
    <message>
        <source>Keys per hour</source>
        <translation>Keys per hour</translation>
    </message>
    <message>
        <source>First attempt</source>
        <translation>First attempt</translation>
    </message>
    <message>
        <source>Last finished</source>
        <translation>Last finished</translation>
    </message>
    <message>
        <source>Done by station</source>
        <translation>Done by station</translation>
    </message>
    <message>
        <source>Done by operator</source>
        <translation>Done by operator</translation>
    </message>
    <message>
        <source>Keys (%1)</source>
        <translation>Keys (%1)</translation>
    </message>
    <message>
        <source>No key is done in this lot yet.</source>
        <translation>No key is done in this lot yet.</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Serial</source>
        <translation>Serial</translation>
    </message>
    <message>
        <source>Certificate serial</source>
        <translation>Certificate serial</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint</source>
        <translation>SHA-256 fingerprint</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <source>Handed over by (name, signature)</source>
        <translation>Handed over by (name, signature)</translation>
    </message>
    <message>
        <source>Received by (name, signature)</source>
        <translation>Received by (name, signature)</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Hand-over</source>
        <translation>Hand-over</translation>
    </message>
</context>
<context>
    <name>PdfPages</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Cannot write %1: %2</translation>
    </message>
    <message>
        <source>A PDF needs a QGuiApplication (the offscreen platform will do).</source>
        <translation>A PDF needs a QGuiApplication (the offscreen platform will do).</translation>
    </message>
</context>
<context>
    <name>ks::SecretFile</name>
    <message>
        <source>%1 holds a secret but its group or others may access it (mode %2): make it readable by its owner only (chmod 600 %1).</source>
        <translation>%1 holds a secret but its group or others may access it (mode %2): make it readable by its owner only (chmod 600 %1).</translation>
    </message>
    <message>
        <source>No file name given for a secret.</source>
        <translation>No file name given for a secret.</translation>
    </message>
    <message>
        <source>Cannot read %1 (%2).</source>
        <translation>Cannot read %1 (%2).</translation>
    </message>
    <message>
        <source>%1 is larger than %2 bytes; it is not a secret file KeyStation reads.</source>
        <translation>%1 is larger than %2 bytes; it is not a secret file KeyStation reads.</translation>
    </message>
</context>
<context>
    <name>ks::app::AccountsWidget</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Failed logins</source>
        <translation>Failed logins</translation>
    </message>
    <message>
        <source>Add account…</source>
        <translation>Add account…</translation>
    </message>
    <message>
        <source>Disable / enable</source>
        <translation>Disable / enable</translation>
    </message>
    <message>
        <source>Reset password…</source>
        <translation>Reset password…</translation>
    </message>
    <message>
        <source>Change role…</source>
        <translation>Change role…</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>Locked until %1</source>
        <translation>Locked until %1</translation>
    </message>
    <message>
        <source>Add account</source>
        <translation>Add account</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>Role:</translation>
    </message>
    <message>
        <source>Initial password:</source>
        <translation>Initial password:</translation>
    </message>
    <message>
        <source>Account %1 added.</source>
        <translation>Account %1 added.</translation>
    </message>
    <message>
        <source>Account %1 disabled.</source>
        <translation>Account %1 disabled.</translation>
    </message>
    <message>
        <source>Account %1 enabled.</source>
        <translation>Account %1 enabled.</translation>
    </message>
    <message>
        <source>Reset password</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <source>New password for %1:</source>
        <translation>New password for %1:</translation>
    </message>
    <message>
        <source>Password of %1 reset.</source>
        <translation>Password of %1 reset.</translation>
    </message>
    <message>
        <source>Change role</source>
        <translation>Change role</translation>
    </message>
    <message>
        <source>Role of %1:</source>
        <translation>Role of %1:</translation>
    </message>
    <message>
        <source>Role of %1 changed.</source>
        <translation>Role of %1 changed.</translation>
    </message>
</context>
<context>
    <name>ks::app::AttemptTableModel</name>
    <message>
        <source>Started</source>
        <translation>Started</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>Batch</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operator</translation>
    </message>
    <message>
        <source>Hardware serial</source>
        <translation>Hardware serial</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Model</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>Failed at</source>
        <translation>Failed at</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>Certificate serial</source>
        <translation>Certificate serial</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Expires</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Duration</translation>
    </message>
</context>
<context>
    <name>ks::app::BatchBanner</name>
    <message>
        <source>Close this message</source>
        <translation>Close this message</translation>
    </message>
</context>
<context>
    <name>ks::app::BatchLogCharts</name>
    <message>
        <source>Keys per minute</source>
        <translation>Keys per minute</translation>
    </message>
    <message>
        <source>Keys per minute — %1</source>
        <translation>Keys per minute — %1</translation>
    </message>
    <message>
        <source>Keys done</source>
        <translation>Keys done</translation>
    </message>
    <message>
        <source>Minute of the batch</source>
        <translation>Minute of the batch</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Keys</translation>
    </message>
    <message>
        <source>No failures</source>
        <translation>No failures</translation>
    </message>
    <message>
        <source>Failed keys by reason</source>
        <translation>Failed keys by reason</translation>
    </message>
    <message>
        <source>Failed keys</source>
        <translation>Failed keys</translation>
    </message>
    <message>
        <source>%1: %2 keys</source>
        <translation>%1: %2 keys</translation>
    </message>
</context>
<context>
    <name>ks::app::BatchLogReport</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Cannot write %1: %2</translation>
    </message>
    <message>
        <source>Log tampered: record %1 in table %2: %3</source>
        <translation>Log tampered: record %1 in table %2: %3</translation>
    </message>
    <message>
        <source>KeyStation batch log</source>
        <translation>KeyStation batch log</translation>
    </message>
    <message>
        <source>Generated</source>
        <translation>Generated</translation>
    </message>
    <message>
        <source>By</source>
        <translation>By</translation>
    </message>
    <message>
        <source>Journal</source>
        <translation>Journal</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>Filter</translation>
    </message>
    <message>
        <source>Verification</source>
        <translation>Verification</translation>
    </message>
    <message>
        <source>could not run: %1</source>
        <translation>could not run: %1</translation>
    </message>
    <message>
        <source>not run (this role may not verify the log)</source>
        <translation>not run (this role may not verify the log)</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Attempts</translation>
    </message>
    <message>
        <source>Log intact — %1 records checked.</source>
        <translation>Log intact — %1 records checked.</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>Charts</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Keys</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>Counted</translation>
    </message>
    <message>
        <source>Failed keys by reason</source>
        <translation>Failed keys by reason</translation>
    </message>
    <message>
        <source>KeyStation batch log — %1 — %2</source>
        <translation>KeyStation batch log — %1 — %2</translation>
    </message>
    <message>
        <source>Attempts (%1)</source>
        <translation>Attempts (%1)</translation>
    </message>
    <message>
        <source>No attempt matches the filter.</source>
        <translation>No attempt matches the filter.</translation>
    </message>
    <message>
        <source>Sign-off</source>
        <translation>Sign-off</translation>
    </message>
    <message>
        <source>Reviewed by (name, signature)</source>
        <translation>Reviewed by (name, signature)</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
</context>
<context>
    <name>ks::app::BatchLogStats</name>
    <message>
        <source>%1 provisioned</source>
        <translation>%1 provisioned</translation>
    </message>
    <message>
        <source>%1 already provisioned</source>
        <translation>%1 already provisioned</translation>
    </message>
    <message>
        <source>%1 failed</source>
        <translation>%1 failed</translation>
    </message>
    <message>
        <source>%1 cancelled</source>
        <translation>%1 cancelled</translation>
    </message>
    <message>
        <source>%1 running</source>
        <translation>%1 running</translation>
    </message>
    <message>
        <source>%1 attempts of %2 keys</source>
        <translation>%1 attempts of %2 keys</translation>
    </message>
    <message>
        <source>(a key counts once)</source>
        <translation>(a key counts once)</translation>
    </message>
    <message>
        <source>Keys are counted by hardware serial, once each: provisioned if any of its attempts shown provisioned it, already provisioned if one found the profile's certificate on it, otherwise by its last attempt. A key that failed twice and then succeeded is one provisioned key; a key that failed twice is one failed key. %1 of the %2 attempts shown ended failed, cancelled or interrupted.</source>
        <translation>Keys are counted by hardware serial, once each: provisioned if any of its attempts shown provisioned it, already provisioned if one found the profile's certificate on it, otherwise by its last attempt. A key that failed twice and then succeeded is one provisioned key; a key that failed twice is one failed key. %1 of the %2 attempts shown ended failed, cancelled or interrupted.</translation>
    </message>
</context>
<context>
    <name>ks::app::BatchLogWidget</name>
    <message>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Verify log</source>
        <translation>Verify log</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Export CSV…</translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation>Export PDF…</translation>
    </message>
    <message>
        <source>Recompute the journal's hash chain and compare every row with it</source>
        <translation>Recompute the journal's hash chain and compare every row with it</translation>
    </message>
    <message>
        <source>Select an attempt to see its steps.</source>
        <translation>Select an attempt to see its steps.</translation>
    </message>
    <message>
        <source>The batch log is for supervisors</source>
        <translation>The batch log is for supervisors</translation>
    </message>
    <message>
        <source>You are logged in as %1 (%2). Ask a supervisor or an administrator to review the log.</source>
        <translation>You are logged in as %1 (%2). Ask a supervisor or an administrator to review the log.</translation>
    </message>
    <message>
        <source>No journal is open.</source>
        <translation>No journal is open.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>Cannot read the log: %1</source>
        <translation>Cannot read the log: %1</translation>
    </message>
    <message>
        <source>(only the first %1 are shown)</source>
        <translation>(only the first %1 are shown)</translation>
    </message>
    <message>
        <source>Cannot read the steps: %1</source>
        <translation>Cannot read the steps: %1</translation>
    </message>
    <message>
        <source>in %1</source>
        <translation>in %1</translation>
    </message>
    <message>
        <source>certificate %1, expires %2</source>
        <translation>certificate %1, expires %2</translation>
    </message>
    <message>
        <source>key pair %1</source>
        <translation>key pair %1</translation>
    </message>
    <message>
        <source>operator %1 on %2</source>
        <translation>operator %1 on %2</translation>
    </message>
    <message>
        <source>Verifying the hash chain…</source>
        <translation>Verifying the hash chain…</translation>
    </message>
    <message>
        <source>The log could not be verified: %1</source>
        <translation>The log could not be verified: %1</translation>
    </message>
    <message>
        <source>Not verified yet: press Verify log to check the hash chain.</source>
        <translation>Not verified yet: press Verify log to check the hash chain.</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Export the batch log as CSV</source>
        <translation>Export the batch log as CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
    <message>
        <source>Export the batch log as PDF</source>
        <translation>Export the batch log as PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>Exporting to %1…</source>
        <translation>Exporting to %1…</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>Export failed: %1</translation>
    </message>
    <message>
        <source>Exported %1 attempts to %2.</source>
        <translation>Exported %1 attempts to %2.</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>Failed at “%1”: %2</source>
        <translation>Failed at “%1”: %2</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Attempts</translation>
    </message>
    <message>
        <source>Lots</source>
        <translation>Lots</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <source>Show the exported file in the file manager</source>
        <translation>Show the exported file in the file manager</translation>
    </message>
    <message>
        <source>Batch %1, row %2 of the table (key %3): selected below.</source>
        <translation>Batch %1, row %2 of the table (key %3): selected below.</translation>
    </message>
    <message>
        <source>Batch %1: its attempts are shown below.</source>
        <translation>Batch %1: its attempts are shown below.</translation>
    </message>
    <message>
        <source>Batch %1</source>
        <translation>Batch %1</translation>
    </message>
    <message>
        <source>Export to %1 failed: %2</source>
        <translation>Export to %1 failed: %2</translation>
    </message>
</context>
<context>
    <name>ks::app::BatchProgressWidget</name>
    <message>
        <source>estimating…</source>
        <translation>estimating…</translation>
    </message>
    <message numerus="yes">
        <source>about %n s left</source>
        <translation><numerusform>about %n s left</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>about %n min left</source>
        <translation><numerusform>about %n min left</numerusform></translation>
    </message>
    <message>
        <source>No batch yet</source>
        <translation>No batch yet</translation>
    </message>
    <message>
        <source>Plug the keys in and press Provision all.</source>
        <translation>Plug the keys in and press Provision all.</translation>
    </message>
    <message>
        <source>%1 / %2 keys</source>
        <extracomment>The batch bar: keys finished of keys in the batch.</extracomment>
        <translation>%1 / %2 keys</translation>
    </message>
    <message numerus="yes">
        <source>%n new</source>
        <translation><numerusform>%n new</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n already provisioned</source>
        <translation><numerusform>%n already provisioned</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation><numerusform>%n failed</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n skipped</source>
        <translation><numerusform>%n skipped</numerusform></translation>
    </message>
    <message>
        <source>batch finished</source>
        <translation>batch finished</translation>
    </message>
</context>
<context>
    <name>ks::app::BenchWidget</name>
    <message>
        <source>Provision all</source>
        <translation>Provision all</translation>
    </message>
    <message>
        <source>Continuous mode (provision keys as they are plugged in)</source>
        <translation>Continuous mode (provision keys as they are plugged in)</translation>
    </message>
    <message>
        <source>Cancel all</source>
        <translation>Cancel all</translation>
    </message>
    <message>
        <source>Retry key</source>
        <translation>Retry key</translation>
    </message>
    <message>
        <source>Skip key</source>
        <translation>Skip key</translation>
    </message>
    <message>
        <source>Details…</source>
        <translation>Details…</translation>
    </message>
    <message>
        <source>Could not start: %1</source>
        <translation>Could not start: %1</translation>
    </message>
    <message>
        <source>wrong PIN</source>
        <translation>wrong PIN</translation>
    </message>
    <message>
        <source>PIN locked</source>
        <translation>PIN locked</translation>
    </message>
    <message>
        <source>too few PIN tries left</source>
        <translation>too few PIN tries left</translation>
    </message>
    <message>
        <source>timed out</source>
        <translation>timed out</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>cancelled</translation>
    </message>
    <message>
        <source>the CA did not issue a certificate</source>
        <translation>the CA did not issue a certificate</translation>
    </message>
    <message>
        <source>key pulled out</source>
        <translation>key pulled out</translation>
    </message>
    <message numerus="yes">
        <source>%n key(s) on the hub</source>
        <translation><numerusform>%n key(s) on the hub</numerusform></translation>
    </message>
    <message>
        <source>Lot…</source>
        <translation>Lot…</translation>
    </message>
    <message>
        <source>Choose the lot (work order) the next batch runs under</source>
        <translation>Choose the lot (work order) the next batch runs under</translation>
    </message>
    <message>
        <source>not in this lot</source>
        <translation>not in this lot</translation>
    </message>
    <message>
        <source>already done in this lot</source>
        <translation>already done in this lot</translation>
    </message>
    <message>
        <source>the lot is complete</source>
        <translation>the lot is complete</translation>
    </message>
    <message numerus="yes">
        <source>Of the failed, %n kept out by the lot.</source>
        <translation><numerusform>Of the failed, %n kept out by the lot.</numerusform></translation>
    </message>
    <message>
        <source>The label sheet could not be written: %1</source>
        <translation>The label sheet could not be written: %1</translation>
    </message>
    <message>
        <source>Label sheet: %1</source>
        <translation>Label sheet: %1</translation>
    </message>
    <message>
        <source>CA status</source>
        <translation>CA status</translation>
    </message>
    <message>
        <source>Provision every key on the hub</source>
        <translation>Provision every key on the hub</translation>
    </message>
    <message>
        <source>Stop the batch: keys in progress are cancelled</source>
        <translation>Stop the batch: keys in progress are cancelled</translation>
    </message>
    <message>
        <source>Provision the selected key again</source>
        <translation>Provision the selected key again</translation>
    </message>
    <message>
        <source>Skip the selected key in this batch</source>
        <translation>Skip the selected key in this batch</translation>
    </message>
    <message>
        <source>Every step of the selected key, with its time</source>
        <translation>Every step of the selected key, with its time</translation>
    </message>
    <message>
        <source>CA: checking…</source>
        <translation>CA: checking…</translation>
    </message>
    <message numerus="yes">
        <source>%n key(s) will go again by themselves when it answers</source>
        <translation><numerusform>%n key(s) will go again by themselves when it answers</numerusform></translation>
    </message>
    <message>
        <source>Checked at %1</source>
        <translation>Checked at %1</translation>
    </message>
    <message>
        <source>The batch did not start</source>
        <translation>The batch did not start</translation>
    </message>
    <message>
        <source>Port %1 done</source>
        <translation>Port %1 done</translation>
    </message>
    <message>
        <source>Port %1 failed: %2</source>
        <translation>Port %1 failed: %2</translation>
    </message>
    <message>
        <source>%1 done, %2 failed, %3 skipped, %4 already provisioned, in %5 s (%6 keys per minute).</source>
        <translation>%1 done, %2 failed, %3 skipped, %4 already provisioned, in %5 s (%6 keys per minute).</translation>
    </message>
    <message>
        <source>No key was new — was the hub swapped?</source>
        <translation>No key was new — was the hub swapped?</translation>
    </message>
    <message numerus="yes">
        <source>Batch finished: %n key(s) failed</source>
        <translation><numerusform>Batch finished: %n key(s) failed</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Batch finished: %n key(s) not provisioned</source>
        <translation><numerusform>Batch finished: %n key(s) not provisioned</numerusform></translation>
    </message>
    <message>
        <source>Batch finished: no key to provision</source>
        <translation>Batch finished: no key to provision</translation>
    </message>
    <message numerus="yes">
        <source>Batch finished: %n key(s) done</source>
        <translation><numerusform>Batch finished: %n key(s) done</numerusform></translation>
    </message>
    <message>
        <source>Port %1: %2</source>
        <translation>Port %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n port(s) need a person</source>
        <translation><numerusform>%n port(s) need a person</numerusform></translation>
    </message>
    <message>
        <source>%1 done · %2 already provisioned · %3 failed · %4 running · %5 need a person</source>
        <translation>%1 done · %2 already provisioned · %3 failed · %4 running · %5 need a person</translation>
    </message>
    <message>
        <source>No port selected: click a tile</source>
        <translation>No port selected: click a tile</translation>
    </message>
    <message>
        <source>Port %1 selected (empty)</source>
        <translation>Port %1 selected (empty)</translation>
    </message>
    <message>
        <source>Port %1 selected</source>
        <translation>Port %1 selected</translation>
    </message>
</context>
<context>
    <name>ks::app::CaCommand</name>
    <message>
        <source>--user needs --password-file or KS_CA_PASSWORD.</source>
        <translation>--user needs --password-file or KS_CA_PASSWORD.</translation>
    </message>
    <message>
        <source>CA request failed: %1</source>
        <translation>CA request failed: %1</translation>
    </message>
    <message>
        <source>CA certificates (%1):</source>
        <translation>CA certificates (%1):</translation>
    </message>
    <message>
        <source>Profile usages: %1</source>
        <translation>Profile usages: %1</translation>
    </message>
    <message>
        <source>Profile validity: %1</source>
        <translation>Profile validity: %1</translation>
    </message>
    <message>
        <source>CSR attributes: %1 bytes (RFC 7030 4.5)</source>
        <translation>CSR attributes: %1 bytes (RFC 7030 4.5)</translation>
    </message>
    <message>
        <source>Cannot read the CSR file '%1'.</source>
        <translation>Cannot read the CSR file '%1'.</translation>
    </message>
    <message>
        <source>'%1' is not a PKCS#10 request (PEM or DER).</source>
        <translation>'%1' is not a PKCS#10 request (PEM or DER).</translation>
    </message>
    <message>
        <source>Issued: %1</source>
        <translation>Issued: %1</translation>
    </message>
    <message>
        <source>  with: %1</source>
        <translation>  with: %1</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>Cannot write %1.</translation>
    </message>
    <message>
        <source>Certificate check refused the result: %1</source>
        <translation>Certificate check refused the result: %1</translation>
    </message>
    <message>
        <source>Certificate check: passed</source>
        <translation>Certificate check: passed</translation>
    </message>
    <message>
        <source>Test a CA connection: 'ca info' fetches the CA certificates, 'ca enroll' sends a certificate request and checks the answer.</source>
        <translation>Test a CA connection: 'ca info' fetches the CA certificates, 'ca enroll' sends a certificate request and checks the answer.</translation>
    </message>
    <message>
        <source>info or enroll</source>
        <translation>info or enroll</translation>
    </message>
    <message>
        <source>CA base URL (https://...)</source>
        <translation>CA base URL (https://...)</translation>
    </message>
    <message>
        <source>PEM bundle verifying the CA's TLS certificate</source>
        <translation>PEM bundle verifying the CA's TLS certificate</translation>
    </message>
    <message>
        <source>PEM bundle issued certificates must chain to (default: --ca-bundle)</source>
        <translation>PEM bundle issued certificates must chain to (default: --ca-bundle)</translation>
    </message>
    <message>
        <source>EST label / CFSSL signer label</source>
        <translation>EST label / CFSSL signer label</translation>
    </message>
    <message>
        <source>HTTP Basic user</source>
        <translation>HTTP Basic user</translation>
    </message>
    <message>
        <source>file holding the HTTP Basic password (or KS_CA_PASSWORD)</source>
        <translation>file holding the HTTP Basic password (or KS_CA_PASSWORD)</translation>
    </message>
    <message>
        <source>TLS client certificate (PEM)</source>
        <translation>TLS client certificate (PEM)</translation>
    </message>
    <message>
        <source>TLS client key (PEM, unencrypted)</source>
        <translation>TLS client key (PEM, unencrypted)</translation>
    </message>
    <message>
        <source>file holding the CFSSL authsign key in hex (or KS_CA_HMAC_KEY)</source>
        <translation>file holding the CFSSL authsign key in hex (or KS_CA_HMAC_KEY)</translation>
    </message>
    <message>
        <source>do NOT verify the server (lab only; logged on every request)</source>
        <translation>do NOT verify the server (lab only; logged on every request)</translation>
    </message>
    <message>
        <source>enroll: PKCS#10 request (PEM or DER)</source>
        <translation>enroll: PKCS#10 request (PEM or DER)</translation>
    </message>
    <message>
        <source>enroll: hardware serial the certificate must name</source>
        <translation>enroll: hardware serial the certificate must name</translation>
    </message>
    <message>
        <source>enroll: EST simplereenroll</source>
        <translation>enroll: EST simplereenroll</translation>
    </message>
    <message>
        <source>enroll: required extendedKeyUsage OID (repeatable)</source>
        <translation>enroll: required extendedKeyUsage OID (repeatable)</translation>
    </message>
    <message>
        <source>enroll: minimum remaining validity in days</source>
        <translation>enroll: minimum remaining validity in days</translation>
    </message>
    <message>
        <source>enroll: write the issued certificate (PEM) here</source>
        <translation>enroll: write the issued certificate (PEM) here</translation>
    </message>
    <message>
        <source>Usage: keystation-cli ca info|enroll --protocol est|cfssl --url URL --ca-bundle FILE ...</source>
        <translation>Usage: keystation-cli ca info|enroll --protocol est|cfssl --url URL --ca-bundle FILE ...</translation>
    </message>
    <message>
        <source>ca enroll needs --csr FILE.</source>
        <translation>ca enroll needs --csr FILE.</translation>
    </message>
    <message>
        <source>--url must not carry a user name or password (user:password@host); use --user and --password-file.</source>
        <translation>--url must not carry a user name or password (user:password@host); use --user and --password-file.</translation>
    </message>
    <message>
        <source>--timeout takes a whole number of seconds, not '%1'.</source>
        <translation>--timeout takes a whole number of seconds, not '%1'.</translation>
    </message>
    <message>
        <source>Warning: --timeout is in seconds (it was milliseconds before); waiting %1 s.</source>
        <translation>Warning: --timeout is in seconds (it was milliseconds before); waiting %1 s.</translation>
    </message>
    <message>
        <source>SCEP capabilities: %1</source>
        <translation>SCEP capabilities: %1</translation>
    </message>
    <message>
        <source>Warning: CSR attributes ignored: %1</source>
        <translation>Warning: CSR attributes ignored: %1</translation>
    </message>
    <message>
        <source>The CSR's challengePassword is not the one in --challenge-file: make the CSR with that challenge.</source>
        <translation>The CSR's challengePassword is not the one in --challenge-file: make the CSR with that challenge.</translation>
    </message>
    <message>
        <source>est or cfssl (default %1, as in a profile)</source>
        <translation>est or cfssl (default %1, as in a profile)</translation>
    </message>
    <message>
        <source>CFSSL signing profile (cfssl's config.json)</source>
        <translation>CFSSL signing profile (cfssl's config.json)</translation>
    </message>
    <message>
        <source>SHA-256 of the CA server's TLS public key (hex or sha256//base64; not a token PIN)</source>
        <translation>SHA-256 of the CA server's TLS public key (hex or sha256//base64; not a token PIN)</translation>
    </message>
    <message>
        <source>request time-out in seconds</source>
        <translation>request time-out in seconds</translation>
    </message>
    <message>
        <source>SCEP: SHA-256 of the CA certificate (64 hex digits; required for scep)</source>
        <translation>SCEP: SHA-256 of the CA certificate (64 hex digits; required for scep)</translation>
    </message>
    <message>
        <source>enroll, SCEP: the CSR's RSA private key (PEM, unencrypted, owner-only); signs the SCEP message. The CSR must carry the challenge password.</source>
        <translation>enroll, SCEP: the CSR's RSA private key (PEM, unencrypted, owner-only); signs the SCEP message. The CSR must carry the challenge password.</translation>
    </message>
    <message>
        <source>enroll, SCEP: file holding the CA's challenge password (owner-only); the CSR must carry it</source>
        <translation>enroll, SCEP: file holding the CA's challenge password (owner-only); the CSR must carry it</translation>
    </message>
    <message>
        <source>enroll: the operator asking for the certificate (journaled)</source>
        <translation>enroll: the operator asking for the certificate (journaled)</translation>
    </message>
    <message>
        <source>enroll: read the --as operator's password from FILE</source>
        <translation>enroll: read the --as operator's password from FILE</translation>
    </message>
    <message>
        <source>enroll: SQLite journal file</source>
        <translation>enroll: SQLite journal file</translation>
    </message>
    <message>
        <source>enroll: PostgreSQL journal connection file</source>
        <translation>enroll: PostgreSQL journal connection file</translation>
    </message>
    <message>
        <source>Could not journal the enrolment: %1</source>
        <translation>Could not journal the enrolment: %1</translation>
    </message>
</context>
<context>
    <name>ks::app::Cli</name>
    <message>
        <source>Unknown command '%1'.</source>
        <translation>Unknown command '%1'.</translation>
    </message>
    <message>
        <source>Exit status:
  0    all done
  1    the work ran but failed: a key failed or was refused, the log chain is broken, the
       issued certificate failed its check, an account rule refused the change
  2    usage or configuration error (bad option, bad profile, missing file, journal)
  3    the CA is unreachable (connection, TLS, time-out)
  4    authentication or permission (no operator name, wrong password, locked, role)
  5    no key present, or the PKCS#11 module cannot be loaded
  130  interrupted (Ctrl+C, SIGTERM) before the work finished
</source>
        <translation>Exit status:
  0    all done
  1    the work ran but failed: a key failed or was refused, the log chain is broken, the
       issued certificate failed its check, an account rule refused the change
  2    usage or configuration error (bad option, bad profile, missing file, journal)
  3    the CA is unreachable (connection, TLS, time-out)
  4    authentication or permission (no operator name, wrong password, locked, role)
  5    no key present, or the PKCS#11 module cannot be loaded
  130  interrupted (Ctrl+C, SIGTERM) before the work finished
</translation>
    </message>
    <message>
        <source>'keystation-cli %1 --help' lists the options.</source>
        <translation>'keystation-cli %1 --help' lists the options.</translation>
    </message>
    <message>
        <source>Warning: --%1 is deprecated and will be removed in the next release; use --%2.</source>
        <translation>Warning: --%1 is deprecated and will be removed in the next release; use --%2.</translation>
    </message>
    <message>
        <source>Hint: cfssl signs with its default profile (24 hours, no extended key usage) when it does not know the profile asked for ('%1'): check that name against the signing profiles in the CA's config.json.</source>
        <translation>Hint: cfssl signs with its default profile (24 hours, no extended key usage) when it does not know the profile asked for ('%1'): check that name against the signing profiles in the CA's config.json.</translation>
    </message>
    <message>
        <source>Usage: keystation-cli COMMAND [options]
       keystation-cli --version [--module PATH]

Commands:
  tokens [--watch] [--json] [--module PATH]      list or watch the keys on the hub
  ca info|enroll --protocol P --url URL ...      test a CA connection (enroll: journaled)
  provision --all [--continuous] --profile FILE  provision every key on the hub
            [--lot FILE] [--json]                under a lot; progress as JSON lines
  log [--batch ID] [--csv] | log verify | log anchor
                                                 read, export or verify the batch log
  operator add|passwd|role|disable|enable NAME | operator list
                                                 manage operator accounts
  lot list | lot show ID | lot report ID [--csv F] [--pem F] [--pdf F]
                                                 lots (work orders): counts, yield, hand-over
  doctor [--profile FILE] [--module PATH] [--json]  check the bench: module, pcscd, CA, clock,
                                                 journal, disk

Commands that act as an account take --as NAME --as-password-file FILE. Every --timeout
is in seconds. --verbose prints routine notes (module polling, loading) as well.
Environment: KEYSTATION_PROFILE, KEYSTATION_PKCS11_MODULE, KEYSTATION_JOURNAL.
'keystation-cli COMMAND --help' shows a command's options.

</source>
        <translation>Usage: keystation-cli COMMAND [options]
       keystation-cli --version [--module PATH]

Commands:
  tokens [--watch] [--json] [--module PATH]      list or watch the keys on the hub
  ca info|enroll --protocol P --url URL ...      test a CA connection (enroll: journaled)
  provision --all [--continuous] --profile FILE  provision every key on the hub
            [--lot FILE] [--json]                under a lot; progress as JSON lines
  log [--batch ID] [--csv] | log verify | log anchor
                                                 read, export or verify the batch log
  operator add|passwd|role|disable|enable NAME | operator list
                                                 manage operator accounts
  lot list | lot show ID | lot report ID [--csv F] [--pem F] [--pdf F]
                                                 lots (work orders): counts, yield, hand-over
  doctor [--profile FILE] [--module PATH] [--json]  check the bench: module, pcscd, CA, clock,
                                                 journal, disk

Commands that act as an account take --as NAME --as-password-file FILE. Every --timeout
is in seconds. --verbose prints routine notes (module polling, loading) as well.
Environment: KEYSTATION_PROFILE, KEYSTATION_PKCS11_MODULE, KEYSTATION_JOURNAL.
'keystation-cli COMMAND --help' shows a command's options.

</translation>
    </message>
</context>
<context>
    <name>ks::app::DoctorCommand</name>
    <message>
        <source>Check the bench before a shift: the profile, the PKCS#11 module, pcscd and the readers (OpenSC), the CA (anchor, TLS pin, its certificate's validity, the clock), the journal and the disk. One line per check; exit 1 when a check fails (warnings do not).</source>
        <translation>Check the bench before a shift: the profile, the PKCS#11 module, pcscd and the readers (OpenSC), the CA (anchor, TLS pin, its certificate's validity, the clock), the journal and the disk. One line per check; exit 1 when a check fails (warnings do not).</translation>
    </message>
    <message>
        <source>Profile file (default $KEYSTATION_PROFILE, else ~/.config/KeyStation/keystation/profile.json).</source>
        <translation>Profile file (default $KEYSTATION_PROFILE, else ~/.config/KeyStation/keystation/profile.json).</translation>
    </message>
    <message>
        <source>PKCS#11 module of the hub (default $KEYSTATION_PKCS11_MODULE or OpenSC).</source>
        <translation>PKCS#11 module of the hub (default $KEYSTATION_PKCS11_MODULE or OpenSC).</translation>
    </message>
    <message>
        <source>SQLite journal file (default $KEYSTATION_JOURNAL).</source>
        <translation>SQLite journal file (default $KEYSTATION_JOURNAL).</translation>
    </message>
    <message>
        <source>PostgreSQL journal connection file.</source>
        <translation>PostgreSQL journal connection file.</translation>
    </message>
    <message>
        <source>One JSON document with every check.</source>
        <translation>One JSON document with every check.</translation>
    </message>
    <message>
        <source>Seconds to wait for the CA (default 15).</source>
        <translation>Seconds to wait for the CA (default 15).</translation>
    </message>
    <message>
        <source>--timeout takes a whole number of seconds, at least 1.</source>
        <translation>--timeout takes a whole number of seconds, at least 1.</translation>
    </message>
</context>
<context>
    <name>ks::app::JobDetailsDialog</name>
    <message>
        <source>Hardware serial:</source>
        <translation>Hardware serial:</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>Model:</translation>
    </message>
    <message>
        <source>Already provisioned</source>
        <translation>Already provisioned</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>Failed while: %1</source>
        <translation>Failed while: %1</translation>
    </message>
    <message>
        <source>Outcome:</source>
        <translation>Outcome:</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <source>Certificate serial:</source>
        <translation>Certificate serial:</translation>
    </message>
    <message>
        <source>Valid until:</source>
        <translation>Valid until:</translation>
    </message>
    <message>
        <source>Total time:</source>
        <translation>Total time:</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>resumed an earlier attempt</source>
        <translation>resumed an earlier attempt</translation>
    </message>
    <message>
        <source>key pair generated on the key</source>
        <translation>key pair generated on the key</translation>
    </message>
    <message>
        <source>certificate requested from the CA</source>
        <translation>certificate requested from the CA</translation>
    </message>
    <message>
        <source>Notes:</source>
        <translation>Notes:</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Step</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Started</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>Next step:</source>
        <translation>Next step:</translation>
    </message>
    <message>
        <source>Took</source>
        <translation>Took</translation>
    </message>
    <message>
        <source>Port %1 — details</source>
        <translation>Port %1 — details</translation>
    </message>
</context>
<context>
    <name>ks::app::LogCommand</name>
    <message>
        <source>Read, export or verify the batch log.</source>
        <translation>Read, export or verify the batch log.</translation>
    </message>
    <message>
        <source>only this batch</source>
        <translation>only this batch</translation>
    </message>
    <message>
        <source>only this operator's keys</source>
        <translation>only this operator's keys</translation>
    </message>
    <message>
        <source>done, failed, cancelled or running</source>
        <translation>done, failed, cancelled or running</translation>
    </message>
    <message>
        <source>hardware serial contains TEXT</source>
        <translation>hardware serial contains TEXT</translation>
    </message>
    <message>
        <source>started at or after (ISO 8601, UTC)</source>
        <translation>started at or after (ISO 8601, UTC)</translation>
    </message>
    <message>
        <source>started before (ISO 8601, UTC)</source>
        <translation>started before (ISO 8601, UTC)</translation>
    </message>
    <message>
        <source>write RFC 4180 CSV</source>
        <translation>write RFC 4180 CSV</translation>
    </message>
    <message>
        <source>the supervisor reading the log</source>
        <translation>the supervisor reading the log</translation>
    </message>
    <message>
        <source>read the --as operator's password from FILE</source>
        <translation>read the --as operator's password from FILE</translation>
    </message>
    <message>
        <source>PostgreSQL connection file</source>
        <translation>PostgreSQL connection file</translation>
    </message>
    <message>
        <source>'%1' is not an ISO 8601 time.</source>
        <translation>'%1' is not an ISO 8601 time.</translation>
    </message>
    <message>
        <source>STARTED (UTC)        SERIAL            STATE      OPERATOR    STATION     MS      CERT SERIAL / ERROR</source>
        <translation>STARTED (UTC)        SERIAL            STATE      OPERATOR    STATION     MS      CERT SERIAL / ERROR</translation>
    </message>
    <message numerus="yes">
        <source>%n attempt(s).</source>
        <translation><numerusform>%n attempt(s).</numerusform></translation>
    </message>
    <message>
        <source>verify: check the hash chain instead of listing; anchor: print the chain head to keep outside the database</source>
        <translation>verify: check the hash chain instead of listing; anchor: print the chain head to keep outside the database</translation>
    </message>
    <message>
        <source>verify: also check the anchors in FILE (from 'log anchor' or the station's anchor file)</source>
        <translation>verify: also check the anchors in FILE (from 'log anchor' or the station's anchor file)</translation>
    </message>
    <message>
        <source>SQLite journal file (default $KEYSTATION_JOURNAL).</source>
        <translation>SQLite journal file (default $KEYSTATION_JOURNAL).</translation>
    </message>
    <message>
        <source>Unknown --state '%1': use one of %2.</source>
        <translation>Unknown --state '%1': use one of %2.</translation>
    </message>
</context>
<context>
    <name>ks::app::LogFilterBar</name>
    <message>
        <source>From</source>
        <translation>From</translation>
    </message>
    <message>
        <source>to</source>
        <translation>to</translation>
    </message>
    <message>
        <source>Hardware serial contains…</source>
        <translation>Hardware serial contains…</translation>
    </message>
    <message>
        <source>All batches</source>
        <translation>All batches</translation>
    </message>
    <message>
        <source>All operators</source>
        <translation>All operators</translation>
    </message>
    <message>
        <source>All results</source>
        <translation>All results</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>Batch</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operator</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <source>batch %1</source>
        <translation>batch %1</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>from %1</translation>
    </message>
    <message>
        <source>before %1</source>
        <translation>before %1</translation>
    </message>
    <message>
        <source>operator %1</source>
        <translation>operator %1</translation>
    </message>
    <message>
        <source>result %1</source>
        <translation>result %1</translation>
    </message>
    <message>
        <source>serial contains "%1"</source>
        <translation>serial contains "%1"</translation>
    </message>
    <message>
        <source>All attempts</source>
        <translation>All attempts</translation>
    </message>
</context>
<context>
    <name>ks::app::LogText</name>
    <message>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Running</translation>
    </message>
    <message>
        <source>Attempt</source>
        <translation>Attempt</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>Batch</translation>
    </message>
    <message>
        <source>started</source>
        <translation>started</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>finished</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>failed</translation>
    </message>
    <message>
        <source>done</source>
        <translation>done</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>cancelled</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Unknown</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>Interrupted</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>interrupted</translation>
    </message>
    <message>
        <source>Already provisioned</source>
        <translation>Already provisioned</translation>
    </message>
</context>
<context>
    <name>ks::app::LoginDialog</name>
    <message>
        <source>KeyStation — operator login</source>
        <translation>KeyStation — operator login</translation>
    </message>
    <message>
        <source>Log in with your operator name and password.</source>
        <translation>Log in with your operator name and password.</translation>
    </message>
    <message>
        <source>KeyStation — first start</source>
        <translation>KeyStation — first start</translation>
    </message>
    <message>
        <source>This station has no administrator yet. Create the first administrator account; it can then add operators and supervisors.</source>
        <translation>This station has no administrator yet. Create the first administrator account; it can then add operators and supervisors.</translation>
    </message>
    <message>
        <source>KeyStation — locked</source>
        <translation>KeyStation — locked</translation>
    </message>
    <message>
        <source>The station was locked after a period without activity. %1 or an administrator may unlock it.</source>
        <translation>The station was locked after a period without activity. %1 or an administrator may unlock it.</translation>
    </message>
    <message>
        <source>Operator name:</source>
        <translation>Operator name:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Password:</translation>
    </message>
    <message>
        <source>Repeat password:</source>
        <translation>Repeat password:</translation>
    </message>
    <message>
        <source>Create administrator</source>
        <translation>Create administrator</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>Log in</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>Log out</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>Enter a name and a password.</source>
        <translation>Enter a name and a password.</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>The two passwords differ.</translation>
    </message>
    <message>
        <source>Only %1 or an administrator may unlock this station.</source>
        <translation>Only %1 or an administrator may unlock this station.</translation>
    </message>
    <message>
        <source>Or log in with your badge key</source>
        <translation>Or log in with your badge key</translation>
    </message>
    <message>
        <source>Log in with badge</source>
        <translation>Log in with badge</translation>
    </message>
    <message>
        <source>Badge key:</source>
        <translation>Badge key:</translation>
    </message>
    <message>
        <source>Badge PIN:</source>
        <translation>Badge PIN:</translation>
    </message>
    <message>
        <source>Slot %1 — %2 — %3</source>
        <translation>Slot %1 — %2 — %3</translation>
    </message>
    <message>
        <source>Choose your badge key and enter its PIN.</source>
        <translation>Choose your badge key and enter its PIN.</translation>
    </message>
</context>
<context>
    <name>ks::app::LotBanner</name>
    <message>
        <source>Lot %1</source>
        <translation>Lot %1</translation>
    </message>
    <message>
        <source>target %1 keys; reading the counts…</source>
        <translation>target %1 keys; reading the counts…</translation>
    </message>
    <message>
        <source>target %1 keys; no key provisioned in this lot yet</source>
        <translation>target %1 keys; no key provisioned in this lot yet</translation>
    </message>
    <message>
        <source>Lot complete.</source>
        <translation>Lot complete.</translation>
    </message>
</context>
<context>
    <name>ks::app::LotCommand</name>
    <message>
        <source>No lot '%1' in this journal ('keystation-cli lot list' lists them).</source>
        <translation>No lot '%1' in this journal ('keystation-cli lot list' lists them).</translation>
    </message>
    <message>
        <source>Lot %1</source>
        <translation>Lot %1</translation>
    </message>
    <message>
        <source>profile</source>
        <translation>profile</translation>
    </message>
    <message>
        <source>customer</source>
        <translation>customer</translation>
    </message>
    <message>
        <source>model</source>
        <translation>model</translation>
    </message>
    <message>
        <source>quantity</source>
        <translation>quantity</translation>
    </message>
    <message>
        <source>done</source>
        <translation>done</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>failed</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>refused</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>interrupted</translation>
    </message>
    <message>
        <source>running</source>
        <translation>running</translation>
    </message>
    <message>
        <source>remaining</source>
        <translation>remaining</translation>
    </message>
    <message>
        <source>first-pass yield</source>
        <translation>first-pass yield</translation>
    </message>
    <message>
        <source>final yield</source>
        <translation>final yield</translation>
    </message>
    <message>
        <source>keys per hour</source>
        <translation>keys per hour</translation>
    </message>
    <message>
        <source>first attempt</source>
        <translation>first attempt</translation>
    </message>
    <message>
        <source>last finished</source>
        <translation>last finished</translation>
    </message>
    <message>
        <source>done by station</source>
        <translation>done by station</translation>
    </message>
    <message>
        <source>done by operator</source>
        <translation>done by operator</translation>
    </message>
    <message>
        <source>Cannot write the %1 to %2: %3</source>
        <translation>Cannot write the %1 to %2: %3</translation>
    </message>
    <message>
        <source>Wrote the %1 to %2</source>
        <translation>Wrote the %1 to %2</translation>
    </message>
    <message numerus="yes">
        <source>CSV of %n key(s)</source>
        <translation><numerusform>CSV of %n key(s)</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>PEM bundle of %n certificate(s)</source>
        <translation><numerusform>PEM bundle of %n certificate(s)</numerusform></translation>
    </message>
    <message>
        <source>PDF summary</source>
        <translation>PDF summary</translation>
    </message>
    <message>
        <source>Lots (work orders): their counts and yields from the journal, and the hand-over of a lot's keys (docs/lots.md).
  list         every lot: id, profile, quantity, done, remaining
  show ID      one lot's counts: done, failed, refused, interrupted, remaining, yields,
               keys per hour, by station and operator
  report ID    the lot's done keys (serial, certificate serial, SHA-256 fingerprint,
               validity); --csv, --pem and --pdf write the hand-over files</source>
        <translation>Lots (work orders): their counts and yields from the journal, and the hand-over of a lot's keys (docs/lots.md).
  list         every lot: id, profile, quantity, done, remaining
  show ID      one lot's counts: done, failed, refused, interrupted, remaining, yields,
               keys per hour, by station and operator
  report ID    the lot's done keys (serial, certificate serial, SHA-256 fingerprint,
               validity); --csv, --pem and --pdf write the hand-over files</translation>
    </message>
    <message>
        <source>list, show or report</source>
        <translation>list, show or report</translation>
    </message>
    <message>
        <source>list, show: write JSON</source>
        <translation>list, show: write JSON</translation>
    </message>
    <message>
        <source>report: write the keys as CSV to FILE</source>
        <translation>report: write the keys as CSV to FILE</translation>
    </message>
    <message>
        <source>report: write the lot's certificates as one PEM bundle to FILE</source>
        <translation>report: write the lot's certificates as one PEM bundle to FILE</translation>
    </message>
    <message>
        <source>report: write a PDF summary (counts, yields, the keys, a signature line) to FILE</source>
        <translation>report: write a PDF summary (counts, yields, the keys, a signature line) to FILE</translation>
    </message>
    <message>
        <source>the supervisor reading the lot</source>
        <translation>the supervisor reading the lot</translation>
    </message>
    <message>
        <source>read the --as operator's password from FILE</source>
        <translation>read the --as operator's password from FILE</translation>
    </message>
    <message>
        <source>SQLite journal file (default $KEYSTATION_JOURNAL).</source>
        <translation>SQLite journal file (default $KEYSTATION_JOURNAL).</translation>
    </message>
    <message>
        <source>PostgreSQL connection file</source>
        <translation>PostgreSQL connection file</translation>
    </message>
    <message>
        <source>LOT                   PROFILE               QUANTITY  DONE  REMAINING  CUSTOMER</source>
        <translation>LOT                   PROFILE               QUANTITY  DONE  REMAINING  CUSTOMER</translation>
    </message>
    <message numerus="yes">
        <source>%n lot(s).</source>
        <translation><numerusform>%n lot(s).</numerusform></translation>
    </message>
    <message>
        <source>SERIAL            CERT SERIAL                       NOT BEFORE (UTC)     NOT AFTER (UTC)      SHA-256</source>
        <translation>SERIAL            CERT SERIAL                       NOT BEFORE (UTC)     NOT AFTER (UTC)      SHA-256</translation>
    </message>
    <message numerus="yes">
        <source>%n key(s) done in lot %1.</source>
        <translation><numerusform>%n key(s) done in lot %1.</numerusform></translation>
    </message>
</context>
<context>
    <name>ks::app::LotPickerDialog</name>
    <message>
        <source>Choose the lot</source>
        <translation>Choose the lot</translation>
    </message>
    <message>
        <source>Which lot (work order) do the keys on this bench belong to? Keys whose serial is not in the lot are refused before anything touches them.</source>
        <translation>Which lot (work order) do the keys on this bench belong to? Keys whose serial is not in the lot are refused before anything touches them.</translation>
    </message>
    <message>
        <source>No lot (provision any key)</source>
        <translation>No lot (provision any key)</translation>
    </message>
    <message>
        <source>Load manifest file…</source>
        <translation>Load manifest file…</translation>
    </message>
    <message>
        <source>Use this lot</source>
        <translation>Use this lot</translation>
    </message>
    <message>
        <source>in use</source>
        <translation>in use</translation>
    </message>
    <message>
        <source>Reading the lots in the journal…</source>
        <translation>Reading the lots in the journal…</translation>
    </message>
    <message>
        <source>Cannot read the journal's lots: %1</source>
        <translation>Cannot read the journal's lots: %1</translation>
    </message>
    <message>
        <source>in the journal</source>
        <translation>in the journal</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message numerus="yes">
        <source>%n key(s), profile %1</source>
        <translation><numerusform>%n key(s), profile %1</numerusform></translation>
    </message>
    <message>
        <source>Loaded %1.</source>
        <translation>Loaded %1.</translation>
    </message>
    <message>
        <source>file %1</source>
        <translation>file %1</translation>
    </message>
    <message>
        <source>Load a lot manifest</source>
        <translation>Load a lot manifest</translation>
    </message>
    <message>
        <source>Lot manifests (*.json);;All files (*)</source>
        <translation>Lot manifests (*.json);;All files (*)</translation>
    </message>
    <message>
        <source>No lot: every key on the bench is provisioned with the profile, as without lots.</source>
        <translation>No lot: every key on the bench is provisioned with the profile, as without lots.</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>Lot</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Key model</source>
        <translation>Key model</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>Allowed serials</source>
        <translation>Allowed serials</translation>
    </message>
    <message numerus="yes">
        <source>%n listed</source>
        <translation><numerusform>%n listed</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n range(s)</source>
        <translation><numerusform>%n range(s)</numerusform></translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profile</translation>
    </message>
    <message>
        <source>This lot is for profile “%1”; this station runs profile “%2”. Start the station with the lot's profile.</source>
        <translation>This lot is for profile “%1”; this station runs profile “%2”. Start the station with the lot's profile.</translation>
    </message>
    <message>
        <source>The journal already holds a different lot with the id %1. Give this manifest another id.</source>
        <translation>The journal already holds a different lot with the id %1. Give this manifest another id.</translation>
    </message>
</context>
<context>
    <name>ks::app::LotView</name>
    <message>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Export report…</source>
        <translation>Export report…</translation>
    </message>
    <message>
        <source>The hand-over for the customer: every key (CSV), the certificates (one PEM bundle) and a PDF summary with a signature line</source>
        <translation>The hand-over for the customer: every key (CSV), the certificates (one PEM bundle) and a PDF summary with a signature line</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>Lot</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Model</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profile</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Refused</translation>
    </message>
    <message>
        <source>Remaining</source>
        <translation>Remaining</translation>
    </message>
    <message>
        <source>First-pass yield</source>
        <translation>First-pass yield</translation>
    </message>
    <message>
        <source>Final yield</source>
        <translation>Final yield</translation>
    </message>
    <message>
        <source>Keys/h</source>
        <translation>Keys/h</translation>
    </message>
    <message>
        <source>No journal is open.</source>
        <translation>No journal is open.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>Cannot read the lots: %1</source>
        <translation>Cannot read the lots: %1</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>No lots yet: choose a lot on the bench (Lot…) before Provision all.</source>
        <translation>No lots yet: choose a lot on the bench (Lot…) before Provision all.</translation>
    </message>
    <message>
        <source>Select a lot to see its counts.</source>
        <translation>Select a lot to see its counts.</translation>
    </message>
    <message>
        <source>Lot %1</source>
        <translation>Lot %1</translation>
    </message>
    <message>
        <source>profile %1</source>
        <translation>profile %1</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Target</translation>
    </message>
    <message>
        <source>Refused by the lot</source>
        <translation>Refused by the lot</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>Interrupted</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Running</translation>
    </message>
    <message>
        <source>Keys per hour</source>
        <translation>Keys per hour</translation>
    </message>
    <message>
        <source>First attempt</source>
        <translation>First attempt</translation>
    </message>
    <message>
        <source>Last key finished</source>
        <translation>Last key finished</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>none yet</translation>
    </message>
    <message>
        <source>Done by station</source>
        <translation>Done by station</translation>
    </message>
    <message>
        <source>Done by operator</source>
        <translation>Done by operator</translation>
    </message>
    <message>
        <source>Where to write the hand-over report of lot %1</source>
        <translation>Where to write the hand-over report of lot %1</translation>
    </message>
    <message>
        <source>Writing the report of lot %1…</source>
        <translation>Writing the report of lot %1…</translation>
    </message>
    <message numerus="yes">
        <source>Report of lot %1 (%n key(s)) written to %2.</source>
        <translation><numerusform>Report of lot %1 (%n key(s)) written to %2.</numerusform></translation>
    </message>
    <message>
        <source>The report of lot %1 could not be written: %2</source>
        <translation>The report of lot %1 could not be written: %2</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <source>Show the report's files in the file manager</source>
        <translation>Show the report's files in the file manager</translation>
    </message>
</context>
<context>
    <name>ks::app::MainWindow</name>
    <message>
        <source>KeyStation — %1</source>
        <translation>KeyStation — %1</translation>
    </message>
    <message>
        <source>Bench</source>
        <translation>Bench</translation>
    </message>
    <message>
        <source>Batch log</source>
        <translation>Batch log</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>Accounts</translation>
    </message>
    <message>
        <source>Station locked. Running batches continue.
Log in again to see the bench.</source>
        <translation>Station locked. Running batches continue.
Log in again to see the bench.</translation>
    </message>
    <message>
        <source>&amp;Station</source>
        <translation>&amp;Station</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>&amp;Lock</translation>
    </message>
    <message>
        <source>Log &amp;out</source>
        <translation>Log &amp;out</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;About KeyStation</source>
        <translation>&amp;About KeyStation</translation>
    </message>
    <message>
        <source>Logged in as %1 (%2)</source>
        <translation>Logged in as %1 (%2)</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>Log out</translation>
    </message>
    <message>
        <source>A batch is running. It keeps running after you log out. Log out anyway?</source>
        <translation>A batch is running. It keeps running after you log out. Log out anyway?</translation>
    </message>
    <message>
        <source>Quit KeyStation</source>
        <translation>Quit KeyStation</translation>
    </message>
    <message>
        <source>A batch is running. Quitting cancels the keys in progress; they resume at the next start. Quit?</source>
        <translation>A batch is running. Quitting cancels the keys in progress; they resume at the next start. Quit?</translation>
    </message>
    <message>
        <source>About KeyStation</source>
        <translation>About KeyStation</translation>
    </message>
    <message>
        <source>&lt;b&gt;KeyStation&lt;/b&gt; %1&lt;br&gt;Batch provisioning of USB PKI keys with certificates bound to each key's hardware serial.</source>
        <translation>&lt;b&gt;KeyStation&lt;/b&gt; %1&lt;br&gt;Batch provisioning of USB PKI keys with certificates bound to each key's hardware serial.</translation>
    </message>
    <message>
        <source>Needs a person:</source>
        <translation>Needs a person:</translation>
    </message>
</context>
<context>
    <name>ks::app::OperatorCommand</name>
    <message>
        <source>This needs an authenticated operator: give --as NAME.</source>
        <translation>This needs an authenticated operator: give --as NAME.</translation>
    </message>
    <message>
        <source>Password for %1: </source>
        <translation>Password for %1: </translation>
    </message>
    <message>
        <source>No password given.</source>
        <translation>No password given.</translation>
    </message>
    <message>
        <source>New password for %1: </source>
        <translation>New password for %1: </translation>
    </message>
    <message>
        <source>Repeat the password: </source>
        <translation>Repeat the password: </translation>
    </message>
    <message>
        <source>The passwords differ.</source>
        <translation>The passwords differ.</translation>
    </message>
    <message>
        <source>Manage operator accounts.</source>
        <translation>Manage operator accounts.</translation>
    </message>
    <message>
        <source>the account</source>
        <translation>the account</translation>
    </message>
    <message>
        <source>operator, supervisor or administrator</source>
        <translation>operator, supervisor or administrator</translation>
    </message>
    <message>
        <source>the administrator doing this</source>
        <translation>the administrator doing this</translation>
    </message>
    <message>
        <source>read the --as operator's password from FILE</source>
        <translation>read the --as operator's password from FILE</translation>
    </message>
    <message>
        <source>read the new password from FILE</source>
        <translation>read the new password from FILE</translation>
    </message>
    <message>
        <source>PostgreSQL connection file</source>
        <translation>PostgreSQL connection file</translation>
    </message>
    <message>
        <source>Unknown role '%1'.</source>
        <translation>Unknown role '%1'.</translation>
    </message>
    <message>
        <source>The first account must be an administrator (--role administrator).</source>
        <translation>The first account must be an administrator (--role administrator).</translation>
    </message>
    <message>
        <source>Administrator %1 created.</source>
        <translation>Administrator %1 created.</translation>
    </message>
    <message>
        <source>Operator %1 (%2) added.</source>
        <translation>Operator %1 (%2) added.</translation>
    </message>
    <message>
        <source>Password of %1 changed.</source>
        <translation>Password of %1 changed.</translation>
    </message>
    <message>
        <source>Operator %1 disabled.</source>
        <translation>Operator %1 disabled.</translation>
    </message>
    <message>
        <source>Operator %1 enabled.</source>
        <translation>Operator %1 enabled.</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>disabled</translation>
    </message>
    <message>
        <source>locked</source>
        <translation>locked</translation>
    </message>
    <message>
        <source>active</source>
        <translation>active</translation>
    </message>
    <message>
        <source>Unknown action '%1'.</source>
        <translation>Unknown action '%1'.</translation>
    </message>
    <message>
        <source>add, passwd, role, disable, enable or list</source>
        <translation>add, passwd, role, disable, enable or list</translation>
    </message>
    <message>
        <source>SQLite journal file (default $KEYSTATION_JOURNAL).</source>
        <translation>SQLite journal file (default $KEYSTATION_JOURNAL).</translation>
    </message>
    <message>
        <source>Give the new role: --role operator|supervisor|administrator.</source>
        <translation>Give the new role: --role operator|supervisor|administrator.</translation>
    </message>
    <message>
        <source>Operator %1 is now %2.</source>
        <translation>Operator %1 is now %2.</translation>
    </message>
</context>
<context>
    <name>ks::app::ProvisionCommand</name>
    <message>
        <source>Provision every key on the hub with a certificate from the CA.</source>
        <translation>Provision every key on the hub with a certificate from the CA.</translation>
    </message>
    <message>
        <source>Every key present (required).</source>
        <translation>Every key present (required).</translation>
    </message>
    <message>
        <source>Keep going: keys plugged in later join the batch. Ctrl+C ends the batch.</source>
        <translation>Keep going: keys plugged in later join the batch. Ctrl+C ends the batch.</translation>
    </message>
    <message>
        <source>PKCS#11 module of the hub (default $KEYSTATION_PKCS11_MODULE or OpenSC).</source>
        <translation>PKCS#11 module of the hub (default $KEYSTATION_PKCS11_MODULE or OpenSC).</translation>
    </message>
    <message>
        <source>PostgreSQL journal connection file.</source>
        <translation>PostgreSQL journal connection file.</translation>
    </message>
    <message>
        <source>Say --all: provisioning takes every key on the hub.</source>
        <translation>Say --all: provisioning takes every key on the hub.</translation>
    </message>
    <message>
        <source>Cannot start the station: %1</source>
        <translation>Cannot start the station: %1</translation>
    </message>
    <message>
        <source>Password for %1: </source>
        <translation>Password for %1: </translation>
    </message>
    <message>
        <source>The CA is not usable: %1</source>
        <translation>The CA is not usable: %1</translation>
    </message>
    <message>
        <source>CA: %1</source>
        <translation>CA: %1</translation>
    </message>
    <message>
        <source>ALREADY PROVISIONED (certificate %1, valid until %2)</source>
        <translation>ALREADY PROVISIONED (certificate %1, valid until %2)</translation>
    </message>
    <message>
        <source>DONE in %1 s: certificate %2, valid until %3%4</source>
        <translation>DONE in %1 s: certificate %2, valid until %3%4</translation>
    </message>
    <message>
        <source> (resumed)</source>
        <translation> (resumed)</translation>
    </message>
    <message>
        <source>FAILED at %1 [%2]: %3</source>
        <translation>FAILED at %1 [%2]: %3</translation>
    </message>
    <message>
        <source>Key %1 can be swapped.</source>
        <translation>Key %1 can be swapped.</translation>
    </message>
    <message>
        <source>Batch %1: %2 done (%3 already provisioned), %4 failed, %5 cancelled, %6 s, %7 keys/min</source>
        <translation>Batch %1: %2 done (%3 already provisioned), %4 failed, %5 cancelled, %6 s, %7 keys/min</translation>
    </message>
    <message>
        <source>Batch %1 started by %2.</source>
        <translation>Batch %1 started by %2.</translation>
    </message>
    <message>
        <source>Also provision keys that already hold a certificate, of this profile or of another CA or profile (left for a person otherwise); the certificate already there stays.</source>
        <translation>Also provision keys that already hold a certificate, of this profile or of another CA or profile (left for a person otherwise); the certificate already there stays.</translation>
    </message>
    <message>
        <source>Profile file (default $KEYSTATION_PROFILE, else ~/.config/KeyStation/keystation/profile.json).</source>
        <translation>Profile file (default $KEYSTATION_PROFILE, else ~/.config/KeyStation/keystation/profile.json).</translation>
    </message>
    <message>
        <source>SQLite journal file (default $KEYSTATION_JOURNAL).</source>
        <translation>SQLite journal file (default $KEYSTATION_JOURNAL).</translation>
    </message>
    <message>
        <source>Log in again to keys whose last attempt ended at the PIN (wrong PIN, few tries left), after a supervisor has checked them. Without it they are left alone.</source>
        <translation>Log in again to keys whose last attempt ended at the PIN (wrong PIN, few tries left), after a supervisor has checked them. Without it they are left alone.</translation>
    </message>
    <message>
        <source>Run every key's PKCS#11 work in this process instead of a worker process per key (OpenSC then handles one key at a time).</source>
        <translation>Run every key's PKCS#11 work in this process instead of a worker process per key (OpenSC then handles one key at a time).</translation>
    </message>
    <message>
        <source>The operator running the batch (default $USER).</source>
        <translation>The operator running the batch (default $USER).</translation>
    </message>
    <message>
        <source>Read the --as operator's password from this file (else the terminal or stdin).</source>
        <translation>Read the --as operator's password from this file (else the terminal or stdin).</translation>
    </message>
    <message>
        <source>Append the journal's chain head to this file at each batch end (for 'log verify --anchor').</source>
        <translation>Append the journal's chain head to this file at each batch end (for 'log verify --anchor').</translation>
    </message>
    <message>
        <source>No operator name: give --as NAME (the account running the batch; $USER is empty).</source>
        <translation>No operator name: give --as NAME (the account running the batch; $USER is empty).</translation>
    </message>
    <message>
        <source>Journal anchor: %1</source>
        <translation>Journal anchor: %1</translation>
    </message>
    <message>
        <source>No keys found through %1.</source>
        <translation>No keys found through %1.</translation>
    </message>
    <message>
        <source>Run the batch under the lot (work order) in FILE (docs/lots.md; loaded into the journal the first time): a key whose serial is not in the lot, already done in it, or beyond its quantity is refused before login. Refused keys are listed but are not failures: the exit status is 0 when every key the lot admitted is done. The lot's counts are printed at the end.</source>
        <translation>Run the batch under the lot (work order) in FILE (docs/lots.md; loaded into the journal the first time): a key whose serial is not in the lot, already done in it, or beyond its quantity is refused before login. Refused keys are listed but are not failures: the exit status is 0 when every key the lot admitted is done. The lot's counts are printed at the end.</translation>
    </message>
    <message>
        <source>Progress as one JSON object per line on standard output (batchStarted, keyAdded, stepStarted, stepEnded, keyDone, keyFailed, batchFinished; docs/cli.md); the text for people goes to standard error.</source>
        <translation>Progress as one JSON object per line on standard output (batchStarted, keyAdded, stepStarted, stepEnded, keyDone, keyFailed, batchFinished; docs/cli.md); the text for people goes to standard error.</translation>
    </message>
    <message>
        <source>No password read from %1.</source>
        <translation>No password read from %1.</translation>
    </message>
    <message>
        <source>REFUSED [%1]: %2</source>
        <translation>REFUSED [%1]: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n key(s) refused by the lot (not failures of the batch).</source>
        <translation><numerusform>%n key(s) refused by the lot (not failures of the batch).</numerusform></translation>
    </message>
    <message>
        <source>Cannot write the label sheet: %1</source>
        <translation>Cannot write the label sheet: %1</translation>
    </message>
    <message>
        <source>Label sheet: %1</source>
        <translation>Label sheet: %1</translation>
    </message>
    <message>
        <source>Lot %1: %2 of %3 done, %4 remaining, %5 failed, %6 refused, %7 interrupted; first-pass yield %8 %, final yield %9 %</source>
        <translation>Lot %1: %2 of %3 done, %4 remaining, %5 failed, %6 refused, %7 interrupted; first-pass yield %8 %, final yield %9 %</translation>
    </message>
    <message>
        <source>Cannot read the lot's counts: %1</source>
        <translation>Cannot read the lot's counts: %1</translation>
    </message>
    <message>
        <source>Lot %1: %2 key(s) of profile %3%4.</source>
        <translation>Lot %1: %2 key(s) of profile %3%4.</translation>
    </message>
    <message>
        <source> for %1</source>
        <translation> for %1</translation>
    </message>
    <message>
        <source>Sync every journal event to the disk before going on, not only those before a step that changes the key or asks the CA (slower; docs/journal.md).</source>
        <translation>Sync every journal event to the disk before going on, not only those before a step that changes the key or asks the CA (slower; docs/journal.md).</translation>
    </message>
</context>
<context>
    <name>ks::app::SettingsWidget</name>
    <message>
        <source>Station (applies at the next start)</source>
        <translation>Station (applies at the next start)</translation>
    </message>
    <message>
        <source>Provisioning profile (JSON):</source>
        <translation>Provisioning profile (JSON):</translation>
    </message>
    <message>
        <source>Profiles (*.json)</source>
        <translation>Profiles (*.json)</translation>
    </message>
    <message>
        <source>PKCS#11 module of the hub:</source>
        <translation>PKCS#11 module of the hub:</translation>
    </message>
    <message>
        <source>PKCS#11 modules (*.so)</source>
        <translation>PKCS#11 modules (*.so)</translation>
    </message>
    <message>
        <source>SQLite file (this station)</source>
        <translation>SQLite file (this station)</translation>
    </message>
    <message>
        <source>PostgreSQL (shared by stations)</source>
        <translation>PostgreSQL (shared by stations)</translation>
    </message>
    <message>
        <source>Journal:</source>
        <translation>Journal:</translation>
    </message>
    <message>
        <source>default: the application data folder</source>
        <translation>default: the application data folder</translation>
    </message>
    <message>
        <source>SQLite journal file:</source>
        <translation>SQLite journal file:</translation>
    </message>
    <message>
        <source>SQLite files (*.sqlite *.db)</source>
        <translation>SQLite files (*.sqlite *.db)</translation>
    </message>
    <message>
        <source>PostgreSQL connection file:</source>
        <translation>PostgreSQL connection file:</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>All files (*)</translation>
    </message>
    <message>
        <source>The CA endpoint, its credentials, the trust anchors and the PIN policy are part of the provisioning profile.</source>
        <translation>The CA endpoint, its credentials, the trust anchors and the PIN policy are part of the provisioning profile.</translation>
    </message>
    <message>
        <source>Feedback</source>
        <translation>Feedback</translation>
    </message>
    <message>
        <source>Play a sound when a key is done or fails</source>
        <translation>Play a sound when a key is done or fails</translation>
    </message>
    <message>
        <source>Speak the result ("Key 3 failed: wrong PIN")</source>
        <translation>Speak the result ("Key 3 failed: wrong PIN")</translation>
    </message>
    <message>
        <source>Session and language</source>
        <translation>Session and language</translation>
    </message>
    <message>
        <source>never</source>
        <translation>never</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Lock after inactivity:</source>
        <translation>Lock after inactivity:</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>System language</translation>
    </message>
    <message>
        <source>Language (applies at the next start):</source>
        <translation>Language (applies at the next start):</translation>
    </message>
    <message>
        <source>Save settings</source>
        <translation>Save settings</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation>Choose a file</translation>
    </message>
    <message>
        <source>Saved. Feedback and lock apply now; station, journal and language at the next start.</source>
        <translation>Saved. Feedback and lock apply now; station, journal and language at the next start.</translation>
    </message>
    <message>
        <source>empty: password login only</source>
        <translation>empty: password login only</translation>
    </message>
    <message>
        <source>Operator CA for badge login (PEM):</source>
        <translation>Operator CA for badge login (PEM):</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt)</source>
        <translation>Certificates (*.pem *.crt)</translation>
    </message>
    <message>
        <source>List failed ports in a banner over the tiles while a batch runs</source>
        <translation>List failed ports in a banner over the tiles while a batch runs</translation>
    </message>
    <message>
        <source>Show the summary in a banner over the tiles when a batch ends</source>
        <translation>Show the summary in a banner over the tiles when a batch ends</translation>
    </message>
</context>
<context>
    <name>ks::app::StartupDoctor</name>
    <message>
        <source>Sound</source>
        <translation>Sound</translation>
    </message>
    <message>
        <source>no audio output device: the operator will not hear a key finish or fail</source>
        <translation>no audio output device: the operator will not hear a key finish or fail</translation>
    </message>
    <message>
        <source>Connect speakers or headphones, or check the sound settings (pactl list sinks).</source>
        <translation>Connect speakers or headphones, or check the sound settings (pactl list sinks).</translation>
    </message>
    <message>
        <source>audio output: %1</source>
        <translation>audio output: %1</translation>
    </message>
    <message>
        <source>Station check</source>
        <translation>Station check</translation>
    </message>
    <message>
        <source>&lt;p&gt;The start-up check found a problem on this bench:&lt;/p&gt;&lt;ul&gt;%1&lt;/ul&gt;&lt;p&gt;Keys provisioned now may fail. &lt;code&gt;keystation-cli doctor&lt;/code&gt; runs the same checks again.&lt;/p&gt;</source>
        <translation>&lt;p&gt;The start-up check found a problem on this bench:&lt;/p&gt;&lt;ul&gt;%1&lt;/ul&gt;&lt;p&gt;Keys provisioned now may fail. &lt;code&gt;keystation-cli doctor&lt;/code&gt; runs the same checks again.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>ks::app::StationApp</name>
    <message>
        <source>KeyStation cannot start</source>
        <translation>KeyStation cannot start</translation>
    </message>
    <message>
        <source>Open settings…</source>
        <translation>Open settings…</translation>
    </message>
    <message>
        <source>The journal cannot be opened either (%1), so no administrator can log in. Fix the settings file %2.</source>
        <translation>The journal cannot be opened either (%1), so no administrator can log in. Fix the settings file %2.</translation>
    </message>
    <message>
        <source>Only an administrator can change the settings.</source>
        <translation>Only an administrator can change the settings.</translation>
    </message>
    <message>
        <source>KeyStation — settings (the station is not running)</source>
        <translation>KeyStation — settings (the station is not running)</translation>
    </message>
    <message>
        <source>The station could not be set up:

%1

Profile: %2
PKCS#11 module: %3

Give the right files with --profile and --module (or KEYSTATION_PROFILE and KEYSTATION_PKCS11_MODULE), or fix the settings file %4.</source>
        <translation>The station could not be set up:

%1

Profile: %2
PKCS#11 module: %3

Give the right files with --profile and --module (or KEYSTATION_PROFILE and KEYSTATION_PKCS11_MODULE), or fix the settings file %4.</translation>
    </message>
</context>
<context>
    <name>ks::app::StepEventModel</name>
    <message>
        <source>model %1</source>
        <translation>model %1</translation>
    </message>
    <message>
        <source>key pair %1</source>
        <translation>key pair %1</translation>
    </message>
    <message>
        <source>certificate %1</source>
        <translation>certificate %1</translation>
    </message>
    <message>
        <source>expires %1</source>
        <translation>expires %1</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Step</translation>
    </message>
    <message>
        <source>Phase</source>
        <translation>Phase</translation>
    </message>
    <message>
        <source>Took</source>
        <translation>Took</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Detail</translation>
    </message>
</context>
<context>
    <name>ks::app::TokenTileDelegate</name>
    <message>
        <source>S/N %1</source>
        <translation>S/N %1</translation>
    </message>
    <message>
        <source> · %1 s</source>
        <translation> · %1 s</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
</context>
<context>
    <name>ks::app::TokenTileModel</name>
    <message>
        <source>Key pulled out</source>
        <translation>Key pulled out</translation>
    </message>
    <message>
        <source>PIN locked</source>
        <translation>PIN locked</translation>
    </message>
    <message>
        <source>Last PIN try left</source>
        <translation>Last PIN try left</translation>
    </message>
    <message>
        <source>Few PIN tries left</source>
        <translation>Few PIN tries left</translation>
    </message>
    <message>
        <source>Key not initialised</source>
        <translation>Key not initialised</translation>
    </message>
    <message>
        <source>Already provisioned</source>
        <translation>Already provisioned</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Ready</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>Not enrolled (lot)</source>
        <translation>Not enrolled (lot)</translation>
    </message>
    <message>
        <source>Port %1</source>
        <translation>Port %1</translation>
    </message>
    <message>
        <source>Unused position</source>
        <translation>Unused position</translation>
    </message>
    <message>
        <source>%1: no key</source>
        <translation>%1: no key</translation>
    </message>
    <message>
        <source>Empty</source>
        <translation>Empty</translation>
    </message>
    <message>
        <source>%1, serial %2, slot %3, %4</source>
        <translation>%1, serial %2, slot %3, %4</translation>
    </message>
    <message>
        <source>EMPTY</source>
        <translation>EMPTY</translation>
    </message>
    <message>
        <source>ALREADY DONE</source>
        <translation>ALREADY DONE</translation>
    </message>
    <message>
        <source>DONE</source>
        <translation>DONE</translation>
    </message>
    <message>
        <source>SKIPPED</source>
        <translation>SKIPPED</translation>
    </message>
    <message>
        <source>CHECK</source>
        <translation>CHECK</translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation>FAILED</translation>
    </message>
    <message>
        <source>PULLED</source>
        <translation>PULLED</translation>
    </message>
    <message>
        <source>SKIPPING…</source>
        <translation>SKIPPING…</translation>
    </message>
    <message>
        <source>WAITING</source>
        <translation>WAITING</translation>
    </message>
    <message>
        <source>WORKING</source>
        <translation>WORKING</translation>
    </message>
    <message>
        <source>READY</source>
        <translation>READY</translation>
    </message>
    <message>
        <source>Plug in a key</source>
        <translation>Plug in a key</translation>
    </message>
    <message>
        <source>Nothing was changed: take the key out</source>
        <translation>Nothing was changed: take the key out</translation>
    </message>
    <message>
        <source>Take the key out</source>
        <translation>Take the key out</translation>
    </message>
    <message>
        <source>Wait: the key is being stopped</source>
        <translation>Wait: the key is being stopped</translation>
    </message>
    <message>
        <source>Leave the key in</source>
        <translation>Leave the key in</translation>
    </message>
    <message>
        <source>Give this key to the supervisor: it is not initialised</source>
        <translation>Give this key to the supervisor: it is not initialised</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Skipped</translation>
    </message>
    <message>
        <source>Leave the key in: it goes again by itself when the CA answers</source>
        <translation>Leave the key in: it goes again by itself when the CA answers</translation>
    </message>
</context>
<context>
    <name>ks::app::TokensCommand</name>
    <message>
        <source>OpenSC talks to keys through pcscd, which is not running (start it: systemctl start pcscd).</source>
        <translation>OpenSC talks to keys through pcscd, which is not running (start it: systemctl start pcscd).</translation>
    </message>
    <message>
        <source>pcscd is running but reports no reader with a key: check the hub and its power.</source>
        <translation>pcscd is running but reports no reader with a key: check the hub and its power.</translation>
    </message>
    <message>
        <source>%1 did not answer within %2 s; a key or reader may be stuck.</source>
        <translation>%1 did not answer within %2 s; a key or reader may be stuck.</translation>
    </message>
    <message>
        <source>No keys found through %1.</source>
        <translation>No keys found through %1.</translation>
    </message>
    <message>
        <source>Watching %1 (%2). Ctrl+C to stop.</source>
        <translation>Watching %1 (%2). Ctrl+C to stop.</translation>
    </message>
    <message>
        <source>slot events and polling</source>
        <translation>slot events and polling</translation>
    </message>
    <message>
        <source>polling</source>
        <translation>polling</translation>
    </message>
    <message>
        <source>List the keys on the hub, or watch them come and go.</source>
        <translation>List the keys on the hub, or watch them come and go.</translation>
    </message>
    <message>
        <source>Print an event each time a key is plugged, pulled or changes.</source>
        <translation>Print an event each time a key is plugged, pulled or changes.</translation>
    </message>
    <message>
        <source>Machine-readable output.</source>
        <translation>Machine-readable output.</translation>
    </message>
    <message>
        <source>PKCS#11 module (repeatable). Default: $KEYSTATION_PKCS11_MODULE or OpenSC.</source>
        <translation>PKCS#11 module (repeatable). Default: $KEYSTATION_PKCS11_MODULE or OpenSC.</translation>
    </message>
    <message>
        <source>Seconds to wait for a module to answer (default 60).</source>
        <translation>Seconds to wait for a module to answer (default 60).</translation>
    </message>
</context>
<context>
    <name>ks::app::UiText</name>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>done %1 / %2, failed %3, refused %4, remaining %5, first-pass yield %6, %7 keys/h</source>
        <translation>done %1 / %2, failed %3, refused %4, remaining %5, first-pass yield %6, %7 keys/h</translation>
    </message>
    <message numerus="yes">
        <source>%n interrupted</source>
        <translation><numerusform>%n interrupted</numerusform></translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
</context>
<context>
    <name>ks::ca::CaError</name>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation>HTTP %1</translation>
    </message>
    <message>
        <source>server says: %1%2</source>
        <translation>server says: %1%2</translation>
    </message>
    <message>
        <source> [key %1]</source>
        <translation> [key %1]</translation>
    </message>
    <message>
        <source>the pin is not a SHA-256 digest (64 hex digits or base64)</source>
        <translation>the pin is not a SHA-256 digest (64 hex digits or base64)</translation>
    </message>
    <message>
        <source>cannot read the %1 file '%2'</source>
        <translation>cannot read the %1 file '%2'</translation>
    </message>
    <message>
        <source>no certificate in the %1 file '%2'</source>
        <translation>no certificate in the %1 file '%2'</translation>
    </message>
    <message>
        <source>the TLS client key file '%1' holds no unencrypted RSA or EC private key</source>
        <translation>the TLS client key file '%1' holds no unencrypted RSA or EC private key</translation>
    </message>
    <message>
        <source>the CA URL must be an https:// URL with a host</source>
        <translation>the CA URL must be an https:// URL with a host</translation>
    </message>
    <message>
        <source>time-out, concurrency and size limits must be positive</source>
        <translation>time-out, concurrency and size limits must be positive</translation>
    </message>
    <message>
        <source>no trust anchor file configured for the CA's TLS certificate</source>
        <translation>no trust anchor file configured for the CA's TLS certificate</translation>
    </message>
    <message>
        <source>trust anchor</source>
        <translation>trust anchor</translation>
    </message>
    <message>
        <source>a TLS client certificate needs both a certificate and a key file</source>
        <translation>a TLS client certificate needs both a certificate and a key file</translation>
    </message>
    <message>
        <source>TLS client certificate</source>
        <translation>TLS client certificate</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>cancelled</translation>
    </message>
    <message>
        <source>no complete answer within %1 ms</source>
        <translation>no complete answer within %1 ms</translation>
    </message>
    <message>
        <source>the answer exceeds %1 bytes</source>
        <translation>the answer exceeds %1 bytes</translation>
    </message>
    <message>
        <source>the server's public key does not match the pinned SHA-256</source>
        <translation>the server's public key does not match the pinned SHA-256</translation>
    </message>
    <message>
        <source>TLS handshake failed: %1</source>
        <translation>TLS handshake failed: %1</translation>
    </message>
    <message>
        <source>the connection ended before the answer was complete (%1 bytes received)</source>
        <translation>the connection ended before the answer was complete (%1 bytes received)</translation>
    </message>
    <message>
        <source>unknown CA protocol '%1' (expected est, cfssl or scep)</source>
        <translation>unknown CA protocol '%1' (expected est, cfssl or scep)</translation>
    </message>
    <message>
        <source>SCEP needs the CA certificate's SHA-256 (caCertificateSha256)</source>
        <translation>SCEP needs the CA certificate's SHA-256 (caCertificateSha256)</translation>
    </message>
    <message>
        <source>the SCEP URL must be an http:// or https:// URL with a host</source>
        <translation>the SCEP URL must be an http:// or https:// URL with a host</translation>
    </message>
    <message>
        <source>the CA URL must not carry a user name or password</source>
        <translation>the CA URL must not carry a user name or password</translation>
    </message>
    <message>
        <source>the server closed the connection</source>
        <translation>the server closed the connection</translation>
    </message>
    <message>
        <source>the server did not answer in HTTP/1.1</source>
        <translation>the server did not answer in HTTP/1.1</translation>
    </message>
    <message>
        <source>the server sent a malformed chunked answer</source>
        <translation>the server sent a malformed chunked answer</translation>
    </message>
    <message>
        <source>the server closed the connection without answering</source>
        <translation>the server closed the connection without answering</translation>
    </message>
    <message>
        <source>credentials for the CA (user name and password, HMAC key or client certificate) are never sent over plain http://; use an https:// URL</source>
        <translation>credentials for the CA (user name and password, HMAC key or client certificate) are never sent over plain http://; use an https:// URL</translation>
    </message>
</context>
<context>
    <name>ks::ca::CertificateCodec</name>
    <message>
        <source>the answer is not valid base64</source>
        <translation>the answer is not valid base64</translation>
    </message>
    <message>
        <source>the CA sent an empty answer</source>
        <translation>the CA sent an empty answer</translation>
    </message>
    <message>
        <source>the answer is not a certs-only PKCS#7 (SignedData) structure</source>
        <translation>the answer is not a certs-only PKCS#7 (SignedData) structure</translation>
    </message>
    <message>
        <source>a certificate in the PKCS#7 is broken</source>
        <translation>a certificate in the PKCS#7 is broken</translation>
    </message>
    <message>
        <source>the PKCS#7 holds no certificate</source>
        <translation>the PKCS#7 holds no certificate</translation>
    </message>
    <message>
        <source>the answer holds no valid PEM certificate (%1 of %2 parsed)</source>
        <translation>the answer holds no valid PEM certificate (%1 of %2 parsed)</translation>
    </message>
    <message>
        <source>(unparseable certificate)</source>
        <translation>(unparseable certificate)</translation>
    </message>
    <message>
        <source>subject: %1; issuer: %2; valid %3 to %4; serial %5</source>
        <translation>subject: %1; issuer: %2; valid %3 to %4; serial %5</translation>
    </message>
</context>
<context>
    <name>ks::ca::CertificateVerifier</name>
    <message>
        <source>no trust anchor is configured</source>
        <translation>no trust anchor is configured</translation>
    </message>
    <message>
        <source>cannot set up chain verification</source>
        <translation>cannot set up chain verification</translation>
    </message>
    <message>
        <source>the certificate does not chain to the configured CA: %1 (depth %2)</source>
        <translation>the certificate does not chain to the configured CA: %1 (depth %2)</translation>
    </message>
    <message>
        <source>the validity dates cannot be read</source>
        <translation>the validity dates cannot be read</translation>
    </message>
    <message>
        <source>the certificate is valid only from %1 (now %2, tolerated skew %3 s)</source>
        <translation>the certificate is valid only from %1 (now %2, tolerated skew %3 s)</translation>
    </message>
    <message>
        <source>the certificate expired on %1</source>
        <translation>the certificate expired on %1</translation>
    </message>
    <message>
        <source>the certificate is a CA certificate (CA:TRUE or keyCertSign)</source>
        <translation>the certificate is a CA certificate (CA:TRUE or keyCertSign)</translation>
    </message>
    <message>
        <source>extendedKeyUsage lacks %1 (present: %2)</source>
        <translation>extendedKeyUsage lacks %1 (present: %2)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>none</translation>
    </message>
    <message>
        <source>the certificate is not a parseable X.509 DER structure</source>
        <translation>the certificate is not a parseable X.509 DER structure</translation>
    </message>
    <message>
        <source>the certificate's public key is not the key pair's public key</source>
        <translation>the certificate's public key is not the key pair's public key</translation>
    </message>
    <message>
        <source>a certificate of the path (depth %1) has a critical extension the check does not understand</source>
        <translation>a certificate of the path (depth %1) has a critical extension the check does not understand</translation>
    </message>
    <message>
        <source>an RSA key of %1 bits (at least %2 required)</source>
        <translation>an RSA key of %1 bits (at least %2 required)</translation>
    </message>
    <message>
        <source>an EC key of %1 bits (at least %2 required)</source>
        <translation>an EC key of %1 bits (at least %2 required)</translation>
    </message>
    <message>
        <source>a key of an unsupported type (%1)</source>
        <translation>a key of an unsupported type (%1)</translation>
    </message>
    <message>
        <source>'%1' (depth %2) has %3</source>
        <translation>'%1' (depth %2) has %3</translation>
    </message>
    <message>
        <source>'%1' (depth %2) is signed with %3; SHA-256 or better is required</source>
        <translation>'%1' (depth %2) is signed with %3; SHA-256 or better is required</translation>
    </message>
    <message>
        <source>the subject's %1 is %2, the profile asks for %3</source>
        <translation>the subject's %1 is %2, the profile asks for %3</translation>
    </message>
    <message>
        <source>the certificate is valid only until %1 (%2 days left); the profile requires at least %3 days (minValidityDays)</source>
        <translation>the certificate is valid only until %1 (%2 days left); the profile requires at least %3 days (minValidityDays)</translation>
    </message>
    <message>
        <source>keyUsage is %1, the profile asks for %2%3</source>
        <translation>keyUsage is %1, the profile asks for %2%3</translation>
    </message>
    <message>
        <source>absent</source>
        <translation>absent</translation>
    </message>
    <message>
        <source> and nothing else</source>
        <translation> and nothing else</translation>
    </message>
    <message>
        <source>extendedKeyUsage cannot be read</source>
        <translation>extendedKeyUsage cannot be read</translation>
    </message>
    <message>
        <source>extendedKeyUsage has %1, which the profile did not ask for (present: %2)</source>
        <translation>extendedKeyUsage has %1, which the profile did not ask for (present: %2)</translation>
    </message>
</context>
<context>
    <name>ks::ca::CfsslClient</name>
    <message>
        <source>the CFSSL server refused the request</source>
        <translation>the CFSSL server refused the request</translation>
    </message>
    <message>
        <source>the CFSSL server answered with an error</source>
        <translation>the CFSSL server answered with an error</translation>
    </message>
    <message>
        <source>expected application/json, got '%1'</source>
        <translation>expected application/json, got '%1'</translation>
    </message>
    <message>
        <source>the answer is not CFSSL's JSON: %1</source>
        <translation>the answer is not CFSSL's JSON: %1</translation>
    </message>
    <message>
        <source>the certificate request is not a parseable PKCS#10 structure</source>
        <translation>the certificate request is not a parseable PKCS#10 structure</translation>
    </message>
    <message>
        <source>the CFSSL HMAC key is not hex</source>
        <translation>the CFSSL HMAC key is not hex</translation>
    </message>
    <message>
        <source>the authsign token could not be computed</source>
        <translation>the authsign token could not be computed</translation>
    </message>
</context>
<context>
    <name>ks::ca::EstClient</name>
    <message>
        <source>the EST server answered with an error</source>
        <translation>the EST server answered with an error</translation>
    </message>
    <message>
        <source>expected application/pkcs7-mime, got '%1'</source>
        <translation>expected application/pkcs7-mime, got '%1'</translation>
    </message>
    <message>
        <source>the certificate request is not a parseable PKCS#10 structure</source>
        <translation>the certificate request is not a parseable PKCS#10 structure</translation>
    </message>
    <message>
        <source>the CA still holds the request for approval after %1 polls and %2 s</source>
        <translation>the CA still holds the request for approval after %1 polls and %2 s</translation>
    </message>
    <message>
        <source>the EST server refused the request without giving a reason (credentials or proof of possession)</source>
        <translation>the EST server refused the request without giving a reason (credentials or proof of possession)</translation>
    </message>
    <message>
        <source>the EST server refused the request</source>
        <translation>the EST server refused the request</translation>
    </message>
    <message>
        <source>%1: the answer is not a DER CsrAttrs sequence (RFC 7030 4.5.2)</source>
        <translation>%1: the answer is not a DER CsrAttrs sequence (RFC 7030 4.5.2)</translation>
    </message>
</context>
<context>
    <name>ks::ca::ScepClient</name>
    <message>
        <source>the SCEP server answered with an error</source>
        <translation>the SCEP server answered with an error</translation>
    </message>
    <message>
        <source>the CA certificate (application/x-x509-ca-cert) does not parse</source>
        <translation>the CA certificate (application/x-x509-ca-cert) does not parse</translation>
    </message>
    <message>
        <source>expected application/x-x509-ca-cert or application/x-x509-ca-ra-cert, got '%1'</source>
        <translation>expected application/x-x509-ca-cert or application/x-x509-ca-ra-cert, got '%1'</translation>
    </message>
    <message>
        <source>the CA certificate's SHA-256 (%1) is not the pinned one (%2); no request was sent to this CA</source>
        <translation>the CA certificate's SHA-256 (%1) is not the pinned one (%2); no request was sent to this CA</translation>
    </message>
    <message>
        <source>the SCEP CA's encryption certificate has no RSA key (SCEP needs RSA key transport)</source>
        <translation>the SCEP CA's encryption certificate has no RSA key (SCEP needs RSA key transport)</translation>
    </message>
    <message>
        <source>SCEP needs the CA certificate's SHA-256 (caCertificateSha256)</source>
        <translation>SCEP needs the CA certificate's SHA-256 (caCertificateSha256)</translation>
    </message>
    <message>
        <source>the certificate request is not a parseable PKCS#10 structure</source>
        <translation>the certificate request is not a parseable PKCS#10 structure</translation>
    </message>
    <message>
        <source>SCEP needs the requester key that signs the request</source>
        <translation>SCEP needs the requester key that signs the request</translation>
    </message>
    <message>
        <source>expected application/x-pki-message, got '%1'</source>
        <translation>expected application/x-pki-message, got '%1'</translation>
    </message>
    <message>
        <source>the CA's answer belongs to another transaction or request (transactionID or recipientNonce differs)</source>
        <translation>the CA's answer belongs to another transaction or request (transactionID or recipientNonce differs)</translation>
    </message>
    <message>
        <source>the CA still holds the request for approval after %1 polls and %2 s</source>
        <translation>the CA still holds the request for approval after %1 polls and %2 s</translation>
    </message>
</context>
<context>
    <name>ks::ca::ScepMessage</name>
    <message>
        <source>the requester or CA certificate does not parse</source>
        <translation>the requester or CA certificate does not parse</translation>
    </message>
    <message>
        <source>out of memory</source>
        <translation>out of memory</translation>
    </message>
    <message>
        <source>the request could not be encrypted to the CA certificate</source>
        <translation>the request could not be encrypted to the CA certificate</translation>
    </message>
    <message>
        <source>no random nonce</source>
        <translation>no random nonce</translation>
    </message>
    <message>
        <source>the request could not be assembled</source>
        <translation>the request could not be assembled</translation>
    </message>
    <message>
        <source>the CA's answer is not a SCEP message (PKCS#7 SignedData)</source>
        <translation>the CA's answer is not a SCEP message (PKCS#7 SignedData)</translation>
    </message>
    <message>
        <source>the CA's answer does not have exactly one signer</source>
        <translation>the CA's answer does not have exactly one signer</translation>
    </message>
    <message>
        <source>the CA's answer is not signed by the pinned CA or its RA</source>
        <translation>the CA's answer is not signed by the pinned CA or its RA</translation>
    </message>
    <message>
        <source>the CA's answer is not a CertRep (messageType '%1')</source>
        <translation>the CA's answer is not a CertRep (messageType '%1')</translation>
    </message>
    <message>
        <source>the CA's answer has no valid pkiStatus</source>
        <translation>the CA's answer has no valid pkiStatus</translation>
    </message>
    <message>
        <source>the CA reported success but sent no certificate envelope</source>
        <translation>the CA reported success but sent no certificate envelope</translation>
    </message>
    <message>
        <source>the CA's certificate envelope is not PKCS#7 EnvelopedData</source>
        <translation>the CA's certificate envelope is not PKCS#7 EnvelopedData</translation>
    </message>
    <message>
        <source>the requester certificate does not parse</source>
        <translation>the requester certificate does not parse</translation>
    </message>
    <message>
        <source>the CA's certificate envelope is not addressed to this request</source>
        <translation>the CA's certificate envelope is not addressed to this request</translation>
    </message>
    <message>
        <source>the CA's certificate envelope uses an unsupported cipher (%1)</source>
        <translation>the CA's certificate envelope uses an unsupported cipher (%1)</translation>
    </message>
    <message>
        <source>the CA's certificate envelope has no valid IV</source>
        <translation>the CA's certificate envelope has no valid IV</translation>
    </message>
    <message>
        <source>the CA's certificate envelope could not be opened (key length)</source>
        <translation>the CA's certificate envelope could not be opened (key length)</translation>
    </message>
    <message>
        <source>the CA's certificate envelope could not be decrypted</source>
        <translation>the CA's certificate envelope could not be decrypted</translation>
    </message>
    <message>
        <source>the CA does not support an algorithm the request used (badAlg)</source>
        <translation>the CA does not support an algorithm the request used (badAlg)</translation>
    </message>
    <message>
        <source>the CA could not verify the request's signature (badMessageCheck)</source>
        <translation>the CA could not verify the request's signature (badMessageCheck)</translation>
    </message>
    <message>
        <source>the CA refused the request: a wrong or expired challenge password is the usual cause (badRequest)</source>
        <translation>the CA refused the request: a wrong or expired challenge password is the usual cause (badRequest)</translation>
    </message>
    <message>
        <source>the request's time was too far from the CA's clock (badTime)</source>
        <translation>the request's time was too far from the CA's clock (badTime)</translation>
    </message>
    <message>
        <source>the CA found no certificate matching the request (badCertId)</source>
        <translation>the CA found no certificate matching the request (badCertId)</translation>
    </message>
    <message>
        <source>the CA refused the request without saying why</source>
        <translation>the CA refused the request without saying why</translation>
    </message>
</context>
<context>
    <name>ks::ca::SoftwareScepRequesterKey</name>
    <message>
        <source>SCEP needs an RSA requester key (its envelopes use RSA key transport)</source>
        <translation>SCEP needs an RSA requester key (its envelopes use RSA key transport)</translation>
    </message>
    <message>
        <source>the self-signed requester certificate could not be made (is the CSR PKCS#10?)</source>
        <translation>the self-signed requester certificate could not be made (is the CSR PKCS#10?)</translation>
    </message>
    <message>
        <source>'%1' holds no unencrypted private key</source>
        <translation>'%1' holds no unencrypted private key</translation>
    </message>
    <message>
        <source>the requester key could not sign</source>
        <translation>the requester key could not sign</translation>
    </message>
    <message>
        <source>the requester key could not decrypt the CA's content key</source>
        <translation>the requester key could not decrypt the CA's content key</translation>
    </message>
</context>
<context>
    <name>ks::core::BadgeLogin</name>
    <message>
        <source>The badge holds no operator certificate.</source>
        <translation>The badge holds no operator certificate.</translation>
    </message>
</context>
<context>
    <name>ks::core::BadgeVerifier</name>
    <message>
        <source>Cannot read the operator CA file %1.</source>
        <translation>Cannot read the operator CA file %1.</translation>
    </message>
    <message>
        <source>No certificate in the operator CA file %1.</source>
        <translation>No certificate in the operator CA file %1.</translation>
    </message>
    <message>
        <source>The badge answered a challenge this station did not issue, already used or let expire.</source>
        <translation>The badge answered a challenge this station did not issue, already used or let expire.</translation>
    </message>
    <message>
        <source>The badge certificate is not valid DER.</source>
        <translation>The badge certificate is not valid DER.</translation>
    </message>
    <message>
        <source>Cannot set up certificate verification.</source>
        <translation>Cannot set up certificate verification.</translation>
    </message>
    <message>
        <source>The badge certificate is not from the operator CA: %1.</source>
        <translation>The badge certificate is not from the operator CA: %1.</translation>
    </message>
    <message>
        <source>The badge certificate does not allow signing.</source>
        <translation>The badge certificate does not allow signing.</translation>
    </message>
    <message>
        <source>The badge certificate has no usable public key.</source>
        <translation>The badge certificate has no usable public key.</translation>
    </message>
    <message>
        <source>The badge's signature over the challenge does not verify.</source>
        <translation>The badge's signature over the challenge does not verify.</translation>
    </message>
    <message>
        <source>The badge certificate is not for operator login (extendedKeyUsage %1 missing).</source>
        <translation>The badge certificate is not for operator login (extendedKeyUsage %1 missing).</translation>
    </message>
</context>
<context>
    <name>ks::core::BatchRunner</name>
    <message>
        <source>A batch is already running.</source>
        <translation>A batch is already running.</translation>
    </message>
</context>
<context>
    <name>ks::core::Doctor</name>
    <message>
        <source>Profile</source>
        <translation>Profile</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Fix the profile (docs/profiles.md) or give another with --profile.</source>
        <translation>Fix the profile (docs/profiles.md) or give another with --profile.</translation>
    </message>
    <message>
        <source>"%1" from %2</source>
        <translation>"%1" from %2</translation>
    </message>
    <message>
        <source>PKCS#11 module</source>
        <translation>PKCS#11 module</translation>
    </message>
    <message>
        <source>%1 does not load: %2</source>
        <translation>%1 does not load: %2</translation>
    </message>
    <message>
        <source>Install the module's package (opensc-pkcs11 for OpenSC) or give the right one with --module.</source>
        <translation>Install the module's package (opensc-pkcs11 for OpenSC) or give the right one with --module.</translation>
    </message>
    <message>
        <source>%1 loads but cannot list its keys: %2</source>
        <translation>%1 loads but cannot list its keys: %2</translation>
    </message>
    <message>
        <source>Check the module's own configuration and, for OpenSC, pcscd.</source>
        <translation>Check the module's own configuration and, for OpenSC, pcscd.</translation>
    </message>
    <message>
        <source>%1 (%2): keys present: %3</source>
        <translation>%1 (%2): keys present: %3</translation>
    </message>
    <message>
        <source>pcscd and readers</source>
        <translation>pcscd and readers</translation>
    </message>
    <message>
        <source>the module is not OpenSC: it does not use PC/SC</source>
        <translation>the module is not OpenSC: it does not use PC/SC</translation>
    </message>
    <message>
        <source>no module loaded</source>
        <translation>no module loaded</translation>
    </message>
    <message>
        <source>pcscd is not running (no process, %1 does not accept connections)</source>
        <translation>pcscd is not running (no process, %1 does not accept connections)</translation>
    </message>
    <message>
        <source>Start it: sudo systemctl start pcscd.socket pcscd (Debian package pcscd).</source>
        <translation>Start it: sudo systemctl start pcscd.socket pcscd (Debian package pcscd).</translation>
    </message>
    <message>
        <source>pcscd runs, but OpenSC cannot list the readers: %1</source>
        <translation>pcscd runs, but OpenSC cannot list the readers: %1</translation>
    </message>
    <message>
        <source>Check pcscd's log (journalctl -u pcscd) and OpenSC's configuration.</source>
        <translation>Check pcscd's log (journalctl -u pcscd) and OpenSC's configuration.</translation>
    </message>
    <message>
        <source>pcscd runs, but reports no reader</source>
        <translation>pcscd runs, but reports no reader</translation>
    </message>
    <message>
        <source>Check the hub: its USB cable and its power supply.</source>
        <translation>Check the hub: its USB cable and its power supply.</translation>
    </message>
    <message>
        <source>pcscd runs; readers: %1</source>
        <translation>pcscd runs; readers: %1</translation>
    </message>
    <message>
        <source>Reader limits</source>
        <translation>Reader limits</translation>
    </message>
    <message>
        <source>no reader list</source>
        <translation>no reader list</translation>
    </message>
    <message>
        <source>the module is not OpenSC</source>
        <translation>the module is not OpenSC</translation>
    </message>
    <message>
        <source>OpenSC gives slots to %1 readers (max_virtual_slots %2 / slots_per_card %3, %4)</source>
        <translation>OpenSC gives slots to %1 readers (max_virtual_slots %2 / slots_per_card %3, %4)</translation>
    </message>
    <message>
        <source>OpenSC's defaults</source>
        <translation>OpenSC's defaults</translation>
    </message>
    <message>
        <source>readers: %1; </source>
        <translation>readers: %1; </translation>
    </message>
    <message>
        <source>; pcsc-lite's default limit is %1 readers</source>
        <translation>; pcsc-lite's default limit is %1 readers</translation>
    </message>
    <message>
        <source>At OpenSC's limit: readers beyond it are invisible. Raise max_virtual_slots in %1 (docs/hardware.md).</source>
        <translation>At OpenSC's limit: readers beyond it are invisible. Raise max_virtual_slots in %1 (docs/hardware.md).</translation>
    </message>
    <message>
        <source>At pcsc-lite's limit: a further reader is dropped without a message. More keys need a second station (docs/hardware.md).</source>
        <translation>At pcsc-lite's limit: a further reader is dropped without a message. More keys need a second station (docs/hardware.md).</translation>
    </message>
    <message>
        <source>CA</source>
        <translation>CA</translation>
    </message>
    <message>
        <source>no profile to read the CA from</source>
        <translation>no profile to read the CA from</translation>
    </message>
    <message>
        <source>Fix the profile's ca section (docs/profiles.md).</source>
        <translation>Fix the profile's ca section (docs/profiles.md).</translation>
    </message>
    <message>
        <source>the request was cancelled</source>
        <translation>the request was cancelled</translation>
    </message>
    <message>
        <source>Run the check again.</source>
        <translation>Run the check again.</translation>
    </message>
    <message>
        <source>The server's TLS certificate was checked against %1 (ca.trustAnchorFile): check that it holds the CA that issued the server's certificate, that it has not expired, and that ca.url names a host that certificate covers.</source>
        <translation>The server's TLS certificate was checked against %1 (ca.trustAnchorFile): check that it holds the CA that issued the server's certificate, that it has not expired, and that ca.url names a host that certificate covers.</translation>
    </message>
    <message>
        <source>Check ca.tlsPinSha256 against the server's current key.</source>
        <translation>Check ca.tlsPinSha256 against the server's current key.</translation>
    </message>
    <message>
        <source>The CA refused the station's credentials: check the profile's ca credentials.</source>
        <translation>The CA refused the station's credentials: check the profile's ca credentials.</translation>
    </message>
    <message>
        <source>Is the CA running? Check ca.url (%1), the network and any firewall.</source>
        <translation>Is the CA running? Check ca.url (%1), the network and any firewall.</translation>
    </message>
    <message>
        <source>Check ca.url (%1) and the CA's log.</source>
        <translation>Check ca.url (%1) and the CA's log.</translation>
    </message>
    <message>
        <source>%1 at %2 answers: %3</source>
        <translation>%1 at %2 answers: %3</translation>
    </message>
    <message>
        <source>CA certificates' validity</source>
        <translation>CA certificates' validity</translation>
    </message>
    <message>
        <source>no profile</source>
        <translation>no profile</translation>
    </message>
    <message>
        <source>trust anchor</source>
        <translation>trust anchor</translation>
    </message>
    <message>
        <source>no PEM certificate in %1</source>
        <translation>no PEM certificate in %1</translation>
    </message>
    <message>
        <source>Put the CA's root certificate (PEM) in ca.trustAnchorFile.</source>
        <translation>Put the CA's root certificate (PEM) in ca.trustAnchorFile.</translation>
    </message>
    <message>
        <source>issuing CA</source>
        <translation>issuing CA</translation>
    </message>
    <message>
        <source>CA certificate</source>
        <translation>CA certificate</translation>
    </message>
    <message>
        <source>Renew the CA certificate and give the station the new one (ca.trustAnchorFile).</source>
        <translation>Renew the CA certificate and give the station the new one (ca.trustAnchorFile).</translation>
    </message>
    <message>
        <source>%1 expired on %2</source>
        <translation>%1 expired on %2</translation>
    </message>
    <message>
        <source>%1 is valid only from %2</source>
        <translation>%1 is valid only from %2</translation>
    </message>
    <message>
        <source>Check this machine's clock, then the CA certificate.</source>
        <translation>Check this machine's clock, then the CA certificate.</translation>
    </message>
    <message>
        <source>%1 expires on %2, sooner than the profile's minValidityDays (%3 days) from now</source>
        <translation>%1 expires on %2, sooner than the profile's minValidityDays (%3 days) from now</translation>
    </message>
    <message>
        <source>certificates: %1, the first to expire on %2 (the profile needs %3 days)</source>
        <translation>certificates: %1, the first to expire on %2 (the profile needs %3 days)</translation>
    </message>
    <message>
        <source>Clock</source>
        <translation>Clock</translation>
    </message>
    <message>
        <source>the CA did not answer: no time to compare with</source>
        <translation>the CA did not answer: no time to compare with</translation>
    </message>
    <message>
        <source>no answer to compare clocks: %1</source>
        <translation>no answer to compare clocks: %1</translation>
    </message>
    <message>
        <source>the CA's answer carries no Date header</source>
        <translation>the CA's answer carries no Date header</translation>
    </message>
    <message>
        <source>Compare this machine's clock with the CA's by hand (timedatectl).</source>
        <translation>Compare this machine's clock with the CA's by hand (timedatectl).</translation>
    </message>
    <message>
        <source>the CA's Date header cannot be read: %1</source>
        <translation>the CA's Date header cannot be read: %1</translation>
    </message>
    <message>
        <source>this machine's clock agrees with the CA's</source>
        <translation>this machine's clock agrees with the CA's</translation>
    </message>
    <message>
        <source>this machine's clock is %1 s behind the CA's</source>
        <translation>this machine's clock is %1 s behind the CA's</translation>
    </message>
    <message>
        <source>this machine's clock is %1 s ahead of the CA's</source>
        <translation>this machine's clock is %1 s ahead of the CA's</translation>
    </message>
    <message>
        <source> (the profile allows %1 s: clockSkew)</source>
        <translation> (the profile allows %1 s: clockSkew)</translation>
    </message>
    <message>
        <source>Set the clock right (timedatectl set-ntp true) on this machine or the CA.</source>
        <translation>Set the clock right (timedatectl set-ntp true) on this machine or the CA.</translation>
    </message>
    <message>
        <source> (allowed: %1 s)</source>
        <translation> (allowed: %1 s)</translation>
    </message>
    <message>
        <source>%1 is not a directory</source>
        <translation>%1 is not a directory</translation>
    </message>
    <message>
        <source>cannot write in %1: %2</source>
        <translation>cannot write in %1: %2</translation>
    </message>
    <message>
        <source>Journal</source>
        <translation>Journal</translation>
    </message>
    <message>
        <source>Give a journal the station can write: --journal PATH, --pg-conf FILE or $KEYSTATION_JOURNAL (docs/journal.md).</source>
        <translation>Give a journal the station can write: --journal PATH, --pg-conf FILE or $KEYSTATION_JOURNAL (docs/journal.md).</translation>
    </message>
    <message>
        <source>%1 cannot be created: %2</source>
        <translation>%1 cannot be created: %2</translation>
    </message>
    <message>
        <source>%1 does not exist yet; the station can create it</source>
        <translation>%1 does not exist yet; the station can create it</translation>
    </message>
    <message>
        <source>%1 cannot be opened: %2</source>
        <translation>%1 cannot be opened: %2</translation>
    </message>
    <message>
        <source>%1 is not writable: %2</source>
        <translation>%1 is not writable: %2</translation>
    </message>
    <message>
        <source>%1: the chain cannot be checked: %2</source>
        <translation>%1: the chain cannot be checked: %2</translation>
    </message>
    <message>
        <source>%1: the chain is broken: %2</source>
        <translation>%1: the chain is broken: %2</translation>
    </message>
    <message>
        <source>Tell a supervisor (keystation-cli log verify; docs/journal.md) before provisioning more keys.</source>
        <translation>Tell a supervisor (keystation-cli log verify; docs/journal.md) before provisioning more keys.</translation>
    </message>
    <message>
        <source>%1: writable, chain intact (records: %2)</source>
        <translation>%1: writable, chain intact (records: %2)</translation>
    </message>
    <message>
        <source>Disk space</source>
        <translation>Disk space</translation>
    </message>
    <message>
        <source>the journal is on a PostgreSQL server: check its disk there</source>
        <translation>the journal is on a PostgreSQL server: check its disk there</translation>
    </message>
    <message>
        <source>cannot tell the free space at %1</source>
        <translation>cannot tell the free space at %1</translation>
    </message>
    <message>
        <source>Check it by hand: df -h %1</source>
        <translation>Check it by hand: df -h %1</translation>
    </message>
    <message>
        <source>%1 GiB free at %2 (the journal's file system)</source>
        <translation>%1 GiB free at %2 (the journal's file system)</translation>
    </message>
    <message>
        <source>Free space on %1: the journal stops the station when it cannot write.</source>
        <translation>Free space on %1: the journal stops the station when it cannot write.</translation>
    </message>
    <message>
        <source>Sound</source>
        <translation>Sound</translation>
    </message>
    <message>
        <source>keystation-cli plays no sound; the desktop station checks its sound output when it starts</source>
        <translation>keystation-cli plays no sound; the desktop station checks its sound output when it starts</translation>
    </message>
</context>
<context>
    <name>ks::core::JobError</name>
    <message>
        <source>No error</source>
        <translation>No error</translation>
    </message>
    <message>
        <source>Key removed</source>
        <translation>Key removed</translation>
    </message>
    <message>
        <source>Re-plug the key, then retry it</source>
        <translation>Re-plug the key, then retry it</translation>
    </message>
    <message>
        <source>Key swapped</source>
        <translation>Key swapped</translation>
    </message>
    <message>
        <source>Wrong PIN</source>
        <translation>Wrong PIN</translation>
    </message>
    <message>
        <source>Give this key to the supervisor: its PIN is not the profile's</source>
        <translation>Give this key to the supervisor: its PIN is not the profile's</translation>
    </message>
    <message>
        <source>PIN locked</source>
        <translation>PIN locked</translation>
    </message>
    <message>
        <source>Give this key to the supervisor: PIN locked</source>
        <translation>Give this key to the supervisor: PIN locked</translation>
    </message>
    <message>
        <source>PIN on its last try</source>
        <translation>PIN on its last try</translation>
    </message>
    <message>
        <source>Give this key to the supervisor: PIN nearly locked</source>
        <translation>Give this key to the supervisor: PIN nearly locked</translation>
    </message>
    <message>
        <source>Few PIN tries left</source>
        <translation>Few PIN tries left</translation>
    </message>
    <message>
        <source>No PIN for this key</source>
        <translation>No PIN for this key</translation>
    </message>
    <message>
        <source>Call the supervisor: the profile gives no PIN for this key</source>
        <translation>Call the supervisor: the profile gives no PIN for this key</translation>
    </message>
    <message>
        <source>Certificate already there</source>
        <translation>Certificate already there</translation>
    </message>
    <message>
        <source>Give this key to the supervisor: it already holds a certificate</source>
        <translation>Give this key to the supervisor: it already holds a certificate</translation>
    </message>
    <message>
        <source>Certificate of another CA or profile</source>
        <translation>Certificate of another CA or profile</translation>
    </message>
    <message>
        <source>Set the key aside for the supervisor: it holds another certificate</source>
        <translation>Set the key aside for the supervisor: it holds another certificate</translation>
    </message>
    <message>
        <source>Algorithm not supported</source>
        <translation>Algorithm not supported</translation>
    </message>
    <message>
        <source>Call the supervisor: this key model does not fit the profile</source>
        <translation>Call the supervisor: this key model does not fit the profile</translation>
    </message>
    <message>
        <source>Read-back mismatch</source>
        <translation>Read-back mismatch</translation>
    </message>
    <message>
        <source>Retry the key; if it fails again, set it aside</source>
        <translation>Retry the key; if it fails again, set it aside</translation>
    </message>
    <message>
        <source>Bad signature</source>
        <translation>Bad signature</translation>
    </message>
    <message>
        <source>PKCS#11 module unavailable</source>
        <translation>PKCS#11 module unavailable</translation>
    </message>
    <message>
        <source>Call the supervisor: the station cannot load the key's module</source>
        <translation>Call the supervisor: the station cannot load the key's module</translation>
    </message>
    <message>
        <source>Key worker stopped</source>
        <translation>Key worker stopped</translation>
    </message>
    <message>
        <source>Key error</source>
        <translation>Key error</translation>
    </message>
    <message>
        <source>No answer in time</source>
        <translation>No answer in time</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>Retry the key when you are ready</source>
        <translation>Retry the key when you are ready</translation>
    </message>
    <message>
        <source>Log not writable</source>
        <translation>Log not writable</translation>
    </message>
    <message>
        <source>Stop and call the supervisor: the batch log cannot be written</source>
        <translation>Stop and call the supervisor: the batch log cannot be written</translation>
    </message>
    <message>
        <source>Interrupted (the process ended)</source>
        <translation>Interrupted (the process ended)</translation>
    </message>
    <message>
        <source>Retry the key: it goes on where it stopped</source>
        <translation>Retry the key: it goes on where it stopped</translation>
    </message>
    <message>
        <source>Not in this lot</source>
        <translation>Not in this lot</translation>
    </message>
    <message>
        <source>Not in this lot: set the key aside</source>
        <translation>Not in this lot: set the key aside</translation>
    </message>
    <message>
        <source>Already done in this lot</source>
        <translation>Already done in this lot</translation>
    </message>
    <message>
        <source>Lot complete</source>
        <translation>Lot complete</translation>
    </message>
    <message>
        <source>Lot complete: stop and see the supervisor</source>
        <translation>Lot complete: stop and see the supervisor</translation>
    </message>
    <message>
        <source>The CA did not issue a certificate</source>
        <translation>The CA did not issue a certificate</translation>
    </message>
    <message>
        <source>Check the CA connection, then retry the key</source>
        <translation>Check the CA connection, then retry the key</translation>
    </message>
    <message>
        <source>Certificate refused by the check</source>
        <translation>Certificate refused by the check</translation>
    </message>
    <message>
        <source>Call the supervisor: the CA issued a certificate the profile refuses</source>
        <translation>Call the supervisor: the CA issued a certificate the profile refuses</translation>
    </message>
    <message>
        <source>Unknown error</source>
        <translation>Unknown error</translation>
    </message>
    <message>
        <source>CA unreachable</source>
        <translation>CA unreachable</translation>
    </message>
    <message>
        <source>CA did not answer</source>
        <translation>CA did not answer</translation>
    </message>
    <message>
        <source>TLS to the CA failed</source>
        <translation>TLS to the CA failed</translation>
    </message>
    <message>
        <source>CA refused the station</source>
        <translation>CA refused the station</translation>
    </message>
    <message>
        <source>CA refused the request</source>
        <translation>CA refused the request</translation>
    </message>
    <message>
        <source>CA error</source>
        <translation>CA error</translation>
    </message>
    <message>
        <source>Certificate not trusted</source>
        <translation>Certificate not trusted</translation>
    </message>
    <message>
        <source>Certificate for another key</source>
        <translation>Certificate for another key</translation>
    </message>
    <message>
        <source>Certificate names another key</source>
        <translation>Certificate names another key</translation>
    </message>
    <message>
        <source>Certificate expired</source>
        <translation>Certificate expired</translation>
    </message>
    <message>
        <source>CA: %1</source>
        <translation>CA: %1</translation>
    </message>
    <message>
        <source>Certificate: %1</source>
        <translation>Certificate: %1</translation>
    </message>
    <message>
        <source>Give this key to the supervisor: the CA refused it</source>
        <translation>Give this key to the supervisor: the CA refused it</translation>
    </message>
    <message>
        <source>Re-plug the key, then retry it; if it happens again, set it aside</source>
        <translation>Re-plug the key, then retry it; if it happens again, set it aside</translation>
    </message>
    <message>
        <source>Already done in this lot: set the key aside</source>
        <translation>Already done in this lot: set the key aside</translation>
    </message>
    <message>
        <source>Set the key aside and call the supervisor</source>
        <translation>Set the key aside and call the supervisor</translation>
    </message>
</context>
<context>
    <name>ks::core::JobStage</name>
    <message>
        <source>Waiting</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>Logging in to the key</source>
        <translation>Logging in to the key</translation>
    </message>
    <message>
        <source>Looking for a free key pair</source>
        <translation>Looking for a free key pair</translation>
    </message>
    <message>
        <source>Generating a key pair on the key</source>
        <translation>Generating a key pair on the key</translation>
    </message>
    <message>
        <source>Reading the key's identity</source>
        <translation>Reading the key's identity</translation>
    </message>
    <message>
        <source>Signing the request on the key</source>
        <translation>Signing the request on the key</translation>
    </message>
    <message>
        <source>Enrolling with the CA</source>
        <translation>Enrolling with the CA</translation>
    </message>
    <message>
        <source>Checking the certificate</source>
        <translation>Checking the certificate</translation>
    </message>
    <message>
        <source>Writing the certificate</source>
        <translation>Writing the certificate</translation>
    </message>
    <message>
        <source>Reading the certificate back</source>
        <translation>Reading the certificate back</translation>
    </message>
    <message>
        <source>Setting the user PIN</source>
        <translation>Setting the user PIN</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelled</translation>
    </message>
</context>
<context>
    <name>ks::core::Journal</name>
    <message>
        <source>Journal database error while %1.</source>
        <translation>Journal database error while %1.</translation>
    </message>
    <message>
        <source>Cannot create the journal file %1.</source>
        <translation>Cannot create the journal file %1.</translation>
    </message>
    <message>
        <source>Cannot switch the journal to WAL mode: %1</source>
        <translation>Cannot switch the journal to WAL mode: %1</translation>
    </message>
    <message>
        <source>The journal %1 was written by a newer KeyStation (schema %2).</source>
        <translation>The journal %1 was written by a newer KeyStation (schema %2).</translation>
    </message>
    <message>
        <source>Cannot open the journal %1.</source>
        <translation>Cannot open the journal %1.</translation>
    </message>
    <message>
        <source>locking the chain head</source>
        <translation>locking the chain head</translation>
    </message>
    <message>
        <source>reading a batch</source>
        <translation>reading a batch</translation>
    </message>
    <message>
        <source>No batch %1 in the journal.</source>
        <translation>No batch %1 in the journal.</translation>
    </message>
    <message>
        <source>reading an attempt</source>
        <translation>reading an attempt</translation>
    </message>
    <message>
        <source>No attempt %1 in the journal.</source>
        <translation>No attempt %1 in the journal.</translation>
    </message>
    <message>
        <source>hashing</source>
        <translation>hashing</translation>
    </message>
    <message>
        <source>writing an event</source>
        <translation>writing an event</translation>
    </message>
    <message>
        <source>updating a record</source>
        <translation>updating a record</translation>
    </message>
    <message>
        <source>moving the chain head</source>
        <translation>moving the chain head</translation>
    </message>
    <message>
        <source>committing</source>
        <translation>committing</translation>
    </message>
    <message>
        <source>An attempt needs the key's hardware serial.</source>
        <translation>An attempt needs the key's hardware serial.</translation>
    </message>
    <message>
        <source>Journal the CKA_ID (detail.keyId) before generating a key pair, so a crash during generation leaves a key pair resume can find.</source>
        <translation>Journal the CKA_ID (detail.keyId) before generating a key pair, so a crash during generation leaves a key pair resume can find.</translation>
    </message>
    <message>
        <source>An attempt cannot finish as running.</source>
        <translation>An attempt cannot finish as running.</translation>
    </message>
    <message>
        <source>reading a key's history</source>
        <translation>reading a key's history</translation>
    </message>
    <message>
        <source>listing unfinished attempts</source>
        <translation>listing unfinished attempts</translation>
    </message>
    <message>
        <source>listing batches</source>
        <translation>listing batches</translation>
    </message>
    <message>
        <source>listing attempts</source>
        <translation>listing attempts</translation>
    </message>
    <message>
        <source>listing events</source>
        <translation>listing events</translation>
    </message>
    <message>
        <source>starting verification</source>
        <translation>starting verification</translation>
    </message>
    <message>
        <source>reading events</source>
        <translation>reading events</translation>
    </message>
    <message>
        <source>record(s) %1 to %2 before this one are missing (deleted)</source>
        <translation>record(s) %1 to %2 before this one are missing (deleted)</translation>
    </message>
    <message>
        <source>its previous-hash does not match the previous record's hash</source>
        <translation>its previous-hash does not match the previous record's hash</translation>
    </message>
    <message>
        <source>its content does not match its hash (edited)</source>
        <translation>its content does not match its hash (edited)</translation>
    </message>
    <message>
        <source>reading the chain head</source>
        <translation>reading the chain head</translation>
    </message>
    <message>
        <source>the chain head names record %1 but the last record is %2 (records at the end deleted)</source>
        <translation>the chain head names record %1 but the last record is %2 (records at the end deleted)</translation>
    </message>
    <message>
        <source>reading batches</source>
        <translation>reading batches</translation>
    </message>
    <message>
        <source>no journal record created this batch</source>
        <translation>no journal record created this batch</translation>
    </message>
    <message>
        <source>the row differs from what its journal records say (edited)</source>
        <translation>the row differs from what its journal records say (edited)</translation>
    </message>
    <message>
        <source>the batch row is missing (deleted)</source>
        <translation>the batch row is missing (deleted)</translation>
    </message>
    <message>
        <source>reading attempts</source>
        <translation>reading attempts</translation>
    </message>
    <message>
        <source>no journal record created this attempt</source>
        <translation>no journal record created this attempt</translation>
    </message>
    <message>
        <source>the attempt row is missing (deleted)</source>
        <translation>the attempt row is missing (deleted)</translation>
    </message>
    <message>
        <source>Journal intact: %1 records verified.</source>
        <translation>Journal intact: %1 records verified.</translation>
    </message>
    <message>
        <source>Journal BROKEN at %1 record %2: %3</source>
        <translation>Journal BROKEN at %1 record %2: %3</translation>
    </message>
    <message>
        <source>Your role does not allow this (%1).</source>
        <translation>Your role does not allow this (%1).</translation>
    </message>
    <message>
        <source>listing operators</source>
        <translation>listing operators</translation>
    </message>
    <message>
        <source>reading an operator</source>
        <translation>reading an operator</translation>
    </message>
    <message>
        <source>Cannot read the anchor file %1.</source>
        <translation>Cannot read the anchor file %1.</translation>
    </message>
    <message>
        <source>Line %1 of the anchor file %2 is not an anchor.</source>
        <translation>Line %1 of the anchor file %2 is not an anchor.</translation>
    </message>
    <message>
        <source>The anchor file %1 holds no anchor.</source>
        <translation>The anchor file %1 holds no anchor.</translation>
    </message>
    <message>
        <source>the anchor file names two different hashes for this record</source>
        <translation>the anchor file names two different hashes for this record</translation>
    </message>
    <message>
        <source>its hash differs from the anchor kept outside the database (the chain was rewritten from here or earlier)</source>
        <translation>its hash differs from the anchor kept outside the database (the chain was rewritten from here or earlier)</translation>
    </message>
    <message>
        <source>the anchor kept outside the database names record %1 but the chain ends at record %2 (records at the end removed and the chain head moved back)</source>
        <translation>the anchor kept outside the database names record %1 but the chain ends at record %2 (records at the end removed and the chain head moved back)</translation>
    </message>
    <message>
        <source>reading operators</source>
        <translation>reading operators</translation>
    </message>
    <message>
        <source>no journal record created this account (inserted outside KeyStation)</source>
        <translation>no journal record created this account (inserted outside KeyStation)</translation>
    </message>
    <message>
        <source>the account differs from its last journal record (role, password, badge, disabled or lock-out edited)</source>
        <translation>the account differs from its last journal record (role, password, badge, disabled or lock-out edited)</translation>
    </message>
    <message>
        <source>the account row is missing (deleted)</source>
        <translation>the account row is missing (deleted)</translation>
    </message>
    <message>
        <source>the journal's lot %1</source>
        <translation>the journal's lot %1</translation>
    </message>
    <message>
        <source>The journal's record of lot %1 is unreadable.</source>
        <translation>The journal's record of lot %1 is unreadable.</translation>
    </message>
    <message>
        <source>A lot needs an id, a profile and a quantity above 0.</source>
        <translation>A lot needs an id, a profile and a quantity above 0.</translation>
    </message>
    <message>
        <source>reading a lot</source>
        <translation>reading a lot</translation>
    </message>
    <message>
        <source>The journal already holds a different lot %1 (manifest SHA-256 %2); give a changed work order a new id.</source>
        <translation>The journal already holds a different lot %1 (manifest SHA-256 %2); give a changed work order a new id.</translation>
    </message>
    <message>
        <source>No lot %1 in the journal.</source>
        <translation>No lot %1 in the journal.</translation>
    </message>
    <message>
        <source>listing lots</source>
        <translation>listing lots</translation>
    </message>
    <message>
        <source>The lot %1 differs from the one the journal holds.</source>
        <translation>The lot %1 differs from the one the journal holds.</translation>
    </message>
    <message>
        <source>counting a lot</source>
        <translation>counting a lot</translation>
    </message>
    <message>
        <source>listing a lot's keys</source>
        <translation>listing a lot's keys</translation>
    </message>
    <message>
        <source>listing unfinished batches</source>
        <translation>listing unfinished batches</translation>
    </message>
    <message>
        <source>Interrupted: the KeyStation process running this key ended without finishing it (killed, crashed or powered off). The key resumes where it stopped when it is provisioned again.</source>
        <translation>Interrupted: the KeyStation process running this key ended without finishing it (killed, crashed or powered off). The key resumes where it stopped when it is provisioned again.</translation>
    </message>
    <message>
        <source>The attempt %1 has finished.</source>
        <translation>The attempt %1 has finished.</translation>
    </message>
</context>
<context>
    <name>ks::core::JournalConfig</name>
    <message>
        <source>Invalid PostgreSQL port.</source>
        <translation>Invalid PostgreSQL port.</translation>
    </message>
    <message>
        <source>The PostgreSQL journal needs a database name and a user.</source>
        <translation>The PostgreSQL journal needs a database name and a user.</translation>
    </message>
    <message>
        <source>%1 line %2: expected "key = value".</source>
        <translation>%1 line %2: expected "key = value".</translation>
    </message>
    <message>
        <source>%1 line %2: unknown key "%3".</source>
        <translation>%1 line %2: unknown key "%3".</translation>
    </message>
</context>
<context>
    <name>ks::core::LotManifest</name>
    <message>
        <source>Lot file not found: %1.</source>
        <translation>Lot file not found: %1.</translation>
    </message>
    <message>
        <source>(no file name)</source>
        <translation>(no file name)</translation>
    </message>
    <message>
        <source>Cannot read the lot file %1.</source>
        <translation>Cannot read the lot file %1.</translation>
    </message>
    <message>
        <source>The lot file %1 is larger than 16 MiB.</source>
        <translation>The lot file %1 is larger than 16 MiB.</translation>
    </message>
    <message>
        <source>the lot</source>
        <translation>the lot</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>larger than 16 MiB.</source>
        <translation>larger than 16 MiB.</translation>
    </message>
    <message>
        <source>not valid JSON: %1 at offset %2.</source>
        <translation>not valid JSON: %1 at offset %2.</translation>
    </message>
    <message>
        <source>a lot manifest must be a JSON object.</source>
        <translation>a lot manifest must be a JSON object.</translation>
    </message>
    <message>
        <source>unknown field "%1" (misspelt?).</source>
        <translation>unknown field "%1" (misspelt?).</translation>
    </message>
    <message>
        <source>the field "%1" is required.</source>
        <translation>the field "%1" is required.</translation>
    </message>
    <message>
        <source>the field "%1" must be a string.</source>
        <translation>the field "%1" must be a string.</translation>
    </message>
    <message>
        <source>the field "%1" must not be empty.</source>
        <translation>the field "%1" must not be empty.</translation>
    </message>
    <message>
        <source>the field "quantity" is required.</source>
        <translation>the field "quantity" is required.</translation>
    </message>
    <message>
        <source>the field "quantity" must be a whole number.</source>
        <translation>the field "quantity" must be a whole number.</translation>
    </message>
    <message>
        <source>the field "quantity" must be between 1 and 10000000.</source>
        <translation>the field "quantity" must be between 1 and 10000000.</translation>
    </message>
    <message>
        <source>the field "serials" must be a list of strings.</source>
        <translation>the field "serials" must be a list of strings.</translation>
    </message>
    <message>
        <source>"%1" must be a string.</source>
        <translation>"%1" must be a string.</translation>
    </message>
    <message>
        <source>"%1" is empty.</source>
        <translation>"%1" is empty.</translation>
    </message>
    <message>
        <source>the serial %1 is listed twice ("%2").</source>
        <translation>the serial %1 is listed twice ("%2").</translation>
    </message>
    <message>
        <source>the field "serialRanges" must be a list of {"from", "to"} objects.</source>
        <translation>the field "serialRanges" must be a list of {"from", "to"} objects.</translation>
    </message>
    <message>
        <source>"%1" must be an object with "from" and "to".</source>
        <translation>"%1" must be an object with "from" and "to".</translation>
    </message>
    <message>
        <source>the field "%1" is required and must be a string.</source>
        <translation>the field "%1" is required and must be a string.</translation>
    </message>
    <message>
        <source>"%1": from (%2) and to (%3) must have the same length.</source>
        <translation>"%1": from (%2) and to (%3) must have the same length.</translation>
    </message>
    <message>
        <source>"%1": from (%2) is after to (%3).</source>
        <translation>"%1": from (%2) is after to (%3).</translation>
    </message>
    <message>
        <source>the lot allows no key: give "serials" and/or "serialRanges".</source>
        <translation>the lot allows no key: give "serials" and/or "serialRanges".</translation>
    </message>
</context>
<context>
    <name>ks::core::OperatorStore</name>
    <message>
        <source>The operator database failed.</source>
        <translation>The operator database failed.</translation>
    </message>
    <message>
        <source>Your role does not allow this (%1).</source>
        <translation>Your role does not allow this (%1).</translation>
    </message>
    <message>
        <source>No such operator.</source>
        <translation>No such operator.</translation>
    </message>
    <message>
        <source>An operator named %1 already exists.</source>
        <translation>An operator named %1 already exists.</translation>
    </message>
    <message>
        <source>An operator name is 1 to 64 letters, digits, '.', '_', '@' or '-'.</source>
        <translation>An operator name is 1 to 64 letters, digits, '.', '_', '@' or '-'.</translation>
    </message>
    <message>
        <source>A password needs at least %1 characters.</source>
        <translation>A password needs at least %1 characters.</translation>
    </message>
    <message>
        <source>Could not hash the password.</source>
        <translation>Could not hash the password.</translation>
    </message>
    <message>
        <source>Unknown operator or wrong password.</source>
        <translation>Unknown operator or wrong password.</translation>
    </message>
    <message>
        <source>No operator account belongs to this badge.</source>
        <translation>No operator account belongs to this badge.</translation>
    </message>
    <message>
        <source>You cannot disable your own account.</source>
        <translation>You cannot disable your own account.</translation>
    </message>
    <message>
        <source>A badge fingerprint is 64 hexadecimal digits.</source>
        <translation>A badge fingerprint is 64 hexadecimal digits.</translation>
    </message>
    <message>
        <source>This session was not opened on this station's journal.</source>
        <translation>This session was not opened on this station's journal.</translation>
    </message>
    <message>
        <source>%1 is the last enabled administrator; make another administrator first.</source>
        <translation>%1 is the last enabled administrator; make another administrator first.</translation>
    </message>
    <message>
        <source>Accounts exist already; log in as an administrator to add accounts.</source>
        <translation>Accounts exist already; log in as an administrator to add accounts.</translation>
    </message>
    <message>
        <source>This badge is enrolled for %1 already.</source>
        <translation>This badge is enrolled for %1 already.</translation>
    </message>
</context>
<context>
    <name>ks::core::PinDerivation</name>
    <message>
        <source>A derived PIN must have %1 to %2 digits.</source>
        <translation>A derived PIN must have %1 to %2 digits.</translation>
    </message>
    <message>
        <source>The station secret is empty.</source>
        <translation>The station secret is empty.</translation>
    </message>
    <message>
        <source>The hardware serial is empty.</source>
        <translation>The hardware serial is empty.</translation>
    </message>
    <message>
        <source>HMAC-SHA256 failed.</source>
        <translation>HMAC-SHA256 failed.</translation>
    </message>
    <message>
        <source>The station secret file %1 must hold hexadecimal digits only.</source>
        <translation>The station secret file %1 must hold hexadecimal digits only.</translation>
    </message>
    <message>
        <source>The station secret in %1 must be an even number of hex digits, at least 16 bytes.</source>
        <translation>The station secret in %1 must be an even number of hex digits, at least 16 bytes.</translation>
    </message>
</context>
<context>
    <name>ks::core::ProfileLoader</name>
    <message>
        <source>Unknown field "%1" (misspelt?).</source>
        <translation>Unknown field "%1" (misspelt?).</translation>
    </message>
    <message>
        <source>The field "%1" is required.</source>
        <translation>The field "%1" is required.</translation>
    </message>
    <message>
        <source>The field "%1" must be a string.</source>
        <translation>The field "%1" must be a string.</translation>
    </message>
    <message>
        <source>The field "%1" must be a whole number.</source>
        <translation>The field "%1" must be a whole number.</translation>
    </message>
    <message>
        <source>The field "%1" must be between %2 and %3.</source>
        <translation>The field "%1" must be between %2 and %3.</translation>
    </message>
    <message>
        <source>The field "%1" must be a list of strings.</source>
        <translation>The field "%1" must be a list of strings.</translation>
    </message>
    <message>
        <source>"%1" is not allowed in "%2"; use one of: %3.</source>
        <translation>"%1" is not allowed in "%2"; use one of: %3.</translation>
    </message>
    <message>
        <source>The section "%1" is required.</source>
        <translation>The section "%1" is required.</translation>
    </message>
    <message>
        <source>The field "%1" must be an object.</source>
        <translation>The field "%1" must be an object.</translation>
    </message>
    <message>
        <source>A transport PIN needs exactly one of "pin.file" or "pin.env"; a PIN is never written in the profile itself.</source>
        <translation>A transport PIN needs exactly one of "pin.file" or "pin.env"; a PIN is never written in the profile itself.</translation>
    </message>
    <message>
        <source>A derived PIN needs "pin.secretFile" (the station secret).</source>
        <translation>A derived PIN needs "pin.secretFile" (the station secret).</translation>
    </message>
    <message>
        <source>"pin.source" must be "transport" or "derived".</source>
        <translation>"pin.source" must be "transport" or "derived".</translation>
    </message>
    <message>
        <source>Unknown placeholder "%1" in "subject.%2"; only ${serial} exists.</source>
        <translation>Unknown placeholder "%1" in "subject.%2"; only ${serial} exists.</translation>
    </message>
    <message>
        <source>"subject.%1" is longer than 64 characters (RFC 5280 upper bound).</source>
        <translation>"subject.%1" is longer than 64 characters (RFC 5280 upper bound).</translation>
    </message>
    <message>
        <source>"subject.commonName" must not be empty.</source>
        <translation>"subject.commonName" must not be empty.</translation>
    </message>
    <message>
        <source>The subject must carry the hardware serial: put ${serial} in "subject.commonName" or "subject.serialNumber".</source>
        <translation>The subject must carry the hardware serial: put ${serial} in "subject.commonName" or "subject.serialNumber".</translation>
    </message>
    <message>
        <source>"subject.country" must be a two-letter ISO 3166 code such as "CN".</source>
        <translation>"subject.country" must be a two-letter ISO 3166 code such as "CN".</translation>
    </message>
    <message>
        <source>"ca.url" must be an https:// URL with a host.</source>
        <translation>"ca.url" must be an https:// URL with a host.</translation>
    </message>
    <message>
        <source>"ca.clientCertFile" and "ca.clientKeyFile" go together.</source>
        <translation>"ca.clientCertFile" and "ca.clientKeyFile" go together.</translation>
    </message>
    <message>
        <source>"ca.usernameFile" and "ca.passwordFile" go together.</source>
        <translation>"ca.usernameFile" and "ca.passwordFile" go together.</translation>
    </message>
    <message>
        <source>"ca.tlsPinSha256" must be 64 hexadecimal digits (a SHA-256).</source>
        <translation>"ca.tlsPinSha256" must be 64 hexadecimal digits (a SHA-256).</translation>
    </message>
    <message>
        <source>Cannot read the profile %1.</source>
        <translation>Cannot read the profile %1.</translation>
    </message>
    <message>
        <source>The profile %1 is larger than 1 MiB.</source>
        <translation>The profile %1 is larger than 1 MiB.</translation>
    </message>
    <message>
        <source>The profile is larger than 1 MiB.</source>
        <translation>The profile is larger than 1 MiB.</translation>
    </message>
    <message>
        <source>The profile is not valid JSON: %1 at offset %2.</source>
        <translation>The profile is not valid JSON: %1 at offset %2.</translation>
    </message>
    <message>
        <source>The profile must be a JSON object.</source>
        <translation>The profile must be a JSON object.</translation>
    </message>
    <message>
        <source>"name" must not be empty.</source>
        <translation>"name" must not be empty.</translation>
    </message>
    <message>
        <source>"keyAlgorithm" must be one of rsa2048, rsa3072, rsa4096, ec-p256, ec-p384.</source>
        <translation>"keyAlgorithm" must be one of rsa2048, rsa3072, rsa4096, ec-p256, ec-p384.</translation>
    </message>
    <message>
        <source>"keyUsage" must not be empty.</source>
        <translation>"keyUsage" must not be empty.</translation>
    </message>
    <message>
        <source>"keyEncipherment" needs an RSA key; EC keys use "keyAgreement".</source>
        <translation>"keyEncipherment" needs an RSA key; EC keys use "keyAgreement".</translation>
    </message>
    <message>
        <source>The field "%1" must be true or false.</source>
        <translation>The field "%1" must be true or false.</translation>
    </message>
    <message>
        <source>The field "%1" must be a list of non-empty strings.</source>
        <translation>The field "%1" must be a list of non-empty strings.</translation>
    </message>
    <message>
        <source>"ca.%1" is a SCEP field; "ca.protocol" is not "scep".</source>
        <translation>"ca.%1" is a SCEP field; "ca.protocol" is not "scep".</translation>
    </message>
    <message>
        <source>SCEP needs "ca.caCertificateSha256": the SHA-256 of the CA certificate, the only proof over plain HTTP that the CA is the right one.</source>
        <translation>SCEP needs "ca.caCertificateSha256": the SHA-256 of the CA certificate, the only proof over plain HTTP that the CA is the right one.</translation>
    </message>
    <message>
        <source>"ca.caCertificateSha256" must be 64 hexadecimal digits (a SHA-256).</source>
        <translation>"ca.caCertificateSha256" must be 64 hexadecimal digits (a SHA-256).</translation>
    </message>
    <message>
        <source>"ca.protocol" "scep" needs an RSA "keyAlgorithm" (rsa2048, rsa3072 or rsa4096), not %1: SCEP's envelopes use RSA key transport, which an EC key cannot open.</source>
        <translation>"ca.protocol" "scep" needs an RSA "keyAlgorithm" (rsa2048, rsa3072 or rsa4096), not %1: SCEP's envelopes use RSA key transport, which an EC key cannot open.</translation>
    </message>
    <message>
        <source>"ca.protocol" must be "cfssl", "est" or "scep".</source>
        <translation>"ca.protocol" must be "cfssl", "est" or "scep".</translation>
    </message>
    <message>
        <source>"ca.url" must be an http:// or https:// URL with a host.</source>
        <translation>"ca.url" must be an http:// or https:// URL with a host.</translation>
    </message>
    <message>
        <source>"ca.url" must not carry a user name or password (user:password@host); give them in "ca.usernameFile" and "ca.passwordFile".</source>
        <translation>"ca.url" must not carry a user name or password (user:password@host); give them in "ca.usernameFile" and "ca.passwordFile".</translation>
    </message>
    <message>
        <source>Profile file not found: %1 (give --profile FILE or set KEYSTATION_PROFILE).</source>
        <translation>Profile file not found: %1 (give --profile FILE or set KEYSTATION_PROFILE).</translation>
    </message>
    <message>
        <source>(no file name)</source>
        <translation>(no file name)</translation>
    </message>
    <message>
        <source>"reuseKeyPairs" must be "generatedOnKey" or "never".</source>
        <translation>"reuseKeyPairs" must be "generatedOnKey" or "never".</translation>
    </message>
    <message>
        <source>"labels.directory" must not be empty.</source>
        <translation>"labels.directory" must not be empty.</translation>
    </message>
</context>
<context>
    <name>ks::core::ProvisioningJob</name>
    <message>
        <source>No answer within %1 s while %2; the key was left as it is.</source>
        <translation>No answer within %1 s while %2; the key was left as it is.</translation>
    </message>
    <message>
        <source>Cancelled by the operator.</source>
        <translation>Cancelled by the operator.</translation>
    </message>
    <message>
        <source>The batch log cannot be written (%1); stopped before touching the key.</source>
        <translation>The batch log cannot be written (%1); stopped before touching the key.</translation>
    </message>
    <message>
        <source>The batch log cannot be written (%1); stopped.</source>
        <translation>The batch log cannot be written (%1); stopped.</translation>
    </message>
    <message>
        <source>No transport PIN is configured.</source>
        <translation>No transport PIN is configured.</translation>
    </message>
    <message>
        <source>The batch log cannot be written (%1); the key was not touched.</source>
        <translation>The batch log cannot be written (%1); the key was not touched.</translation>
    </message>
    <message>
        <source>The key in this slot changed to %1.</source>
        <translation>The key in this slot changed to %1.</translation>
    </message>
    <message>
        <source>The enrolment was cancelled.</source>
        <translation>The enrolment was cancelled.</translation>
    </message>
    <message>
        <source>The certificate read back from the key is not the one written.</source>
        <translation>The certificate read back from the key is not the one written.</translation>
    </message>
    <message>
        <source>Its worker process was stopped.</source>
        <translation>Its worker process was stopped.</translation>
    </message>
    <message>
        <source>Key %1 was pulled out during %2 (the module answered %3).</source>
        <translation>Key %1 was pulled out during %2 (the module answered %3).</translation>
    </message>
    <message>
        <source>Key %1 refused the PIN at its last attempt (%2); no further try is spent. A supervisor checks the key and its PIN, then it is provisioned again with --retry-pin-refused.</source>
        <translation>Key %1 refused the PIN at its last attempt (%2); no further try is spent. A supervisor checks the key and its PIN, then it is provisioned again with --retry-pin-refused.</translation>
    </message>
    <message>
        <source>Key %1 already holds a certificate this profile did not issue (%2, issued by %3; check result: %4). It was left as it is, without a login. Check that this is the right profile for these keys; to add this profile's certificate next to it, provision the key again with --force.</source>
        <translation>Key %1 already holds a certificate this profile did not issue (%2, issued by %3; check result: %4). It was left as it is, without a login. Check that this is the right profile for these keys; to add this profile's certificate next to it, provision the key again with --force.</translation>
    </message>
    <message>
        <source>The lot %1 cannot be checked in the batch log (%2); the key was not touched.</source>
        <translation>The lot %1 cannot be checked in the batch log (%2); the key was not touched.</translation>
    </message>
    <message>
        <source>Key %1 is not in lot %2: it was not touched. Put it aside; it belongs to another work order.</source>
        <translation>Key %1 is not in lot %2: it was not touched. Put it aside; it belongs to another work order.</translation>
    </message>
    <message>
        <source>Key %1 is already done in lot %2 (on this or another station): it is not enrolled twice and was not touched.</source>
        <translation>Key %1 is already done in lot %2 (on this or another station): it is not enrolled twice and was not touched.</translation>
    </message>
    <message>
        <source>Lot %1 is complete: %2 of %2 done or in progress. Key %3 was not touched.</source>
        <translation>Lot %1 is complete: %2 of %2 done or in progress. Key %3 was not touched.</translation>
    </message>
</context>
<context>
    <name>ks::core::Role</name>
    <message>
        <source>Operator</source>
        <translation>Operator</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Administrator</translation>
    </message>
</context>
<context>
    <name>ks::core::Station</name>
    <message>
        <source>The profile's transport PIN is empty.</source>
        <translation>The profile's transport PIN is empty.</translation>
    </message>
    <message>
        <source>The CA request was cancelled.</source>
        <translation>The CA request was cancelled.</translation>
    </message>
    <message>
        <source>%1: %2 is not a file.</source>
        <translation>%1: %2 is not a file.</translation>
    </message>
    <message>
        <source>%1: file not found: %2</source>
        <translation>%1: file not found: %2</translation>
    </message>
    <message>
        <source>The token worker program %1 is missing or not executable (reinstall KeyStation, or set KEYSTATION_TOKEN_WORKER).</source>
        <translation>The token worker program %1 is missing or not executable (reinstall KeyStation, or set KEYSTATION_TOKEN_WORKER).</translation>
    </message>
    <message>
        <source>No PEM certificate in %1.</source>
        <translation>No PEM certificate in %1.</translation>
    </message>
    <message>
        <source>The server's TLS certificate was checked against %1 (ca.trustAnchorFile): check that this file holds the CA that issued the server's certificate, and that ca.url names a host that certificate covers.</source>
        <translation>The server's TLS certificate was checked against %1 (ca.trustAnchorFile): check that this file holds the CA that issued the server's certificate, and that ca.url names a host that certificate covers.</translation>
    </message>
    <message>
        <source>Check ca.tlsPinSha256 against the server's current key.</source>
        <translation>Check ca.tlsPinSha256 against the server's current key.</translation>
    </message>
    <message>
        <source>The lot %1 is for the profile "%2", but this station runs the profile "%3".</source>
        <translation>The lot %1 is for the profile "%2", but this station runs the profile "%3".</translation>
    </message>
    <message>
        <source>The CA at %1 does not answer</source>
        <translation>The CA at %1 does not answer</translation>
    </message>
    <message>
        <source>The CA at %1 answers too slowly</source>
        <translation>The CA at %1 answers too slowly</translation>
    </message>
    <message>
        <source>The CA at %1 is not the CA this station trusts</source>
        <translation>The CA at %1 is not the CA this station trusts</translation>
    </message>
    <message>
        <source>The CA at %1 refuses this station's credentials</source>
        <translation>The CA at %1 refuses this station's credentials</translation>
    </message>
    <message>
        <source>The CA settings of this station are not usable</source>
        <translation>The CA settings of this station are not usable</translation>
    </message>
    <message>
        <source>The CA at %1 has a fault (HTTP %2)</source>
        <translation>The CA at %1 has a fault (HTTP %2)</translation>
    </message>
    <message>
        <source>The CA at %1 answers in a way this station does not understand</source>
        <translation>The CA at %1 answers in a way this station does not understand</translation>
    </message>
    <message>
        <source>CA: connected</source>
        <translation>CA: connected</translation>
    </message>
    <message>
        <source>%1 (%2) answered; certificates: %3</source>
        <translation>%1 (%2) answered; certificates: %3</translation>
    </message>
    <message>
        <source>%1 (%2): %3</source>
        <translation>%1 (%2): %3</translation>
    </message>
</context>
<context>
    <name>ks::core::TokenScepKey</name>
    <message>
        <source>SCEP needs an RSA key pair.</source>
        <translation>SCEP needs an RSA key pair.</translation>
    </message>
    <message>
        <source>The key pair's public key is malformed.</source>
        <translation>The key pair's public key is malformed.</translation>
    </message>
    <message>
        <source>The enrolment ended; the key is no longer used for it.</source>
        <translation>The enrolment ended; the key is no longer used for it.</translation>
    </message>
</context>
<context>
    <name>ks::core::VersionInfo</name>
    <message>
        <source>Qt %1 (built with %2)</source>
        <translation>Qt %1 (built with %2)</translation>
    </message>
    <message>
        <source>PKCS#11 module: none configured (--module or KEYSTATION_PKCS11_MODULE; the default is %1)</source>
        <translation>PKCS#11 module: none configured (--module or KEYSTATION_PKCS11_MODULE; the default is %1)</translation>
    </message>
    <message>
        <source>PKCS#11 module %1: cannot be loaded: %2</source>
        <translation>PKCS#11 module %1: cannot be loaded: %2</translation>
    </message>
    <message>
        <source>PKCS#11 module %1: %2, library %3, Cryptoki %4</source>
        <translation>PKCS#11 module %1: %2, library %3, Cryptoki %4</translation>
    </message>
</context>
<context>
    <name>ks::device::CertificateBuilder</name>
    <message>
        <source>Cannot build the self-signed certificate: %1</source>
        <translation>Cannot build the self-signed certificate: %1</translation>
    </message>
    <message>
        <source>no public key or no validity</source>
        <translation>no public key or no validity</translation>
    </message>
    <message>
        <source>out of memory</source>
        <translation>out of memory</translation>
    </message>
    <message>
        <source>no random bytes for the serial</source>
        <translation>no random bytes for the serial</translation>
    </message>
    <message>
        <source>cannot set the serial</source>
        <translation>cannot set the serial</translation>
    </message>
    <message>
        <source>bad subject field %1</source>
        <translation>bad subject field %1</translation>
    </message>
    <message>
        <source>cannot set the subject, validity or public key</source>
        <translation>cannot set the subject, validity or public key</translation>
    </message>
    <message>
        <source>cannot add basicConstraints</source>
        <translation>cannot add basicConstraints</translation>
    </message>
    <message>
        <source>bad key usage %1</source>
        <translation>bad key usage %1</translation>
    </message>
    <message>
        <source>bad extended key usage %1</source>
        <translation>bad extended key usage %1</translation>
    </message>
    <message>
        <source>cannot set the signature algorithm</source>
        <translation>cannot set the signature algorithm</translation>
    </message>
    <message>
        <source>cannot encode</source>
        <translation>cannot encode</translation>
    </message>
    <message>
        <source>the assembled certificate does not parse</source>
        <translation>the assembled certificate does not parse</translation>
    </message>
    <message>
        <source>The key's signature on the self-signed certificate does not verify.</source>
        <translation>The key's signature on the self-signed certificate does not verify.</translation>
    </message>
</context>
<context>
    <name>ks::device::CsrBuilder</name>
    <message>
        <source>Cannot build the certificate request: %1</source>
        <translation>Cannot build the certificate request: %1</translation>
    </message>
    <message>
        <source>out of memory</source>
        <translation>out of memory</translation>
    </message>
    <message>
        <source>bad public key</source>
        <translation>bad public key</translation>
    </message>
    <message>
        <source>bad subject field %1</source>
        <translation>bad subject field %1</translation>
    </message>
    <message>
        <source>bad key usage %1</source>
        <translation>bad key usage %1</translation>
    </message>
    <message>
        <source>bad extended key usage %1</source>
        <translation>bad extended key usage %1</translation>
    </message>
    <message>
        <source>cannot add extensions</source>
        <translation>cannot add extensions</translation>
    </message>
    <message>
        <source>cannot add the enrolment code</source>
        <translation>cannot add the enrolment code</translation>
    </message>
    <message>
        <source>cannot set the signature algorithm</source>
        <translation>cannot set the signature algorithm</translation>
    </message>
    <message>
        <source>cannot attach the signature</source>
        <translation>cannot attach the signature</translation>
    </message>
    <message>
        <source>The key's signature on the certificate request does not verify.</source>
        <translation>The key's signature on the certificate request does not verify.</translation>
    </message>
    <message>
        <source>cannot encode</source>
        <translation>cannot encode</translation>
    </message>
</context>
<context>
    <name>ks::device::DeviceError</name>
    <message>
        <source>The key was removed.</source>
        <translation>The key was removed.</translation>
    </message>
    <message>
        <source>The key reported a hardware error.</source>
        <translation>The key reported a hardware error.</translation>
    </message>
    <message>
        <source>The key is full.</source>
        <translation>The key is full.</translation>
    </message>
    <message>
        <source>Wrong PIN.</source>
        <translation>Wrong PIN.</translation>
    </message>
    <message>
        <source>The key's PIN is locked.</source>
        <translation>The key's PIN is locked.</translation>
    </message>
    <message>
        <source>The key is write-protected.</source>
        <translation>The key is write-protected.</translation>
    </message>
    <message>
        <source>The key does not support this algorithm.</source>
        <translation>The key does not support this algorithm.</translation>
    </message>
    <message>
        <source>The key is not logged in.</source>
        <translation>The key is not logged in.</translation>
    </message>
    <message>
        <source>The key refused the operation.</source>
        <translation>The key refused the operation.</translation>
    </message>
    <message>
        <source>(PKCS#11 function '%1' failed: %2)</source>
        <translation>(PKCS#11 function '%1' failed: %2)</translation>
    </message>
    <message>
        <source>Key %1: %2</source>
        <translation>Key %1: %2</translation>
    </message>
</context>
<context>
    <name>ks::device::Pkcs11Module</name>
    <message>
        <source>Cannot load PKCS#11 module %1: %2</source>
        <translation>Cannot load PKCS#11 module %1: %2</translation>
    </message>
    <message>
        <source>file not found</source>
        <translation>file not found</translation>
    </message>
    <message>
        <source>not a PKCS#11 module (no C_GetFunctionList)</source>
        <translation>not a PKCS#11 module (no C_GetFunctionList)</translation>
    </message>
    <message>
        <source>already initialised in this process; share the loaded module instead</source>
        <translation>already initialised in this process; share the loaded module instead</translation>
    </message>
    <message>
        <source>No key in this slot.</source>
        <translation>No key in this slot.</translation>
    </message>
    <message>
        <source>The key is not present.</source>
        <translation>The key is not present.</translation>
    </message>
</context>
<context>
    <name>ks::device::TokenSession</name>
    <message>
        <source>The key returned a malformed attribute.</source>
        <translation>The key returned a malformed attribute.</translation>
    </message>
    <message>
        <source>No object with id %1 on the key.</source>
        <translation>No object with id %1 on the key.</translation>
    </message>
    <message>
        <source>The key's RSA public key is malformed.</source>
        <translation>The key's RSA public key is malformed.</translation>
    </message>
    <message>
        <source>The key's EC public key is malformed.</source>
        <translation>The key's EC public key is malformed.</translation>
    </message>
    <message>
        <source>Unsupported key type %1.</source>
        <translation>Unsupported key type %1.</translation>
    </message>
    <message>
        <source>Slot %1 now holds key %2.</source>
        <translation>Slot %1 now holds key %2.</translation>
    </message>
    <message>
        <source>The key's PIN is locked; it needs its unblock code.</source>
        <translation>The key's PIN is locked; it needs its unblock code.</translation>
    </message>
    <message>
        <source>The key has one PIN try left; not trying, so it is not locked by accident.</source>
        <translation>The key has one PIN try left; not trying, so it is not locked by accident.</translation>
    </message>
    <message>
        <source>The key has seen wrong PINs; not trying again until someone checks it.</source>
        <translation>The key has seen wrong PINs; not trying again until someone checks it.</translation>
    </message>
    <message>
        <source>No random bytes for the key id.</source>
        <translation>No random bytes for the key id.</translation>
    </message>
    <message>
        <source>The key returned a malformed ECDSA signature.</source>
        <translation>The key returned a malformed ECDSA signature.</translation>
    </message>
    <message>
        <source>Not a DER X.509 certificate.</source>
        <translation>Not a DER X.509 certificate.</translation>
    </message>
    <message>
        <source>The certificate is not for this key pair; nothing was written.</source>
        <translation>The certificate is not for this key pair; nothing was written.</translation>
    </message>
    <message>
        <source>The key already holds a certificate for this key pair; it is not overwritten.</source>
        <translation>The key already holds a certificate for this key pair; it is not overwritten.</translation>
    </message>
    <message>
        <source>The certificate read back from the key differs from the one written.</source>
        <translation>The certificate read back from the key differs from the one written.</translation>
    </message>
    <message>
        <source>The key listed more objects than it can hold (over %1); its answer is not used.</source>
        <translation>The key listed more objects than it can hold (over %1); its answer is not used.</translation>
    </message>
    <message>
        <source>The key answered an attribute length of %1 bytes (at most %2 are expected); its answer is not used.</source>
        <translation>The key answered an attribute length of %1 bytes (at most %2 are expected); its answer is not used.</translation>
    </message>
    <message>
        <source>The key answered a signature longer than the buffer it was given.</source>
        <translation>The key answered a signature longer than the buffer it was given.</translation>
    </message>
    <message>
        <source>The key is not present.</source>
        <translation>The key is not present.</translation>
    </message>
    <message>
        <source>A SHA-256 digest is 32 bytes, not %1.</source>
        <translation>A SHA-256 digest is 32 bytes, not %1.</translation>
    </message>
    <message>
        <source>Key pair %1 is not RSA: only RSA keys decrypt a key-transport block (PKCS#1 v1.5).</source>
        <translation>Key pair %1 is not RSA: only RSA keys decrypt a key-transport block (PKCS#1 v1.5).</translation>
    </message>
    <message>
        <source>The private key of key pair %1 may not decrypt (CKA_DECRYPT false).</source>
        <translation>The private key of key pair %1 may not decrypt (CKA_DECRYPT false).</translation>
    </message>
    <message>
        <source>A ciphertext of %1 bytes is not an RSA block.</source>
        <translation>A ciphertext of %1 bytes is not an RSA block.</translation>
    </message>
    <message>
        <source>The key answered a plaintext longer than the buffer it was given.</source>
        <translation>The key answered a plaintext longer than the buffer it was given.</translation>
    </message>
    <message>
        <source>A certificate must be valid for at least one day.</source>
        <translation>A certificate must be valid for at least one day.</translation>
    </message>
</context>
<context>
    <name>ks::device::WorkerSession</name>
    <message>
        <source>The token worker %1 speaks protocol version %2, the station %3: install matching programs.</source>
        <translation>The token worker %1 speaks protocol version %2, the station %3: install matching programs.</translation>
    </message>
    <message>
        <source>its answer could not be read</source>
        <translation>its answer could not be read</translation>
    </message>
    <message>
        <source>The token worker program %1 is missing or not executable.</source>
        <translation>The token worker program %1 is missing or not executable.</translation>
    </message>
    <message>
        <source>Cannot create the worker's socket: %1</source>
        <translation>Cannot create the worker's socket: %1</translation>
    </message>
    <message>
        <source>Cannot start the token worker %1: %2</source>
        <translation>Cannot start the token worker %1: %2</translation>
    </message>
    <message>
        <source>it was stopped by the station</source>
        <translation>it was stopped by the station</translation>
    </message>
    <message>
        <source>it was killed by %1</source>
        <translation>it was killed by %1</translation>
    </message>
    <message>
        <source>it exited with status %1</source>
        <translation>it exited with status %1</translation>
    </message>
    <message>
        <source>The key's worker process failed during %1: %2.</source>
        <translation>The key's worker process failed during %1: %2.</translation>
    </message>
    <message>
        <source>The key's worker process failed during %1: %2 (%3).</source>
        <translation>The key's worker process failed during %1: %2 (%3).</translation>
    </message>
    <message>
        <source>The key's worker process is no longer running.</source>
        <translation>The key's worker process is no longer running.</translation>
    </message>
    <message>
        <source>it does not take requests</source>
        <translation>it does not take requests</translation>
    </message>
    <message>
        <source>no answer within %1 s</source>
        <translation>no answer within %1 s</translation>
    </message>
    <message>
        <source>it sent an oversized message</source>
        <translation>it sent an oversized message</translation>
    </message>
    <message>
        <source>it ended without answering</source>
        <translation>it ended without answering</translation>
    </message>
    <message>
        <source>it sent an empty answer</source>
        <translation>it sent an empty answer</translation>
    </message>
</context>
<context>
    <name>ks::report::LabelSheet</name>
    <message>
        <source>the directory cannot be created</source>
        <translation>the directory cannot be created</translation>
    </message>
    <message>
        <source>Batch %1</source>
        <translation>Batch %1</translation>
    </message>
</context>
<context>
    <name>ks::report::LotReport</name>
    <message>
        <source>The journal holds no valid certificate for key %1; the bundle was not written.</source>
        <translation>The journal holds no valid certificate for key %1; the bundle was not written.</translation>
    </message>
</context>
<context>
    <name>ks::report::PdfPages</name>
    <message>
        <source>Page %1 / %2</source>
        <translation>Page %1 / %2</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Batch provisioning of USB PKI keys.</source>
        <translation>Batch provisioning of USB PKI keys.</translation>
    </message>
    <message>
        <source>settings file (INI) instead of the default</source>
        <translation>settings file (INI) instead of the default</translation>
    </message>
    <message>
        <source>PostgreSQL journal connection file</source>
        <translation>PostgreSQL journal connection file</translation>
    </message>
    <message>
        <source>user interface language (en, zh_CN)</source>
        <translation>user interface language (en, zh_CN)</translation>
    </message>
    <message>
        <source>operator CA (PEM): offer badge key login</source>
        <translation>operator CA (PEM): offer badge key login</translation>
    </message>
    <message>
        <source>provisioning profile (JSON); default $KEYSTATION_PROFILE, then the settings</source>
        <translation>provisioning profile (JSON); default $KEYSTATION_PROFILE, then the settings</translation>
    </message>
    <message>
        <source>PKCS#11 module of the hub; default $KEYSTATION_PKCS11_MODULE, then the settings, then OpenSC</source>
        <translation>PKCS#11 module of the hub; default $KEYSTATION_PKCS11_MODULE, then the settings, then OpenSC</translation>
    </message>
    <message>
        <source>SQLite journal file; default $KEYSTATION_JOURNAL, then the settings</source>
        <translation>SQLite journal file; default $KEYSTATION_JOURNAL, then the settings</translation>
    </message>
    <message>
        <source>run every key's PKCS#11 work in this process, not a worker process per key</source>
        <translation>run every key's PKCS#11 work in this process, not a worker process per key</translation>
    </message>
    <message>
        <source>
Environment: KEYSTATION_PROFILE, KEYSTATION_PKCS11_MODULE, KEYSTATION_JOURNAL (an option wins over the environment, the environment over the settings).
</source>
        <translation>
Environment: KEYSTATION_PROFILE, KEYSTATION_PKCS11_MODULE, KEYSTATION_JOURNAL (an option wins over the environment, the environment over the settings).
</translation>
    </message>
    <message>
        <source>demonstration/test run: honour --login-file and the KS_AUTO_PROVISION, KS_SCREENSHOT and KS_SCREENSHOT_DELAY environment variables (never on a station in production)</source>
        <translation>demonstration/test run: honour --login-file and the KS_AUTO_PROVISION, KS_SCREENSHOT and KS_SCREENSHOT_DELAY environment variables (never on a station in production)</translation>
    </message>
    <message>
        <source>demo only (with --demo): log in with the name and password in FILE (two lines)</source>
        <translation>demo only (with --demo): log in with the name and password in FILE (two lines)</translation>
    </message>
    <message>
        <source>keystation: --login-file, KS_SCREENSHOT and KS_AUTO_PROVISION are demonstration switches, honoured only with --demo; ignored.</source>
        <translation>keystation: --login-file, KS_SCREENSHOT and KS_AUTO_PROVISION are demonstration switches, honoured only with --demo; ignored.</translation>
    </message>
</context>
</TS>

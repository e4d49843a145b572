<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>BatchRunner</name>
    <message>
        <source>A batch is already running.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CaError</name>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>server says: %1%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> [key %1]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown CA protocol &apos;%1&apos; (expected est or cfssl)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the pin is not a SHA-256 digest (64 hex digits or base64)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read the %1 file &apos;%2&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no certificate in the %1 file &apos;%2&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read the TLS client key file &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the TLS client key file &apos;%1&apos; holds no unencrypted RSA or EC private key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the CA URL must be an https:// URL with a host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>time-out, concurrency and size limits must be positive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no trust anchor file configured for the CA&apos;s TLS certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>trust anchor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a TLS client certificate needs both a certificate and a key file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS client certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no complete answer within %1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the answer exceeds %1 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server&apos;s public key does not match the pinned SHA-256</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS handshake failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server did not answer in time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the connection ended before the answer was complete (%1 bytes received)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CertificateCodec</name>
    <message>
        <source>the answer is not valid base64</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the CA sent an empty answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the answer is not a certs-only PKCS#7 (SignedData) structure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a certificate in the PKCS#7 is broken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the PKCS#7 holds no certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the answer holds no valid PEM certificate (%1 of %2 parsed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(unparseable certificate)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>subject: %1; issuer: %2; valid %3 to %4; serial %5</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CertificateVerifier</name>
    <message>
        <source>no trust anchor is configured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot set up chain verification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the certificate does not chain to the configured CA: %1 (depth %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the certificate names CN &apos;%1&apos;, serialNumber &apos;%2&apos;, not the key&apos;s serial &apos;%3&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the validity dates cannot be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the certificate is valid only from %1 (now %2, tolerated skew %3 s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the certificate expired on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the certificate is valid only until %1; the profile requires at least %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the certificate is a CA certificate (CA:TRUE or keyCertSign)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>keyUsage is 0x%1, the profile requires 0x%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>extendedKeyUsage lacks %1 (present: %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the certificate is not a parseable X.509 DER structure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the certificate&apos;s public key is not the key pair&apos;s public key</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CfsslClient</name>
    <message>
        <source>the CFSSL server refused the request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the CFSSL server answered with an error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected application/json, got &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the answer is not CFSSL&apos;s JSON: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the certificate request is not a parseable PKCS#10 structure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the CFSSL HMAC key is not hex</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CsrBuilder</name>
    <message>
        <source>Cannot build the certificate request: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>out of memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bad public key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bad subject field %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bad key usage %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bad extended key usage %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot add extensions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot add the enrolment code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot set the signature algorithm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot attach the signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key&apos;s signature on the certificate request does not verify.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot encode</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeviceError</name>
    <message>
        <source>The key was removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key reported a hardware error.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key is full.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong PIN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key&apos;s PIN is locked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key is write-protected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key does not support this algorithm.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key is not logged in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key refused the operation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(PKCS#11 function &apos;%1&apos; failed: %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EstClient</name>
    <message>
        <source>the EST server refused the station&apos;s credentials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the EST server answered with an error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected application/pkcs7-mime, got &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the certificate request is not a parseable PKCS#10 structure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the CA still holds the request for approval after %1 polls and %2 s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Pkcs11Module</name>
    <message>
        <source>Cannot load PKCS#11 module %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>file not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a PKCS#11 module (no C_GetFunctionList)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>already initialised in this process; share the loaded module instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No key in this slot.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key is not present.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProvisioningJob</name>
    <message>
        <source>No answer within %1 s while %2; the key was left as it is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled by the operator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The batch log cannot be written (%1); stopped before touching the key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The batch log cannot be written (%1); stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No transport PIN is configured.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The batch log cannot be written (%1); the key was not touched.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key in this slot changed to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The enrolment was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate read back from the key is not the one written.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Station</name>
    <message>
        <source>Cannot read %1 (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile&apos;s transport PIN is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No CA certificate in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The CA request was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TokenSession</name>
    <message>
        <source>The key returned a malformed attribute.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No object with id %1 on the key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key&apos;s RSA public key is malformed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key&apos;s EC public key is malformed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsupported key type %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slot %1 now holds key %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key&apos;s PIN is locked; it needs its unblock code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key has one PIN try left; not trying, so it is not locked by accident.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key has seen wrong PINs; not trying again until someone checks it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No random bytes for the key id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key returned a malformed ECDSA signature.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a DER X.509 certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate is not for this key pair; nothing was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key already holds a certificate for this key pair; it is not overwritten.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate read back from the key differs from the one written.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ks::app::AccountsWidget</name>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed logins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add account…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disable / enable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset password…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change role…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Locked until %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Initial password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account %1 added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account %1 disabled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account %1 enabled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New password for %1:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password of %1 reset.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role of %1:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role of %1 changed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ks::app::AttemptTableModel</name>
    <message>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hardware serial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate serial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ks::app::BatchLogCharts</name>
    <message>
        <source>Keys per minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys per minute — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minute of the batch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failures by reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No failures</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ks::app::BatchLogReport</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Log intact — %n record(s) checked.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Log tampered: record %1 in table %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KeyStation batch log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Journal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>could not run: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not run (this role may not verify the log)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 in total: %2 done, %3 failed, %4 cancelled, %5 running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failures by reason</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ks::app::BatchLogWidget</name>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verify log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recompute the journal&apos;s hash chain and compare every row with it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an attempt to see its steps.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The batch log is for supervisors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are logged in as %1 (%2). Ask a supervisor or an administrator to review the log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No journal is open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the log: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n attempt(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;span style=&quot;color:%1&quot;&gt;%2 done&lt;/span&gt;, &lt;span style=&quot;color:%3&quot;&gt;%4 failed&lt;/span&gt;, %5 cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(only the first %1 are shown)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the steps: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>certificate %1, expires %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>key pair %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>operator %1 on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed while %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verifying the hash chain…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The log could not be verified: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not verified yet: press Verify log to check the hash chain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the batch log as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the batch log as PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Exported %n attempt(s) to %1.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ks::app::BenchWidget</name>
    <message>
        <source>Provision all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continuous mode (provision keys as they are plugged in)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA: connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skip key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selected key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>wrong PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PIN locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>too few PIN tries left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>timed out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the CA did not issue a certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>key pulled out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key %1 done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key %1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key %1 failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key %1 (serial %2) failed: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch finished: %1 done, %2 failed, %3 cancelled, %4 already provisioned, in %5 s (%6 keys per minute).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n key(s) on the hub</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 done · %2 failed · %3 running · %4 need attention</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ks::app::CaCommand</name>
    <message>
        <source>Cannot read %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--user needs --password-file or KS_CA_PASSWORD.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA request failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA certificates (%1):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile usages: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile validity: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSR attributes: %1 bytes (RFC 7030 4.5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the CSR file &apos;%1&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a PKCS#10 request (PEM or DER).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issued: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  with: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate check refused the result: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate check: passed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test a CA connection: &apos;ca info&apos; fetches the CA certificates, &apos;ca enroll&apos; sends a certificate request and checks the answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>info or enroll</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>est or cfssl</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA base URL (https://...)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM bundle verifying the CA&apos;s TLS certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM bundle issued certificates must chain to (default: --ca-bundle)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>EST label / CFSSL signer label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CFSSL profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP Basic user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>file holding the HTTP Basic password (or KS_CA_PASSWORD)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS client certificate (PEM)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS client key (PEM, unencrypted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>file holding the CFSSL authsign key in hex (or KS_CA_HMAC_KEY)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SHA-256 of the server&apos;s public key (hex or sha256//base64)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>request time-out in ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>do NOT verify the server (lab only; logged on every request)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>enroll: PKCS#10 request (PEM or DER)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>enroll: hardware serial the certificate must name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>enroll: EST simplereenroll</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>enroll: required extendedKeyUsage OID (repeatable)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>enroll: minimum remaining validity in days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>enroll: write the issued certificate (PEM) here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage: keystation-cli ca info|enroll --protocol est|cfssl --url URL --ca-bundle FILE ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ca enroll needs --csr FILE.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ks::app::Cli</name>
    <message>
        <source>Usage: keystation-cli COMMAND [options]

Commands:
  tokens [--watch] [--json] [--module PATH]   list or watch the keys on the hub
  ca info|enroll ...                          test a CA connection
  provision --all [--continuous] ...          provision every key on the hub
  log [--batch ID] [--csv] | log verify       read or verify the batch log
  operator add|passwd|disable NAME            manage operator accounts

COMMAND --help shows a command&apos;s options.
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown command &apos;%1&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ks::app::JobDetailsDialog</name>
    <message>
        <source>Key %1 — details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hardware serial:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already provisioned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed while: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate serial:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Valid until:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total time:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>resumed an earlier attempt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>key pair generated on the key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>certificate requested from the CA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ks::app::LogCommand</name>
    <message>
        <source>Read, export or verify the batch log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>check the hash chain instead of listing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only this batch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only this operator&apos;s keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>done, failed, cancelled or running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hardware serial contains TEXT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>started at or after (ISO 8601, UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>started before (ISO 8601, UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>write RFC 4180 CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the supervisor reading the log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read the --as operator&apos;s password from FILE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SQLite journal file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PostgreSQL connection file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an ISO 8601 time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>STARTED (UTC)        SERIAL            STATE      OPERATOR    STATION     MS      CERT SERIAL / ERROR</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n attempt(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ks::app::LogFilterBar</name>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hardware serial contains…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All batches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All operators</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>batch %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>before %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>operator %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>result %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>serial contains &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All attempts</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ks::app::LogText</name>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PIN locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PIN on its last try</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Few PIN tries left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No PIN for this key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key swapped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No answer in time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate already there</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Algorithm not supported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read-back mismatch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bad signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PKCS#11 module unavailable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log not writable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA unreachable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA did not answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS to the CA failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA refused the station</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA refused the request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate not trusted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate for another key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate names another key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ks::app::LoginDialog</name>
    <message>
        <source>KeyStation — operator login</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log in with your operator name and password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KeyStation — first start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This station has no administrator yet. Create the first administrator account; it can then add operators and supervisors.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KeyStation — locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The station was locked after a period without activity. %1 or an administrator may unlock it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repeat password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a name and a password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only %1 or an administrator may unlock this station.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ks::app::MainWindow</name>
    <message>
        <source>KeyStation — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bench</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Station locked. Running batches continue.
Log in again to see the bench.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Station</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log &amp;out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About KeyStation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logged in as %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA: connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA: connected (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA unreachable: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A batch is running. It keeps running after you log out. Log out anyway?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit KeyStation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A batch is running. Quitting cancels the keys in progress; they resume at the next start. Quit?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About KeyStation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;KeyStation&lt;/b&gt; %1&lt;br&gt;Batch provisioning of USB PKI keys with certificates bound to each key&apos;s hardware serial.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ks::app::OperatorCommand</name>
    <message>
        <source>This needs an authenticated operator: give --as NAME.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password for %1: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No password given.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New password for %1: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repeat the password: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The passwords differ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manage operator accounts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>add, passwd, disable, enable or list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>operator, supervisor or administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the administrator doing this</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read the --as operator&apos;s password from FILE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read the new password from FILE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SQLite journal file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PostgreSQL connection file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown role &apos;%1&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first account must be an administrator (--role administrator).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Administrator %1 created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator %1 (%2) added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password of %1 changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator %1 disabled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator %1 enabled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown action &apos;%1&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ks::app::ProvisionCommand</name>
    <message>
        <source>Provision every key on the hub with a certificate from the CA.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every key present (required).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep going: keys plugged in later join the batch. Ctrl+C ends the batch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also re-provision keys that already hold a valid certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile file (default $KEYSTATION_PROFILE or ~/.config).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PKCS#11 module of the hub (default $KEYSTATION_PKCS11_MODULE or OpenSC).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SQLite journal file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PostgreSQL journal connection file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator account (default $USER).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the operator&apos;s password from this file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say --all: provisioning takes every key on the hub.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot start the station: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password for %1: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The CA is not usable: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ALREADY PROVISIONED (certificate %1, valid until %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DONE in %1 s: certificate %2, valid until %3%4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (resumed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FAILED at %1 [%2]: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key %1 can be swapped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch %1: %2 done (%3 already provisioned), %4 failed, %5 cancelled, %6 s, %7 keys/min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch %1 started by %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ks::app::SettingsWidget</name>
    <message>
        <source>Station (applies at the next start)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provisioning profile (JSON):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profiles (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PKCS#11 module of the hub:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PKCS#11 modules (*.so)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SQLite file (this station)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PostgreSQL (shared by stations)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Journal:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>default: the application data folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SQLite journal file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SQLite files (*.sqlite *.db)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PostgreSQL connection file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The CA endpoint, its credentials, the trust anchors and the PIN policy are part of the provisioning profile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feedback</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play a sound when a key is done or fails</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speak the result (&quot;Key 3 failed: wrong PIN&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show a dialog when a key fails</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show a summary when a batch ends</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session and language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lock after inactivity:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language (applies at the next start):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved. Feedback and lock apply now; station, journal and language at the next start.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ks::app::StationApp</name>
    <message>
        <source>KeyStation cannot start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The station could not be set up:

%1

Profile: %2
PKCS#11 module: %3

Give the right files with --profile and --module, or fix the settings file %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ks::app::StepEventModel</name>
    <message>
        <source>model %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>key pair %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>certificate %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expires %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Took</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detail</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ks::app::TokenTileDelegate</name>
    <message>
        <source>Slot %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S/N %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate %1
valid until %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ks::app::TokenTileModel</name>
    <message>
        <source>Key %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, serial %2, slot %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key pulled out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PIN locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last PIN try left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Few PIN tries left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key not initialised</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already provisioned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ks::app::TokensCommand</name>
    <message>
        <source>OpenSC talks to keys through pcscd, which is not running (start it: systemctl start pcscd).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pcscd is running but reports no reader with a key: check the hub and its power.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 did not answer within %2 s; a key or reader may be stuck.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No keys found through %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Watching %1 (%2). Ctrl+C to stop.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>slot events and polling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>polling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List the keys on the hub, or watch them come and go.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print an event each time a key is plugged, pulled or changes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Machine-readable output.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PKCS#11 module (repeatable). Default: $KEYSTATION_PKCS11_MODULE or OpenSC.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seconds to wait for a module to answer (default 60).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ks::app::UiText</name>
    <message>
        <source>Operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ks::core::BadgeVerifier</name>
    <message>
        <source>Cannot read the operator CA file %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No certificate in the operator CA file %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The badge answered a challenge this station did not issue, already used or let expire.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The badge certificate is not valid DER.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot set up certificate verification.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The badge certificate is not from the operator CA: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The badge certificate does not allow signing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The badge certificate has no usable public key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The badge&apos;s signature over the challenge does not verify.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ks::core::JobStage</name>
    <message>
        <source>Waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logging in to the key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking for a free key pair</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generating a key pair on the key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the key&apos;s identity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing the request on the key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enrolling with the CA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing the certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the certificate back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Setting the user PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ks::core::Journal</name>
    <message>
        <source>Journal database error while %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the journal file %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot switch the journal to WAL mode: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The journal %1 was written by a newer KeyStation (schema %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the journal %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>starting a transaction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>locking the chain head</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reading a batch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No batch %1 in the journal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reading an attempt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No attempt %1 in the journal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hashing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>writing an event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>updating a record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>moving the chain head</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>committing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An attempt needs the key&apos;s hardware serial.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Journal the CKA_ID (detail.keyId) before generating a key pair, so a crash during generation leaves a key pair resume can find.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An attempt cannot finish as running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reading a key&apos;s history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>listing unfinished attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>listing batches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>listing attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>listing events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>starting verification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reading events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>record(s) %1 to %2 before this one are missing (deleted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its previous-hash does not match the previous record&apos;s hash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its content does not match its hash (edited)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reading the chain head</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the chain head names record %1 but the last record is %2 (records at the end deleted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reading batches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no journal record created this batch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the row differs from what its journal records say (edited)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the batch row is missing (deleted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reading attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no journal record created this attempt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the attempt row is missing (deleted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Journal intact: %1 records verified.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Journal BROKEN at %1 record %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ks::core::JournalConfig</name>
    <message>
        <source>Invalid PostgreSQL port.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PostgreSQL journal needs a database name and a user.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the database configuration %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 line %2: expected &quot;key = value&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 holds a password and must be readable by its owner only (chmod 600).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 line %2: unknown key &quot;%3&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ks::core::OperatorStore</name>
    <message>
        <source>The operator database failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your role does not allow this (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No such operator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An operator named %1 already exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An operator name is 1 to 64 letters, digits, &apos;.&apos;, &apos;_&apos;, &apos;@&apos; or &apos;-&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A password needs at least %1 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An administrator exists already; log in as one to add accounts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not hash the password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown operator or wrong password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The account %1 is disabled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The account %1 is locked after repeated failures until %2 UTC.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong password. The account %1 is now locked for %2 minutes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No operator account belongs to this badge.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The account %1 is locked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You cannot disable your own account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A badge fingerprint is 64 hexadecimal digits.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ks::core::PinDerivation</name>
    <message>
        <source>A derived PIN must have %1 to %2 digits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The station secret is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hardware serial is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HMAC-SHA256 failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The station secret file %1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The station secret file %1 must be readable by its owner only (chmod 600).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the station secret file %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The station secret file %1 must hold hexadecimal digits only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The station secret in %1 must be an even number of hex digits, at least 16 bytes.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ks::core::ProfileLoader</name>
    <message>
        <source>Unknown field &quot;%1&quot; (misspelt?).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The field &quot;%1&quot; is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The field &quot;%1&quot; must be a string.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The field &quot;%1&quot; must be a whole number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The field &quot;%1&quot; must be between %2 and %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The field &quot;%1&quot; must be a list of strings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not allowed in &quot;%2&quot;; use one of: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The section &quot;%1&quot; is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The field &quot;%1&quot; must be an object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A transport PIN needs exactly one of &quot;pin.file&quot; or &quot;pin.env&quot;; a PIN is never written in the profile itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A derived PIN needs &quot;pin.secretFile&quot; (the station secret).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;pin.source&quot; must be &quot;transport&quot; or &quot;derived&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown placeholder &quot;%1&quot; in &quot;subject.%2&quot;; only ${serial} exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;subject.%1&quot; is longer than 64 characters (RFC 5280 upper bound).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;subject.commonName&quot; must not be empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The subject must carry the hardware serial: put ${serial} in &quot;subject.commonName&quot; or &quot;subject.serialNumber&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;subject.country&quot; must be a two-letter ISO 3166 code such as &quot;CN&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;ca.protocol&quot; must be &quot;cfssl&quot; or &quot;est&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;ca.url&quot; must be an https:// URL with a host.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;ca.clientCertFile&quot; and &quot;ca.clientKeyFile&quot; go together.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;ca.usernameFile&quot; and &quot;ca.passwordFile&quot; go together.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;ca.tlsPinSha256&quot; must be 64 hexadecimal digits (a SHA-256).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the profile %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile %1 is larger than 1 MiB.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile is larger than 1 MiB.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile is not valid JSON: %1 at offset %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile must be a JSON object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;name&quot; must not be empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;keyAlgorithm&quot; must be one of rsa2048, rsa3072, rsa4096, ec-p256, ec-p384.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;keyUsage&quot; must not be empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;keyEncipherment&quot; needs an RSA key; EC keys use &quot;keyAgreement&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Batch provisioning of USB PKI keys.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>settings file (INI) instead of the default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>provisioning profile (JSON)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PKCS#11 module of the hub</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SQLite journal file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PostgreSQL journal connection file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>user interface language (en, zh_CN)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>log in with the name and password in FILE (two lines; for demonstrations)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>

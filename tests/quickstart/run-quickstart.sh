#!/usr/bin/env bash
# Follows docs/quickstart.md literally: extracts its marked shell blocks in order, runs them as one bash -e
# script in a fresh home directory, then checks the outcome itself.
#   tests/quickstart/run-quickstart.sh KEYSTATION_CLI KS_EST_TESTSERVER [QUICKSTART_MD]
#
# Which blocks run (the markers sit on the line right before a ```sh fence in the document):
#   <!-- quickstart-test: run -->               the block runs as written
#   <!-- quickstart-test: run-tty A B ... -->   the block runs on a pseudo-terminal; at each password prompt
#                                               the test types its value named A, then B, ... (what a person
#                                               types; answer-prompts.py reads them from an owner-only file)
#   any other block is for the reader only (real keys, OpenSC's view) and is not run.
# All run blocks form one script, so variables and the working directory carry over as in one terminal; it runs
# with `set -a` (every variable exported, so a run-tty block's command sees them, e.g. $MODULE). pkcs11-tool
# reads PINs from a terminal only (with a pipe it fails: "util_getpass error"), hence the pseudo-terminal.
#
# What the test changes, and nothing else:
#   - HOME is a fresh temporary directory (the document works under ~); XDG_*, KEYSTATION_* and SOFTHSM2_CONF
#     are unset; PATH starts with the directory of the keystation-cli under test (next to its token worker).
#   - The line `CA_PORT=...` becomes a free port, the line `EST_URL=...` the EST test server's URL (each must
#     appear exactly once in the run blocks, or the test fails).
#   - Real keys: the document's SoftHSM alternative (step 4) is a run block; the OpenSC one is not.
#   - Step 8 needs the EST administrator's root certificate in ~/ks-station/est-root.pem and an EST server:
#     the test makes an EST PKI of its own (openssl), starts tests/estserver (ks-est-testserver) with it and
#     HTTP Basic station-01:<a random password>, and puts est-root.pem in place. The document's `read` of the
#     EST password reads that password from the script's standard input.
#   - Step 7's SO PIN and new PIN (run-tty SO_PIN NEW_PIN NEW_PIN): the SoftHSM SO PIN of steps 4 and 7 and
#     the transport PIN of step 2.
# Checks after the document has run (each printed as it passes): the script exited 0 (so did every command in
# it that is not followed by `|| echo`: every provision but step 7's two deliberate failures); each of the 4
# keys (3 of step 4, KEY-4 of step 7) holds a certificate from the cfssl CA that `openssl verify` accepts
# against the root made in step 1, whose CN is the key's serial; KEY-4's attempts in the log are PinIncorrect,
# then PinCountLow (not tried again), then done (after the SO PIN reset and --retry-pin-refused); the EST
# server issued 5 certificates (step 8's throw-away test key, the 4 keys) and every key holds one that verifies
# against the EST root; `log verify` exits 0; the cfssl server the document started is stopped again.
set -euo pipefail
cli="$(realpath "${1:?usage: run-quickstart.sh KEYSTATION_CLI KS_EST_TESTSERVER [QUICKSTART_MD]}")"
estserver="$(realpath "${2:?usage: run-quickstart.sh KEYSTATION_CLI KS_EST_TESTSERVER [QUICKSTART_MD]}")"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
doc="$(realpath "${3:-$here/../../docs/quickstart.md}")"
t0=$(date +%s)

work="$(mktemp -d /tmp/ks-quickstart.XXXXXX)"
home="$work/home"
mkdir -p "$home"
est_pid=""
script_pid=""
cleanup() {
  local status=$?
  # The cfssl server the document started (it wrote its pid), then anything else left in the script's session.
  if [ -f "$home/ks-ca/cfssl.pid" ]; then kill "$(cat "$home/ks-ca/cfssl.pid")" 2>/dev/null || true; fi
  if [ -n "$script_pid" ]; then kill -- "-$script_pid" 2>/dev/null || true; fi
  if [ -n "$est_pid" ]; then kill "$est_pid" 2>/dev/null || true; fi
  wait 2>/dev/null || true
  if [ "$status" -ne 0 ]; then
    for log in "$home/ks-ca/cfssl.log" "$work/est.log"; do
      [ -f "$log" ] && { echo "--- $log (last lines):" >&2; tail -20 "$log" >&2; }
    done
  fi
  rm -rf "$work"
}
trap cleanup EXIT

pass() { echo "PASS: $*"; }
fail() {
  echo "FAIL: $*" >&2
  exit 1
}
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# --- the document's run blocks, as one script -------------------------------------------------------------
declare -A answer=([SO_PIN]=87654321 [NEW_PIN]=123456) # steps 4 and 7: softhsm2-util --so-pin; step 2: transport.pin
ca_port="$(free_port)"
extract() {
  # Prints the run blocks in order; a run-tty block's code goes byte for byte into a file of its own, run by
  # answer-prompts.py on a pseudo-terminal.
  awk -v helper="$here/answer-prompts.py" -v dir="$work" '
    /^<!-- quickstart-test: run -->$/ { want = "run"; next }
    /^<!-- quickstart-test: run-tty .* -->$/ {
      want = "tty"; names = ""
      n = split($0, w, " ")
      for (i = 4; i < n; i++) names = names w[i] "\n"
      next
    }
    /^```sh$/ && want != "" {
      inside = want; want = ""; blocks++
      printf "# --- block %d\n", blocks
      if (inside == "tty") {
        file = dir "/tty-" blocks ".sh"
        printf "%s", names > (dir "/tty-" blocks ".names")
        printf "%s --answers %s/tty-%d.answers -- bash -e %s\n", helper, dir, blocks, file
      }
      next
    }
    /^```$/ && inside != "" { inside = ""; next }
    inside == "run" { print; next }
    inside == "tty" { print > file; next }
    { want = "" }  # a marker only counts right before its fence
    END { if (inside != "") { print "unterminated block" > "/dev/stderr"; exit 1 } }
  ' "$doc"
}
extract >"$work/blocks.sh"
blocks=$(grep -c '^# --- block ' "$work/blocks.sh" || true)
[ "$blocks" -ge 10 ] || fail "only $blocks marked blocks found in $doc"
for var in CA_PORT EST_URL; do
  n=$(grep -c "^$var=" "$work/blocks.sh" || true)
  [ "$n" -eq 1 ] || fail "the run blocks of $doc set $var on $n lines (the test replaces exactly one)"
done
for names in "$work"/tty-*.names; do
  [ -e "$names" ] || continue
  while read -r name; do
    [ -n "${answer[$name]:-}" ] || fail "a run-tty block of $doc asks for $name, which the test does not know"
    printf '%s\n' "${answer[$name]}"
  done <"$names" >"${names%.names}.answers"
done
est_port_file="$work/est.port"

# --- what the reader brings to step 8: an EST server and its root -----------------------------------------
mkdir -p "$work/est-pki" "$home/ks-station"
(
  cd "$work/est-pki"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 3650 -subj "/O=Other Ltd/CN=Other EST Root CA" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -keyout ca-key.pem -out ca.pem 2>/dev/null
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=127.0.0.1" \
    -keyout tls-key.pem -out tls.csr 2>/dev/null
  openssl x509 -req -in tls.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 30 \
    -extfile <(printf 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n') -out tls.pem 2>/dev/null
)
cp "$work/est-pki/ca.pem" "$home/ks-station/est-root.pem"
est_password="$(openssl rand -hex 12)"
printf '%s\n' "$est_password" >"$work/stdin"
"$estserver" --port 0 --ca-cert "$work/est-pki/ca.pem" --ca-key "$work/est-pki/ca-key.pem" \
  --tls-cert "$work/est-pki/tls.pem" --tls-key "$work/est-pki/tls-key.pem" \
  --basic "station-01:$est_password" >"$est_port_file" 2>"$work/est.log" &
est_pid=$!
for _ in $(seq 1 200); do
  grep -q '^LISTENING ' "$est_port_file" 2>/dev/null && break
  kill -0 "$est_pid" 2>/dev/null || fail "the EST test server exited: $(cat "$work/est.log")"
  sleep 0.05
done
est_port="$(awk '/^LISTENING /{print $2}' "$est_port_file")"
[ -n "$est_port" ] || fail "the EST test server did not say its port"
est_url="https://127.0.0.1:$est_port/.well-known/est"

# --- run the document ----------------------------------------------------------------------------------------
{
  echo "set -a"
  sed -e "s|^CA_PORT=.*|CA_PORT=$ca_port  # quickstart test: a free port|" \
    -e "s|^EST_URL=.*|EST_URL=$est_url  # quickstart test: tests/estserver|" "$work/blocks.sh"
} >"$work/quickstart.sh"
bin="$(dirname "$cli")"
[ -x "$bin/keystation-token-worker" ] || fail "no keystation-token-worker next to $cli"
echo "---- running $blocks blocks of $doc (HOME=$home, CA port $ca_port, EST $est_url)"
env -u SOFTHSM2_CONF -u KEYSTATION_PROFILE -u KEYSTATION_PKCS11_MODULE -u KEYSTATION_JOURNAL \
  -u KEYSTATION_TOKEN_WORKER -u XDG_DATA_HOME -u XDG_CONFIG_HOME -u XDG_CACHE_HOME -u XDG_RUNTIME_DIR \
  HOME="$home" PATH="$bin:$PATH" \
  setsid bash -e "$work/quickstart.sh" <"$work/stdin" &
script_pid=$!
status=0
wait "$script_pid" || status=$?
[ "$status" -eq 0 ] || fail "the quickstart's commands stopped with exit status $status (see above)"
pass "every marked block of docs/quickstart.md ran, every command exited 0"

# --- the outcome -------------------------------------------------------------------------------------------
export SOFTHSM2_CONF="$home/ks-softhsm/softhsm2.conf"
module=/usr/lib/softhsm/libsofthsm2.so
# Every certificate on the key with this label, one PEM file each: prints the files' names.
certs_of() {
  local label="$1" id n=0
  for id in $(pkcs11-tool --module "$module" --token-label "$label" --list-objects --type cert 2>/dev/null |
    awk '/^ *ID:/{print $2}'); do
    n=$((n + 1))
    pkcs11-tool --module "$module" --token-label "$label" --read-object --type cert --id "$id" \
      -o "$work/$label-$n.der" >/dev/null 2>&1
    openssl x509 -inform DER -in "$work/$label-$n.der" -out "$work/$label-$n.pem"
    echo "$work/$label-$n.pem"
  done
}
# The PEM file of the first certificate that verifies against ROOT (with INTERMEDIATE, may be empty) and names
# SERIAL as CN.
verified_cert() {
  local serial="$1" root="$2" intermediate="$3" pem
  shift 3
  for pem in "$@"; do
    if openssl verify -CAfile "$root" ${intermediate:+-untrusted "$intermediate"} -purpose sslclient "$pem" \
      >/dev/null 2>&1 &&
      openssl x509 -in "$pem" -noout -subject -nameopt multiline | grep -qx " *commonName *= $serial"; then
      echo "$pem"
      return 0
    fi
  done
  return 1
}
keys=0
declare -A serial_of
for label in KEY-1 KEY-2 KEY-3 KEY-4; do
  serial="$(pkcs11-tool --module "$module" -L 2>/dev/null |
    awk -v l="$label" '/token label/{found = ($NF == l)} found && /serial num/{print toupper($NF); exit}')"
  [ -n "$serial" ] || fail "no SoftHSM token $label"
  mapfile -t pems < <(certs_of "$label")
  [ "${#pems[@]}" -ge 1 ] || fail "$label ($serial) holds no certificate"
  verified_cert "$serial" "$home/ks-ca/root.pem" "$home/ks-ca/issuing.pem" "${pems[@]}" >/dev/null ||
    fail "$label ($serial): no certificate verifies against the cfssl root with CN $serial"
  verified_cert "$serial" "$work/est-pki/ca.pem" "" "${pems[@]}" >/dev/null ||
    fail "$label ($serial): no certificate verifies against the EST root with CN $serial"
  serial_of[$label]="$serial"
  keys=$((keys + 1))
done
[ "$keys" -eq 4 ] || fail "$keys keys checked"
pass "4 keys hold a certificate from the cfssl CA (openssl verify against step 1's root, CN = the key's serial)"
pass "4 keys hold a certificate from the EST CA (openssl verify against est-root.pem, CN = the key's serial)"

# KEY-4 (step 7): refused at login, refused again without a login, provisioned after the reset (and by step 8).
key4_log="$(cd "$home/ks-station" && HOME="$home" "$cli" log --serial "${serial_of[KEY-4]}" --as sam \
  --as-password-file sam.pw)" || fail "log --serial exited $?"
states="$(printf '%s\n' "$key4_log" | awk -v s="${serial_of[KEY-4]}" '$3 == s {
  if ($4 == "done") print "done"; else if ($4 == "failed") print $8 }' | sort -u | tr '\n' ' ')"
[ "$states" = "PinCountLow PinIncorrect done " ] ||
  fail "KEY-4's attempts are not PinIncorrect, PinCountLow and done: $key4_log"
pass "KEY-4's attempts in the log: PinIncorrect, PinCountLow (no login), done after the SO PIN reset"

stats="$(curl -sS --cacert "$work/est-pki/ca.pem" "https://127.0.0.1:$est_port/control/stats")"
[[ "$stats" == *'"issued":5'* ]] || fail "the EST server issued other than 5 certificates: $stats"
pass "the EST server issued exactly 5 certificates, step 8's test key and the 4 keys ($stats)"

verify_out="$(cd "$home/ks-station" && HOME="$home" "$cli" log verify --as sam --as-password-file sam.pw)" ||
  fail "log verify exited $?: $verify_out"
[[ "$verify_out" == "Journal intact:"* ]] || fail "log verify said: $verify_out"
pass "log verify exits 0: $verify_out"

cfssl_pid="$(cat "$home/ks-ca/cfssl.pid")"
kill -0 "$cfssl_pid" 2>/dev/null || fail "the document's cfssl server (pid $cfssl_pid) was not running"
kill "$cfssl_pid"
for _ in $(seq 1 100); do kill -0 "$cfssl_pid" 2>/dev/null || break; sleep 0.05; done
kill -0 "$cfssl_pid" 2>/dev/null && fail "cfssl (pid $cfssl_pid) did not stop"
rm "$home/ks-ca/cfssl.pid" # stopped: the clean-up must not signal that number again
pass "the cfssl server the document started is stopped"
echo "quickstart: all checks passed in $(($(date +%s) - t0)) s"

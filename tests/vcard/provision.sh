#!/usr/bin/env bash
# keystation-cli on the real stack: pcscd -> virtual readers -> emulated IsoApplet cards, driven by Debian's
# OpenSC (opensc-pkcs11.so) with a worker process per key, against cfssl over TLS on 127.0.0.1. Nothing above
# the cards' APDUs is simulated (docs/hardware.md). Needs root (scripts/virtual-cards).
#   tests/vcard/provision.sh KEYSTATION_CLI
# Checks, each printed as it passes:
#   tokens --json lists every card with its serial and reader (port); 4 cards provisioned in parallel, key
#   pairs generated on the cards, every certificate read back through OpenSC from the card it names and
#   verified (chain, subject, public key); a second run finds them provisioned; a wrong PIN counts each
#   card's own counter down once, a second run spends no try, a checked retry succeeds; cards pulled during
#   key generation, request signing and certificate writing fail alone and finish when plugged back; a
#   card plugged in during continuous mode joins the batch; a worker killed mid-keygen fails its card alone.
set -euo pipefail
cli="$(realpath "${1:?usage: provision.sh KEYSTATION_CLI}")"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
VC="$root/scripts/virtual-cards"
t0=$(date +%s)

work="$(mktemp -d /tmp/ks-vcard-provision.XXXXXX)"
export KS_VCARDS_DIR="$work/cards"
# Four free TCP ports in a row on 127.0.0.1 for the readers (a demo or another test may hold the default ones).
KS_VCARDS_PORT_BASE="${KS_VCARDS_PORT_BASE:-$(python3 - <<'PY'
import socket
for base in range(36200, 40000, 10):
    try:
        held = []
        for port in range(base, base + 4):
            s = socket.socket(); s.bind(("0.0.0.0", port)); held.append(s)
        print(base)
        break
    except OSError:
        pass
    finally:
        for s in held:
            s.close()
PY
)}"
export KS_VCARDS_PORT_BASE
KS_PIDS=()
cleanup() {
  local pid
  for pid in "${KS_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  "$VC" stop >/dev/null 2>&1 || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

pass() { echo "PASS: $*"; }
fail() {
  echo "FAIL: $*" >&2
  [ -f "$work/out.txt" ] && { echo "--- last keystation-cli output:" >&2; tail -40 "$work/out.txt" >&2; }
  exit 1
}
check() { echo "---- $*"; }

# A chip's pace, shortened: long enough to pull a card inside a step, short enough for CI.
check "4 virtual cards"
# Fresh blank cards: each scenario provisions new cards (a card holds only a few key pairs and certificates
# in its PKCS#15 files, as real ones do), so no scenario needs --force.
fresh_cards() {
  "$VC" stop >/dev/null 2>&1 || true
  exports="$("$VC" start 4 --latency keygen=1.5,sign=0.6,write=0.15)" || fail "virtual-cards start failed"
  eval "$exports"
  "$cli" tokens --json --module "$KS_VCARDS_MODULE" >"$work/tokens.json"
  python3 - "$work/tokens.json" >"$work/cards.txt" <<'PY'
import json, re, sys
tokens = json.load(open(sys.argv[1]))
assert len(tokens) == 4, f"expected 4 cards, got {len(tokens)}"
for t in tokens:
    assert re.fullmatch(r"[0-9A-F]{16}", t["serial"]), t
    assert t["port"].startswith("KS VCard "), t
    assert t["port"] == t["slotDescription"].strip(), t
assert len({t["serial"] for t in tokens}) == 4 and len({t["port"] for t in tokens}) == 4
for t in sorted(tokens, key=lambda t: t["port"]):
    print(t["serial"], t["slot"], t["port"])
PY
  mapfile -t serial < <(awk '{print $1}' "$work/cards.txt")
  mapfile -t slot < <(awk '{print $2}' "$work/cards.txt")
}
fresh_cards
M="$KS_VCARDS_MODULE"
# shellcheck source=../../scripts/lib/bench-station.sh
source "$root/scripts/lib/bench-station.sh"
ks_start_ca "$work"
ks_write_profile "$work/profile.json" rsa2048 8 "$KS_VCARDS_USER_PIN"
ks_write_profile "$work/wrong-pin.json" rsa2048 8 654321
journal="$work/journal.sqlite"
ks_add_accounts "$cli" "$journal" "$work"

provision() { # provision PROFILE [options...]: output in $work/out.txt, exit code in $rc
  local profile="$1"; shift
  set +e
  timeout 300 "$cli" provision --all --profile "$profile" --module "$M" --journal "$journal" \
    --as demo --as-password-file "$work/operator.pw" "$@" >"$work/out.txt" 2>&1
  rc=$?
  set -e
}
# Background run: pid in $bg, output in $work/out.txt.
provision_bg() {
  local profile="$1"; shift
  "$cli" provision --all --profile "$profile" --module "$M" --journal "$journal" \
    --as demo --as-password-file "$work/operator.pw" "$@" >"$work/out.txt" 2>&1 &
  bg=$!
}
wait_bg() { set +e; wait "$bg"; rc=$?; set -e; }
wait_for_line() { # PATTERN [seconds]
  local i
  for i in $(seq 1 $((${2:-60} * 20))); do
    grep -q -- "$1" "$work/out.txt" 2>/dev/null && return 0
    sleep 0.05
  done
  fail "no line matching '$1' within ${2:-60} s"
}
tries_on_card() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['pin_tries'])" "$KS_VCARDS_DIR/cards/$1.json"; }

check "keystation-cli tokens --json through OpenSC: every card with its serial and reader"
pass "4 cards: $(tr '\n' ';' <"$work/cards.txt")"

check "provision --all: 4 cards in parallel, each through its own worker"
provision "$work/profile.json"
[ "$rc" -eq 0 ] || fail "exit $rc"
grep -q "4 done (0 already provisioned), 0 failed" "$work/out.txt" || fail "not 4 done"
for k in 0 1 2 3; do
  grep -q "${serial[$k]}  Generating a key pair on the key" "$work/out.txt" || fail "card $k: no key generated on it"
done
pass "4 done, key pairs generated on the cards"

check "every certificate, read back through OpenSC from the card it names, verifies"
for k in 0 1 2 3; do
  s="${serial[$k]}"
  row="$(sqlite3 "$journal" "SELECT key_id || ' ' || cert_der FROM ks_attempts WHERE serial = '$s' AND state = 'done'")"
  [ -n "$row" ] || fail "card $k: no finished attempt in the journal"
  key_id="${row%% *}"
  python3 -c "import base64,sys; open(sys.argv[2],'wb').write(base64.b64decode(sys.argv[1]))" "${row#* }" "$work/journal-$k.der"
  pkcs11-tool --module "$M" --slot "${slot[$k]}" --read-object --type cert --id "$key_id" -o "$work/card-$k.der" >/dev/null 2>&1 \
    || fail "card $k: no certificate with CKA_ID $key_id on the card"
  cmp -s "$work/card-$k.der" "$work/journal-$k.der" || fail "card $k: certificate on the card differs from the journal's"
  openssl verify -CAfile "$KS_CA_PEM" <(openssl x509 -inform DER -in "$work/card-$k.der") >/dev/null \
    || fail "card $k: certificate does not chain to the CA"
  openssl x509 -inform DER -in "$work/card-$k.der" -noout -subject | grep -q "CN *= *$s" || fail "card $k: CN is not $s"
  pkcs11-tool --module "$M" --slot "${slot[$k]}" --read-object --type pubkey --id "$key_id" -o "$work/pub-$k.der" >/dev/null 2>&1
  cmp -s <(openssl pkey -pubin -inform DER -in "$work/pub-$k.der" -outform DER) \
    <(openssl x509 -inform DER -in "$work/card-$k.der" -noout -pubkey | openssl pkey -pubin -outform DER) \
    || fail "card $k: certificate's public key is not the card's key pair"
done
pass "4 certificates on their cards: chain, CN = serial, public key = the card's"

check "a second run finds them provisioned and enrols nothing"
provision "$work/profile.json"
[ "$rc" -eq 0 ] || fail "exit $rc"
grep -q "4 done (4 already provisioned)" "$work/out.txt" || fail "not 4 already provisioned"
pass "4 already provisioned"

check "a profile with the wrong PIN spends no try on provisioned cards (read before the login)"
provision "$work/wrong-pin.json"
[ "$rc" -eq 0 ] || fail "exit $rc"
grep -q "4 done (4 already provisioned)" "$work/out.txt" || fail "not 4 already provisioned"
for k in 0 1 2 3; do [ "$(tries_on_card "$k")" = 3 ] || fail "card $k: $(tries_on_card "$k") tries left, expected 3"; done
pass "4 already provisioned, every counter full"

check "a wrong PIN counts each card's own counter down once"
fresh_cards # blank cards: a login is needed
for k in 0 1 2 3; do [ "$(tries_on_card "$k")" = 3 ] || fail "card $k: counter not full before"; done
provision "$work/wrong-pin.json"
[ "$rc" -eq 1 ] || fail "exit $rc, expected 1"
[ "$(grep -c '\[PinIncorrect\]' "$work/out.txt")" = 4 ] || fail "not 4 PinIncorrect"
for k in 0 1 2 3; do [ "$(tries_on_card "$k")" = 2 ] || fail "card $k: $(tries_on_card "$k") tries left, expected 2"; done
provision "$work/wrong-pin.json"
[ "$(grep -c '\[PinCountLow\]' "$work/out.txt")" = 4 ] || fail "second wrong-PIN run: not left for a person"
for k in 0 1 2 3; do [ "$(tries_on_card "$k")" = 2 ] || fail "card $k: a second try was spent"; done
provision "$work/profile.json"
[ "$(grep -c '\[PinCountLow\]' "$work/out.txt")" = 4 ] || fail "the right profile must not retry without --retry-pin-refused"
provision "$work/profile.json" --retry-pin-refused
[ "$rc" -eq 0 ] || fail "checked retry: exit $rc"
grep -q "4 done (0 already provisioned)" "$work/out.txt" || fail "checked retry: not 4 done"
for k in 0 1 2 3; do [ "$(tries_on_card "$k")" = 3 ] || fail "card $k: counter not reset by the right PIN"; done
pass "one try spent per card, none on the second run, retried only when asked"

check "cards pulled at three steps of one batch: each fails alone, the fourth finishes"
# Card 0 during key generation, card 1 while the request is signed, card 2 while the certificate is written.
fresh_cards
titles=("Generating a key pair on the key" "Signing the request on the key" "Writing the certificate")
provision_bg "$work/profile.json"
pulled=" "
pull_pids=()
for i in $(seq 1 1200); do # 60 s
  for k in 0 1 2; do
    if [[ "$pulled" != *" $k "* ]] && grep -q "${serial[$k]}  ${titles[$k]}" "$work/out.txt"; then
      "$VC" pull "$k" >/dev/null 2>&1 & # at once: the next card's step may be short
      pull_pids+=($!)
      pulled+="$k "
    fi
  done
  [ "${#pull_pids[@]}" -eq 3 ] && break # in any order: card 2 may reach its write before card 1 signs
  sleep 0.05
done
wait_bg
wait "${pull_pids[@]}"
[ "${#pull_pids[@]}" -eq 3 ] || fail "not every card reached its step (pulled:$pulled)"
[ "$rc" -eq 1 ] || fail "pulled cards: exit $rc, expected 1"
for k in 0 1 2; do
  grep -q "${serial[$k]}  FAILED at ${titles[$k]} \[KeyRemoved\]" "$work/out.txt" \
    || fail "card $k pulled during '${titles[$k]}' did not fail there as removed"
done
grep -q "${serial[3]}  DONE in" "$work/out.txt" || fail "card 3 did not finish while the others were pulled"
for k in 0 1 2; do "$VC" plug "$k" >/dev/null 2>&1; done
provision "$work/profile.json"
[ "$rc" -eq 0 ] || fail "plugged back: exit $rc"
for k in 0 1 2; do
  grep -q "${serial[$k]}  DONE in" "$work/out.txt" || fail "card $k not finished once plugged back"
done
pass "pulled during key generation, signing and writing: each failed alone as KeyRemoved, card 3 done; all finished when plugged back"

check "a card plugged in during continuous mode joins the batch"
fresh_cards
"$VC" pull 3 >/dev/null 2>&1
provision_bg "$work/profile.json" --continuous
for k in 0 1 2; do wait_for_line "${serial[$k]}  DONE"; done
grep -q "${serial[3]}" "$work/out.txt" && fail "card 3 was seen before it was plugged in"
"$VC" plug 3 >/dev/null 2>&1
wait_for_line "${serial[3]}  DONE"
kill -INT "$bg"
wait_bg
[ "$rc" -eq 0 ] || fail "continuous: exit $rc"
pass "card 3 plugged in mid-batch was provisioned; Ctrl+C ended the batch with exit 0"

check "a worker killed mid-keygen fails its card alone"
fresh_cards
provision_bg "$work/profile.json"
for k in 0 1 2 3; do wait_for_line "${serial[$k]}  Generating a key pair on the key"; done
mapfile -t workers < <(pgrep -P "$bg" -f keystation-token-worker || true)
[ "${#workers[@]}" -ge 1 ] || fail "no worker processes under keystation-cli"
kill -KILL "${workers[0]}"
wait_bg
[ "$rc" -eq 1 ] || fail "worker killed: exit $rc, expected 1"
[ "$(grep -c '\[WorkerFailed\]' "$work/out.txt")" = 1 ] || fail "not exactly one card failed with WorkerFailed"
grep '\[WorkerFailed\]' "$work/out.txt" | grep -q SIGKILL || fail "the failure does not say SIGKILL"
[ "$(grep -c 'DONE in' "$work/out.txt")" = 3 ] || fail "the other 3 cards did not finish"
provision "$work/profile.json"
[ "$rc" -eq 0 ] || fail "after the killed worker: exit $rc"
pass "one card failed with WorkerFailed (SIGKILL), 3 done; the next run finished it"

"$cli" log verify --journal "$journal" --as admin --as-password-file "$work/admin.pw" >"$work/out.txt" 2>&1 \
  || fail "journal chain does not verify"
pass "journal chain verifies"
echo "ALL PASSED in $(( $(date +%s) - t0 )) s"

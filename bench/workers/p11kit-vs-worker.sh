#!/usr/bin/env bash
# The two ideas of docs/worker-process.md measured side by side on 4 virtual cards at chip latency (RSA-2048):
#   our worker per key (OpenSC in each worker)  |  p11-kit server with OpenSC, the station on p11-kit-client.so,
#   in one process (one connection)             |  and with a worker per key (one connection each).
# Needs root (virtual cards), a built tree (KS_BUILD_DIR, default build) and Debian's p11-kit + p11-kit-modules.
#   bench/workers/p11kit-vs-worker.sh
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${KS_BUILD_DIR:-$root/build}"
cli="$build/bin/keystation-cli"
export KS_VCARDS_DIR="${KS_VCARDS_DIR:-/tmp/ks-p11kit-bench-cards}" KS_VCARDS_PORT_BASE="${KS_VCARDS_PORT_BASE:-36600}"
w="$(mktemp -d /tmp/ks-p11kit-bench.XXXXXX)"
KS_PIDS=()
# shellcheck source=../../scripts/lib/bench-station.sh
source "$root/scripts/lib/bench-station.sh"
trap '"$root/scripts/virtual-cards" stop >/dev/null 2>&1; kill "${KS_PIDS[@]}" 2>/dev/null; rm -rf "$w"' EXIT
ks_start_ca "$w"
ks_write_profile "$w/profile.json" rsa2048 8

run() { # LABEL MODULE [keystation-cli options]
  local label="$1" module="$2" out="$w/run-$RANDOM.out" server=""
  shift 2
  "$root/scripts/virtual-cards" stop >/dev/null 2>&1
  local exports
  exports="$("$root/scripts/virtual-cards" start 4 2>"$w/cards.log")" || { cat "$w/cards.log" >&2; exit 1; }
  eval "$exports"
  rm -f "$w/journal.sqlite"
  ks_add_accounts "$cli" "$w/journal.sqlite" "$w"
  if [ "$module" = p11-kit ]; then
    eval "$(p11-kit server --provider "$KS_VCARDS_MODULE" -s -n "$w/p11.sock" 'pkcs11:' 2>/dev/null)"
    server="$P11_KIT_SERVER_PID"
    module=/usr/lib/x86_64-linux-gnu/pkcs11/p11-kit-client.so
  fi
  local t0 t1 rc
  t0=$(date +%s.%N)
  timeout 300 "$cli" provision --all --profile "$w/profile.json" --module "$module" --journal "$w/journal.sqlite" \
    --as demo --as-password-file "$w/operator.pw" "$@" >"$out" 2>&1
  rc=$?
  t1=$(date +%s.%N)
  printf '%-36s %6.2f s  exit %d  %s\n' "$label" "$(echo "$t1 - $t0" | bc)" "$rc" \
    "$(sed -n 's/^Batch [^:]*: \([0-9]* done.*failed\).*/\1/p' "$out")"
  [ -n "$server" ] && kill "$server" 2>/dev/null
  unset P11_KIT_SERVER_ADDRESS P11_KIT_SERVER_PID
}
run "OpenSC, a worker per key" /usr/lib/x86_64-linux-gnu/opensc-pkcs11.so
run "p11-kit server, station in-process" p11-kit --in-process
run "p11-kit server, a worker per key" p11-kit

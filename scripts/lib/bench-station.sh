# Sourced by scripts/demo, scripts/bench-workers and tests/vcard: a local CA (cfssl serve over TLS on
# 127.0.0.1, "station" (RSA) and "station-ec" profiles issuing 1-year client certificates), a provisioning
# profile pointing at it, and the accounts of a station journal. Bash; the caller sets `set -euo pipefail` and cleans up $KS_PIDS.
#
#   ks_start_ca DIR                      -> KS_CA_PORT, KS_CA_PEM; cfssl's pid appended to KS_PIDS
#   ks_write_profile FILE ALGORITHM PARALLEL [PIN]  (transport PIN, default 123456; uses KS_CA_*)
#   ks_add_accounts CLI JOURNAL DIR      -> admin/admin-demo-password, demo/operator-demo-password;
#                                           DIR/admin.pw and DIR/operator.pw
KS_PIDS=("${KS_PIDS[@]}")

ks_start_ca() {
  local dir="$1/pki"
  mkdir -p "$dir"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 3650 -subj "/CN=KeyStation Demo CA" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -keyout "$dir/ca-key.pem" -out "$dir/ca.pem" 2>/dev/null
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=127.0.0.1" \
    -keyout "$dir/tls-key.pem" -out "$dir/tls.csr" 2>/dev/null
  openssl x509 -req -in "$dir/tls.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca-key.pem" -CAcreateserial -days 30 \
    -extfile <(printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n') \
    -out "$dir/tls.pem" 2>/dev/null
  cat >"$dir/config.json" <<'JSON'
{"signing": {
  "default": {"expiry": "24h", "usages": ["digital signature"]},
  "profiles": {"station": {"expiry": "8760h",
                           "usages": ["digital signature", "key encipherment", "client auth"]},
               "station-ec": {"expiry": "8760h", "usages": ["digital signature", "client auth"]}}}}
JSON
  KS_CA_PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  KS_CA_PEM="$dir/ca.pem"
  cfssl serve -address 127.0.0.1 -port "$KS_CA_PORT" -ca "$dir/ca.pem" -ca-key "$dir/ca-key.pem" \
    -config "$dir/config.json" -tls-cert "$dir/tls.pem" -tls-key "$dir/tls-key.pem" >"$1/cfssl.log" 2>&1 &
  KS_PIDS+=($!)
  local _
  for _ in $(seq 1 100); do
    if curl -sf --cacert "$KS_CA_PEM" -d '{}' "https://127.0.0.1:$KS_CA_PORT/api/v1/cfssl/info" >/dev/null; then
      return 0
    fi
    sleep 0.1
  done
  echo "cfssl did not start:" >&2
  cat "$1/cfssl.log" >&2
  return 1
}

ks_write_profile() {
  local file="$1" algorithm="$2" parallel="$3" pin="${4:-123456}"
  local pinfile="${file%.json}.pin"
  local usages='"digitalSignature", "keyEncipherment"' caprofile=station
  # keyEncipherment needs an RSA key; the station refuses usages it did not ask for, so EC keys get a cfssl
  # profile without it
  case "$algorithm" in ec-*) usages='"digitalSignature"' caprofile=station-ec ;; esac
  printf '%s\n' "$pin" >"$pinfile"
  chmod 600 "$pinfile"
  cat >"$file" <<JSON
{
  "name": "demo",
  "keyAlgorithm": "$algorithm",
  "pin": {"source": "transport", "file": "$pinfile"},
  "subject": {"commonName": "\${serial}", "organization": "KeyStation Demo"},
  "keyUsage": [$usages],
  "extendedKeyUsage": ["clientAuth"],
  "ca": {"protocol": "cfssl", "url": "https://127.0.0.1:$KS_CA_PORT", "profile": "$caprofile",
         "trustAnchorFile": "$KS_CA_PEM"},
  "minValidityDays": 30,
  "maxParallelKeys": $parallel
}
JSON
}

ks_add_accounts() {
  local cli="$1" journal="$2" dir="$3"
  printf 'admin-demo-password\n' >"$dir/admin.pw"
  printf 'operator-demo-password\n' >"$dir/operator.pw"
  chmod 600 "$dir/admin.pw" "$dir/operator.pw"
  "$cli" operator add admin --role administrator --password-file "$dir/admin.pw" --journal "$journal" >/dev/null
  "$cli" operator add demo --role operator --as admin --as-password-file "$dir/admin.pw" \
    --password-file "$dir/operator.pw" --journal "$journal" >/dev/null
}

#!/usr/bin/env bash
# Smoke test of the virtual-card stack (docs/hardware.md): 2 emulated IsoApplet cards, latency 0, driven only
# through OpenSC (pkcs11-tool / pkcs15-tool / opensc-tool on Debian's opensc-pkcs11.so). Exits non-zero on the
# first failed check. Needs root (scripts/virtual-cards runs pcscd in a private mount namespace).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
VC="$root/scripts/virtual-cards"
PROBE="/usr/bin/python3 $here/p11probe.py"
t0=$(date +%s)

work="$(mktemp -d /tmp/ks-vcard-smoke.XXXXXX)"
export KS_VCARDS_DIR="$work/state"
export KS_VCARDS_PORT_BASE="${KS_VCARDS_PORT_BASE:-36400}"
cleanup() {
  "$VC" stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

pass() { echo "PASS: $*"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
check() { echo "---- $*"; }

check "start 2 cards, latency 0"
eval "$("$VC" start 2 --latency 0)"
[ "${KS_VCARDS_COUNT:-}" = 2 ] || fail "start did not print the exports"
M="$KS_VCARDS_MODULE"
PIN="$KS_VCARDS_USER_PIN"
R0="KS VCard 00 00 00"
R1="KS VCard 00 00 01"
p11() { timeout 120 pkcs11-tool --module "$M" "$@"; }
cd "$work"

check "both tokens listed, distinct serials"
p11 -L >list.txt
cat list.txt
[ "$(grep -c '^  token label' list.txt)" -eq 2 ] || fail "expected 2 tokens"
mapfile -t serials < <(awk -F': ' '/serial num/{print $2}' list.txt)
[ "${#serials[@]}" -eq 2 ] && [ "${serials[0]}" != "${serials[1]}" ] || fail "serials not distinct: ${serials[*]}"
pass "serials ${serials[0]} ${serials[1]}"

check "RSA-2048 key pair generated on card 0"
p11 --slot-description "$R0" --login --pin "$PIN" --keypairgen --key-type rsa:2048 --label rsa1 >gen0.txt
cat gen0.txt
rsa_id="$(awk '/^Private Key Object/{f=1} f && /ID:/{print $2; exit}' gen0.txt)"
[ -n "$rsa_id" ] || fail "no key ID"
pass "RSA key ID $rsa_id"

check "EC P-256 key pair generated on card 1"
p11 --slot-description "$R1" --login --pin "$PIN" --keypairgen --key-type EC:prime256v1 --label ec1 --id 0a0b >gen1.txt
cat gen1.txt
grep -q 'ID:         0a0b' gen1.txt || fail "EC key ID is not the one passed in the template"
pass "EC key generated with CKA_ID 0a0b"

check "RSA signature (SHA256-RSA-PKCS) verifies with openssl against the exported public key"
head -c 1000 /dev/urandom >data.bin
p11 --slot-description "$R0" --login --pin "$PIN" --sign -m SHA256-RSA-PKCS --id "$rsa_id" -i data.bin -o rsa.sig
p11 --slot-description "$R0" --read-object --type pubkey --id "$rsa_id" -o rsa.pub.der
openssl pkey -pubin -inform DER -in rsa.pub.der -out rsa.pub.pem
openssl dgst -sha256 -verify rsa.pub.pem -signature rsa.sig data.bin || fail "RSA signature does not verify"
pass "RSA signature verified"

check "ECDSA signature (ECDSA-SHA1: hashed on the card, IsoApplet 00.06) verifies with openssl"
p11 --slot-description "$R1" --login --pin "$PIN" --sign -m ECDSA-SHA1 --signature-format openssl --id 0a0b \
  -i data.bin -o ec.sig
p11 --slot-description "$R1" --read-object --type pubkey --id 0a0b -o ec.pub.der
openssl pkey -pubin -inform DER -in ec.pub.der -out ec.pub.pem
openssl dgst -sha1 -verify ec.pub.pem -signature ec.sig data.bin || fail "ECDSA signature does not verify"
pass "ECDSA signature verified"

check "private key cannot be read off the card (C_GetAttributeValue of its secret parts is refused)"
$PROBE privkeys "$R0" "$PIN" | tee priv.txt
grep -q "id=$rsa_id .*read-private-exponent=CKR_ATTRIBUTE_SENSITIVE" priv.txt || fail "private exponent not refused"
pass "CKA_PRIVATE_EXPONENT refused"

check "certificate written to card 0 and read back identical"
openssl req -x509 -newkey rsa:2048 -nodes -keyout /dev/null -subj /CN=ks-vcard-smoke -days 2 -outform DER \
  -out cert.der 2>/dev/null
p11 --slot-description "$R0" --login --pin "$PIN" --write-object cert.der --type cert --id "$rsa_id" --label cert1 >/dev/null
p11 --slot-description "$R0" --read-object --type cert --id "$rsa_id" -o back.der
cmp cert.der back.der || fail "certificate differs"
pass "certificate round trip"

check "wrong PINs count down (card 1): in one PKCS#11 process, then on the card itself"
$PROBE login "$R1" 999999 999999 "$PIN" | tee probe1.txt
sed -n 2p probe1.txt | grep -q 'CKR_PIN_INCORRECT' || fail "1st wrong PIN not refused"
sed -n 2p probe1.txt | grep -q 'FINAL_TRY\|LOCKED' && fail "flags after 1 wrong PIN"
sed -n 3p probe1.txt | grep -q 'CKR_PIN_INCORRECT.*USER_PIN_FINAL_TRY' || fail "no FINAL_TRY after 2 wrong PINs"
sed -n 4p probe1.txt | grep -q 'CKR_OK' || fail "right PIN refused before the lock"
pass "1 wrong: no flag; 2 wrong: CKF_USER_PIN_FINAL_TRY; right PIN still accepted (counter reset)"
# The card's own counter: VERIFY with no data answers 63Cx (x = tries left); OpenSC's isoApplet driver never
# asks (no SC_CARD_CAP_ISO7816_PIN_INFO), so ask with a raw APDU through OpenSC.
tries() {
  timeout 30 opensc-tool -r "$R1" -s 00A404000CF276A288BCFBA69D34F31001 -s 0020000100 2>&1 \
    | awk '/SW1=0x63/{print substr($0, index($0,"SW2=0xC")+7, 1)}' | tail -1
}
$PROBE login "$R1" 999999 >/dev/null
[ "$(tries)" = 2 ] || fail "card does not report 2 tries left after 1 wrong PIN (got '$(tries)')"
pass "card reports 63C2 after one wrong PIN"
$PROBE login "$R1" 999999 999999 "$PIN" | tee probe2.txt
sed -n 3p probe2.txt | grep -q 'USER_PIN_LOCKED' || fail "not LOCKED after 3 wrong PINs"
sed -n 4p probe2.txt | grep -q 'CKR_OK' && fail "right PIN accepted after lock"
[ "$(tries)" = 0 ] || fail "card does not report 0 tries left"
pass "3 wrong PINs lock the PIN; the right PIN is then refused; card reports 63C0"
timeout 60 pkcs15-tool -r "$R1" --unblock-pin --auth-id ff --puk 1234567812345678 --new-pin "$PIN" >/dev/null
$PROBE login "$R1" "$PIN" | grep -q 'CKR_OK' || fail "PIN not usable after unblock with the PUK"
pass "PUK unblocks the PIN"

check "pull card 0: token gone; plug: back with its key and certificate"
"$VC" pull 0
p11 -L >pulled.txt || true
[ "$(grep -c '^  token label' pulled.txt)" -eq 1 ] || { cat pulled.txt; fail "token still listed after pull"; }
grep -A1 "$R0" pulled.txt | grep -q 'token not recognized\|no token\|not present' || grep -q "$R0" pulled.txt
pass "1 token left after pull"
"$VC" plug 0
p11 -L >plugged.txt
[ "$(grep -c '^  token label' plugged.txt)" -eq 2 ] || { cat plugged.txt; fail "token not back after plug"; }
grep -q "serial num         : ${serials[0]}" plugged.txt || fail "serial changed after plug"
p11 --slot-description "$R0" --login --pin "$PIN" -O >objs.txt
grep -q "ID:         $rsa_id" objs.txt && grep -q 'Certificate Object' objs.txt || { cat objs.txt; fail "objects lost"; }
p11 --slot-description "$R0" --login --pin "$PIN" --sign -m SHA256-RSA-PKCS --id "$rsa_id" -i data.bin -o rsa2.sig
openssl dgst -sha256 -verify rsa.pub.pem -signature rsa2.sig data.bin >/dev/null || fail "key does not sign after plug"
pass "card back with serial ${serials[0]}, key $rsa_id signs, certificate present"

echo "ALL PASSED in $(( $(date +%s) - t0 )) s"

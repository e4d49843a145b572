#!/usr/bin/python3
"""Emulated Java Card running the IsoApplet (API 00.06), attached to a vsmartcard vpcd reader.

This is a card, not a PKCS#11 shortcut: it speaks only ISO 7816 APDUs over the vpcd socket
(2-byte big-endian length + payload; a 1-byte payload is a reader control: 0 power off,
1 power on, 2 reset, 4 ATR request). OpenSC's own isoApplet driver (card-isoApplet.c) and
pkcs15-init driver (pkcs15-isoApplet.c) drive it, exactly as they drive a real IsoApplet card.

Behaviour follows the public IsoApplet sources (IsoApplet.java, IsoFileSystem.java, File.java):
  SELECT applet AID F276A288BCFBA69D34F31001 -> 00 06 <features>; CREATE/DELETE FILE, SELECT,
  READ/UPDATE BINARY with the FCP kept as sent; VERIFY / CHANGE REFERENCE DATA / RESET RETRY
  COUNTER with a 3-try PIN and a 5-try 16-byte PUK; MANAGE SECURITY ENVIRONMENT, GENERATE
  ASYMMETRIC KEY PAIR (RSA-2048 / EC over prime fields, public key in 7F49, GET RESPONSE
  chaining), PERFORM SECURITY OPERATION (RSA PKCS#1 v1.5 sign and decipher, ECDSA with on-card
  SHA-1 as IsoApplet 00.06's Signature.ALG_ECDSA_SHA does), GET CHALLENGE; PUT DATA (key import)
  refused with 6900 as in the default applet build.
  Outside the applet, the "card manager" answers GET DATA CPLC (80 CA 9F 7F) with the chip's
  unique serial, as GlobalPlatform cards do.

State (PIN/PUK and counters, lifecycle, files, private keys) is the card's EEPROM: it is written
to --state after every APDU that changes it, so a stopped ("pulled") card comes back ("plugged")
as it was. Transient state (PIN validated, selected file, security environment) is lost on
power off/reset, as on a card.
"""

import argparse
import hashlib
import json
import os
import random
import secrets
import signal
import socket
import struct
import sys
import time

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.asymmetric.utils import Prehashed

ISOAPPLET_AID = bytes.fromhex("F276A288BCFBA69D34F31001")
ISD_AIDS = (bytes.fromhex("A000000003000000"), bytes.fromhex("A000000151000000"), b"")
API_VERSION = (0x00, 0x06)
FEATURE_SECURE_RANDOM = 0x02
FEATURE_ECC = 0x04
# JCOP 2.4.1-style ATR (T=1). OpenSC's isoApplet driver matches by SELECTing the applet, not by ATR.
ATR = bytes.fromhex("3BF81300008131FE454A434F5076323431B7")

PIN_MAX_TRIES = 3
PIN_MIN, PIN_MAX = 4, 16
PUK_MAX_TRIES = 5
PUK_LENGTH = 16
KEY_MAX_COUNT = 16

ALG_GEN_RSA_2048 = 0xF3
ALG_RSA_PAD_PKCS1 = 0x11
ALG_GEN_EC = 0xEC
ALG_ECDSA_SHA1 = 0x21

STATE_CREATION = 0x00
STATE_INITIALISATION = 0x01
STATE_OPERATIONAL_ACTIVATED = 0x05

# ACL byte positions inside the 8-byte security attribute (tag 86), File.getACLRequirements().
ACL_DELETE_SELF = 1
ACL_WRITE = ACL_CREATE_DF = 5
ACL_UPDATE = ACL_CREATE_EF = 6
ACL_READ = ACL_DELETE_CHILD = 7

SW_OK = 0x9000


class ISOError(Exception):
    def __init__(self, sw):
        super().__init__("SW %04X" % sw)
        self.sw = sw


# ---------------------------------------------------------------- TLV helpers
def tlv_len(n):
    if n < 0x80:
        return bytes([n])
    if n < 0x100:
        return bytes([0x81, n])
    return bytes([0x82, n >> 8, n & 0xFF])


def tlv(tag, value):
    t = tag.to_bytes(2, "big") if tag > 0xFF else bytes([tag])
    return t + tlv_len(len(value)) + value


def parse_tlv(data):
    """Flat parse of simple (1- or 2-byte tag) BER-TLV. Raises ISOError(6A80) if inconsistent."""
    out = []
    i = 0
    while i < len(data):
        tag = data[i]
        i += 1
        if tag & 0x1F == 0x1F:
            if i >= len(data):
                raise ISOError(0x6A80)
            tag = (tag << 8) | data[i]
            i += 1
        if i >= len(data):
            raise ISOError(0x6A80)
        ln = data[i]
        i += 1
        if ln == 0x81:
            ln = data[i]
            i += 1
        elif ln == 0x82:
            ln = (data[i] << 8) | data[i + 1]
            i += 2
        elif ln > 0x82:
            raise ISOError(0x6A80)
        if i + ln > len(data):
            raise ISOError(0x6A80)
        out.append((tag, data[i:i + ln]))
        i += ln
    return out


def find_tag(data, tag):
    for t, v in parse_tlv(data):
        if t == tag:
            return v
    return None


# ---------------------------------------------------------------- EC curves
def _curves():
    out = {}
    for cls in (ec.SECP192R1, ec.SECP224R1, ec.SECP256R1, ec.SECP384R1, ec.SECP256K1,
                ec.BrainpoolP256R1, ec.BrainpoolP384R1):
        try:
            out[cls.name] = cls()
        except Exception:  # pragma: no cover
            pass
    return out


# Prime p of each supported curve (big-endian hex), to recognise the explicit parameters
# OpenSC sends (pkcs15-isoApplet.c sends p, a, b, G, n, h for the named curve).
CURVE_BY_PRIME = {
    "fffffffffffffffffffffffffffffffeffffffffffffffff": ec.SECP192R1,
    "ffffffffffffffffffffffffffffffff000000000000000000000001": ec.SECP224R1,
    "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff": ec.SECP256R1,
    "fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffff": ec.SECP384R1,
    "fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f": ec.SECP256K1,
    "a9fb57dba1eea9bc3e660a909d838d726e3bf623d52620282013481d1f6e5377": ec.BrainpoolP256R1,
    "8cb91e82a3386d280f5d6f7e50e641df152f7109ed5456b412b1da197fb71123acd3a729901d1a71874700133107ec53": ec.BrainpoolP384R1,
}


# ---------------------------------------------------------------- file system
class FileNode:
    def __init__(self, fid, fci, is_df, size=0, data=None, children=None, parent=None):
        self.fid = fid
        self.fci = bytes(fci)
        self.is_df = is_df
        self.data = bytearray(data if data is not None else (b"" if is_df else bytes(size)))
        self.children = children if children is not None else []
        self.parent = parent

    def acl(self, idx):
        """The security condition byte for an operation (IsoApplet File.getACLRequirements)."""
        try:
            sa = find_tag(self.fci[2:] if self.fci[1] < 0x80 else self.fci[3:], 0x86)
        except ISOError:
            sa = None
        if sa is None or len(sa) != 8:
            return 0x00
        return sa[idx]

    def name(self):
        try:
            return find_tag(self.fci[2:] if self.fci[1] < 0x80 else self.fci[3:], 0x84)
        except ISOError:
            return None

    def to_json(self):
        return {"fid": self.fid, "fci": self.fci.hex(), "df": self.is_df, "data": bytes(self.data).hex(),
                "children": [c.to_json() for c in self.children]}

    @staticmethod
    def from_json(j, parent=None):
        n = FileNode(j["fid"], bytes.fromhex(j["fci"]), j["df"], data=bytes.fromhex(j["data"]), parent=parent)
        n.children = [FileNode.from_json(c, n) for c in j["children"]]
        return n

    def find(self, fid, want=None):
        """Depth-first search (IsoApplet DedicatedFile.findChildrenRec), want in (None,'DF','EF')."""
        for c in self.children:
            if c.fid == fid and (want is None or (want == "DF") == c.is_df):
                return c
        for c in self.children:
            if c.is_df:
                r = c.find(fid, want)
                if r is not None:
                    return r
        return None

    def find_by_name(self, name):
        for c in self.children:
            if c.is_df:
                if c.name() == name:
                    return c
                r = c.find_by_name(name)
                if r is not None:
                    return r
        return None


MF_FCI = bytes.fromhex("6F07820138" + "83023F00")


# ---------------------------------------------------------------- the card
class Card:
    def __init__(self, state_path, serial, latency, log):
        self.state_path = state_path
        self.latency = latency
        self.log = log
        self.dirty = False
        if state_path and os.path.exists(state_path):
            self.load()
        else:
            self.serial = bytes.fromhex(serial) if serial else secrets.token_bytes(8)
            self.lifecycle = STATE_CREATION
            self.pin = None
            self.pin_tries = PIN_MAX_TRIES
            self.puk = None
            self.puk_tries = PUK_MAX_TRIES
            self.mf = FileNode(0x3F00, MF_FCI, True)
            self.keys = {}
            self.dirty = True
            self.save()
        self.power_reset()

    # --- persistence ("EEPROM")
    def load(self):
        with open(self.state_path) as f:
            j = json.load(f)
        self.serial = bytes.fromhex(j["serial"])
        self.lifecycle = j["lifecycle"]
        self.pin = bytes.fromhex(j["pin"]) if j["pin"] is not None else None
        self.pin_tries = j["pin_tries"]
        self.puk = bytes.fromhex(j["puk"]) if j["puk"] is not None else None
        self.puk_tries = j["puk_tries"]
        self.mf = FileNode.from_json(j["mf"])
        self.keys = {}
        for ref, pem in j["keys"].items():
            self.keys[int(ref)] = serialization.load_pem_private_key(pem.encode(), password=None)

    def save(self):
        if not self.dirty or not self.state_path:
            return
        keys = {}
        for ref, k in self.keys.items():
            keys[str(ref)] = k.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                             serialization.NoEncryption()).decode()
        j = {"serial": self.serial.hex(), "lifecycle": self.lifecycle,
             "pin": self.pin.hex() if self.pin is not None else None, "pin_tries": self.pin_tries,
             "puk": self.puk.hex() if self.puk is not None else None, "puk_tries": self.puk_tries,
             "mf": self.mf.to_json(), "keys": keys}
        tmp = self.state_path + ".tmp"
        with open(tmp, "w") as f:
            json.dump(j, f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, self.state_path)
        self.dirty = False

    # --- transient state
    def power_reset(self):
        self.selected = None          # None = card manager (ISD), "isoapplet" = IsoApplet
        self.pin_validated = False
        self.puk_validated = False
        self.fs_auth = False
        self.cur_df = self.mf
        self.cur_ef = None
        self.alg_ref = 0
        self.key_ref = -1
        self.out_buf = b""            # pending GET RESPONSE data
        self.chain_ins = None
        self.chain_buf = b""

    def applet_select(self):
        # JCRE: deselect() resets the PIN, select() sets the fs authentication by lifecycle state.
        self.pin_validated = False
        self.puk_validated = False
        self.fs_auth = self.lifecycle in (STATE_CREATION, STATE_INITIALISATION)
        self.cur_df = self.mf
        self.cur_ef = None
        self.alg_ref = 0
        self.key_ref = -1
        self.out_buf = b""
        self.chain_ins = None
        self.chain_buf = b""
        self.selected = "isoapplet"

    def sleep(self, kind):
        d = self.latency.get(kind, 0.0)
        if d > 0:
            time.sleep(d)

    # --- OwnerPIN semantics
    def _owner_check(self, name, value, max_tries):
        """OwnerPIN.check: the counter goes down before the compare and is refilled on a match."""
        tries, secret = getattr(self, name + "_tries"), getattr(self, name)
        if tries == 0:
            return False
        setattr(self, name + "_tries", tries - 1)
        self.dirty = True
        if secret is not None and secrets.compare_digest(value, secret):
            setattr(self, name + "_tries", max_tries)
            return True
        return False

    def pin_check(self, value):
        return self._owner_check("pin", value, PIN_MAX_TRIES)

    def puk_check(self, value):
        return self._owner_check("puk", value, PUK_MAX_TRIES)

    # --- APDU entry point
    def process(self, apdu):
        try:
            data, sw = self.dispatch(apdu)
        except ISOError as e:
            data, sw = b"", e.sw
        except Exception as e:  # a bug in the emulator must not kill the card
            self.log("internal error: %r" % (e,))
            data, sw = b"", 0x6F00
        self.save()
        return bytes(data) + struct.pack(">H", sw)

    def dispatch(self, apdu):
        if len(apdu) < 4:
            raise ISOError(0x6700)
        cla, ins, p1, p2 = apdu[0], apdu[1], apdu[2], apdu[3]
        body = apdu[4:]
        lc, data, le = 0, b"", None
        if len(body) == 1:
            le = body[0] or 256
        elif len(body) > 1:
            if body[0] == 0 and len(body) >= 3:   # extended length: not supported by the applet build
                raise ISOError(0x6700)
            lc = body[0]
            data = body[1:1 + lc]
            if len(data) != lc:
                raise ISOError(0x6700)
            rest = body[1 + lc:]
            if len(rest) == 1:
                le = rest[0] or 256
            elif len(rest) > 1:
                raise ISOError(0x6700)

        # JCRE: SELECT by DF name is handled first (applet selection).
        if (cla & 0xFC) == 0x00 and ins == 0xA4 and p1 == 0x04:
            if data == ISOAPPLET_AID:
                self.applet_select()
                return bytes([API_VERSION[0], API_VERSION[1], FEATURE_ECC | FEATURE_SECURE_RANDOM]), SW_OK
            if data in ISD_AIDS:
                self.selected = None
                self.pin_validated = False
                return b"", SW_OK
        if self.selected is None:
            return self.card_manager(cla, ins, p1, p2, data, le)

        # ---- IsoApplet.process()
        if cla & 0x0C:
            raise ISOError(0x6882)       # secure messaging not supported
        chaining = bool(cla & 0x10)
        if self.chain_ins is not None or chaining:
            if ins not in (0x2A, 0x46, 0xDB):
                raise ISOError(0x6884)
            if self.chain_ins is None:
                self.chain_ins = (ins, p1, p2)
            elif self.chain_ins != (ins, p1, p2):
                raise ISOError(0x6900)
            self.chain_buf += data
            if chaining:
                return b"", SW_OK
            data = self.chain_buf
            self.chain_ins = None
            self.chain_buf = b""
        if self.out_buf and ins != 0xC0:
            raise ISOError(0x6900)
        if cla & 0x80:
            raise ISOError(0x6E00)

        handler = {
            0xA4: self.select_file, 0xB0: self.read_binary, 0x20: self.verify,
            0x22: self.mse, 0x2A: self.pso, 0xE0: self.create_file, 0xD6: self.update_binary,
            0x24: self.change_reference_data, 0xE4: self.delete_file, 0x46: self.generate_keypair,
            0x2C: self.reset_retry_counter, 0xC0: self.get_response, 0xDB: self.put_data,
            0x84: self.get_challenge,
        }.get(ins)
        if handler is None:
            raise ISOError(0x6D00)
        return handler(p1, p2, data, le)

    # ---- outside the applet: a GlobalPlatform card manager that only knows CPLC
    def card_manager(self, cla, ins, p1, p2, data, le):
        if cla == 0x80 and ins == 0xCA and p1 == 0x9F and p2 == 0x7F:
            s = self.serial
            cplc = (bytes.fromhex("4790") + bytes.fromhex("5040") + bytes.fromhex("4791") + bytes.fromhex("0000")
                    + bytes.fromhex("0000") + s[0:2] + s[2:6] + s[6:8] + bytes(24))
            return tlv(0x9F7F, cplc), SW_OK
        if ins == 0xA4:
            raise ISOError(0x6A82)
        raise ISOError(0x6D00 if cla == 0x00 else 0x6E00)

    def large_response(self, payload):
        """IsoApplet.sendLargeData(): 256 bytes now, the rest by GET RESPONSE (61xx)."""
        first, rest = payload[:256], payload[256:]
        if rest:
            self.out_buf = rest
            return first, 0x6100 | (len(rest) if len(rest) < 256 else 0)
        return first, SW_OK

    def get_response(self, p1, p2, data, le):
        if not self.pin_validated:
            raise ISOError(0x6982)
        if not self.out_buf:
            raise ISOError(0x6985)
        expected = min(256, len(self.out_buf))
        if le != expected:
            raise ISOError(0x6C00 | (expected & 0xFF))
        payload, self.out_buf = self.out_buf, b""
        return self.large_response(payload)

    # ---- file system (IsoFileSystem.java)
    def auth(self, node, idx):
        if node is None:
            return
        acl = node.acl(idx)
        if acl == 0x00:
            return
        if acl == 0x90 or (acl & 0x9F) == 0x10:
            if self.fs_auth:
                return
        raise ISOError(0x6982)

    def set_selected(self, node):
        if node is None:
            self.cur_df, self.cur_ef = self.mf, None
        elif node.is_df:
            self.cur_df = node
        else:
            self.cur_ef = node
            self.cur_df = node.parent

    def select_file(self, p1, p2, data, le):
        if p2 & 0xF3:
            raise ISOError(0x6A86)
        node = None
        if p1 == 0x00:
            if len(data) == 0:
                node = self.mf
            elif len(data) == 2:
                fid = int.from_bytes(data, "big")
                node = self.mf if fid == 0x3F00 else self.mf.find(fid)
            if node is None:
                raise ISOError(0x6A82)
        elif p1 in (0x01, 0x02):
            if len(data) != 2:
                raise ISOError(0x6700)
            node = self.cur_df.find(int.from_bytes(data, "big"), "DF" if p1 == 0x01 else "EF")
            if node is None:
                raise ISOError(0x6A82)
        elif p1 == 0x03:
            if data or self.cur_df is self.mf:
                raise ISOError(0x6A82)
            node = self.cur_df.parent
        elif p1 == 0x04:
            node = self.mf if self.mf.name() == data else self.mf.find_by_name(data)
            if node is None:
                raise ISOError(0x6A82)
        elif p1 in (0x08, 0x09):
            if len(data) == 0 or len(data) % 2:
                raise ISOError(0x6A82)
            node = self.mf if p1 == 0x08 else self.cur_df
            for i in range(0, len(data), 2):
                fid = int.from_bytes(data[i:i + 2], "big")
                nxt = None
                for c in node.children if node.is_df else []:
                    if c.fid == fid:
                        nxt = c
                        break
                if nxt is None:
                    raise ISOError(0x6A82)
                node = nxt
        else:
            raise ISOError(0x6A86)
        self.set_selected(node)
        if (p2 & 0xFC) in (0x00, 0x04):
            return node.fci, SW_OK
        if (p2 & 0xFC) == 0x08:
            raise ISOError(0x6A86)
        return b"", SW_OK

    def read_binary(self, p1, p2, data, le):
        if p1 & 0x80:
            if (p1 & 0xE0) != 0x80:
                raise ISOError(0x6A86)
            raise ISOError(0x6A82)     # no SFIs are ever assigned by OpenSC's isoApplet profile
        offset = ((p1 & 0x7F) << 8) | p2
        ef = self.cur_ef
        if ef is None:
            raise ISOError(0x6986)
        self.auth(ef, ACL_READ)
        if offset >= len(ef.data):
            raise ISOError(0x6B00)
        n = min(le or 256, len(ef.data) - offset)
        return bytes(ef.data[offset:offset + n]), SW_OK

    def update_binary(self, p1, p2, data, le):
        if p1 & 0x80:
            raise ISOError(0x6A82)
        offset = ((p1 & 0x7F) << 8) | p2
        ef = self.cur_ef
        if ef is None:
            raise ISOError(0x6986)
        self.auth(ef, ACL_UPDATE)
        if offset + len(data) > len(ef.data):
            raise ISOError(0x6B00)
        self.sleep("write")
        ef.data[offset:offset + len(data)] = data
        self.dirty = True
        return b"", SW_OK

    def create_file(self, p1, p2, data, le):
        if p1 or p2:
            raise ISOError(0x6A86)
        if not data or data[0] not in (0x62, 0x6F):
            raise ISOError(0x6A80)
        items = parse_tlv(data)
        if len(items) != 1:
            raise ISOError(0x6A80)
        inner = items[0][1]
        fid_v = find_tag(inner, 0x83)
        if fid_v is None or len(fid_v) != 2:
            raise ISOError(0x6A80)
        fid = int.from_bytes(fid_v, "big")
        if fid == 0x3F00 or self.mf.find(fid) is not None:
            raise ISOError(0x6A80)     # IsoApplet requires globally unique FIDs (getSafeFile)
        sa = find_tag(inner, 0x86)
        if sa is not None and len(sa) != 8:
            raise ISOError(0x6A80)
        fd = find_tag(inner, 0x82)
        if fd is None or not 1 <= len(fd) <= 6:
            raise ISOError(0x6A80)
        fdb = fd[0]
        if (fdb & 0x3F) == 0x38:
            self.auth(self.cur_df, ACL_CREATE_DF)
            node = FileNode(fid, data, True, parent=self.cur_df)
        elif (fdb & 0x30) == 0x00:
            self.auth(self.cur_df, ACL_CREATE_EF)
            if (fdb & 0x07) != 0x01:
                raise ISOError(0x6A80)     # only transparent EFs are used by OpenSC here
            size = 128
            sz = find_tag(inner, 0x81)
            if sz is None:
                sz = find_tag(inner, 0x80)
            if sz is not None:
                if len(sz) not in (1, 2):
                    raise ISOError(0x6A80)
                size = int.from_bytes(sz, "big")
            node = FileNode(fid, data, False, size=size, parent=self.cur_df)
        else:
            raise ISOError(0x6A80)
        self.sleep("write")
        self.cur_df.children.append(node)
        self.set_selected(node)
        self.dirty = True
        return b"", SW_OK

    def delete_file(self, p1, p2, data, le):
        if p1 or p2:
            raise ISOError(0x6A86)
        if len(data) != 2:
            raise ISOError(0x6700)
        fid = int.from_bytes(data, "big")
        node = self.mf.find(fid)
        if fid == 0x3F00:
            raise ISOError(0x6986)
        if node is None:
            raise ISOError(0x6A82)
        self.auth(node, ACL_DELETE_SELF)
        self.sleep("write")
        node.parent.children.remove(node)
        self.cur_df, self.cur_ef = node.parent, None
        self.dirty = True
        return b"", SW_OK

    # ---- PIN handling (IsoApplet.processVerify / processChangeReferenceData / processResetRetryCounter)
    def verify(self, p1, p2, data, le):
        if p1 != 0x00 or p2 != 0x01:
            raise ISOError(0x6A86)
        lc = len(data)
        if (lc > 0 and lc < PIN_MIN) or lc > PIN_MAX:
            raise ISOError(0x6700)
        if lc == 0:
            if self.lifecycle not in (STATE_CREATION, STATE_INITIALISATION):
                raise ISOError(0x63C0 | self.pin_tries)
            return b"", SW_OK
        value = data + bytes(PIN_MAX - lc)
        if not self.pin_check(value):
            self.pin_validated = False
            self.fs_auth = False
            raise ISOError(0x63C0 | self.pin_tries)
        self.pin_validated = True
        self.fs_auth = True
        return b"", SW_OK

    def change_reference_data(self, p1, p2, data, le):
        lc = len(data)
        if self.lifecycle == STATE_CREATION:
            if p1 != 0x01 or p2 not in (0x01, 0x02):
                raise ISOError(0x6A86)
            if p2 == 0x02:
                if lc != PUK_LENGTH:
                    raise ISOError(0x6700)
                self.puk = bytes(data)
                self.puk_tries = PUK_MAX_TRIES
                self.lifecycle = STATE_INITIALISATION
            else:
                if not PIN_MIN <= lc <= PIN_MAX:
                    raise ISOError(0x6700)
                self.pin = bytes(data) + bytes(PIN_MAX - lc)
                self.pin_tries = PIN_MAX_TRIES
                self.pin_validated = False
                self.lifecycle = STATE_OPERATIONAL_ACTIVATED
        elif self.lifecycle == STATE_INITIALISATION:
            if p1 != 0x01 or p2 != 0x01:
                raise ISOError(0x6A86)
            if not PIN_MIN <= lc <= PIN_MAX:
                raise ISOError(0x6700)
            self.pin = bytes(data) + bytes(PIN_MAX - lc)
            self.pin_tries = PIN_MAX_TRIES
            self.pin_validated = False
            self.lifecycle = STATE_OPERATIONAL_ACTIVATED
        else:
            if p1 != 0x00 or p2 != 0x01:
                raise ISOError(0x6A86)
            if lc != 2 * PIN_MAX:
                raise ISOError(0x6700)
            if not self.pin_check(bytes(data[:PIN_MAX])):
                raise ISOError(0x63C0 | self.pin_tries)
            self.pin = bytes(data[PIN_MAX:])
        self.dirty = True
        return b"", SW_OK

    def reset_retry_counter(self, p1, p2, data, le):
        if self.lifecycle != STATE_OPERATIONAL_ACTIVATED:
            raise ISOError(0x6986)
        lc = len(data)
        if lc < PUK_LENGTH + PIN_MIN or lc > PUK_LENGTH + PIN_MAX:
            raise ISOError(0x6700)
        if p1 != 0x00 or p2 != 0x01:
            raise ISOError(0x6A86)
        if not self.puk_check(bytes(data[:PUK_LENGTH])):
            raise ISOError(0x63C0 | self.puk_tries)
        newpin = bytes(data[PUK_LENGTH:])
        self.pin = newpin + bytes(PIN_MAX - len(newpin))
        self.pin_tries = PIN_MAX_TRIES
        self.dirty = True
        return b"", SW_OK

    # ---- security environment and key generation
    def mse(self, p1, p2, data, le):
        if not self.pin_validated:
            raise ISOError(0x6982)
        items = dict(parse_tlv(data))
        if p1 == 0x41:
            alg = items.get(0x80)
            ref = items.get(0x84)
            if alg is None or len(alg) != 1 or ref is None or len(ref) != 1 or ref[0] >= KEY_MAX_COUNT:
                raise ISOError(0x6A80)
            alg_ref, key_ref = alg[0], ref[0]
        elif p1 == 0xF3:
            alg_ref, key_ref = 0, -1
        else:
            raise ISOError(0x6A81)
        if p2 == 0x00:
            if alg_ref not in (ALG_GEN_EC, ALG_GEN_RSA_2048):
                raise ISOError(0x6A81)
            if key_ref < 0:
                raise ISOError(0x6A80)
        elif p2 == 0xB6:
            if key_ref == -1:
                raise ISOError(0x6A80)
            k = self.keys.get(key_ref)
            if alg_ref == ALG_RSA_PAD_PKCS1:
                if not isinstance(k, rsa.RSAPrivateKey):
                    raise ISOError(0x6A80)
            elif alg_ref == ALG_ECDSA_SHA1:
                if not isinstance(k, ec.EllipticCurvePrivateKey):
                    raise ISOError(0x6A80)
            else:
                raise ISOError(0x6A81)
        elif p2 == 0xB8:
            if alg_ref != ALG_RSA_PAD_PKCS1:
                raise ISOError(0x6A81)
            if key_ref == -1:
                raise ISOError(0x6A80)
            if not isinstance(self.keys.get(key_ref), rsa.RSAPrivateKey):
                raise ISOError(0x6A80)
        else:
            raise ISOError(0x6A81)
        self.alg_ref, self.key_ref = alg_ref, key_ref
        return b"", SW_OK

    def generate_keypair(self, p1, p2, data, le):
        if not self.pin_validated:
            raise ISOError(0x6982)
        if self.alg_ref == ALG_GEN_RSA_2048:
            if p1 != 0x42 or p2 != 0x00:
                raise ISOError(0x6A86)
            self.sleep("keygen")
            key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
            self.keys[self.key_ref] = key
            self.dirty = True
            pub = key.public_key().public_numbers()
            inner = (bytes([0x81, 0x82, 0x01, 0x00]) + pub.n.to_bytes(256, "big")
                     + bytes([0x82, 0x03]) + pub.e.to_bytes(3, "big"))
            return self.large_response(tlv(0x7F49, inner))
        if self.alg_ref == ALG_GEN_EC:
            if p1 != 0x00 or p2 != 0x00:
                raise ISOError(0x6A86)
            params = dict(parse_tlv(data))
            prime = params.get(0x81)
            if prime is None:
                raise ISOError(0x6A80)
            for t in (0x82, 0x83, 0x84, 0x85, 0x87):
                if t not in params:
                    raise ISOError(0x6A80)
            curve_cls = CURVE_BY_PRIME.get(prime.hex())
            if curve_cls is None:
                raise ISOError(0x6A81)   # "Key generation not supported by the card with that key type"
            self.sleep("keygen")
            key = ec.generate_private_key(curve_cls())
            self.keys[self.key_ref] = key
            self.dirty = True
            point = key.public_key().public_bytes(serialization.Encoding.X962,
                                                  serialization.PublicFormat.UncompressedPoint)
            inner = (tlv(0x81, params[0x81]) + tlv(0x82, params[0x82]) + tlv(0x83, params[0x83])
                     + tlv(0x84, params[0x84]) + tlv(0x85, params[0x85]) + tlv(0x86, point)
                     + tlv(0x87, params[0x87]))
            return self.large_response(tlv(0x7F49, inner))
        raise ISOError(0x6985)

    def pso(self, p1, p2, data, le):
        if not self.pin_validated:
            raise ISOError(0x6982)
        key = self.keys.get(self.key_ref)
        if p1 == 0x9E and p2 == 0x9A:
            if self.alg_ref == ALG_RSA_PAD_PKCS1:
                if len(data) > 247:
                    raise ISOError(0x6700)
                self.sleep("sign")
                nums = key.private_numbers()
                k = 256
                em = b"\x00\x01" + b"\xff" * (k - 3 - len(data)) + b"\x00" + bytes(data)
                sig = _rsa_private(nums, int.from_bytes(em, "big")).to_bytes(k, "big")
                if le is not None and le < 256:
                    raise ISOError(0x6C00)
                return sig, SW_OK
            if self.alg_ref == ALG_ECDSA_SHA1:
                self.sleep("sign")
                # Signature.ALG_ECDSA_SHA: the applet hashes the input with SHA-1, then signs.
                sig = key.sign(bytes(data), ec.ECDSA(hashes.SHA1()))
                return sig, SW_OK
            raise ISOError(0x6985)
        if p1 == 0x80 and p2 == 0x86:
            if self.alg_ref != ALG_RSA_PAD_PKCS1 or not isinstance(key, rsa.RSAPrivateKey):
                raise ISOError(0x6A81)
            if not data or data[0] != 0x00:
                raise ISOError(0x6A80)
            if len(data) - 1 != 256:
                raise ISOError(0x6700)
            self.sleep("sign")
            m = _rsa_private(key.private_numbers(), int.from_bytes(data[1:], "big")).to_bytes(256, "big")
            if m[0:2] != b"\x00\x02":
                raise ISOError(0x6A80)
            sep = m.find(b"\x00", 2)
            if sep < 10:
                raise ISOError(0x6A80)
            return m[sep + 1:], SW_OK
        raise ISOError(0x6A86)

    def put_data(self, p1, p2, data, le):
        if not self.pin_validated:
            raise ISOError(0x6982)
        if p1 == 0x3F and p2 == 0xFF:
            raise ISOError(0x6900)   # DEF_PRIVATE_KEY_IMPORT_ALLOWED = false
        raise ISOError(0x6A86)

    def get_challenge(self, p1, p2, data, le):
        if p1 or p2:
            raise ISOError(0x6A86)
        return secrets.token_bytes(le or 256), SW_OK


def _rsa_private(nums, c):
    """RSA private operation with CRT (what the chip's RSA engine does)."""
    p, q = nums.p, nums.q
    m1 = pow(c, nums.dmp1, p)
    m2 = pow(c, nums.dmq1, q)
    h = (nums.iqmp * (m1 - m2)) % p
    return m2 + h * q


# ---------------------------------------------------------------- vpcd link
def recv_exact(sock, n):
    buf = b""
    while len(buf) < n:
        # vpcd writes the 2-byte length and the payload as two small writes; with Nagle on its side
        # and delayed ACK on ours every message would wait ~40 ms. Ask the kernel to ACK at once
        # (TCP_QUICKACK is not sticky, so re-arm it before every read).
        if hasattr(socket, "TCP_QUICKACK"):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)
        chunk = sock.recv(n - len(buf))
        if not chunk:
            raise ConnectionError("vpcd closed the connection")
        buf += chunk
    return buf


def parse_latency(spec, base):
    out = dict(base)
    for part in (spec or "").split(","):
        part = part.strip()
        if not part:
            continue
        if "=" not in part:
            v = float(part)
            for k in out:
                out[k] = v
            continue
        k, v = part.split("=", 1)
        k = k.strip()
        if k not in out:
            raise SystemExit("unknown latency kind %r (keygen, sign, write)" % k)
        out[k] = float(v)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, required=True, help="vpcd slot port")
    ap.add_argument("--state", required=True, help="card EEPROM file (JSON), created blank if missing")
    ap.add_argument("--serial", help="16 hex digits for a new card (default: random)")
    ap.add_argument("--latency", default=os.environ.get("KS_VCARD_LATENCY", ""),
                    help="keygen=3,sign=0.3,write=0.3 (seconds; a bare number sets all)")
    ap.add_argument("--log", help="append a line per APDU to this file")
    args = ap.parse_args()

    latency = parse_latency(args.latency, {"keygen": 3.0, "sign": 0.3, "write": 0.3})
    logf = open(args.log, "a", buffering=1) if args.log else None

    def log(msg):
        if logf:
            logf.write("%.3f %s\n" % (time.time(), msg))

    card = Card(args.state, args.serial, latency, log)
    log("card %s ready, latency %s" % (card.serial.hex(), latency))

    stop = {"now": False}

    def on_term(signum, frame):
        stop["now"] = True
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, on_term)
    signal.signal(signal.SIGINT, on_term)

    while not stop["now"]:
        try:
            sock = socket.create_connection((args.host, args.port), timeout=5)
        except OSError:
            time.sleep(0.2 + random.random() * 0.2)
            continue
        sock.settimeout(None)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        log("connected to vpcd %s:%d" % (args.host, args.port))
        try:
            while True:
                (n,) = struct.unpack(">H", recv_exact(sock, 2))
                msg = recv_exact(sock, n) if n else b""
                if n == 1:
                    ctrl = msg[0]
                    if ctrl in (0, 1, 2):
                        card.power_reset()
                        log("ctrl %d" % ctrl)
                    elif ctrl == 4:
                        sock.sendall(struct.pack(">H", len(ATR)) + ATR)
                    continue
                rsp = card.process(msg)
                log("> %s\n< %s" % (msg.hex(), rsp.hex()) if logf else "")
                sock.sendall(struct.pack(">H", len(rsp)) + rsp)
        except (ConnectionError, OSError) as e:
            log("link down: %s" % e)
            card.power_reset()
            try:
                sock.close()
            except OSError:
                pass
            time.sleep(0.2)


if __name__ == "__main__":
    main()

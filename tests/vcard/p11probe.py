#!/usr/bin/python3
"""Tiny PKCS#11 probe (ctypes, standard library only) for the virtual-card stack.

pkcs11-tool starts a new process for every command, so it can never show what a long-lived
application sees in ONE PKCS#11 session: e.g. the token flags right after a failed C_Login.
This does.

  p11probe.py [--module M] list                 slots: id, description, token serial, flags
  p11probe.py [--module M] privkeys SLOT PIN     logs in, for each private key object: CKA_ID, CKA_SENSITIVE,
                                                CKA_EXTRACTABLE, and what reading CKA_PRIVATE_EXPONENT /
                                                CKA_VALUE returns (it must be refused)
  p11probe.py [--module M] login SLOT PIN...    (SLOT: id or reader name) C_Login with each PIN in turn in one process,
                                                printing the rv and C_GetTokenInfo flags after each
"""
import argparse
import ctypes
import os
import sys

CK_ULONG = ctypes.c_ulong
CKF_TOKEN_PRESENT = 0x1
FLAG_NAMES = [
    (0x1, "RNG"), (0x2, "WRITE_PROTECTED"), (0x4, "LOGIN_REQUIRED"), (0x8, "USER_PIN_INITIALIZED"),
    (0x400, "TOKEN_INITIALIZED"), (0x10000, "USER_PIN_COUNT_LOW"), (0x20000, "USER_PIN_FINAL_TRY"),
    (0x40000, "USER_PIN_LOCKED"), (0x80000, "USER_PIN_TO_BE_CHANGED"), (0x100000, "SO_PIN_COUNT_LOW"),
    (0x200000, "SO_PIN_FINAL_TRY"), (0x400000, "SO_PIN_LOCKED"),
]
RV_NAMES = {0x0: "CKR_OK", 0xA0: "CKR_PIN_INCORRECT", 0xA4: "CKR_PIN_LOCKED", 0x100: "CKR_USER_ALREADY_LOGGED_IN",
            0xE0: "CKR_TOKEN_NOT_PRESENT", 0x32: "CKR_DEVICE_REMOVED", 0x30: "CKR_DEVICE_ERROR"}


class Version(ctypes.Structure):
    _fields_ = [("major", ctypes.c_ubyte), ("minor", ctypes.c_ubyte)]


class SlotInfo(ctypes.Structure):
    _fields_ = [("slotDescription", ctypes.c_char * 64), ("manufacturerID", ctypes.c_char * 32),
                ("flags", CK_ULONG), ("hardwareVersion", Version), ("firmwareVersion", Version)]


class TokenInfo(ctypes.Structure):
    _fields_ = [("label", ctypes.c_char * 32), ("manufacturerID", ctypes.c_char * 32),
                ("model", ctypes.c_char * 16), ("serialNumber", ctypes.c_char * 16), ("flags", CK_ULONG),
                ("ulMaxSessionCount", CK_ULONG), ("ulSessionCount", CK_ULONG),
                ("ulMaxRwSessionCount", CK_ULONG), ("ulRwSessionCount", CK_ULONG),
                ("ulMaxPinLen", CK_ULONG), ("ulMinPinLen", CK_ULONG),
                ("ulTotalPublicMemory", CK_ULONG), ("ulFreePublicMemory", CK_ULONG),
                ("ulTotalPrivateMemory", CK_ULONG), ("ulFreePrivateMemory", CK_ULONG),
                ("hardwareVersion", Version), ("firmwareVersion", Version), ("utcTime", ctypes.c_char * 16)]


class Attribute(ctypes.Structure):
    _fields_ = [("type", CK_ULONG), ("pValue", ctypes.c_void_p), ("ulValueLen", CK_ULONG)]


def flag_names(flags):
    return ",".join(n for bit, n in FLAG_NAMES if flags & bit) or "-"


def rv_name(rv):
    return RV_NAMES.get(rv, "0x%X" % rv)


def find_slot(lib, spec):
    """A slot id, or the slot whose description (reader name) is spec."""
    try:
        return int(spec, 0)
    except ValueError:
        pass
    n = CK_ULONG(0)
    lib.C_GetSlotList(ctypes.c_ubyte(0), None, ctypes.byref(n))
    ids = (CK_ULONG * max(n.value, 1))()
    lib.C_GetSlotList(ctypes.c_ubyte(0), ids, ctypes.byref(n))
    for i in range(n.value):
        si = SlotInfo()
        lib.C_GetSlotInfo(ids[i], ctypes.byref(si))
        if si.slotDescription.decode(errors="replace").strip() == spec:
            return ids[i]
    sys.exit("no slot described %r" % spec)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--module", default=os.environ.get("KS_VCARDS_MODULE",
                                                       "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so"))
    ap.add_argument("cmd", choices=["list", "login", "privkeys"])
    ap.add_argument("args", nargs="*")
    a = ap.parse_args()

    lib = ctypes.CDLL(a.module)
    rv = lib.C_Initialize(None)
    if rv:
        sys.exit("C_Initialize: %s" % rv_name(rv))

    def token_info(slot):
        ti = TokenInfo()
        rv = lib.C_GetTokenInfo(CK_ULONG(slot), ctypes.byref(ti))
        return rv, ti

    if a.cmd == "list":
        n = CK_ULONG(0)
        lib.C_GetSlotList(ctypes.c_ubyte(0), None, ctypes.byref(n))
        ids = (CK_ULONG * max(n.value, 1))()
        lib.C_GetSlotList(ctypes.c_ubyte(0), ids, ctypes.byref(n))
        for i in range(n.value):
            si = SlotInfo()
            lib.C_GetSlotInfo(ids[i], ctypes.byref(si))
            desc = si.slotDescription.decode(errors="replace").rstrip()
            if si.flags & CKF_TOKEN_PRESENT:
                rv, ti = token_info(ids[i])
                if rv == 0:
                    print("slot=%d desc=%r serial=%s label=%r flags=%s" % (
                        ids[i], desc, ti.serialNumber.decode(errors="replace").strip(),
                        ti.label.decode(errors="replace").strip(), flag_names(ti.flags)))
                    continue
                print("slot=%d desc=%r token-error=%s" % (ids[i], desc, rv_name(rv)))
            else:
                print("slot=%d desc=%r no-token" % (ids[i], desc))
    elif a.cmd == "privkeys":
        slot = find_slot(lib, a.args[0])
        h = CK_ULONG(0)
        rv = lib.C_OpenSession(CK_ULONG(slot), CK_ULONG(0x4 | 0x2), None, None, ctypes.byref(h))
        if rv:
            sys.exit("C_OpenSession: %s" % rv_name(rv))
        p = a.args[1].encode()
        rv = lib.C_Login(h, CK_ULONG(1), ctypes.c_char_p(p), CK_ULONG(len(p)))
        if rv:
            sys.exit("C_Login: %s" % rv_name(rv))
        cls = CK_ULONG(3)  # CKO_PRIVATE_KEY
        tmpl = (Attribute * 1)(Attribute(0x0, ctypes.cast(ctypes.byref(cls), ctypes.c_void_p), ctypes.sizeof(cls)))
        lib.C_FindObjectsInit(h, tmpl, CK_ULONG(1))
        objs = (CK_ULONG * 32)()
        cnt = CK_ULONG(0)
        lib.C_FindObjects(h, objs, CK_ULONG(32), ctypes.byref(cnt))
        lib.C_FindObjectsFinal(h)
        for i in range(cnt.value):
            def get(attr):
                at = Attribute(attr, None, 0)
                rv = lib.C_GetAttributeValue(h, objs[i], ctypes.byref(at), CK_ULONG(1))
                if rv or at.ulValueLen in (0, CK_ULONG(-1).value):
                    return rv, None
                buf = ctypes.create_string_buffer(at.ulValueLen)
                at.pValue = ctypes.cast(buf, ctypes.c_void_p)
                rv = lib.C_GetAttributeValue(h, objs[i], ctypes.byref(at), CK_ULONG(1))
                return rv, buf.raw[:at.ulValueLen]
            _, cid = get(0x102)
            _, sens = get(0x103)
            _, extr = get(0x162)
            rv_d, _ = get(0x123)
            rv_v, _ = get(0x11)
            print("privkey id=%s sensitive=%s extractable=%s read-private-exponent=%s read-value=%s" % (
                cid.hex() if cid else "?", bool(sens and sens[0]), bool(extr and extr[0]),
                "CKR_ATTRIBUTE_SENSITIVE" if rv_d == 0x11 else rv_name(rv_d),
                "CKR_ATTRIBUTE_SENSITIVE" if rv_v == 0x11 else rv_name(rv_v)))
        lib.C_Logout(h)
        lib.C_CloseSession(h)
    else:
        if len(a.args) < 2:
            sys.exit("login SLOT PIN...")
        slot = find_slot(lib, a.args[0])
        h = CK_ULONG(0)
        rv = lib.C_OpenSession(CK_ULONG(slot), CK_ULONG(0x4 | 0x2), None, None, ctypes.byref(h))
        if rv:
            sys.exit("C_OpenSession: %s" % rv_name(rv))
        rv, ti = token_info(slot)
        print("before: flags=%s" % flag_names(ti.flags))
        for pin in a.args[1:]:
            p = pin.encode()
            rv = lib.C_Login(h, CK_ULONG(1), ctypes.c_char_p(p), CK_ULONG(len(p)))
            _, ti = token_info(slot)
            print("login %s: %s flags=%s" % ("ok-pin" if pin == os.environ.get("KS_VCARD_PIN", "123456")
                                             else "wrong-pin", rv_name(rv), flag_names(ti.flags)))
            if rv == 0:
                lib.C_Logout(h)
        lib.C_CloseSession(h)
    lib.C_Finalize(None)


if __name__ == "__main__":
    main()

#pragma once

#include "HubState.h"

#include <ctime>
#include <functional>
#include <optional>
#include <string>

#include <sys/types.h>

namespace ks::simhub {

// The state file shared by every process that loads the simulated hub and by its controllers.
//
// Plain text, one statement per line, words separated by blanks, '#' starts a comment:
//
//   ks-simhub-state 1                      header (optional)
//   default present|absent                 keys without their own `present=` (default: present)
//   uninitialized-slots hidden|shown       show SoftHSM's free slot (read at C_Initialize; default hidden)
//   key-ids card|application              who chooses a generated key pair's CKA_ID (default application)
//   pin-tries-default N                    PIN tries of keys without max-tries= (default 3)
//   latency OP MS [SERIAL]                 added delay before OP, for all keys or one key
//   key SERIAL [present=yes|no] [max-tries=N] [tries-left=N]
//   fault ID SERIAL|* FUNC|any KIND [skip=K] [count=N] [hang-ms=M] [fired=F]
//   next-fault-id N
//
// OP is a PKCS#11 function name (C_Login, C_Sign, C_SignFinal, C_CreateObject, C_FindObjects, ...) or,
// for key generation, C_GenerateKeyPair:RSA<bits>, C_GenerateKeyPair:RSA, C_GenerateKeyPair:EC or
// C_GenerateKeyPair. KIND is removed|error|hang|pull|huge-length|endless; count=0 means "always".
//
// Writers hold an exclusive flock on "<file>.lock" and replace the file by rename, so readers never
// see half a file and need no lock; a reader notices a change by stat (inode, size, times).
class StateFile
{
public:
    struct Signature
    {
        bool exists = false;
        dev_t device = 0;
        ino_t inode = 0;
        off_t size = 0;
        timespec modified {};
        timespec changed {};

        bool operator==(const Signature &other) const;
    };

    static Signature signature(const std::string &path);
    // A missing file reads as the default state. nullopt only when the file exists but cannot be read.
    static std::optional<HubState> read(const std::string &path, Signature *signature = nullptr,
                                        std::string *error = nullptr);
    // Read-modify-write under the lock. `change` returns false to leave the file untouched.
    static bool update(const std::string &path, const std::function<bool(HubState &)> &change,
                       std::string *error = nullptr);
};

} // namespace ks::simhub

#include "StateFile.h"

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace ks::simhub {

namespace {

StateFile::Signature signatureOf(const struct stat &st)
{
    StateFile::Signature sig;
    sig.exists = true;
    sig.device = st.st_dev;
    sig.inode = st.st_ino;
    sig.size = st.st_size;
    sig.modified = st.st_mtim;
    sig.changed = st.st_ctim;
    return sig;
}

void setError(std::string *error, const std::string &what, const std::string &path)
{
    if (error)
        *error = what + " " + path + ": " + std::strerror(errno);
}

bool writeAll(int fd, const std::string &data)
{
    size_t done = 0;
    while (done < data.size()) {
        const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        done += static_cast<size_t>(n);
    }
    return true;
}

// Closes the descriptor (and so releases an flock on it) when leaving scope.
class FdCloser
{
public:
    explicit FdCloser(int fd)
        : m_fd(fd)
    { }
    ~FdCloser()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    FdCloser(const FdCloser &) = delete;
    FdCloser &operator=(const FdCloser &) = delete;

private:
    int m_fd;
};

} // namespace

bool StateFile::Signature::operator==(const Signature &o) const
{
    return exists == o.exists && device == o.device && inode == o.inode && size == o.size
        && modified.tv_sec == o.modified.tv_sec && modified.tv_nsec == o.modified.tv_nsec
        && changed.tv_sec == o.changed.tv_sec && changed.tv_nsec == o.changed.tv_nsec;
}

StateFile::Signature StateFile::signature(const std::string &path)
{
    struct stat st
    {
    };
    if (::stat(path.c_str(), &st) != 0)
        return {};
    return signatureOf(st);
}

std::optional<HubState> StateFile::read(const std::string &path, Signature *signature, std::string *error)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT) {
            if (signature)
                *signature = {};
            return HubState {};
        }
        setError(error, "cannot open", path);
        return std::nullopt;
    }
    FdCloser closer(fd);
    // fstat on the descriptor we read pairs the signature with exactly this content (rename swaps inodes).
    struct stat st
    {
    };
    if (::fstat(fd, &st) != 0) {
        setError(error, "cannot stat", path);
        return std::nullopt;
    }
    std::string text;
    char buffer[4096];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            setError(error, "cannot read", path);
            return std::nullopt;
        }
        if (n == 0)
            break;
        text.append(buffer, static_cast<size_t>(n));
    }
    if (signature)
        *signature = signatureOf(st);
    return HubState::parse(text);
}

bool StateFile::update(const std::string &path, const std::function<bool(HubState &)> &change,
                       std::string *error)
{
    const std::string lockPath = path + ".lock";
    const int lockFd = ::open(lockPath.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (lockFd < 0) {
        setError(error, "cannot open", lockPath);
        return false;
    }
    FdCloser lockCloser(lockFd);
    while (::flock(lockFd, LOCK_EX) != 0) {
        if (errno != EINTR) {
            setError(error, "cannot lock", lockPath);
            return false;
        }
    }
    auto state = read(path, nullptr, error);
    if (!state)
        return false;
    if (!change(*state))
        return true;

    const std::string tempPath = path + ".tmp." + std::to_string(::getpid());
    const int fd = ::open(tempPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        setError(error, "cannot create", tempPath);
        return false;
    }
    const bool written = writeAll(fd, state->serialize());
    ::close(fd);
    if (!written || ::rename(tempPath.c_str(), path.c_str()) != 0) {
        setError(error, written ? "cannot replace" : "cannot write", path);
        ::unlink(tempPath.c_str());
        return false;
    }
    return true;
}

} // namespace ks::simhub

// net_guard: an LD_PRELOAD library for the "no network, ever" test. Every attempt to open a
// socket, connect, or resolve a name is written to the file named by NET_GUARD_LOG and
// refused (EACCES). csx must never make one: the test runs the whole corpus through it and
// requires the log to stay empty.
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {
void record(const char* what) {
    const char* path = getenv("NET_GUARD_LOG");
    if (!path) return;
    int fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (fd < 0) return;
    char line[128];
    int n = snprintf(line, sizeof line, "%s (pid %d)\n", what, static_cast<int>(getpid()));
    if (n > 0 && write(fd, line, static_cast<size_t>(n)) < 0) {
        // nothing to do: the test fails on the missing line anyway
    }
    close(fd);
}
}  // namespace

extern "C" {

int socket(int domain, int type, int protocol) {
    (void)type;
    (void)protocol;
    char what[64];
    snprintf(what, sizeof what, "socket(domain %d)", domain);
    record(what);
    errno = EACCES;
    return -1;
}

int connect(int fd, const struct sockaddr* addr, socklen_t len) {
    (void)fd;
    (void)addr;
    (void)len;
    record("connect");
    errno = EACCES;
    return -1;
}

int getaddrinfo(const char* node, const char* service, const struct addrinfo* hints,
                struct addrinfo** res) {
    (void)service;
    (void)hints;
    (void)res;
    char what[160];
    snprintf(what, sizeof what, "getaddrinfo(%s)", node ? node : "(null)");
    record(what);
    return EAI_FAIL;
}

struct hostent* gethostbyname(const char* name) {
    char what[160];
    snprintf(what, sizeof what, "gethostbyname(%s)", name ? name : "(null)");
    record(what);
    h_errno = NO_RECOVERY;
    return nullptr;
}
}  // extern "C"

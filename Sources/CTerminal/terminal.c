#define _GNU_SOURCE
#include "CTerminal.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

extern char **environ;

static int set_cloexec(int fd) {
    int flags = fcntl(fd, F_GETFD);
    return flags < 0 ? -1 : fcntl(fd, F_SETFD, flags | FD_CLOEXEC);
}

int kb_open_pty(int like_fd, int *master, int *slave) {
    int m = posix_openpt(O_RDWR | O_NOCTTY);
    if (m < 0) return errno;
    char name[128];
    if (grantpt(m) != 0 || unlockpt(m) != 0 || ptsname_r(m, name, sizeof name) != 0) {
        int error = errno;
        close(m);
        return error;
    }
    // O_NOCTTY: the command keeps kb's controlling terminal (Ctrl-C, job control, /dev/tty);
    // the pseudo-terminal is only where its output goes.
    int s = open(name, O_RDWR | O_NOCTTY);
    if (s < 0) {
        int error = errno;
        close(m);
        return error;
    }
    struct termios modes;
    if (tcgetattr(like_fd, &modes) == 0) tcsetattr(s, TCSANOW, &modes);
    kb_copy_window_size(like_fd, m);
    set_cloexec(m);
    set_cloexec(s);
    *master = m;
    *slave = s;
    return 0;
}

void kb_copy_window_size(int from, int master) {
    struct winsize size;
    if (ioctl(from, TIOCGWINSZ, &size) == 0) ioctl(master, TIOCSWINSZ, &size);
}

int kb_spawn(char *const argv[], int out_fd, int err_fd, pid_t *pid) {
    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attributes;
    posix_spawn_file_actions_init(&actions);
    posix_spawnattr_init(&attributes);
    // dup2 clears close-on-exec on the copy; every other descriptor of kb's is close-on-exec.
    posix_spawn_file_actions_adddup2(&actions, out_fd, 1);
    posix_spawn_file_actions_adddup2(&actions, err_fd, 2);
    sigset_t all, none;
    sigfillset(&all);
    sigemptyset(&none);
    posix_spawnattr_setsigdefault(&attributes, &all);
    posix_spawnattr_setsigmask(&attributes, &none);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
    int result = posix_spawnp(pid, argv[0], &actions, &attributes, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    return result;
}

static int signal_pipe_write = -1;

static void on_signal(int number, siginfo_t *info, void *context) {
    (void)context;
    int saved = errno;
    unsigned char message[2] = {(unsigned char)number, info != NULL && info->si_code == SI_KERNEL};
    ssize_t ignored = write(signal_pipe_write, message, 2);
    (void)ignored;
    errno = saved;
}

int kb_signal_pipe(const int *signals, int count) {
    int ends[2];
    if (pipe2(ends, O_CLOEXEC | O_NONBLOCK) != 0) return -1;
    signal_pipe_write = ends[1];
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = on_signal;
    action.sa_flags = SA_SIGINFO | SA_RESTART;
    sigemptyset(&action.sa_mask);
    for (int index = 0; index < count; index++) sigaction(signals[index], &action, NULL);
    return ends[0];
}

int kb_pipe(int ends[2]) {
    return pipe2(ends, O_CLOEXEC) == 0 ? 0 : errno;
}

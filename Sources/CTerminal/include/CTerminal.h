#ifndef KB_CTERMINAL_H
#define KB_CTERMINAL_H

#include <sys/types.h>

/// Opens a pseudo-terminal for `kb run`'s command: the slave gets the modes and window size of
/// `like_fd` (the terminal kb writes to), so the command sees the terminal it would have seen.
/// Both ends are close-on-exec. Returns 0, or an errno value.
int kb_open_pty(int like_fd, int *master, int *slave);

/// Gives the pseudo-terminal `master` the window size of the terminal `from` (after SIGWINCH).
void kb_copy_window_size(int from, int master);

/// Starts `argv[0]`, looked up on PATH, with `out_fd` as its standard output and `err_fd` as its
/// standard error (standard input is kb's own), every signal at its default action and none
/// blocked, whatever kb set for itself. Returns 0 and the process id, or an errno value.
int kb_spawn(char *const argv[], int out_fd, int err_fd, pid_t *pid);

/// Installs handlers for `count` signals that write two bytes per signal to a pipe: the signal's
/// number and 1 when the terminal sent it (Ctrl-C, Ctrl-\, a window change), 0 when a process
/// did. Returns the pipe's read end (non-blocking, close-on-exec), or -1.
int kb_signal_pipe(const int *signals, int count);

/// A pipe whose two ends are close-on-exec (pipe2, which Swift's Glibc module does not show).
/// Returns 0, or an errno value.
int kb_pipe(int ends[2]);

#endif

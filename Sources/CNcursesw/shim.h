#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <langinfo.h>
#include <signal.h>
#include <unistd.h>
#include <ncursesw/curses.h>

// Swift 6 rejects ncurses' mutable C globals and does not import function-like macros:
// these static inline wrappers expose what the Terminal module needs.

static inline WINDOW *hunt_stdscr(void) { return stdscr; }
static inline int hunt_lines(void) { return LINES; }
static inline int hunt_cols(void) { return COLS; }
static inline int hunt_colors(void) { return COLORS; }
static inline int hunt_color_pairs(void) { return COLOR_PAIRS; }
static inline int hunt_rows_of(WINDOW *w) { int y, x; getmaxyx(w, y, x); (void)x; return y; }
static inline int hunt_cols_of(WINDOW *w) { int y, x; getmaxyx(w, y, x); (void)y; return x; }

static inline attr_t hunt_a_normal(void) { return A_NORMAL; }
static inline attr_t hunt_a_bold(void) { return A_BOLD; }
static inline attr_t hunt_a_reverse(void) { return A_REVERSE; }
static inline attr_t hunt_a_underline(void) { return A_UNDERLINE; }
static inline attr_t hunt_a_dim(void) { return A_DIM; }
static inline int hunt_key_f(int n) { return KEY_F(n); }

static inline mmask_t hunt_button1_clicked(void) { return BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON1_RELEASED; }
static inline mmask_t hunt_button1_any(void) { return BUTTON1_CLICKED | BUTTON1_PRESSED; }

/// Nonzero when the current locale's codeset is UTF-8.
static inline int hunt_locale_is_utf8(void) {
    const char *cs = nl_langinfo(CODESET);
    if (!cs) return 0;
    return (cs[0] == 'U' || cs[0] == 'u') && (cs[1] == 'T' || cs[1] == 't') && (cs[2] == 'F' || cs[2] == 'f');
}

/// Restores the terminal, then lets the signal take its default course.
static void hunt_restore_and_reraise(int sig) {
    endwin();
    signal(sig, SIG_DFL);
    raise(sig);
}

static inline void hunt_install_restore_handlers(void) {
    signal(SIGINT, hunt_restore_and_reraise);
    signal(SIGTERM, hunt_restore_and_reraise);
    signal(SIGHUP, hunt_restore_and_reraise);
    signal(SIGQUIT, hunt_restore_and_reraise);
}

static inline void hunt_reset_signal_handlers(void) {
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    signal(SIGHUP, SIG_DFL);
    signal(SIGQUIT, SIG_DFL);
}

/* Start-up runner: runs commands in turns, so that every command meets the same machine.
 *
 *   cc -O2 -o startup bench/startup.c
 *   ./startup ROUNDS < commands.tsv
 *
 * Each line of standard input is a label, a tab, and a command's words (split at spaces; no
 * quoting). Every round runs each command once, the order rotated by one each round, with
 * standard input, output and error on /dev/null, after one warm-up round. For each command it
 * prints a line: label, median wall time in milliseconds, that median over the first command's
 * (the baseline, /bin/true), the first and third quartiles, and the median of the child's minor
 * page faults (wait4's rusage). Wall time is CLOCK_MONOTONIC around posix_spawn and wait4.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

enum { MAX_COMMANDS = 32, MAX_WORDS = 32, LINE = 4096 };

struct command {
    char label[256];
    char *argv[MAX_WORDS + 1];
    double *ms;
    long *faults;
};

static int compare_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static int compare_long(const void *a, const void *b) {
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

/* The q-quantile of n sorted values, by the nearest rank. */
static double quantile(const double *sorted, int n, double q) {
    int i = (int)(q * (n - 1) + 0.5);
    return sorted[i];
}

/* Runs argv once; returns its wall time in ms and stores its minor faults. Exits on a failure. */
static double run(char **argv, long *faults) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    for (int fd = 0; fd <= 2; fd++)
        posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0);
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    pid_t pid;
    int err = posix_spawn(&pid, argv[0], &actions, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    if (err != 0) {
        fprintf(stderr, "startup: cannot run %s: %s\n", argv[0], strerror(err));
        exit(1);
    }
    int status;
    struct rusage usage;
    if (wait4(pid, &status, 0, &usage) != pid) {
        perror("startup: wait4");
        exit(1);
    }
    clock_gettime(CLOCK_MONOTONIC, &end);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "startup: %s failed (status %d)\n", argv[0], status);
        exit(1);
    }
    *faults = usage.ru_minflt;
    return (end.tv_sec - start.tv_sec) * 1e3 + (end.tv_nsec - start.tv_nsec) / 1e6;
}

int main(int argc, char **argv) {
    int rounds = argc == 2 ? atoi(argv[1]) : 0;
    if (rounds < 1 || rounds > 100000) {
        fprintf(stderr, "usage: startup ROUNDS < commands.tsv (1 to 100000 rounds)\n");
        return 2;
    }
    static struct command commands[MAX_COMMANDS];
    static char lines[MAX_COMMANDS][LINE];
    int n = 0;
    while (n < MAX_COMMANDS && fgets(lines[n], LINE, stdin)) {
        char *line = lines[n];
        line[strcspn(line, "\n")] = 0;
        char *tab = strchr(line, '\t');
        if (!tab) continue;
        *tab = 0;
        struct command *c = &commands[n];
        snprintf(c->label, sizeof c->label, "%.255s", line);
        int words = 0;
        for (char *w = strtok(tab + 1, " "); w && words < MAX_WORDS; w = strtok(NULL, " "))
            c->argv[words++] = w;
        c->argv[words] = NULL;
        if (words == 0) continue;
        c->ms = calloc(rounds, sizeof *c->ms);
        c->faults = calloc(rounds, sizeof *c->faults);
        if (!c->ms || !c->faults) return 1;
        n++;
    }
    if (n == 0) {
        fprintf(stderr, "startup: no commands on standard input\n");
        return 2;
    }
    long faults;
    for (int i = 0; i < n; i++) run(commands[i].argv, &faults); /* warm-up */
    for (int r = 0; r < rounds; r++)
        for (int k = 0; k < n; k++) {
            struct command *c = &commands[(k + r) % n];
            c->ms[r] = run(c->argv, &c->faults[r]);
        }
    double baseline = 0;
    for (int i = 0; i < n; i++) {
        struct command *c = &commands[i];
        qsort(c->ms, rounds, sizeof *c->ms, compare_double);
        qsort(c->faults, rounds, sizeof *c->faults, compare_long);
        double median = quantile(c->ms, rounds, 0.5);
        if (i == 0) baseline = median;
        printf("%s\t%.4f\t%.3f\t%.4f\t%.4f\t%ld\n", c->label, median, median / baseline,
               quantile(c->ms, rounds, 0.25), quantile(c->ms, rounds, 0.75),
               c->faults[rounds / 2]);
    }
    return 0;
}

/* tests/runner.c -- the CUnit runner for every chapter's suites.
 *
 * usage: testrunner [SLUG...]
 *   With no argument, runs the suites of every chapter; with arguments, only
 *   those of the named chapters (the slug of chapters/NN-slug.nw).  A test
 *   file tests/test_SLUG_more.c belongs to chapter SLUG too.
 * environment:
 *   SEED=n         fixes the seed of the random tests (default below);
 *                  SEED=time takes one from the clock.
 *   TEST_FILTER=t  runs only the tests whose names contain t (make bench
 *                  uses it to time the exhaustive checks).
 *   TEST_WEIGHT=w  light: every test but the heavy ones; heavy: only those
 *                  (see test_heavy in testlib.h); unset: all.
 *   TEST_RERUN=c   the command that repeats this run, for the first line of
 *                  the log (make grade sets it: its logs are read in a
 *                  handout, where there is no make test).
 *   TEST_REPORT=f  writes the console's lines (test_report(), failures, the
 *                  totals) to file f; the rest of the output, a line per
 *                  test with its time, stays on stdout.  Unset: all stdout.
 * exit status: 0 when every test passed, 1 on any failure, 2 on bad usage,
 *   3 when this binary has no test for the chapters and weight asked for (a
 *   chapter's tests may live in another test binary or build; make test
 *   runs them all).
 *
 * Each chapter's tests define SLUG_register_suites(); the build lists the
 * chapters that have tests in suites.def, one SUITE(slug) line each. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <CUnit/CUnit.h>

#include "testlib.h"

#define SUITE(slug) void slug##_register_suites(void);
#include "suites.def"
#undef SUITE

static const struct chapter {
    const char *slug;
    void (*register_suites)(void);
} chapters[] = {
#define SUITE(slug) { #slug, slug##_register_suites },
#include "suites.def"
#undef SUITE
    { NULL, NULL }
};

#if defined(__SANITIZE_ADDRESS__)
#define BUILD_NAME "sanitized"
#else
#define BUILD_NAME "optimized"
#endif

#define DEFAULT_SEED UINT64_C(20121210)

/* The heavy tests save and compare whole machines, up to 2^16 frames (256
 * MiB), many times a test.  glibc serves a block that large with a fresh
 * mmap and gives it back at free, so that every copy paid a page fault per
 * page of 4 KiB: a third to a half of the time of those runs went to the
 * kernel.  Told never to map and never to trim, it reuses the freed
 * blocks of its heap instead.  It changes no result, only the time; the
 * sanitized build's allocator is ASan's own, which this leaves alone. */
#if defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__)
#include <malloc.h>
static void keep_heap(void)
{
    mallopt(M_MMAP_MAX, 0);
    mallopt(M_TRIM_THRESHOLD, -1);
}
#else
static void keep_heap(void) {}
#endif

static uint64_t seed;
static FILE *report;

uint64_t test_seed(void) { return seed; }

FILE *test_report(void) { return report != NULL ? report : stdout; }

FILE *test_excerpt(const char *name)
{
    const char *dir = getenv("TEST_EXCERPTS");
    if (dir == NULL || *dir == '\0') return NULL;
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.txt", dir, name);
    FILE *f = fopen(path, "w");
    if (f == NULL) fprintf(stderr, "testrunner: cannot write excerpt %s\n", path);
    return f;
}

/* The heavy tests, marked by the chapters while they register. */
enum { MAX_HEAVY = 256 };
static CU_pTest heavy[MAX_HEAVY];
static unsigned nheavy;

CU_pTest test_heavy(CU_pTest t)
{
    if (t != NULL && nheavy < MAX_HEAVY) heavy[nheavy++] = t;
    else if (t != NULL) fprintf(stderr, "testrunner: more than %d heavy tests\n", MAX_HEAVY);
    return t;
}

static int is_heavy(CU_pTest t)
{
    for (unsigned i = 0; i < nheavy; i++)
        if (heavy[i] == t) return 1;
    return 0;
}

static int parse_seed(const char *s, uint64_t *out)
{
    if (s == NULL || *s == '\0') { *out = DEFAULT_SEED; return 0; }
    if (strcmp(s, "time") == 0) { *out = (uint64_t)time(NULL); return 0; }
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 0);
    if (errno != 0 || *end != '\0' || s[0] == '-') return -1;
    *out = (uint64_t)v;
    return 0;
}

/* Does the test file's slug belong to chapter ch?  "pt" owns "pt" and
 * "pt_stub", but not "ptx". */
static int belongs(const char *slug, const char *ch)
{
    size_t n = strlen(ch);
    return strncmp(slug, ch, n) == 0 && (slug[n] == '\0' || slug[n] == '_');
}

static int wanted(const char *slug, int argc, char **argv)
{
    if (argc == 1) return 1;
    for (int i = 1; i < argc; i++)
        if (belongs(slug, argv[i])) return 1;
    return 0;
}

/* Deactivate every test that this run does not want: one whose name does
 * not contain filter (if any), or whose weight is not the one asked for.
 * Returns the number of tests left active. */
static unsigned select_tests(const char *filter, const char *weight)
{
    unsigned active = 0;
    CU_set_fail_on_inactive(CU_FALSE);     /* left to another run, not an error */
    for (CU_pSuite s = CU_get_registry()->pSuite; s != NULL; s = s->pNext)
        for (CU_pTest t = s->pTest; t != NULL; t = t->pNext) {
            int keep = filter == NULL || strstr(t->pName, filter) != NULL;
            if (strcmp(weight, "light") == 0) keep = keep && !is_heavy(t);
            if (strcmp(weight, "heavy") == 0) keep = keep && is_heavy(t);
            CU_set_test_active(t, keep ? CU_TRUE : CU_FALSE);
            active += keep != 0;
        }
    return active;
}

/* The handlers: a line per test on stdout, with its time; failures on
 * stdout and on the report. */
static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double test_started;

static void on_test_start(const CU_pTest test, const CU_pSuite suite)
{
    printf("  Test: %s: %s ...\n", suite->pName, test->pName);
    fflush(stdout);
    test_started = now();
}

static void print_failures(FILE *f, const CU_pTest test, const CU_pSuite suite,
                           const CU_pFailureRecord failures)
{
    fprintf(f, "FAILED: %s: %s\n", suite->pName, test->pName);
    for (CU_pFailureRecord r = failures; r != NULL; r = r->pNext)
        fprintf(f, "    %s:%u: %s\n", r->strFileName != NULL ? r->strFileName : "?",
                r->uiLineNumber, r->strCondition != NULL ? r->strCondition : "?");
}

static void on_test_complete(const CU_pTest test, const CU_pSuite suite,
                             const CU_pFailureRecord failures)
{
    double t = now() - test_started;
    if (failures == NULL) {
        printf("  ... passed (%.2f s)\n", t);
    } else {
        print_failures(stdout, test, suite, failures);
        if (report != NULL) print_failures(report, test, suite, failures);
    }
    fflush(stdout);
}

static void on_suite_failure(const CU_pSuite suite)
{
    printf("FAILED: suite %s: its set-up or clean-up failed\n", suite->pName);
    if (report != NULL) fprintf(report, "FAILED: suite %s: its set-up or clean-up failed\n", suite->pName);
}

/* The totals of this run, as a line of the report for make test to add up
 * with the other runs' (tests/testsum.sh): the tests and suites
 * registered, those that ran, failed and the asserts; r is NULL when no
 * test ran. */
static void write_totals(const CU_RunSummary *r)
{
    if (report == NULL) return;
    unsigned tests = 0, suites = 0;
    for (CU_pSuite s = CU_get_registry()->pSuite; s != NULL; s = s->pNext, suites++)
        for (CU_pTest t = s->pTest; t != NULL; t = t->pNext)
            tests++;
    fprintf(report, "#totals build=%s seed=%" PRIu64 " suites=%u tests=%u heavy=%u ran=%u"
            " failed=%u sfailed=%u asserts=%u afailed=%u seconds=%.3f\n", BUILD_NAME, seed,
            suites, tests, nheavy,
            r ? r->nTestsRun : 0, r ? r->nTestsFailed : 0, r ? r->nSuitesFailed : 0,
            r ? r->nAsserts : 0, r ? r->nAssertsFailed : 0, r ? r->ElapsedTime : 0.0);
}

int main(int argc, char **argv)
{
    keep_heap();
    if (parse_seed(getenv("SEED"), &seed) != 0) {
        fprintf(stderr, "testrunner: SEED must be a number or 'time', not '%s'\n", getenv("SEED"));
        return 2;
    }
    const char *weight = getenv("TEST_WEIGHT");
    if (weight == NULL || *weight == '\0') weight = "all";
    if (strcmp(weight, "all") != 0 && strcmp(weight, "light") != 0 && strcmp(weight, "heavy") != 0) {
        fprintf(stderr, "testrunner: TEST_WEIGHT must be light, heavy or all, not '%s'\n", weight);
        return 2;
    }
    const char *filter = getenv("TEST_FILTER");
    if (filter != NULL && *filter == '\0') filter = NULL;
    const char *report_path = getenv("TEST_REPORT");
    if (report_path != NULL && *report_path != '\0') {
        if ((report = fopen(report_path, "w")) == NULL) {
            fprintf(stderr, "testrunner: cannot write %s: %s\n", report_path, strerror(errno));
            return 2;
        }
        setvbuf(report, NULL, _IOLBF, 0);
    }

    int any = 0;
    for (const struct chapter *c = chapters; c->slug != NULL; c++)
        any |= wanted(c->slug, argc, argv);
    if (!any) {
        printf("%s: no suites here for:", argv[0]);
        for (int i = 1; i < argc; i++) printf(" %s", argv[i]);
        printf("; suites here:");
        for (const struct chapter *c = chapters; c->slug != NULL; c++) printf(" %s", c->slug);
        printf("\n");
        return 3;
    }

    if (CU_initialize_registry() != CUE_SUCCESS) {
        fprintf(stderr, "testrunner: %s\n", CU_get_error_msg());
        return 1;
    }
    for (const struct chapter *c = chapters; c->slug != NULL; c++)
        if (wanted(c->slug, argc, argv)) c->register_suites();
    if (CU_get_error() != CUE_SUCCESS) {
        fprintf(stderr, "testrunner: registering suites: %s\n", CU_get_error_msg());
        CU_cleanup_registry();
        return 1;
    }
    if (select_tests(filter, weight) == 0) {
        printf("%s: no %s tests here for these chapters\n", argv[0], weight);
        write_totals(NULL);
        CU_cleanup_registry();
        if (report != NULL) fclose(report);
        return 3;
    }

    if (getenv("TEST_RERUN") != NULL)      /* make grade: its own command */
        printf("seed: %" PRIu64 " (%s repeats this run)\n", seed, getenv("TEST_RERUN"));
    else
        printf("seed: %" PRIu64 " (SEED=%" PRIu64 " repeats this run); %s build, %s tests\n",
               seed, seed, BUILD_NAME, weight);
    fflush(stdout);
    CU_set_test_start_handler(on_test_start);
    CU_set_test_complete_handler(on_test_complete);
    CU_set_suite_init_failure_handler(on_suite_failure);
    CU_set_suite_cleanup_failure_handler(on_suite_failure);
    CU_run_all_tests();

    int err = CU_get_error() != CUE_SUCCESS;
    const CU_RunSummary *r = CU_get_run_summary();
    unsigned failures = r->nTestsFailed + r->nSuitesFailed + r->nAssertsFailed;
    printf("\n");
    CU_print_run_results(stdout);
    write_totals(r);
    unsigned ran = r->nTestsRun;
    CU_cleanup_registry();
    if (report != NULL) fclose(report);
    if (err) { fprintf(stderr, "testrunner: CUnit error\n"); return 1; }
    if (ran == 0) { fprintf(stderr, "testrunner: no test ran\n"); return 1; }
    return failures == 0 ? 0 : 1;
}

/* tests/runner.c -- the CUnit runner for every chapter's suites.
 *
 * usage: testrunner [SLUG...]
 *   With no argument, runs the suites of every chapter; with arguments, only
 *   those of the named chapters (the slug of chapters/NN-slug.nw).  A test
 *   file tests/test_SLUG_more.c belongs to chapter SLUG too.
 * environment: SEED=n fixes the seed of the random tests (default below);
 *   SEED=time takes one from the clock.  TEST_FILTER=text runs only the
 *   tests whose names contain text (make bench uses it to time the
 *   exhaustive checks).
 * exit status: 0 when every test passed, 1 on any failure, 2 on bad usage,
 *   3 when this binary has no suites for the chapters asked for (a chapter's
 *   tests may live in another test binary; make test runs them all).
 *
 * Each chapter's tests define SLUG_register_suites(); the build lists the
 * chapters that have tests in suites.def, one SUITE(slug) line each. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <CUnit/Basic.h>

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

#define DEFAULT_SEED UINT64_C(20121210)

static uint64_t seed;

uint64_t test_seed(void) { return seed; }

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

/* Deactivate every test whose name does not contain filter. */
static void deactivate_unless(const char *filter)
{
    CU_set_fail_on_inactive(CU_FALSE);     /* skipped on purpose, not an error */
    CU_pTestRegistry reg = CU_get_registry();
    for (CU_pSuite s = reg->pSuite; s != NULL; s = s->pNext)
        for (CU_pTest t = s->pTest; t != NULL; t = t->pNext)
            if (strstr(t->pName, filter) == NULL) CU_set_test_active(t, CU_FALSE);
}

int main(int argc, char **argv)
{
    if (parse_seed(getenv("SEED"), &seed) != 0) {
        fprintf(stderr, "testrunner: SEED must be a number or 'time', not '%s'\n", getenv("SEED"));
        return 2;
    }
    int any = 0;
    for (const struct chapter *c = chapters; c->slug != NULL; c++)
        any |= wanted(c->slug, argc, argv);
    if (!any) {
        fprintf(stderr, "%s: no suites here for:", argv[0]);
        for (int i = 1; i < argc; i++) fprintf(stderr, " %s", argv[i]);
        fprintf(stderr, "; suites here:");
        for (const struct chapter *c = chapters; c->slug != NULL; c++)
            fprintf(stderr, " %s", c->slug);
        fprintf(stderr, "\n");
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

    const char *filter = getenv("TEST_FILTER");
    if (filter != NULL && *filter != '\0') deactivate_unless(filter);

    printf("seed: %" PRIu64 " (make test SEED=%" PRIu64 " repeats this run)\n", seed, seed);
    fflush(stdout);
    CU_basic_set_mode(CU_BRM_VERBOSE);
    CU_basic_run_tests();
    unsigned failures = CU_get_number_of_failures() + CU_get_number_of_tests_failed()
                      + CU_get_number_of_suites_failed();
    unsigned ran = CU_get_number_of_tests_run();
    int err = CU_get_error() != CUE_SUCCESS;
    CU_cleanup_registry();
    printf("\n");
    if (err) { fprintf(stderr, "testrunner: CUnit error\n"); return 1; }
    if (ran == 0) { fprintf(stderr, "testrunner: no test ran\n"); return 1; }
    return failures == 0 ? 0 : 1;
}

/* tests/testlib.h -- what the test runner offers every chapter's tests.
 *
 * Test infrastructure, not part of the story: it is hand-written, and the
 * only C outside chapters/ besides the runner itself. */
#ifndef TESTLIB_H
#define TESTLIB_H

#include <stdint.h>
#include <stdio.h>

#include <CUnit/CUnit.h>

/* The seed of this run.  Every random test derives its randomness from it,
 * so that `make test SEED=n` (or `SEED=n build/bin/testrunner`) repeats a
 * run exactly.  The runner prints it before the first suite. */
uint64_t test_seed(void);

/* Output for the book.  When the book is built, the tests run with
 * TEST_EXCERPTS naming a directory, and test_excerpt("mem-broken") returns
 * a new file there, mem-broken.txt, for the test to print into; the chapter
 * shows it with \terminalinput{mem-broken}.  So the output the book shows is
 * the output of the code in the book, never a stale copy.  Otherwise it
 * returns NULL.  The caller closes the file. */
FILE *test_excerpt(const char *name);

/* The console.  What a test prints to stdout goes to the run's log
 * (build/test/RUN.log under make test); what it prints to test_report() is
 * what make test shows on the console: the one-line results of refinement
 * runs (domain, states, transitions) and "caught as expected" for a broken
 * variant.  Run by hand, without TEST_REPORT, both are stdout. */
FILE *test_report(void);

/* A heavy test: an exhaustive exploration or a long random run, which
 * takes seconds under the sanitizers and a fraction of that optimized.
 * make test runs every test exactly once: the heavy ones in the optimized
 * build (build/bin/fast/), all others in the sanitized build.  Use it
 * around CU_add_test:  test_heavy(CU_add_test(s, "exhaustive: ...", f)); */
CU_pTest test_heavy(CU_pTest t);

#endif

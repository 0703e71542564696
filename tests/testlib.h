/* tests/testlib.h -- what the test runner offers every chapter's tests.
 *
 * Test infrastructure, not part of the story: it is hand-written, and the
 * only C outside chapters/ besides the runner itself. */
#ifndef TESTLIB_H
#define TESTLIB_H

#include <stdint.h>
#include <stdio.h>

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

#endif

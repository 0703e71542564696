/* tests/testlib.h -- what the test runner offers every chapter's tests.
 *
 * Test infrastructure, not part of the story: it is hand-written, and the
 * only C outside chapters/ besides the runner itself. */
#ifndef TESTLIB_H
#define TESTLIB_H

#include <stdint.h>

/* The seed of this run.  Every random test derives its randomness from it,
 * so that `make test SEED=n` (or `SEED=n build/bin/testrunner`) repeats a
 * run exactly.  The runner prints it before the first suite. */
uint64_t test_seed(void);

#endif

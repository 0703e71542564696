#!/bin/sh
# tests/testsum.sh -- what make test prints once every test run is done.
#
# usage: sh tests/testsum.sh REPORT...
# Each REPORT is build/test/CHAPTER~BINARY~WEIGHT.report, written by one run
# of a test binary (tests/runner.c with TEST_REPORT): the lines its tests
# sent to test_report(), any failures, a line "#totals key=value..." and,
# added by the Makefile, "#status EXIT LOG". For each run, in the order
# given, this prints a line with its chapter, build and counts, then its
# report's lines; a failed run is followed by the end of its log.  At the
# end it adds the runs up into one CUnit run summary and a closing line
# "tests: N passed, N failed".  Exit status 1 when any run failed, or when
# a test of a weight that was run did not run.
set -eu
[ $# -gt 0 ] || { echo "testsum: no test runs" >&2; exit 1; }
awk '
function val(key,    i, kv) {
    for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == key) return kv[2] }
    return ""
}
FNR == 1 {
    n = split(FILENAME, parts, "/"); name = parts[n]; sub(/\.report$/, "", name)
    split(name, w, "~"); chap = w[1]; bin = w[2]; weight = w[3]
    nlines = 0; has_totals = 0
}
/^#totals / {
    has_totals = 1
    build = val("build"); seed = val("seed")
    t_tests = val("tests") + 0; t_heavy = val("heavy") + 0; t_ran = val("ran") + 0; t_failed = val("failed") + 0
    t_asserts = val("asserts") + 0; t_afailed = val("afailed") + 0
    t_suites = val("suites") + 0; t_sfailed = val("sfailed") + 0; t_sec = val("seconds") + 0
    next
}
/^#status / {
    rc = $2; logf = $3
    key = chap "~" bin
    if (!(key in registered)) order[++nkeys] = key
    if (has_totals) {
        if (t_tests > registered[key]) registered[key] = t_tests
        if (t_heavy > nheavy[key]) nheavy[key] = t_heavy
        weights[key] = weights[key] " " weight
        if (t_suites > suites[key]) suites[key] = t_suites
        ran += t_ran; failed += t_failed; asserts += t_asserts; afailed += t_afailed
        sfailed += t_sfailed; secs[build] += t_sec
    }
    if (rc == 3 && has_totals && t_ran == 0) next          # no test of this weight here
    where = (bin == "main") ? "" : " (" bin ")"
    if (rc == 0) {
        printf "  TEST    %-8s %-9s %3d tests passed %7.2f s%s\n", chap, build, t_ran, t_sec, where
        for (i = 1; i <= nlines; i++) print "          " line[i]
    } else {
        bad++
        printf "  TEST    %-8s %-9s FAILED (exit %s)%s\n", chap, (has_totals ? build : weight), rc, where
        for (i = 1; i <= nlines; i++) print "          " line[i]
        printf "          the end of its log, %s:\n", logf
        cmd = "tail -n 40 " logf; while ((cmd | getline l) > 0) print "          | " l; close(cmd)
        if (!has_totals) failed++
    }
    next
}
{ line[++nlines] = $0 }
END {
    total = 0; nsuites = 0
    # a binary run at one weight only (make test runs some light only, make
    # check their heavy tests) is expected to run the tests of that weight
    for (k = 1; k <= nkeys; k++) {
        key = order[k]; nsuites += suites[key]
        if (weights[key] ~ /light/) total += registered[key] - nheavy[key]
        if (weights[key] ~ /heavy/) total += nheavy[key]
    }
    printf "\nRun Summary:    Type  Total    Ran Passed Failed Inactive\n"
    printf "              suites %6d %6d    n/a %6d %8d\n", nsuites, nsuites, sfailed, 0
    printf "               tests %6d %6d %6d %6d %8d\n", total, ran, ran - failed, failed, total - ran
    printf "             asserts %6d %6d %6d %6d      n/a\n", asserts, asserts, asserts - afailed, afailed
    printf "\nElapsed time = %.2f s sanitized, %.2f s optimized (seed %s)\n", secs["sanitized"], secs["optimized"], seed
    printf "tests: %d passed, %d failed\n", ran - failed, failed + (bad > 0 && failed == 0)
    if (bad > 0 || failed > 0 || ran != total) {
        if (ran != total) printf "test: %d tests registered but not run\n", total - ran
        exit 1
    }
}' "$@"

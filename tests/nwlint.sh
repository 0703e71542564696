#!/bin/sh
# tests/nwlint.sh -- the chunk lint, run before every tangle and weave.
#
# usage: tests/nwlint.sh CHAPTER.nw...
# environment: UNUSED_ROOTS, newline-separated names of root chunks that are
#              shown in the book but deliberately never tangled.
#
# Fails (exit 1), naming the chunk and where it is, on
#   - a use of a chunk that is never defined, and
#   - a root chunk (defined, never used) that is neither an output file
#     (a name starting with src/ or tests/) nor listed in UNUSED_ROOTS.
#   - an exercise whose markup is incomplete (tests/exercises.sh check).
# noweave exits 0 on both, and notangle only notices the first kind when the
# chunk lies under the root it is asked for, so this check stands in front
# of both.  The chunk checks run on the reference and on the student
# edition (tests/nwedition.sh): in each, a programming exercise's stub or
# solution must be the one definition of <<exercise ID>>.
set -eu
MARKUP=${NOWEB_MARKUP:-/usr/lib/noweb/markup}
[ -x "$MARKUP" ] || { echo "nwlint: cannot find noweb's markup at $MARKUP" >&2; exit 1; }
here=$(dirname "$0")
sh "$here/exercises.sh" check "$@"
for edition in reference student; do
"$MARKUP" "$@" | NWEDITION_KEEPLINES=1 sh "$here/nwedition.sh" $edition | awk -v unused="${UNUSED_ROOTS:-}" '
BEGIN {
    n = split(unused, u, "\n")
    for (i = 1; i <= n; i++) if (u[i] != "") allowed[u[i]] = 1
}
/^@file /  { file = substr($0, 7); line = 1; next }
/^@nl/ || /^@index nl/ { line++; next }
/^@defn /  { name = substr($0, 7); if (!(name in defd)) defd[name] = file ":" line; next }
/^@use /   { name = substr($0, 6); used[name] = 1
             if (!(name in firstuse)) firstuse[name] = file ":" line; next }
END {
    bad = 0
    for (name in firstuse) if (!(name in defd)) {
        printf "%s: undefined chunk <<%s>>\n", firstuse[name], name > "/dev/stderr"; bad = 1
    }
    for (name in defd) if (!(name in used) && name !~ /^(src|tests)\// && !(name in allowed)) {
        printf "%s: root chunk <<%s>> is not an output file (src/..., tests/...) and not listed in UNUSED_ROOTS; is it misspelt or unused?\n", defd[name], name > "/dev/stderr"; bad = 1
    }
    exit bad
}' || { echo "nwlint: (in the $edition edition)" >&2; exit 1; }
done

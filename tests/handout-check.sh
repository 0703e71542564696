#!/bin/sh
# tests/handout-check.sh -- part of make test: a handout works on its own.
#
# usage: sh tests/handout-check.sh HANDOUT.tar.gz SOLUTIONS-DIR
# Unpacks the handout into a fresh temporary directory and, there,
#   1. runs make grade on the stubs as handed out: every stub must build,
#      and make grade must exit non-zero and report less than full marks;
#   2. copies in the reference solutions (SOLUTIONS-DIR/ID.c for each
#      exercise of the handout) and runs make grade again: it must report
#      full marks and exit 0.
set -eu
tarball=${1:?usage}; sols=${2:?usage}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
tar -xzf "$tarball" -C "$tmp"
dir=$(ls -d "$tmp"/babyvmm-*)
name=$(basename "$tarball")
[ -s "$dir/$(basename "$dir" | sed 's/^babyvmm-//').pdf" ] || { echo "handout-check: $name has no PDF" >&2; exit 1; }
if make -C "$dir" --no-print-directory grade > "$tmp/stub.out" 2>&1; then
    cat "$tmp/stub.out" >&2; echo "handout-check: $name: make grade passed on the stubs" >&2; exit 1
fi
if grep -q 'does not build' "$tmp/stub.out"; then
    cat "$tmp/stub.out" >&2; echo "handout-check: $name: a stub does not build in the handout" >&2; exit 1
fi
grep -q '^total .*unsolved' "$tmp/stub.out" || { cat "$tmp/stub.out" >&2; echo "handout-check: $name: no score below full marks on the stubs" >&2; exit 1; }
for f in "$dir"/src/ex/*.c; do cp "$sols/$(basename "$f")" "$f"; done
if ! make -C "$dir" --no-print-directory grade > "$tmp/sol.out" 2>&1; then
    cat "$tmp/sol.out" >&2; echo "handout-check: $name: make grade failed with the solutions" >&2; exit 1
fi
grep -q '^total .*full marks' "$tmp/sol.out" || { cat "$tmp/sol.out" >&2; echo "handout-check: $name: no full marks with the solutions" >&2; exit 1; }
echo "handout-check: $name: stubs score $(sed -n 's/^total *\([0-9]*\/[0-9]*\).*/\1/p' "$tmp/stub.out"), solutions $(sed -n 's/^total *\([0-9]*\/[0-9]*\).*/\1/p' "$tmp/sol.out")"

#!/bin/sh
# tests/handout-check.sh -- part of make test: a handout works on its own.
#
# usage: sh tests/handout-check.sh HANDOUT.tar.gz SOLUTIONS-DIR
# Unpacks the handout into a fresh temporary directory and, there,
#   1. runs make grade on the stubs as handed out: every stub must build,
#      and make grade must exit non-zero and report less than full marks;
#   2. copies in the reference solutions (SOLUTIONS-DIR/ID.c for each
#      exercise of the handout) and runs make grade again: it must report
#      full marks and exit 0, and an exercise with a list tests/grade/ID.chk
#      must have been graded on the checking stub as well as on the library;
#   3. (below) checks that a solved exercise that stops compiling scores
#      0, "does not build", and
#   4. that the import check of make grade bites.
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
# An exercise graded on a checking stub in the book (tests/grade/ID.chk)
# is graded there in the handout too: its graded program runs both halves.
for chk in "$dir"/tests/grade/*.chk; do
    [ -f "$chk" ] || continue
    id=$(basename "$chk" .chk)
    [ -x "$dir/build/bin/$id.real" ] && [ -x "$dir/build/bin/$id.chk" ] &&
        grep -q 'checking stub' "$dir/build/bin/$id" ||
        { echo "handout-check: $name: $id is not graded on the checking stub" >&2; exit 1; }
    onstub="${onstub:-}; $id graded on the checking stub too"
done
# 3. a solved exercise that stops compiling scores nothing, "does not
#    build": the binary graded before is not run again.
for f in "$dir"/src/ex/*.c; do
    id=$(basename "$f" .c)
    cp "$f" "$tmp/saved.c"
    printf '\nthis does not compile\n' >> "$f"
    if make -C "$dir" --no-print-directory grade EX="$id" > "$tmp/broken.out" 2>&1 ||
       ! grep -q "^$id .* 0/.*does not build" "$tmp/broken.out"; then
        cat "$tmp/broken.out" >&2; echo "handout-check: $name: $id does not compile, and is not scored 0 as not building" >&2; exit 1
    fi
    cp "$tmp/saved.c" "$f"
    stale="; $id, made not to compile, scores 0 (does not build)"
    break
done
# 4. an exercise whose object calls what its machine does not grant scores
#    nothing, though its tests pass: add a call of hw_shutdown (a routine
#    of the hardware that no layer's machine grants) to a solution.
for list in "$dir"/imports/*.txt; do
    id=$(basename "$list" .txt)
    [ -f "$dir/src/ex/$id.c" ] || continue
    printf '\nvoid hw_shutdown(void);\nvoid grade_check_reach(void);\nvoid grade_check_reach(void) { hw_shutdown(); }\n' >> "$dir/src/ex/$id.c"
    if make -C "$dir" --no-print-directory grade EX="$id" > "$tmp/reach.out" 2>&1 ||
       ! grep -q "^$id .*does not grant" "$tmp/reach.out"; then
        cat "$tmp/reach.out" >&2; echo "handout-check: $name: $id reaches around its machine and is not caught" >&2; exit 1
    fi
    reach="; $id calling hw_shutdown scores nothing"
    break
done
echo "handout-check: $name: stubs score $(sed -n 's/^total *\([0-9]*\/[0-9]*\).*/\1/p' "$tmp/stub.out"), solutions $(sed -n 's/^total *\([0-9]*\/[0-9]*\).*/\1/p' "$tmp/sol.out")${onstub:-}${stale:-}${reach:-}"

#!/bin/sh
# tests/nosolutions.sh -- part of make test: the student edition holds no
# solution.
#
# usage: sh tests/nosolutions.sh WOVEN.tex STUDENT-TREE
# Fails unless
#   - the woven student edition (noweave's LaTeX) has no solution
#     environment and no <<solution ...>> chunk, and
#   - no file of the student code tree contains a telling line of any
#     solution chunk: a line of at least 16 characters (a lone brace tells
#     nothing) that is neither in the exercise's stub nor anywhere in the
#     reference code outside the exercises and their decoys, whole or inside
#     a longer line (a loop header the solution shares with the library is
#     no leak; a decoy may borrow half of a solution).
set -eu
woven=${1:?usage}; tree=${2:?usage}
NW=$(ls chapters/*.nw)
bad=0
if grep -n '\\begin{solution}' "$woven" >&2; then
    echo "nosolutions: $woven has a solution environment (above)" >&2; bad=1; fi
if grep -n '\\moddef{solution ' "$woven" >&2; then
    echo "nosolutions: $woven has a solution chunk (above)" >&2; bad=1; fi
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
find build/src build/tests \( -path build/src/ex -o -path build/src/decoy \) -prune -o -type f -print | xargs cat \
    | sed -e 's/^[ \t]*//' -e 's/[ \t]*$//' | sort -u > "$tmp/common"
for id in $(sh tests/exercises.sh list $NW | awk -F'\t' '$4 == "code" { print $1 }'); do
    notangle -R"solution $id" $NW > "$tmp/sol" 2>/dev/null
    notangle -R"exercise $id" $NW > "$tmp/stub" 2>/dev/null
    sed -e 's/^[ \t]*//' -e 's/[ \t]*$//' "$tmp/sol"  | awk 'length >= 16' | sort -u > "$tmp/sol.lines"
    sed -e 's/^[ \t]*//' -e 's/[ \t]*$//' "$tmp/stub" | sort -u > "$tmp/stub.lines"
    comm -23 "$tmp/sol.lines" "$tmp/stub.lines" | comm -23 - "$tmp/common" > "$tmp/cand"
    # a line the reference code holds inside a longer line (a loop header
    # with its brace) tells nothing either
    : > "$tmp/shared"
    [ -s "$tmp/cand" ] && grep -oF -f "$tmp/cand" "$tmp/common" | sort -u > "$tmp/shared" || true
    comm -23 "$tmp/cand" "$tmp/shared" > "$tmp/telling"
    [ -s "$tmp/telling" ] || continue
    if grep -rnF -f "$tmp/telling" "$tree" >&2; then
        echo "nosolutions: the student tree holds lines of <<solution $id>> (above)" >&2; bad=1; fi
done
[ $bad = 0 ] && echo "nosolutions: the student edition holds no solution environment, no solution chunk, no solution code"
exit $bad

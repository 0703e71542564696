#!/bin/sh
# tests/grade.sh -- grade the programming exercises; what `make grade` runs,
# in the book's tree and in a handout.
#
# usage: sh tests/grade.sh EXERCISES BINDIR LOGDIR [ID]
#   EXERCISES  the list written by tests/exercises.sh list (tab-separated:
#              ID CHAPTER DIFFICULTY KIND TITLE); only kind "code" is graded
#   BINDIR     holds one graded test binary per exercise, named ID
#   LOGDIR     where each exercise's output goes (LOGDIR/ID.log)
#   ID         grade this exercise only
# environment: SEED as for the test runner; by default a fresh one from the
#   clock, so that an answer hard-coded for one run fails the next.
#   GRADE_IMPORTS, GRADE_OBJS, GRADE_IMPORTS_SH: when GRADE_IMPORTS/ID.txt
#   exists, the exercise writes code of a layer, and its object
#   GRADE_OBJS/ID.o must import only what that list allows (checked by
#   the script GRADE_IMPORTS_SH, tests/imports.sh); otherwise it scores
#   nothing, whatever its tests say.  GRADE_SRCS: where the answers'
#   sources are (GRADE_SRCS/ID.c); an exercise whose program did not link
#   is judged by its import list first, if its object is as new as its
#   source (a graded program that runs on a checking stub does not link an
#   answer that calls what the stub does not define).
# An exercise scores its difficulty in points when its graded tests all
# pass, and nothing otherwise.  Exit status: 0 with full marks, 1 while any
# exercise is unsolved, 2 on bad usage.
set -u
[ $# -ge 3 ] || { echo "usage: grade.sh EXERCISES BINDIR LOGDIR [ID]" >&2; exit 2; }
list=$1 bindir=$2 logdir=$3 only=${4:-}
if [ -n "$only" ] && ! awk -F'\t' -v id="$only" '$1 == id && $4 == "code" { f = 1 } END { exit !f }' "$list"; then
    echo "grade: no programming exercise '$only'; the graded ones are:" >&2
    awk -F'\t' '$4 == "code" { print "  " $1 }' "$list" >&2
    exit 2
fi
seed=${SEED:-}
[ -n "$seed" ] && [ "$seed" != time ] || seed=$(date +%s)
export SEED="$seed"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
mkdir -p "$logdir"
echo "grade: seed $seed (SEED=$seed repeats this run)"
printf '%-22s %-8s %6s  %s\n' exercise chapter points result
got=0 max=0 unsolved=0
tab=$(printf '\t')
while IFS="$tab" read -r id chap diff kind title; do
    [ "$kind" = code ] || continue
    [ -z "$only" ] || [ "$id" = "$only" ] || continue
    max=$((max + diff))
    list=${GRADE_IMPORTS:+$GRADE_IMPORTS/$id.txt}
    obj=${GRADE_OBJS:-.}/$id.o src=${GRADE_SRCS:-.}/$id.c
    if [ ! -x "$bindir/$id" ] && [ -n "$list" ] && [ -f "$list" ] && [ -f "$obj" ] &&
       ! [ "$src" -nt "$obj" ] &&
       ! sh "${GRADE_IMPORTS_SH:-tests/imports.sh}" -o "$obj" "$list" > "$logdir/$id.imports.log" 2>&1; then
        result="calls what its machine does not grant ($logdir/$id.imports.log)"; pts=0
    elif [ ! -x "$bindir/$id" ]; then
        result="does not build"; pts=0
    elif [ -n "$list" ] && [ -f "$list" ] &&
         ! sh "${GRADE_IMPORTS_SH:-tests/imports.sh}" -o "${GRADE_OBJS:-.}/$id.o" "$list" > "$logdir/$id.imports.log" 2>&1; then
        result="calls what its machine does not grant ($logdir/$id.imports.log)"; pts=0
    elif TEST_RERUN="make grade EX=$id SEED=$seed" "$bindir/$id" > "$logdir/$id.log" 2>&1; then
        result="solved"; pts=$diff
    else
        result="not solved ($logdir/$id.log)"; pts=0
    fi
    [ "$pts" -gt 0 ] || unsolved=$((unsolved + 1))
    got=$((got + pts))
    printf '%-22s %-8s %3s/%-2s  %s\n' "$id" "$chap" "$pts" "$diff" "$result"
done < "$list"
printf '%-22s %-8s %3s/%-2s  %s\n' total "" "$got" "$max" \
    "$([ "$unsolved" = 0 ] && echo "full marks" || echo "$unsolved unsolved")"
[ "$unsolved" = 0 ]

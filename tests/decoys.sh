#!/bin/sh
# tests/decoys.sh -- part of make check: the graders give nothing to the
# wrong answers written to fool them.
#
# usage: sh tests/decoys.sh run NAME SOURCE BINARY OBJECT IMPORTS
#        sh tests/decoys.sh table EXERCISES DIR NAME...
# A decoy NAME is ID/WHAT: a wrong answer to programming exercise ID,
# tangled from the root src/decoy/ID/WHAT.c, whose comment says which class
# of hole it tries:
#   1  the grader is an oracle: the answer calls the computation it should do
#   2  inputs that never vary: a constant, or a table of the graded inputs
#   3  the how is not graded: the right final state by forbidden steps
#   4  a prediction guessable from the output
#   5  work done outside the machine
#   6  a stale binary (make grade in a handout; tests/handout-check.sh)
#   7  (graded by the prover) taken on trust, not proved: an axiom, an
#      admit, a precondition or a second contract that assumes false
#   8  (graded by the prover) too weak: an invariant or a contract that
#      is true but does not carry the proof
# run: grades one decoy as make grade would grade an answer (the import
# check when the exercise has a list IMPORTS, then the graded tests in
# BINARY) and prints one line: NAME, class, and what caught it (imports,
# tests), or SCORED.
# table: prints the results (DIR/NAME.result) as a table, then the
# programming exercises of EXERCISES that have no decoy yet; exits 1 if
# any decoy scored.
set -u
mode=${1:?usage}; shift
case $mode in
run)
    name=$1 src=$2 bin=$3 obj=$4 list=$5
    class=$(grep -m1 -o 'decoy, class [0-9]' "$src" | sed 's/.* //')
    [ -n "$class" ] || { echo "decoys: $src does not say its class (/* decoy, class N: ... */)" >&2; exit 1; }
    if [ -f "$list" ] && ! sh tests/imports.sh -o "$obj" "$list" > /dev/null 2>&1; then
        how=imports
    else
        rc=0; "$bin" > "${TMPDIR:-/tmp}/decoy.$$.log" 2>&1 || rc=$?
        rm -f "${TMPDIR:-/tmp}/decoy.$$.log"
        case $rc in 0) how=SCORED;; 1) how=tests;; *) how="tests (exit $rc)";; esac
    fi
    printf '%s\t%s\t%s\n' "$name" "$class" "$how"
    ;;
table)
    list=$1 dir=$2; shift 2
    printf '%-22s %-24s %5s  %s\n' exercise decoy class "caught by"
    bad=0 n=0
    for d in "$@"; do
        IFS="$(printf '\t')" read -r name class how < "$dir/$d.result"
        printf '%-22s %-24s %5s  %s\n' "${d%%/*}" "${d#*/}" "$class" "$how"
        n=$((n + 1))
        [ "$how" != SCORED ] || bad=$((bad + 1))
    done
    without=$(awk -F'\t' '$4 == "code" { print $1 }' "$list" | while read -r id; do
        case " $* " in *" $id/"*) ;; *) printf ' %s' "$id";; esac; done)
    echo "decoys: $n wrong answers, $bad scored$([ -n "$without" ] && echo "; exercises without decoys yet:$without")"
    [ "$bad" = 0 ]
    ;;
*) echo "usage: decoys.sh run|table ..." >&2; exit 2;;
esac

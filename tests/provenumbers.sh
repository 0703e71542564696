#!/bin/sh
# tests/provenumbers.sh -- the numbers of make prove that the book quotes.
#
# usage: sh tests/provenumbers.sh SUMMARY [LAYER=FILE,FILE...]... > prove-numbers.tex
# Reads the summary make prove writes (build/prove/summary.txt) and prints
# TeX for the macros of book/preamble.tex: one \provenumber{LAYER}{FN}{GOALS}{SECONDS}
# per row of its table (FN without its underscores; the totals are layer
# "all" with FN empty; a layer's run of its small functions, the row "*",
# is FN "small", its goals those of the rows marked *), and \provewhen,
# \provetools, \provetrusted and \provebits.  Without a summary (make
# prove has not run in this build) it prints nothing of these but a
# comment, and the book's macros say so: make book never needs Frama-C.
# The LAYER=FILES arguments are passed to tests/annotcount.sh, whose
# counts of ACSL and C lines are printed in either case: they need only
# the tangled files.
set -eu
sum=${1:?usage: provenumbers.sh SUMMARY [LAYER=FILES]...}
shift
[ $# -eq 0 ] || sh "$(dirname "$0")/annotcount.sh" "$@"
if [ ! -s "$sum" ]; then echo "% make prove has not run in this build: no $sum"; exit 0; fi
tex() { sed -e 's/[_&%#]/\\&/g'; }
echo "% generated from $sum by tests/provenumbers.sh; do not edit"
awk '/^  / && NF == 5 && $3 ~ /^[0-9]+$/ { f = $2; gsub(/[^A-Za-z]/, "", f)
        t = $5 ~ /^[0-9.]+$/ ? sprintf("%.0f", $5) : "--"
        if ($2 ~ /[*]$/) small[$1] += $3
        printf "\\provenumber{%s}{%s}{%d}{%s}\n", $1, f, $3, t }
     /^  / && NF == 5 && $2 == "*" && $5 ~ /^[0-9.]+$/ {
        printf "\\provenumber{%s}{small}{%d}{%.0f}\n", $1, small[$1], $5 }
     /^  all / && NF == 4 { printf "\\provenumber{all}{}{%d}{%.0f}\n", $2, $4 }' "$sum"
printf '%s\n' "\\def\\provewhen{run of $(date -u -r "$sum" '+%Y-%m-%d %H:%M UTC')}"
printf '%s\n' "\\def\\provetools{$(sed -n 's/^prove: \(Frama-C .*\)/\1/p' "$sum" | head -1 | tex)}"
printf '%s\n' "\\def\\provetrusted{$(sed -n 's/^prove: trusted base: //p' "$sum" | head -1 | tex)}"
# the whole run: the wall time of its runs, two at a time, and their CPU
v=$(sed -n 's/^prove: the runs took \([0-9.]*\) s of wall time.*/\1/p' "$sum" | awk '{ printf "%.0f", $1 }'); printf '%s\n' "\\def\\provewall{${v:-?}}"
v=$(sed -n 's/^prove: the runs used \([0-9.]*\) s of CPU.*/\1/p' "$sum" | awk '{ printf "%.0f", $1 }'); printf '%s\n' "\\def\\provecpu{${v:-?}}"
# the goals proved by Qed, WP's simplifier, and by a prover
v=$(sed -n 's/^prove: of the goals proved, \([0-9]*\) by Qed.*/\1/p' "$sum"); printf '%s\n' "\\def\\proveqed{${v:-?}}"
v=$(sed -n 's/^prove: of the goals proved, .*, \([0-9]*\) by a prover$/\1/p' "$sum"); printf '%s\n' "\\def\\proveprover{${v:-?}}"
printf '%s\n' "\\def\\provebits{$(sed -n 's/^prove: \([0-9]* facts about 32-bit words checked by z3\).*/\1/p' "$sum" | head -1 | tex)}"
# the broken mem_free of Chapter 4: goals proved, goals, the goals refused
sed -n 's/^prove: the broken mem_free refused.*: \([0-9]*\) of \([0-9]*\) goals proved, not proved: \(.*\)$/\1 \2 \3/p' "$sum" | head -1 \
  | while read -r p g refused; do
      printf '%s\n' "\\def\\provebrokenproved{$p}" "\\def\\provebrokengoals{$g}"
      printf '%s\n' "\\def\\provebrokenfailed{$(printf '%s\n' $refused | sed 's/_/\\_/g; s/.*/\\texttt{&}/' | tr '\n' ',' | sed 's/,$//; s/,/, /g')}"
    done

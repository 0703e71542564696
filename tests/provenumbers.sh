#!/bin/sh
# tests/provenumbers.sh -- the numbers of make prove that the book quotes.
#
# usage: sh tests/provenumbers.sh SUMMARY > prove-numbers.tex
# Reads the summary make prove writes (build/prove/summary.txt) and prints
# TeX for the macros of book/preamble.tex: one \provenumber{LAYER}{FN}{GOALS}{SECONDS}
# per row of its table (FN without its underscores; the totals are layer
# "all" with FN empty), and \provewhen, \provetools, \provetrusted and
# \provebits.  Without a summary (make prove has not run in this build) it
# prints nothing but a comment, and the book's macros say so: make book
# never needs Frama-C.
set -eu
sum=${1:?usage: provenumbers.sh SUMMARY}
if [ ! -s "$sum" ]; then echo "% make prove has not run in this build: no $sum"; exit 0; fi
tex() { sed -e 's/[_&%#]/\\&/g'; }
echo "% generated from $sum by tests/provenumbers.sh; do not edit"
awk '/^  / && NF == 5 && $3 ~ /^[0-9]+$/ { f = $2; gsub(/[^A-Za-z]/, "", f)
        printf "\\provenumber{%s}{%s}{%d}{%.0f}\n", $1, f, $3, $5 }
     /^  all / && NF == 4 { printf "\\provenumber{all}{}{%d}{%.0f}\n", $2, $4 }' "$sum"
printf '%s\n' "\\def\\provewhen{run of $(date -u -r "$sum" '+%Y-%m-%d %H:%M UTC')}"
printf '%s\n' "\\def\\provetools{$(sed -n 's/^prove: \(Frama-C .*\)/\1/p' "$sum" | head -1 | tex)}"
printf '%s\n' "\\def\\provetrusted{$(sed -n 's/^prove: trusted base: //p' "$sum" | head -1 | tex)}"
printf '%s\n' "\\def\\provebits{$(sed -n 's/^prove: \([0-9]* facts about 32-bit words checked by z3\).*/\1/p' "$sum" | head -1 | tex)}"

#!/bin/sh
# tests/annotcount.sh -- how many lines of a layer are for the prover.
#
# usage: sh tests/annotcount.sh LAYER=FILE[,FILE...] ...
# For each layer, counts the non-blank lines of its tangled files (the C
# files make prove reads, and the header of the same name where there is
# one) in two kinds: ACSL, the lines inside /*@ ... */ annotations and
# //@ lines; and C, every other line that is not a comment, a blank or a
# #line directive of noweb's.  Prints one \proveannot{LAYER}{ACSL}{C} per
# layer, for book/preamble.tex (\proveacsl{LAYER}, \provec{LAYER}).  The
# notes of Chapter 3 compare these counts with the annotation overhead of
# other verified systems.
set -eu
for arg in "$@"; do
    layer=${arg%%=*}
    files=$(printf '%s\n' "${arg#*=}" | tr ',' ' ')
    # shellcheck disable=SC2086
    awk -v layer="$layer" '
    FNR == 1 { state = "c" }
    {
      line = $0
      if (line ~ /^#line /) next
      if (state == "acsl") { if (line !~ /^[ \t]*$/) acsl++; if (index(line, "*/")) state = "c"; next }
      if (state == "comment") { if (index(line, "*/")) state = "c"; next }
      t = line; sub(/^[ \t]+/, "", t)
      if (t == "") next
      if (t ~ /^\/\/@/) { acsl++; next }
      if (t ~ /^\/\//) next
      if (t ~ /^\/\*@/) { acsl++; if (!index(substr(t, 4), "*/")) state = "acsl"; next }
      if (t ~ /^\/\*/) { if (!index(substr(t, 3), "*/")) state = "comment"; next }
      code++
      if (index(t, "/*@") && !index(substr(t, index(t, "/*@")), "*/")) state = "acsl"
      else if (index(t, "/*") && !index(substr(t, index(t, "/*")), "*/")) state = "comment"
    }
    END { printf "\\proveannot{%s}{%d}{%d}\n", layer, acsl, code }' $files
done

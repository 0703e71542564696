#!/bin/sh
# tests/floatcheck.sh DIR -- fail if a float splits a chunk or an exercise.
#
# DIR is an edition's LaTeX directory (build/book, ...).  book/preamble.tex
# records, with zref-savepos, where every code chunk (bvmm-cb-N, bvmm-ce-N),
# exercise (bvmm-eb-N, bvmm-ee-N) and figure or table (bvmm-fb-N,
# bvmm-fe-N) begins and ends: the absolute page and the height on it.
# A float whose beginning lies after the beginning of a chunk or exercise
# and before its end, in reading order (page, then from the top down),
# splits it: a reader meets the figure in the middle of the code.  Each
# such float is named with its page and the page the chunk or exercise
# begins on, and the check fails (issue 17).
set -eu
dir=${1:?usage: sh tests/floatcheck.sh DIR}
aux=$dir/book.aux
[ -f "$aux" ] || { echo "floatcheck: no $aux" >&2; exit 1; }
awk '
# \zref@newlabel{bvmm-cb-12}{\posx{..}\posy{..}\abspage{..}}
/^\\zref@newlabel\{bvmm-(cb|ce|eb|ee|fb|fe)-[0-9]+\}/ {
    l = $0; sub(/^\\zref@newlabel\{bvmm-/, "", l)
    kind = substr(l, 1, 2); n = l; sub(/^..-/, "", n); sub(/\}.*/, "", n)
    y = l; if (!sub(/.*\\posy\{/, "", y)) next; sub(/\}.*/, "", y)
    p = l; if (!sub(/.*\\abspage\{/, "", p)) next; sub(/\}.*/, "", p)
    page[kind, n] = p + 0; ypos[kind, n] = y + 0
    if (n + 0 > max[kind]) max[kind] = n + 0
}
# a before b in reading order: an earlier page, or higher on the same one
function before(ka, na, kb, nb) {
    if (page[ka, na] != page[kb, nb]) return page[ka, na] < page[kb, nb]
    return ypos[ka, na] > ypos[kb, nb]
}
function scan(b, e, what,   i, j) {
    for (i = 1; i <= max["fb"]; i++) {
        if (!(("fb", i) in page)) continue
        for (j = 1; j <= max[b]; j++) {
            if (!((b, j) in page) || !((e, j) in page)) continue
            if (before(b, j, "fb", i) && before("fb", i, e, j)) {
                printf "floatcheck: the float on page %d splits the %s that begins on page %d\n", page["fb", i], what, page[b, j]
                bad++
            }
        }
    }
}
END {
    if (max["cb"] == 0) { print "floatcheck: no positions in the .aux (book/preamble.tex records them)"; exit 1 }
    scan("cb", "ce", "code chunk"); scan("eb", "ee", "exercise")
    if (bad) { printf "floatcheck: %d floats split a chunk or an exercise (pages are absolute, as pdftoppm counts them); move each figure or table before or after it\n", bad; exit 1 }
    printf "floatcheck: %d floats, %d chunks, %d exercises: no float splits a chunk or an exercise\n", max["fb"], max["cb"], max["eb"]
}' "$aux"

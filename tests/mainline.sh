#!/bin/sh
# tests/mainline.sh -- how much of each chapter is main line (issue 17).
#
# usage: sh tests/mainline.sh BOOKDIR        (e.g. build/book)
#
# Pages: from BOOKDIR/book.toc, a chapter's main line runs from its first
# page to the first page of the next chapter (the last one to "Behind the
# chapters", or to the index of chunks if nothing is behind); its
# scaffolding is its appendix, "Behind Chapter N".  Lines: the chapters'
# markup in the reader's edition (tests/nwedition.sh student), with the
# scaffold blocks moved out (tests/nwscaffold.sh); a chapter's main-line
# lines are the non-blank lines before the appendices, counted as prose
# (documentation: text, mathematics, figures) or code (code chunks).  The
# measure is the same every time: lines of source, not area on the page.
# Prints one row per chapter and a total; the targets of issue 17 are a
# main matter of at most 300 pages, at most 40 pages of main line per
# chapter and at least 60% prose in every layer chapter (2 to 8).
set -eu
dir=${1:?usage: mainline.sh BOOKDIR}
NW=$(ls chapters/*.nw)
pages=$(mktemp); trap 'rm -f "$pages"' EXIT
# chapter starts (ch NUMBER PAGE), appendix starts (app - PAGE), and where
# the main matter ends (end - PAGE)
awk '
/^\\contentsline \{chapter\}/ {
    t = $0; sub(/^\\contentsline \{chapter\}\{/, "", t)
    n = split($0, f, "}{"); pg = f[n - 1]
    if (t ~ /^\\numberline \{[0-9]+\}/) {
        num = t; sub(/^\\numberline \{/, "", num); sub(/\}.*/, "", num)
        print "ch", num, pg
    } else if (t ~ /^\\numberline \{[A-Z]+\}/) {
        print "app", "-", pg
    } else if (t ~ /^Behind the chapters/ || t ~ /^Index of chunks/) {
        print "end", "-", pg
    }
}' "$dir/book.toc" > "$pages"
for f in $NW; do
    /usr/lib/noweb/markup "$f" | sh tests/nwedition.sh student | sh tests/nwscaffold.sh
done | awk -v pagesfile="$pages" '
BEGIN {
    while ((getline line < pagesfile) > 0) {
        split(line, w, " ")
        if (w[1] == "ch") { nch++; start[nch] = w[3] }
        else if (w[1] == "app" && astart == "") astart = w[3]
        else if (w[1] == "end" && mainend == "") mainend = w[3]
    }
}
/^@file / { file = substr($0, 7); nf++; name[nf] = file; inapp = 0; next }
/^@text \\scaffoldappendix/ { inapp = 1 }
/^@begin code/ { code = 1 } /^@end code/ { code = 0 }
/^@begin docs/ { code = 0 }
/^@text / && !inapp {
    t = substr($0, 7); if (t ~ /^[ \t]*$/) next
    if (code) c[nf]++; else d[nf]++
}
/^@text / && inapp { t = substr($0, 7); if (t !~ /^[ \t]*$/) behind[nf]++ }
END {
    printf "%-22s %6s %6s %7s %7s %7s %7s\n", "chapter", "first", "pages", "prose", "code", "prose%", "behind"
    for (i = 1; i <= nf; i++) {
        nxt = (i < nch) ? start[i + 1] : mainend
        p = nxt - start[i]; tot += p
        pct = (d[i] + c[i]) ? 100 * d[i] / (d[i] + c[i]) : 0
        n = name[i]; sub(/^chapters\//, "", n); sub(/\.nw$/, "", n)
        printf "%-22s %6s %6d %7d %7d %6.0f%% %7d\n", n, start[i], p, d[i], c[i], pct, behind[i] + 0
        td += d[i]; tc += c[i]
    }
    printf "%-22s %6s %6d %7d %7d %6.0f%%\n", "main matter", "", tot, td, tc, 100 * td / (td + tc)
    if (astart != "") printf "behind the chapters: from page %s\n", astart
}'

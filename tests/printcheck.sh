#!/bin/sh
# tests/printcheck.sh DIR -- fail if code prints other than typed in DIR.pdf.
#
# DIR is an edition's LaTeX directory (build/book, build/book-student, ...):
# DIR/chapters.tex is what noweave wrote, DIR.pdf the typeset book.  Code
# must print as typed: `--' as two hyphens, not an en dash; quotes
# straight, not curly; `<<' and `>>' as typed, not guillemets; no `,,' `!`'
# `?`' ligatures.  T1 fonts do all of these unless told not to (book/
# preamble.tex tells them); this check makes sure, after every build.
#
# How it finds code in the PDF.  From chapters.tex it takes every code
# line of every chunk and every piece of quoted code ([[...]] in the prose
# and in chunk names), undoes noweave's markup (identifier links, escapes;
# a chunk reference is prose and splits a line into pieces), and keeps the
# pieces of 3 or more characters that hold what T1 may change: -- << >>
# ,, ' ` (and so !` ?`).  It reads the text of the PDF (pdftotext -layout)
# line by line with all white space removed, as printed and "folded":
# every dash, curly quote, guillemet and inverted mark written back as the
# ASCII it is made of (an en dash as --, a right quote as ', a guillemet
# as <<; the grave accent folded to ' as well).  A piece found in a line
# folded but not as printed is code that printed wrong: the check names
# the page, the chunk, the source line and the printed line, and fails.
# A dash or a curly quote typed into a code line fails too.  Pieces found
# nowhere (a line cut by the paper's edge, say) are counted, not failed.
# All failures go to DIR/printcheck.log, the first 25 to standard error.
# It takes about as long as pdftotext (5 s for the book; awk, 0.3 s).
set -eu
dir=${1:?usage: sh tests/printcheck.sh DIR (reads DIR/chapters.tex and DIR.pdf)}
tex=$dir/chapters.tex
pdf=$dir.pdf
for f in "$tex" "$pdf"; do
  [ -f "$f" ] || { echo "printcheck: no $f" >&2; exit 1; }
done
txt=$dir/printcheck.txt                  # the PDF as text; kept to look at
pdftotext -layout -enc UTF-8 "$pdf" "$txt" || { echo "printcheck: pdftotext failed on $pdf" >&2; exit 1; }

rm -f "$dir/printcheck.log"
LC_ALL=C awk -v pdf="$pdf" -v tex="$tex" -v logf="$dir/printcheck.log" -v nwfiles="$(ls chapters/*.nw 2>/dev/null | tr '\n' ' ')" '
BEGIN {
  Q = "\047"
  # en and em dash, curly single and double quotes, low double quote;
  # guillemets, inverted ! and ?  (UTF-8)
  typo = "\342\200[\223\224\230\231\234\235\236]|\302[\253\273\241\277]"
  # what T1 turns into one of them: ligatures and the two quotes
  risky = "--|<<|>>|,,|[!?]?`|" Q
}
function fold(s) {
  gsub(/\342\200\224/, "---", s); gsub(/\342\200\223/, "--", s)
  gsub(/\342\200\230|\342\200\231/, Q, s)
  gsub(/\342\200\234|\342\200\235/, Q Q, s)
  gsub(/\342\200\236/, ",,", s)
  gsub(/\302\253/, "<<", s); gsub(/\302\273/, ">>", s)
  gsub(/\302\241/, "!" Q, s); gsub(/\302\277/, "?" Q, s)
  gsub(/`/, Q, s)
  return s
}
function squeeze(s) { gsub(/[ \t\r\f]+/, "", s); return s }
function trim(s) { sub(/^[ \t\f]+/, "", s); sub(/[ \t]+$/, "", s); return s }
# \nwlinkedidentc{X}{LABEL}, \nwlinkedidentq{X}{LABEL} print X.
function unlink(s,   out, t) {
  out = ""
  while (match(s, /\\nwlinkedident[cq]\{[^{}]*\}\{[^{}]*\}/)) {
    t = substr(s, RSTART, RLENGTH); sub(/^\\nwlinkedident[cq]\{/, "", t); sub(/\}\{.*/, "", t)
    out = out substr(s, 1, RSTART - 1) t; s = substr(s, RSTART + RLENGTH)
  }
  return out s
}
# A chunk reference \LA{}name~{...}\RA{} is prose: it ends a piece.
function unref(s,   out, i, j) {
  out = ""
  while ((i = index(s, "\\LA{}")) > 0) {
    j = index(substr(s, i), "\\RA{}")
    if (j == 0) { s = substr(s, 1, i - 1); break }
    out = out substr(s, 1, i - 1) "\n"; s = substr(s, i + j + 4)
  }
  return out s
}
# A code line as noweave writes it: \\ \{ \} are characters; the index
# markup after the code (\nwindexdefn ..., \eatline) prints nothing.
function code_text(s) {
  sub(/\\(nwindex|nwused|nwidentdefs|nwidentuses|nwnotused|nwendcode|nwalsodefined|eatline).*/, "", s)
  s = unref(s)
  gsub(/\\\\/, "\001", s)
  s = unlink(s)
  gsub(/\\\{/, "\002", s); gsub(/\\\}/, "\003", s)
  return known(s)
}
# Quoted code: {\_} {\&} {\char126} {\nwbackslash} ..., "\ " a space.
function quoted_text(s,   n, c) {
  s = unref(s)
  gsub(/\\ /, " ", s)
  gsub(/\{\\nwbackslash\}|\\nwbackslash\{\}/, "\001", s)
  gsub(/\{\\nwlbrace\}|\\nwlbrace\{\}/, "\002", s); gsub(/\{\\nwrbrace\}|\\nwrbrace\{\}/, "\003", s)
  while (match(s, /\{\\char[0-9]+\}/)) {
    n = substr(s, RSTART + 6, RLENGTH - 7) + 0
    c = n == 92 ? "\001" : n == 123 ? "\002" : n == 125 ? "\003" : sprintf("%c", n)
    s = substr(s, 1, RSTART - 1) c substr(s, RSTART + RLENGTH)
  }
  while (match(s, /\{\\[_&#%$^~]\}/)) s = substr(s, 1, RSTART - 1) substr(s, RSTART + 2, 1) substr(s, RSTART + RLENGTH)
  while (match(s, /\\[_&#%$]/)) s = substr(s, 1, RSTART - 1) substr(s, RSTART + 1, 1) substr(s, RSTART + RLENGTH)
  return known(unlink(s))
}
# Text left with markup we do not know is skipped (and counted).
function known(s) {
  if (s ~ /[\\{}]/) { unknown++; return "" }
  gsub(/\001/, "\\", s); gsub(/\002/, "{", s); gsub(/\003/, "}", s)
  return s
}
function chunk_name(s) {
  sub(/^.*\\moddef\{/, "", s); sub(/~\{\\nwtagstyle.*/, "", s)
  gsub(/\\code\{\}/, "[[", s); gsub(/\\edoc\{\}/, "]]", s)
  gsub(/\{\\_\}|\\_/, "_", s); gsub(/\\ /, " ", s)
  return "<<" s ">>"
}
function add(text, where, texline,   np_, p, k, sq) {
  np_ = split(text, p, "\n")
  for (k = 1; k <= np_; k++) {
    sq = squeeze(p[k])
    if (length(sq) < 3 || sq !~ risky) continue
    n++; item[n] = sq; fitem[n] = fold(sq); where_[n] = where; src[n] = trim(p[k]); tl[n] = texline
  }
}
# Every \code{}...\edoc{} (quoted code in a chunk name) and {\Tt{}...\nwendquote}.
function quoted_pieces(s, where,   i, j) {
  while ((i = index(s, "\\code{}")) > 0) {
    s = substr(s, i + 7); j = index(s, "\\edoc{}")
    if (j == 0) break
    nquoted++; add(quoted_text(substr(s, 1, j - 1)), where, FNR); s = substr(s, j + 7)
  }
}
FILENAME == tex {                              # chapters.tex
  quoted_pieces($0, incode ? "chunk name in " chunk : "a chunk name")
  if (index($0, "\\nwbegincode{")) { incode = 1; chunk = chunk_name($0); nchunks++; next }
  if (incode) {
    t = code_text($0)
    if (t ~ typo) { bad++; printf "printcheck: %s:%d: chunk %s: a dash or curly quote typed in code:\n    %s\n", FILENAME, FNR, chunk, t > "/dev/stderr" }
    if (t ~ /[^ \t]/) ncode++
    add(t, "chunk " chunk, FNR)
    if (index($0, "\\nwendcode{}")) incode = 0
    next
  }
  s = $0
  while ((i = index(s, "{\\Tt{}")) > 0) {
    s = substr(s, i + 6); j = index(s, "\\nwendquote}")
    if (j == 0) break
    nquoted++; add(quoted_text(substr(s, 1, j - 1)), "quoted code [[...]]", FNR); s = substr(s, j + 12)
  }
  next
}
{                                             # the PDF text
  if (index($0, "\f")) { page += gsub(/\f/, ""); first[page + 1] = "" }
  p = page + 1
  np++; raw[np] = squeeze($0); pg[np] = p; line[np] = $0; rawset[raw[np]]
  if ($0 ~ /[^ ]/) { if (first[p] == "") first[p] = $0; last[p] = $0 }
  if (raw[np] ~ typo) { nt++; traw[nt] = raw[np]; tfold[nt] = fold(raw[np]); tline[nt] = np; tfoldset[tfold[nt]] = nt }
}
# The printed page number: in the running head, or alone at the foot.
function folio(p,   s) {
  s = first[p]
  if (match(s, /^ *[0-9ivxlc]+   /) || match(s, /   [0-9ivxlc]+ *$/)) return "p. " trim(substr(s, RSTART, RLENGTH)) " (PDF page " p ")"
  if (last[p] ~ /^ *[0-9ivxlc]+ *$/) return "p. " trim(last[p]) " (PDF page " p ")"
  return "PDF page " p
}
END {
  if (nchunks == 0 || n == 0) {
    printf "printcheck: %s: found no code to check (%d chunks); has noweave'"'"'s markup changed?\n", tex, nchunks > "/dev/stderr"
    exit 1
  }
  for (k = 1; k <= n; k++) {
    # A code line is a line of print: look it up whole first, and search
    # the lines for it only when it is not one.
    hit = 0
    if (fitem[k] in tfoldset) t0 = t1 = tfoldset[fitem[k]]
    else if (item[k] in rawset) { t0 = 1; t1 = 0 }
    else { t0 = 1; t1 = nt }
    for (t = t0; t <= t1 && !hit; t++)
      if (index(tfold[t], fitem[k]) && !index(traw[t], item[k])) {
        fails++; hit = 1; m = tline[t]
        msg[fails] = sprintf("%s: %s (%s line %d)\n    typed:   %s\n    printed: %s", \
          folio(pg[m]), where_[k], tex, tl[k], src[k], trim(line[m]))
        who[fails] = src[k]
      }
    if (hit || item[k] in rawset) continue
    found = 0
    for (m = 1; m <= np && !found; m++) if (index(raw[m], item[k])) found = 1
    if (!found && ++missing == 1) miss = where_[k] ": " src[k]
  }
  if (fails) {
    # where the line is typed: its first occurrence in the chapters
    for (f = 1; f <= fails; f++) wanted[who[f]]
    nnw = split(nwfiles, nw, " ")
    for (i = 1; i <= nnw; i++) {
      ln = 0
      while ((getline l < nw[i]) > 0) {
        ln++; l = trim(l)
        if ((l in wanted) && !(l in loc)) loc[l] = nw[i] ":" ln ": "
      }
      close(nw[i])
    }
    for (f = 1; f <= fails; f++) {
      printf "printcheck: %s%s\n", loc[who[f]], msg[f] > logf
      if (f <= 25) printf "printcheck: %s%s\n", loc[who[f]], msg[f] > "/dev/stderr"
    }
    if (fails > 25) printf "printcheck: ... and %d more, all in %s\n", fails - 25, logf > "/dev/stderr"
    printf "printcheck: %s: %d piece(s) of code print other than typed (a dash or a curly quote for - or %s, guillemets for << >>); the fonts are set up in book/preamble.tex\n", pdf, fails, Q > "/dev/stderr"
    exit 1
  }
  if (bad) exit 1
  printf "printcheck: %s: code prints as typed (%d code lines in %d chunks, %d pieces of quoted code; %d hold -- %s ` << >> ,, and all print so", \
    pdf, ncode, nchunks, nquoted, n, Q
  if (missing) printf "; %d not found in the text, e.g. %s", missing, miss
  if (unknown) printf "; %d left unread for unknown markup", unknown
  printf ")\n"
}
' "$tex" "$txt"

#!/bin/sh
# tests/nwedition.sh -- a noweb filter that makes one edition of the book
# from the chapters' markup.  It runs first in every notangle and noweave
# pipeline (before autodefs and the index), and in the chunk lint.
#
# usage: sh tests/nwedition.sh MODE      (a filter: noweb markup in and out)
#
# A programming exercise ID has a stub chunk <<exercise ID>> (what the
# student starts from; it is used by the root src/ex/ID.c) and a solution
# chunk <<solution ID>>, which may use parts of its own, chunks named
# <<solution ID: PART>> (a decoy may borrow a part: the half of the answer
# it does not try to cheat on).  Any exercise may have a solution environment,
#   \begin{solution}{ID} ... \end{solution}     (each on a line of its own)
# MODE is one of
#   reference   code of the reference build: the solution takes the stub's
#               place (the <<exercise ID>> chunks are dropped and every
#               <<solution ID>> is renamed <<exercise ID>>; its parts
#               keep their names);
#   student     code of the student build, and the reader's and the
#               student's PDF: solution chunks and their parts, solution environments and
#               decoys (roots src/decoy/...) are dropped, the stubs stay;
#   instructor  the instructor's PDF: the stubs stay in the chapters, and
#               every solution (environment and chunk) moves to an appendix
#               at the end of the book, in the order of the exercises.
# Chunks are renumbered, so that the numbers stay consecutive.  With
# NWEDITION_KEEPLINES=1 (the chunk lint) every line break of dropped text
# is kept as an `@index nl`, so that line numbers counted in the output
# still match the chapter files.
mode=${1:?usage: nwedition.sh reference|student|instructor}
case $mode in reference|student|instructor) ;; *)
    echo "nwedition: unknown mode '$mode'" >&2; exit 2;; esac
exec awk -v mode="$mode" -v keep="${NWEDITION_KEEPLINES:-}" '
function emit(line) { out[++nout] = line }
function dropped(line) { if (keep != "" && (line == "@nl" || line == "@index nl")) emit("@index nl") }
function renumber(line,    w) {
    if (line ~ /^@(begin|end) (docs|code) [0-9]+$/) {
        split(line, w, " ")
        if (w[1] == "@begin") ++chunkno
        return w[1] " " w[2] " " chunkno
    }
    return line
}
# The chapter slug of a file name chapters/NN-slug.nw.
function slugof(f,    s) { s = f; sub(/^.*\//, "", s); sub(/^[0-9]+-/, "", s); sub(/\.nw$/, "", s); return s }
{ line[++n] = $0 }
END {
    cur = ""; insol = ""
    for (i = 1; i <= n; i++) {
        l = line[i]
        if (l ~ /^@file /) { cur = substr(l, 7) }
        # A code chunk: look at its name first.
        if (l ~ /^@begin code /) {
            name = (line[i+1] ~ /^@defn /) ? substr(line[i+1], 7) : ""
            j = i; while (line[j] !~ /^@end code /) j++
            if (name ~ /^solution /) {
                id = substr(name, 10); part = id ~ /: /
                sub(/: .*$/, "", id)
                if (mode == "reference" && part) {
                    for (k = i; k <= j; k++) emit(line[k])
                } else if (mode == "reference") {
                    emit(l); emit("@defn exercise " id)
                    for (k = i + 2; k <= j; k++) emit(line[k])
                } else if (mode == "instructor") {
                    for (k = i; k <= j; k++) { solcode[id] = solcode[id] line[k] "\n"; dropped(line[k]) }
                } else {
                    for (k = i; k <= j; k++) dropped(line[k])
                }
                i = j; continue
            }
            if (name ~ /^exercise / && mode == "reference") { for (k = i; k <= j; k++) dropped(line[k]); i = j; continue }
            # A decoy (a wrong answer the graders must refuse) may be most of
            # a solution: only the reference build and the instructor see it.
            if (name ~ /^src\/decoy\// && mode == "student") { for (k = i; k <= j; k++) dropped(line[k]); i = j; continue }
            for (k = i; k <= j; k++) emit(line[k])
            i = j; continue
        }
        # Exercise headers, for the titles in the appendix.
        if (l ~ /^@text .*\\begin\{exercise\}\{/) {
            h = l; sub(/^.*\\begin\{exercise\}\{/, "", h)
            id = h; sub(/\}.*$/, "", id)
            t = h; sub(/^[^}]*\}\{/, "", t); sub(/\}\{.*$/, "", t)
            if (!(id in extitle)) { exorder[++nex] = id; exchap[id] = slugof(cur) }
            extitle[id] = t
        }
        # A solution environment inside a documentation chunk.
        if (l ~ /^@text[ \t]*\\begin\{solution\}\{/) {
            id = l; sub(/^.*\\begin\{solution\}\{/, "", id); sub(/\}.*$/, "", id)
            insol = id
            if (line[i+1] == "@nl") { i++; dropped("@nl") }
            continue
        }
        if (insol != "") {
            if (l ~ /^@text[ \t]*\\end\{solution\}/) {
                insol = ""
                if (line[i+1] == "@nl") { i++; dropped("@nl") }
                continue
            }
            if (l ~ /^@(begin|end) docs/ || l ~ /^@file/) {
                printf "nwedition: %s: \\begin{solution}{%s} without \\end{solution} in the same chunk\n", cur, insol > "/dev/stderr"
                bad = 1; insol = ""
            } else {
                if (mode == "instructor") soltext[insol] = soltext[insol] l "\n"
                dropped(l)
                continue
            }
        }
        emit(l)
    }
    if (bad) exit 1
    # The appendix of the instructor edition, at the end of the last file.
    if (mode == "instructor") {
        emit("@begin docs 0")
        emit("@text \\appendix"); emit("@nl")
        emit("@text \\chapter{Solutions to the exercises}\\label{ch:solutions}"); emit("@nl")
        emit("@text This appendix is printed only in the instructor\\textquoteright{}s edition."); emit("@nl")
        emit("@text It holds the solution of every exercise, chapter by chapter, and the"); emit("@nl")
        emit("@text code of every graded programming exercise (in the other editions the"); emit("@nl")
        emit("@text chapters show only the stubs students start from)."); emit("@nl")
        chap = ""
        for (e = 1; e <= nex; e++) {
            id = exorder[e]
            if (!(id in soltext) && !(id in solcode)) continue
            if (exchap[id] != chap) {
                chap = exchap[id]
                emit("@text \\section*{Chapter~\\ref{ch:" chap "}: \\nameref{ch:" chap "}}"); emit("@nl")
                emit("@text \\addcontentsline{toc}{section}{Chapter~\\ref{ch:" chap "}}"); emit("@nl")
            }
            emit("@text \\subsection*{Exercise~\\ref{ex:" id "}\\enspace " extitle[id] "}\\phantomsection\\label{sol:" id "}"); emit("@nl")
            emit("@text {\\small\\itshape The exercise is on page~\\pageref{ex:" id "}.}\\par"); emit("@nl")
            m = split(soltext[id], s, "\n")
            for (k = 1; k < m; k++) emit(s[k])
            if (id in solcode) {
                emit("@text The reference code, which \\texttt{make code} tangles into"); emit("@nl")
                emit("@text \\texttt{build/src/ex/" id ".c} in place of the stub:"); emit("@nl")
                emit("@end docs 0")
                m = split(solcode[id], s, "\n")
                for (k = 1; k < m; k++) emit(s[k])
                emit("@begin docs 0")
            }
        }
        emit("@end docs 0")
    }
    for (k = 1; k <= nout; k++) print renumber(out[k])
}'

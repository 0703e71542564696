#!/bin/sh
# tests/editionfront.sh -- the opening pages of the student's and the
# instructor's editions (book/book.tex inputs editionfront.tex when the
# edition has one; the reader's edition has none).
#
# usage: sh tests/editionfront.sh student|instructor EXERCISES > editionfront.tex
#   EXERCISES is the list of tests/exercises.sh (ID CHAPTER DIFFICULTY KIND TITLE).
# student: a chapter "Your exercises" that says how to work (the file to
#   edit, the stub it starts as, make grade EX=ID, the points) and lists the
#   programming exercises; each exercise then ends with its file and command.
# instructor: a chapter "For the instructor" that lists every exercise with
#   the page of its solution in the appendix and, for a programming exercise
#   (and only there), where its reference code is; each exercise then ends
#   with a link to its solution.
set -eu
mode=${1:?usage}; list=${2:?usage}
tab=$(printf '\t')
case $mode in
student)
cat <<'TEX'
\chapter*{Your exercises}
\addcontentsline{toc}{chapter}{Your exercises}
\markboth{Your exercises}{Your exercises}
This is the student's edition: the book without the solutions of its
exercises. The exercises for pencil and paper are answered in prose;
the programming exercises are graded by machine. Each programming
exercise \texttt{ID} is a file \texttt{src/ex/ID.c} of the student's
code, which \texttt{make student} writes into \texttt{build/student/}
and a handout of the chapter (\texttt{make handout CH=slug}) holds in
its \texttt{src/}. The file starts as the exercise's stub, printed in
the chapter right after the exercise: it compiles, and fails the graded
tests. Edit it, then run \texttt{make grade EX=ID}: it compiles the
file, checks that it calls only what the exercise allows, runs the
graded tests on fresh random inputs (the seed is printed;
\texttt{SEED=n} repeats a run) and scores the exercise its difficulty
in points if every test passes, nothing otherwise. The paragraph
\emph{Graded} of each exercise says what is checked.
\begin{center}\small
\begin{longtable}{@{}lllr@{}}\toprule
exercise & title & the file to edit & points\\\midrule\endhead
TEX
while IFS="$tab" read -r id chap diff kind title; do
    [ "$kind" = code ] || continue
    printf '\\ref{ex:%s}, p.~\\pageref{ex:%s} & %s & \\texttt{src/ex/%s.c} & %s\\\\\n' \
        "$id" "$id" "$title" "$id" "$diff"
done < "$list"
cat <<'TEX'
\bottomrule
\end{longtable}
\end{center}
\newcommand{\bvmmexercisefoot}[3]{\bvmmifcode{#3}{{\small\itshape
  Your file: \texttt{src/ex/#1.c}, which starts as the stub
  $\langle$\textup{exercise #1}$\rangle$ below; \texttt{make grade EX=#1}
  grades it (#2~points).}}{}}
TEX
;;
instructor)
cat <<'TEX'
\chapter*{For the instructor}
\addcontentsline{toc}{chapter}{For the instructor}
\markboth{For the instructor}{For the instructor}
This is the instructor's edition: the book with the solution of every
exercise in an appendix, and with the \emph{decoys}, wrong answers
written to fool the graders, which \texttt{make check} requires to
score nothing. Every exercise ends with a link to its solution. A
programming exercise's reference code is the solution's chunk, printed
with the solution; \texttt{make code} tangles it into
\texttt{build/src/ex/ID.c} and \texttt{make grade} grades it as a
student's answer. The student's edition (\texttt{make student}) and a
chapter's handout (\texttt{make handout CH=slug}) hold the stubs
instead.
\begin{center}\small
\begin{longtable}{@{}llrll@{}}\toprule
exercise & kind & points & solution & reference code in \texttt{build/src/ex/}\\\midrule\endhead
TEX
while IFS="$tab" read -r id chap diff kind title; do
    if [ "$kind" = code ]; then code="\\texttt{$id.c}"; k=programming
    else code='---'; k=pencil; fi
    printf '\\ref{ex:%s} \\texttt{%s} & %s & %s & \\hyperref[sol:%s]{p.~\\pageref*{sol:%s}} & %s\\\\\n' \
        "$id" "$id" "$k" "$diff" "$id" "$id" "$code"
done < "$list"
cat <<'TEX'
\bottomrule
\end{longtable}
\end{center}
\newcommand{\bvmmexercisefoot}[3]{{\small\itshape
  Solution: \hyperref[sol:#1]{page~\pageref*{sol:#1}}\bvmmifcode{#3}{;
  reference code in \texttt{build/src/ex/#1.c} (\texttt{make code})}{}.}}
TEX
;;
*) echo "editionfront: unknown mode '$mode'" >&2; exit 2;;
esac

#!/bin/sh
# tests/handout.sh -- assemble the handout of one chapter (make handout).
#
# usage: sh tests/handout.sh SLUG OUT.tar.gz
# Reads (all made by the build): build/exercises.txt, build/student/ (the
# student tree), build/book-student.pdf and its build/book-student/book.aux.
# Writes OUT.tar.gz holding one directory babyvmm-SLUG/ with
#   SLUG.pdf          a cover page (the chapter, the chapters it builds on,
#                     its graded exercises) and the chapter's pages of the
#                     student edition
#   README, Makefile  how to work and grade; make grade works there alone
#   exercises.txt     the chapter's exercises
#   grade.sh          the grading script (the book's own)
#   imports.sh,       the import check (the book's own) and the lists of
#   imports/          what each exercise's object may import
#   src/              the library, student build (no #line, no solutions);
#                     src/ex/ID.c holds the stubs the student completes;
#                     src/stub/ the checking stubs some graded tests run on
#   tests/            the runner and the chapter's graded tests (two files,
#                     ID.c and ID.chk.c, for an exercise graded on a stub)
set -eu
slug=${1:?usage: handout.sh SLUG OUT.tar.gz}; out=${2:?usage: handout.sh SLUG OUT.tar.gz}
top=$(pwd)
aux=build/book-student/book.aux
name=babyvmm-$slug
work=build/handout/$slug
rm -rf "$work" && mkdir -p "$work/$name"
dir=$work/$name

ids=$(awk -F'\t' -v c="$slug" '$2 == c && $4 == "code" { print $1 }' build/exercises.txt)
prover=
# A chapter without programming exercises still makes a handout: the
# chapter and the code to read, with nothing to grade.

# --- The code: the whole library (every layer's .c and .h, student build),
#     the chapter's stubs, its graded tests, the runner.
mkdir -p "$dir/src/ex" "$dir/tests/grade"
for f in build/student/src/*.c build/student/src/*.h; do cp "$f" "$dir/src/"; done
for f in build/student/tests/*.h; do [ -e "$f" ] && cp "$f" "$dir/tests/"; done
for id in $ids; do
    cp "build/student/src/ex/$id.c" "$dir/src/ex/"
    cp "build/student/tests/grade/$id.c" "$dir/tests/grade/"
    # An exercise graded by the prover (grade.mk, graded-bin-wp): what the
    # prover grades, and the exercise's file as handed out.
    if [ -f "build/student/tests/grade/$id.wp" ]; then
        cp "build/student/tests/grade/$id.wp" "build/student/tests/grade/$id.frame" "$dir/tests/grade/"
        prover=yes
    fi
    # An exercise about how an operation runs is graded on the chapter's
    # checking stub as well (grade.mk, graded-bin-chk): its second file of
    # graded tests, the list of what stands in for the library below
    # (tests/grade/ID.chk, a line "src: ..."), and the stubs it names.
    f=build/student/tests/grade/$id.chk
    [ -f "$f" ] || continue
    cp "$f" "build/student/tests/grade/$id.chk.c" "$dir/tests/grade/"
    for o in $(sed -n 's/^src://p' "$f"); do
        case $o in */*) mkdir -p "$dir/src/$(dirname "$o")"
                        cp "build/student/src/$o.c" "$dir/src/$(dirname "$o")/"
                        [ ! -f "build/student/src/$o.h" ] ||
                            cp "build/student/src/$o.h" "$dir/src/$(dirname "$o")/";;
        esac
    done
done
cp tests/runner.c tests/testlib.h "$dir/tests/"
cp tests/grade.sh tests/imports.sh tests/wpgrade.sh tests/handout/Makefile "$dir/"
# What each exercise that writes layer code may import, with the layers'
# lists it includes.
mkdir -p "$dir/imports"
cp build/student/tests/imports/*.txt "$dir/imports/"
for id in $ids; do
    f=build/student/tests/imports/ex/$id.txt
    [ ! -f "$f" ] || cp "$f" "$dir/imports/"
done
awk -F'\t' -v c="$slug" '$2 == c' build/exercises.txt > "$dir/exercises.txt"

# --- The chapter's pages.  The student edition's .aux gives each chapter's
#     number and title (hyperref's \newlabel{ch:slug}{{N}{PAGE}{TITLE}...})
#     and, through zref, the absolute page where each chapter starts (the
#     label \builds writes) and where the back matter starts.
label() { # $1 = label: prints number<TAB>title
    sed -n "s/^\\\\newlabel{$1}{{\\([^}]*\\)}{[^}]*}{\\(.*\\)}{chapter\\.[^}]*}{}}\$/\\1	\\2/p" "$aux" | head -1
}
abspage() { sed -n "s/^\\\\zref@newlabel{$1}{.*\\\\abspage{\\([0-9]*\\)}.*/\\1/p" "$aux" | head -1; }
info=$(label "ch:$slug")
[ -n "$info" ] || { echo "handout: no chapter ch:$slug in $aux" >&2; exit 1; }
num=$(printf '%s' "$info" | cut -f1); title=$(printf '%s' "$info" | cut -f2)
first=$(abspage "bvmm-ch-$num")
last=$(abspage "bvmm-ch-$((num + 1))")
[ -n "$last" ] || last=$(abspage bvmm-scaffold)
[ -n "$last" ] || last=$(abspage bvmm-backmatter)
[ -n "$first" ] && [ -n "$last" ] && [ "$last" -gt "$first" ] \
    || { echo "handout: cannot find the pages of chapter $slug in $aux" >&2; exit 1; }
last=$((last - 1))
# ... and its appendix, "Behind Chapter N", if it has one: from its
# heading to the next appendix's, or to the back matter.
pages="$first-$last"
bfirst=$(abspage "bvmm-behind-ch:$slug")
if [ -n "$bfirst" ]; then
    bnext=$(sed -n "s/^\\\\zref@newlabel{bvmm-\\(behind-[^}]*\\|backmatter\\)}{.*\\\\abspage{\\([0-9]*\\)}.*/\\2/p" "$aux" \
            | sort -n | awk -v b="$bfirst" '$1 > b { print; exit }')
    [ -n "$bnext" ] && [ "$bnext" -gt "$bfirst" ] \
        || { echo "handout: cannot find the end of the appendix of chapter $slug in $aux" >&2; exit 1; }
    pages="$pages,$bfirst-$((bnext - 1))"
fi

# The chapters this one builds on, directly or not (the \builds lines).
deps=$(sh tests/chapdeps.sh closure "$slug" chapters/*.nw)
depline=
for d in $deps; do
    di=$(label "ch:$d"); [ -n "$di" ] || continue
    depline="$depline\\item Chapter $(printf '%s' "$di" | cut -f1): $(printf '%s' "$di" | cut -f2)
"
done
[ -n "$depline" ] || depline="\\item none: this chapter can be read first
"
rows=
while IFS="$(printf '\t')" read -r id chap diff kind t; do
    [ "$kind" = code ] || continue
    rows="$rows\\texttt{$id} & $t & $diff\\\\
"
done < "$dir/exercises.txt"

proverpara=
[ -z "$prover" ] || proverpara="\\paragraph{Graded by the prover.} Some exercises are graded by
Frama-C/WP, which proves the annotated C: it needs \\texttt{frama-c},
\\texttt{why3}, \\texttt{z3} and \\texttt{cvc4} (Debian~12: the packages
\\texttt{frama-c-base why3 z3 cvc4}; \\texttt{make prove-deps} installs them,
as root). Without them those exercises score nothing, and \\texttt{make grade}
says what to install.
"
if [ -n "$rows" ]; then
graded="\\paragraph{Graded exercises.} Each is worth its difficulty in points when
all its graded tests pass:
\\begin{center}
\\begin{tabular}{llr}\\toprule
exercise & title & points\\\\\\midrule
$rows\\bottomrule
\\end{tabular}
\\end{center}
\\paragraph{How to work.} Unpack the handout, complete the stubs in
\\texttt{src/ex/}, and run \\texttt{make grade} (or
\\texttt{make grade EX=}\\emph{id} for one exercise). It needs \\texttt{gcc},
\\texttt{make} and CUnit (Debian: \\texttt{libcunit1-dev}). Every run draws
fresh random inputs, and prints its seed: \\texttt{make grade SEED=}\\emph{n}
repeats a run. See the \\texttt{README}.
$proverpara"
else
graded="\\paragraph{Exercises.} This chapter's exercises are all for pencil
and paper; it has nothing to grade by machine. The code in \\texttt{src/} is
there to read and to run.
"
fi
cat > "$work/cover.tex" <<TEX
\\documentclass[11pt]{article}
\\usepackage[T1]{fontenc}\\usepackage{lmodern}\\usepackage[a4paper,margin=30mm]{geometry}
\\usepackage[strings]{underscore}\\usepackage{booktabs}\\usepackage{pdfpages}
\\begin{document}
\\thispagestyle{empty}
{\\Large\\bfseries BabyVMM, the book\\par}
\\medskip
{\\large Student handout: Chapter $num, $title\\par}
\\bigskip
This handout holds Chapter $num of the student edition of \\emph{BabyVMM},
its code and its graded exercises. The chapter builds on these chapters of
the book, which your instructor may hand out as well:
\\begin{itemize}
$depline\\end{itemize}
$graded\\includepdf[pages={$pages}]{$top/build/book-student.pdf}
\\end{document}
TEX
(cd "$work" && pdflatex -interaction=nonstopmode -halt-on-error cover.tex > cover.out 2>&1) \
    || { tail -20 "$work/cover.log" >&2; echo "handout: the cover did not typeset" >&2; exit 1; }
cp "$work/cover.pdf" "$dir/$slug.pdf"
# The README's first column is 16 characters wide, whatever the slug.
heading="BabyVMM, the book -- handout for Chapter $num, $title"
underline=$(printf '%s' "$heading" | sed 's/./=/g')
pdf=$(printf '%-16s' "$slug.pdf")
esc() { printf '%s' "$1" | sed 's/[&/\\]/\\&/g'; }
sed -e "s/@HEADING@/$(esc "$heading")/" -e "s/@UNDERLINE@/$underline/" -e "s/@PDF@/$(esc "$pdf")/" \
    -e "s/@SLUG@/$slug/g" tests/handout/README > "$dir/README"

tar -czf "$top/$out" -C "$work" "$name"

#!/bin/sh
# tests/exercises.sh -- the exercises of the book, read from the chapters.
#
# usage: tests/exercises.sh list  CHAPTER.nw...
#        tests/exercises.sh check CHAPTER.nw...
#
# list prints one line per exercise, in book order, fields separated by tabs:
#     ID  CHAPTER-SLUG  DIFFICULTY  KIND  TITLE
# (the markup is \begin{exercise}{ID}{TITLE}{DIFFICULTY}{KIND}, see
# book/preamble.tex).  make grade, make handout and the dependency map read
# this list.
#
# check fails (exit 1), naming the place, unless every exercise has a unique
# identifier, a difficulty from 1 to 3, a kind (pencil or code) and a
# \begin{solution}{ID}; and every programming exercise ID has a stub chunk
# <<exercise ID>>, a solution chunk <<solution ID>>, a root src/ex/ID.c and
# a root tests/grade/ID.c with its graded tests; and no stub, solution or
# solution environment belongs to an exercise that does not exist.
set -eu
MARKUP=${NOWEB_MARKUP:-/usr/lib/noweb/markup}
mode=${1:?usage: exercises.sh list|check CHAPTER.nw...}; shift
"$MARKUP" "$@" | awk -v mode="$mode" -F '\n' '
function slugof(f,    s) { s = f; sub(/^.*\//, "", s); sub(/^[0-9]+-/, "", s); sub(/\.nw$/, "", s); return s }
function err(where, msg) { printf "%s: %s\n", where, msg > "/dev/stderr"; bad = 1 }
/^@file /  { file = substr($0, 7); line = 1; next }
/^@nl/ || /^@index nl/ { line++; next }
/^@defn /  { defd[substr($0, 7)] = file ":" line; next }
/^@text .*\\begin\{exercise\}/ {
    h = $0; sub(/^.*\\begin\{exercise\}/, "", h)
    # {ID}{TITLE}{DIFF}{KIND}: the title may hold braces of its own, so
    # take the ID from the front and the difficulty and kind from the back.
    if (match(h, /^\{[^}]*\}/) == 0) { err(file ":" line, "cannot read the exercise header"); next }
    id = substr(h, 2, RLENGTH - 2); rest = substr(h, RLENGTH + 1)
    if (match(rest, /\{[^}]*\}\{[^}]*\}[ \t]*$/) == 0) { err(file ":" line, "exercise " id ": cannot read difficulty and kind"); next }
    tail = substr(rest, RSTART); title = substr(rest, 2, RSTART - 3)
    split(tail, t, /[{}]+/); diff = t[2]; kind = t[3]
    if (id in where) err(file ":" line, "exercise " id " is defined twice (also at " where[id] ")")
    where[id] = file ":" line; order[++n] = id
    chap[id] = slugof(file); dif[id] = diff; knd[id] = kind; ttl[id] = title
    if (diff !~ /^[123]$/) err(file ":" line, "exercise " id ": difficulty must be 1, 2 or 3, not \"" diff "\"")
    if (kind != "pencil" && kind != "code") err(file ":" line, "exercise " id ": kind must be pencil or code, not \"" kind "\"")
    next
}
/^@text[ \t]*\\begin\{solution\}\{/ {
    id = $0; sub(/^.*\\begin\{solution\}\{/, "", id); sub(/\}.*$/, "", id)
    sol[id] = file ":" line; next
}
END {
    if (mode == "list") {
        for (i = 1; i <= n; i++) { id = order[i]; printf "%s\t%s\t%s\t%s\t%s\n", id, chap[id], dif[id], knd[id], ttl[id] }
        exit bad
    }
    for (i = 1; i <= n; i++) {
        id = order[i]
        if (!(id in sol)) err(where[id], "exercise " id " has no \\begin{solution}{" id "}")
        if (knd[id] != "code") continue
        split("exercise " id "|solution " id "|src/ex/" id ".c|tests/grade/" id ".c", need, "|")
        for (k = 1; k <= 4; k++)
            if (!(need[k] in defd)) err(where[id], "programming exercise " id " needs a chunk <<" need[k] ">>")
    }
    for (name in defd) if (name ~ /^(exercise|solution) /) {
        id = name; sub(/^[a-z]+ /, "", id); sub(/: .*$/, "", id)   # a part: solution ID: PART
        if (!(id in where) || knd[id] != "code") err(defd[name], "chunk <<" name ">> belongs to no programming exercise " id)
    }
    for (id in sol) if (!(id in where)) err(sol[id], "solution of an unknown exercise " id)
    exit bad
}'

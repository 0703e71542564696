#!/bin/sh
# tests/nwscaffold.sh -- a noweb filter that takes the scaffolding out of
# the reading path (issue 17).  In a chapter, a documentation chunk whose
# text starts with the line
#     %scaffold{LABEL}{TITLE}
# opens a block of scaffolding (tests, checker plumbing, graders), and the
# next documentation chunk whose text starts with the line %endscaffold
# closes it (that chunk and what follows are main line again).  The filter
# moves every block, whole chunks, code and documentation, to the end of
# the stream: after the last chapter comes \scaffoldappendix, then, for
# each chapter that had blocks, \scaffoldchapter{LABEL} (the label of the
# chapter's own \chapter) and its blocks, each under
# \scaffoldblock{LABEL}{TITLE}.  Where a block was, the main line keeps
# \scaffoldmoved{LABEL}{TITLE}, a pointer to it.  Chunks are renumbered in
# their new order.  The filter runs before -index, so the chunks'
# "defined in" and "used in" references and the identifier index follow
# the chunks to their new place: no chunk is lost, and the tangled code is
# untouched (notangle never runs this filter).  A block left open at the
# end of its chapter, or a stray %endscaffold, is an error; noweave does
# not pass a filter's status on, so the filter also writes an \errmessage
# that stops LaTeX.
exec awk '
function emit(line) { out[++no] = line }
function stash(line) { app[++na] = line }
function put(line) { if (inblock) stash(line); else emit(line) }
function docs(text) { put("@begin docs X"); put("@text " text); put("@nl"); put("@end docs X") }
function closefile() {
    if (inblock) { print "nwscaffold: " file ": block " curlab " is never closed" > "/dev/stderr"; bad = 1; inblock = 0 }
}
/^@file / { closefile(); file = substr($0, 7); chlabel = ""; chapdone = 0; emit($0); next }
/^@text / && chlabel == "" && /\\chapter/ && /\\label\{/ {
    chlabel = $0; sub(/.*\\label\{/, "", chlabel); sub(/\}.*/, "", chlabel)
}
/^@begin docs / { nc = 0; indocs = 1; first = 1; chunk[++nc] = $0; next }
indocs {
    chunk[++nc] = $0
    if (first && /^@text /) {
        t = substr($0, 7)
        if (t !~ /^[ \t]*$/) {
            first = 0
            if (t ~ /^%scaffold\{/) mark = "open"
            else if (t ~ /^%endscaffold/) mark = "close"
            else mark = ""
        }
    }
    if (/^@end docs /) {
        indocs = 0
        if (mark == "open") {
            if (inblock) { print "nwscaffold: " file ": a block opens inside block " curlab > "/dev/stderr"; bad = 1 }
            s = substr(t, 11); l = s; sub(/\}.*/, "", l)
            ti = s; sub(/^[^}]*\}\{/, "", ti); sub(/\}[ \t]*$/, "", ti)
            curlab = l
            if (!chapdone) {
                if (chlabel == "") { print "nwscaffold: " file ": a block before the chapter has a label" > "/dev/stderr"; bad = 1 }
                inblock = 1; docs("\\scaffoldchapter{" chlabel "}"); chapdone = 1
            }
            inblock = 0; docs("\\scaffoldmoved{" l "}{" ti "}")
            inblock = 1; docs("\\scaffoldblock{" l "}{" ti "}")
        } else if (mark == "close") {
            if (!inblock) { print "nwscaffold: " file ": %endscaffold outside a block" > "/dev/stderr"; bad = 1 }
            inblock = 0
        }
        for (i = 1; i <= nc; i++) put(chunk[i])
        mark = ""
    }
    next
}
{ put($0) }
END {
    closefile()
    if (bad) {                  # noweave does not pass our status on:
        print "@begin docs 0"   # make LaTeX stop, with the reason
        print "@text \\errmessage{nwscaffold: a scaffold block is open or unopened; see the build log}"
        print "@nl"; print "@end docs 0"
        exit 1
    }
    if (na > 0) {
        emit("@begin docs X"); emit("@text \\scaffoldappendix"); emit("@nl"); emit("@end docs X")
        for (i = 1; i <= na; i++) emit(app[i])
    }
    k = 0
    for (i = 1; i <= no; i++) {
        line = out[i]
        if (line ~ /^@begin (docs|code) /) { split(line, w, " "); line = "@begin " w[2] " " k }
        else if (line ~ /^@end (docs|code) /) { split(line, w, " "); line = "@end " w[2] " " k; k++ }
        print line
    }
}' "$@"

#!/bin/sh
# tests/imports.sh -- keep every layer honest about its machine.
#
# usage: tests/imports.sh OBJDIR LIST...
#        tests/imports.sh -o OBJECT LIST
# Each LIST is build/tests/imports/LAYER.txt, tangled from the layer's
# chapter: the external symbols the layer's object OBJDIR/LAYER.o may use,
# one per line (# starts a comment); that is, the operations its machine
# grants it.  A line `include NAME` takes in the list NAME.txt from the
# same directory or the one above it: a programming exercise that writes
# code of a layer lists its imports in tests/imports/ex/ID.txt, usually by
# including the layer's list.  With -o, the one OBJECT is checked against
# the one LIST (make grade does this for exercises, in the book's tree and
# in a handout).  Any other undefined symbol in the object fails the
# check, naming the symbol.  The symbols that the C compiler itself may
# call (struct copies, stack checks) and the sanitizers' own are allowed
# everywhere.
set -eu
# expand LIST: print its symbols, following include lines
expand() {
    sed -e 's/#.*//' -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' -e '/^$/d' "$1" |
    while read -r word name; do
        if [ "$word" = include ]; then
            d=$(dirname "$1")
            if [ -f "$d/$name.txt" ]; then expand "$d/$name.txt"
            elif [ -f "$d/../$name.txt" ]; then expand "$d/../$name.txt"
            else echo "imports: $1: no list '$name' to include" >&2; echo "#missing"; fi
        else
            echo "$word"
        fi
    done
}
check() { # check OBJECT LIST NAME
    [ -f "$1" ] || { echo "imports: no object $1 to check" >&2; return 1; }
    allowed=$(mktemp)
    expand "$2" | sort -u > "$allowed"
    if grep -q '^#missing$' "$allowed"; then rm -f "$allowed"; return 1; fi
    used=$(nm -u "$1" | awk '{print $NF}' | grep -v -E '^__(asan|ubsan|sanitizer)_' | sort -u)
    extra=$(printf '%s\n' "$used" | grep -v '^$' |
            grep -v -x -F -f "$allowed" |
            grep -v -x -E '_GLOBAL_OFFSET_TABLE_|__stack_chk_fail|memcpy|memset|memmove' || true)
    rm -f "$allowed"
    if [ -n "$extra" ]; then
        echo "imports: $3 calls what its machine does not grant:" $extra >&2
        echo "imports: allowed ($2):" $(expand "$2") >&2
        return 1
    fi
    echo "imports: $3 uses only:" $used
}
if [ "${1:-}" = -o ]; then
    [ $# -eq 3 ] || { echo "usage: imports.sh -o OBJECT LIST" >&2; exit 2; }
    check "$2" "$3" "$(basename "$2")"
    exit
fi
objdir=$1; shift
status=0
for list in "$@"; do
    layer=${list##*/imports/}; layer=${layer%.txt}
    obj="$objdir/$layer.o"
    if [ ! -f "$obj" ]; then
        echo "imports: $list names layer '$layer', but there is no $obj" >&2
        status=1; continue
    fi
    check "$obj" "$list" "$layer.o" || status=1
done
exit $status

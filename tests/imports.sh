#!/bin/sh
# tests/imports.sh -- keep every layer honest about its machine.
#
# usage: tests/imports.sh OBJDIR LIST...
# Each LIST is build/tests/imports/LAYER.txt, tangled from the layer's
# chapter: the external symbols the layer's object OBJDIR/LAYER.o may use,
# one per line (# starts a comment); that is, the operations its machine
# grants it.  Any other
# undefined symbol in the object fails the check, naming the symbol.
# A few symbols that the C compiler itself may call for struct copies and
# stack checks are allowed everywhere.
set -eu
objdir=$1; shift
status=0
for list in "$@"; do
    layer=$(basename "$list" .txt)
    obj="$objdir/$layer.o"
    if [ ! -f "$obj" ]; then
        echo "imports: $list names layer '$layer', but there is no $obj" >&2
        status=1; continue
    fi
    allowed=$(mktemp)
    sed -e 's/#.*//' -e 's/[[:space:]]//g' -e '/^$/d' "$list" > "$allowed"
    extra=$(nm -u "$obj" | awk '{print $NF}' | sort -u |
            grep -v -x -F -f "$allowed" |
            grep -v -x -E '_GLOBAL_OFFSET_TABLE_|__stack_chk_fail|memcpy|memset|memmove' || true)
    if [ -n "$extra" ]; then
        echo "imports: $layer.o calls what its machine does not grant:" $extra >&2
        echo "imports: allowed ($list):" $(cat "$allowed") >&2
        status=1
    else
        echo "imports: $layer.o uses only:" $(nm -u "$obj" | awk '{print $NF}' | sort -u)
    fi
    rm -f "$allowed"
done
exit $status

#!/bin/sh
# tests/html/offline.sh DIR -- fail if a page of the HTML edition would load
# anything from the network: a script, stylesheet, image, font, frame or
# media source, or a CSS url()/@import, that is not a local file.  Links
# to other sites in the text (<a href="https://...">) are fine: the reader
# follows them or not.
dir=${1:?usage: offline.sh DIR}
bad=$(grep -n -o -i -E '<(script|link|img|iframe|source|video|audio|embed|object|image|use)\b[^>]*(src|href|data|srcset)="(https?:)?//[^"]*"' \
        "$dir"/*.html "$dir"/fig/*.svg 2>/dev/null;
      grep -n -o -i -E '(url\(["'\'']?(https?:)?//|@import)[^;]*' "$dir"/*.css "$dir"/*.html 2>/dev/null)
if [ -n "$bad" ]; then
    echo "$bad" >&2
    echo "html: the pages above load something from the network" >&2
    exit 1
fi
echo "html: offline check: no page loads anything from the network"

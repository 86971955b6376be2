#!/usr/bin/env bash
# Regenerates the committed hicolor PNGs from the same shapes as callvia.svg (ImageMagick's own
# drawing primitives: Debian's ImageMagick 6 has no SVG reader without extra delegates). Drawn at
# 1024 px, then reduced to each standard size. Run after changing callvia.svg; commit the PNGs.
set -euo pipefail
cd "$(dirname "$0")"
big=$(mktemp --suffix=.png)
trap 'rm -f "$big"' EXIT
convert -size 1024x1024 xc:none \
    -draw "scale 4,4 fill '#2a6fc4' roundrectangle 8,8 247,247 52,52" \
    -draw "scale 4,4 fill white path 'M128 52c-46 0-82 29-82 66 0 21 12 40 31 52l-7 32 33-21c8 2 16 3 25 3 46 0 82-29 82-66s-36-66-82-66z'" \
    -draw "scale 4,4 fill '#1c4f9c' path 'M104 88c4-2 9-1 11 3l8 15c2 4 1 8-2 11l-6 5c5 10 13 18 23 23l5-6c3-3 7-4 11-2l15 8c4 2 5 7 3 11l-5 8c-3 5-9 7-15 6-30-6-54-30-60-60-1-6 1-12 6-15z'" \
    "$big"
for size in 16 24 32 48 64 128 256 512; do
    mkdir -p "hicolor/${size}x${size}/apps"
    convert "$big" -filter Lanczos -resize "${size}x${size}" -depth 8 -strip \
        "PNG32:hicolor/${size}x${size}/apps/callvia.png"
done

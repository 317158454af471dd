#!/usr/bin/env bash
# Regenerates the PNG/ICO/ICNS icons from the SVG sources (Debian: apt-get install -y librsvg2-bin icoutils icnsutils).
# icon-small.svg is a simplified drawing for 16 and 32 px, where icon.svg's detail turns to mush.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p png
for s in 48 64 128 256 512 1024; do rsvg-convert -w "$s" -h "$s" icon.svg -o "png/${s}x${s}.png"; done
for s in 16 32; do rsvg-convert -w "$s" -h "$s" icon-small.svg -o "png/${s}x${s}.png"; done
cp png/512x512.png icon.png
icotool -c -o icon.ico png/{16x16,32x32,48x48,64x64,128x128,256x256}.png
png2icns icon.icns png/{16x16,32x32,48x48,128x128,256x256,512x512,1024x1024}.png >/dev/null
echo "icons written to $(pwd)"

#!/usr/bin/env bash
# Rebuild assets/vendor/plotly-atlas.min.js and its licence files from index.js with the
# pinned npm packages. Node is needed here only, never at run time: the output is committed.
set -euo pipefail

cd "$(dirname "$0")"
VENDOR=../../assets/vendor

# Exact tree from package-lock.json. No install scripts are needed (esbuild's binary comes
# from its @esbuild/<platform> optional dependency), so none are run.
npm ci --ignore-scripts --no-audit --no-fund

rm -f "$VENDOR"/plotly-atlas.*
node build.mjs
cp node_modules/plotly.js/LICENSE "$VENDOR/plotly.js-LICENSE.txt"

raw=$(wc -c <"$VENDOR/plotly-atlas.min.js")
gz=$(gzip -9c "$VENDOR/plotly-atlas.min.js" | wc -c)
echo "wrote $VENDOR/plotly-atlas.min.js: ${raw} bytes raw, ${gz} bytes gzip -9"

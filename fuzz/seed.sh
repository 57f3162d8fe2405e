#!/usr/bin/env bash
# Builds the seed corpus of the `lint` fuzz target from the project's
# fixtures: one input per fixture file, and one per fixture folder (its files
# joined with NUL bytes, which the target splits back into files checked
# together), plus the inputs that once crashed (tests/data/fuzz-regressions).
set -euo pipefail
cd "$(dirname "$0")/.."
out=fuzz/corpus/lint
mkdir -p "$out"
n=0
for case in fixtures/*/pass/* fixtures/*/fail/*; do
  name=$(echo "$case" | tr '/' '_')
  if [ -d "$case" ]; then
    first=1
    : > "$out/$name"
    for f in "$case"/*; do
      [ -f "$f" ] || continue
      if [ $first = 0 ]; then printf '\0' >> "$out/$name"; fi
      cat "$f" >> "$out/$name"
      first=0
    done
  else
    cp "$case" "$out/$name"
  fi
  n=$((n + 1))
done
if [ -d tests/data/fuzz-regressions ]; then
  for f in tests/data/fuzz-regressions/*; do
    [ -f "$f" ] || continue
    cp "$f" "$out/regression_$(basename "$f")"
    n=$((n + 1))
  done
fi
# A site named by the input (see check_lookup_by_name in
# tests/common/pipeline.rs): file names, a page's text, addresses.
printf 'posts/2025-01-01-Mon Article.md\nguides/Livre Un/_index.md\nbundle/photo/index.md\nstatic/images/Logo.PNG\n\0---\nslug: change\naliases: [/vieux/]\n---\n\0/posts/mon-article/\n/posts/change/\n/vieux/\n/guides/livre-un/\n/images/logo.png\n' > "$out/site_names"
n=$((n + 1))
echo "$n seed inputs in $out"

#!/usr/bin/env bash
# Sums the counters of every TRX file under a folder and prints "N passed, N failed, N skipped" (the line CI reads).
# Failed tests are named, with the first line of their message, just above it: CI keeps only the end of the log.
set -uo pipefail
passed=0; failed=0; total=0
shopt -s nullglob globstar
files=("${1:-TestResults}"/**/*.trx)
for f in "${files[@]}"; do
  counters=$(grep -o '<Counters [^>]*>' "$f" | head -1)
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  total=$((total + $(get total)))
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  awk '/<UnitTestResult / && !/outcome="(Passed|NotExecuted)"/ {
         match($0, /testName="[^"]*"/); name = substr($0, RSTART + 10, RLENGTH - 11); want = 1
         match($0, /outcome="[^"]*"/); print "FAILED " name " (" substr($0, RSTART + 9, RLENGTH - 10) ")" }
       want && /<Message>/ { sub(/.*<Message>/, ""); print "  " substr($0, 1, 400); want = 0 }' "$f" |
    sed -e 's/&quot;/"/g' -e 's/&lt;/</g' -e 's/&gt;/>/g' -e "s/&apos;/'/g" -e 's/&amp;/\&/g'
done
skipped=$((total - passed - failed))
[ ${#files[@]} -eq 0 ] && failed=1   # no results at all is a failure, never a silent pass
echo "$passed passed, $failed failed, $skipped skipped"

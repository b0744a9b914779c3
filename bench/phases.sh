#!/usr/bin/env bash
# Where an import's time goes, phase by phase, and on which side: runs
#   node bin/anchorage.mjs import spend "$@"
# (the database from DATABASE_URL or ANCHORAGE_DATA_DIR, as for any command) and prints each
# progress line with the milliseconds since the start, the CPU time the command has used, and
# the CPU time all the machine's postgres processes have used, both in hundredths of a second.
#
#   DATABASE_URL=postgres://… bash bench/phases.sh --partnership bench --org BNA01 --json spend.csv
set -euo pipefail
cd "$(dirname "$0")/.."
node bin/build.mjs >/dev/null
fifo=$(mktemp -u)
mkfifo "$fifo"
trap 'rm -f "$fifo"' EXIT
node bin/anchorage.mjs import spend "$@" 2>"$fifo" >/dev/null &
command=$!
start=$(date +%s%N)
ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
server() {
  local sum=0
  for p in $(pgrep -u postgres 2>/dev/null); do sum=$((sum + $(ticks "$p"))); done
  echo "$sum"
}
while IFS= read -r line; do
  echo "$((($(date +%s%N) - start) / 1000000)) ms  command $(ticks "$command")  postgres $(server)  $line"
done <"$fifo"
status=0
wait "$command" || status=$?
echo "$((($(date +%s%N) - start) / 1000000)) ms  ended with status $status"
exit "$status"

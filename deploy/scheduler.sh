#!/bin/sh
# The scheduled commands for docker-compose's `scheduler` service: the same jobs at
# the same times as the systemd timers in deploy/systemd (Asia/Shanghai time).
# One loop, woken each minute; long jobs go to the background so publication
# stays on time.
set -u
cd "$(dirname "$0")/.."

run() {
  python manage.py "$@" || echo "scheduler: manage.py $* failed" >&2
}

while :; do
  now=$(date +%H:%M)
  day=$(date +%d)
  run publish_due
  case "$now" in
    00:30) run close_lapsed_requests & ;;
    02:00) ./deploy/backup.sh || echo "scheduler: backup failed" >&2 & ;;
    03:15) run clearsessions & ;;
    03:30) run prune_db_task_results & ;;
    06:30) run inspect_site & ;;
  esac
  if [ "$day $now" = "01 03:00" ]; then
    run prune_audit &
  fi
  sleep $((60 - $(date +%S | sed 's/^0//')))
done

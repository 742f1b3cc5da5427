#!/bin/sh
# Starts the service from this release directory and stops the one before it: the smallest service manager.
# Run by the deploy's afterSwitch hook (in the release directory, again after a rollback).
# APP_PORT: the port (default 8080); APP_HOST: the address (default: the host's own address); JAVA: the java command.
set -e
here="$(cd "$(dirname "$0")" && pwd -P)"
pidfile="$HOME/formapp.pid"
if [ -f "$pidfile" ]; then
  old="$(cat "$pidfile")"
  if kill "$old" 2>/dev/null; then
    n=0
    while kill -0 "$old" 2>/dev/null && [ $n -lt 50 ]; do sleep 0.1; n=$((n + 1)); done
  fi
fi
host="${APP_HOST:-${SLIPWAY_LOCAL_HOST_ADDRESS:-0.0.0.0}}"
nohup "${JAVA:-java}" -cp "$here/classes" example.FormApp --host "$host" --port "${APP_PORT:-8080}" \
  >> "$HOME/formapp.log" 2>&1 < /dev/null &
echo $! > "$pidfile"
echo "formapp started from $here on $host:${APP_PORT:-8080} (pid $!)"

#!/usr/bin/env bash
# Start a throwaway PostgreSQL server on 127.0.0.1 for the tests marked `postgres`.
#
# Installs Debian's `postgresql` package when no server binaries are present,
# creates a cluster in a fresh directory, starts it on a free loopback port with
# trust authentication (loopback only), creates an empty database and prints
#
#     BTL_TEST_POSTGRES_URL=postgresql://postgres@127.0.0.1:PORT/btl_test
#
# as the only line on stdout (progress goes to stderr). Use it as
#
#     export "$(bash .ci/postgres.sh)"
#
# Stop the server with `bash .ci/postgres.sh --stop` (it stops the cluster this
# script started last, recorded in ${TMPDIR:-/tmp}/btl-postgres.dir).
set -euo pipefail

STATE="${TMPDIR:-/tmp}/btl-postgres.dir"
log() { echo "postgres.sh: $*" >&2; }

as_postgres() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

find_bin() {
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1
}

if [ "${1:-}" = "--stop" ]; then
    BIN="$(find_bin)"
    if [ -f "$STATE" ] && [ -n "$BIN" ]; then
        as_postgres "$BIN/pg_ctl" -D "$(cat "$STATE")/data" -m fast stop >&2 || true
    fi
    exit 0
fi

BIN="$(find_bin)"
if [ -z "$BIN" ] || [ ! -x "$BIN/initdb" ]; then
    log "installing Debian's postgresql package"
    SUDO=""
    [ "$(id -u)" = 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >&2
    BIN="$(find_bin)"
fi
if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
    useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
fi

DIR="$(mktemp -d "${TMPDIR:-/tmp}/btl-postgres.XXXXXX")"
chmod 755 "$DIR"
[ "$(id -u)" = 0 ] && chown postgres "$DIR"
PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"

log "initdb in $DIR/data"
as_postgres "$BIN/initdb" -D "$DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 \
    || { cat "$DIR/initdb.log" >&2; exit 1; }
log "starting on 127.0.0.1:$PORT"
as_postgres "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -c port=$PORT -c unix_socket_directories=$DIR -c fsync=off" start >&2 \
    || { cat "$DIR/server.log" >&2; exit 1; }
as_postgres "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres btl_test >&2
echo "$DIR" >"$STATE"
echo "BTL_TEST_POSTGRES_URL=postgresql://postgres@127.0.0.1:$PORT/btl_test"

#!/usr/bin/env bash
# Local PostgreSQL for tests and development: scripts/postgres.sh start|stop|status|url
#
# The cluster lives outside the clone (${GOVCMS_SERVICES_DIR:-$HOME/.cache/govcms}/postgres)
# so that it survives fresh clones and is reused by `make test` and `.ci/run`.
# It listens on 127.0.0.1 only, on a non-default port so it never clashes with a
# system PostgreSQL on 5432.
set -euo pipefail

SERVICES_DIR=${GOVCMS_SERVICES_DIR:-$HOME/.cache/govcms}
PG_PORT=${GOVCMS_PG_PORT:-54329}
PG_URL="postgres://govcms:govcms@127.0.0.1:${PG_PORT}/govcms"
# Used when the postgres user cannot reach SERVICES_DIR (e.g. it is under root's 0700 $HOME).
FALLBACK_ROOT=/var/tmp/govcms-postgres

die() { echo "postgres.sh: $*" >&2; exit 1; }

# Newest server installation, e.g. /usr/lib/postgresql/15/bin (empty if none).
find_bindir() {
    local d best=""
    for d in /usr/lib/postgresql/*/bin; do
        [[ -x $d/initdb && -x $d/pg_ctl && -x $d/postgres ]] || continue
        if [[ -z $best ]] || [[ $(printf '%s\n%s\n' "$best" "$d" | sort -V | tail -n1) == "$d" ]]; then
            best=$d
        fi
    done
    printf '%s' "$best"
}

install_postgres() {
    [[ $EUID -eq 0 ]] || die "cannot install PostgreSQL: not root (install Debian's postgresql package)"
    local log
    log=$(mktemp)
    if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; } >"$log" 2>&1; then
        local reason
        reason=$(grep -E '^(E:|W:)' "$log" | head -n1)
        rm -f "$log"
        die "cannot install PostgreSQL: ${reason:-apt-get failed}"
    fi
    rm -f "$log"
}

# Run a command as the cluster owner: initdb/postgres refuse to run as root.
as_pg() {
    if [[ $EUID -eq 0 ]]; then
        (cd / && runuser -u postgres -- "$@")
    else
        "$@"
    fi
}

# Where the cluster lives. As root the postgres user must be able to traverse the
# whole path, which is not the case under a 0700 /root: fall back to /var/tmp then.
pg_root() {
    if [[ $EUID -ne 0 ]]; then
        printf '%s' "$SERVICES_DIR/postgres"
    elif id -u postgres >/dev/null 2>&1 && runuser -u postgres -- test -x "$SERVICES_DIR" 2>/dev/null; then
        printf '%s' "$SERVICES_DIR/postgres"
    else
        printf '%s' "$FALLBACK_ROOT"
    fi
}

is_running() {
    [[ -n $BINDIR && -f $DATA/PG_VERSION ]] && as_pg "$BINDIR/pg_ctl" status -D "$DATA" >/dev/null 2>&1
}

psql_su() {  # psql as the superuser over the private unix socket
    as_pg "$BINDIR/psql" -X -q -v ON_ERROR_STOP=1 -h "$RUNDIR" -p "$PG_PORT" -U postgres "$@"
}

start() {
    BINDIR=$(find_bindir)
    if [[ -z $BINDIR ]]; then
        install_postgres
        BINDIR=$(find_bindir)
        [[ -n $BINDIR ]] || die "cannot install PostgreSQL: no server binaries in /usr/lib/postgresql/*/bin after install"
    fi
    if [[ $EUID -eq 0 ]] && ! id -u postgres >/dev/null 2>&1; then
        useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres \
            || die "cannot create the postgres system user"
    fi
    mkdir -p "$SERVICES_DIR" || die "cannot create $SERVICES_DIR"
    ROOT=$(pg_root); DATA=$ROOT/data; RUNDIR=$ROOT/run
    mkdir -p "$ROOT" "$RUNDIR" || die "cannot create $ROOT"
    if [[ $EUID -eq 0 ]]; then
        chown postgres:postgres "$ROOT" "$RUNDIR" || die "cannot chown $ROOT to postgres"
    fi
    chmod 700 "$RUNDIR"

    if [[ ! -f $DATA/PG_VERSION ]]; then
        # Once per machine. C.UTF-8 is built into glibc, so no locale package is needed.
        as_pg "$BINDIR/initdb" -D "$DATA" -U postgres -E UTF8 --locale=C.UTF-8 \
            --auth-local=trust --auth-host=scram-sha-256 >"$ROOT/initdb.log" 2>&1 \
            || die "initdb failed (see $ROOT/initdb.log)"
    fi
    # Keep using the server major version that created the cluster.
    local data_major
    data_major=$(cat "$DATA/PG_VERSION")
    BINDIR=/usr/lib/postgresql/$data_major/bin
    [[ -x $BINDIR/postgres ]] \
        || die "cluster in $DATA is PostgreSQL $data_major, which is not installed (remove $ROOT to recreate)"

    if ! is_running; then
        if "$BINDIR/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"; then
            die "port $PG_PORT is already used by another PostgreSQL (set GOVCMS_PG_PORT)"
        fi
        # Options given at start (not baked into postgresql.conf) so GOVCMS_PG_PORT can change.
        # fsync etc. off: a throwaway test server, and it makes test-database creation fast.
        as_pg "$BINDIR/pg_ctl" start -w -t 60 -D "$DATA" -l "$ROOT/postgres.log" \
            -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories='$RUNDIR' -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
            >/dev/null 2>&1 \
            || die "pg_ctl start failed: $(tail -n1 "$ROOT/postgres.log" 2>/dev/null)"
    fi

    psql_su -d postgres >/dev/null <<'SQL' || die "cannot create role/database govcms (see $ROOT/postgres.log)"
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'govcms') THEN
    CREATE ROLE govcms LOGIN CREATEDB PASSWORD 'govcms';
  ELSE
    ALTER ROLE govcms LOGIN CREATEDB PASSWORD 'govcms';
  END IF;
END $$;
SELECT 'CREATE DATABASE govcms OWNER govcms' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'govcms')
\gexec
SQL
    # unaccent in template1 too, so the test runner's test_* databases inherit it.
    local db
    for db in template1 govcms; do
        psql_su -d "$db" -c 'CREATE EXTENSION IF NOT EXISTS unaccent' >/dev/null 2>&1 \
            || die "cannot create extension unaccent in $db (is postgresql-contrib installed?)"
    done
    echo "PostgreSQL ready: $PG_URL"
}

stop() {
    BINDIR=$(find_bindir)
    [[ -n $BINDIR ]] || return 0
    ROOT=$(pg_root); DATA=$ROOT/data
    if is_running; then
        as_pg "$BINDIR/pg_ctl" stop -m fast -w -t 60 -D "$DATA" >/dev/null 2>&1 || die "pg_ctl stop failed for $DATA"
    fi
}

status() {
    local isready
    BINDIR=$(find_bindir)
    isready=${BINDIR:+$BINDIR/pg_isready}
    [[ -n $isready ]] || isready=$(command -v pg_isready) || die "pg_isready not found (PostgreSQL not installed)"
    "$isready" -q -h 127.0.0.1 -p "$PG_PORT" || die "not accepting connections on 127.0.0.1:$PG_PORT"
}

case ${1:-} in
    start) start ;;
    stop) stop ;;
    status) status ;;
    url) echo "$PG_URL" ;;
    *) echo "usage: $0 start|stop|status|url" >&2; exit 2 ;;
esac

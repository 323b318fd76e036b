#!/usr/bin/env bash
# Sourced by scripts/test.sh: starts a throw-away PostgreSQL cluster on loopback for the tests
# and exports DVC_TEST_POSTGRES_URL. Skips (leaving the variable unset) where no server exists.
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
stop_postgres() { :; }
if [ -z "$pg_bin" ]; then
  echo "PostgreSQL is not installed: collector tests on PostgreSQL will be skipped" >&2
  return 0 2>/dev/null || exit 0
fi
pg_dir=$(mktemp -d /tmp/dvc-pg.XXXXXX)
pg_port=${DVC_TEST_PG_PORT:-54329}
run_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" -eq 0 ] && chown postgres "$pg_dir"
run_pg "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -A trust -E UTF8 >/dev/null
run_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w \
  -o "-p $pg_port -c listen_addresses=127.0.0.1 -k $pg_dir -c fsync=off -c max_connections=200" start >/dev/null
run_pg "$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres dvc_test
export DVC_TEST_POSTGRES_URL="postgresql+psycopg://postgres@127.0.0.1:$pg_port/dvc_test"
echo "PostgreSQL test server on 127.0.0.1:$pg_port"
stop_postgres() { run_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast stop >/dev/null 2>&1 || true; rm -rf "$pg_dir"; }

#!/usr/bin/env bash
# Back up a database with pg_dump and restore it with pg_restore, then check that every
# table came back with the same number of rows. Used in CI on demo data; the same two
# commands are the documented backup and restore procedure (README, "Backup and restore").
#
#   scripts/backup-restore-check.sh postgres://user@host:5432/postgres
#
# It creates two scratch databases next to the one in the URL and drops them afterwards.
set -euo pipefail
server_url=${1:?usage: $0 postgres://user@host:port/any-database}
base=${server_url%/*}
suffix="$$"
source_db="waytahead_backup_src_${suffix}"
target_db="waytahead_backup_dst_${suffix}"
dump=$(mktemp -t waytahead-XXXXXX.dump)
here=$(cd "$(dirname "$0")/.." && pwd)
python=${PYTHON:-$here/.venv/bin/python}

cleanup() {
  psql -q "$server_url" -c "DROP DATABASE IF EXISTS $source_db" -c "DROP DATABASE IF EXISTS $target_db" >/dev/null 2>&1 || true
  rm -f "$dump"
}
trap cleanup EXIT

psql -q "$server_url" -c "CREATE DATABASE $source_db" -c "CREATE DATABASE $target_db"
export DJANGO_DEBUG=true
DATABASE_URL="$base/$source_db" "$python" "$here/manage.py" migrate --noinput -v 0
DATABASE_URL="$base/$source_db" "$python" "$here/manage.py" seed_demo --password "backup-check-only" >/dev/null

# Backup: a compressed, custom-format dump.
pg_dump --format=custom --no-owner --file="$dump" "$base/$source_db"
# Restore: into an empty database.
pg_restore --no-owner --exit-on-error --dbname="$base/$target_db" "$dump"

count_rows() {
  psql -At "$1" -c "
    SELECT string_agg(format('%s=%s', table_name,
      (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I', table_name), false, true, '')))[1]::text), ' ' ORDER BY table_name)
    FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
}
before=$(count_rows "$base/$source_db")
after=$(count_rows "$base/$target_db")
if [ "$before" != "$after" ]; then
  echo "Restore differs from the backup:" >&2
  diff <(tr ' ' '\n' <<<"$before") <(tr ' ' '\n' <<<"$after") >&2 || true
  exit 1
fi
organisations=$(psql -At "$base/$target_db" -c "SELECT count(*) FROM directory_organisation")
echo "Backup and restore round trip OK: $(wc -w <<<"$before") tables, $organisations organisations."

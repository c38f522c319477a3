#!/bin/sh
# Developer helper (not used by make test): make a private, relocated copy of
# the Debian PostgreSQL 15 installation under /opt/pg-NAME so that several
# working trees can `make install` without overwriting each other, and start
# a trust-auth cluster on PORT as user postgres.
#   tools/private-pg.sh NAME PORT
# Then: make install PG_CONFIG=/opt/pg-NAME/usr/lib/postgresql/15/bin/pg_config
#       psql -h /tmp/pg-NAME -p PORT -U postgres
set -eu
name=$1 port=$2
root=/opt/pg-$name
if [ ! -d "$root" ]; then
	mkdir -p "$root/usr/lib/postgresql" "$root/usr/share/postgresql" "$root/usr/include"
	cp -a /usr/lib/postgresql/15 "$root/usr/lib/postgresql/"
	cp -a /usr/share/postgresql/15 "$root/usr/share/postgresql/"
	cp -a /usr/include/postgresql "$root/usr/include/"
fi
run=/tmp/pg-$name
if [ ! -d "$run/data" ]; then
	mkdir -p "$run" && chown postgres "$run"
	su postgres -c "$root/usr/lib/postgresql/15/bin/initdb -D $run/data -A trust -E UTF8 --locale=C.UTF-8 >/dev/null"
fi
su postgres -c "$root/usr/lib/postgresql/15/bin/pg_ctl -D $run/data -o '-p $port -k $run -c listen_addresses=' -l $run/log -w start" >/dev/null 2>&1 || true
echo "PG_CONFIG=$root/usr/lib/postgresql/15/bin/pg_config PGHOST=$run PGPORT=$port PGUSER=postgres"

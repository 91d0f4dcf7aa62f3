#!/usr/bin/env bash
# Builds crmsync and starts the daemon on the embedded defaults: SQLite at var/crm.db, the drop
# folder var/drop (primed with this repository's sample CommerceML files), config/crmsync.ini.
# Only what it runs is built: the crmsync binary and the 1C emulator it prints commands for
# (scripts/build.sh builds everything).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh crmsync onec-emulator
mkdir -p var/drop var/log
made_up_password() { head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n'; }
# The 1C exchange login: yours if exported, else a demo one made up for this run (never stored).
export CRMSYNC_EXCHANGE_USER=${CRMSYNC_EXCHANGE_USER:-demo}
if [ -z "${CRMSYNC_EXCHANGE_PASSWORD:-}" ]; then
  CRMSYNC_EXCHANGE_PASSWORD=$(made_up_password)
  export CRMSYNC_EXCHANGE_PASSWORD
fi
# The 1C OData password, shared by the emulated publication and `crmsync odata pull`; made up the
# same way. The daemon does not use it: it is only printed for the two other terminals.
ONEC_PASSWORD=${CRMSYNC_ONEC_PASSWORD:-$(made_up_password)}
ODATA_LISTEN=127.0.0.1:8081
cp -n tests/fixtures/commerceml/import.xml tests/fixtures/commerceml/offers.xml \
      tests/fixtures/commerceml/orders.xml var/drop/ 2>/dev/null || true
# A web UI login for this run: the admin "demo" with a made-up password (set again each run).
WEB_PASSWORD=$(made_up_password)
build/app/crmsync migrate --db sqlite://var/crm.db
if ! printf '%s\n' "$WEB_PASSWORD" |
     build/app/crmsync user add --db sqlite://var/crm.db --role admin demo 2>/dev/null; then
  printf '%s\n' "$WEB_PASSWORD" | build/app/crmsync user passwd --db sqlite://var/crm.db demo
fi
cat <<MSG
crmsync is starting (Ctrl-C stops it). Where to look:
  web UI:       http://127.0.0.1:8080/  (sign in as demo, password $WEB_PASSWORD)
  log:          var/log/crmsync.log (also on this terminal)
  drop folder:  var/drop      -> imported files move to var/drop/done, refused ones to
                                 var/drop/failed with a .reason.txt beside them
  health:       curl http://127.0.0.1:8080/healthz
  1C exchange:  in 1C's "exchange with site" node type http://127.0.0.1:8080/1c_exchange,
                user $CRMSYNC_EXCHANGE_USER, password $CRMSYNC_EXCHANGE_PASSWORD;
                or play 1C with the emulator (another terminal, same two variables exported):
                build/tests/emulator/onec-emulator --url http://127.0.0.1:8080/1c_exchange \\
                    catalog tests/fixtures/commerceml/import.xml tests/fixtures/commerceml/offers.xml
                build/tests/emulator/onec-emulator --url http://127.0.0.1:8080/1c_exchange sale
  1C OData:     serve an emulated 1C:УТ 11 publication in another terminal
                (--items N, --orders N, --latency-ms N, --fail-every N: see --help):
                export CRMSYNC_ONEC_PASSWORD=$ONEC_PASSWORD
                build/tests/emulator/onec-emulator odata-serve --listen $ODATA_LISTEN
                and pull it from a third one, the same variable exported, into a database of
                its own (the emulated base is not the one the sample files come from, and a
                full pull deactivates what another base brought):
                build/app/crmsync odata pull --db sqlite://var/odata-demo.db \\
                    --mapping config/mappings/odata-ut11.xml \\
                    --url http://$ODATA_LISTEN/base/odata/standard.odata --user Администратор
  journal:      build/app/crmsync journal --db sqlite://var/crm.db
  database:     sqlite3 var/crm.db 'select id, article, name, active from product'
MSG
exec build/app/crmsync serve --config config/crmsync.ini

#!/usr/bin/env bash
# Builds crmsync and starts the daemon on the embedded defaults: SQLite at var/crm.db, the drop
# folder var/drop (primed with this repository's sample CommerceML files), config/crmsync.ini.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
mkdir -p var/drop var/log
# The 1C exchange login: yours if exported, else a demo one made up for this run (never stored).
export CRMSYNC_EXCHANGE_USER=${CRMSYNC_EXCHANGE_USER:-demo}
if [ -z "${CRMSYNC_EXCHANGE_PASSWORD:-}" ]; then
  CRMSYNC_EXCHANGE_PASSWORD=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
  export CRMSYNC_EXCHANGE_PASSWORD
fi
cp -n tests/fixtures/commerceml/import.xml tests/fixtures/commerceml/offers.xml \
      tests/fixtures/commerceml/orders.xml var/drop/ 2>/dev/null || true
cat <<MSG
crmsync is starting (Ctrl-C stops it). Where to look:
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
  journal:      build/app/crmsync journal --db sqlite://var/crm.db
  database:     sqlite3 var/crm.db 'select id, article, name, active from product'
MSG
exec build/app/crmsync serve --config config/crmsync.ini

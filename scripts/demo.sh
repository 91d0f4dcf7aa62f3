#!/usr/bin/env bash
# Builds crmsync and starts the daemon on the embedded defaults: SQLite at var/crm.db, the drop
# folder var/drop (primed with this repository's sample CommerceML files), config/crmsync.ini.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
mkdir -p var/drop var/log
cp -n tests/fixtures/commerceml/import.xml tests/fixtures/commerceml/offers.xml \
      tests/fixtures/commerceml/orders.xml var/drop/ 2>/dev/null || true
cat <<MSG
crmsync is starting (Ctrl-C stops it). Where to look:
  log:          var/log/crmsync.log (also on this terminal)
  drop folder:  var/drop      -> imported files move to var/drop/done, refused ones to
                                 var/drop/failed with a .reason.txt beside them
  health:       curl http://127.0.0.1:8080/healthz
  journal:      build/app/crmsync journal --db sqlite://var/crm.db
  database:     sqlite3 var/crm.db 'select id, article, name, active from product'
MSG
exec build/app/crmsync serve --config config/crmsync.ini

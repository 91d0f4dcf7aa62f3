# Which folder may include which: the dependency table of docs/architecture.md, as enforced by
# cmake/CheckLayering.cmake on every build. One rule per layer, "FOLDER:ALLOWED,ALLOWED,...":
# a source file in FOLDER (the longest rule folder its path starts with) may include only headers
# under the ALLOWED folders. An allowed folder covers its sub-folders ("adapters" is every
# adapter); a rule folder that is a sub-folder ("adapters/crmdb") is a layer of its own.
# Both include forms are checked: "crmcore/x.h" and <crmcore/x.h> are the same header.
set(CRMSYNC_LAYERS
  # Shared helpers (hashing, text, time, files): the bottom, includable by every folder.
  "util:util"
  "crmcore:util,crmcore"
  "mapping:util,crmcore,mapping"
  # Each adapter is separate: the ports and records of crmcore, itself, and nothing else.
  "adapters/crmdb:util,crmcore,adapters/crmdb"
  "adapters/onec/commerceml:util,crmcore,adapters/onec/commerceml"
  "adapters/onec/odata:util,crmcore,adapters/onec/odata"
  # The engine sees adapters only through crmcore's ports.
  "sync:util,crmcore,mapping,sync"
  "scheduler:util,crmcore,mapping,sync,scheduler"
  "config:util,config"
  # The composition root wires everything.
  "app:util,crmcore,mapping,adapters,sync,scheduler,config,app"
  # Tests may include everything; the 1C emulator is used by the demo and bench/ as well, so it
  # stays free of the test harness (tests/support) and of the test suites.
  "tests/emulator:util,crmcore,mapping,adapters,sync,scheduler,config,app,tests/emulator"
  "tests:util,crmcore,mapping,adapters,sync,scheduler,config,app,bench,tests"
  # Benchmarks time the real code and play 1C with the emulator, never the test harness.
  "bench:util,crmcore,mapping,adapters,sync,scheduler,config,app,tests/emulator,bench"
)

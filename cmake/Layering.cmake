# The dependency rules of architecture.md, checked on every build: a source file in folder F may
# include headers only from the folders listed for F. Linking alone would not catch a header-only
# use, so the includes themselves are checked.
set(CRMSYNC_LAYERS
  "crmcore:crmcore"
  "mapping:crmcore,mapping"
  "adapters:crmcore,adapters"
  "sync:crmcore,mapping,sync"
  "scheduler:crmcore,mapping,sync,scheduler"
  "config:config"
  "app:crmcore,mapping,adapters,sync,scheduler,config,app"
)

function(crmsync_check_layering)
  # A list cannot cross the command line intact, so the rules travel joined by '|'.
  list(JOIN CRMSYNC_LAYERS "|" layers)
  add_custom_target(check_layering ALL
    COMMAND ${CMAKE_COMMAND} -DROOT=${CMAKE_SOURCE_DIR} "-DLAYERS=${layers}"
            -P ${CMAKE_SOURCE_DIR}/cmake/CheckLayering.cmake
    VERBATIM
    COMMENT "Checking folder dependencies against architecture.md")
endfunction()

# Debian packages only: libpoco-dev libxml2-dev libsoci-dev libspdlog-dev libboost-test-dev
# libsqlite3-dev libpq-dev. Debian's SOCI ships no CMake package, so it is found by hand.
find_package(Poco REQUIRED COMPONENTS Foundation Net NetSSL Util JSON Zip Crypto)
find_package(LibXml2 REQUIRED)
find_package(spdlog REQUIRED)
find_package(Boost REQUIRED COMPONENTS unit_test_framework)
find_package(Threads REQUIRED)
# Howard Hinnant's date/tz (libhowardhinnant-date-dev) for the scheduler's time zones. Debian
# builds date::date-tz with USE_OS_TZDB=1: it reads /usr/share/zoneinfo (tzdata) and never
# downloads a database. GCC 12's libstdc++ has no std::chrono::tzdb.
find_package(date CONFIG REQUIRED)

find_path(SOCI_INCLUDE_DIR soci/soci.h REQUIRED)
find_library(SOCI_CORE_LIB soci_core REQUIRED)
find_library(SOCI_SQLITE3_LIB soci_sqlite3 REQUIRED)
find_library(SOCI_POSTGRESQL_LIB soci_postgresql REQUIRED)
find_package(PostgreSQL REQUIRED)
# SQLite's C API directly, for the statements on an import's hot path (adapters/crmdb).
find_package(SQLite3 REQUIRED)
# libsodium (libsodium-dev): Argon2id password hashes and random tokens of the HTTP API.
find_package(PkgConfig REQUIRED)
pkg_check_modules(Sodium REQUIRED IMPORTED_TARGET libsodium)

add_library(soci::core INTERFACE IMPORTED)
target_include_directories(soci::core INTERFACE ${SOCI_INCLUDE_DIR} ${PostgreSQL_INCLUDE_DIRS})
target_link_libraries(soci::core INTERFACE ${SOCI_CORE_LIB} ${CMAKE_DL_LIBS})
add_library(soci::backends INTERFACE IMPORTED)
target_link_libraries(soci::backends INTERFACE
  ${SOCI_SQLITE3_LIB} ${SOCI_POSTGRESQL_LIB} ${PostgreSQL_LIBRARIES} soci::core)

// The admin's mapping screens over HTTP: the files the daemon watches, a check that names each
// problem's line and column, a preview of a sample 1C file against the database as it is, and
// versions saved into the watched file (atomically, with a history) and rolled back. Every
// endpoint is the admin's: 401 without credentials, 403 for an accountant, 403 csrf for a
// browser without its token, 400 naming the field for bad input.
#include <memory>

#include <boost/test/unit_test.hpp>

#include "app/database_columns.h"
#include "app/mapping_watcher.h"
#include "app/web/json_fields.h"
#include "tests/support/test_env.h"
#include "tests/web/web_harness.h"

using namespace crmsync;
using namespace crmsync::test;

namespace {

const std::string kArticleLine = R"(<field source="Артикул" target="article"/>)";

// The repository's CommerceML mapping copied into a temp dir, watched as the daemon watches
// its [mapping] file, behind a web app whose admin is "root" and accountant "anna".
struct MappingSite {
    explicit MappingSite(Backend backend)
        : original(readFile(projectConfig() / "mappings" / "commerceml-ut11.xml")),
          file(writeCopy(dir, original)),
          url(std::make_shared<std::string>()),
          watcher(file),
          web(backend, {}, mappings()) {
        *url = web.db().url();
        web.addUser("root", "admin", "battery staple");
        web.addUser("anna", "accountant", "correct horse");
        admin = web.browser("root", "battery staple");
    }

    static std::filesystem::path writeCopy(const TempDir& dir, const std::string& text) {
        writeFile(dir / "catalog.xml", text);
        return dir / "catalog.xml";
    }

    app::web::EngineMappings mappings() {
        app::web::EngineMappings m = builtinMappings();
        m.files.push_back({"catalog", file, [this] { return watcher.current(); }});
        m.columns = [url = url] { return app::readDatabaseColumns(*url); };
        return m;
    }

    // The original with `from` (which must be there once) replaced by `to`.
    std::string edited(const std::string& from, const std::string& to) const {
        auto at = original.find(from);
        BOOST_REQUIRE(at != std::string::npos);
        std::string text = original;
        return text.replace(at, from.size(), to);
    }

    static std::string body(const std::string& content) {
        return app::web::JsonFields().text("content", content).done();
    }

    long long journalRows(const std::string& op, const std::string& actor) {
        return web.db().count("SELECT COUNT(*) FROM journal WHERE op = '" + op +
                              "' AND actor = '" + actor + "' AND origin = 'person'");
    }

    TempDir dir;
    std::string original;
    std::filesystem::path file;
    std::shared_ptr<std::string> url;  // the database's, once the harness made it
    app::MappingWatcher watcher;       // as the daemon's, without the database's own columns
    WebHarness web;
    Browser admin;
};

int lineOf(const std::string& text, const std::string& what) {
    auto at = text.find(what);
    BOOST_REQUIRE(at != std::string::npos);
    return 1 + static_cast<int>(std::count(text.begin(), text.begin() + at, '\n'));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(mappings_api)

CRMSYNC_TEST_ON_BOTH(lists_and_shows_the_files_the_daemon_watches) {
    MappingSite site(backend);
    Reply list = site.web.get("/api/v1/mappings", site.admin);
    BOOST_REQUIRE_EQUAL(list.status, 200);
    auto items = list.json()->getArray("items");
    BOOST_REQUIRE_EQUAL(items->size(), 1u);
    auto item = items->getObject(0);
    BOOST_TEST(item->getValue<std::string>("name") == "catalog");
    BOOST_TEST(item->getValue<std::string>("file") == site.file.string());
    BOOST_TEST(item->getValue<std::string>("in_force") == site.watcher.current()->version);
    BOOST_TEST(item->getValue<std::string>("on_disk") == site.watcher.current()->version);
    BOOST_TEST(item->isNull("version"));  // nothing saved from the web yet

    Reply one = site.web.get("/api/v1/mappings/catalog", site.admin);
    BOOST_REQUIRE_EQUAL(one.status, 200);
    BOOST_TEST(one.json()->getValue<std::string>("content") == site.original);

    Reply missing = site.web.get("/api/v1/mappings/odata", site.admin);
    BOOST_TEST(missing.status == 404);
    BOOST_TEST(missing.json()->getObject("error")->getValue<std::string>("message") ==
               "no mapping file 'odata' (this daemon's: catalog)");
}

CRMSYNC_TEST_ON_BOTH(check_names_the_line_and_column_of_each_problem) {
    MappingSite site(backend);
    std::string broken =
        site.edited(kArticleLine, R"(<field source="Артикул" target="artikul"/>)");
    int line = lineOf(broken, "artikul");
    Reply reply = site.web.post("/api/v1/mappings/catalog/check", MappingSite::body(broken),
                                site.admin);
    BOOST_REQUIRE_EQUAL(reply.status, 200);
    auto json = reply.json();
    BOOST_TEST(!json->getValue<bool>("valid"));
    auto problems = json->getArray("diagnostics");
    BOOST_REQUIRE_EQUAL(problems->size(), 1u);
    auto problem = problems->getObject(0);
    BOOST_TEST(problem->getValue<int>("line") == line);
    BOOST_TEST(problem->getValue<int>("column") > 0);
    std::string text = problem->getValue<std::string>("text");
    BOOST_TEST(text.rfind(site.file.string() + ":" + std::to_string(line) + ":", 0) == 0, text);
    BOOST_TEST(problem->getValue<std::string>("message").find("artikul") != std::string::npos);

    Reply clean = site.web.post("/api/v1/mappings/catalog/check",
                                MappingSite::body(site.original), site.admin);
    BOOST_TEST(clean.json()->getValue<bool>("valid"));
    BOOST_TEST(clean.json()->getArray("diagnostics")->size() == 0u);
    BOOST_TEST(clean.json()->getValue<int>("entities") > 0);
    // A check is an action of the person: journaled in their name.
    BOOST_TEST(site.journalRows("mapping-check", "root") == 2);

    // Not XML at all: the parser's line.
    Reply garbage = site.web.post("/api/v1/mappings/catalog/check",
                                  MappingSite::body("<mapping>\n<entity"), site.admin);
    BOOST_TEST(!garbage.json()->getValue<bool>("valid"));
    BOOST_TEST(garbage.json()->getArray("diagnostics")->getObject(0)->getValue<int>("line") >= 1);
}

CRMSYNC_TEST_ON_BOTH(bad_input_is_a_400_naming_the_field) {
    MappingSite site(backend);
    for (const std::string path : {"/api/v1/mappings/catalog/check",
                                   "/api/v1/mappings/catalog/preview",
                                   "/api/v1/mappings/catalog/versions"}) {
        Reply absent = site.web.post(path, "{}", site.admin);
        BOOST_TEST(absent.status == 400, path);
        BOOST_TEST(absent.errorField() == "content", path);
        Reply number = site.web.post(path, R"({"content": 5})", site.admin);
        BOOST_TEST(number.status == 400, path);
        BOOST_TEST(number.errorField() == "content", path);
        Reply not_json = site.web.post(path, "content=x", site.admin);
        BOOST_TEST(not_json.status == 400, path);
        BOOST_TEST(not_json.errorCode() == "bad_json", path);
    }
    Reply no_input = site.web.post("/api/v1/mappings/catalog/preview",
                                   MappingSite::body(site.original), site.admin);
    BOOST_TEST(no_input.status == 400);
    BOOST_TEST(no_input.errorField() == "input");
    Reply limit = site.web.post(
        "/api/v1/mappings/catalog/preview?limit=0",
        app::web::JsonFields().text("content", site.original).text("input", "<x/>").done(),
        site.admin);
    BOOST_TEST(limit.status == 400);
    BOOST_TEST(limit.errorField() == "limit");
    Reply number = site.web.get("/api/v1/mappings/catalog/versions/first", site.admin);
    BOOST_TEST(number.status == 400);
    BOOST_TEST(number.errorField() == "number");
    std::string long_comment = app::web::JsonFields()
                                   .text("content", site.original + "\n")
                                   .text("comment", std::string(501, 'x'))
                                   .done();
    Reply comment = site.web.post("/api/v1/mappings/catalog/versions", long_comment, site.admin);
    BOOST_TEST(comment.status == 400);
    BOOST_TEST(comment.errorField() == "comment");
    BOOST_TEST(readFile(site.file) == site.original);
}

CRMSYNC_TEST_ON_BOTH(preview_shows_what_a_sample_file_would_do_and_writes_nothing) {
    MappingSite site(backend);
    // The edit under preview: the article goes to the description instead.
    std::string edited =
        site.edited(kArticleLine, R"(<field source="Артикул" target="description"/>)");
    edited = edited.replace(edited.find(R"(<field source="Описание" target="description"/>)"),
                            std::string(R"(<field source="Описание" target="description"/>)").size(),
                            "");
    std::string body = app::web::JsonFields()
                           .text("content", edited)
                           .text("input", readFile(own("import.xml")))
                           .text("input_name", "import.xml")
                           .done();
    long long rows_before = site.web.db().totalRows();
    Reply reply = site.web.post("/api/v1/mappings/catalog/preview?limit=50", body, site.admin);
    BOOST_REQUIRE_MESSAGE(reply.status == 200, reply.body);
    auto items = reply.json()->getArray("items");
    BOOST_REQUIRE(items->size() > 3u);
    Poco::JSON::Object::Ptr table;
    for (std::size_t i = 0; i < items->size(); ++i) {
        auto item = items->getObject(i);
        if (item->getValue<std::string>("onec_key") == "9a4b7e01-d9b1-11ee-8f3c-00155d0a6401") {
            table = item;
        }
    }
    BOOST_REQUIRE(table);
    BOOST_TEST(table->getValue<std::string>("entity") == "product");
    BOOST_TEST(table->getValue<std::string>("action") == "insert");
    auto mapped = table->getObject("mapped");
    BOOST_TEST(mapped->getValue<std::string>("description") == "СТ-1200");
    BOOST_TEST(!mapped->has("article"));
    BOOST_TEST(table->getValue<std::string>("origin").find("import.xml:") == 0u);
    // Preview writes nothing but its journal row.
    BOOST_TEST(site.web.db().totalRows() == rows_before + 1);
    BOOST_TEST(site.journalRows("mapping-preview", "root") == 1);

    std::string broken = app::web::JsonFields()
                             .text("content", site.edited(kArticleLine, "<field/>"))
                             .text("input", readFile(own("import.xml")))
                             .done();
    Reply invalid = site.web.post("/api/v1/mappings/catalog/preview", broken, site.admin);
    BOOST_TEST(invalid.status == 422);
    BOOST_TEST(invalid.errorCode() == "invalid_mapping");
    BOOST_TEST(invalid.errorField() == "content");
    BOOST_TEST(invalid.json()->getArray("diagnostics")->getObject(0)->getValue<int>("line") ==
               lineOf(site.original, kArticleLine));

    std::string unreadable = app::web::JsonFields()
                                 .text("content", site.original)
                                 .text("input", "<КоммерческаяИнформация><Каталог>")
                                 .done();
    Reply bad_input = site.web.post("/api/v1/mappings/catalog/preview", unreadable, site.admin);
    BOOST_TEST(bad_input.status == 422, bad_input.body);
    BOOST_TEST(bad_input.errorCode() == "unreadable_input");
    BOOST_TEST(bad_input.errorField() == "input");
}

CRMSYNC_TEST_ON_BOTH(a_saved_version_is_written_to_the_watched_file_and_rolls_back) {
    MappingSite site(backend);
    std::string edited = site.edited(kArticleLine, kArticleLine + "\n    <!-- checked -->");
    std::string first_in_force = site.watcher.current()->version;
    std::string body =
        app::web::JsonFields().text("content", edited).text("comment", "a note").done();
    Reply saved = site.web.post("/api/v1/mappings/catalog/versions", body, site.admin);
    BOOST_REQUIRE_MESSAGE(saved.status == 201, saved.body);
    // Version 1 is the file as it was: no text the daemon ran leaves the history.
    BOOST_TEST(saved.json()->getValue<int>("number") == 2);
    BOOST_TEST(saved.json()->getValue<std::string>("saved_by") == "root");
    BOOST_TEST(saved.json()->getValue<std::string>("comment") == "a note");
    BOOST_TEST(readFile(site.file) == edited);
    // No temporary file is left beside it.
    BOOST_TEST(std::distance(std::filesystem::directory_iterator(site.dir.path()),
                             std::filesystem::directory_iterator()) == 1);
    BOOST_TEST((site.watcher.poll().outcome == app::MappingWatcher::Outcome::Reloaded));

    auto shown = site.web.get("/api/v1/mappings/catalog", site.admin).json();
    BOOST_TEST(shown->getValue<std::string>("in_force") != first_in_force);
    BOOST_TEST(shown->getValue<std::string>("in_force") == site.watcher.current()->version);
    BOOST_TEST(shown->getValue<int>("version") == 2);

    auto history = site.web.get("/api/v1/mappings/catalog/versions", site.admin).json();
    auto items = history->getArray("items");
    BOOST_REQUIRE_EQUAL(items->size(), 2u);
    BOOST_TEST(items->getObject(0)->getValue<int>("number") == 2);
    BOOST_TEST(items->getObject(1)->getValue<int>("number") == 1);
    BOOST_TEST(items->getObject(1)->getValue<std::string>("comment") ==
               "found on disk before the first save");
    BOOST_TEST(!items->getObject(0)->has("content"));
    Reply first = site.web.get("/api/v1/mappings/catalog/versions/1", site.admin);
    BOOST_TEST(first.json()->getValue<std::string>("content") == site.original);
    BOOST_TEST(site.web.get("/api/v1/mappings/catalog/versions/9", site.admin).status == 404);

    Reply again = site.web.post("/api/v1/mappings/catalog/versions", body, site.admin);
    BOOST_TEST(again.status == 409);
    BOOST_TEST(again.errorCode() == "unchanged");

    Reply invalid = site.web.post(
        "/api/v1/mappings/catalog/versions",
        MappingSite::body(site.edited(kArticleLine, R"(<field source="x" target="nope"/>)")),
        site.admin);
    BOOST_TEST(invalid.status == 422);
    BOOST_TEST(invalid.errorCode() == "invalid_mapping");
    BOOST_TEST(readFile(site.file) == edited);

    Reply restored =
        site.web.post("/api/v1/mappings/catalog/versions/1/restore", "{}", site.admin);
    BOOST_REQUIRE_MESSAGE(restored.status == 201, restored.body);
    BOOST_TEST(restored.json()->getValue<int>("number") == 3);
    BOOST_TEST(restored.json()->getValue<std::string>("comment") == "roll back to version 1");
    BOOST_TEST(readFile(site.file) == site.original);
    BOOST_TEST((site.watcher.poll().outcome == app::MappingWatcher::Outcome::Reloaded));
    BOOST_TEST(site.watcher.current()->version == first_in_force);
    BOOST_TEST(site.journalRows("mapping-save", "root") == 1);
    BOOST_TEST(site.journalRows("mapping-rollback", "root") == 1);

    // A hand edit between saves is kept in the history too.
    std::string by_hand = site.original + "<!-- by hand -->\n";
    writeFile(site.file, by_hand);
    Reply after_hand =
        site.web.post("/api/v1/mappings/catalog/versions", MappingSite::body(edited), site.admin);
    BOOST_REQUIRE_EQUAL(after_hand.status, 201);
    BOOST_TEST(after_hand.json()->getValue<int>("number") == 5);
    BOOST_TEST(site.web.get("/api/v1/mappings/catalog/versions/4", site.admin)
                   .json()
                   ->getValue<std::string>("content") == by_hand);
}

CRMSYNC_TEST_ON_BOTH(mappings_are_the_admins_alone) {
    MappingSite site(backend);
    Browser anna = site.web.browser("anna", "correct horse");
    std::string body = MappingSite::body(site.original);
    const std::vector<std::string> gets = {"/api/v1/mappings", "/api/v1/mappings/catalog",
                                           "/api/v1/mappings/catalog/versions",
                                           "/api/v1/mappings/catalog/versions/1"};
    const std::vector<std::string> posts = {"/api/v1/mappings/catalog/check",
                                            "/api/v1/mappings/catalog/preview",
                                            "/api/v1/mappings/catalog/versions",
                                            "/api/v1/mappings/catalog/versions/1/restore"};
    for (const auto& path : gets) {
        Reply refused = site.web.get(path, anna);
        BOOST_TEST(refused.status == 403, path);
        BOOST_TEST(refused.errorCode() == "forbidden", path);
        Request anonymous;
        anonymous.path = path;
        BOOST_TEST(site.web.send(anonymous).status == 401, path);
    }
    for (const auto& path : posts) {
        Reply refused = site.web.post(path, body, anna);
        BOOST_TEST(refused.status == 403, path);
        BOOST_TEST(refused.errorCode() == "forbidden", path);
        Request anonymous;
        anonymous.method = "POST";
        anonymous.path = path;
        anonymous.body = body;
        BOOST_TEST(site.web.send(anonymous).status == 401, path);
        // The admin's browser without its CSRF token is refused before anything runs.
        Request forged = anonymous;
        forged.headers["Cookie"] = "crmsync_session=" + site.admin.cookie;
        Reply csrf = site.web.send(forged);
        BOOST_TEST(csrf.status == 403, path);
        BOOST_TEST(csrf.errorCode() == "csrf", path);
    }
    BOOST_TEST(readFile(site.file) == site.original);
    BOOST_TEST(site.web.db().count("SELECT COUNT(*) FROM mapping_version") == 0);

    // A script with an admin token needs no CSRF token; an accountant's token gets 403.
    Request script;
    script.method = "POST";
    script.path = "/api/v1/mappings/catalog/check";
    script.body = body;
    script.headers["Authorization"] = "Bearer " + site.web.addToken("ci", "admin");
    BOOST_TEST(site.web.send(script).status == 200);
    script.headers["Authorization"] = "Bearer " + site.web.addToken("report", "accountant");
    BOOST_TEST(site.web.send(script).status == 403);
}

BOOST_AUTO_TEST_SUITE_END()

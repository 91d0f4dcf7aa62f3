#include "tests/emulator/exchange_scenarios.h"

#include <chrono>
#include <fstream>
#include <sstream>

#include <Poco/Zip/Compress.h>

#include "adapters/onec/commerceml/zip_package.h"

namespace crmsync::emulator {

namespace fs = std::filesystem;

namespace {

std::string readAll(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

double secondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::string describe(const std::string& call, const Answer& answer) {
    return call + ": " + answer.verdict() + (answer.text().empty() ? "" : ": " + answer.text());
}

}  // namespace

std::vector<ExchangeFile> exchangeFilesIn(const fs::path& folder) {
    std::vector<fs::path> found;
    for (const auto& entry : fs::recursive_directory_iterator(folder)) {
        if (entry.is_regular_file() && entry.path().extension() == ".xml") {
            found.push_back(fs::relative(entry.path(), folder));
        }
    }
    std::vector<ExchangeFile> files;
    for (const auto& rel : commerceml::exchangeOrder(found)) {
        files.push_back({rel.generic_string(), folder / rel});
    }
    return files;
}

std::string zipArchive(const std::vector<ExchangeFile>& files) {
    std::ostringstream out;
    Poco::Zip::Compress compress(out, true);
    for (const auto& file : files) {
        compress.addFile(Poco::Path(file.path.string()),
                         Poco::Path(file.name, Poco::Path::PATH_UNIX));
    }
    compress.close();
    return out.str();
}

PushReport pushCatalog(OneCClient& client, const std::vector<ExchangeFile>& files,
                       const CatalogPushOptions& options) {
    PushReport report;
    auto started = std::chrono::steady_clock::now();
    Answer auth = client.checkauth("catalog");
    if (auth.verdict() != "success") {
        report.failure = describe("checkauth", auth);
        return report;
    }
    InitAnswer init = client.init("catalog");
    std::uint64_t chunk = options.chunk != 0 ? options.chunk : init.file_limit;
    if (options.zip && init.zip) {
        Answer sent = client.upload("catalog", options.zip_name, zipArchive(files), chunk);
        if (sent.verdict() != "success") {
            report.failure = describe("file " + options.zip_name, sent);
            return report;
        }
    } else {
        for (const auto& file : files) {
            Answer sent = client.upload("catalog", file.name, readAll(file.path), chunk);
            if (sent.verdict() != "success") {
                report.failure = describe("file " + file.name, sent);
                return report;
            }
        }
    }
    report.upload_seconds = secondsSince(started);
    started = std::chrono::steady_clock::now();
    for (const auto& file : files) {
        ImportResult result = client.importUntilDone("catalog", file.name);
        report.progress_calls += result.progress_calls;
        if (result.last.verdict() != "success") {
            report.import_seconds = secondsSince(started);
            report.failure = describe("import " + file.name, result.last);
            return report;
        }
        report.final_answers.push_back(result.last);
    }
    report.import_seconds = secondsSince(started);
    for (const char* mode : {"deactivate&timestamp=0", "complete"}) {
        Answer done = client.call("GET", std::string("type=catalog&mode=") + mode);
        if (done.verdict() != "success") {
            report.failure = describe(mode, done);
            return report;
        }
    }
    report.ok = true;
    return report;
}

std::string orderStatusFile(const std::vector<OrderStatus>& statuses) {
    auto flag = [](bool value) { return value ? "true" : "false"; };
    std::ostringstream xml;
    xml << "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        << "<КоммерческаяИнформация xmlns=\"urn:1C.ru:commerceml_2\" ВерсияСхемы=\"2.08\" "
           "ДатаФормирования=\"2024-05-01T10:00:00\">\n";
    for (const auto& s : statuses) {
        auto requisite = [&xml](const std::string& name, const std::string& value) {
            xml << "      <ЗначениеРеквизита><Наименование>" << name
                << "</Наименование><Значение>" << value << "</Значение></ЗначениеРеквизита>\n";
        };
        xml << "  <Документ>\n    <Ид>" << s.id << "</Ид>\n    <Номер>" << s.number
            << "</Номер>\n    <ХозОперация>Заказ товара</ХозОперация>\n";
        if (!s.comment.empty()) {
            xml << "    <Комментарий>" << s.comment << "</Комментарий>\n";
        }
        xml << "    <ЗначенияРеквизитов>\n";
        requisite("Номер по 1С", s.onec_number);
        requisite("Дата по 1С", s.onec_date);
        requisite("Проведен", flag(s.posted));
        requisite("Оплачен", flag(s.paid));
        requisite("Отгружен", flag(s.shipped));
        requisite("Отменен", flag(s.cancelled));
        if (!s.status.empty()) {
            requisite("Статус заказа", s.status);
        }
        xml << "    </ЗначенияРеквизитов>\n  </Документ>\n";
    }
    xml << "</КоммерческаяИнформация>\n";
    return xml.str();
}

std::vector<std::string> documentIds(const std::string& query_body) {
    // The answer is windows-1251; "<Документ>" and "<Ид>" are matched in that encoding.
    const std::string document = "<\xC4\xEE\xEA\xF3\xEC\xE5\xED\xF2>";
    const std::string id_open = "<\xC8\xE4>";
    const std::string id_close = "</\xC8\xE4>";
    std::vector<std::string> ids;
    for (auto at = query_body.find(document); at != std::string::npos;
         at = query_body.find(document, at + 1)) {
        auto open = query_body.find(id_open, at);
        auto close = query_body.find(id_close, open);
        if (open == std::string::npos || close == std::string::npos) {
            break;
        }
        open += id_open.size();
        ids.push_back(fromWindows1251(query_body.substr(open, close - open)));
    }
    return ids;
}

}  // namespace crmsync::emulator

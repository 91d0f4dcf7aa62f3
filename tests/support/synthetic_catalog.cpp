#include "tests/support/synthetic_catalog.h"

#include <cstdio>
#include <fstream>
#include <stdexcept>

namespace crmsync::test {

namespace {

std::string guid(char kind, int n) {
    char text[40];
    std::snprintf(text, sizeof text, "%c0000000-0000-4000-8000-%012d", kind, n);
    return text;
}

}  // namespace

void writeSyntheticCatalog(const std::filesystem::path& file, int products) {
    std::ofstream out(file, std::ios::binary);
    constexpr int kGroups = 10;
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<КоммерческаяИнформация ВерсияСхемы=\"2.08\" "
           "ДатаФормирования=\"2026-11-01T10:00:00\">\n"
           "<Классификатор><Ид>c0000000-0000-4000-8000-000000000001</Ид>"
           "<Наименование>Классификатор</Наименование><Группы>\n";
    for (int g = 0; g < kGroups; ++g) {
        out << "<Группа><Ид>" << guid('a', g) << "</Ид><Наименование>Группа " << g
            << "</Наименование></Группа>\n";
    }
    out << "</Группы></Классификатор>\n"
           "<Каталог СодержитТолькоИзменения=\"false\"><Ид>c0000000-0000-4000-8000-000000000002"
           "</Ид><Наименование>Каталог</Наименование><Товары>\n";
    for (int p = 0; p < products; ++p) {
        out << "<Товар><Ид>" << guid('b', p) << "</Ид><Артикул>ART-" << p
            << "</Артикул><Наименование>Товар " << p
            << "</Наименование><БазоваяЕдиница Код=\"796\" НаименованиеПолное=\"Штука\">шт"
               "</БазоваяЕдиница><Группы><Ид>"
            << guid('a', p % kGroups) << "</Ид></Группы><Описание>Описание товара " << p
            << "</Описание></Товар>\n";
    }
    out << "</Товары></Каталог>\n</КоммерческаяИнформация>\n";
    if (!out.flush()) {
        throw std::runtime_error("cannot write " + file.string());
    }
}

}  // namespace crmsync::test

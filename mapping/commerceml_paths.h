#pragma once
// Admins think in CommerceML: they see <Артикул> and
// <ЗначенияРеквизитов><ЗначениеРеквизита><Наименование>Вес</Наименование>... in import.xml, not
// the field names of our records. A mapping source of a CommerceML entity may therefore name the
// CommerceML element; this is the one table that translates it to the record path:
//   Артикул -> article, Наименование -> name, Штрихкод -> barcode, Описание -> description, ...
//   ЗначенияРеквизитов/ЗначениеРеквизита[Наименование='Вес']/Значение -> requisites/Вес
//   ЗначенияСвойств/ЗначенияСвойства[Ид='…']/Значение -> properties[id='…']/value
//   ХарактеристикиТовара/ХарактеристикаТовара[Наименование='…']/Значение
//     -> characteristics[name='…']/value
// The 1C names live here rather than in adapters/onec because they are part of the mapping
// language admins write; the record field names are the contract with the CommerceML reader.
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "mapping/source_path.h"

namespace crmsync::mapping {

// The fields the CommerceML reader (adapters/onec/commerceml) puts into the records of one
// entity: the names a mapping source may start with. The reader cannot share this table
// (mapping/ sits below adapters/), so tests/adapters/commerceml/test_commerceml_paths.cpp ties
// the two: every field the reader emits is listed here, and every field listed here is emitted
// by some CommerceML the tests read.
struct CommerceMlEntityFields {
    std::string_view entity;
    std::vector<std::string_view> fields;
};

// One entry per entity the reader emits, fields in the order the reader puts them.
const std::vector<CommerceMlEntityFields>& commerceMlReaderFields();

// The record path for `segments` of a CommerceML entity, or an error message for an admin
// (unknown field, a CommerceML path that does not lead to a value).
std::variant<std::vector<PathSegment>, std::string> commerceMlRecordPath(
    std::string_view entity, const std::vector<PathSegment>& segments);

}  // namespace crmsync::mapping

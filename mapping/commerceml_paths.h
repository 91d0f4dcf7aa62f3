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

// The record path for `segments` of a CommerceML entity, or an error message for an admin
// (unknown field, a CommerceML path that does not lead to a value).
std::variant<std::vector<PathSegment>, std::string> commerceMlRecordPath(
    std::string_view entity, const std::vector<PathSegment>& segments);

}  // namespace crmsync::mapping

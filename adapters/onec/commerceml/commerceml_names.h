#pragma once
// CommerceML element and attribute names, as 1C writes them (UTF-8). They are compared with
// libxml2's local names, so every namespace variant (none, urn:1C.ru:commerceml_2,
// urn:1C.ru:commerceml_3, ...) matches the same constant.
namespace crmsync::commerceml::names {

// Envelope and packages.
inline constexpr const char* kRoot = "КоммерческаяИнформация";
inline constexpr const char* kSchemaVersion = "ВерсияСхемы";
inline constexpr const char* kClassifier = "Классификатор";
inline constexpr const char* kCatalog = "Каталог";
inline constexpr const char* kOfferPackage = "ПакетПредложений";
inline constexpr const char* kOfferPackageChanges = "ИзмененияПакетаПредложений";
inline constexpr const char* kDocument = "Документ";
inline constexpr const char* kContainer = "Контейнер";
inline constexpr const char* kChangesOnly = "СодержитТолькоИзменения";

// Collections and their items.
inline constexpr const char* kGroups = "Группы";
inline constexpr const char* kGroup = "Группа";
inline constexpr const char* kProperties = "Свойства";
inline constexpr const char* kProperty = "Свойство";
inline constexpr const char* kPropertyLegacy = "СвойствоНоменклатуры";  // 2.03
inline constexpr const char* kPriceTypes = "ТипыЦен";
inline constexpr const char* kPriceType = "ТипЦены";
inline constexpr const char* kWarehouses = "Склады";
inline constexpr const char* kWarehouse = "Склад";
inline constexpr const char* kUnits = "ЕдиницыИзмерения";  // 3.x classifier
inline constexpr const char* kUnitDefinition = "ЕдиницаИзмерения";
inline constexpr const char* kProducts = "Товары";
inline constexpr const char* kProduct = "Товар";
inline constexpr const char* kOffers = "Предложения";
inline constexpr const char* kOffer = "Предложение";

// Common item elements.
inline constexpr const char* kId = "Ид";
inline constexpr const char* kName = "Наименование";
inline constexpr const char* kFullName = "ПолноеНаименование";
inline constexpr const char* kOfficialName = "ОфициальноеНаименование";
inline constexpr const char* kVersion = "НомерВерсии";
inline constexpr const char* kDeletionMark = "ПометкаУдаления";
inline constexpr const char* kStatus = "Статус";
inline constexpr const char* kStatusDeleted = "Удален";
inline constexpr const char* kValue = "Значение";
inline constexpr const char* kCurrency = "Валюта";
inline constexpr const char* kQuantity = "Количество";
inline constexpr const char* kAmount = "Сумма";
inline constexpr const char* kComment = "Комментарий";
inline constexpr const char* kRole = "Роль";
inline constexpr const char* kType = "Тип";
inline constexpr const char* kCode = "Код";

// Classifier.
inline constexpr const char* kValueType = "ТипЗначений";
inline constexpr const char* kValueVariants = "ВариантыЗначений";
inline constexpr const char* kDirectory = "Справочник";
inline constexpr const char* kValueId = "ИдЗначения";
inline constexpr const char* kTax = "Налог";
inline constexpr const char* kTaxIncluded = "УчтеноВСумме";
inline constexpr const char* kShortName = "НаименованиеКраткое";

// Products.
inline constexpr const char* kArticle = "Артикул";
inline constexpr const char* kBarcode = "Штрихкод";
inline constexpr const char* kDescription = "Описание";
inline constexpr const char* kBaseUnit = "БазоваяЕдиница";
inline constexpr const char* kUnitFullName = "НаименованиеПолное";
inline constexpr const char* kUnitIntlAbbr = "МеждународноеСокращение";
inline constexpr const char* kTaxRates = "СтавкиНалогов";
inline constexpr const char* kTaxRate = "СтавкаНалога";
inline constexpr const char* kRate = "Ставка";
inline constexpr const char* kVat = "НДС";
inline constexpr const char* kPropertyValues = "ЗначенияСвойств";
inline constexpr const char* kPropertyValue = "ЗначенияСвойства";
inline constexpr const char* kRequisites = "ЗначенияРеквизитов";
inline constexpr const char* kRequisite = "ЗначениеРеквизита";
inline constexpr const char* kCharacteristics = "ХарактеристикиТовара";
inline constexpr const char* kCharacteristic = "ХарактеристикаТовара";
inline constexpr const char* kImage = "Картинка";
inline constexpr const char* kFullNameRequisite = "Полное наименование";

// Offers, prices, stock.
inline constexpr const char* kPrices = "Цены";
inline constexpr const char* kPrice = "Цена";
inline constexpr const char* kPriceTypeId = "ИдТипаЦены";
inline constexpr const char* kPricePerUnit = "ЦенаЗаЕдиницу";
inline constexpr const char* kUnit = "Единица";
inline constexpr const char* kFactor = "Коэффициент";
inline constexpr const char* kPresentation = "Представление";
inline constexpr const char* kWarehouseIdAttr = "ИдСклада";  // 2.0x <Склад .../>
inline constexpr const char* kWarehouseQuantityAttr = "КоличествоНаСкладе";
inline constexpr const char* kRests = "Остатки";  // 2.09+/3.x rests
inline constexpr const char* kRest = "Остаток";

// Documents.
inline constexpr const char* kNumber = "Номер";
inline constexpr const char* kNumber1C = "Номер1С";  // 3.x
inline constexpr const char* kDate = "Дата";
inline constexpr const char* kDate1C = "Дата1С";  // 3.x
inline constexpr const char* kTime = "Время";
inline constexpr const char* kOperation = "ХозОперация";
inline constexpr const char* kExchangeRate = "Курс";
inline constexpr const char* kCounterparties = "Контрагенты";
inline constexpr const char* kCounterparty = "Контрагент";
inline constexpr const char* kInn = "ИНН";
inline constexpr const char* kKpp = "КПП";
inline constexpr const char* kLastName = "Фамилия";
inline constexpr const char* kFirstName = "Имя";
inline constexpr const char* kMiddleName = "Отчество";
inline constexpr const char* kRegistrationAddress = "АдресРегистрации";
inline constexpr const char* kLegalAddress = "ЮридическийАдрес";
inline constexpr const char* kAddress = "Адрес";
inline constexpr const char* kAddressField = "АдресноеПоле";
inline constexpr const char* kContacts = "Контакты";
inline constexpr const char* kContact = "Контакт";

// Document requisites (ЗначенияРеквизитов/ЗначениеРеквизита/Наименование) with a column of
// their own. The 1C→site ones are written by 1C, the others by the site (Bitrix).
inline constexpr const char* kReqOneCNumber = "Номер по 1С";
inline constexpr const char* kReqOneCDate = "Дата по 1С";
inline constexpr const char* kReqPosted = "Проведен";
inline constexpr const char* kReqPaid = "Заказ оплачен";
inline constexpr const char* kReqPaidShort = "Оплачен";
inline constexpr const char* kReqShipped = "Отгружен";
inline constexpr const char* kReqCancelled = "Отменен";
inline constexpr const char* kReqDeletionMark = "ПометкаУдаления";
inline constexpr const char* kReqStatus = "Статус заказа";
inline constexpr const char* kReqPaymentNumber = "Номер оплаты по 1С";
inline constexpr const char* kReqPaymentDate = "Дата оплаты по 1С";
inline constexpr const char* kReqShipmentNumber = "Номер отгрузки по 1С";
inline constexpr const char* kReqShipmentDate = "Дата отгрузки по 1С";

}  // namespace crmsync::commerceml::names

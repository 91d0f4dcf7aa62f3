// The XML layer under the CommerceML reader: XmlStream's pull API over the SAX push parser, the
// expanded item tree and the dom:: helpers, at the places chunked SAX parsing could go wrong
// (chunk boundaries, text in pieces, lines past 16 bits, encodings).
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "adapters/onec/commerceml/xml_node.h"
#include "adapters/onec/commerceml/xml_stream.h"
#include "crmcore/error.h"
#include "tests/support/test_env.h"

using namespace crmsync;
using namespace crmsync::commerceml;
using namespace crmsync::test;

namespace {

const std::string kXmlProlog = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

// One scratch file per test; the stream reads it under the name "t.xml".
struct Doc {
    explicit Doc(const std::string& xml) { writeFile(dir / "t.xml", xml); }
    XmlStream open() const { return XmlStream((dir / "t.xml").string(), "t.xml"); }
    TempDir dir;
};

// "+name@depth" for a start tag, "-name@depth" for an end tag, for every tag in the document.
std::vector<std::string> tags(XmlStream& xml) {
    std::vector<std::string> out;
    while (xml.read()) {
        std::string tag = xml.isStartElement() ? "+" : "-";
        tag += xml.localName();
        tag += '@';
        tag += std::to_string(xml.depth());
        out.push_back(tag);
    }
    return out;
}

// Moves the stream to the next start tag named `name`.
void seek(XmlStream& xml, const char* name) {
    while (xml.read()) {
        if (xml.isStartElement() && xml.nameIs(name)) {
            return;
        }
    }
    BOOST_FAIL("no <" << name << ">");
}

// Russian letters in UTF-8 to windows-1251 (А..я, Ё, ё); ASCII passes through, nothing else may
// come.
std::string toCp1251(const std::string& utf8) {
    std::string out;
    for (std::size_t i = 0; i < utf8.size(); ++i) {
        auto c = static_cast<unsigned char>(utf8[i]);
        if (c < 0x80) {
            out += static_cast<char>(c);
            continue;
        }
        unsigned code = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(utf8[++i]) & 0x3Fu);
        if (code == 0x401) {
            out += '\xA8';
        } else if (code == 0x451) {
            out += '\xB8';
        } else {
            out += static_cast<char>(0xC0 + (code - 0x410));
        }
    }
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(xml_stream)

BOOST_AUTO_TEST_CASE(tags_come_in_document_order_and_an_empty_element_has_both) {
    Doc doc(kXmlProlog + "<r a=\"1\">text<e/><!-- c --><?pi x?><f>\n<g></g></f></r>\n");
    XmlStream xml = doc.open();
    BOOST_TEST(tags(xml) == (std::vector<std::string>{"+r@0", "+e@1", "-e@1", "+f@1", "+g@2",
                                                      "-g@2", "-f@1", "-r@0"}));
    BOOST_TEST(!xml.isStartElement());
    BOOST_TEST(!xml.read());  // stays at the end
}

BOOST_AUTO_TEST_CASE(skip_passes_a_subtree_and_expand_leaves_the_stream_on_its_end_tag) {
    Doc doc(kXmlProlog + "<r><a><x/><y>1</y></a><b><z>2</z></b><c/></r>");
    XmlStream xml = doc.open();
    seek(xml, "a");
    BOOST_TEST(xml.skip());
    BOOST_TEST((xml.isStartElement() && xml.nameIs("b")));
    const dom::Element* b = xml.expand();
    BOOST_TEST((xml.isEndElement() && xml.nameIs("b") && xml.depth() == 1));
    BOOST_TEST(dom::childText(b, "z").value_or("<absent>") == "2");
    BOOST_TEST(xml.skip());  // from an end tag: the next tag
    BOOST_TEST((xml.isStartElement() && xml.nameIs("c")));
    BOOST_TEST(xml.read());
    BOOST_TEST((xml.isEndElement() && xml.nameIs("c")));
}

BOOST_AUTO_TEST_CASE(child_elements_pass_text_and_stop_at_the_parent_end) {
    Doc doc(kXmlProlog +
            "<r><list>\n  <i>1</i> text <j/><!-- c -->\n  <i><deep/></i>\n</list><k/></r>");
    XmlStream xml = doc.open();
    seek(xml, "list");
    std::vector<std::string> names;
    ChildElements children(xml);
    while (children.next()) {
        names.push_back(xml.localName());
        if (xml.nameIs("j")) {
            xml.expand();
        }
    }
    BOOST_TEST(names == (std::vector<std::string>{"i", "j", "i"}));
    BOOST_TEST((xml.isEndElement() && xml.nameIs("list")));
    BOOST_TEST(xml.read());
    BOOST_TEST(xml.nameIs("k"));
}

BOOST_AUTO_TEST_CASE(attributes_are_read_with_references_resolved) {
    Doc doc(kXmlProlog +
            "<r xmlns:p=\"urn:p\" a=\" x&amp;y&#38;z&lt;&#60;&quot;&#x26;amp; \" p:b=\"prefixed\" "
            "b=\"plain\" e=\"\"/>");
    XmlStream xml = doc.open();
    BOOST_REQUIRE(xml.read());
    // The stream gives the value as written, and only an attribute without a prefix.
    BOOST_TEST(xml.attribute("a").value() == " x&y&z<<\"&amp; ");
    BOOST_TEST(xml.attribute("b").value() == "plain");
    BOOST_TEST(xml.attribute("e").value() == "");
    BOOST_TEST(!xml.attribute("p").has_value());
    // The tree trims, and matches local names in any namespace, the first one written first.
    const dom::Element* r = xml.expand();
    BOOST_TEST(dom::attribute(r, "a").value() == "x&y&z<<\"&amp;");
    BOOST_TEST(dom::attribute(r, "b").value() == "prefixed");
    BOOST_TEST(!dom::attribute(r, "x").has_value());
}

BOOST_AUTO_TEST_CASE(a_text_in_many_pieces_comes_back_whole) {
    // libxml2 hands character data over a few hundred bytes at a time, references and CDATA
    // separately; 300 KB of it also crosses many of the parser's chunks.
    std::string source;
    std::string expected;
    for (int i = 0; i < 8000; ++i) {
        source += "абв &amp; где <![CDATA[<x>]]> " + std::to_string(i) + "&#10;";
        expected += "абв & где <x> " + std::to_string(i) + "\n";
    }
    Doc doc(kXmlProlog + "<r><t> " + source + " </t><u>after</u></r>\n");
    XmlStream xml = doc.open();
    seek(xml, "r");
    const dom::Element* r = xml.expand();
    std::string text = dom::childText(r, "t").value();
    BOOST_TEST(text.size() == expected.size() - 1);  // the last newline is trimmed
    BOOST_TEST((text + "\n" == expected));
    BOOST_TEST(dom::childText(r, "u").value_or("<absent>") == "after");
}

BOOST_AUTO_TEST_CASE(direct_text_skips_child_elements_comments_and_instructions) {
    Doc doc(kXmlProlog + "<r> a <b>inner</b> c <!-- x --> d<?pi y?>e </r>");
    XmlStream xml = doc.open();
    BOOST_REQUIRE(xml.read());
    const dom::Element* r = xml.expand();
    BOOST_TEST(dom::text(r) == "a  c  de");
    BOOST_TEST(dom::childText(r, "b").value_or("<absent>") == "inner");
    BOOST_TEST(!dom::childText(r, "missing").has_value());
    BOOST_TEST(dom::text(dom::child(r, "b")) == "inner");
}

BOOST_AUTO_TEST_CASE(items_across_chunk_boundaries_are_whole) {
    // Items of uneven size, so that the parser's chunk boundaries fall inside tags, names,
    // attribute values and two-byte characters somewhere among them.
    std::string xml_text = kXmlProlog + "<r>\n";
    const int items = 3000;
    for (int i = 0; i < items; ++i) {
        std::string padding(static_cast<std::size_t>(i * 37 % 300), 'z');
        std::string name;
        for (int k = 0; k < i % 50; ++k) {
            name += "Ё";
        }
        xml_text += "<Товар Код=\"к" + std::to_string(i) + padding + "\">\n<Ид>" +
                    std::to_string(i) + "</Ид><Имя>" + name + padding + "</Имя>\n</Товар>\n";
    }
    xml_text += "</r>\n";
    BOOST_REQUIRE(xml_text.size() > 20 * XmlFileInput::kReadSize);
    Doc doc(xml_text);
    XmlStream xml = doc.open();
    seek(xml, "r");
    ChildElements children(xml);
    int i = 0;
    while (children.next()) {
        std::size_t start_line = xml.line();
        const dom::Element* item = xml.expand();
        std::string padding(static_cast<std::size_t>(i * 37 % 300), 'z');
        std::string name;
        for (int k = 0; k < i % 50; ++k) {
            name += "Ё";
        }
        BOOST_TEST_CONTEXT("item " << i) {
            BOOST_TEST(dom::childText(item, "Ид").value_or("<absent>") == std::to_string(i));
            BOOST_TEST(dom::childText(item, "Имя").value_or("<absent>") == name + padding);
            BOOST_TEST(dom::attribute(item, "Код").value_or("<absent>") ==
                       "к" + std::to_string(i) + padding);
            BOOST_TEST(dom::line(item) == static_cast<std::size_t>(3 + 3 * i));
            BOOST_TEST(start_line == dom::line(item));
            BOOST_TEST(dom::line(dom::child(item, "Ид")) == dom::line(item) + 1);
        }
        ++i;
    }
    BOOST_TEST(i == items);
}

BOOST_AUTO_TEST_CASE(lines_stay_exact_beyond_65535_for_every_tag) {
    // libxml2's tree kept lines in 16 bits; the parser's own counter does not saturate.
    std::string xml_text = kXmlProlog + "<r>\n";
    for (int i = 0; i < 70000; ++i) {
        xml_text += "<i><id>" + std::to_string(i) + "</id></i>\n";
    }
    xml_text += "<last\n  a=\"1\"\n/>\n</r>\n";
    Doc doc(xml_text);
    XmlStream xml = doc.open();
    seek(xml, "r");
    ChildElements children(xml);
    std::size_t i = 0;
    while (children.next()) {
        if (xml.nameIs("last")) {
            BOOST_TEST(xml.line() == 70000u + 5);  // where the start tag ends, as libxml2 has it
            continue;
        }
        const dom::Element* item = xml.expand();
        if (i == 0 || i == 65532 || i == 65533 || i == 69999) {
            BOOST_TEST(dom::line(item) == i + 3);
            BOOST_TEST(dom::line(dom::child(item, "id")) == i + 3);
        }
        ++i;
    }
    BOOST_TEST(i == 70000u);
}

BOOST_AUTO_TEST_CASE(windows_1251_over_many_chunks_arrives_as_utf8) {
    std::string body;
    for (int i = 0; i < 4000; ++i) {
        body += "<Товар><Наименование>Стул ёлочный #" + std::to_string(i) +
                " Ёж</Наименование></Товар>\n";
    }
    std::string xml_text = "<?xml version=\"1.0\" encoding=\"windows-1251\"?>\n<r>\n" + body +
                           "</r>\n";
    Doc doc(toCp1251(xml_text));
    XmlStream xml = doc.open();
    seek(xml, "r");
    ChildElements children(xml);
    int i = 0;
    while (children.next()) {
        const dom::Element* item = xml.expand();
        BOOST_TEST(dom::childText(item, "Наименование").value_or("<absent>") ==
                   "Стул ёлочный #" + std::to_string(i) + " Ёж");
        ++i;
    }
    BOOST_TEST(i == 4000);
}

BOOST_AUTO_TEST_CASE(events_dropped_from_the_front_take_their_attributes_and_characters) {
    XmlEvents events;
    events.addStart("a", 0, 1);
    events.addAttribute("x", false, "one", 3);
    events.addText("t1", 2, 1, false);
    events.addEnd("a", 0, 1);
    events.addStart("b", 0, 2);  // no attributes of its own
    events.addStart("c", 1, 3);
    events.addAttribute("y", true, "a&#38;b", 7);
    events.addText("t2", 2, 2, false);
    events.addText("+", 1, 2, true);  // the same run
    events.discardBefore(3);
    BOOST_REQUIRE_EQUAL(events.size(), 3u);
    BOOST_TEST(events[0].name == std::string("b"));
    BOOST_TEST(events[0].count == 0u);
    const XmlEventAttribute& y = events.attribute(events[1].first);
    BOOST_TEST(y.name == std::string("y"));
    BOOST_TEST(y.namespaced);
    BOOST_TEST(events.chars(y.offset, y.size) == "a&b");
    BOOST_TEST(events.chars(events[2].first, events[2].count) == "t2+");
    events.discardBefore(3);
    BOOST_TEST(events.empty());
}

BOOST_AUTO_TEST_CASE(a_bom_is_passed_over) {
    Doc doc("\xEF\xBB\xBF" + kXmlProlog + "<r><a>й</a></r>");
    XmlStream xml = doc.open();
    BOOST_REQUIRE(xml.read());
    BOOST_TEST(dom::childText(xml.expand(), "a").value_or("<absent>") == "й");
}

BOOST_AUTO_TEST_SUITE_END()

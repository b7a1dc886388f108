#include "config/schema.hpp"

#include <gtest/gtest.h>

using namespace portunus::config;

namespace {
Errors check(const char *schema_text, const char *doc_text, SourcedJson &j) {
    rapidjson::Document schema;
    std::string err;
    EXPECT_TRUE(parseSchema(schema_text, schema, err)) << err;
    Errors errors;
    EXPECT_TRUE(parseJsonc("c.jsonc", doc_text, j, errors));
    validate(schema, j, errors);
    return errors;
}
constexpr const char *kSchema = R"({"type":"object","properties":{
  "port":{"type":"integer","minimum":1,"maximum":10,"default":5},
  "mode":{"type":"string","enum":["a","b"]},
  "sub":{"type":"object","properties":{"x":{"type":"boolean","default":true}}},
  "list":{"type":"array","items":{"type":"integer"}}}})";
} // namespace

TEST(Schema, FillsDefaultsIncludingNested) {
    SourcedJson j;
    auto errors = check(kSchema, "{}", j);
    EXPECT_TRUE(errors.empty());
    EXPECT_EQ(j.doc["port"].GetInt(), 5);
    EXPECT_TRUE(j.doc["sub"]["x"].GetBool());
}

TEST(Schema, ReportsUnknownKeyWrongTypeRangeAndEnumWithLines) {
    SourcedJson j;
    auto errors = check(kSchema, "{\n\"port\": 11,\n\"mode\": \"c\",\n\"sub\": {\"x\": 1},\n\"what\": 0,\n\"list\": [1, \"2\"]\n}", j);
    ASSERT_EQ(errors.size(), 5u);
    EXPECT_EQ(errors[0].str(), "c.jsonc:2: 'port' is out of range: 11 is not within [1, 10]");
    EXPECT_EQ(errors[1].line, 3);
    EXPECT_NE(errors[1].message.find("must be one of"), std::string::npos);
    EXPECT_EQ(errors[2].str(), "c.jsonc:4: 'sub/x' must be of type boolean, not integer");
    EXPECT_EQ(errors[3].str(), "c.jsonc:5: unknown key 'what' in the top level");
    EXPECT_EQ(errors[4].line, 6);
}

TEST(Schema, RequiredKeys) {
    SourcedJson j;
    auto errors = check(R"({"type":"object","properties":{"s":{"type":"string"}},"required":["s"]})", "{}", j);
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_NE(errors[0].message.find("missing required key 's'"), std::string::npos);
}

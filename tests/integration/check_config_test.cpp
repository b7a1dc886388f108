// portunus --check-config: file:line errors for the core config and the
// plugins' configs, a non-zero exit when anything is wrong, and the shipped
// conf/ passing.
#include "support/process.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <sstream>

namespace portunus::test {
namespace {

struct Located {
    std::string file;
    int line;
    std::string message;
};

// The `FILE:LINE: message` lines of `text`.
std::vector<Located> locatedErrors(const std::string &text) {
    static const std::regex kLocated(R"(^(.+):(\d+): (.+)$)");
    std::vector<Located> out;
    std::istringstream in(text);
    std::string line;
    std::smatch m;
    while (std::getline(in, line))
        if (std::regex_match(line, m, kLocated)) out.push_back({m[1], std::stoi(m[2]), m[3]});
    return out;
}

ProcessResult checkConfig(const std::string &dir) {
    return runProcess({portunusBinary(), "--check-config", "--config-dir", dir});
}

// A valid core config (lines 1-7), with `extra` inserted as line 4 when given.
std::string coreConfig(const std::string &extra = "") {
    return "// portunus.jsonc for --check-config tests\n"                                       // 1
           "{\n"                                                                               // 2
           "  \"general\": { \"plugins_dir\": \"" + builtPluginDir() + "\" },\n" +              // 3
           (extra.empty() ? "" : extra + "\n") +                                               // 4
           "  \"admin_api\": { \"admin_secret\": \"check-config-secret\" },\n"                  // 4|5
           "}\n";
}

TEST(CheckConfig, ReportsEveryMistakeWithFileAndLine) {
    TempDir dir("portunus-conf");
    auto core = dir.write("portunus.jsonc",
                          "// two mistakes: an unknown key and a wrong type\n" // 1
                          "{\n"                                                // 2
                          "  \"general\": {\n"                                 // 3
                          "    \"colour\": \"blue\",\n"                        // 4
                          "    \"loop_threads\": \"two\",\n"                   // 5
                          "  },\n"                                             // 6
                          "  \"admin_api\": { \"admin_secret\": \"s\" },\n"    // 7
                          "}\n");
    auto echo = dir.write("plugins.d/echotest.jsonc",
                          "// a syntax error: no colon\n" // 1
                          "{\n"                           // 2
                          "  \"enabled\": true,\n"        // 3
                          "  \"audio\" true,\n"           // 4
                          "}\n");
    ProcessResult r = checkConfig(dir.str());
    EXPECT_NE(r.exit_code, 0) << r.err;
    EXPECT_GT(r.exit_code, 0) << "crashed: " << r.err;
    EXPECT_EQ(r.out.find("configuration OK"), std::string::npos) << r.out;

    auto errors = locatedErrors(r.err);
    ASSERT_EQ(errors.size(), 3u) << r.err;
    EXPECT_EQ(errors[0].file, core.string());
    EXPECT_EQ(errors[0].line, 4) << errors[0].message;
    EXPECT_NE(errors[0].message.find("colour"), std::string::npos) << errors[0].message;
    EXPECT_EQ(errors[1].file, core.string());
    EXPECT_EQ(errors[1].line, 5) << errors[1].message;
    EXPECT_NE(errors[1].message.find("loop_threads"), std::string::npos) << errors[1].message;
    EXPECT_NE(errors[1].message.find("integer"), std::string::npos) << errors[1].message;
    EXPECT_EQ(errors[2].file, echo.string());
    EXPECT_EQ(errors[2].line, 4) << errors[2].message;
}

// Checks a core config with `extra` as line 4: exactly one error, on that
// line, whose message names each of `words`.
void expectOneErrorOnLine4(const std::string &extra, std::initializer_list<const char *> words) {
    TempDir dir("portunus-conf");
    auto core = dir.write("portunus.jsonc", coreConfig(extra));
    dir.write("plugins.d/echotest.jsonc", "{ \"enabled\": true }\n");
    ProcessResult r = checkConfig(dir.str());
    EXPECT_GT(r.exit_code, 0) << r.err;
    auto errors = locatedErrors(r.err);
    ASSERT_EQ(errors.size(), 1u) << r.err;
    EXPECT_EQ(errors[0].file, core.string());
    EXPECT_EQ(errors[0].line, 4);
    for (const char *word : words) EXPECT_NE(errors[0].message.find(word), std::string::npos) << errors[0].message;
}

TEST(CheckConfig, ReportsAnOutOfRangePort) {
    expectOneErrorOnLine4(R"(  "client_api": { "http": { "port": 70000 } },)", {"port", "70000"});
}

TEST(CheckConfig, TicketModeNeedsALongSecret) {
    expectOneErrorOnLine4(R"(  "auth": { "mode": "ticket", "ticket_secret": "short" },)", {"ticket_secret", "32"});
}

TEST(CheckConfig, ReportsASettingTheEchotestSchemaDoesNotKnow) {
    TempDir dir("portunus-conf");
    dir.write("portunus.jsonc", coreConfig());
    auto echo = dir.write("plugins.d/echotest.jsonc",
                          "// echotest has no settings\n" // 1
                          "{\n"                           // 2
                          "  \"enabled\": true,\n"        // 3
                          "  \"colour\": 1,\n"            // 4
                          "}\n");
    ProcessResult r = checkConfig(dir.str());
    EXPECT_GT(r.exit_code, 0) << r.err;
    auto errors = locatedErrors(r.err);
    ASSERT_EQ(errors.size(), 1u) << r.err;
    EXPECT_EQ(errors[0].file, echo.string());
    EXPECT_EQ(errors[0].line, 4);
    EXPECT_NE(errors[0].message.find("colour"), std::string::npos) << errors[0].message;
}

TEST(CheckConfig, AcceptsAValidConfig) {
    TempDir dir("portunus-conf");
    dir.write("portunus.jsonc", coreConfig());
    dir.write("plugins.d/echotest.jsonc", "{ \"enabled\": true }\n");
    ProcessResult r = checkConfig(dir.str());
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("configuration OK"), std::string::npos) << r.out;
    EXPECT_TRUE(locatedErrors(r.err).empty()) << r.err;
}

TEST(CheckConfig, TheShippedConfigPasses) {
    // Its plugins_dir is "": beside the binary, i.e. the build's plugins folder.
    ProcessResult r = checkConfig(PORTUNUS_SOURCE_CONF_DIR);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("configuration OK"), std::string::npos) << r.out;
}

} // namespace
} // namespace portunus::test

#include "support/expect.hpp"

namespace portunus::test {

namespace {
std::optional<std::string> stringAt(const Json &j, const char *pointer) {
    const rapidjson::Value *v = j.find(pointer);
    if (!v || !v->IsString()) return std::nullopt;
    return std::string(v->GetString(), v->GetStringLength());
}
} // namespace

::testing::AssertionResult isReply(const Json &reply, const std::string &kind,
                                   const std::optional<std::string> &transaction) {
    if (stringAt(reply, "/janus") != kind)
        return ::testing::AssertionFailure() << "expected janus \"" << kind << "\" in " << reply.text();
    if (transaction && stringAt(reply, "/transaction") != transaction)
        return ::testing::AssertionFailure() << "expected transaction \"" << *transaction << "\" in " << reply.text();
    return ::testing::AssertionSuccess();
}

::testing::AssertionResult isError(const Json &reply, int code, const std::optional<std::string> &transaction) {
    auto r = isReply(reply, "error", transaction);
    if (!r) return r;
    const rapidjson::Value *c = reply.find("/error/code");
    if (!c || !c->IsInt() || c->GetInt() != code)
        return ::testing::AssertionFailure() << "expected error code " << code << " in " << reply.text();
    const rapidjson::Value *reason = reply.find("/error/reason");
    if (!reason || !reason->IsString() || reason->GetStringLength() == 0)
        return ::testing::AssertionFailure() << "expected an error reason in " << reply.text();
    return ::testing::AssertionSuccess();
}

} // namespace portunus::test

// Fuzzes the SDP parser with arbitrary text; whatever parses must write back out
// to an equal model, and must answer (with transport) to an SDP that parses again.
#include "sdp/answerer.hpp"
#include "sdp/parser.hpp"
#include "sdp/remote_media.hpp"
#include "sdp/transport.hpp"
#include "sdp/writer.hpp"

#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace {
void check(bool ok, const char *what, const std::string &detail) {
    if (ok) return;
    std::fprintf(stderr, "sdp fuzz: %s\n%s\n", what, detail.c_str());
    std::abort();
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    using namespace portunus::sdp;
    SessionDescription offer;
    std::string error;
    if (!parse(std::string_view(reinterpret_cast<const char *>(data), size), offer, error)) return 0;

    std::string text = write(offer);
    SessionDescription again;
    check(parse(text, again, error), "written description does not parse", error + "\n" + text);
    check(again == offer, "round trip changed the model", text);

    SessionDescription ours = answer(offer);
    check(ours.media.size() == offer.media.size(), "answer has another number of m= sections", text);
    for (size_t i = 0; i < ours.media.size(); ++i)
        check(ours.media[i].mid == offer.media[i].mid, "answer changed a mid", text);
    TransportParams params;
    params.iceUfrag = "Prtn";
    params.icePwd = "portunusportunusportunus";
    params.fingerprint = {"sha-256", "01:23:45:67:89:AB:CD:EF"};
    params.setup = answeringSetup(offer);
    params.candidates = {"candidate:1 1 udp 2130706431 192.0.2.7 40000 typ host"};
    params.endOfCandidates = true;
    setTransport(ours, params);
    std::string answerText = write(ours);
    SessionDescription parsedAnswer;
    check(parse(answerText, parsedAnswer, error), "answer does not parse", error + "\n" + answerText);
    check(parsedAnswer == ours, "answer round trip changed the model", answerText);

    (void)remoteMedia(offer, ours);
    (void)remoteMedia(offer, offer);
    (void)bundledTransport(offer);
    return 0;
}

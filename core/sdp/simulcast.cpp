#include "sdp/simulcast.hpp"

#include "sdp/text.hpp"

namespace portunus::sdp {

namespace {

bool parseStreams(std::string_view list, std::vector<SimulcastStream> &out, std::string &error) {
    if (list.starts_with("rid=")) list.remove_prefix(4); // draft-ietf-mmusic-sdp-simulcast-13 and older
    for (auto streamText : text::split(list, ';')) {
        SimulcastStream stream;
        for (auto idText : text::split(streamText, ',')) {
            SimulcastRid rid;
            if (idText.starts_with('~')) {
                rid.paused = true;
                idText.remove_prefix(1);
            }
            if (!isValidRidId(idText)) {
                error = "invalid rid '" + std::string(idText) + "' in simulcast stream list";
                return false;
            }
            rid.id = std::string(idText);
            stream.push_back(std::move(rid));
        }
        out.push_back(std::move(stream));
    }
    return true;
}

void formatStreams(std::string &out, const std::vector<SimulcastStream> &streams) {
    for (size_t i = 0; i < streams.size(); ++i) {
        if (i) out += ';';
        for (size_t j = 0; j < streams[i].size(); ++j) {
            if (j) out += ',';
            if (streams[i][j].paused) out += '~';
            out += streams[i][j].id;
        }
    }
}

} // namespace

bool isValidRidId(std::string_view id) {
    if (id.empty() || id.size() > 255) return false;
    for (char c : id) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
        if (!ok) return false;
    }
    return true;
}

bool parseRid(std::string_view value, Rid &out, std::string &error) {
    auto parts = text::words(value);
    if (parts.size() < 2) {
        error = "a=rid needs '<id> send|recv'";
        return false;
    }
    if (!isValidRidId(parts[0])) {
        error = "invalid rid id '" + std::string(parts[0]) + "'";
        return false;
    }
    out = Rid{};
    out.id = std::string(parts[0]);
    if (parts[1] == "send")
        out.direction = RidDirection::Send;
    else if (parts[1] == "recv")
        out.direction = RidDirection::Recv;
    else {
        error = "rid direction must be send or recv, not '" + std::string(parts[1]) + "'";
        return false;
    }
    for (size_t w = 2; w < parts.size(); ++w) {
        for (auto param : text::split(parts[w], ';')) {
            if (param.empty()) continue;
            auto [key, val] = text::cut(param, '=');
            if (key == "pt") {
                for (auto ptText : text::split(val, ',')) {
                    auto pt = text::payloadType(ptText);
                    if (!pt) {
                        error = "rid pt '" + std::string(ptText) + "' is not a payload type (0-127)";
                        return false;
                    }
                    out.payloadTypes.push_back(*pt);
                }
            } else {
                out.restrictions.emplace_back(std::string(key), std::string(val));
            }
        }
    }
    return true;
}

std::string formatRid(const Rid &rid) {
    std::string out = rid.id + (rid.direction == RidDirection::Send ? " send" : " recv");
    std::string params;
    if (!rid.payloadTypes.empty()) {
        params = "pt=";
        for (size_t i = 0; i < rid.payloadTypes.size(); ++i) {
            if (i) params += ',';
            params += std::to_string(rid.payloadTypes[i]);
        }
    }
    for (const auto &[key, val] : rid.restrictions) {
        if (!params.empty()) params += ';';
        params += key;
        if (!val.empty()) params += '=' + val;
    }
    if (!params.empty()) out += ' ' + params;
    return out;
}

bool parseSimulcast(std::string_view value, Simulcast &out, std::string &error) {
    auto parts = text::words(value);
    if (parts.empty() || parts.size() % 2 != 0 || parts.size() > 4) {
        error = "a=simulcast needs 'send <streams>' and/or 'recv <streams>'";
        return false;
    }
    out = Simulcast{};
    bool seenSend = false, seenRecv = false;
    for (size_t i = 0; i < parts.size(); i += 2) {
        bool isSend = parts[i] == "send";
        if ((!isSend && parts[i] != "recv") || (isSend ? seenSend : seenRecv)) {
            error = "a=simulcast: unexpected '" + std::string(parts[i]) + "'";
            return false;
        }
        (isSend ? seenSend : seenRecv) = true;
        if (!parseStreams(parts[i + 1], isSend ? out.send : out.recv, error)) return false;
    }
    return true;
}

std::string formatSimulcast(const Simulcast &simulcast) {
    std::string out;
    if (!simulcast.send.empty()) {
        out += "send ";
        formatStreams(out, simulcast.send);
    }
    if (!simulcast.recv.empty()) {
        if (!out.empty()) out += ' ';
        out += "recv ";
        formatStreams(out, simulcast.recv);
    }
    return out;
}

} // namespace portunus::sdp

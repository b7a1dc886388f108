// The host side of portunus_reply: what a plugin answered synchronously.
#pragma once

#include <string>

struct portunus_reply {
    bool answered = false;
    bool is_error = false;
    int code = 0;
    std::string text; // JSON for an answer, the reason for an error
};

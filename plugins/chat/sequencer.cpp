#include "sequencer.hpp"

namespace portunus::chat {

uint64_t Sequencer::last(uint64_t room) const {
    auto it = last_.find(room);
    return it == last_.end() ? 0 : it->second;
}

uint64_t Sequencer::next(uint64_t room) {
    uint64_t &value = last_[room];
    undo_.emplace_back(room, value);
    return ++value;
}

void Sequencer::rollbackTo(size_t mark) {
    while (undo_.size() > mark) {
        last_[undo_.back().first] = undo_.back().second;
        undo_.pop_back();
    }
}

} // namespace portunus::chat

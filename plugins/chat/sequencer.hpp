// Per-room sequence numbers: monotonic and gap-free. Only the writer thread
// uses it, inside its transactions: a number handed out by a job whose
// savepoint or batch is rolled back is taken back (an undo log), so what is
// committed never skips one.
#pragma once

#include <cstddef>
#include <cstdint>
#include <unordered_map>
#include <utility>
#include <vector>

namespace portunus::chat {

class Sequencer {
public:
    // The room's last committed sequence (from storage at start-up).
    void load(uint64_t room, uint64_t last) { last_[room] = last; }
    uint64_t last(uint64_t room) const;
    uint64_t next(uint64_t room);

    // Undo points: mark() before a job or batch, rollbackTo() when it failed,
    // clearUndo() once the batch is committed.
    size_t mark() const { return undo_.size(); }
    void rollbackTo(size_t mark);
    void clearUndo() { undo_.clear(); }

private:
    std::unordered_map<uint64_t, uint64_t> last_;
    std::vector<std::pair<uint64_t, uint64_t>> undo_; // (room, value before)
};

} // namespace portunus::chat

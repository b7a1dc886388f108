// Layer selection inside one scalable stream (VP9 SVC, and any codec whose
// payload descriptor gives each packet its spatial and temporal layer): what
// one subscriber receives of a publisher's single SSRC.
//
// Going down a spatial layer happens at the start of the next picture; going
// up needs a keyframe (in key-frame-dependent modes such as L3T3_KEY an upper
// layer predicts from the layers below only at keyframes), which the
// selector asks for. Temporal layers go down at the start of a frame and up
// at a switching point (VP9's U bit). The last packet of the highest spatial
// layer forwarded carries the marker, as the end of the picture.
//
// One instance per subscriber stream, used by one thread; nothing allocates.
#pragma once

namespace portunus::media {

class SvcSelector {
public:
    // Targets: -1 = every layer.
    void setTarget(int spatial, int temporal);
    int targetSpatial() const { return target_s_; }
    int targetTemporal() const { return target_t_; }
    int currentSpatial() const { return current_s_; } // -1 = every layer (or nothing chosen yet)
    int currentTemporal() const { return current_t_; }

    struct Packet {
        int spatial = 0, temporal = 0;
        bool begin_frame = false; // the first packet of this layer's frame
        bool end_frame = false;   // its last packet
        bool keyframe = false;    // the first packet of a keyframe
        bool switching_up = false; // a temporal switching point
        bool marker = false;       // as the publisher sent it: the end of its whole picture
    };
    struct Decision {
        bool forward;       // send it
        bool marker;        // the marker bit to send it with
        bool want_keyframe; // ask the publisher for a keyframe (throttled by the caller)
    };
    Decision onPacket(const Packet &p);

private:
    int target_s_ = -1, target_t_ = -1;
    int current_s_ = -1, current_t_ = -1;
    bool started_ = false; // the first keyframe has been seen
};

} // namespace portunus::media

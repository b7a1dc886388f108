#!/usr/bin/env python3
"""The report of `scripts/bench sfu`: reads the loadgen's JSON lines (one per
run, tagged with the server) and prints Markdown tables per scenario, both
servers and the Portunus/Janus ratios, then the fanout headline as one JSON
line (the last line).

usage: bench_sfu_report.py RESULTS.jsonl FLOOR_NS_PER_PACKET CRASHES HEADER
(CRASHES: a file naming, one a line, each server that died during the runs)
"""
import json
import sys

CAPACITY_LOSS = 0.01
CAPACITY_P99_MS = 50.0


def passes(r):
    return r["receiving"] == r["subscribers"] and r["loss"] < CAPACITY_LOSS and r["delay_p99_ms"] < CAPACITY_P99_MS


def capacity(runs):
    """Largest passing subscriber count, and whether a larger step failed (else it is a lower bound)."""
    ok = [r["subscribers"] for r in runs if passes(r)]
    return (max(ok) if ok else 0), any(not passes(r) for r in runs)


def ratio(a, b):
    return round(a / b, 3) if a is not None and b else None


def ns_per_packet(r):
    return r["server_cpu_s"] * 1e9 / r["forwarded"] if r["forwarded"] else None


def main():
    runs = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
    floor_ns = float(sys.argv[2]) if sys.argv[2] else None
    crashes = [line.strip() for line in open(sys.argv[3]) if line.strip()]
    header = sys.argv[4]
    servers = sorted({r["server"] for r in runs}, key=lambda s: (s == "portunus", s))
    janus = [s for s in servers if s != "portunus"]
    out = [header + ", servers and load generator on the same machine in a private network namespace.", ""]
    out.append("Delays are one-way, publisher send to subscriber receipt on one clock: they include both "
               "clients' stacks, not only the server. CPU is the server's user+sys (all threads, /proc) "
               "over the measured window, per 1000 packets the subscribers received. RSS per subscriber is "
               "the growth from before the subscribers joined. The load generator's CPU is shown beside it.")
    for server in sorted(set(crashes)):
        out += ["", f"**{server} died {crashes.count(server)} time(s) during the runs** (restarted for the next scenario; "
                "the run it died in is missing or cut short)."]
    headline = {"scenario": "fanout"}

    for scenario in ("fanout", "fanout-gcm", "meeting", "audio-only"):
        by_server = {s: [r for r in runs if r["server"] == s and r["scenario"] == scenario] for s in servers}
        if not any(by_server.values()):
            continue
        # The run compared: for fanout the largest subscriber count every server passed
        # (else the smallest step), for the others the only one.
        counts = [{r["subscribers"] for r in rs if passes(r)} for rs in by_server.values() if rs]
        common = set.intersection(*counts) if counts else set()
        all_counts = sorted({r["subscribers"] for rs in by_server.values() for r in rs})
        ref = max(common) if common else all_counts[0]
        pick = {s: next((r for r in rs if r["subscribers"] == ref), None) for s, rs in by_server.items()}
        out += ["", f"### {scenario} ({ref} subscribers{', ' + str(pick['portunus']['publishers']) + ' publishers' if pick.get('portunus') else ''})", ""]
        out.append("| measure | " + " | ".join(servers) + " | Portunus / Janus (best) |")
        out.append("|---" * (len(servers) + 2) + "|")

        def row(label, fn, fmt, better_low=True):
            vals = {s: (fn(pick[s]) if pick[s] else None) for s in servers}
            jv = [vals[s] for s in janus if vals[s] is not None]
            best = (min(jv) if better_low else max(jv)) if jv else None
            cells = [fmt.format(vals[s]) if vals[s] is not None else "–" for s in servers]
            r = ratio(vals.get("portunus"), best)
            out.append(f"| {label} | " + " | ".join(cells) + f" | {r if r is not None else '–'} |")
            return vals.get("portunus"), best

        cpu = row("server CPU per 1000 forwarded packets (ms)", lambda r: r["server_cpu_ms_per_1000_pkts"], "{:.3f}")
        row("forwarded packets/s", lambda r: r["forwarded_pps"], "{:.0f}", better_low=False)
        row("loss at subscribers (%)", lambda r: 100 * r["loss"], "{:.3f}")
        row("one-way delay p50 (ms)", lambda r: r["delay_p50_ms"], "{:.2f}")
        p99 = row("one-way delay p99 (ms)", lambda r: r["delay_p99_ms"], "{:.2f}")
        row("jitter (ms)", lambda r: r["jitter_ms"], "{:.2f}")
        row("server RSS per subscriber (KiB)", lambda r: r["server_rss_kib_per_subscriber"], "{:.0f}")
        row("load generator CPU (% of a core)", lambda r: 100 * r["loadgen_cpu_s"] / r["window_s"], "{:.0f}")
        if scenario == "fanout":
            caps = {s: capacity(rs) for s, rs in by_server.items()}
            cells = [f"{c}{'' if bounded else '+'}" for c, bounded in (caps[s] for s in servers)]
            jcaps = [caps[s][0] for s in janus]
            pcap = caps.get("portunus", (0, True))[0]
            out.append("| capacity (subscribers, loss < 1 %, p99 < 50 ms; + = never failed) | " + " | ".join(cells)
                       + f" | {ratio(pcap, max(jcaps) if jcaps else None) or '–'} |")
            steps = ", ".join(str(c) for c in all_counts)
            out += ["", f"Subscriber steps: {steps}."]
            best_run = max((r for r in by_server.get("portunus", []) if passes(r)), key=lambda r: r["subscribers"],
                           default=pick.get("portunus"))
            egress = best_run["forwarded"] / best_run["server_cpu_s"] if best_run and best_run["server_cpu_s"] else None
            pkt_ns = ns_per_packet(pick["portunus"]) if pick.get("portunus") else None
            headline.update({
                "cpu_per_pkt_ratio": ratio(*cpu),
                "capacity_ratio": ratio(pcap, max(jcaps) if jcaps else None),
                "egress_pps_per_core": round(egress) if egress else None,
                "p99_delay_ms": p99[0],
                "floor_multiple": round(pkt_ns / floor_ns, 2) if pkt_ns and floor_ns else None,
            })
            if floor_ns:
                out += ["", f"Floor (SRTP protect of 1100 bytes + its share of a batched send): {floor_ns:.0f} ns per "
                        f"packet; Portunus spends {pkt_ns:.0f} ns ({headline['floor_multiple']} × the floor)."]
    print("\n".join(out))
    print(json.dumps(headline))


if __name__ == "__main__":
    main()

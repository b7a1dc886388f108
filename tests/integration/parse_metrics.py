#!/usr/bin/python3
# Parses a Prometheus text exposition file with the reference client library
# (prometheus_client) and prints its families as JSON:
# {"<family>": {"type": "...", "samples": [["<sample name>", {labels}, value], ...]}}.
# A parse error exits non-zero with the library's message.
import json
import sys

from prometheus_client.parser import text_string_to_metric_families

families = {}
with open(sys.argv[1]) as f:
    for family in text_string_to_metric_families(f.read()):
        families[family.name] = {
            "type": family.type,
            "samples": [[s.name, s.labels, s.value] for s in family.samples],
        }
print(json.dumps(families))

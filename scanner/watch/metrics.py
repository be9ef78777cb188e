"""A few counters and a latency histogram in the Prometheus text format.

Why not ``prometheus_client``: five series do not justify a dependency, and the text format
(``# TYPE``, ``name{label="v"} value``) is stable and simple.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

BUCKETS = (0.05, 0.1, 0.25, 0.5, 1.0, 1.5, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0)


class Metrics:
    def __init__(self, prefix: str = "saring"):
        self.prefix = prefix
        self._lock = threading.Lock()
        self.verdicts: dict[str, int] = {"allow": 0, "flag": 0, "block": 0}
        self.errors = 0
        self.rejected: dict[str, int] = {}
        self._bucket_counts = [0] * len(BUCKETS)
        self._sum = 0.0
        self._count = 0
        self.gauges: dict[str, Callable[[], dict[str, float]]] = {}

    def observe(self, verdict: str, seconds: float) -> None:
        with self._lock:
            self.verdicts[verdict] = self.verdicts.get(verdict, 0) + 1
            self._sum += seconds
            self._count += 1
            for i, bound in enumerate(BUCKETS):
                if seconds <= bound:
                    self._bucket_counts[i] += 1

    def error(self) -> None:
        with self._lock:
            self.errors += 1

    def reject(self, status: int) -> None:
        with self._lock:
            key = str(status)
            self.rejected[key] = self.rejected.get(key, 0) + 1

    def render(self) -> str:
        p = self.prefix
        with self._lock:
            lines = [
                f"# HELP {p}_files_scanned_total Files scanned, by verdict.",
                f"# TYPE {p}_files_scanned_total counter",
            ]
            lines += [f'{p}_files_scanned_total{{verdict="{v}"}} {n}'
                      for v, n in sorted(self.verdicts.items())]
            lines += [f"# HELP {p}_scan_errors_total Scans that failed with an internal error.",
                      f"# TYPE {p}_scan_errors_total counter",
                      f"{p}_scan_errors_total {self.errors}",
                      f"# HELP {p}_requests_rejected_total Requests refused, by HTTP status.",
                      f"# TYPE {p}_requests_rejected_total counter"]
            lines += [f'{p}_requests_rejected_total{{status="{s}"}} {n}'
                      for s, n in sorted(self.rejected.items())]
            lines += [f"# HELP {p}_scan_seconds Time to a verdict per file.",
                      f"# TYPE {p}_scan_seconds histogram"]
            for bound, n in zip(BUCKETS, self._bucket_counts, strict=True):
                lines.append(f'{p}_scan_seconds_bucket{{le="{bound}"}} {n}')
            lines += [f'{p}_scan_seconds_bucket{{le="+Inf"}} {self._count}',
                      f"{p}_scan_seconds_sum {self._sum:.6f}",
                      f"{p}_scan_seconds_count {self._count}"]
        for name, read in self.gauges.items():
            lines += [f"# TYPE {p}_{name} gauge"]
            for label, value in read().items():
                lines.append(f'{p}_{name}{{state="{label}"}} {value}' if label else
                             f"{p}_{name} {value}")
        return "\n".join(lines) + "\n"

"""Measure the publishing-server side: ``saring watch`` latency and throughput, ``saring serve``
requests/s, and the daemon's memory.

Usage:
    python bench/daemon_bench.py [--no-ner] [--samples 15] [--burst 300] [--requests 200]
                                 [--out bench/DAEMON_RESULTS.md]

What is measured (each daemon is a real subprocess, as under systemd):
- close-to-verdict latency (p50/p95) for 1-, 10- and 100-page text PDFs (fpdf2): the time from
  ``close()`` of the file written into the incoming folder to the ``verdict`` log line (file
  moved and recorded), one file at a time;
- files/s under a burst of small TXT files dropped at once (first write → last verdict);
- API requests/s and latency with a concurrent client (8 threads, httpx) against ``saring
  serve`` on 127.0.0.1;
- RSS: the daemon process alone and with its extraction workers (peak of 0.2 s samples).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import socket
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psutil

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "bench-token"


def make_pdf(path: Path, pages: int) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    for p in range(pages):
        pdf.add_page()
        for line in range(40):
            pdf.cell(0, 6, f"Halaman {p + 1} baris {line + 1}: laporan kegiatan dinas "
                           "tentang pelayanan publik dan anggaran tahun berjalan.",
                     new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))


class Peak(threading.Thread):
    """Samples RSS of a process (alone and with children) until stopped."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.proc = psutil.Process(pid)
        self.main = 0
        self.total = 0
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.wait(0.2):
            try:
                main = self.proc.memory_info().rss
                kids = sum(c.memory_info().rss for c in self.proc.children(recursive=True))
            except psutil.Error:
                continue
            self.main = max(self.main, main)
            self.total = max(self.total, main + kids)


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def read_events(log: Path, name: str) -> list[dict[str, Any]]:
    out = []
    for line in log.read_text(errors="replace").splitlines():
        try:
            event = json.loads(line)
        except json.JSONDecodeError:
            continue
        if event.get("event") == name:
            out.append(event)
    return out


def ts(event: dict[str, Any]) -> float:
    return datetime.fromisoformat(event["ts"]).timestamp()


def wait_events(log: Path, name: str, n: int, timeout: float) -> list[dict[str, Any]]:
    deadline = time.time() + timeout
    while time.time() < deadline:
        events = read_events(log, name)
        if len(events) >= n:
            return events
        time.sleep(0.02)
    raise TimeoutError(f"waited {timeout}s for {n} {name} events")


def bench_watch(work: Path, use_ner: bool, samples: int, burst: int) -> dict[str, Any]:
    config = work / "saring.toml"
    config.write_text(
        f'[scan]\nuse_ner = {"true" if use_ner else "false"}\ndb = "saring.db"\n\n'
        '[watch]\nmode = "gate"\nincoming = "in"\npublic = "pub"\nreview = "rev"\n'
        'quarantine = "q"\nworkers = 2\nsettle_ms = 500\n')
    (work / "in").mkdir()
    log = work / "watch.log"
    started = time.time()
    proc = subprocess.Popen([sys.executable, "-m", "scanner.cli", "watch", "--config",
                             str(config)], stdout=log.open("wb"), stderr=subprocess.STDOUT,
                            cwd=work)
    peak = Peak(proc.pid)
    peak.start()
    results: dict[str, Any] = {}
    try:
        wait_events(log, "started", 1, 180)
        results["startup_s"] = round(time.time() - started, 1)
        pdfs = {}
        for pages in (1, 10, 100):
            pdfs[pages] = work / f"src-{pages}.pdf"
            make_pdf(pdfs[pages], pages)
        done = 0
        for pages in (1, 10, 100):
            n = samples if pages < 100 else max(3, samples // 3)
            latencies, scans = [], []
            data = pdfs[pages].read_bytes()
            for i in range(n):
                target = work / "in" / f"p{pages}-{i}.pdf"
                with target.open("wb") as handle:
                    handle.write(data)
                closed = time.time()
                done += 1
                event = wait_events(log, "verdict", done, 300)[-1]
                latencies.append(ts(event) - closed)
                scans.append(event["scan_s"])
            results[f"pdf{pages}"] = {"n": n, "p50": round(pct(latencies, 0.5), 3),
                                      "p95": round(pct(latencies, 0.95), 3),
                                      "max": round(max(latencies), 3),
                                      "scan_p50": round(pct(scans, 0.5), 3),
                                      "rss_mb_after": round(peak.main / 2**20)}
        t0 = time.time()
        for i in range(burst):
            (work / "in" / f"b{i % 7}").mkdir(exist_ok=True)
            (work / "in" / f"b{i % 7}" / f"f{i}.txt").write_text(
                f"Dokumen {i}\n" + ("NIK: 3509124307860287\n" if i % 3 == 0 else
                                    "Laporan kegiatan.\n"))
        events = wait_events(log, "verdict", done + burst, 600)
        last = max(ts(e) for e in events[done:])
        results["burst"] = {"files": burst, "seconds": round(last - t0, 2),
                            "files_per_s": round(burst / (last - t0), 1)}
        proc.terminate()
        proc.wait(120)
    finally:
        peak.stop.set()
        if proc.poll() is None:
            proc.kill()
    results["rss_mb"] = round(peak.main / 2**20)
    results["rss_with_workers_mb"] = round(peak.total / 2**20)
    return results


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def bench_api(work: Path, use_ner: bool, requests: int, concurrency: int = 8) -> dict[str, Any]:
    import httpx

    port = free_port()
    config = work / "serve.toml"
    config.write_text(
        f'[scan]\nuse_ner = {"true" if use_ner else "false"}\ndb = "api.db"\n\n'
        f'[serve]\nport = {port}\ntokens = ["{TOKEN}"]\nmax_concurrent = 2\n'
        f"max_waiting = {concurrency * 2}\n")
    log = work / "serve.log"
    proc = subprocess.Popen([sys.executable, "-m", "scanner.cli", "serve", "--config",
                             str(config)], stdout=log.open("wb"), stderr=subprocess.STDOUT,
                            cwd=work)
    peak = Peak(proc.pid)
    peak.start()
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 180
        while True:
            try:
                if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.time() > deadline:
                raise TimeoutError("serve did not start")
            time.sleep(0.2)
        body = ("Laporan kegiatan dinas.\nHubungi 0812-3456-7890\n" * 20).encode()
        headers = {"Authorization": f"Bearer {TOKEN}"}
        # warm-up: each scan thread starts its extraction worker once
        for _ in range(4):
            httpx.post(f"{base}/api/v1/scan?filename=w.txt", content=body, headers=headers,
                       timeout=120)
        latencies: list[float] = []
        codes: dict[int, int] = {}
        lock = threading.Lock()
        counter = iter(range(requests))

        def client() -> None:
            with httpx.Client(timeout=120) as http:
                for _ in counter:
                    t = time.perf_counter()
                    r = http.post(f"{base}/api/v1/scan?filename=a.txt", content=body,
                                  headers=headers)
                    with lock:
                        latencies.append(time.perf_counter() - t)
                        codes[r.status_code] = codes.get(r.status_code, 0) + 1

        t0 = time.perf_counter()
        threads = [threading.Thread(target=client) for _ in range(concurrency)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - t0
        proc.terminate()
        proc.wait(60)
    finally:
        peak.stop.set()
        if proc.poll() is None:
            proc.kill()
    return {"requests": requests, "concurrency": concurrency, "seconds": round(elapsed, 2),
            "req_per_s": round(requests / elapsed, 1), "p50": round(pct(latencies, 0.5), 3),
            "p95": round(pct(latencies, 0.95), 3), "codes": codes,
            "rss_mb": round(peak.main / 2**20),
            "rss_with_workers_mb": round(peak.total / 2**20)}


def render(res: dict[str, Any], args: argparse.Namespace) -> str:
    w, a = res["watch"], res["api"]
    ok10 = "met" if w["pdf10"]["p95"] <= 1.5 else "NOT met"
    okrss = "met" if w["rss_with_workers_mb"] <= 600 else "NOT met"
    lines = [
        "# Daemon and API measurements",
        "",
        f"Generated by `python bench/daemon_bench.py{' --no-ner' if not args.ner else ''}` on "
        f"{res['date']} ({res['machine']}; load average at start {res['load']}).",
        f"NER model: {'on (bundled model)' if args.ner else 'off (--no-ner)'}. Two workers "
        "(`[watch] workers = 2`), `settle_ms = 500`. The machine's 2 cores were shared with an "
        "NER training run, so the figures are pessimistic.",
        "",
        "## `saring watch` (gate mode): close → verdict",
        "",
        "Time from `close()` of a file written into the incoming folder to its `verdict` log line "
        "(scanned, moved, recorded); files dropped one at a time.",
        "",
        "| file | n | p50 s | p95 s | max s | scan only p50 s | daemon RSS peak so far MB |",
        "|---|---|---|---|---|---|---|",
    ]
    for pages in (1, 10, 100):
        r = w[f"pdf{pages}"]
        lines.append(f"| {pages}-page text PDF | {r['n']} | {r['p50']} | {r['p95']} | "
                     f"{r['max']} | {r['scan_p50']} | {r['rss_mb_after']} |")
    b = w["burst"]
    lines += [
        "",
        f"Target p95 ≤ 1.5 s for a 10-page text PDF: **{ok10}** ({w['pdf10']['p95']} s).",
        "",
        f"Burst: {b['files']} small TXT files dropped at once → last verdict after "
        f"{b['seconds']} s = **{b['files_per_s']} files/s** (each file scanned, moved and "
        "recorded in its own transaction).",
        "",
        f"Daemon start-up (rules, Presidio{', NER' if args.ner else ''}): {w['startup_s']} s.",
        "",
        f"RSS peak: daemon {w['rss_mb']} MB; with its extraction workers "
        f"{w['rss_with_workers_mb']} MB. Target ≤ 600 MB: **{okrss}**.",
        "",
        "## `saring serve`: `POST /api/v1/scan`",
        "",
        f"{a['requests']} requests of a 1 KB TXT, {a['concurrency']} concurrent clients, "
        "`max_concurrent = 2`: "
        f"**{a['req_per_s']} requests/s**, latency p50 {a['p50']} s, p95 {a['p95']} s; "
        f"status codes {a['codes']}. RSS peak {a['rss_mb']} MB "
        f"({a['rss_with_workers_mb']} MB with extraction workers).",
        "",
        "Raw figures:",
        "",
        "```json",
        json.dumps(res, indent=2),
        "```",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--no-ner", dest="ner", action="store_false")
    parser.add_argument("--samples", type=int, default=15)
    parser.add_argument("--burst", type=int, default=300)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "DAEMON_RESULTS.md")
    args = parser.parse_args()
    res: dict[str, Any] = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPU, "
                   f"Python {platform.python_version()}",
        "load": round(os.getloadavg()[0], 2),
    }
    with tempfile.TemporaryDirectory(prefix="saring-bench-") as tmp:
        work = Path(tmp)
        (work / "w").mkdir()
        (work / "a").mkdir()
        res["watch"] = bench_watch(work / "w", args.ner, args.samples, args.burst)
        print(json.dumps(res["watch"]), flush=True)
        res["api"] = bench_api(work / "a", args.ner, args.requests)
        print(json.dumps(res["api"]), flush=True)
    args.out.write_text(render(res, args), encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()

"""The one pipeline every front door calls: intake -> extract -> detect -> policy -> verdict.

``saring scan``, the watch daemon and the HTTP API all construct one :class:`Scanner` (loading
rules, policy and the NER model once) and call :meth:`Scanner.scan_file` per file.
"""

from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from scanner import __version__
from scanner.config import Config
from scanner.detect.engine import Detector
from scanner.extract import ExtractionError, Limits
from scanner.i18n import Messages
from scanner.intake import inspect
from scanner.model import HIDDEN_LAYERS, FileResult, Finding, Segment
from scanner.policy import PolicyEngine, load_policy
from scanner.sandbox import Worker, prestart
from scanner.worker import extract_all

# Lock files, partial uploads and editor swap files are never content of their own.
IGNORED_NAMES = re.compile(r"^(~\$.*|\.~lock\..*#|.*\.(part|tmp|crdownload|swp|swx)|\..*\.sw.)$")


def iter_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Files under the given paths, recursively, in a stable order; lock/temp files skipped."""
    for path in paths:
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs.sort()
                for name in sorted(files):
                    if not IGNORED_NAMES.match(name):
                        yield Path(root) / name
        else:
            yield path


class Scanner:
    """Loads rules, policy and model once; scans files one by one."""

    def __init__(self, config: Config, suppress: Callable[[str, Finding], bool] | None = None):
        """``suppress(path, finding)`` returns True for findings a reviewer marked as false
        positives (the store's baseline); they are dropped before the policy decides."""
        self.config = config
        self.suppress = suppress
        threading.Thread(target=prestart, name="saring-forkserver", daemon=True).start()
        self.messages = Messages(config.lang)
        self.detector = Detector(config)
        self.policy = PolicyEngine(load_policy(config.policy), self.messages)
        self.limits = Limits(max_pages=config.max_pages)
        # One isolated extraction worker per thread (the daemon scans in a thread pool).
        self._local = threading.local()
        self._workers: list[Worker] = []

    def _worker(self) -> Worker:
        worker = getattr(self._local, "worker", None)
        if worker is None:
            worker = Worker(memory_mb=self.config.memory_mb)
            self._local.worker = worker
            self._workers.append(worker)
        return worker

    def close(self) -> None:
        """Stop the extraction workers (they also end with the process)."""
        for worker in self._workers:
            worker.stop()

    @property
    def tool_info(self) -> dict[str, str]:
        return {
            "name": "saring",
            "version": __version__,
            "rules": self.detector.rules_version,
            "model": self.detector.model_version,
        }

    def scan_file(self, path: Path, display_path: str | None = None) -> FileResult:
        started = time.perf_counter()
        result = FileResult(path=display_path or str(path))
        try:
            info = inspect(path)
        except OSError:
            result.error = "unreadable"
            self.policy.decide(result)
            return result
        result.sha256, result.mime, result.size = info.sha256, info.mime, info.size
        segments: list[Segment] = []
        if info.size > self.config.max_file_mb * 2**20:
            result.error = "too_large"
        else:
            outcome = self._worker().call(
                extract_all, path, info.mime, self.limits, timeout_s=self.config.timeout_s
            )
            if outcome.ok:
                segments, stats = outcome.value
                result.pages = stats.pages
                result.ocr_pages = stats.ocr_pages
                result.unscanned = {"images": stats.image_only_pages, "parts": stats.skipped}
                result.notes = list(stats.notes)
            else:
                result.error = outcome.code or "corrupt"
        result.segments = len(segments)
        findings = self.detector.detect(segments, self.policy.names_matter) if segments else []
        if info.extension_mismatch:
            findings.append(_mismatch_finding(path, info.mime))
        findings = _prefer_hidden(findings)
        if self.suppress is not None:
            findings = [f for f in findings if not self.suppress(result.path, f)]
        result.findings = findings
        self.policy.decide(result)
        result.seconds = round(time.perf_counter() - started, 4)
        return result


def _prefer_hidden(findings: list[Finding]) -> list[Finding]:
    """Drop a body finding when the same value on the same page was found in a hidden layer.

    PDFium returns the text under a drawn box (or invisible text) as part of the page text too;
    the finding that says *why* it is there (failed redaction, hidden text) is the useful one.
    """
    hidden = {
        (f.type, f.text, f.location.get("page"), f.location.get("member"))
        for f in findings
        if f.layer in HIDDEN_LAYERS
    }
    if not hidden:
        return findings
    return [
        f
        for f in findings
        if f.layer in HIDDEN_LAYERS
        or (f.type, f.text, f.location.get("page"), f.location.get("member")) not in hidden
    ]


def _mismatch_finding(path: Path, mime: str) -> Finding:
    return Finding(
        type="FILE_TYPE_MISMATCH",
        rule="intake.extension-mismatch",
        kind="file",
        score=1.0,
        basis="",
        location={"part": "file"},
        layer="metadata",
        text=f"{path.suffix or '(none)'} -> {mime}",
        explanation={"extension": path.suffix, "mime": mime},
    )


__all__ = ["ExtractionError", "Scanner", "iter_files"]

"""Extraction in a child process with a time limit and a memory limit, so a hostile
file (a decompression bomb the archive check did not catch, a PDF that loops) costs
one short-lived child, never a web worker or the daily inspection.

The parent sends the file on standard input and reads one JSON line back:
{"text": ..., "active": [...]} or {"error": "<Chinese reason>"}."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from common.extraction.errors import UnreadableAttachment
from common.extraction.formats import Extraction

DEFAULT_TIMEOUT = 20  # seconds
MEMORY_LIMIT = 1024 * 1024 * 1024  # address space of the child, bytes

_ROOT = Path(__file__).resolve().parent.parent.parent


def extract_isolated(data: bytes, *, name: str, timeout: float = DEFAULT_TIMEOUT) -> Extraction:
    """`formats.extract(data, name=name)` in a child process; UnreadableAttachment with
    a Chinese reason when the child fails, runs out of memory or takes longer than
    `timeout` seconds (it is then killed)."""
    command = [sys.executable, "-I", "-c", _CHILD, name, str(MEMORY_LIMIT), str(int(timeout) + 1)]
    try:
        done = subprocess.run(  # noqa: S603 - our own interpreter, fixed code, no shell
            command, input=data, capture_output=True, timeout=timeout, cwd=_ROOT, check=False
        )
    except subprocess.TimeoutExpired as exc:
        raise UnreadableAttachment(
            f"附件文字提取超过 {timeout:g} 秒仍未完成，已停止，请人工核查。"
        ) from exc
    try:
        answer = json.loads(done.stdout.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        answer = None
    if done.returncode != 0 or not isinstance(answer, dict):
        raise UnreadableAttachment("附件解析时占用资源过多或意外中止，已停止，请人工核查。")
    if "error" in answer:
        raise UnreadableAttachment(str(answer["error"]))
    return Extraction(str(answer["text"]), tuple(str(a) for a in answer.get("active", ())))


# Run with -I (no user site, no environment): the project root goes on the path by
# hand. Limits first, then the import of the parsers.
_CHILD = f"""
import json, resource, sys
sys.path.insert(0, {str(_ROOT)!r})
name, memory, cpu = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
from common.extraction.errors import UnreadableAttachment
from common.extraction.formats import extract
try:
    result = extract(sys.stdin.buffer.read(), name=name)
    answer = {{"text": result.text, "active": list(result.active_content)}}
except UnreadableAttachment as exc:
    answer = {{"error": str(exc)}}
except MemoryError:
    answer = {{"error": "附件解析所需内存超过上限，已停止，请人工核查。"}}
sys.stdout.write(json.dumps(answer, ensure_ascii=False))
"""

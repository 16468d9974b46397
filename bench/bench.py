"""Benchmark the full default rule pack (not a test: it prints figures).

    python bench/bench.py [--files 2000] [--runs 10]

Builds a corpus of distinct reports from examples/ (each copy varied and grown to
8-16 KB, the size of real reports, so no cache or deduplication can skip work), then
prints:
  * single-file cold wall time: median of N whole-process runs on a ~12 KB report
    (--no-cache; the user cache of jieba's dictionary and the validated pack warm, as
    after the first run of an installation), and that first run with an empty user cache;
  * in-process batch throughput in MB/s of UTF-8 input;
  * whole-process batch throughput (`reportlint check --no-cache` over the corpus) with
    -j1 and -j = cores, with the peak RSS of the largest process;
  * the same batch with a warm result cache (-j = cores), and its speed-up: unchanged
    (the whole run is replayed), without the run memo (the index gives keys, results
    come from entries), without the index either (every draft read and hashed), and
    with one file edited before each run (the index answers the others, one is linted);
  * autocorrect-py (pip install autocorrect-py: bench only) over the same corpus, in one
    Python process reading each file and calling lint_for, and our ratio to it.
The package's bytecode is compiled first (as an installation has it), since a
PYTHONDONTWRITEBYTECODE environment would otherwise compile every module on every run.
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FILLER = ["全年组织法治培训{n}场次，参训人员{m}人次。", "办理行政复议案件{n}件，依法纠错{m}件。",
          "公开政府信息{n}条，回应群众关切{m}次。", "修订规范性文件{n}件，清理废止{m}件。",
          "开展行政执法检查{n}次，发现并整改问题{m}个。", "审查重大行政决策{n}项，提出法律意见{m}条。",
          "受理群众投诉{n}件，按期办结率达到{m}‰。", "组织旁听庭审{n}场，参加干部{m}人次。"]


def build_corpus(target: Path, count: int) -> int:
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    sources = [p.read_text("utf-8") for p in sorted((ROOT / "examples").glob("*.txt")) if "gb18030" not in p.name]
    sources += [p.read_text("utf-8") for p in sorted((ROOT / "examples").glob("*.md"))]
    rng = random.Random(20261121)
    total = 0
    for i in range(count):
        lines = rng.choice(sources).split("\n")
        size, goal = len("\n".join(lines).encode("utf-8")), rng.randint(8_000, 16_000)
        while size < goal:  # grow body paragraphs with varied sentences toward a real report's size
            j = rng.randrange(1, len(lines))
            extra = "".join(rng.choice(FILLER).format(n=rng.randint(1, 99), m=rng.randint(1, 999)) for _ in range(6))
            lines[j] += extra
            size += len(extra.encode("utf-8"))
        data = "\n".join(lines).replace("2023", str(2015 + i % 10)).encode("utf-8")
        (target / f"report-{i:05d}.txt").write_bytes(data)
        total += len(data)
    return total


def _timed(command: list[str], env: dict | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=env)
    return time.perf_counter() - start


def single_file_cold(path: Path, runs: int, env: dict | None = None) -> float:
    command = [*REPORTLINT, "check", "-q", "--isolated", "--no-cache", str(path)]
    return statistics.median(_timed(command, env) for _ in range(runs))


def first_run_ever(path: Path) -> float:
    with tempfile.TemporaryDirectory() as empty:
        return single_file_cold(path, 1, {**os.environ, "XDG_CACHE_HOME": empty})


def in_process(corpus: Path) -> tuple[float, int]:
    from lint.engine import Linter
    from lint.pack.files import default_rules_dir
    from lint.pack.load import load_pack

    pack = load_pack([default_rules_dir()])
    linter = Linter(pack, list(pack.rules.values()))
    start = time.perf_counter()
    findings = sum(len(linter.lint_path(p).findings) for p in sorted(corpus.iterdir()))
    return time.perf_counter() - start, findings


# What the `reportlint` console script runs, on the checkout (the working directory comes
# first on sys.path with -c); `python -m lint.cli` would add runpy's start-up.
REPORTLINT = [sys.executable, "-c", "import sys; from lint.cli import run; sys.exit(run())"]

MEASURE = """
import resource, subprocess, sys, time
start = time.perf_counter()
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def whole_process(corpus: Path, *options: str) -> tuple[float, float]:
    """Wall time and peak RSS (MB, the largest single process) of one command."""
    out = subprocess.run([sys.executable, "-c", MEASURE, *REPORTLINT, "check", "-q", "--isolated", *options,
                          str(corpus)], cwd=ROOT, capture_output=True, text=True).stdout
    seconds, rss_kb = out.split()
    return float(seconds), int(rss_kb) / 1024


AUTOCORRECT = """
import sys, time
from pathlib import Path
import autocorrect_py
start = time.perf_counter()
for path in sorted(Path(sys.argv[1]).iterdir()):
    autocorrect_py.lint_for(path.read_text("utf-8"), path.name)
print(time.perf_counter() - start)
"""


def autocorrect(corpus: Path) -> tuple[float, float] | None:
    """(whole process, in process) seconds, or None when autocorrect-py is not installed."""
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", AUTOCORRECT, str(corpus)], capture_output=True, text=True)
    if proc.returncode:
        return None
    return time.perf_counter() - start, float(proc.stdout)


def _without(cache: Path, layers: tuple[str, ...], corpus: Path, cores: int) -> float:
    """A warm run with some of the cache's layers removed first: what each layer buys."""
    for layer in layers:
        shutil.rmtree(cache / layer, ignore_errors=True)
    return whole_process(corpus, "--cache-dir", str(cache), "-j", str(cores))[0]


def spread(values, scale: float = 1) -> str:
    values = [v * scale for v in values]
    if len(values) < 2:
        return ""
    return f"{min(values):.0f}-{max(values):.0f}" if scale > 1 else f"{min(values):.2f}-{max(values):.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=10, help="runs of the single-file measure")
    parser.add_argument("--batch-runs", type=int, default=3, help="pairs of parallel batch and autocorrect runs")
    parser.add_argument("--warm-runs", type=int, default=5, help="runs of the warm-cache batch")
    args = parser.parse_args()
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "lint")], check=True,
                   stdout=subprocess.DEVNULL)
    corpus = ROOT / "bench" / "corpus"
    size = build_corpus(corpus, args.files)
    mb = size / 1e6
    sample = min(sorted(corpus.iterdir()), key=lambda p: abs(p.stat().st_size - 12_000))
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}; figures are medians (range)")
    print(f"corpus: {args.files} files, {mb:.1f} MB UTF-8 ({size / args.files / 1000:.1f} KB a file)")
    first = first_run_ever(sample)
    # Each single-file run follows a bare interpreter start, so a slow spell of the machine shows.
    bare, cold = zip(*((_timed([sys.executable, "-c", "pass"]), single_file_cold(sample, 1))
                       for _ in range(args.runs)))
    print(f"single file cold ({sample.stat().st_size / 1000:.1f} KB, --no-cache, median of {args.runs}): "
          f"{statistics.median(cold) * 1000:.0f} ms ({spread(cold, 1000)} ms; `python -c pass` beside it: "
          f"{statistics.median(bare) * 1000:.0f} ms); first run with an empty user cache: {first * 1000:.0f} ms")
    seconds, findings = in_process(corpus)
    print(f"in-process batch: {seconds:.2f} s, {mb / seconds:.2f} MB/s, {findings} findings")
    cores = os.cpu_count() or 1
    seconds, rss = whole_process(corpus, "--no-cache", "-j", "1")
    print(f"whole-process batch -j1: {seconds:.2f} s, {mb / seconds:.2f} MB/s, peak RSS {rss:.0f} MB")
    # Ours and autocorrect-py's alternate, and each pair gives a ratio: the machine's speed
    # swings between minutes, rarely within one pair.
    runs, peers = [], []
    for _ in range(args.batch_runs):
        runs.append(whole_process(corpus, "--no-cache", "-j", str(cores)))
        peers.append(autocorrect(corpus))
    cold_batch = statistics.median(seconds for seconds, _ in runs)
    print(f"whole-process batch -j{cores}: {cold_batch:.2f} s ({spread([s for s, _ in runs])}), "
          f"{mb / cold_batch:.2f} MB/s, peak RSS {max(rss for _, rss in runs):.0f} MB")
    if None in peers:
        print("autocorrect-py: not installed (pip install autocorrect-py)")
    else:
        ratios = [whole / ours for (ours, _), (whole, _) in zip(runs, peers)]
        print(f"autocorrect-py lint_for, alternating with ours: in process "
              f"{mb / statistics.median(i for _, i in peers):.2f} MB/s, whole process "
              f"{mb / statistics.median(w for w, _ in peers):.2f} MB/s; ours -j{cores} / theirs (whole process), "
              f"pair by pair: {statistics.median(ratios):.2f}x ({spread(ratios)})")
    with tempfile.TemporaryDirectory() as cache:
        whole_process(corpus, "--cache-dir", cache, "-j", str(cores))  # fills the cache
        warm_runs = [whole_process(corpus, "--cache-dir", cache, "-j", str(cores)) for _ in range(args.warm_runs)]
        layers = {"no run replay (index + entries)": ("runs",), "no index either (hash + entries)": ("runs", "index")}
        without = {name: [_without(Path(cache), dropped, corpus, cores) for _ in range(args.warm_runs)]
                   for name, dropped in layers.items()}
        edited = []
        for path in sorted(corpus.iterdir())[:args.warm_runs]:  # one file edited: no replay, the index answers
            path.write_bytes(path.read_bytes() + "\n补充说明一句。\n".encode("utf-8"))
            edited.append(whole_process(corpus, "--cache-dir", cache, "-j", str(cores))[0])
    warm = statistics.median(seconds for seconds, _ in warm_runs)
    print(f"warm-cache batch -j{cores}, nothing changed (the run replayed): {warm:.3f} s "
          f"({spread([s for s, _ in warm_runs])}), peak RSS {max(rss for _, rss in warm_runs):.0f} MB; "
          f"{cold_batch / warm:.1f}x faster than the cold batch")
    for name, times in without.items():
        print(f"warm-cache batch -j{cores}, {name}: {statistics.median(times):.3f} s ({spread(times)})")
    one = statistics.median(edited)
    print(f"warm-cache batch -j{cores}, one file edited (index + one lint): {one:.3f} s ({spread(edited)}); "
          f"{cold_batch / one:.1f}x faster than the cold batch")


if __name__ == "__main__":
    main()

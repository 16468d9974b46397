"""Benchmark the full default rule pack (not a test: it prints figures).

    python bench/bench.py [--files 2000] [--runs 10]

Builds corpora of distinct reports (bench/corpora.py): a light one from examples/
(each copy varied and grown to 8-16 KB, about 8 findings a report) and a heavy one of
findings-dense Traditional, half-width-punctuated drafts (from the seeds in ../shared
when present, else generated; over 100 findings a report), then prints:
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
    Python process reading each file and calling lint_for, and our ratio to it;
  * on the heavy corpus, `check --no-cache -j cores` with --format json and with -q,
    each run beside autocorrect-py's, and our time over theirs, pair by pair;
  * with --scale N, N heavy reports checked with --format json -o FILE: wall time and
    the peak RSS of the main process and of the largest worker (read from /proc while
    it runs), and whether the output is byte-identical to a -j1 run's.
The package's bytecode is compiled first (as an installation has it), since a
PYTHONDONTWRITEBYTECODE environment would otherwise compile every module on every run.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from corpora import build, heavy_source  # noqa: E402

# Outside the checkout: the repository's .gitignore names bench/corpus*, and a walk
# respects it, as it should (BENCH_DIR chooses another place).
WORK = Path(os.environ.get("BENCH_DIR") or Path(tempfile.gettempdir()) / "reportlint-bench")


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
REPORTLINT = [sys.executable, "-c", "from lint.__main__ import console; console()"]

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
    parser.add_argument("--only", choices=("light", "heavy", "scale"), default=None, help="run one part only")
    parser.add_argument("--scale", type=int, default=0, help="files of the scale run (0: none)")
    args = parser.parse_args()
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "lint")], check=True,
                   stdout=subprocess.DEVNULL)
    cores = os.cpu_count() or 1
    print(f"machine: {cores} cores, Python {sys.version.split()[0]}; figures are medians (range)")
    if args.only in (None, "light"):
        light(args, cores)
    if args.only in (None, "heavy"):
        heavy(args, cores)
    if args.scale and args.only in (None, "scale"):
        scale(args.scale, cores)


def light(args, cores: int) -> None:
    corpus = WORK / "corpus"
    size = build("light", corpus, args.files)
    mb = size / 1e6
    sample = min(sorted(corpus.iterdir()), key=lambda p: abs(p.stat().st_size - 12_000))
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
        ratios = [ours / whole for (ours, _), (whole, _) in zip(runs, peers)]  # our time over theirs: < 1 is faster
        print(f"autocorrect-py lint_for, alternating with ours: in process "
              f"{mb / statistics.median(i for _, i in peers):.2f} MB/s, whole process "
              f"{mb / statistics.median(w for w, _ in peers):.2f} MB/s; our time -j{cores} over theirs, "
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



def paired(corpus: Path, runs: int, *options: str) -> tuple[list[float], list[float]]:
    """Our whole-process times and autocorrect-py's, alternating."""
    ours, theirs = [], []
    for _ in range(runs):
        ours.append(whole_process(corpus, *options)[0])
        peer = autocorrect(corpus)
        theirs.append(peer[0] if peer else float("nan"))
    return ours, theirs


def heavy(args, cores: int) -> None:
    corpus = WORK / "corpus-heavy"
    size = build("heavy", corpus, args.files)
    print(f"heavy corpus: {args.files} files from {heavy_source()}, {size / 1e6:.1f} MB")
    for name, options in (("--format json", ("--format", "json")), ("-q", ())):
        ours, theirs = paired(corpus, args.batch_runs, "--no-cache", "-j", str(cores), *options)
        ratios = [a / b for a, b in zip(ours, theirs)]
        print(f"heavy batch -j{cores} {name}: {statistics.median(ours):.2f} s ({spread(ours)}); autocorrect-py "
              f"{statistics.median(theirs):.2f} s; our time over theirs: {statistics.median(ratios):.2f}x "
              f"({spread(ratios)})")


WATCH = """
import os, subprocess, sys, time
proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
peak = {}
def children(pid):
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(c) for c in f.read().split()]
    except OSError:
        return []
start = time.perf_counter()
while proc.poll() is None:
    for pid in [proc.pid, *children(proc.pid)]:
        try:
            with open(f"/proc/{pid}/status") as f:
                hwm = next(int(line.split()[1]) for line in f if line.startswith("VmHWM"))
            peak[pid] = max(peak.get(pid, 0), hwm)
        except (OSError, StopIteration):
            pass
    time.sleep(0.05)
seconds = time.perf_counter() - start
main = peak.pop(proc.pid, 0)
print(seconds, main, max(peak.values(), default=0))
"""


def watched(*command: str) -> tuple[float, float, float]:
    """Wall time, and peak RSS (MB) of the main process and of its largest worker."""
    out = subprocess.run([sys.executable, "-c", WATCH, *command], cwd=ROOT, capture_output=True, text=True).stdout
    seconds, main, worker = out.split()
    return float(seconds), int(main) / 1024, int(worker) / 1024


def scale(count: int, cores: int) -> None:
    import hashlib

    corpus = WORK / "corpus-scale"
    size = build("heavy", corpus, count)
    print(f"scale corpus: {count} heavy files, {size / 1e6:.0f} MB")
    with tempfile.TemporaryDirectory() as out:
        outputs = {}
        for jobs in (str(cores), "1"):
            target = Path(out) / f"j{jobs}.json"
            seconds, main, worker = watched(*REPORTLINT, "check", "--isolated", "--no-cache", "-j", jobs,
                                            "--format", "json", "-o", str(target), str(corpus))
            outputs[jobs] = hashlib.sha256(target.read_bytes()).hexdigest()
            megabytes = target.stat().st_size / 1e6
            print(f"scale -j{jobs} --format json -o FILE: {seconds:.1f} s, output {megabytes:.0f} MB, "
                  f"peak RSS main {main:.0f} MB, largest worker {worker:.0f} MB")
        print(f"scale: -j{cores} output byte-identical to -j1's: {len(set(outputs.values())) == 1}")


if __name__ == "__main__":
    main()

"""Corpora for the benchmark (not tests): reports of real size, each distinct, so no
cache or deduplication can skip work.

    light   grown from the project's own examples (about 8 findings a report)
    heavy   findings-dense drafts as users have them: Traditional characters and
            half-width punctuation (text pasted from web pages), built from the seeds
            in ../shared when they are there, otherwise generated
"""
from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"

FILLER = ["全年组织法治培训{n}场次，参训人员{m}人次。", "办理行政复议案件{n}件，依法纠错{m}件。",
          "公开政府信息{n}条，回应群众关切{m}次。", "修订规范性文件{n}件，清理废止{m}件。",
          "开展行政执法检查{n}次，发现并整改问题{m}个。", "审查重大行政决策{n}项，提出法律意见{m}条。",
          "受理群众投诉{n}件，按期办结率达到{m}‰。", "组织旁听庭审{n}场，参加干部{m}人次。"]

# The generator's Traditional, half-width drafts: our own sentences, laid out as the
# pasted reports are (headings with 一、 and (一), commas and colons half-width).
HEAVY_HEADINGS = ["一、{y}年推進法治政府建設的主要舉措和成效", "二、存在的不足和原因",
                  "三、黨政主要負責人履行推進法治建設第一責任人職責情況", "四、{z}年推進法治政府建設的主要安排"]
HEAVY_SUBHEADINGS = ["(一)堅持黨的領導,壓實工作責任", "(二)健全制度體系,規範行政行為", "(三)嚴格規範執法,提升執法質效",
                     "(四)強化監督制約,推進政務公開"]
HEAVY_SENTENCES = ["全年組織法治培訓{n}場,參訓人員{m}人次,", "辦理行政復議案件{n}件,依法糾錯{m}件;",
                   "公開政府信息{n}條,回應群眾關切{m}次,", "修訂規範性文件{n}件:清理廢止{m}件,",
                   "開展行政執法檢查{n}次,發現並整改問題{m}個,", "審查重大行政決策{n}項,提出法律意見{m}條,",
                   "局黨組召開會議{n}次研究法治工作,聽取專題匯報{m}次,", "推動“一網通辦”事項{n}項,減少材料{m}份。"]


def build(kind: str, target: Path, count: int, seed: int = 20261121) -> int:
    """Write `count` reports of the kind into `target` (emptied first); their total bytes."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    rng = random.Random(seed)
    make = {"light": _light_maker(), "heavy": _heavy_maker()}[kind]
    total = 0
    for i in range(count):
        data = make(rng, i).encode("utf-8")
        (target / f"report-{i:05d}.txt").write_bytes(data)
        total += len(data)
    return total


def heavy_source() -> str:
    return "the seeds in ../shared" if SEEDS.is_dir() else "generated Traditional half-width drafts"


def _light_maker():
    sources = [p.read_text("utf-8") for p in sorted((ROOT / "examples").glob("*.txt")) if "gb18030" not in p.name]
    sources += [p.read_text("utf-8") for p in sorted((ROOT / "examples").glob("*.md"))]

    def make(rng: random.Random, i: int) -> str:
        lines = rng.choice(sources).split("\n")
        size, goal = len("\n".join(lines).encode("utf-8")), rng.randint(8_000, 16_000)
        while size < goal:  # grow body paragraphs with varied sentences toward a real report's size
            j = rng.randrange(1, len(lines))
            extra = "".join(rng.choice(FILLER).format(n=rng.randint(1, 99), m=rng.randint(1, 999)) for _ in range(6))
            lines[j] += extra
            size += len(extra.encode("utf-8"))
        return "\n".join(lines).replace("2023", str(2015 + i % 10))

    return make


def _heavy_maker():
    if SEEDS.is_dir():
        seeds = [p.read_bytes().decode("utf-8", "replace") for p in sorted(SEEDS.glob("*.txt"))]
        return lambda rng, i: _varied_seed(rng, rng.choice(seeds))
    return _generated_heavy


def _varied_seed(rng: random.Random, text: str) -> str:
    """A seed with its numbers changed (the same layout and the same kinds of findings)."""
    return re.sub(r"(?<![0-9])[1-9][0-9]?(?![0-9年])", lambda m: str(rng.randint(1, 99)), text)


def _generated_heavy(rng: random.Random, i: int) -> str:
    year = 2019 + i % 6
    lines = [f"某某市某某局{year}年法治政府建設年度報告", ""]
    for heading in HEAVY_HEADINGS:
        lines.append(heading.format(y=year, z=year + 1))
        for sub in HEAVY_SUBHEADINGS[:rng.randint(2, 4)]:
            lines.append(sub)
            for _ in range(rng.randint(2, 4)):
                sentences = (rng.choice(HEAVY_SENTENCES).format(n=rng.randint(1, 99), m=rng.randint(1, 999))
                             for _ in range(rng.randint(4, 8)))
                lines.append("".join(sentences).rstrip(",;:") + "。")
    lines += ["", "某某市某某局", f"{year + 1}年2月{rng.randint(1, 28)}日"]
    return "\n".join(lines) + "\n"

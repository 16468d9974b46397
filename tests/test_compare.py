"""This year's report held against last year's (X501-X503): pairing by unit and year,
a copied pair caught, an honest pair left alone, a plan never reported on named."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from lint.cli import main

HEAD = "{unit}{year}年法治政府建设年度报告\n\n县委依法治县办：\n    现将我局{year}年法治政府建设情况报告如下。\n"
TAIL = "\n{unit}\n{signed}\n"
MEASURES_2022 = """一、{year}年推进法治政府建设的主要举措和成效
（一）健全依法决策机制。全年审查重大行政决策事项12件，对3件提出修改意见，决策程序全部履行公众参与、专家论证和合法性审查环节，决策后评估报告全部向社会公开。
（二）规范行政执法行为。组织执法人员参加法律知识培训4期，开展行政执法案卷评查两次，评查案卷86卷，发现的问题全部整改到位，执法文书规范率明显提高。
（三）加强普法宣传教育。以宪法宣传周为契机，深入社区和企业开展法治讲座21场，发放宣传资料三千余份，群众法治意识进一步增强。
"""
SHORTCOMINGS_2022 = """二、存在的不足和原因
一是部分执法人员对新修订的行政处罚法理解不深，办案中对裁量基准把握不准；二是基层执法力量薄弱，执法装备保障不足，难以适应执法任务。
"""
DUTY = """三、党政主要负责人履行推进法治建设第一责任人职责情况
局主要负责人带头学法用法，全年主持召开党组会议{n}次专题研究法治建设，对重点任务亲自部署、亲自督办。
"""
PLANS_2022 = """四、{next}年推进法治政府建设的主要安排
一是推进行政复议体制改革落地见效；二是建设全县统一的行政执法监督平台；三是开展规范性文件集中清理。
五、其他需要报告的情况
无。
"""


def report(unit: str, year: int, measures: str, shortcomings: str, plans: str, signed: str) -> str:
    return (HEAD.format(unit=unit, year=year) + measures.format(year=year) + shortcomings
            + DUTY.format(n=year % 7 + 3) + plans.format(next=year + 1) + TAIL.format(unit=unit, signed=signed))


COPIED_MEASURES = MEASURES_2022.replace("12件", "15件").replace("21场", "25场")  # new numbers, the same text
COPIED_2023 = report("某县司法局", 2023, COPIED_MEASURES, SHORTCOMINGS_2022, PLANS_2022, "2024年2月20日")
HONEST_MEASURES_2023 = """一、{year}年推进法治政府建设的主要举措和成效
（一）推进行政复议体制改革。县政府统一行使行政复议职责，全年受理复议案件58件，审结53件，纠错率百分之九。
（二）建成行政执法监督平台。全县统一的行政执法监督平台于6月上线运行，执法案件全部网上流转，自动预警超期案件11件。
（三）清理规范性文件。对现行有效的规范性文件开展集中清理，废止4件、修改7件，清理结果向社会公布。
"""
HONEST_SHORTCOMINGS_2023 = """二、存在的不足和原因
一是执法人员中持证不满两年的占四成，办理复杂案件的经验不足；二是监督平台与上级系统的数据尚未完全贯通，原因是接口标准不统一。
"""
PLANS_2023 = """四、{next}年推进法治政府建设的主要安排
一是推动监督平台与省级系统对接；二是开展新任执法人员岗位轮训。
五、其他需要报告的情况
无。
"""


@pytest.fixture
def years(tmp_path):
    last, this = tmp_path / "2022", tmp_path / "2023"
    last.mkdir()
    this.mkdir()
    for unit in ("某县司法局", "某县教育局", "某县交通运输局"):
        (last / f"{unit}.txt").write_text(report(unit, 2022, MEASURES_2022, SHORTCOMINGS_2022, PLANS_2022,
                                                 "2023年2月10日"), encoding="utf-8")
    (this / "某县司法局.txt").write_text(COPIED_2023, encoding="utf-8")
    (this / "某县教育局.txt").write_text(report("某县教育局", 2023, HONEST_MEASURES_2023, HONEST_SHORTCOMINGS_2023,
                                                PLANS_2023, "2024年2月21日"), encoding="utf-8")
    # the measures report on two plans of last year's three; the clearing of documents is never mentioned
    forgot = HONEST_MEASURES_2023.split("（三）")[0]
    (this / "某县交通运输局.txt").write_text(report("某县交通运输局", 2023, forgot, HONEST_SHORTCOMINGS_2023,
                                                  PLANS_2023, "2024年2月22日"), encoding="utf-8")
    (this / "无单位.txt").write_text("一、主要举措和成效\n全年开展培训3次。\n", encoding="utf-8")
    return last, this


def checked(*args) -> tuple[list[dict], str]:
    result = CliRunner().invoke(main, ["check", "--isolated", "--no-cache", "--format", "json", "--select", "X",
                                       *args])
    assert result.exit_code in (0, 1) and isinstance(result.exception, (SystemExit, type(None))), result.output
    return json.loads(result.stdout), result.stderr


def test_a_copied_report_gives_x501_and_x502_naming_the_passages(years):
    last, this = years
    findings, _ = checked("--previous", str(last), str(this / "某县司法局.txt"))
    x501 = [f for f in findings if f["rule"] == "X501"]
    x502 = [f for f in findings if f["rule"] == "X502"]
    assert len(x501) == 1 and "第" in x501[0]["message"]
    lines = COPIED_2023.split("\n")
    assert lines[x501[0]["line"] - 1].startswith("（一）健全依法决策机制")
    assert len(x502) == 2  # both shortcomings, each naming last year's line
    assert all(lines[f["line"] - 1].startswith("一是部分执法人员") for f in x502)
    previous = (last / "某县司法局.txt").read_text(encoding="utf-8").split("\n")
    where = next(i for i, line in enumerate(previous, 1) if line.startswith("一是部分执法人员"))
    assert all(f"第{where}行" in f["message"] for f in x502)


def test_an_honest_pair_gives_neither(years):
    last, this = years
    findings, _ = checked("--previous", str(last), str(this / "某县教育局.txt"))
    assert not [f for f in findings if f["rule"] in ("X501", "X502")]
    assert not [f for f in findings if f["rule"] == "X503"]  # every plan of last year has its sequel


def test_a_plan_never_reported_on_gives_x503_naming_it(years):
    last, this = years
    findings, _ = checked("--previous", str(last), str(this / "某县交通运输局.txt"))
    x503 = [f for f in findings if f["rule"] == "X503"]
    assert len(x503) == 1 and "规范性文件集中清理" in x503[0]["message"]


def test_pairing_in_one_run_and_the_unpaired_listed(years):
    last, this = years
    findings, stderr = checked("--pair", str(this), str(last))
    assert "配对 3 份" in stderr and "无单位.txt" in stderr and "没有识别出报告单位" in stderr
    assert {Path(f["path"]).name for f in findings if f["rule"] == "X501"} == {"某县司法局.txt"}
    alone, _ = checked(str(this))  # not paired: the comparing rules say nothing
    assert alone == []


def test_review_records_name_the_previous_report(years):
    last, this = years
    result = CliRunner().invoke(main, ["review", "--isolated", "--format", "json", "--previous", str(last), str(this)])
    records = {Path(r["path"]).name: r for r in json.loads(result.stdout)}
    assert records["某县司法局.txt"]["previous"].endswith("2022/某县司法局.txt")
    assert records["无单位.txt"]["previous"] is None
    assert any(f["rule"] == "X501" for f in records["某县司法局.txt"]["findings"])


def test_the_review_page_names_the_report_each_was_held_against(years, tmp_path):
    last, this = years
    page = tmp_path / "review.html"
    CliRunner().invoke(main, ["review", "--isolated", "-o", str(page), "--previous", str(last), str(this)])
    text = page.read_text(encoding="utf-8")
    assert "对照本单位上一年度的报告" in text and "2022/某县司法局.txt" in text

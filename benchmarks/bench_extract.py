"""Benchmark quote extraction: quality on the labelled set, speed, memory and linearity.

    .venv/bin/python benchmarks/bench_extract.py [--articles 10000] [--repeat 3]

Prints precision and recall (spokespeople, all speakers) on the labelled sets in ``tests/data``:
``extract_eval.yaml`` and ``extract_heldout.yaml``, and the news sets of issue 13,
``extract_news_dev.yaml`` (tuned on) and ``extract_news_heldout.yaml`` (never tuned on), with
their errors by cause, and ``extract_news_heldout2.yaml`` (never tuned on: written before the rules
read past "also", "later" ... between a speaker and the verb) (labelled pairs, missed, wrongly found); the
throughput on generated ~800-word articles (deterministic, seeded) with quotes in every pattern
the extractor reads; peak memory (tracemalloc) for one article and for the largest long text; and
time(2L)/time(L) for texts of doubling length (best of N), which stays near 2.0 if extraction is
linear in the text's length.

Times are CPU time of this process (``time.process_time``): the machine is shared, and wall-clock
time would measure the other processes too. Articles per second is given in both.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pressroom.extract import Speaker, extract_quotes  # noqa: E402
from pressroom.extract.evaluation import errors_by_cause, load_eval_set, score  # noqa: E402

SPEAKERS = (Speaker("canady", "Mo Canady", "executive director", ("Maurice Canady",)),
            Speaker("farlow", "Jay Farlow", "media contact"))
OTHERS = ("Principal Jane Smith", "Police Chief Ray Dominguez", "Superintendent Karen Osei",
          "Sen. Maria Alvarez", "parent Alex Rivera", "Sheriff Tom Bradley")
FILLER = (
    "School resource officers spend much of their day building relationships with students.",
    "The district added two officers to its middle schools this fall.",
    "NASRO’s basic course covers the teen brain, social media and human trafficking.",
    "The board voted 5-2 to renew the program after a long public hearing.",
    "Parents at the meeting asked how officers are chosen and trained.",
    "The national conference in Pigeon Forge, Tenn., drew more than 1,500 attendees.",
    "Officers don’t enforce the dress code; that’s a matter for educators.",
    "Some critics call it “hardening” and question the cost.",
    "The officer, who is 6'2\", coaches the robotics team after school.",
    "State lawmakers are weighing a bill that would require 40 hours of training.",
)
WORDS = ("training", "students", "officers", "schools", "safety", "relationships", "district",
         "community", "parents", "teachers", "every", "week", "trust", "programs", "standards")


def _said(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 18))).capitalize()


def _quote_paragraph(rng: random.Random) -> str:
    words, more = _said(rng), _said(rng)
    other = rng.choice(OTHERS)
    last = other.split()[-1]
    return rng.choice((
        f"“{words},” Canady said.",
        f"“{words},” NASRO executive director Mo Canady told WVTM TV.",
        f"Canady said, “{words}.”",
        f"“{words},” Canady said. “{more}.”",
        f"“{words}” — Mo Canady, executive director",
        f"From executive director Mo Canady: “{words}.”",
        f"“{words}.”\nThat’s just a part of what Mo Canady shared with PoliceOne.com.",
        f"{other} spoke first. “{words},” {last} said. “{more},” she added.",
        f"“{words}.\n“{more},” Farlow said.",
        f"“{words},” according to Jay Farlow.",
        f"\"{words},\" said Canady, \"{more}.\"",
        f"A stray “ mark and “{words},” Canady said.",
    ))


def article(rng: random.Random, words: int = 800) -> str:
    paragraphs: list[str] = []
    count = 0
    while count < words:
        if rng.random() < 0.35:
            paragraph = _quote_paragraph(rng)
        else:
            paragraph = " ".join(rng.choice(FILLER) for _ in range(rng.randint(2, 5)))
        paragraphs.append(paragraph)
        count += len(paragraph.split())
    return "\n\n".join(paragraphs)


def _news_articles(rng: random.Random, count: int) -> list[str]:
    """Articles of ~800 words made of the news dev set's passages, shuffled: the phenomena of
    issue 13 (pronouns, single quotes, follow-ons, signatures) at their natural density."""
    from pressroom.extract.prepare import looks_like_html

    passages = [p["text"] for p in load_eval_set(ROOT / "tests" / "data" /
                                                  "extract_news_dev.yaml").passages
                if not looks_like_html(p["text"])]  # plain text: HTML is timed on its own below
    made = []
    for _ in range(count):
        parts: list[str] = []
        while sum(len(part.split()) for part in parts) < 800:
            parts.append(rng.choice(passages).strip())
        made.append("\n\n".join(parts))
    return made


def _best_times(texts: list[str], repeat: int) -> list[float]:
    """The best time of each text over ``repeat`` rounds; each round times every text once, so a
    burst of load from other processes touches all sizes alike rather than one of them."""
    best = [float("inf")] * len(texts)
    for _ in range(repeat):
        for i, text in enumerate(texts):
            started = time.process_time()
            extract_quotes(text, SPEAKERS, all_speakers=True)
            best[i] = min(best[i], time.process_time() - started)
    return best


def _peak(text: str) -> int:
    tracemalloc.start()
    extract_quotes(text, SPEAKERS, all_speakers=True)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5, help="best of N for the scaling runs")
    options = parser.parse_args(argv)
    rows: list[tuple[str, str]] = []

    missed: list[str] = []
    for label, name in (("eval", "extract_eval.yaml"), ("held-out", "extract_heldout.yaml"),
                        ("news dev", "extract_news_dev.yaml"),
                        ("news held-out", "extract_news_heldout.yaml"),
                        ("news held-out 2", "extract_news_heldout2.yaml")):
        eval_set = load_eval_set(ROOT / "tests" / "data" / name)
        spokes, everyone, not_matched = score(eval_set)
        missed += not_matched
        causes = errors_by_cause(eval_set)
        if any(labelled for cause, (labelled, _, _) in causes.items() if cause):
            rows.append((f"{label} errors by cause", "  ".join(
                f"{cause}: {missing}+{wrong}/{labelled}"
                for cause, (labelled, missing, wrong) in causes.items() if labelled)))
        rows.append((f"{label} precision, spokespeople", f"{spokes.precision:.3f} "
                     f"({spokes.true_positives} of {spokes.predicted} found pairs)"))
        rows.append((f"{label} recall, spokespeople", f"{spokes.recall:.3f} "
                     f"({spokes.true_positives} of {spokes.expected} labelled pairs)"))
        rows.append((f"{label} precision, all speakers", f"{everyone.precision:.3f} "
                     f"({everyone.true_positives} of {everyone.predicted} found pairs)"))
        rows.append((f"{label} recall, all speakers", f"{everyone.recall:.3f} "
                     f"({everyone.true_positives} of {everyone.expected} labelled pairs)"))

    rng = random.Random(20190415)
    articles = [article(rng) for _ in range(options.articles)]
    words = sum(len(a.split()) for a in articles) / len(articles)
    started, cpu_started = time.perf_counter(), time.process_time()
    found = sum(len(extract_quotes(a, SPEAKERS, all_speakers=True)) for a in articles)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    rows.append(("articles", f"{len(articles)} of {words:.0f} words on average, {found} quotes"))
    rows.append(("articles per CPU second", f"{len(articles) / cpu:,.0f} ({cpu:.1f} s CPU in all)"))
    rows.append(("articles per wall second", f"{len(articles) / elapsed:,.0f} ({elapsed:.1f} s in all)"))
    news = _news_articles(rng, max(1, options.articles // 10))
    started = time.process_time()
    found = sum(len(extract_quotes(a, SPEAKERS, all_speakers=True)) for a in news)
    cpu = time.process_time() - started
    rows.append(("news-style articles per CPU second",
                 f"{len(news) / cpu:,.0f} ({len(news)} articles of ~800 words from the news dev "
                 f"set's passages, {found} quotes)"))
    peak_one = max(_peak(a) for a in articles[:200])
    rows.append(("peak memory, one article", f"{peak_one / 1024:,.0f} KiB (largest of 200; "
                 f"{peak_one / max(len(a) for a in articles[:200]):.1f}x the article's characters)"))

    base = "\n\n".join(articles[:20])  # about 100,000 characters
    sizes = [base * factor for factor in (1, 2, 4, 8)]
    html = "".join(f"<p>{p.replace('“', '&ldquo;').replace('”', '&rdquo;')}</p>\n"
                   for p in sizes[1].split("\n\n"))
    *times, html_time = _best_times([*sizes, html], options.repeat)
    for i, (text, seconds) in enumerate(zip(sizes, times)):
        rows.append((f"time at L={len(text):,} chars", f"{seconds * 1000:,.1f} ms CPU (best of {options.repeat})"))
        if i:
            rows.append((f"  ratio time(2L)/time(L), L={len(sizes[i - 1]):,}",
                         f"{seconds / times[i - 1]:.2f} (baseline: time at L={len(sizes[i - 1]):,})"))
    peak_long = _peak(sizes[-1])
    rows.append(("peak memory, longest text", f"{peak_long / 2**20:,.1f} MiB for {len(sizes[-1]):,} "
                 f"chars ({peak_long / len(sizes[-1]):.1f} bytes per character)"))
    rows.append(("HTML at 2x the base text", f"{html_time * 1000:,.1f} ms CPU for {len(html):,} chars "
                 f"(ratio to plain text at L={len(sizes[1]):,}: {html_time / times[1]:.2f})"))

    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")
    if missed:
        print(f"eval passages not matched exactly: {', '.join(missed)}")


if __name__ == "__main__":
    main()

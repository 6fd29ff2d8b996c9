#!/usr/bin/env python
"""Build the bundled sample corpus of ``framing`` from its annotated sources.

Reads ``datasets/sample/source/*.txt`` (inline markup, see ``README.md``), strips
the markup, computes character offsets, validates every annotation, and writes

* ``framing/data/sample/articles.jsonl``
* ``framing/data/sample/gold.jsonl``
* ``framing/data/sample/actors.json``

The build is deterministic: rerunning it regenerates the outputs byte for byte.
Standard library only.  Run from anywhere::

    python datasets/sample/build_sample.py            # build, validate, print counts
    python datasets/sample/build_sample.py --check    # validate only, fail if outputs differ
    python datasets/sample/build_sample.py --sentences s1-wire   # show sentences + labels
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SOURCE_DIR = HERE / "source"
OUT_DIR = ROOT / "framing" / "data" / "sample"

KINDS = {"direct", "indirect", "mixed", "according_to"}
STANCES = {"neutral", "doubt", "endorse", "emotive"}
LABELS = {"+": "positive", "-": "negative", "": "neutral"}
OPEN_QUOTES = "\"'“‘"
CLOSE_QUOTES = "\"'”’"
DEFAULT_INTENSITY = {1: 0.5, 2: 0.9}

# Words that an extractor may take for a hedge or booster cue.  Every occurrence in
# a text must be annotated ({H ...}/{B ...}) or explicitly declared not a cue ({N ...}),
# so that each hard case is a decision written in the source.
CUE_WATCH = re.compile(
    r"\b(may|might|could|would|must|about|appears?|seems?|suggest(?:s|ed)?|"
    r"indicat(?:e|es|ed)|believed?|suspect(?:s|ed)?|estimat(?:e|es|ed)|"
    r"possibl[ey]|probably|perhaps|likely|apparently|reportedly|allegedly|"
    r"seemingly|presumably|unclear|uncertain|alleged|unconfirmed|possibility|"
    r"speculation|likelihood|clearly|certainly|undoubtedly|definitely|obviously|"
    r"indeed|of course|in fact)\b",
    re.IGNORECASE,
)
ABBREVIATIONS = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|St|Prof|Gen|Sen|Rep|No|vs|etc|U\.S|a\.m|p\.m)\.")

TAG_OPEN = re.compile(r"\{([A-Za-z][A-Za-z0-9:+\-_.~/]*) ")
ATTR_TAG = re.compile(r"^([SCQ])(\d+(?:\+\d+)*)(?::(.*))?$")
EVAL_TAG = re.compile(r"^E([+-]{1,2})(?::([0-9.]+))?$")
MENTION_TAG = re.compile(r"^M:([A-Za-z0-9_]+)([+-]?)$")


class SourceError(Exception):
    pass


# --------------------------------------------------------------------------- parsing


def parse_markup(body: str, where: str):
    """Strip ``{TAG text}`` markup; return plain text and a list of (tag, start, end, raw)."""
    out: list[str] = []
    pos = 0  # position in plain text
    stack: list[tuple[str, int]] = []
    spans: list[tuple[str, int, int]] = []
    i = 0
    while i < len(body):
        ch = body[i]
        if ch == "{":
            m = TAG_OPEN.match(body, i)
            if not m:
                raise SourceError(f"{where}: bad tag opening at {body[i:i + 30]!r}")
            stack.append((m.group(1), pos))
            i = m.end()
        elif ch == "}":
            if not stack:
                raise SourceError(f"{where}: unbalanced '}}' near {body[max(0, i - 30):i + 1]!r}")
            tag, start = stack.pop()
            spans.append((tag, start, pos))
            i += 1
        else:
            out.append(ch)
            pos += 1
            i += 1
    if stack:
        raise SourceError(f"{where}: unclosed tags {[t for t, _ in stack]}")
    text = "".join(out)
    return text, spans


def curl_quotes(text: str) -> str:
    """Typographic quotes; one code point each, so offsets are unchanged."""
    chars = list(text)
    for i, ch in enumerate(chars):
        prev = chars[i - 1] if i else "\n"
        if ch == '"':
            chars[i] = "“" if (prev.isspace() or prev in "(—[") else "”"
        elif ch == "'":
            nxt = chars[i + 1] if i + 1 < len(chars) else " "
            if (prev.isspace() or prev in "(—[\"“") and nxt.isalpha():
                chars[i] = "‘"
            else:
                chars[i] = "’"
    return "".join(chars)


def read_sources():
    stories = {}
    articles = []
    for path in sorted(SOURCE_DIR.glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        # comments: lines starting with '#'
        lines = [ln for ln in raw.splitlines() if not ln.startswith("#")]
        story_id = None
        actors = {}  # code -> (canonical, aliases)
        current = None
        for ln in lines:
            if ln.startswith("@story "):
                story_id = ln.split(None, 1)[1].strip()
                stories[story_id] = actors
            elif ln.startswith("@actor "):
                _, rest = ln.split(None, 1)
                code, canonical, aliases = (p.strip() for p in rest.split("|"))
                alias_list = [a.strip() for a in aliases.split(",") if a.strip()]
                actors[code] = (canonical, alias_list)
            elif ln.startswith("=== "):
                current = {"id": ln[4:].strip(), "story": story_id, "header": {},
                           "body": [], "in_body": False, "file": path.name}
                articles.append(current)
            elif current is not None and not current["in_body"]:
                if ln.strip() == "---":
                    current["in_body"] = True
                elif ln.strip():
                    k, v = ln.split(":", 1)
                    current["header"][k.strip()] = v.strip()
            elif current is not None:
                current["body"].append(ln)
    return stories, articles


def normalise_body(lines: list[str]) -> str:
    paras, cur = [], []
    for ln in lines:
        if ln.strip():
            cur.append(ln.strip())
        elif cur:
            paras.append(" ".join(cur))
            cur = []
    if cur:
        paras.append(" ".join(cur))
    return "\n\n".join(paras)


# --------------------------------------------------------------------------- sentences

_BOUNDARY = re.compile(r"[.!?][\"'”’)]*(?=\s+[\"'“‘(]?[A-Z0-9])")


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: split at paragraphs and at terminal punctuation before a capital."""
    spans = []
    for pm in re.finditer(r"[^\n]+", text):
        p0, para = pm.start(), pm.group()
        start = 0
        for bm in _BOUNDARY.finditer(para):
            spans.append((p0 + start, p0 + bm.end()))
            start = bm.end()
            while start < len(para) and para[start].isspace():
                start += 1
        if start < len(para):
            spans.append((p0 + start, p0 + len(para.rstrip())))
    return spans


# --------------------------------------------------------------------------- building


def build_article(art, actors, errors: list[str]):
    aid = art["id"]
    h = art["header"]
    body = normalise_body(art["body"])
    text, spans = parse_markup(body, aid)
    if h.get("quotes", "straight") == "curly":
        text = curl_quotes(text)

    def err(msg):
        errors.append(f"{aid}: {msg}")

    attrs: dict[int, dict] = {}
    hedges, boosters, vague, evaluative, mentions, negatives = [], [], [], [], [], []
    mention_sign = {}
    for tag, s, e in spans:
        if s >= e:
            err(f"empty span for tag {tag}")
            continue
        if text[s].isspace() or text[e - 1].isspace():
            err(f"span of {tag} has surrounding whitespace: {text[s:e]!r}")
        m = ATTR_TAG.match(tag)
        if m:
            part, nums, opts = m.group(1), [int(n) for n in m.group(2).split("+")], m.group(3)
            for n in nums:
                a = attrs.setdefault(n, {"source": None, "cue": None, "content": None})
                key = {"S": "source", "C": "cue", "Q": "content"}[part]
                if a[key] is not None:
                    err(f"attribution {n}: {key} given twice")
                a[key] = [s, e]
                if part == "C":
                    bits = (opts or "").split(":")
                    if len(bits) < 2 or bits[0] not in KINDS or bits[1] not in STANCES:
                        err(f"attribution {n}: cue tag needs C{n}:kind:stance[:anon], got {tag}")
                        bits = ["direct", "neutral"]
                    a["kind"], a["cue_stance"] = bits[0], bits[1]
                    a["anonymous"] = "anon" in bits[2:]
            continue
        m = EVAL_TAG.match(tag)
        if m:
            signs = m.group(1)
            if len(set(signs)) != 1:
                err(f"bad evaluative tag {tag}")
            pol = 1 if signs[0] == "+" else -1
            inten = float(m.group(2)) if m.group(2) else DEFAULT_INTENSITY[len(signs)]
            evaluative.append({"span": [s, e], "polarity": pol, "intensity": inten})
            continue
        m = MENTION_TAG.match(tag)
        if m:
            code = m.group(1)
            if code not in actors:
                err(f"unknown actor code {code}")
                continue
            mentions.append({"span": [s, e], "actor": actors[code][0]})
            mention_sign[(s, e)] = m.group(2)
            continue
        if tag == "H":
            hedges.append([s, e])
        elif tag == "B":
            boosters.append([s, e])
        elif tag == "V":
            vague.append([s, e])
        elif tag == "N":
            negatives.append([s, e])
        else:
            err(f"unknown tag {tag}")

    # ---- attributions
    attributions = []
    for n in sorted(attrs):
        a = attrs[n]
        if a["cue"] is None or a["content"] is None:
            err(f"attribution {n} lacks cue or content: {a}")
            continue
        rec = {"kind": a["kind"], "source": a["source"], "cue": a["cue"],
               "content": a["content"], "anonymous": a["anonymous"],
               "cue_stance": a["cue_stance"]}
        c0, c1 = a["content"]
        content = text[c0:c1]
        if a["kind"] == "direct" and (content[0] in OPEN_QUOTES + CLOSE_QUOTES
                                      or content[-1] in OPEN_QUOTES + CLOSE_QUOTES):
            err(f"attribution {n}: content includes enclosing quote marks: {content!r}")
        if content[0] in CLOSE_QUOTES.replace("'", "").replace("’", "") and a["kind"] != "direct":
            err(f"attribution {n}: content starts with a closing quote mark: {content!r}")
        if a["kind"] == "direct":
            # content sits right inside the marks; a final comma or full stop before the
            # closing mark belongs to the reporting frame and is left out
            closing = re.match(r"[,.]?[" + CLOSE_QUOTES + "]", text[c1:c1 + 2])
            if not (c0 > 0 and text[c0 - 1] in OPEN_QUOTES and closing):
                err(f"attribution {n}: direct content not enclosed by quote marks: {content!r}")
        if a["kind"] == "indirect" and any(q in content for q in "\"“”"):
            err(f"attribution {n}: indirect content holds a quotation (use mixed): {content!r}")
        if a["kind"] == "mixed" and not any(q in content for q in "\"“”"):
            err(f"attribution {n}: mixed content without a quotation: {content!r}")
        if a["kind"] in {"indirect", "mixed", "according_to"}:
            if re.match(r"that\b", content):
                err(f"attribution {n}: content starts with 'that'")
            if content[-1] in ".,;:" and a["kind"] != "according_to":
                err(f"attribution {n}: indirect content ends with punctuation: {content!r}")
        cue_text = text[a["cue"][0]:a["cue"][1]].lower()
        if cue_text in {"according to", "citing"} and a["kind"] != "according_to":
            err(f"attribution {n}: cue {cue_text!r} must be kind according_to")
        # parts must not overlap, except source/cue inside a split direct quote
        parts = [("cue", a["cue"])] + ([("source", a["source"])] if a["source"] else [])
        for name, (p0, p1) in parts:
            if p0 < c1 and c0 < p1:
                inside = c0 <= p0 and p1 <= c1 and a["kind"] in {"direct", "mixed"}
                if not inside:
                    err(f"attribution {n}: {name} overlaps content")
        if a["source"] and a["source"][0] < a["cue"][1] and a["cue"][0] < a["source"][1]:
            err(f"attribution {n}: source overlaps cue")
        attributions.append(rec)
    attributions.sort(key=lambda r: (r["cue"], r["content"]))

    # ---- voice of evaluative spans
    contents = [r["content"] for r in attributions]
    for ev in evaluative:
        s, e = ev["span"]
        inside = any(c0 <= s and e <= c1 for c0, c1 in contents)
        straddle = any(s < c1 and c0 < e and not (c0 <= s and e <= c1) for c0, c1 in contents)
        if straddle:
            err(f"evaluative {text[s:e]!r} straddles a content boundary")
        ev["voice"] = "quoted" if inside else "author"
    evaluative = [{"span": ev["span"], "polarity": ev["polarity"], "voice": ev["voice"],
                   "intensity": ev["intensity"]} for ev in sorted(evaluative, key=lambda v: v["span"])]

    # ---- overlap checks within a layer
    def no_overlap(name, lst):
        lst = sorted(lst)
        for (a0, a1), (b0, b1) in zip(lst, lst[1:]):
            if b0 < a1:
                err(f"overlapping {name}: {text[a0:a1]!r} / {text[b0:b1]!r}")

    no_overlap("hedges", hedges)
    no_overlap("boosters", boosters)
    no_overlap("vague", vague)
    no_overlap("evaluative", [v["span"] for v in evaluative])
    no_overlap("mentions", [m["span"] for m in mentions])
    no_overlap("hedge/booster", hedges + boosters)

    # ---- every watched cue word is a decision
    marked = hedges + boosters + negatives + vague
    for cm in CUE_WATCH.finditer(text):
        s, e = cm.span()
        if not any(m0 <= s and e <= m1 for m0, m1 in marked):
            err(f"unannotated cue word {cm.group()!r} at {s}: ...{text[max(0, s - 40):e + 30]!r}")

    # ---- every alias occurrence is a mention or declared not one
    covered = [m["span"] for m in mentions] + negatives
    for code, (canonical, aliases) in actors.items():
        for alias in set(aliases + [canonical]):
            flags = 0 if alias[0].isupper() else re.IGNORECASE
            for am in re.finditer(r"(?<![\w-])" + re.escape(alias) + r"(?![\w-])", text, flags):
                s, e = am.span()
                if not any(m0 <= s and e <= m1 for m0, m1 in covered):
                    err(f"alias {alias!r} ({canonical}) not annotated at {s}: ...{text[max(0, s - 30):e + 30]!r}")
    for mn in mentions:
        s, e = mn["span"]
        surface = text[s:e].replace("’", "'")
        code_aliases = next(al + [c] for c, al in actors.values() if c == mn["actor"])
        if surface.lower() not in {x.lower() for x in code_aliases}:
            err(f"mention {surface!r} of {mn['actor']} is not in the actor table")

    # ---- actor sentiment, one row per (sentence, actor mentioned in it)
    sents = sentences(text)
    actor_sentiment = []
    for s0, s1 in sents:
        per_actor: dict[str, set] = {}
        for mn in mentions:
            m0, m1 = mn["span"]
            if s0 <= m0 and m1 <= s1:
                per_actor.setdefault(mn["actor"], set()).add(mention_sign[(m0, m1)])
            elif m0 < s1 and s0 < m1:
                err(f"mention {text[m0:m1]!r} crosses a sentence boundary")
        for actor in sorted(per_actor):
            signs = per_actor[actor] - {""}
            if len(signs) > 1:
                err(f"conflicting sentiment for {actor} in sentence {text[s0:s1]!r}")
            sign = next(iter(signs)) if signs else ""
            actor_sentiment.append({"sentence": [s0, s1], "actor": actor, "label": LABELS[sign]})

    # ---- text and header checks
    for k in ("outlet", "title", "date", "url"):
        if k not in h:
            err(f"missing header {k}")
    if h.get("title", "x")[-1:] in ".!?":
        err("title ends with punctuation")
    if not re.fullmatch(r"2026-\d\d-\d\d", h.get("date", "")):
        err("date must be an ISO 2026 date")
    if "{" in text or "}" in text:
        err("markup left in text")
    if "  " in text or "\n\n\n" in text:
        err("double spaces or blank lines in text")
    if ABBREVIATIONS.search(text):
        err(f"abbreviation would confuse sentence splitting: {ABBREVIATIONS.search(text).group()}")
    n_words = len(text.split())
    if not 150 <= n_words <= 400:
        err(f"{n_words} words (want 150-400)")
    if not aid.startswith(art["story"] + "-"):
        err("id must start with the story id")

    article = {"id": aid, "outlet": h.get("outlet"), "story": art["story"],
               "title": h.get("title"), "date": h.get("date"), "url": h.get("url"),
               "text": text}
    gold = {"id": aid, "outlet": h.get("outlet"), "story": art["story"], "text": text,
            "attributions": attributions, "hedges": sorted(hedges), "boosters": sorted(boosters),
            "vague": sorted(vague), "evaluative": evaluative,
            "mentions": sorted(mentions, key=lambda m: m["span"]),
            "actor_sentiment": actor_sentiment}
    return article, gold, n_words


def dumps_jsonl(records) -> str:
    return "".join(json.dumps(r, ensure_ascii=False, sort_keys=False) + "\n" for r in records)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="validate; fail if outputs are stale")
    ap.add_argument("--sentences", metavar="ID", help="print sentences and labels of one article")
    args = ap.parse_args(argv)

    stories, raw_articles = read_sources()
    errors: list[str] = []
    articles, golds, words = [], [], {}
    seen = set()
    for art in raw_articles:
        if art["id"] in seen:
            errors.append(f"duplicate id {art['id']}")
        seen.add(art["id"])
        try:
            a, g, n = build_article(art, stories.get(art["story"], {}), errors)
        except SourceError as exc:
            errors.append(str(exc))
            continue
        articles.append(a)
        golds.append(g)
        words[a["id"]] = n
    articles.sort(key=lambda r: r["id"])
    golds.sort(key=lambda r: r["id"])

    if args.sentences:
        g = next(g for g in golds if g["id"] == args.sentences)
        t = g["text"]
        rows = {}
        for r in g["actor_sentiment"]:
            rows.setdefault(tuple(r["sentence"]), []).append(f"{r['actor']}={r['label']}")
        for s0, s1 in sentences(t):
            print(f"[{s0}:{s1}] {t[s0:s1]}")
            if (s0, s1) in rows:
                print("    -> " + "; ".join(rows[(s0, s1)]))
        return 0

    if errors:
        for e in errors:
            print("ERROR", e, file=sys.stderr)
        print(f"{len(errors)} error(s); nothing written", file=sys.stderr)
        return 1

    actors_json = {sid: {canon: aliases for canon, aliases in sorted(tab.values())}
                   for sid, tab in sorted(stories.items())}
    outputs = {
        OUT_DIR / "articles.jsonl": dumps_jsonl(articles),
        OUT_DIR / "gold.jsonl": dumps_jsonl(golds),
        OUT_DIR / "actors.json": json.dumps(actors_json, ensure_ascii=False, indent=2) + "\n",
    }
    if args.check:
        stale = [str(p) for p, s in outputs.items()
                 if not p.exists() or p.read_text(encoding="utf-8") != s]
        if stale:
            print("stale outputs: " + ", ".join(stale), file=sys.stderr)
            return 1
    else:
        OUT_DIR.mkdir(parents=True, exist_ok=True)
        for p, s in outputs.items():
            p.write_bytes(s.encode("utf-8"))

    # ---- counts
    c = Counter()
    for g in golds:
        c["articles"] += 1
        c["attributions"] += len(g["attributions"])
        for r in g["attributions"]:
            c[f"attributions.kind={r['kind']}"] += 1
            c[f"attributions.cue_stance={r['cue_stance']}"] += 1
            c["attributions.anonymous"] += r["anonymous"]
            c["attributions.source=null"] += r["source"] is None
        c["hedges"] += len(g["hedges"])
        c["boosters"] += len(g["boosters"])
        c["vague"] += len(g["vague"])
        c["evaluative"] += len(g["evaluative"])
        for v in g["evaluative"]:
            c[f"evaluative.voice={v['voice']}"] += 1
            c[f"evaluative.polarity={v['polarity']:+d}"] += 1
        c["mentions"] += len(g["mentions"])
        c["actor_sentiment"] += len(g["actor_sentiment"])
        for r in g["actor_sentiment"]:
            c[f"actor_sentiment.label={r['label']}"] += 1
    c["words"] = sum(words.values())
    print(f"stories: {len(stories)}; actors: {sum(len(t) for t in stories.values())}")
    for k in sorted(c):
        print(f"{k}: {c[k]}")
    print("per outlet (articles, words):")
    by_outlet = Counter()
    w_outlet = Counter()
    for a in articles:
        by_outlet[a["outlet"]] += 1
        w_outlet[a["outlet"]] += words[a["id"]]
    for o in sorted(by_outlet):
        print(f"  {o}: {by_outlet[o]}, {w_outlet[o]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The gazetteer (``framing/data/gazetteer.tsv``) and the word lists that tell names, titles,
roles, organisations and places apart."""

from __future__ import annotations

import re
from functools import lru_cache

from framing.resources import load_lexicon


TITLES = frozenset(
    """mr mr. mrs mrs. ms ms. dr dr. prof prof. gen gen. sen sen. rep rep. gov gov. lt col
    sgt capt adm maj pres rev hon amb sec president vice prime deputy foreign defence defense
    interior finance health justice minister ministers secretary senator governor mayor
    chancellor premier king queen prince princess pope ambassador envoy commissioner
    general chairman chairwoman chair ceo chief spokesman spokeswoman spokesperson judge
    justice attorney representative congressman congresswoman speaker leader former
    acting lawmaker director negotiator sheikh emir sultan lord lady sir state councillor
    councilman councilwoman councilor professor candidate nominee""".split()
)
_TITLE_STEMS = frozenset(t.rstrip(".") for t in TITLES)
ROLE_WORDS = frozenset(
    """minister president senator governor mayor chancellor premier envoy commissioner
    ambassador secretary chairman chairwoman chair ceo spokesman spokeswoman judge
    lawmaker congressman congresswoman director negotiator leader king queen pope general
    candidate nominee speaker chief""".split()
)
ORG_WORDS = frozenset(
    """ministry council union agency party committee association commission department
    court congress senate parliament organization organisation alliance bank fund
    university group corporation company inc corp ltd pharmaceuticals government army
    police office institute foundation federation league network news times post
    board authority administration cabinet coalition front movement forces""".split()
)
COMPANY_WORDS = frozenset("pharmaceuticals inc corp corporation ltd company group bank".split())
NOT_ACTORS = frozenset(
    """January February March April May June July August September October November
    December Monday Tuesday Wednesday Thursday Friday Saturday Sunday The A An This That
    These Those It He She They We I You His Her Their Our Its In On At But And Or If When
    While After Before As For With From By Of To Mr Mrs Ms Dr Sen Rep Gov Gen""".split()
)
PLACE_PREPOSITIONS = frozenset(
    """in at from to near outside inside across around throughout into via toward towards
    through within across beyond""".split()
)
PLACE_NOUNS = frozenset(
    """square squares street streets airport centre center suburbs suburb outskirts streets
    residents district districts port harbour harbor skyline metro subway hospitals
    avenue avenues park parks hall river sea bay island islands valley mountains county
    province region city beach bridge road lane strait gulf ocean desert""".split()
)
#: Last words of names that are awards, events, laws or storms, not actors ("Nobel Peace
#: Prize", "Affordable Care Act", "Hurricane Sandy" is caught by its first word).
NOT_ACTOR_HEADS = frozenset(
    """prize prizes award awards medal medals cup trophy olympics games championship
    championships festival act amendment day week fund summit war""".split()
)
NOT_ACTOR_FIRST = frozenset("Hurricane Storm Tropical Operation".split())
#: Nouns a demonym adjective must modify to stand for the state: its officials, bodies,
#: forces and their acts ("Russian officials", "the Ukrainian delegation", "the Russian
#: proposal"). A nationality adjective before anything else ("American workers",
#: "American goods") is no mention of the country.
STATE_NOUNS = frozenset(
    """official officials government governments delegation delegations side negotiator
    negotiators leadership leader leaders team authorities authority troops forces force
    military army navy diplomat diplomats envoy envoys minister ministers president
    administration regime embassy intelligence spokesman spokeswoman spokesperson
    proposal proposals offer offers plan demands demand position stance officials'
    prosecutors police regulators lawmakers parliament state units""".split()
)
#: Plural nouns that end the name of a group of people ("House Democrats", "Republican
#: Lawmakers"): such a name is a group, not a person.
GROUP_WORDS = frozenset(
    """democrats republicans lawmakers legislators officials leaders members senators
    representatives conservatives liberals progressives voters supporters critics
    protesters protestors activists aides candidates democrat republican""".split()
)
#: Abbreviated titles and the role word a later "the <role>" uses ("Sen. Warren" ... "the senator").
TITLE_ROLES = {"sen": "senator", "rep": "congressman", "gov": "governor", "pres": "president",
               "gen": "general", "sec": "secretary", "amb": "ambassador", "representative": "congressman",
               "premier": "premier", "prime": "minister"}
#: Gender a title implies, for pronoun resolution (framing.extract.actors.coref).
TITLE_GENDER = {
    "mr": "m", "congressman": "m", "spokesman": "m", "chairman": "m", "king": "m", "prince": "m",
    "sir": "m", "lord": "m", "councilman": "m", "emir": "m", "sultan": "m", "sheikh": "m",
    "mrs": "f", "ms": "f", "congresswoman": "f", "spokeswoman": "f", "chairwoman": "f",
    "queen": "f", "princess": "f", "lady": "f", "councilwoman": "f",
}
#: Gender of common first names in English-language news, for pronoun resolution
#: (framing.extract.actors.coref): a hand-written list of frequent given names and of names
#: of public figures; names given to both sexes (Jordan, Taylor, Kim, Leslie) are left out.
_MALE_NAMES = """aaron abraham adam adrian al alan albert alex alexander alexei alfred ali allen
    andrew andy angus anthony antonio arnold arthur asa austin barack barry ben benjamin
    bernard bernie bill billy bob bobby boris brad bradley brandon brett brian bruce bryan
    carl carlos chad charles charlie chris christopher chuck clarence cory craig curt
    dan daniel darrell dave david dennis derek devin dick don donald doug douglas duncan
    dwight earl ed eddie edward elijah elliot emmanuel eric erik ernest eugene evan frank
    franklin fred frederick gary gavin george gerald glenn gordon greg gregory hakeem hank
    harold harry hector henry herbert howard hugh ian isaac jack jacob jake james jared
    jason jay jean-claude jeb jeff jeffrey jeremy jerome jerry jesse jim jimmy joe joel john
    johnny jon jonathan jorge jose joseph josh joshua juan justin keith ken kenneth kevin
    kurt larry lawrence leon lloyd louis luis luke marco marcus mark martin matt
    matthew max michael mick mike miguel mitch mitt mohammed muhammad neil newt nicholas
    nick nigel oliver omar orrin oscar patrick paul pete peter phil philip rahm ralph rand
    randy raymond reince rex richard rick rob robert rod rodney roger ron ronald roy rudy
    russell ryan sam samuel scott sean sergei seth sheldon stephen steve steven stuart ted
    theodore thomas tim timothy todd tom tommy tony trey troy vicente victor vincent
    vladimir walter warren wayne william willie xi""".split()
_FEMALE_NAMES = """abigail alexandria alice alicia alison amanda amy andrea angela ann anna
    anne barbara betsy betty beverly bonnie brenda carly carol caroline catherine cathy
    cheryl christina christine cindy claire claudia cynthia debbie deborah debra diana diane
    donna doris dorothy elaine eleanor elena elizabeth ellen emily emma erin eva evelyn
    gabrielle gillian gina gloria grace hannah heather heidi helen hillary ilhan irene
    ivanka jacqueline jane janet janice jeanne jennifer jessica jill joan joanne joni joyce
    judith judy julia julie karen kate katherine kathleen kathy katie kay kelly kellyanne
    kirsten kristen laura lauren linda lisa liz lois lori louise lucy lynn madeleine maria
    marie marsha martha mary maxine megan melania melissa michele michelle mitzi nancy
    natalie nicole nikki nina olivia pam pamela patricia patty paula pauline rachel rashida
    rebecca rosa rose ruth sally samantha sandra sara sarah sharon shelley sheila sonia
    sophia stacey stephanie susan suzanne tammy teresa theresa tina tulsi valerie vanessa
    victoria virginia wendy""".split()
FIRST_NAME_GENDER = {**{n: "m" for n in _MALE_NAMES}, **{n: "f" for n in _FEMALE_NAMES}}
PRONOUNS = {"he": "person", "she": "person", "him": "person", "her": "person",
            "it": "group", "they": "any", "its": "group"}
_ACRONYM = re.compile(r"^[A-Z][A-Z&.]{1,6}$")  # at most 8 characters ("ABCDEFG\n")


def _gazetteer_rows() -> list[tuple[str, str, str]]:
    return [(r["actor"], r["kind"], r["form"]) for r in load_lexicon("gazetteer.tsv")]


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, tuple[str, str]]:
    """The project's gazetteer: surface form -> (canonical actor, kind).

    Kinds: ``country``, ``alias``, ``capital``, ``demonym``, ``demonym_plural``,
    ``government``. Written by the project (``framing/data/gazetteer.tsv``).

    Examples
    --------
    >>> gazetteer()["Kyiv"]
    ('Ukraine', 'capital')
    >>> gazetteer()["Russian"]
    ('Russia', 'demonym')
    """
    return dict(_gazetteer_map())


@lru_cache(maxsize=1)
def _gazetteer_map() -> dict[str, tuple[str, str]]:
    return {form: (actor, kind) for actor, kind, form in _gazetteer_rows()}


@lru_cache(maxsize=1)
def _gazetteer_first_tokens() -> frozenset[str]:
    """The first token of every gazetteer form: a capitalised token not among them cannot
    start a gazetteer match, so the look-up of its 1- to 4-token spans is skipped."""
    from framing.text import tokenize

    out = set()
    for form in _gazetteer_map():
        spans = tokenize(form)
        if spans:
            out.add(form[spans[0][0] : spans[0][1]])
    return frozenset(out)

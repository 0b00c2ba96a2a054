"""News articles (plain text, Markdown, HTML) read into claims by rules, offline.

What is read, sentence by sentence:

- **export controls**: announced (``announced_on``), in force (``effective_from``),
  suspended or lifted (``effective_to``); the control is the known one the sentence
  names (announcement number, covered items, or the one the article is about), else a
  new ``control:`` node with ``label``, ``regime``, ``ISSUED_BY``, ``COVERS``, ``TARGETS``
  (a new control is withheld and listed in the report unless
  ``context.options["news_new_controls"]`` is set: ``build --news-new-controls``);
- **licence decisions**: approved, denied or expedited licences, as a ``licence:`` node
  with ``decision``, ``announced_on``, ``ISSUED_BY``, ``GRANTED_TO``, ``TARGETS``, ``UNDER``
  (only a control whose targets and covered elements fit the licence's: a ban on exports
  to Japanese military end users holds no denial for US buyers);
- **supply relations**: a company ``SUPPLIES`` another (with the ``material``), stops
  supplying it (``valid_to``), or ``MAKES`` a product.

Each claim has the sentence as its quote, the article as its source (a ``source:``
node with title, publisher, URL and date), and the date of the event as ``valid_from``.
Dates come from the sentence, relative ones resolved against the article's date (see
:mod:`mineralgraph.loaders.dates`); the article's date comes from its metadata or
dateline, or from ``context.options["article_date"]``. Names are resolved through the
known graph's labels and aliases (:mod:`mineralgraph.loaders.mentions`); names that do
not resolve are listed in ``LoadResult.unresolved`` (a company name becomes a new
``company:`` node as well). Hedged sentences ("could", "may consider") and quotes give
no claim.

A wrong claim costs more than a missed one (issue 15), so what the rules cannot attach
is skipped, never guessed, and listed in the report with its reason (``ambiguous:``,
``not identified:``, ``restated:``, ``modal:``, ``no issuer:``, ``planned, not read:``):
a new control its own sentence does not identify (no item, target, number, rare earths
or instrument named), a restatement ("the ban it imposed in December", "has banned ...
since 2020"), two controls or months in one sentence, a modal governing the event verb
("said it would suspend"), a question, a sentence dating another announcement than the
control in hand's, a known control that covers only some of the items named, a licence to
a grantee that does not resolve, "The licences ..." restated, and a figure with several
exporters, partners or materials, or its partner in another clause.

>>> from mineralgraph.claim import Claim
>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
>>> _ = path.write_text("Title: China curbs gallium\\nDate: 2023-07-03\\n\\n"
...                     "China announced export controls on gallium on Monday.\\n")
>>> result = load_news(path, LoadContext(options={"news_new_controls": True}))
>>> for c in sorted(result.claims, key=lambda c: c.predicate):
...     if c.predicate in ("COVERS", "announced_on", "ISSUED_BY"):
...         print(c.subject, c.predicate, c.object, c.valid_from)
control:cn-2023-07-gallium COVERS element:Ga 2023-07-03
control:cn-2023-07-gallium ISSUED_BY country:CN 2023-07-03
control:cn-2023-07-gallium announced_on 2023-07-03 2023-07-03

A control no known one matches is withheld unless ``news_new_controls`` is set, and said:

>>> result = load_news(path)
>>> result.claims, result.report["new_controls"]
([], ['control:cn-2023-07-gallium (China export controls on Gallium (Jul 2023))'])
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path

from mineralgraph.claim import Claim
from mineralgraph.exceptions import InputError
from mineralgraph.loaders import LoadContext, Loader, LoadResult, register
from mineralgraph.loaders.articles import (
    BOILERPLATE_REASONS,
    Article,
    dateline,
    read_article,
    split_sentences,
)
from mineralgraph.loaders.countries import country_label
from mineralgraph.loaders.dates import find_dates
from mineralgraph.loaders.figures import (
    COMPARED_BEFORE_DATE,
    MONTH_SPAN,
    compared,
    find_figures,
    named_as_use,
    period_clause,
    year_output,
)
from mineralgraph.loaders.mentions import (
    ELEMENTS,
    STOPWORDS,
    Gazetteer,
    Mention,
    coerce,
    looks_like_company,
)
from mineralgraph.loaders.news_gate import (
    MONTH_NAME,
    decision_doubt,
    event_doubt,
    restated_doubt,
    restated_match,
    supply_plan,
)
from mineralgraph.loaders.news_precision import PrecisionGate, Rec
from mineralgraph.loaders.news_words import (
    DECISION_VERBS,
    MODAL_VERBS,
    MONTH_NAMES,
    MONTHS,
    NUMBER_WORDS,
    WEEKDAY_NAMES,
)
from mineralgraph.loaders.tables import slug
from mineralgraph.ontology import model

SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")

# ---------------------------------------------------------------- cue patterns
CONTROL = re.compile(
    # "announced the curbs on 3 July": a control announced (which one: its day and issuer)
    r"\b(announc|impos|introduc|unveil)\w*\s+(the|its|their|new|these)\s+(curbs|restrictions|"
    r"controls)\b|"
    r"export[- ](controls?|restrictions?|curbs?|bans?|licen[cs]ing|licen[cs]e requirements?|"
    r"permits?|permit requirements?|control measures)|\bput ([\w,-]+ ){0,12}?under (export )?"
    r"(licensing|licen[cs]e|control)|\b(require|need)s? (export )?"
    r"(licen[cs]es|permits)\b|(controls?|restrictions?|curbs?|bans?|limits?) "
    r"on (the )?([\w-]+ ){0,2}(exports?|shipments?|sales?)|\bexports?\b[^.;]{0,90}\b(banned|"
    r"restricted|prohibited|curbed|halted)\b|\b(requir\w*|rules?)\b[^.;]{0,60}\b(apply for|"
    r"seek|obtain)( an?)? (export )?(licen[cs]es?|permits?)\b|\bexports?\b[^.;]{0,90}\b(shall|will|"
    r"would) not be (permitted|allowed)\b|\b(prohibited|banned|"
    r"restricted) from export\b|\b(restrict|ban|prohibit|bar|curb)(s|ned|ed|red|"
    r"ing)? (the )?([\w-]+,? ){0,5}?(exports?|shipments?)\b|dual-use items|control list|"
    r"\bimpos\w* (export )?(licensing|licen[cs]e requirements?|controls?|restrictions?|"
    r"curbs?) on\b|\b(ban|curbs|restrictions|controls)\s+[A-Z][\w.]+\s+(imposed|"
    r"slapped|placed|put)\s+on\b|"
    r"\b(began|begun|started)\s+(to\s+)?(controll?|restrict|ban|curb|limit)\w*\s+(the\s+)?"
    r"([\w-]+,?\s+){0,5}?(exports?|shipments?)\b", re.I)
LICENCE = re.compile(r"\b(licen[cs]es?|permits?|export approvals?|licen[cs]e applications?|"
                     r"applications? to export|export (applications?|requests?)|"
                     # "approved a number of applications for rare earth exports"
                     r"applications? for ([\w-]+ ){1,3}?exports|approvals for "
                     r"([\w.-]+ ){0,3}(customers|buyers|users|firms|companies|exporters|"
                     r"shipments))\b", re.I)
#: "has suspended cobalt exports", "an immediate freeze on exports": a government stops its
#: exports, which starts a ban (it suspends no control).
EXPORT_HALT = re.compile(r"\b(suspend(s|ed|ing)?|halt(s|ed|ing)?|freez(e|es|ing)|froze)\s+(all\s+)?"
                         r"([\w-]+\s+){0,2}?(exports|shipments)\b|\b(suspension|halt|freeze)\s+"
                         r"(of|on)\s+(all\s+)?([\w-]+\s+){0,3}?(exports|shipments)\b", re.I)
#: "Year to date, exports totalled ...": a cumulative figure, neither a month's nor a year's.
YEAR_TO_DATE = re.compile(r"\b(year[- ]to[- ]date|so far this year|ytd|(in|for|during|over) the "
                          r"first (two|three|four|five|six|seven|eight|nine|ten|eleven|\d{1,2}) "
                          r"months|(in|for|during|over) the first (half|two quarters|three "
                          r"quarters|quarter)|first[- ](quarter|half)|Q[1-4]|H[12]|"
                          # "exports in January and February combined": a figure over several
                          # months is no month's
                          r"combined|"
                          # "South Korea took 703 tonnes in the two months": a total over months
                          r"(in|for|during|over) (the|these|those) (two|three|four|five|six|seven|"
                          r"eight|nine|ten|eleven|\d{1,2}) months|(two|three|four|five|six|"
                          r"\d{1,2})-month (period|total|span))\b", re.I)
#: ", mostly to Japan and South Korea", ", mainly to Japan": a closing list of where most of a
#: total went; its countries are no partner of the figure before it (the total is all
#: destinations').
DESTINATIONS_OF_MOST = re.compile(r",\s+(?:mostly|mainly|largely|chiefly|primarily|most of it|the "
                                  r"bulk of it)\s+(?:going\s+|shipped\s+|sent\s+|bound\s+)?"
                                  r"(?:to|for)\s+(?:the\s+)?[A-Z][^;.]*[.]?$")
#: "restrictions on tungsten": a control noun followed closely by a covered item.
CONTROL_ON = re.compile(r"\b(export )?(controls?|restrictions?|curbs?|bans?|limits?) on\b", re.I)
APPROVED = re.compile(r"\b(approv(ed|es|e|ing)|grant(ed|s|ing)?|issu(e|ed|es|ing)\b(\s+\w+){0,5}"
                      r"\s+(licen|permit)|clear(ed|s)|sign(ed|s)? off on|(gave|given|received|won|secured|"
                      r"obtained)(\s+[\w-]+){0,6}\s+(licen[cs]es?|permits?|approvals?))", re.I)
DENIED = re.compile(r"\b(den(ied|ies|y)|reject(ed|s)?|refus(ed|es)|not (be )?(approved|"
                    r"permitted|granted|allowed)|turned down)\b", re.I)
EXPEDITED = re.compile(r"\b(speed(ing)? up|sped up|expedit\w*|fast[- ]track\w*|accelerat\w*|"
                       r"more (easily|quickly|rapidly|swiftly)|easier time|faster|quicker|"
                       r"streamlin\w*)\b", re.I)
#: ", and shipments of magnets have since slowed": a new clause with its own subject.
CLAUSE_BREAK = re.compile(r",\s+(and|but|while)\s+(?=[\w' -]{0,40}?\b(has|have|had|was|were|"
                          r"is|are)\b)(?![\w' -]{0,40}?,)", re.I)
#: "US drone makers", "Indian carmakers": companies of a country (after its name)
BUYERS_AFTER = re.compile(r"\s+([\w-]+\s+){0,2}?(makers?|manufacturers?|companies|firms|"
                          r"carmakers|automakers|buyers|customers|users|importers|producers|"
                          r"clients|contractors|groups)\b", re.I)
#: "The move, announced by the Ministry of Commerce on ": a move named in the sentence
#: before, dated by its announcement
END_MOVE = re.compile(r"(The|This|That) (move|decision|step|suspension|pause|lifting)\s*,?\s+"
                      r"(which was\s+)?(announced|made|taken|unveiled|published)\s+"
                      r"(by\s+[^,;]{2,60}?\s+)?on\s+", re.I)
#: ", its commerce ministry announced on Sunday": a speaker's announcement closing a sentence
SPEAKER_ANNOUNCED = re.compile(r",\s+(?!(which|that|who|as|when|after)\b)(the\s+|its\s+|"
                               r"their\s+)?([\w'\u2019.-]+\s+){0,4}?(announced|said)\s+(on\s+)?$",
                               re.I)
#: "some export controls", "some of the curbs": part of a country's controls, none named
SOME_CONTROLS = re.compile(r"\b(some|certain|several)\s+(of\s+(the|its|their)\s+)?([\w-]+\s+)?"
                           r"(export\s+)?(controls|curbs|restrictions|measures|bans)\b", re.I)
#: "last week": a week, no day
WEEK_ONLY = re.compile(r"(?:(?:in|during)\s+)?(?:the\s+)?(?:last|next)\s+week", re.I)
#: A date that names only a month ("in June", "last month", "December 2024").
MONTH_ONLY = re.compile(r"(?:in\s+)?(?:(?:early|mid|late)[- ]?\s*)?(?:(?:last|this|next|"
                        r"earlier this)\s+month|(?:last\s+)?(?:" + "|".join(
    m for m in MONTHS if len(m) > 3 or m == "may") + r")\.?(?:\s+\d{4})?)", re.I)
#: "two days after it announced the measure": the announcement, counted back.
DAYS_AFTER = re.compile(r"\b(?P<n>a|one|two|three|four|five|six|seven|\d{1,2}) "
                        r"(?P<unit>days?|weeks?) after (it|they|beijing|china|the ministry|"
                        r"washington|tokyo) "
                        r"(announced|imposed|issued|unveiled|introduced)\b", re.I)
#: A date that leads a sentence: "In April, ", "On Monday ", "Last month, ".
LEAD_DATE = re.compile(r"(In|On|By|Last|Earlier this|This)\s+(" + MONTH_NAMES + "|"
                       + WEEKDAY_NAMES + r"|week|month|year|20\d\d)"
                       r"(\s+\d{1,2})?(,?\s+20\d\d)?,?\s+(?=[A-Z])")
#: A purpose set after the event: ", as it seeks to profit from ...", ", as the country aims to".
PURPOSE = re.compile(r",\s+as\s+(it|they|the (country|government|nation|company|ministry))\s+"
                     r"(seeks?|looks?|aims?|tries|hopes?|wants?|moves?)\s+to\b[^,.;]*", re.I)
#: A control in place extended: "extended its ban", "the extension of the suspension".
EXTENDED = re.compile(r"\b(extend(s|ed|ing)?|prolong(s|ed|ing)?|renew(s|ed|ing)?)\s+(the\s+|its\s+|"
                      r"their\s+|a\s+)?([\w-]+\s+){0,3}?(ban|bans|controls?|suspension|"
                      r"restrictions?|curbs?|prohibition|moratorium)\b|"
                      r"\bextension of (the\s+|its\s+)?"
                      r"([\w-]+\s+){0,3}?(ban|controls?|suspension|restrictions?|curbs?|"
                      r"prohibition|moratorium)\b", re.I)
#: Between a verb and the thing it governs: a few words, no comma, no list of uses.
OBJECT_GAP = re.compile(r"(?!.*\b(used in|end up in|ends up in|including|such as|for use in)\b)"
                        r"(,(?!\s)|[^,;]){0,60}", re.I)
#: "a year to date", "for the year", "for the full year": a figure of the year in hand.
WHOLE_YEAR = re.compile(r"\b(for|over|in|during) the (full |whole |entire )?year\b(?! (earlier|"
                        r"ago|before|to date))|\bfull[- ]year\b", re.I)
#: A control in place since a month, as a state: "has kept curbs on seven rare earths in place
#: since April", "Since August last year Chinese authorities have required special licences".
RESTATED_SINCE = re.compile(r"\b(controls?|curbs?|restrictions?|bans?|licen[cs]es?|licensing|"
                            r"permits?)\b[^.;]{0,60}?\b(in place|in force|in effect)\s+since\s+"
                            r"(?P<month>" + MONTH_NAMES + r")\b(?:\s+(?P<year>20\d\d))?"
                            r"(?!\s+\d)|"
                            r"^\W*Since\s+(?P<month2>" + MONTH_NAMES + r")(?P<last2>\s+last year)?"
                            r"\s*,?\s+[^.;]{0,60}?\b(have|has)\s+(required|needed|restricted|"
                            r"controlled)\b[^.;]{0,40}?\b(licen[cs]es?|permits?|exports?)\b|"
                            # "The licensing requirements Beijing has applied to gallium and
                            # germanium since August 2023" (round 18's 389)
                            r"\b(controls?|curbs?|restrictions?|requirements?)\b[^.;]{0,40}?\b"
                            r"(has|have|had)\s+(applied|imposed|kept|maintained|enforced)\b"
                            r"[^.;]{0,60}?\bsince\s+(\d{1,2}\s+)?(?P<month3>" + MONTH_NAMES + r")\b"
                            r"(?:\s+(?P<year3>20\d\d))?(?!\s+\d)")
#: A licensing requirement stated as a state since a time ("has required licences for gallium
#: and germanium exports since August 2023", "which have needed export licences since the
#: summer of 2023", "Since mid-2023 China has required licences for exports of gallium"): the
#: time is a month, a season or a year, read by :func:`state_since_months`.
_SINCE_TIME = (r"(?P<NAME>(?:the\s+)?(?:(?:early|mid|late)[- ]?|"
               r"(?:spring|summer|autumn|fall|winter)"
               r"(?:\s+of)?\s+)?(?:(?:" + MONTH_NAMES + r")(?:\s+(?:of\s+)?(?:20\d\d|last year))?|"
               r"20\d\d))")
REQUIRED_SINCE = re.compile(
    r"\b(has|have|had)\s+(required|needed)\s+([\w-]+\s+){0,8}?(licen[cs]es?|"
    r"permits?|licensing)\b[^.;]{0,80}?\bsince\s+" + _SINCE_TIME.replace("NAME", "time")
    + r"\b(?!\s*\d)|"
    r"^\W*Since\s+" + _SINCE_TIME.replace("NAME", "time2")
    + r"\s*,?\s+[^.;]{0,60}?\b(has|have)\s+"
    r"(required|needed)\b[^.;]{0,60}?\b(licen[cs]es?|permits?)\b")
#: a word of control or licensing (a factbox line restating a control by its days)
CONTROL_OR_LICENSING = re.compile(r"\b(export controls?|controls?|curbs?|restrictions?|ban(s|ned)?|"
                                  r"licen[cs](e|es|ing|ed)|permits?|announced|imposed|"
                                  r"introduced)\b", re.I)
SEASONS = {"spring": (3, 4, 5), "summer": (6, 7, 8), "autumn": (9, 10, 11),
           "fall": (9, 10, 11), "winter": (12, 1, 2), "early": (1, 2, 3, 4),
           "mid": (5, 6, 7, 8), "late": (9, 10, 11, 12)}


def state_since_months(time: str, published) -> set[tuple[int, int]]:
    """The (year, month) pairs a time after "since" may name: "August 2023" one, "August" the
    last August on or before the article, "the summer of 2023" three, "mid-2023" four,
    "2023" twelve; a month "last year" in the year before the article's.

    >>> from datetime import date
    >>> sorted(state_since_months("the summer of 2023", date(2025, 1, 1)))
    [(2023, 6), (2023, 7), (2023, 8)]
    >>> sorted(state_since_months("August", date(2024, 1, 5)))
    [(2023, 8)]
    """
    words = time.lower().replace("-", " ").split()
    year = next((int(w) for w in words if w.isdigit()), None)
    if "last" in words:
        year = published.year - 1
    month = next((MONTHS[w] for w in words if w in MONTHS), None)
    if month is not None:
        if year is None:
            year = published.year - (month > published.month)
        return {(year, month)}
    if year is None:
        return set()
    season = next((SEASONS[w] for w in words if w in SEASONS), tuple(range(1, 13)))
    return {(year + (m < 3 and "winter" in words), m) for m in season}


#: A modal in a clause defining uses: "any use that could enhance military capabilities".
SCOPE_MODAL = re.compile(r"\b(uses?|users?|purposes?|applications?)\s+(that|which)\s+(could|might|"
                         r"may|would)\b[^,.;]*", re.I)
#: "That compared with ...": a sentence of totals compared with the one before.
COMPARED_LEAD = re.compile(r"\W*(That|This|It|These|Those|The (figure|total|volume)s?)\s+"
                           r"(compared|compares|was up from|was down from)\s+(with|to|against)?",
                           re.I)
#: "5,994 tons in July", "4,723 tons in August 2024": a total with its own month.
COMPARED_TOTAL = re.compile(r"(?<![\d,.])(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s+"
                            r"(?:metric\s+)?(?P<unit>tonnes|tons|kilograms|kg)\s+in\s+"
                            r"(?P<month>" + MONTH_NAMES + r")\b(?:\s+(?P<year>20\d\d))?"
                            r"(?!\s*(and|to|-)\s*(" + MONTH_NAMES + r"))")
#: A flow and the month its verb takes, no comparison between: "exports of magnets rose for a
#: third month in a row in August" (not "recovered from the low they hit in December").
FLOW_MONTH = re.compile(r"\b(?P<flow>exports?|imports?|shipments?|sales)\b[^.;,]{0,80}?\b"
                        r"(rose|fell|climbed|jumped|dropped|declined|increased|decreased|surged|plunged|"
                        r"slumped|grew|rebounded|recovered|were|was|totall?ed|reached)\b"
                        r"(?![^.;,]{0,60}?\b(from|than|since|when|low|high|level|compared|"
                        r"after|before|until|average)\b[^.;,]{0,40}?\bin (" + MONTH_NAMES
                        + r")\b)[^.;,]{0,60}?\bin (?P<month>" + MONTH_NAMES
                        + r")\b(?:\s+(?P<year>20\d\d))?(?!\s+(and|or|to)\b)", re.I)
#: "exports of magnets to the US fell 11% last month": a flow stated for the month before
FLOW_LAST_MONTH = re.compile(r"\b(?P<flow>exports?|imports?|shipments?|sales)\b[^.;,]{0,80}?\b"
                             r"(rose|fell|climbed|jumped|dropped|declined|increased|decreased|"
                             r"surged|plunged|slumped|grew|rebounded|recovered)\b[^.;,]{0,40}?"
                             r"\blast month\b", re.I)
#: "approved the export of 20 tons", "a licence to ship", "a quota of": a volume allowed.
LICENSED_QUANTITY = re.compile(r"\b(approv(e|ed|es|al|als)|licen[cs](e|es|ed|ing)|permit(s|ted)?|"
                               r"allow(s|ed)?|authori[sz](e|ed|es|ation)|quotas?|grant(s|ed)?|"
                               r"cleared for|may export|can export)\b", re.I)
#: Exports allowed under licence despite the control: "can still go ahead under one-time
#: licences", "only with a licence", "unless licensed".
LICENSED_EXCEPTION = re.compile(r"\b(can|may|could|will) still\b[^.;]{0,60}?\b(under|with)\b"
                                r"[^.;]{0,30}?\b(licen[cs]es?|permits?|approvals?)\b|"
                                r"\bonly (under|with) (an? |the )?([\w-]+ ){0,2}?(licen[cs]es?|"
                                r"permits?|approvals?)\b|\bunless (licensed|(an? )?licen[cs]e|"
                                r"(an? )?permit)\b|\bexcept (under|with) (an? )?([\w-]+ ){0,2}?"
                                r"(licen[cs]es?|permits?)\b|\bsubject to (an? )?([\w-]+ ){0,2}?"
                                r"(licen[cs]es?|licensing|permits?|approvals?)\b", re.I)
#: A use named between a verb and a material: "products used in magnets", "for use in".
USE_BEFORE = re.compile(r"\b(used (in|for|to make)|end(s)? up in|going into|goes into|for use in|"
                        r"destined for|needed (in|for)|key (components?|ingredients?) (of|in|for)|"
                        r"feedstock for|that (go|goes) into)\b", re.I)
#: A condition not yet met: "subject to qualification", "conditional on financing".
CONDITIONAL = re.compile(r"\b(subject to|conditional (up)?on|contingent (up)?on|provided that|"
                         r"pending)\b", re.I)
#: "a year earlier, in March 2023,": the date that follows is a comparison's, a year back.
YEAR_BASE = re.compile(r"\b(a|one) year (earlier|ago|before|previously),\s*$", re.I)
#: "a commitment with MP Materials to buy magnets": the partner sells.
DEAL_TO_BUY = re.compile(r"\b(agreement|commitment|deal|contract|partnership)\s+with\s+"
                         r"[A-Z][\w&.' -]{1,60}?\s+to\s+(buy|purchase|source|procure)\b")
#: "plans to build a second magnet plant": a planned producer.
PLANNED_PLANT = re.compile(r"\b(plans?|planning|intends?|aims?) to (build|open|construct|develop)"
                           r"\b", re.I)
#: "will in principle not be approved": the control's rule, not a decision on a licence.
POLICY = re.compile(r"\bin principle\b|\bwill (not be|be) (approved|denied|granted|rejected|"
                    r"refused)\b|\bwill (deny|refuse|reject)\b", re.I)
#: "are still being approved case by case": a process described, no decision reported.
PROCESS = re.compile(r"\b(is|are) (still )?being (approved|reviewed|processed|granted)\b|"
                     r"\b(continues?|continued) to be (approved|rejected|denied|refused|granted|"
                     r"delayed|reviewed)\b|"
                     r"\b(licen[cs]es|permits|applications) (are|is) (usually |typically |normally "
                     r"|generally |only )?(granted|approved|issued|denied|rejected|reviewed)\b|"
                     # how the system works, generically: "applications for civilian use are
                     # generally approved", "The ministry reviews each application and grants
                     # licences only to ...", "Exporters must apply for a licence"
                     r"\b(are|is) (usually |typically |normally |generally |routinely |often |"
                     r"only )?(granted|approved|issued|denied|rejected|reviewed|valid)\b|"
                     r"\b(approves|grants|issues|denies|rejects|reviews)\b(?! (on|last|this))|"
                     r"\b(must|have to|has to|need to|needs to) (apply|seek|obtain)\b|"
                     r"\b(can|may) be (granted|approved|issued|renewed|denied|rejected)\b",
                     re.I)
#: Reported speech: the sentence says who said it.
#: "approved more slowly", "slowed approvals": the pace of approvals, no approval
SLOWER = re.compile(r"\b(approv|grant|issu|process)\w*\s+(\w+\s+){0,2}?(more slowly|slower|"
                    r"less quickly)\b|\bslow(ed|ing|s)?\s+(down\s+)?(the\s+|its\s+)?"
                    r"(approvals?|licensing|issuance|licen[cs]e approvals?)\b", re.I)
#: "taking effect on", "effective", "from": the date after it is an entry into force
EFFECTIVE_ON = re.compile(r"\b(tak(e|es|ing) effect|took effect|effective|in(to)? force|from|"
                          r"starting|as of)\s+(on\s+)?$", re.I)
SAID = re.compile(r"\b(said|says|told|according to)\b", re.I)
#: "remains in force": a state, not an entry into force.
REMAINS = re.compile(r"\b(remain(s|ed)?|stay(s|ed)?|still|(has|have|had) been) (in (force|place|"
                     r"effect))\b|"
                     # "has kept curbs on seven rare earths in place since April": a state
                     r"\b(kept|keeps|keep|keeping)\s+([\w-]+\s+){0,6}?in (force|place|effect)\b",
                     re.I)
SUSPENDED = re.compile(r"\b(suspend(ed|s|ing)?|suspension|paus(e|ed|es|ing)|lift(ed|s|ing)?|"
                       r"scrap(ped|s)?|revok(e|ed|es)|withdr(ew|awn|aws))\b", re.I)
IN_FORCE = re.compile(r"\b(took effect|take effect|takes effect|taking effect|came into (force|"
                      r"effect)|comes? into (force|effect)|went into (force|effect)|go(es)? into "
                      r"effect|effective (immediately|from|on|as of|upon)|in force|enter(ed|s)? "
                      r"into force|with immediate effect|became effective|implemented from|"
                      r"appl(y|ies) from)\b", re.I)
ANNOUNCED = re.compile(r"\b(announc(ed|es|ing)|impos(ed|es|ing)|introduc(ed|es|ing)|"
                       r"unveil(ed|s)|issu(ed|es)|released (the|an|its) announcement|"
                       r"add(ed|s)\b.{0,200}?\bto (its|the) "
                       r"(export )?(control|catalogue|catalog|list)|add(ed|s)\b.{0,200}?\bto \w+'s "
                       r"(export )?(control )?list|expand(ed|s)|tighten(ed|s)|"
                       r"placed|rolled out|slap(ped|s)|widen(ed|s)|broaden(ed|s)|"
                       # "placing seven rare earths under export control": the participle
                       r"(placing|putting)\b(?=.{0,120}?\bunder\b)|"
                       r"will (also )?(impose|restrict|require|ban|control)|ban(ned|s)|put|"
                       # "began controlling exports of ...": a control that began (its start)
                       r"(began|begun|started)\s+(to\s+)?(control|restrict|ban|curb|limit)\w*|"
                       r"required|prohibit(ed|s)|"
                       r"restrict(ed|s)|bar(red|s)|curb(ed|s)|decided to)\b", re.I)
COVERS_VERB = re.compile(r"\b(cover(s|ed)?|includ(e|es|ed|ing)|appl(y|ies) to|extend(s|ed)? "
                         r"to|list(s|ed)?|requir(e|es|ed))\b", re.I)
HEDGE = re.compile(r"\b(could|might|would likely|consider(s|ing)?|mull(s|ing)?|weigh(s|ing)|"
                   r"threaten(s|ed|ing)?|warn(s|ed|ing)?|any (country|countries|nation|company|"
                   r"companies|firm) (that|which)|expected to|plans? to|planning to|aims? to|"
                   r"aiming to|reportedly|"
                   r"whether|"
                   r"speculat\w*|if)\b|(?-i:\bmay\b)(?! \d)", re.I)
#: Cues of a forecast (expected), a plan (planned); any other HEDGE is speculative.
EXPECTED_CUE = re.compile(r"\b(likely|unlikely|expected to|(is|are) expected|should (be|get|have|"
                          r"find|receive|see|ease)|set to|poised to|on track to|"
                          # "Traders expect China to approve more licences in the coming weeks"
                          r"(expect|expects|expecting|anticipate|anticipates|forecast|forecasts|"
                          r"predict|predicts)\s+([\w.'-]+\s+){1,4}?to|in the coming (days|weeks|"
                          r"months))\b", re.I)
PLANNED_CUE = re.compile(r"\b(plans? to|planning to|planned|drafting|drafts?|proposal|"
                         r"proposed|intends? to|preparing to|aims? to|aiming to)\b", re.I)
#: What follows a plan's cue when the plan is to spend or grow, not to license ("plans to
#: spend nearly 500 million ringgit on expanding capacity").
SPENDING_PLAN = re.compile(r"\s+(?:(?:to|on)\s+)?(?:spend(?:ing)?|invest(?:ing)?|expand(?:ing)?|"
                           r"build(?:ing)?|construct(?:ing)?|rais(?:e|ing)|doubl(?:e|ing)|"
                           r"boost(?:ing)?|increas(?:e|ing)|upgrad(?:e|ing))\b", re.I)
SPECULATIVE_CUE = re.compile(r"\b(hopes?|hoped|hoping|possibly|perhaps|in (talks|discussions|"
                             r"negotiations)|negotiating|looking to|seeks? to|seeking to)\b", re.I)
#: An applicant waiting for a decision ("Tesla is applying to Beijing for a licence").
REVIEW = re.compile(r"\b((is|are|was|were) applying|(has|have|had) applied|applied for|"
                    r"working with \w+ to (obtain|get|secure)|seeking|under review)\b", re.I)
#: Kinds whose mentions are recorded (MENTIONS claims of the article).
MENTIONED_KINDS = ("Company", "Country", "Element", "Material", "Product", "Facility",
                   "ExportControl")
NEGATED = re.compile(r"\b(has not|have not|had not|did not|does not|do not|not yet|never|"
                     r"no longer|no new|(has|have|is|are) yet to|failed to|fails to|neither|"
                     r"none of|(denied|denies|dismissed|rejected|refuted) (that|reports?|claims?|"
                     r"speculation)|no (export |new |such )?(licen[cs]es|permits|approvals|"
                     r"applications|export (controls|restrictions|bans?))|"
                     # "China had quietly stopped approving licences": no approval
                     r"(stopped|stops|ceased|ceases|halted|halts|suspended|paused) "
                     r"(approving|granting|issuing|processing))\b", re.I)
BAN = re.compile(r"\b(ban(s|ned|ning)?|prohibit\w*|bar(s|red|ring)?)\b", re.I)
MILITARY = re.compile(r"\bmilitary (end[- ])?(users?|uses?|purposes)|defen[cs]e (end[- ])?users?"
                      r"|military end[- ]users?", re.I)
TARGET_BEFORE = re.compile(r"\b((?<!according )(?<!pledge )(?<!promise )(?<!commitment )"
                           r"(?<!response )"
                           r"(?<!concession )(?<!message )to|for|toward|towards|against|"
                           r"targeting|bound for|destined for|into|"
                           r"(?<!talks )(?<!trade )(?<!agreement )(?<!deal )(?<!war )"
                           r"(?<!truce )(?<!negotiations )(?<!summit )(?<!meeting )with)\s+"
                           r"(the\s+|an?\s+)?$|\b(users?|customers?|buyers?|firms?|companies|"
                           r"clients?|importers?) in\s+(the\s+)?$", re.I)
#: The nouns of buyers after their country ("U.S. customers", "German carmakers").
BUYERS = (r"(customers?|compan(y|ies)|firms?|buyers?|users?|clients?|military|end[- ]users?|"
          r"defen[cs]e|importers?|automakers?|manufacturers?|chipmakers?|carmakers?|"
          r"car\s+makers?|entities|end uses?)\b")
TARGET_AFTER = re.compile(r"^\W{0,2}\s*" + BUYERS, re.I)
EFFECTIVE_CUE = re.compile(r"(effect|effective|force|from|starting|as of|begin|beginning|"
                           r"implemented|appl(y|ies)|since)\W*(on|from)?\s*$", re.I)
SINCE_CUE = re.compile(r"\bsince\s*$", re.I)
PASSIVE = re.compile(r"\b(has|have|had) been (banned|restricted|prohibited|curbed|"
                     r"controlled)\b", re.I)
UNTIL_CUE = re.compile(r"(until|till|through)\s*$", re.I)
CONTEXT_CUE = re.compile(r"\b(after|before|since|following|ahead of)\s+(the\s+)?$", re.I)
ANNOUNCED_CUE = re.compile(r"\b(announced|announces|unveiled|issued|imposed|introduced|"
                           r"released the announcement)\b"
                           r"([^,;]{0,40}\s)?(on\s+)?$", re.I)
RARE_EARTH = re.compile(r"\brare[- ]earths?\b|\bmagnets?\b", re.I)
REE = frozenset(f"element:{s}" for s in ("Sc", "Y", "La", "Ce", "Pr", "Nd", "Pm", "Sm", "Eu",
                                         "Gd", "Tb", "Dy", "Ho", "Er", "Tm", "Yb", "Lu"))
DESCRIPTOR_BEFORE = re.compile(r"\b(a|an)\s+$", re.I)
#: "the October rare-earth controls", "April's curbs": a control named by its month.
MONTH_CONTROL = re.compile(r"\b(?P<month>" + MONTH_NAMES + r")(?:'s)?\s+"
                           # "in August before the controls took effect": no month of the control
                           r"((?!(before|after|as|when|since|ahead|following|until|while|amid|"
                           r"because|and|but|the|its|their)\b)[\w-]+\s+){0,3}?"
                           r"(controls|curbs|restrictions|measures|rules|ban)\b")
POSSESSOR = re.compile(r"\w+['\u2019]s\s+(new\s+|[\w-]+\s+){0,3}?(export\s+)?(controls?|bans?|"
                       r"curbs?|restrictions?|measures|licen[cs]ing|permit requirements?)\b",
                       re.I)
ANAPHOR = re.compile(r"\b(the|these|those|this) (controls|measures?|curbs|restrictions|ban|"
                     r"rules|announcement|policy)\b", re.I)
PRODUCE_VERB = re.compile(r"\b(produc(e|ed|es|ing)|began producing|started producing|"
                          r"(started|starts|began|begun|begins|achieved|achieves) (its |their )?"
                          r"(commercial |full |first )?production of|"
                          r"(capacity|able) to make|mak(e|es|ing))\b", re.I)
PRONOUN_SUBJECT = re.compile(r"^(its|it|the company|the firm|the group)\b", re.I)
IMMEDIATE = re.compile(r"immediate effect|immediate (ban|freeze|halt|suspension)|effective "
                       r"immediately|effective (up)?on (publication|release)|effective from "
                       r"the date|with immediate|immediately", re.I)
REFERENCE = re.compile(r"Announcement No\.?\s*(\d+)(?:\s*(?:\[|\(|of\s+)(\d{4}))?", re.I)
SUPPLY_VERB = re.compile(r"\b(suppl(y|ies|ied|ying)|ship(s|ped|ping)?|sell(s|ing)?|sold|"
                         r"deliver(s|ed|ing)?|provid(e|es|ed|ing))\b", re.I)
BUY_VERB = re.compile(r"\b(buy(s|ing)?|bought|purchas(e|es|ed|ing)|sourc(e|es|ed|ing)|"
                      r"procur(e|es|ed|ing)|offtake)\b", re.I)
STOP_VERB = re.compile(r"\b(stop(ped|s)?|halt(ed|s)?|suspend(ed|s)?|cease[ds]?|end(ed|s)?)\b"
                       r"(\s+\w+){0,3}?\s+(shipping|shipments?|sales|selling|supplying|"
                       r"deliveries|exports?)\b", re.I)
#: A plant or mine halted or closed: "halted production", "closed its ... plant".
CLOSE_VERB = re.compile(r"\b(halt(ed|s)?|suspend(ed|s)?|stop(ped|s)?|ceas(ed|es)|clos(ed|es)|"
                        r"shut( down)?|idl(ed|es)|paus(ed|es)|mothball(ed|s)?)\b(\s+[\w-]+){0,3}?"
                        r"\s+(production|operations|output|mining|plant|mine|refinery)\b|"
                        r"\bdeclared force majeure\b", re.I)
MAKE_VERB = re.compile(r"\b(make|makes|making|made|build|builds|building|built|"
                       r"manufactur(e|es|ed|ing)|assembl(e|es|ed|ing)|produc(e|es|ed|ing))\b",
                       re.I)


#: A modal governing an event verb: "it would suspend the controls", "could lift the ban".
MODAL_TRIGGER = re.compile(r"\b(" + MODAL_VERBS + r")\s+(not\s+)?(also\s+|only\s+|"
                           r"soon\s+|then\s+)?(suspend|lift|ban|impose|restrict|halt|introduce|"
                           r"announce|prohibit|curb|require|approve|grant|deny|reject|refuse|"
                           r"issue|expand|extend|tighten|ease|scrap|revoke|end)\b", re.I)
#: A legal instrument named by its title identifies a control: "the Catalogue of Technologies
#: Prohibited or Restricted from Export", "the Mineral Law".
INSTRUMENT = re.compile(r"\b(Catalogue|Catalog|List|Decree|Regulation|Order)\s+of\s+[A-Z]|"
                        r"\b[A-Z][\w-]+\s+(Law|Act|Decree)\b")
#: A control planned, not decided: "will develop a policy to ban exports", "plans to restrict".
PLANNED_CONTROL = re.compile(r"\b(will develop (a|the) (policy|law|rules?|regulations?)|plans?|"
                             r"planning|intends?|is preparing|are preparing|proposes?|"
                             r"is drafting (a |the )?(\w+ )?(policy|law|rules?)) to (ban|restrict|"
                             r"prohibit|curb|halt|stop) ([\w-]+ ){0,4}?(exports?|shipments?)\b",
                             re.I)
#: "the controls China announced on": a control's own date in a relative clause.
RELATIVE_CONTROL = re.compile(r"\b(controls?|restrictions?|measures?|rules?|curbs?|bans?)\s+"
                              r"([\w.'-]+\s+){1,3}?(announced|imposed|introduced|unveiled|"
                              r"issued|adopted)\b", re.I)
#: A generic word a graph may give a material as alias: "concentrate", "ore", "oxide".
GENERIC_MATERIAL = re.compile(r"(concentrates?|ores?|oxides?|metals?|alloys?|powders?)", re.I)
#: A phrase set aside from the control's clause: its countries are no targets, its "ban" no
#: regime ("..., days after Washington imposed a ban on chip sales", "..., a metal used in
#: chips made for Japanese customers", "..., in what analysts saw as retaliation against").
ASIDE = re.compile(r",\s+(in what|in a move|a move|a step|the latest|seen as|widely seen|"
                   r"retaliating|responding|in retaliation|in response|"
                   r"(a|an)\s+([\w-]+\s+){0,2}?(response|retaliation|reply|riposte)\s+to|"
                   r"(\w+\s+)?(minutes|days|hours|weeks|months|an hour|a day|a week) "
                   r"(after|before)|after|"
                   r"before|amid|following|citing|saying|as (part of|a response|retaliation)|"
                   r"(a|an) ([\w-]+\s+){0,2}(metal|mineral|element|material|product|move|"
                   r"decision|step) (used|that|which|seen|widely))\b", re.I)
#: A permit that is no export licence: "mining permits", "a permit to expand its mine".
NON_EXPORT = re.compile(r"\b(mining|operating|environmental|construction|building|exploration|"
                        r"drilling|business|work|import)\s+(licen[cs]es?|permits?)\b|"
                        r"\b(licen[cs]es?|permits?)\s+to\s+(expand|build|mine|operate|develop|"
                        r"construct|explore|drill|import)\b", re.I)
#: A question is no report: "Will China lift its ban?"
QUESTION = re.compile(r"\?\s*[\"\u201d']?\s*$|^(will|would|could|can|should|is|are|does|did)\s+"
                      r"[\w'.-]+(\s+[\w'.-]+){0,6}?\s+(lift|ban|impose|approve|grant|restrict|"
                      r"suspend|ease|end)\b[^.]*\?", re.I)
#: A control restated in a relative clause: "the ban ... that it imposed in December 2024".
#: Between a country and the verb it is the subject of: "Congo has", "China's commerce
#: ministry", "the Democratic Republic of Congo announced".
SUBJECT_GAP = re.compile(r"(['\u2019]s(\s+[\w-]+){0,2}?\s+(government|cabinet|ministry|"
                         r"authorities|regulators?|parliament|senate))?\s+((has|have|had|also|"
                         r"first|formally|officially|recently|then|later|now)\s+|on ("
                         + WEEKDAY_NAMES + r"|\d{1,2} [A-Z][a-z]+|"
                         r"[A-Z][a-z]+\.? \d{1,2})\s+)*", re.I)
#: ", hitting buyers in Germany": a participle after the event, its consequence.
PARTICIPLE_AFTER = re.compile(r",\s+(hitting|cutting|affecting|sending|leaving|forcing|"
                              r"prompting|disrupting|squeezing|pushing|raising|lifting|"
                              r"boosting|hurting)\b", re.I)
#: "A week later, China granted licences ...": a date counted from another sentence's.
RELATIVE_LEAD = re.compile(r"\W*((a|an|one|two|three|four|five|six|several|a few|\d+)\s+(days?|"
                           r"weeks?|months?)\s+later|the (next|following) (day|week|month)|"
                           r"days later|weeks later|months later)\b", re.I)
#: A commodity the graph's generic materials are not: "tin ore and concentrates".
OTHER_COMMODITY = re.compile(r"\b(tin|copper|zinc|lead|iron|bauxite|nickel|chrome|chromium|gold|"
                             r"silver|uranium|titanium|zircon|tantalum|niobium|vanadium|"
                             r"spodumene|coltan|cassiterite|wolframite|ilmenite|rutile|"
                             r"fluorspar|phosphate|potash|copper-cobalt)\s+((ore|ores)\s+"
                             r"(and|or)\s+)?$", re.I)
#: "will replace its cobalt export ban with quotas": one control for another.
REPLACED = re.compile(r"\breplac(e|es|ed|ing)\b[^.;]{0,60}\bwith\b", re.I)
#: Between a licence's issuer and its deciding verb: "China has", "China would",
#: "China's commerce ministry said on Thursday it had".
LICENCE_SUBJECT_GAP = re.compile(r"(['\u2019]s(\s+[\w-]+){0,2}?\s+(government|ministry|"
                                 r"authorities|regulators?))?(\s+said(\s+on\s+\w+)?(\s+that)?"
                                 r"\s+it)?\s+((has|have|had|also|now|would|will|could|"
                                 r"quietly|formally|officially|recently|first|"
                                 # "Beijing is expected to approve": a forecast's subject
                                 r"(is|are)\s+(expected|likely|set|poised|due)\s+to)\s+)*",
                                 re.I)
#: A transcript's question turn: "**Question:** ...", "Q: ...", "Reporter: ...".
QUESTION_TURN = re.compile(r"^\W*(question|q|reporter|journalist)\W*\s*:", re.I)
#: A statistical agency named after its country: "U.S. Geological Survey".
AGENCY_AFTER = re.compile(r"['\u2019]?s?\s+(Geological Survey|Census Bureau|Energy Information "
                          r"Administration|Bureau of Mines|Geological Institute)\b")
AGENCY_BEFORE = re.compile(r"\b(Geological Survey|Bureau of Mines|Geological Institute) of "
                           r"(the\s+)?$")
#: A control known by its entry into force in a clause of background: "as buyers rushed ...
#: before export controls take effect on 15 September", "before the permit requirement for
#: graphite took effect on December 1".
EFFECTIVE_BEFORE = re.compile(
    r"\b(before|ahead of|after)\s+(the\s+|its\s+|China's\s+|the (nation|country)['\u2019]s\s+|"
    r"Beijing['\u2019]s\s+)?(new\s+)?(export\s+)?"
    r"(?P<noun>controls?|restrictions?|curbs?|bans?|licen[cs]ing requirements?|licen[cs]e "
    r"requirements?|permit requirements?|licen[cs]ing rules?)(?P<span>(\s+(for|on)\s+"
    r"([\w-]+\s+){1,4}?)?\s*(that\s+|which\s+)?)(took|take|takes|came into|come into|"
    r"went into|go into)\s+(effect|force)\s+on\s+(?=\S)", re.I)
RESTATED = re.compile(r"\b(that|which)\s+(it|they|beijing|china|washington|the (government|"
                      r"ministry|country))\s+(had\s+)?(imposed|announced|introduced|issued|"
                      r"unveiled|put in place|adopted)\b|"
                      # "The restrictions on graphite, which took effect in December 2023, ..."
                      r"\b(that|which)\s+(first\s+)?(took|came into|went into) (effect|force)\b",
                      re.I)
#: "The ban was imposed in December 2024": a control restated in the passive past.
PASSIVE_PAST = re.compile(r"\b(was|were|had been)\s+(first\s+)?(imposed|introduced|announced|"
                          r"adopted|put in place)\b", re.I)
#: "has banned exports of nickel ore since 2020": a state since a date, no event.
STATE_SINCE = re.compile(r"\b(has|have|had)\s+(been\s+)?(banned|banning|restricted|prohibited|"
                         r"curbed|controlled|implemented|imposed|enforced|maintained|kept|had)\b"
                         r"[^.;]{0,80}\bsince\b", re.I)


# ---------------------------------------------------------------- extraction
@dataclass
class Found:
    """A mention with its resolved id and kind (kind None when unresolved)."""

    mention: Mention
    id: str | None
    kind: str | None


def _in_package(path: Path) -> bool:
    """Whether ``path`` is a file of the mineralgraph package (its bundled data)."""
    package = Path(__file__).resolve().parents[1]
    try:
        path.resolve().relative_to(package)
    except ValueError:
        return False
    return True


def known_controls(known) -> dict[str, dict]:
    """The known graph's controls by id: ``issuer``, ``covers`` (with the elements covered
    materials contain), ``targets``, ``reference``, ``announced``, ``effective``, ``regime``."""
    out = {}
    if known is None:
        return out
    for node in known.ids("ExportControl"):
        covers = set(known.neighbours(node, "COVERS"))
        # a control of graphite materials is about graphite (element:C) as an article
        # names it: the elements the covered materials contain count as covered
        covers |= {e for m in sorted(covers) for e in known.neighbours(m, "CONTAINS")}
        out[node] = {"issuer": set(known.neighbours(node, "ISSUED_BY")),
                     "covers": covers,
                     "targets": set(known.neighbours(node, "TARGETS")),
                     "reference": str(known.attribute(node, "reference") or ""),
                     "announced": known.attribute(node, "announced_on"),
                     "effective": known.attribute(node, "effective_from"),
                     "regime": known.attribute(node, "regime"),
                     "foreign": bool(FOREIGN_ITEMS.search(str(known.label(node) or ""))),
                     "minted": False}
    return out


#: A control of foreign-made items ("China licensing of foreign-made items containing
#: Chinese-origin rare earths"), and a sentence that speaks of such items.
#: "The five new elements - holmium, ... -": the elements a sentence before counted
#: the reason of a sentence read that gave nothing (listed in the report as skipped)
NOTHING_FOUND = "nothing found: "
#: "The new curbs take effect on December 1": the control the article has in hand
NEW_ANAPHOR = re.compile(r"(the|these) new (export )?(controls|measures|curbs|restrictions|rules|"
                         r"ban|requirements|licen[cs]ing (rules|requirements))\b", re.I)
COUNTED_ANAPHOR = re.compile(r"(the|these|those) (?P<n>two|three|four|five|six|seven|eight|nine|"
                             r"ten|\d{1,2}) ((new|more|additional|further|added)\s+)?"
                             r"(rare[- ]earths?\s+)?(elements|rare[- ]earths|metals)\b", re.I)
#: "adding five new elements", "five more rare earths": a count of the elements a control
#: adds, named (or not) elsewhere
ELEMENT_COUNT = re.compile(r"\b(?P<n>two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+"
                           r"((new|more|additional|further|other|medium and heavy|heavy|"
                           r"medium)\s+)?(rare[- ]earths?\s+)?(elements|rare[- ]earths|metals)\b",
                           re.I)
FOREIGN_ITEMS = re.compile(r"\b(foreign[- ]made|made abroad|produced abroad|overseas[- ]made|"
                           r"extraterritorial|foreign (products?|goods|items))\b|"
                           r"\b0\.1\s*(%|per ?cent)", re.I)


def known_licences(known) -> dict[str, dict]:
    """The known graph's licence decisions by id: ``issuer``, ``under``, ``grantees``,
    ``targets``, ``decision``, ``announced`` and the ``regions`` their label names
    ("Licence approvals for European auto suppliers": ``{"europe"}``)."""
    out = {}
    if known is None:
        return out
    for node in known.ids("LicenceDecision"):
        out[node] = {"issuer": set(known.neighbours(node, "ISSUED_BY")),
                     "under": set(known.neighbours(node, "UNDER")),
                     "grantees": set(known.neighbours(node, "GRANTED_TO")),
                     "targets": set(known.neighbours(node, "TARGETS")),
                     "decision": str(known.attribute(node, "decision") or ""),
                     "announced": known.attribute(node, "announced_on"),
                     "regions": regions_named(str(known.label(node) or ""))}
    return out


#: regions a licence's grantees are named by ("European auto suppliers", "EU firms")
REGION = re.compile(r"\b(Europe(?:an)?s?|EU|Asian?|African?|Latin American|North American|"
                    r"Southeast Asian)\b")


def regions_named(text: str) -> frozenset[str]:
    """The regions a text names, in one spelling ("European", "EU" and "Europe" are one).

    >>> sorted(regions_named("approvals for European auto suppliers and EU firms"))
    ['europe']
    """
    out = set()
    for match in REGION.finditer(text):
        word = match.group(1).lower()
        out.add("europe" if word.startswith(("europe", "eu")) else
                "asia" if word.startswith("asia") else "africa" if word.startswith("africa")
                else word)
    return frozenset(out)


class NewsReader:
    """Reads one article into claims; keeps what the article is about across sentences."""

    def __init__(self, path: Path, context: LoadContext):
        self.path = path
        #: the article as claims' origins name it: a user's article by its file name, the
        #: same from any folder (trial 7's LOW-5); the bundled data's by its path, which
        #: snapshots write package-relative (files.portable_origin)
        self.origin_file = str(path) if _in_package(path) else path.name
        self.known = context.known
        self.option = context.options.get("article_date")
        #: a control the graph does not hold is only added when asked for
        self.new_controls = bool(context.options.get("news_new_controls"))
        #: the claim kinds wrong on unseen text are withheld unless a stricter condition
        #: holds (:mod:`mineralgraph.loaders.news_precision`); False reads as before
        self.precision_first = context.options.get("news_precision_gate", True) is not False
        #: claims the precision gate withheld: (line, claim, reason)
        self.held_back: list[tuple[int, str, str]] = []
        self.held_claims: list[tuple[Claim, str]] = []
        self.withheld: list[str] = []
        self.minted: list[str] = []
        self.gazetteer = Gazetteer(self.known)
        self.claims: list[Claim] = []
        self.nodes: dict[str, list[Claim]] = {}
        self.unresolved: dict[str, str] = {}
        self.controls: dict[str, dict] = self._known_controls()
        #: the known graph's licence decisions, matched by a decision the article reports
        self.licences: dict[str, dict] = known_licences(self.known)
        #: (new decision, known decisions it may repeat): named in the report
        self.possible_duplicates: dict[str, list[str]] = {}
        self.current_control: str | None = None
        #: (sentence number, control) of the last claim on a control ("They cover ..." in the
        #: next sentence speaks of it)
        self.control_claimed: tuple[int, str] | None = None
        #: the sentence is in a transcript's question turn ("Question: ...")
        self.question_turn = False
        self.current_text = ""
        #: the known control :meth:`find_control` last chose by its items alone
        self.chosen_by_items: str | None = None
        #: a known control chosen by the count of its elements, waiting for "The five new
        #: elements - holmium, ... -" in the next sentence: (control, count, sentence number)
        self.counted: tuple | None = None
        #: a known control whose lift or suspension the sentence did not date, waiting for
        #: "The move, announced ... on November 9, 2025, ..." next: (control, sentence number)
        self.pending_end: tuple | None = None
        #: the known controls of one announcement the topic alone matched (none chosen)
        self.topic_twins: list[str] = []
        #: the event is dated by a year alone ("last year"): no day, no month
        self.event_year_only = False
        #: the event is dated by a week that spans two months ("last week" on 3 September)
        self.event_week_split = False
        #: controls known by their entry into force alone, read at the article's end:
        #: (line, text, issuer, items, effective date, regime)
        self.effective_only: list[tuple] = []
        self.emitted: set[tuple] = set()
        self.stated_announcement: date | None = None
        #: the event's date is the day a past control took effect (past_entry_into_force)
        self.event_from_effective = False
        self.last_party: str | None = None
        self.gazetteer_found: list[Found] = []
        self.issuer: str | None = None
        self.modality: str | None = None
        self.dated_by_article = False
        self.mentioned: dict[str, tuple[str, str, int]] = {}
        self.skipped: list[tuple[int, str, str]] = []
        #: every sentence read: (line, text)
        self.read_sentences: list[tuple[int, str]] = []
        self.sentences = 0
        self.article_country: str | None = None
        self.licence_context = False
        self.last_said: date | None = None
        #: the sentence that dated the statement: reported speech goes on only in the next
        #: one ("..., Musk told analysts"); a statement further on is another's
        self.last_said_at = 0
        self.last_said_text = ""
        self.rare_earth_topic = False
        self.last_period: date | None = None
        #: a flow the sentence before stated with its month and goods, and no figure:
        #: (sentence number, month, goods or None, flow) ("China's exports of magnets rose
        #: for a third month in August." then "Shipments reached 6,146 tonnes")
        self.flow_context: tuple | None = None
        #: the last total of a month read: (sentence number, exporter, goods, flow, unit)
        self.last_total: tuple | None = None
        #: the year of the last annual figure ("Over the whole of 2024, ..."), for "for the year"
        self.last_year: date | None = None
        self.last_material: Found | None = None
        #: (sentence number, goods it names): "4,260 kilograms of the metal" names the goods
        #: of the sentence before, when it names one
        self.previous_goods: tuple[int, list[Found]] = (-1, [])
        self.goods_before: tuple[int, list[Found]] = (-1, [])
        #: every good the article named so far: (id, kind)
        self.article_goods: set[tuple[str, str]] = set()
        self.emitted_by_article: set[tuple] = set()
        #: the flow (export, import) of the figure the last material was read with
        self.last_flow: str | None = None
        #: countries named as exporters ("China's shipments of magnets", "China exported")
        self.exporters_named: set[str] = set()
        #: the country an official publisher names ("Ministry of Commerce of the PRC")
        self.official_country: str | None = None
        #: names of several words the article gave that no known node matches
        self.names_seen: set[str] = set()
        #: the exporter of the last export figure ("Japan, which took 4,007 kilograms")
        self.last_exporter: str | None = None
        #: the importer of the last import figure and its sentence ("China's imports ... came
        #: to 22,055 tons." then "imports from Chile were about 10,800 tons")
        self.last_importer: tuple[int, str] | None = None
        #: an announcement that named no item, waiting for "The controls cover ..." next
        self.pending: tuple | None = None
        #: a lift of a control the graph lacks, waiting for "The ban had been in place since
        #: February" (text, line, issuer, items, lifted on, stated on, sentences left)
        self.pending_lift: tuple | None = None
        #: controls planned, not decided: never matched as the control a sentence is about
        self.planned: dict[str, dict] = {}

    # ------------------------------------------------------------ setup
    def _known_controls(self) -> dict[str, dict]:
        return known_controls(self.known)

    def read(self) -> LoadResult:
        article = read_article(self.path)
        dateline(article, self.option)
        if not any(text.strip() for _, text in article.paragraphs):
            # nothing to read: no date is needed to say so, and nothing is added
            self.article = article
            return LoadResult(claims=[], unresolved=[], report=self.report([]))
        if article.published is None:
            if self.option is None:
                where = article.date_line or 1
                why = article.date_problem or (
                    f"{article.date_text!r} is not a date" if article.date_text
                    else "the article gives no publication date")
                raise InputError(str(self.path), where, "date",
                                 f"{why}; give one with --article-date YYYY-MM-DD")
            article.published = self.option
        self.article = article
        self.source = self.source_id(article)
        # an official publisher names its country ("Ministry of Commerce of the PRC")
        official = re.search(r"\b(ministry|government|commission|administration|council|"
                             r"department|embassy|state|authority|office)\b",
                             article.publisher or "", re.I)
        self.article_country = next((m.id for m in self.gazetteer.mentions(
            article.publisher or "") if model.kind_of(m.id) == "Country"), None) \
            if official else None   # "The Telegraph India" names no issuer
        self.official_country = self.article_country
        for line, paragraph in article.paragraphs:
            for sentence in negated_clause_apart(split_sentences(paragraph)):
                # ", though it gave no figure ...": a closing clause that states nothing
                sentence = detail_withheld_cut(sentence)
                self.sentences += 1
                # "Question: The ministry has announced export controls on gallium ...": a
                # journalist's turn restates, it reports nothing (the answer may)
                self.question_turn = bool(QUESTION_TURN.match(paragraph))
                self.read_sentences.append((line, sentence.strip()))
                self.sentence(line, sentence)
        self.question_turn = False
        self.read_effective_only()
        self.drop_article_dated_repeats()
        self.gate()
        if self.precision_first:
            self.precision_gate()
        self.withhold_new_controls()
        self.mark_modal_labels()
        claims = []
        if self.claims:   # a source that says nothing is not worth a node
            claims = (self.source_claims(article)
                      + [c for node in self.nodes.values() for c in node] + self.claims
                      + self.mention_claims())
        self.list_unread(claims)
        unresolved = [f"{name} ({where})" for name, where in self.unresolved.items()]
        return LoadResult(claims=claims, unresolved=unresolved,
                          report=self.report(claims))

    # ------------------------------------------------------------ after the last sentence
    def drop_article_dated_repeats(self) -> None:
        """A claim dated only by the article (a summary bullet, a headline) gives way to
        the same fact dated by the text; a licence decision dated by the article gives way
        to the same decision (issuer, grantee, decision) dated by the text."""
        def dated(claim):
            return claim.qualifier("dated_by") is None

        def fact(claim):
            single = not claim.is_relation and model.attributes.get(claim.predicate) \
                and not model.attributes[claim.predicate].multi_valued
            return (claim.subject, claim.predicate, None if single else str(claim.object))

        text_dated = {fact(c) for c in self.claims if dated(c)}
        def undated(claim):
            return (re.sub(r"-\d{4}-\d{2}(-\d{2})?-", "-", claim.subject),
                    claim.qualifier("modality"))

        licences = {undated(c) for c in self.claims
                    if dated(c) and c.subject.startswith("licence:")}
        decided = {(c.object, c.qualifier("modality")) for c in self.claims
                   if dated(c) and c.predicate == "decision"}
        generic = {c.subject for c in self.claims if not dated(c) and c.predicate == "decision"
                   and "-exports-" in c.subject
                   and (c.object, c.qualifier("modality")) in decided}
        dropped = {c.subject for c in self.claims if not dated(c)
                   and c.subject.startswith("licence:")
                   and (undated(c) in licences or c.subject in generic)
                   and not any(dated(o) for o in self.claims if o.subject == c.subject)}
        self.claims = [c for c in self.claims
                       if c.subject not in dropped and not (not dated(c)
                                                            and fact(c) in text_dated)]
        for node in dropped:
            self.nodes.pop(node, None)

    def mark_modal_labels(self) -> None:
        """A node every fact of which a source only forecasts, plans or speculates about is
        labelled so ("China: licences approved for exports to United States (2025-10-09)
        (expected, not a decision)"): its label is the one claim without a modality, and it
        must not read as a decision (trial 6, H1)."""
        for node, attributes in self.nodes.items():
            modalities = {c.qualifier("modality") for c in self.claims if c.subject == node}
            if not modalities or None in modalities:
                continue
            word = "/".join(sorted(modalities))
            self.nodes[node] = [
                replace(c, object=f"{c.object} ({word}, not a decision)")
                if c.predicate == "label" and not any(
                    m in str(c.object) for m in modalities) else c for c in attributes]

    def gate(self) -> None:
        """The last check of each event node (:mod:`mineralgraph.loaders.news_gate`): a
        licence whose sentence states no decision, and a new control that restates a known
        one, are dropped with every claim on them (and a licence's ``UNDER`` a dropped
        control), the reason recorded in the report."""
        drop: dict[str, tuple[str, str]] = {}
        for claim in self.claims:
            if claim.subject.startswith("licence:") and claim.predicate == "decision" \
                    and claim.qualifier("modality") is None and claim.subject not in drop \
                    and claim.object != "under-review":   # an application, by REVIEW's verbs
                reason = decision_doubt(claim.quote or "",
                                        claim.qualifier("dated_by") == "article",
                                        self.unread_month(claim.quote or ""))
                if reason:
                    drop[claim.subject] = (claim.quote or "", reason)
        # talk of an event (a rumour, a fear, a counterfactual) is no event: the claims it
        # gave go, and a node left with none goes with them
        for claim in self.claims:
            if claim.subject.startswith(("control:", "licence:")) and claim.subject not in drop:
                reason = event_doubt(claim.quote or "")
                if reason and not any(c.subject == claim.subject and c.quote != claim.quote
                                      and not event_doubt(c.quote or "") for c in self.claims):
                    drop[claim.subject] = (claim.quote or "", reason)
        heard = {c.quote for c in self.claims if c.subject.startswith(("control:", "licence:"))
                 and event_doubt(c.quote or "")}
        self.claims = [c for c in self.claims if not (
            c.quote in heard and c.subject.startswith(("control:", "licence:")))]
        for quote in sorted(heard - {quote for quote, _ in drop.values()}):
            line = next((line for line, text, _ in self.skipped if text == quote), self.line)
            self.skipped.append((line, quote, f"{event_doubt(quote)} (gate)"))
        left = {c.subject for c in self.claims}
        for node in [n for n in self.nodes if n.startswith(("control:", "licence:"))]:
            if node not in left:
                self.nodes.pop(node)
        # "announced new export controls ..., effective January 6" read on 7 January: the
        # article's day stands in for no announcement that the text says came before it
        early = {(c.subject, c.quote) for c in self.claims if c.predicate == "effective_from"
                 and c.object < self.article.published}
        late = [c for c in self.claims if c.predicate == "announced_on" and (
                # an announcement reported as made cannot come after the article reporting it
                (c.qualifier("modality") is None and c.object > self.article.published)
                or c.qualifier("dated_by") == "article") and (
                    c.object > self.article.published or (c.subject, c.quote) in early or (
                    # "During a July summit, ..., China imposed ...", read in September
                    self.controls.get(c.subject, {}).get("minted")
                    and self.unread_month(c.quote or "")))]
        for claim in late:
            reason = ("not dated: the announcement's day is after the article, or the "
                      "article's own day standing in for a date the text gives otherwise")
            if self.controls.get(claim.subject, {}).get("minted") \
                    or claim.subject.startswith("licence:"):
                drop[claim.subject] = (claim.quote or "", reason)   # its id and dates: guesses
                continue
            self.claims.remove(claim)
            self.skipped.append((self.line, claim.quote or "",
                                 f"{reason} (gate: {claim.subject} announced_on dropped)"))
        known = {node: info for node, info in self.controls.items() if not info["minted"]}
        for node, info in sorted(self.controls.items()):
            quotes = sorted({c.quote or "" for c in self.claims if c.subject == node})
            if not info["minted"] or not quotes:
                continue
            days = [d for quote in quotes for d, _, _ in find_dates(quote, self.article.published)]
            reason = restated_doubt(info, days, known)
            if reason:
                drop[node] = (quotes[0], reason)
                # what the sentence restates of the known control (its issuer, the items and
                # targets it covers, all in the known graph already) is kept on it, dated by
                # its announcement; no date of the sentence is (a state is no entry into force)
                same = restated_match(info, days, known)
                for claim in [c for c in self.claims if c.subject == node
                              and c.predicate in ("ISSUED_BY", "COVERS", "TARGETS")]:
                    self.claim(same, claim.predicate, claim.object, known[same]["announced"],
                               quote=claim.quote)
        if not drop:
            return
        self.claims = [c for c in self.claims if c.subject not in drop
                       and str(c.object) not in drop]
        for node, (quote, reason) in sorted(drop.items()):
            self.nodes.pop(node, None)
            if node in self.controls:
                self.controls[node]["minted"] = False   # withheld as nothing, listed nowhere
            line = next((line for line, text, _ in self.skipped if text == quote), self.line)
            self.skipped.append((line, quote, f"{reason} (gate: {node} dropped)"))

    def precision_gate(self) -> None:
        """Withhold each claim of a kind the reader gets wrong on unseen text whose sentence
        does not meet its kind's stricter condition
        (:class:`mineralgraph.loaders.news_precision.PrecisionGate`); the reason goes to the
        report, and a node no claim is left on goes with it."""
        known = self.known
        gate = PrecisionGate(
            # the known graph's controls as the graph holds them (the reader's own copy
            # gathers what the article said of them)
            known_controls(known), lambda node: known is not None and node in known, self.gazetteer,
            lambda node: set(known.neighbours(node, "CONTAINS"))
            if known is not None and node in known else set())
        # the attributes a new event node was made with (its regime) are read too
        attached = [(node, c) for node, node_claims in self.nodes.items()
                    if node.startswith(("control:", "licence:")) for c in node_claims]
        withheld = gate.withhold([Rec.of(c) for c in self.claims]
                                 + [Rec.of(c) for _, c in attached], self.article.published,
                                 self.official_country)
        if not withheld:
            return

        def hold(claim, reason):
            self.held_claims.append((claim, reason))
            if claim.predicate in ("label", "reference", "iso2", "symbol"):
                return
            line = int(claim.origin.rsplit(":", 1)[1]) if claim.origin else self.line
            value = claim.object.isoformat() if hasattr(claim.object, "isoformat") \
                else f"{claim.object:g}" if isinstance(claim.object, float) else claim.object
            material = claim.qualifier("material")
            self.held_back.append((line, f"{claim.subject} {claim.predicate} {value}"
                                   + (f" ({material})" if material else ""), reason))

        named = {c.subject for c in self.claims} | {str(c.object) for c in self.claims}
        kept = []
        for i, claim in enumerate(self.claims):
            if i in withheld:
                hold(claim, withheld[i])
            else:
                kept.append(claim)
        for j, (node, claim) in enumerate(attached, start=len(self.claims)):
            if j in withheld:
                hold(claim, withheld[j])
                self.nodes[node] = [c for c in self.nodes[node] if c is not claim]
        self.claims = kept
        used = {c.subject for c in kept} | {str(c.object) for c in kept}
        for node in list(self.nodes):
            if node in named and node not in used \
                    and model.kind_of(node) not in ("Country", "Element"):
                self.nodes.pop(node)
                if node in self.controls:
                    self.controls[node]["minted"] = False
                # an unknown name whose node is withheld stays reported, with no node
                for name, where in list(self.unresolved.items()):
                    self.unresolved[name] = where.replace(f"; new {node}", "")

    def unread_month(self, text: str) -> bool:
        """True when ``text`` names a month no date read in it takes ("During a July summit"),
        other than the article's own month."""
        spans = [(start, end) for _, start, end in find_dates(text, self.article.published)]
        return any(MONTHS[m.group(0).lower()] != self.article.published.month
                   and not any(start <= m.start() < end for start, end in spans)
                   for m in MONTH_NAME.finditer(text))

    def withhold_new_controls(self) -> None:
        """A control no known node matches is withheld unless ``news_new_controls`` is
        set: its claims, and a licence's ``UNDER`` it, are left out and the control is
        listed in the report (never a node made silently)."""
        minted = sorted(node for node, info in list(self.controls.items())
                        + list(self.planned.items()) if info["minted"]
                        and any(c.subject == node for c in self.claims))
        self.withheld = [] if self.new_controls else minted
        self.minted = [f"{node} ({self.label(node)})" for node in minted]
        if not self.withheld:
            return
        out = set(self.withheld)
        self.claims = [c for c in self.claims if c.subject not in out and str(c.object)
                       not in out]
        for node in self.withheld:
            self.nodes.pop(node, None)
            self.mentioned.pop(node, None)

    def list_unread(self, claims: list[Claim]) -> None:
        """Every sentence read that gave no claim (a mention aside) and is listed nowhere
        else (skipped with its reason, or a claim of it withheld) is listed as skipped, with
        what was found in it: the report accounts for every sentence (trial 8's MED-1)."""
        given = {c.quote for c in claims if c.predicate != "MENTIONS" and c.quote}
        listed = {text for _, text, _ in self.skipped} | {
            c.quote for c, _ in self.held_claims if c.quote}
        seen = set()
        for line, text in self.read_sentences:
            if not text or text in given or text in listed or text in seen:
                continue
            seen.add(text)
            named = self.gazetteer.mentions(text)
            self.skipped.append((line, text, NOTHING_FOUND + (
                "no event, figure or relation read" if named
                else "it names nothing the graph holds")))

    def mention_claims(self) -> list[Claim]:
        """One MENTIONS claim per node the article names, quoting the first sentence."""
        out = []
        for node, (_name, quote, line) in sorted(self.mentioned.items()):
            if model.kind_of(node) not in MENTIONED_KINDS:
                continue
            if self.known is None or node not in self.known:
                if node not in self.nodes and model.kind_of(node) in ("Country", "Element"):
                    self.line = line
                    out.extend(self.nodes.get(self.ensure(node), []))
                elif node not in self.nodes:
                    continue
            out.append(Claim(self.source, "MENTIONS", node, sources=(self.source,),
                             quote=quote, confidence="medium",
                             origin=f"{self.origin_file}:{line}"))
        return out

    def report(self, claims: list[Claim]) -> dict:
        """What the article gave: claims added, mentions, sentences skipped and why."""
        article = self.article
        facts = [c for c in claims if c.predicate != "MENTIONS" and c.subject != self.source]
        events = sorted({c.subject for c in facts
                         if c.subject.startswith(("control:", "licence:"))})
        return {
            "article": str(self.path),
            "title": article.title, "publisher": article.publisher,
            "published": article.published.isoformat() if article.published else None,
            "source": self.source if claims else None,
            "sentences": self.sentences,
            "claims_added": len(claims),
            "events": events,
            "new_controls": self.minted,
            "new_controls_withheld": bool(self.withheld),
            "decisions": sorted({f"{c.subject} {c.object}" for c in facts
                                 if c.predicate == "decision"
                                 and c.qualifier("modality") is None}),
            "modal": sorted({f"{c.subject} {c.object} ({c.qualifier('modality')})"
                             for c in facts if c.predicate == "decision"
                             and c.qualifier("modality")}),
            "possible_duplicates": {node: known for node, known
                                    in sorted(self.possible_duplicates.items())
                                    if any(c.subject == node for c in facts)},
            "figures": sorted(f"{c.subject} {c.predicate} {c.object:g}"
                              f"{' ' + c.qualifier('material') if c.qualifier('material') else ''}"
                              for c in facts if c.predicate.startswith("reported_")),
            "dated_by_article": sum(1 for c in facts if c.qualifier("dated_by") == "article"),
            "withheld": [{"line": line, "claim": text, "reason": reason}
                         for line, text, reason in sorted(self.held_back)],
            "mentions": {"resolved": sorted({f"{name} -> {node}" for node, (name, _, _)
                                             in self.mentioned.items()}),
                         "unresolved": sorted(self.unresolved)},
            # "kind": boilerplate (no reporting of the article's own), nothing found (a
            # sentence read that gave nothing), or skipped (read as an event, a figure or a
            # relation and not taken, for the reason given)
            "skipped": [{"line": line, "sentence": text, "reason": reason,
                         "kind": "boilerplate" if reason in BOILERPLATE_REASONS
                         else "nothing found" if reason.startswith(NOTHING_FOUND)
                         else "skipped"}
                        # each sentence and reason once (two rules may skip one alike)
                        for line, text, reason in sorted(set(article.skipped + self.skipped))],
        }

    def source_id(self, article: Article) -> str:
        words = slug(article.title or self.path.stem).split("-")[:8]
        publisher = ""
        for word in slug(article.publisher or "news").split("-"):
            if publisher and len(publisher) + len(word) > 24:
                break
            publisher = f"{publisher}-{word}" if publisher else word
        return f"source:{publisher}-{article.published.isoformat()}-{'-'.join(words)}"

    def source_claims(self, article: Article) -> list[Claim]:
        if self.known is not None and self.source in self.known:
            return []
        values = {"title": article.title or self.path.stem, "publisher": article.publisher,
                  "url": article.url if article.url and article.url.startswith("http")
                  else None, "published": article.published,
                  # a news article is press: its figures are shown, never chosen over a
                  # statistical share set (design note, section 5.5)
                  "source_type": "press"}
        return [Claim(self.source, k, v, sources=(self.source,),
                      origin=f"{self.origin_file}:{article.date_line or 1}")
                for k, v in values.items() if v]

    # ------------------------------------------------------------ nodes
    def node(self, node_id: str, **attributes) -> str:
        if node_id in self.nodes or (self.known is not None and node_id in self.known):
            return node_id
        self.nodes[node_id] = [Claim(node_id, k, v, sources=(self.source,),
                                     origin=f"{self.origin_file}:{self.line}")
                               for k, v in attributes.items() if v not in (None, "")]
        return node_id

    def ensure(self, node_id: str) -> str:
        """Label claims for a built-in id (country, element) the known graph lacks."""
        kind = model.kind_of(node_id)
        slug_ = node_id.partition(":")[2]
        if kind == "Country":
            return self.node(node_id, label=country_label(slug_), iso2=slug_)
        if kind == "Element":
            return self.node(node_id, label=element_label(slug_), symbol=slug_)
        return node_id

    # ------------------------------------------------------------ one sentence
    def sentence(self, line: int, sentence: str) -> None:
        self.line = line
        self.goods_before = self.previous_goods   # the goods of the sentence before
        text = sentence.strip()
        if not text:
            return
        if text[0] in "\"\u201c":
            self.skipped.append((line, text, "a quotation"))
            return
        found = generic_after_element(
            [Found(m, m.id, model.kind_of(m.id)) for m in
             sorted(self.gazetteer.mentions(text) + self.gazetteer.near_misses(text),
                    key=lambda m: m.start)], text)
        self.current_text = text
        found = modifier_materials(self.without_generic_materials(found), text)
        # "the U.S. Geological Survey", "the Geological Survey of Namibia": an agency that
        # reports figures is not its country (no mention, no speaker, no owner of a figure)
        found = [f for f in found if not (f.kind == "Country" and (
            AGENCY_AFTER.match(text[f.mention.end:]) or AGENCY_BEFORE.search(
                text[:f.mention.start])))]
        self.exporters_named.update(
            f.id for f in found if f.kind == "Country" and re.match(
                r"(['\u2019]s?\s+([\w-]+\s+){0,3}?(exports?|shipments?)|\s+(exported|shipped))\b",
                text[f.mention.end:f.mention.end + 50]))
        self.names_seen.update(m.text for m in self.gazetteer.unknown_names(text)
                               if " " in m.text)
        for f in found:
            self.mentioned.setdefault(f.id, (f.mention.text, text, line))
        if self.article_country is None:   # the first country named that is no target
            self.article_country = next((f.id for f in found if f.kind == "Country"
                                         and not self.is_target(text, f.mention)), None)
        question = bool(QUESTION.search(text)) or self.question_turn   # no claim; the
        if self.question_turn:   # context it sets stays: a known control it names by its items
            self.question_context(text, found)
        quoted = quoted_event(text)
        if quoted:
            self.skipped.append((line, text, "a quotation: its event verb is inside the "
                                             "quotation marks"))
        question = question or quoted
        # "..., as it seeks to profit from growing demand": the purpose of what was done, no
        # hedge of it
        # hedge, nor "exports may still go ahead under licences" (an exception of the rule)
        cues = LICENSED_EXCEPTION.sub("", PURPOSE.sub("", text))
        # "for any use that could enhance Japan's military capabilities": a modal that defines
        # the uses a control covers hedges nothing
        cues = SCOPE_MODAL.sub("", cues)
        cues = caveat_cut(cues)
        hedged = bool(HEDGE.search(cues) or EXPECTED_CUE.search(cues)
                      or PLANNED_CUE.search(cues) or SPECULATIVE_CUE.search(cues) or question)
        self.modality = modality_of(cues) if hedged else None
        caveat = CAVEAT.search(cues)
        if self.modality == "speculative" and caveat and (
                EXPECTED_CUE.search(cues[:caveat.start()])
                or PLANNED_CUE.search(cues[:caveat.start()])):
            # "Beijing is expected to approve ..., though they cautioned that the number ...
            # might be small": the caveat doubts the forecast, whose modality is its own
            self.modality = modality_of(cues[:caveat.start()])
        negated = bool(NEGATED.search(text)) or question
        dates = find_dates(text, self.article.published)
        event = self.event_date(text, dates)
        before = len(self.claims)
        pending, self.pending = self.pending, None
        if pending and ANAPHOR.match(text) and self.items(found):
            self.mint_pending(pending, found)
        pending_end, self.pending_end = self.pending_end, None
        if pending_end and pending_end[1] == self.sentences - 1:
            self.dated_end(text, pending_end[0])
        counted, self.counted = self.counted, None
        if counted and counted[2] == self.sentences - 1:
            self.counted_cover_claims(text, found, *counted[:2])
        if self.pending_lift:
            self.lifted_since(text)
        licence_word = bool(LICENCE.search(text) or (
            self.licence_context and re.search(r"\bapplications\b", text, re.I)))
        self.licence_context = self.licence_context or bool(LICENCE.search(text))
        is_licence = licence_word and bool(
            APPROVED.search(text) or DENIED.search(text) or EXPEDITED.search(text)
            or REVIEW.search(text) or (self.modality == "planned"
                                       and PLANNED_CUE.search(text)))
        is_control = bool(CONTROL.search(text) or REFERENCE.search(text)
                          or self.control_on(text, found) or MONTH_CONTROL.search(text)
                          or (self.current_control and (ANAPHOR.search(text)
                                                        or NEW_ANAPHOR.match(text)))
                          or self.government_halt(text, found))
        if not question and not negated and EFFECTIVE_BEFORE.search(text) \
                and self.effective_before(text, found, dates):
            is_control = False   # read at the article's end
        policy = bool(POLICY.search(text) or PROCESS.search(text))
        if is_licence and negated:
            verb = (APPROVED.search(text) or DENIED.search(text) or EXPEDITED.search(text)
                    or REVIEW.search(text))
            boundary = re.search(r",\s+but\s|;\s", text[verb.end():]) if verb else None
            negation = NEGATED.search(text)
            if boundary and negation and negation.start() > verb.end() + boundary.start() \
                    and not question:
                negated = False   # "China agreed to speed up approvals, but Ford had not seen"
        if is_licence and policy:
            self.skipped.append((line, text, "a rule of the control (what will be approved or "
                                             "denied), not a decision taken"))
        elif is_licence and NON_EXPORT.search(text) and not re.search(r"\bexport", text, re.I):
            self.skipped.append((line, text, "not an export licence: a permit to mine, build "
                                             "or operate"))
        elif is_licence and re.match(r"(the|these|those|such) (licen[cs]es?|permits?|"
                                     r"approvals?)\b|([\w-]+ ){0,2}(licen[cs]es|permits) "
                                     r"(granted|approved|issued|given)\b", text, re.I):
            self.skipped.append((line, text, "restated: 'the licences' are ones read before or "
                                             "none named: no new decision"))
        elif is_licence and re.search(r",\s+(as|while|after|since|amid)\s+[^,]*\b(licen[cs]es?|"
                                      r"permits?|approvals?)\b", text, re.I) \
                and not (LICENCE.search(text.split(",")[0])):
            self.skipped.append((line, text, "ambiguous: licences in a clause that gives the "
                                             "background of another event"))
        elif is_licence and not negated and self.modality in (None, "expected", "planned"):
            self.licence_claims(text, found, event)
        elif not negated and PLANNED_CONTROL.search(text) and self.modality != "speculative":
            self.planned_control_claims(text, found)
        elif not hedged and not negated and is_control and self.modal_event(text):
            self.skipped.append((line, text, "modal: a modal verb governs the event ('would "
                                             "suspend'): no event"))
        elif not hedged and not negated and is_control:
            self.clause_control_claims(text, found, dates, event)
        elif not hedged and self.current_control and COVERS_VERB.search(text) \
                and not is_licence:
            self.cover_claims(text, found)
        if self.modality == "planned" and not negated:
            self.planned_plant_claims(text, found)
        factual = text if not hedged else None if question else factual_part(text)
        modality, self.modality = self.modality, None
        # "Exports of synthetic graphite, which the curbs do not cover, fell 28%": the
        # negation of a clause set apart by commas is not the figure's
        figure_negated = negated and (question or bool(NEGATED.search(
            re.sub(r",\s+(which|who|whose)\b[^,]*,", ",", text))))
        if factual and not figure_negated:
            found_here = [f for f in found if f.mention.end <= len(factual)]
            # "Syrah will supply 8ktpa ... to Tesla, subject to the production ramp-up and
            # qualification": a supply under a condition not yet met is planned, no supply
            # and a supply promised under a contract, MOU, agreement or offtake, none said to
            # have begun, is planned too (the lead's ruling)
            self.modality = "planned" if CONDITIONAL.search(factual) or supply_plan(factual) \
                else None
            self.supply_claims(factual, found_here, event)
            self.modality = None
            self.figure_claims(factual, found_here, dates)
            self.flow_context = self.stated_flow(factual, found_here)
        self.previous_goods = (self.sentences, [f for f in found
                                                if f.kind in ("Material", "Element")])
        self.article_goods.update((f.id, f.kind) for f in self.previous_goods[1])
        self.rare_earth_topic = self.rare_earth_topic or bool(RARE_EARTH.search(text))
        if LICENSED_EXCEPTION.search(text) and not hedged and not negated:
            self.licensed_exception(text)
        if len(self.claims) == before and not hedged and not negated and not question \
                and not is_licence and not any(t == text for _, t, _ in self.skipped):
            # "Beijing's April export controls", "has kept curbs ... in place since April":
            # a known control restated by its month gives what it restates on the known node
            self.restated_known(text, found)
        elif len(self.claims) > before and not hedged and not negated and not question \
                and not is_licence \
                and all(c.predicate.startswith("reported_") for c in self.claims[before:]):
            self.state_after_figure(text, found)
        if (is_control or PLANNED_CONTROL.search(text)) and len(self.claims) == before \
                and self.current_control:
            # "Zimbabwe said it would ban exports ..." (skipped) after China's controls: "The
            # ban takes effect on January 1, 2027" is no longer China's control in hand
            issuers = self.controls[self.current_control]["issuer"]
            if any(f.kind == "Country" and f.id not in issuers and f.mention.start <= 25
                   and re.fullmatch(r"(\W*\w+,)?\W*(the\s+)?", text[:f.mention.start])
                   and not self.is_target(text, f.mention) for f in found):
                self.current_control = None
        if len(self.claims) > before:
            self.report_unknown(text, line)
        elif question and not quoted:
            self.skipped.append((line, text, "a question: no report"))
        elif question:
            pass
        elif negated and (is_licence or is_control):
            self.skipped.append((line, text, "negated: no decision"))
        elif hedged and (is_licence or is_control):
            self.skipped.append((line, text, f"{modality}: a forecast or plan is never "
                                             "a decision"))
        self.modality = None

    def state_after_figure(self, text: str, found: list[Found]) -> None:
        """"China controls over 98% of world gallium supply, and it has required licences for
        gallium and germanium exports since August 2023": after a figure, a known control
        restated as a licensing requirement in force since a time, in a clause of its own
        whose subject is the country of the sentence (or a pronoun for it), is read as that
        clause alone would be (:meth:`restated_state`)."""
        cut = re.search(r",\s+(and|while)\s+(?=(it|they|china|beijing|the country|the "
                        r"government)\s+(has|have)\s+(long\s+)?(required|needed)\b)", text, re.I)
        if cut is None:
            return
        clause = text[cut.end():]
        state = REQUIRED_SINCE.search(clause)
        if state is None:
            return
        shift = cut.end()
        inside = [replace(f, mention=replace(f.mention, start=f.mention.start - shift,
                                             end=f.mention.end - shift))
                  for f in found if f.mention.start >= shift]
        self.restated_state(clause, inside, state)

    def restated_known(self, text: str, found: list[Found]) -> None:
        """A known control restated by its month, with no event of its own ("The recovery
        follows Beijing's April export controls", "China, which has kept curbs on seven rare
        earths in place since April", "Since August last year Chinese authorities have
        required special licences for exports of gallium and germanium"): its issuer, and the
        items and targets named when the known control covers and targets them all, on the
        known node, dated by its announcement; no entry into force (a state) and never a new
        node. Read only when the month names the control (its announcement or entry into
        force), one issuer is named and one known control of that issuer and month exists."""
        if YEAR_TO_DATE.search(text) or MONTH_SPAN.search(text) or QUESTION.search(text):
            return
        named = MONTH_CONTROL.search(text)
        if named and re.search(r"\b(after|since|before|following|ahead of|until|amid|under)\s+"
                               r"([\w.'\u2019-]+\s+){0,2}$", text[:named.start()], re.I):
            named = None   # "prices tripled after China's April 2025 controls": a time, no claim
        since = RESTATED_SINCE.search(text)
        if not named and not since:
            state = REQUIRED_SINCE.search(text)
            if state:
                self.restated_state(text, found, state)
            else:
                self.restated_by_day(text, found)
            return
        word = named.group("month") if named else (since.group("month") or since.group("month2")
                                                   or since.group("month3"))
        month = MONTHS[word.lower()]
        published = self.article.published
        year_text = None if named else since.group("year") or since.group("year3")
        if year_text:
            year = int(year_text)
        elif since and since.group("last2"):
            year = published.year - 1
        else:
            year = published.year - (month > published.month)
        countries = [f for f in found if f.kind == "Country"
                     and not self.is_target(text, f.mention)]
        issuers = {f.id for f in countries}
        if len(issuers) != 1:
            return
        issuer = next(iter(issuers))
        same = sorted(node for node, info in self.controls.items()
                      if not info["minted"] and self.known is not None and node in self.known
                      and issuer in info["issuer"] and any(
                          d is not None and (d.year, d.month) == (year, month)
                          for d in (info["announced"], info["effective"])))
        if len(same) != 1:
            return
        control, info = same[0], self.controls[same[0]]
        # the items and targets of the control's own phrase, not of another clause ("It
        # imported ... rare earth magnets ..., mostly from China, which has kept curbs on seven
        # rare earths in place since April")
        phrase = (named or since).start()
        if since and since.group("month2"):
            phrase = 0   # "Since August last year ... have required licences for exports of X"
        own = [f for f in found if f.mention.start >= phrase]
        items = [i for i, _ in self.items(own)]
        targets = [f.id for f in own if f.kind == "Country" and self.is_target(text, f.mention)]
        if not set(items) <= info["covers"] or not set(targets) <= info["targets"]:
            self.skipped.append((self.line, text, f"ambiguous: {control} restated with items "
                                                  "or targets it does not hold"))
            return
        when = info["announced"]
        self.claim(control, "ISSUED_BY", issuer, when, quote=text)
        for item in items:
            self.claim(control, "COVERS", self.ensure(item), when, quote=text)
        for target in targets:
            self.claim(control, "TARGETS", self.ensure(target), when, quote=text)
        self.current_control = control

    def restated_state(self, text: str, found: list[Found], state: re.Match) -> None:
        """A known control restated as a licensing requirement in force since a month, a
        season or a year ("It has required licences for gallium and germanium exports since
        August 2023", "Since mid-2023 China has required licences for exports of gallium"): its
        issuer and the items named, on the known node, dated by its announcement; no entry
        into force (a state). Read only when the items are named and the known control of
        the named issuer (or, with no country named, of any issuer) that covers them all was
        announced or took effect in that time is one."""
        months = state_since_months(state.group("time") or state.group("time2") or "",
                                    self.article.published)
        # the state's own clause ("Both metals have needed export licences since the summer
        # of 2023; shipments to the United States have been banned since December")
        end = text.find(";", state.end())
        end = len(text) if end < 0 else end
        found = [f for f in found if f.mention.end <= end]
        countries = [f for f in found if f.kind == "Country"
                     and not self.is_target(text, f.mention)]
        issuers = {f.id for f in countries}
        items = [i for i, _ in self.items(found)]
        before_number, before = self.goods_before
        pair = sorted({f.id for f in before})
        if not items and before_number == self.sentences - 1 and len(pair) == 2 and re.search(
                r"\b(both|the two) (metals|elements|minerals|materials)\b", text[:end], re.I):
            items = pair   # "Both metals": the two goods of the sentence before
        if not months or not items or len(issuers) > 1 \
                or any(f.kind == "Country" and self.is_target(text, f.mention) for f in found):
            return
        same = sorted(node for node, info in self.controls.items()
                      if not info["minted"] and self.known is not None and node in self.known
                      and (not issuers or issuers <= info["issuer"])
                      and set(items) <= info["covers"] and any(
                          d is not None and (d.year, d.month) in months
                          for d in (info["announced"], info["effective"])))
        if len(same) != 1:
            return
        control, info = same[0], self.controls[same[0]]
        if len(info["issuer"]) != 1:
            return
        issuer = next(iter(info["issuer"]))
        when = info["announced"]
        self.claim(control, "ISSUED_BY", issuer, when, quote=text)
        for item in items:
            self.claim(control, "COVERS", self.ensure(item), when, quote=text)
        self.current_control = control
        self.skipped.append((self.line, text, f"restated: {control}'s issuer and items kept, "
                                              "no date (a known control restated as a state)"))

    def restated_by_day(self, text: str, found: list[Found]) -> None:
        """A known control restated by its items and its own days, its issuer not named (a
        factbox line: "Gallium and germanium: announced on 3 July 2023, licences required from
        1 August 2023"): the known control whose announcement or entry into force is a day the
        sentence gives, and which covers every item named, gives its issuer, those items and
        the days the sentence gives of it, dated by its announcement. Read only with a word of
        control or licensing, the items named, no country but the control's issuer or targets,
        and one such known control."""
        if not CONTROL_OR_LICENSING.search(text):
            return
        items = [i for i, _ in self.items(found)]
        if not items:
            return
        # a day with its year; not a month ("since August 2023" is a state: round 18's 389)
        days = {d for d, start, end in find_dates(text, self.article.published)
                if re.search(r"\d", text[start:end]) and re.search(
                    r"\b(19|20)\d\d\b", text[start:end])
                and not MONTH_ONLY.fullmatch(re.sub(r"^(since|from|in|as of|by)\s+", "",
                                                    text[start:end].strip(), flags=re.I))
                # "since 1 August 2023 remain in force": a state, no entry into force
                and not (REMAINS.search(text) and (re.match(r"since\b", text[start:end], re.I)
                                                   or SINCE_CUE.search(text[:start])))}
        countries = {f.id for f in found if f.kind == "Country"}
        same = sorted(node for node, info in self.controls.items()
                      if not info["minted"] and self.known is not None and node in self.known
                      and set(items) <= info["covers"]
                      and countries <= info["issuer"] | info["targets"]
                      and {info["announced"], info["effective"]} & days)
        if len(same) != 1:
            return
        control, info = same[0], self.controls[same[0]]
        if len(info["issuer"]) != 1:
            return
        when = info["announced"]
        self.claim(control, "ISSUED_BY", next(iter(info["issuer"])), when, quote=text)
        for item in items:
            self.claim(control, "COVERS", self.ensure(item), when, quote=text)
        for target in sorted(countries & info["targets"]):
            self.claim(control, "TARGETS", self.ensure(target), when, quote=text)
        if info["announced"] in days:
            self.claim(control, "announced_on", info["announced"], when, quote=text)
        if info["effective"] in days:
            self.claim(control, "effective_from", info["effective"], when, quote=text)
        self.current_control = control

    def compared_totals(self, text: str) -> None:
        """"That compared with 5,994 tons in July and 4,723 tons in August 2024": totals of
        the same flow, goods and exporter as the total the sentence before gave, each dated by
        the month written after it (a quantity with no month of its own is skipped)."""
        last = self.last_total
        if last is None or last[0] != self.sentences - 1:
            return
        _, subject, item, flow, _ = last
        for match in COMPARED_TOTAL.finditer(text):
            month = MONTHS[match.group("month").lower()]
            published = self.article.published
            year = int(match.group("year")) if match.group("year") else \
                published.year - (month > published.month)
            unit = "kg" if match.group("unit").lower().startswith("k") else "t"
            quals = [("about", match.group(0)), ("flow", flow), ("unit", unit),
                     ("period", f"{year}-{month:02d}")]
            if item is not None:
                quals.append(("material", self.ensure(item.id)))
            self.claim(self.ensure(subject), "reported_quantity",
                       float(match.group("num").replace(",", "")), date(year, month, 1),
                       tuple(quals), quote=text)

    def stated_flow(self, text: str, found: list[Found]) -> tuple | None:
        """A flow the sentence states with its month and no figure ("China's exports of rare
        earth magnets rose for a third month in a row in August"): (sentence number, month,
        goods or None, flow), for a figure of the next sentence that names neither; None
        when the sentence gives a figure, several goods, or no month the flow's verb takes."""
        if find_figures(text) or YEAR_TO_DATE.search(text) or MONTH_SPAN.search(text):
            return None
        goods = {f.id for f in found if f.kind in ("Material", "Element")}
        item = next((f for f in found if f.kind in ("Material", "Element")), None)
        if len(goods) > 1:
            return None
        match = FLOW_MONTH.search(text)
        last = FLOW_LAST_MONTH.search(text) if not match else None
        if last:
            # "China's exports of rare earth magnets to the US fell 11% last month from
            # October" (a change against the month before, no figure read): the month before
            # the article's is the month reported
            flow = "import" if last.group("flow").lower().startswith("import") else "export"
            published = self.article.published
            month = date(published.year - (published.month == 1),
                         (published.month - 2) % 12 + 1, 1)
            return self.sentences, month, item, flow
        if not match:
            # "China's exports of natural graphite ... have recovered from the low ...": the
            # goods of the flow, no month
            named = re.search(r"\b(?P<flow>exports?|imports?|shipments?)\s+of\s+(\w+\s+){0,3}?$",
                              text[:item.mention.start]) if item else None
            return (self.sentences, None, item, "import" if named.group("flow").lower()
                    .startswith("import") else "export") if named else None
        month = MONTHS[match.group("month").lower()]
        published = self.article.published
        year = int(match.group("year")) if match.group("year") else \
            published.year - (month > published.month)
        flow = "import" if match.group("flow").lower().startswith("import") else "export"
        return self.sentences, date(year, month, 1), item, flow

    def licensed_exception(self, text: str) -> None:
        """"Shipments can still go ahead under one-time licences": the new control in hand,
        read as a ban, lets exports go under licence: its regime is ``licence-required``."""
        control = self.current_control
        info = self.controls.get(control or "")
        if not info or not info["minted"] or info.get("regime") != "ban" \
                or control not in self.nodes:
            return
        info["regime"] = "licence-required"
        self.nodes[control] = [replace(c, object="licence-required") if c.predicate == "regime"
                               else c for c in self.nodes[control]]

    def effective_before(self, text: str, found: list[Found], dates) -> bool:
        """"... before export controls take effect on 15 September": a control known only by
        its entry into force, kept for the article's end (a later sentence may give its
        announcement: "said last month that exporters would need licences"). True when the
        sentence is such a clause and nothing else of a control."""
        match = EFFECTIVE_BEFORE.search(text)
        if not match:
            return False
        when = [d for d, start, _ in dates if start == match.end()]
        if not when or ANNOUNCED_CUE.search(text[:match.start()]) or REFERENCE.search(text):
            return False
        span = [f for f in found if f.kind in ("Element", "Material")
                and match.start("span") <= f.mention.start < match.end("span")]
        items = self.items(span or [f for f in found if f.kind in ("Element", "Material")])
        countries = {f.id for f in found if f.kind == "Country"
                     and not self.is_target(text, f.mention)}
        exporters = countries or ({self.last_exporter} if self.last_exporter else set()) or (
            self.exporters_named if len(self.exporters_named) == 1 else set())
        if len(items) != 1 or len(exporters) != 1:
            return False   # read as before (no claim of its own from this clause)
        item, issuer = items[0][0], next(iter(exporters))
        same = sorted(node for node, info in self.controls.items()
                      if item in info["covers"] and (not info["issuer"]
                                                     or issuer in info["issuer"])
                      and info["announced"] and 0 <= (when[0] - info["announced"]).days <= 180)
        if len(same) != 1:
            return False   # none read (or several): read as before, never a new node here
        regime = "ban" if match.group("noun").lower().startswith("ban") else "licence-required"
        self.effective_only.append((self.line, text, issuer, items[0], when[0], regime))
        return True

    def read_effective_only(self) -> None:
        """The controls known by their entry into force: the article's (or the graph's)
        control of that issuer and item announced before gets its ``effective_from``; with
        none, nothing is minted (skipped with the reason)."""
        self.modality, self.dated_by_article = None, False
        for line, text, issuer, (item, _), effective, _ in self.effective_only:
            self.line = line
            same = sorted(node for node, info in self.controls.items()
                          if item in info["covers"] and (not info["issuer"]
                                                         or issuer in info["issuer"])
                          and info["announced"] and 0 <= (effective - info["announced"]).days
                          <= 180)
            if len(same) > 1:
                self.skipped.append((line, text, "ambiguous: several controls of that item "
                                                 "before its entry into force"))
                continue
            if same:
                info = self.controls[same[0]]
                self.claim(same[0], "effective_from", effective, info["announced"], quote=text)
                self.report_unknown(text, line)
                continue
            # no control of that item and issuer read before: a control restated in
            # background is not minted as a new one (a known control the sentence does not
            # identify would get a second node)
            self.skipped.append((line, text, "restated: a control known only by its entry into "
                                             "force, and none read for its item and issuer"))

    def question_context(self, text: str, found: list[Found]) -> None:
        """A question that names a known control by all its items ("The ministry has
        announced export controls on gallium and germanium") puts it in hand for the answer,
        with no claim."""
        items = [i for i, _ in self.items(found)]
        if not items or not (CONTROL.search(text) or self.control_on(text, found)):
            return
        issuer, _ = self.countries(text, found)
        control = self.find_control(text, issuer or self.article_country, items, [],
                                    self.article.published, "restated")
        if control and set(items) <= self.controls[control]["covers"]:
            self.current_control = control

    def without_generic_materials(self, found: list[Found]) -> list[Found]:
        """A material named by a generic word ("concentrate", "ore") in a sentence naming
        an element it does not contain ("Africa's biggest lithium producer ... 1.2 million
        tons of concentrate") is ambiguous: the word is not taken for the graph's material."""
        elements = {f.id for f in found if f.kind == "Element"}
        out = []
        for f in found:
            if f.kind == "Material" and GENERIC_MATERIAL.fullmatch(f.mention.text.strip()) \
                    and OTHER_COMMODITY.search(self.text_before(f)):
                continue   # "tin ore and concentrates": not the graph's rare-earth concentrate
            if f.kind == "Material" and GENERIC_MATERIAL.fullmatch(f.mention.text.strip()) \
                    and elements:
                contained = set(self.known.neighbours(f.id, "CONTAINS")) \
                    if self.known is not None and f.id in self.known else set()
                if elements - contained:
                    continue
            out.append(f)
        return out

    def text_before(self, found: Found) -> str:
        """The sentence in hand up to a mention (set by :meth:`sentence`)."""
        return self.current_text[:found.mention.start]

    def figure_claims(self, text: str, found: list[Found], dates) -> None:
        """Shares, year-on-year trade changes and quantities the sentence states, as
        ``reported_*`` claims of the article on the country (or company) they are about."""
        period_word = re.compile(r"\b(during|in|over|for) (this|that) (period|timeframe|time "
                                 r"frame)\b", re.I)
        figures = find_figures(text)

        def over_months(part: str) -> bool:
            return bool(YEAR_TO_DATE.search(part) or period_word.search(part)
                        or MONTH_SPAN.search(part))

        if over_months(text):
            # "dropped 15.6 percent month on month to 4,785 metric tons in April, while exports
            # for the first four months of the year reached ...": the total over several
            # months is the later clause's; the month's figure of its own clause stands. A
            # figure's period is that of its words and of its number: "fell 12.5 per cent ...
            # to 9,471 tonnes, taking the total for January to October to 111,960 tonnes, 22.9
            # per cent lower than a year earlier" (the 22.9% is the total's, not the month's)
            own = [f for f in figures if not any(
                over_months(text[slice(*period_clause(text, at))])
                for at in (f.start, max(f.start, f.end - 1)))]
            if not own or len(own) == len(figures):
                if figures:
                    self.skipped.append((self.line, text, "a year-to-date total is no month's "
                                                          "or year's figure"))
                return
            figures = own
        if not figures and COMPARED_LEAD.match(text):
            self.compared_totals(text)
        # ", mostly to Japan and South Korea": where most of a total went, no partner of it
        most = DESTINATIONS_OF_MOST.search(text)
        for figure in figures:
            countries = [f for f in found if f.kind == "Country"
                         and not (most and figure.end <= most.start() <= f.mention.start
                                  and not re.search(r"\d\s*(%|percent|per cent|t|tons|tonnes|kg|"
                                                    r"kilograms)\b", text[most.start():], re.I))]
            # "94% of the world's gallium output and 83% of its germanium production": "its"
            # after a share of the world's is the world's
            worlds = figure.kind == "share" and any(
                other.kind == "share" and other.end <= figure.start
                and re.search(r"\b(world['\u2019]s|global|worldwide)\b", other.about, re.I)
                and not re.search(r"[;.]|\b(while|but|whereas)\b",
                                  text[other.end:figure.start], re.I) for other in figures)
            owners = [f for f in found if f.kind in ("Country", "Company")
                      and f.mention.end <= figure.start]
            partner = None
            if figure.kind == "share" and (
                    re.search(r"\bof\s+(the\s+)?([A-Z][\w.]*\s+){0,3}?[A-Z][\w.]*['\u2019]s?\s",
                              figure.about + " ")
                    or (re.search(r"\bof\s+(its|their|the country's|the nation's)\b",
                                  figure.about) and not (worlds and re.match(
                                      r"[\w %.]{0,20}?\bof\s+its\b", figure.about)))
                    or any(f.kind == "Country" and re.match(
                        r"\s+(firms?|companies|producers|miners|groups|investors)\b",
                        text[f.mention.end:f.mention.end + 15]) for f in owners)):
                # "Chinese firms control 80% of Congo's cobalt output": a share of one
                # country's output, or of firms, not the country's share of the world's
                self.skipped.append((self.line, text, "ambiguous: a share of one country's "
                                                      "output or held by its firms"))
                continue
            if figure.kind == "share" and re.search(r"\b(reserves|resources|deposits)\b",
                                                    figure.about, re.I):
                # "holds about 80% of the world's manganese reserves": what lies in the
                # ground, no share of supply (reserves are not scored, as 211)
                self.skipped.append((self.line, text, "a share of reserves, not of supply"))
                continue
            if figure.kind == "share":
                lead = re.match(r"(the|this) (country|nation)\b", text, re.I)
                if not owners and self.article_country and lead \
                        and len(text[lead.end():figure.start].split()) <= 1:
                    subject = self.article_country   # "The country supplies over 80%"
                elif not owners:
                    continue
                elif len({f.id for f in owners}) > 1 and "," in text[owners[-1].mention.end:
                                                                       figure.start]:
                    # "Gabon is the world's second-largest producer, after South Africa,
                    # accounting for about 20%": whose share?
                    self.skipped.append((self.line, text, "ambiguous: a share with several "
                                                          "owners named before it"))
                    continue
                else:
                    subject = owners[-1].id
            elif figure.partner_at is not None:   # "Japan, which took 4,007 kilograms"
                taker = [f for f in countries if f.mention.start == figure.partner_at]
                # the exporter named before the buyer is one named exporting ("China's
                # exports ...; Germany received ..."), never a country of a list of
                # destinations ("went to Belgium and Russia, while Germany received 100 kg")
                exporters = [f for f in countries if not self.is_target(text, f.mention)
                             and f not in taker and f.mention.start < figure.partner_at
                             and (f.id in self.exporters_named
                                  or not re.search(r"\b(to|and|or)\s+(the\s+)?$",
                                                   text[max(0, f.mention.start - 8):
                                                        f.mention.start]))]
                subject = exporters[-1].id if exporters else self.last_exporter
                if not taker or subject is None or taker[0].id == subject:
                    self.skipped.append((self.line, text, "ambiguous: a quantity taken by a "
                                                          "buyer with no exporter in hand"))
                    continue
                partner = taker[0].id
            elif figure.flow == "import":   # the importer is the subject; "from" a partner
                sources = [f for f in countries if re.search(
                    r"\bfrom\s+(the\s+)?$", text[max(0, f.mention.start - 10):f.mention.start])]
                importers = [f for f in countries if f not in sources]
                start, end = clause_bounds(text, figure.start)
                # "imports from Chile were about 10,800 tons, ...; imports from Argentina reached
                # about 8,043 tons": each clause names its own origin
                sources = [f for f in sources if start <= f.mention.start < end] or sources
                # "..., while the US imported 250 tons": the importer of the figure's clause,
                # else the one named nearest before it
                own = [f for f in importers if start <= f.mention.start < end]
                before = [f for f in importers if f.mention.start < figure.end]
                importers = own or before[-1:] or importers
                if not importers and sources and self.last_importer is not None \
                        and self.last_importer[0] >= self.sentences - 2:
                    # "By origin, imports from Chile were about 10,800 tons": the importer of
                    # the last figure read, an import figure of this sentence or of one of the
                    # two before (a price may stand between)
                    importer = self.last_importer[1]
                    importers = [Found(Mention(importer, 0, 0, importer), importer, "Country")]
                if not importers:
                    continue
                # "Data from the General Administration of Customs show that China imported
                # ...": the importer's own body, named after "from", is no partner
                sources = [f for f in sources if f.id != importers[0].id]
                if len({f.id for f in sources}) > 1 or len({f.id for f in own}) > 1:
                    # "imported 1,200 tons of gallium from Canada and Germany": from which?
                    self.skipped.append((self.line, text, "ambiguous: an import figure with "
                                                          "several partners or importers"))
                    continue
                subject = importers[0].id
                partner = sources[0].id if sources else None
                targets = sources
            else:
                exporters = [f for f in countries if not self.is_target(text, f.mention)]
                targets = [f for f in countries if self.is_target(text, f.mention)]
                # the exporter is named before the figure or in its clause, not in a clause
                # after it ("..., while South Korea, the second largest, took 854 tons")
                start, end = clause_bounds(text, figure.start)
                own = [f for f in exporters if f.mention.start < figure.end
                       or f.mention.start < end]
                # else the exporter in hand: of the figure before, the official publisher's
                # country, or the article's country if it issued or exported before
                subject = own[0].id if own else (self.last_exporter or self.official_country or (
                    self.article_country if self.article_country in (self.issuer, *sorted(
                        self.exporters_named)) else None) or (
                    # the one country the article named exporting ("China's exports of magnets
                    # rose ..." before "Shipments reached 6,146 tonnes")
                    next(iter(self.exporters_named)) if len(self.exporters_named) == 1 else None))
                # the partner named nearest before the figure ("..., and exports to Japan fell")
                near = [f for f in targets if f.mention.start < figure.end]
                partner = (near[-1] if near else targets[0]).id if targets else None
                doubt = self.figure_doubt(text, figure, exporters, targets)
                if not doubt and targets and not near and "," in text[
                        figure.end:targets[0].mention.start]:
                    # "exported 2,000 tons in October, 5% of which went to India": the partner
                    # of another clause
                    doubt = "a trade figure whose partner is named in another clause"
                if doubt:
                    self.skipped.append((self.line, text, f"ambiguous: {doubt}"))
                    continue
                named = re.search(r"\b(to|from) (the )?(?!(" + "|".join(
                    m.capitalize() for m in MONTHS if len(m) > 3 or m == "may") + r")\b)"
                    r"(?P<name>[A-Z][\w.]*(?: [A-Z][\w.]*)*)", text[figure.start:figure.end])
                if re.search(r"\b(to|from) (the )?rest of the world\b",
                             text[figure.start:figure.end + 40], re.I):
                    self.skipped.append((self.line, text, "a trade figure to the rest of the "
                                                          "world, not a total"))
                    continue
                where = figure.start + named.start("name") if named else 0
                if named and not any(f.mention.start <= where < f.mention.end
                                     for f in targets + countries):
                    self.skipped.append((self.line, text, f"a trade figure to "
                                         f"{named.group('name')}, not a known country"))
                    continue
                if subject is None or partner == subject:
                    continue
            clause_start, clause_end = clause_bounds(text, figure.start)
            # "Germanium exports rose ... to 3.36 tons in December, while gallium sales climbed
            # ...": the goods of the figure's clause, not of the next one (nor the one before)
            # "shipped 4,753 tons of 17 minerals used in the production of products ranging
            # from magnets ...": goods named as a use of those counted are not the goods
            inside = [f for f in found if f.kind in ("Material", "Element")
                      and (figure.start <= f.mention.start < figure.end
                           if figure.kind == "share" else f.mention.start < clause_end)
                      and not named_as_use(text, figure.start, f.mention.start)]
            in_clause = [f for f in inside if clause_start <= f.mention.start]
            if figure.kind != "share" and in_clause:
                inside = in_clause
            own = [f for f in inside if figure.start <= f.mention.start
                   < min(figure.end + 25, clause_end)]
            if figure.kind == "quantity" and own:   # "1,530 kilograms of gallium and 721
                inside = own                         # kilograms of germanium": each its own
            elif figure.kind != "share" and figure.value != 0 \
                    and len({f.id for f in inside}) > 1:
                # "exports of gallium and germanium fell 40%": of which? (zero is of each)
                self.skipped.append((self.line, text, "ambiguous: a trade figure with "
                                                      "several materials named"))
                continue
            before = self.previous_goods
            if not inside and figure.kind == "quantity" and re.search(
                    r"\bof\s+(the|this|that)\s+(metal|element|mineral|material)\b",
                    text[figure.start:figure.end + 20], re.I) and before[0] == self.sentences - 1 \
                    and len({f.id for f in before[1]}) == 1:
                # "China shipped gallium abroad again in June ... A total of 4,260 kilograms of
                # the metal was exported last month": the metal of the sentence before
                inside = [before[1][0]]
            if not inside and figure.kind != "share" and self.last_material \
                    and before[0] == self.sentences - 1 \
                    and len({f.id for f in before[1]}) == 1 \
                    and before[1][0].id != self.last_material.id \
                    and not [f for f in found if f.kind in ("Material", "Element")]:
                # "Germanium remained scarce. Only 96 kilograms were exported in June" after
                # gallium's figures: the goods of the sentence right before, not gallium's
                inside = [before[1][0]]
            context = self.flow_context if self.flow_context \
                and self.flow_context[0] == self.sentences - 1 \
                and self.flow_context[3] == figure.flow else None
            if not inside and figure.kind != "share" and context and context[2] is not None \
                    and not [f for f in found if f.kind in ("Material", "Element")]:
                inside = [context[2]]   # "Shipments reached 6,146 tonnes": the goods stated
            if not inside and figure.kind != "share" and self.last_material \
                    and not [f for f in found if f.kind in ("Material", "Element")] and (
                        subject != (self.last_importer[1] if figure.flow == "import"
                                    and self.last_importer else self.last_exporter) or re.search(
                            r"\brare[- ]earths?\s+(exports?|imports?|shipments?)\b", text, re.I)):
                # "Myanmar's rare earth exports to China fell 30%" after China's magnets:
                # another exporter's goods, or goods named that the graph does not hold
                self.skipped.append((self.line, text, "ambiguous: a trade figure whose goods "
                                                      "are not those of the figure before"))
                continue
            if not inside and figure.kind != "share" and self.last_material \
                    and not [f for f in found if f.kind in ("Material", "Element")]:
                if self.last_flow != figure.flow:
                    # "Japan's imports of magnets fell 20%." then "Exports were down 30%":
                    # the goods of another flow
                    self.skipped.append((self.line, text, "ambiguous: a trade figure that "
                                                          "names no goods after a figure of "
                                                          "another flow"))
                    continue
                inside = [self.last_material]   # "Exports were still down 38%": the same goods
            elif inside and figure.kind != "share":
                self.last_material, self.last_flow = inside[0], figure.flow
            # "shipped 4,753 tons of 17 minerals ... last month." then "Exports were 4,181 tons
            # in September": a sentence naming no goods continues the group total (no
            # material) of the same flow in the sentence right before
            continues_group = not inside and figure.kind == "quantity" \
                and not [f for f in found if f.kind in ("Material", "Element")] \
                and self.last_total is not None and self.last_total[0] >= self.sentences - 1 \
                and self.last_total[2] is None and self.last_total[3] == figure.flow \
                and figure.partner_at is None
            if not inside and figure.kind != "share" and figure.value != 0 and not continues_group \
                    and any(model.kind_of(node) in ("Material", "Element")
                            for node in self.mentioned) \
                    and (not re.search(r"\b(total|overall|all|mineral|minerals|commodity|"
                                       r"commodities)\b|\brare[- ]earths\b(?!\s+(magnets?|"
                                       r"oxides?|metals?|alloys?|permanent))|\bgroup of\b|"
                                       r"\b(17|seventeen) (elements|metals|minerals)\b",
                                       text, re.I)
                         or re.search(r"\bof\s+(the|this|that)\s+(metal|element|mineral|"
                                      r"material)\b", text, re.I)):
                # the goods are implied by the article, not named: of which material?
                self.skipped.append((self.line, text, "ambiguous: a trade figure that names "
                                                      "no goods in an article about some"))
                continue
            when, period = None, None
            if figure.kind != "share":
                months = [d for d, start, end in dates
                          if re.search(r"\b(month|" + "|".join(MONTHS) + r")\b",
                                       text[start:end], re.I)
                          and not re.fullmatch(r"\d{1,2}\W*", text[start:end].split()[-1]
                                               if len(text[start:end].split()) > 1 else "x")
                          # "4.8% higher than in July 2024": the comparison's month
                          and not re.search(r"\b(than|compared (with|to)|versus|from)\s+"
                                            r"(in\s+)?$", text[max(0, start - 20):start], re.I)
                          and not re.match(r"(than|from)\b", text[start:end], re.I)
                          # "to 948 tonnes, from 12,186 tonnes in November": the month of
                          # the other quantity
                          and not (COMPARED_BEFORE_DATE.search(text[max(0, start - 40):start])
                                   and not figure.start <= start - 1 <= figure.end + 12)]
                # "Over the whole of 2024, ... more than in 2023": the year of the figure, not
                # the one it is compared with
                year = next((y for y in re.finditer(
                    r"\b(?:in|for|during|over) (?:the (?:whole |full |entire )?(?:year )?"
                    r"(?:of )?)?(20\d\d)\b(?!\s*(monthly|average))", text, re.I)
                    if not re.search(r"\b(than|from|compared (with|to)|versus|against)\s+$",
                                     text[max(0, y.start() - 25):y.start()], re.I)), None)
                if year and re.search(r"\b(same|corresponding|year-earlier|prior-year)\s+"
                                      r"(period|timeframe|time frame|months?|quarter)\s+"
                                      r"(in|of)\s+$",
                                      text[max(0, year.start() - 40):year.start() + 3], re.I):
                    year = None   # "from 14,483 tonnes in the same timeframe in 2023": a base
                own_year = re.match(r"\s+(?:[\w-]+\s+){0,2}?(?:in|during) (20\d\d)\b"
                                    r"(?!\s*(monthly|average))", text[figure.end:figure.end + 40],
                                    re.I) if figure.kind == "quantity" else None
                if own_year:   # "than the 69,440 kilograms exported in 2024": its own year
                    year = own_year
                c_start, c_end = clause_bounds(text, figure.start)
                lead = re.match(r"\W*(in|on|by|during|for|last|this)\b[^,]*,", text, re.I)
                if months and figure.kind == "quantity" and not any(
                        start < c_end or (lead and start < lead.end())
                        for d, start, _ in dates if d in months):
                    # "August saw 14,666 tonnes exported, while in May it was ...": the only
                    # month read is a later clause's
                    self.skipped.append((self.line, text, "ambiguous: the month read is a later "
                                                          "clause's than the quantity's"))
                    continue
                own = self.own_month(text, figure, months) if figure.kind == "quantity" \
                    else None
                if figure.kind == "quantity" and LICENSED_QUANTITY.search(
                        text[max(c_start, figure.start - 60):figure.start + 12]):
                    # "Beijing approved the export of 20 tons of antimony": the volume a licence
                    # or quota allows, no quantity shipped in a month
                    self.skipped.append((self.line, text, "a licensed or permitted quantity, not "
                                                          "a trade figure"))
                    continue
                if figure.kind == "quantity" and not own and not own_year and compared(
                        text, figure.start, figure.end):
                    # "climbed to 1,549 tonnes from 1,017 tonnes": the quantity compared with
                    # is of another month, which the sentence does not state ("than the
                    # 69,440 kilograms exported in 2024" states its year)
                    self.skipped.append((self.line, text, "ambiguous: a quantity compared with, "
                                                          "its month not stated"))
                    continue
                # "a year earlier, in March 2023, exports stood at 6,480 kilograms, so shipments
                # have plummeted by 80% year on year": March 2023 is the comparison's month; the
                # month reported (and the change's) is a year after it
                base = bool(months) and not own and bool(YEAR_BASE.search(
                    text[:next(start for d, start, _ in dates if d == months[0])]))
                if own:   # "down from 5,774 tons in September", "4,725 tons in the same month
                    when, period = own, f"{own:%Y-%m}"   # of 2024": the figure's own month
                elif months:
                    when = months[0].replace(day=1)
                    # "300 kilograms in March, ... 4,777 kilograms in April, though that was
                    # still about 8% less than in April 2024": the month a year after the one
                    # compared with is the change's
                    later = [d.replace(day=1, year=d.year + 1) for d, start, _ in dates
                             if figure.kind == "trade_change" and figure.end <= start
                             and re.fullmatch(r"[^.;]{0,30}\b(than|from|compared (with|to)|"
                                              r"versus)\s+(in\s+)?",
                                              text[figure.end:start], re.I)]
                    later = [m.replace(day=1) for m in months
                             if later and m.replace(day=1) == later[0]]
                    when = later[0] if later else when
                    if base and figure.kind == "trade_change":
                        when = when.replace(year=when.year + 1)
                    period = f"{when:%Y-%m}"
                elif year and int(year.group(1)) < self.article.published.year:
                    when, period = date(int(year.group(1)), 1, 1), year.group(1)
                elif WHOLE_YEAR.search(text):
                    # "Germanium exports for the year fell almost 30%": the year of the annual
                    # figure before, never the month reported (none before: no date to take)
                    year_in_hand = self.last_year
                    if year_in_hand is None and self.last_period is not None \
                            and self.last_period.month == 12:
                        # "China exported 6,420 kilograms of gallium in December, ..." then
                        # "For the year as a whole, exports came to 69,440 kilograms": the
                        # year December closes
                        year_in_hand = date(self.last_period.year, 1, 1)
                    if year_in_hand is None:
                        self.skipped.append((self.line, text, "ambiguous: a figure of 'the "
                                                              "year' with no year in hand"))
                        continue
                    when, period = year_in_hand, str(year_in_hand.year)
                elif re.match(r"\W*last year\b", text, re.I) or own_last_year(text, figure):
                    # "Last year, China exported 38,632 tons", "shipped 62,585 tons of rare
                    # earths last year, up 12.9%": the year before the article's
                    when = date(self.article.published.year - 1, 1, 1)
                    period, own = str(when.year), when
                elif context is not None and context[1] is not None and not year \
                        and (context[2] is None or not inside
                             or {f.id for f in inside} == {context[2].id}) \
                        and not re.match(
                        r"\W*((a|one) year (earlier|ago|before)|in the same month)", text, re.I):
                    # the month the sentence before stated for the same flow ("China's
                    # exports of magnets rose ... in August." "Shipments reached 6,146 tonnes")
                    when = context[1]
                    period = f"{when:%Y-%m}"
                elif self.last_period is not None and re.match(
                        r"\W*((a|one) year (earlier|ago|before)|in the same month (a |last )year)"
                        r"\b", text, re.I):
                    # "A year earlier, exports stood at 4,000 kilograms": the month reported, a
                    # year back (a change so placed is no one month's: skipped)
                    if figure.kind != "quantity":
                        self.skipped.append((self.line, text, "ambiguous: a change set a year "
                                                              "back with no month of its own"))
                        continue
                    when = self.last_period.replace(year=self.last_period.year - 1)
                    period = f"{when:%Y-%m}"
                    own = when   # a comparison's month: not the month the article reports
                elif self.last_period is not None:
                    # "Exports were still down 38% from a year earlier": the month just reported
                    when, period = self.last_period, f"{self.last_period:%Y-%m}"
                else:
                    continue   # a trade figure needs its month or year
                lead = re.match(r"(after|since|before|when|once|as)\b[^,]*\b(20\d\d)\b[^,]*,",
                                text, re.I)
                if lead and len(period) == 7 and when.year != int(lead.group(2)) \
                        and not re.search(r"\b20\d\d\b", text[lead.end():]):
                    # "After China imposed controls on germanium in July 2023, exports fell to
                    # zero in August": which August? (the article's year would say 2024)
                    self.skipped.append((self.line, text, "ambiguous: a figure's month with no "
                                                          "year after another year's date"))
                    continue
                if figure.base_year is not None and when.year != figure.base_year + 1:
                    # "exports in 2025 were up 30% on 2023": against a year not the one
                    # before, no year-on-year change
                    self.skipped.append((self.line, text, "a change against a year other than "
                                                          "the one before"))
                    continue
                if len(period) == 4:
                    self.last_year = when
                beside = figure.kind == "quantity" and (compared(
                    text, figure.start, figure.end) or bool(re.match(
                        r"(down|up|\d[\d.]*%)\s+from\b", figure.about, re.I)))
                if len(period) == 7 and not beside and (not own or (
                        months and own == months[0].replace(
                        day=1))):   # a comparison's month ("down from ... in August") is not
                    self.last_period = when   # the month the article reports
                    if base and figure.kind != "trade_change":
                        self.last_period = when.replace(year=when.year + 1)
            for item in (inside if figure.kind == "quantity" and figure.value == 0
                         else inside[:1] or [None]):
                quals = [("about", figure.about)]
                if figure.flow:
                    quals.append(("flow", figure.flow))
                if item is not None:
                    quals.append(("material", self.ensure(item.id)))
                if partner:
                    quals.append(("partner", self.ensure(partner)))
                if figure.unit:
                    quals.append(("unit", figure.unit))
                if period:
                    quals.append(("period", period))
                if figure.flow == "export" and figure.kind != "share":
                    self.last_exporter, self.last_importer = subject, None
                if figure.flow == "import" and figure.kind != "share":
                    self.last_importer = (self.sentences, subject)
                if figure.kind == "quantity" and not partner:
                    # a total of a month, for "That compared with 5,994 tons in July" next
                    self.last_total = (self.sentences, subject, item, figure.flow, figure.unit)
                self.claim(self.ensure(subject), f"reported_{figure.kind}", figure.value, when,
                           tuple(quals), quote=text)

    @staticmethod
    def figure_doubt(text: str, figure, exporters: list[Found],
                     targets: list[Found]) -> str | None:
        """Why an export figure's attachments are ambiguous, or None: several exporting
        countries named before it in its clause, or several partners in its clause (a clause
        ends at ", and", ", while", ", but", ";")."""
        start, end = clause_bounds(text, figure.start)
        if len({f.id for f in exporters if start <= f.mention.start < figure.end}) > 1:
            return "a trade figure with several exporting countries named"
        own = {f.id for f in targets if start <= f.mention.start < end}
        for f in targets:   # "to Germany and Japan": a partner coordinated with another
            if start <= f.mention.start < end and any(
                    o.mention.start > f.mention.end and re.fullmatch(
                        r"\s*(,|and|or|&)\s*(the\s+)?", text[f.mention.end:o.mention.start])
                    for o in exporters):
                return "a trade figure with several partners in its clause"
        if len(own) > 1:
            return "a trade figure with several partners in its clause"
        return None

    def government_halt(self, text: str, found: list[Found]) -> re.Match | None:
        """"Congo has suspended cobalt exports": a country (no company) named before a halt
        of exports is the government starting a ban; a company halting shipments is not."""
        halt = EXPORT_HALT.search(text)
        if not halt:
            return None
        before = [f for f in found if f.mention.end <= halt.start()]
        countries = [f for f in before if f.kind == "Country"
                     and not self.is_target(text, f.mention)]
        if not countries or [f for f in before if f.kind in ("Company", "Facility")] \
                or self.gazetteer.unknown_names(text[:halt.start()]):
            return None
        return halt

    def own_month(self, text: str, figure, months: list[date]) -> date | None:
        """The month a quantity is dated by right after it: "in September", "in the same
        month of 2024", "in the same month last year" (the sentence's month a year back)."""
        after = text[figure.end:figure.end + 45]
        ago = re.search(r"\b(in the same month (a |last )year|a year (earlier|ago|before)|"
                        r"in the same month of (?P<year>20\d\d))\s*,?\s*when\s+$",
                        text[max(0, figure.start - 60):figure.start], re.I)
        if ago and (months or self.last_period):
            # "97% less than in the same month last year, when 3,199 tons were shipped"
            first = months[0] if months else self.last_period
            return date(int(ago.group("year")) if ago.group("year") else first.year - 1,
                        first.month, 1)
        same = re.match(r"\s+(?:\w+\s+)?in the same (?:month|period) (?:of |in )?"
                        r"(?P<year>20\d\d)\b|"
                        r"\s+(?:\w+\s+)?in the same (?:month|period) (?:a |last |of last |of the "
                        r"previous |the previous |of the prior )year\b|"
                        r"\s+a year (earlier|ago|before)\b",
                        after, re.I)
        base = months[0] if months else self.last_period
        if same and base:
            first = base
            year = int(same.group("year")) if same.group("year") else first.year - 1
            return date(year, first.month, 1)
        named = re.match(r"\s+in (?P<month>" + "|".join(m for m in MONTHS
                                                         if len(m) > 3 or m == "may")
                         + r")\b(?:\s+(?P<year>20\d\d))?", after, re.I)
        if named:
            month = MONTHS[named.group("month").lower()]
            published = self.article.published
            year = int(named.group("year")) if named.group("year") else \
                published.year - (month > published.month)
            return date(year, month, 1)
        return None

    @staticmethod
    def control_on(text: str, found: list[Found]) -> bool:
        """"restrictions on tungsten": a control noun with a covered item right after it."""
        for match in CONTROL_ON.finditer(text):
            if any(f.kind in ("Element", "Material") and 0 <= f.mention.start - match.end() < 60
                   for f in found):
                return True
        return False

    def past_entry_into_force(self, text: str, dates) -> date | None:
        """The day a past control took effect, when it is the one date of a sentence that
        reports the control in the past tense: "China banned exports of antimony, gallium and
        germanium to the United States with effect from December 3, 2024" (read in July 2025)
        restates the control that took effect that day; the article's date would give it a
        new one. Only a day written with its year, after "with effect from", "effective
        (from)", "from" or "as of", a month or more before the article, after a verb of
        control in the past ("banned", "imposed", "restricted") and with no other date."""
        if len(dates) != 1 or MODAL_TRIGGER.search(text) or NEGATED.search(text):
            return None
        when, start, end = dates[0]
        if not re.search(r"\b(19|20)\d\d\b", text[start:end]) or MONTH_ONLY.fullmatch(
                text[start:end].strip()) or (self.article.published - when).days < 30:
            return None
        if not re.search(r"\b(with effect from|effective( from)?|from|as of)\s+$",
                         text[max(0, start - 20):start], re.I):
            return None
        verb = re.search(r"\b(banned|imposed|restricted|prohibited|curbed|barred)\b",
                         text[:start], re.I)
        return when if verb else None

    def event_date(self, text: str, dates) -> date:
        self.event_from_effective = False
        self.event_week_split = False
        lead = re.match(r"(while|although|though|as|after|before|since|whereas)\b[^,]*,",
                        text, re.I)
        # "China, which restricted exports of seven rare earths in April, approved the first
        # licences in June": the relative clause's date is not the event's, when another is
        relative = [m.span() for m in re.finditer(r",\s+(which|who)\b[^,]*,", text)]
        outside = [d for d in dates if not any(a <= d[1] < b for a, b in relative)]
        for when, start, end in dates:
            cue = text[max(0, start - 40):start]
            if lead and start < lead.end():
                continue   # "While Beijing cleared shipments in June, ...": not the event
            if outside and any(a <= start < b for a, b in relative):
                continue
            if ANNOUNCED_CUE.search(cue) and (re.search(r"\b(it|they|which|that)\b", cue)
                                              or RELATIVE_CONTROL.search(cue)):
                continue   # "the measures it imposed ... in April", "under the controls China
                #            announced on April 4": the control's own date, not the event's
            if re.match(r"(since|after|before|from|by)\b", text[start:start + 7], re.I):
                continue
            if re.match(r"\s+(measures?|controls?|rules?|restrictions?|curbs?|ban|"
                        r"announcement|list)\b", text[end:end + 15], re.I):
                continue   # "the October 9 measures": the control's name, not the event's date
            if not (EFFECTIVE_CUE.search(cue) or UNTIL_CUE.search(cue)
                    or CONTEXT_CUE.search(cue)):
                self.dated_by_article = False
                # "last week" names a week, no day: dated by its month, as a month-only
                # date is (trial 8's LOW-5); a week across two months names no month either
                week = WEEK_ONLY.fullmatch(text[start:end].strip())
                self.event_precise = not (MONTH_ONLY.fullmatch(text[start:end].strip())
                                          or week)
                monday = when - timedelta(days=when.weekday())
                self.event_week_split = bool(week) and (monday + timedelta(days=6)).month \
                    != monday.month
                self.event_year_only = bool(re.fullmatch(r"(in\s+)?(last|this|next)\s+year",
                                                         text[start:end].strip(), re.I))
                if SAID.search(text) and self.event_precise:
                    self.last_said, self.last_said_at = when, self.sentences
                    self.last_said_text = text
                return when
        restated = self.past_entry_into_force(text, dates)
        if restated is not None:
            self.dated_by_article, self.event_precise, self.event_year_only = False, True, False
            self.event_from_effective = True   # the day it took effect, no announcement
            return restated
        said = SAID.search(text)
        speaker = re.search(r"([A-Z][\w.-]+|he|she|it|they)\s+(\w+\s+)?$",
                            text[max(0, said.start() - 40):said.start()]) if said else None
        if self.last_said and said and self.sentences - self.last_said_at <= 1 and speaker \
                and (speaker.group(1).lower() in ("he", "she")
                     or speaker.group(1) in self.last_said_text):
            # reported speech goes on, by the same speaker: "..., Musk told analysts" after
            # "Musk said on Tuesday"
            self.dated_by_article, self.event_precise = False, True
            self.event_year_only = False
            return self.last_said
        self.dated_by_article = True
        self.event_precise = True
        self.event_year_only = False
        return self.article.published

    def claim(self, subject, predicate, obj, when=None, qualifiers=(), valid_to=None,
              quote=None):
        qualifiers = tuple(qualifiers)
        if predicate == "COVERS" and quote and str(obj) in self.not_covered(quote):
            # "... though graphite itself was not banned": a negated covering is no covering
            reason = f"not covered: the sentence says {obj} is left out"
            if (self.line, quote, reason) not in self.skipped:
                self.skipped.append((self.line, quote, reason))
            return
        if self.modality and not predicate.startswith("reported_"):
            qualifiers += (("modality", self.modality),)
        if predicate.startswith("reported_") and valid_to is None and when is not None:
            # an article's figure of a month or a year holds for that period, not from it on
            # ("-29% ... 2025-09" is valid from 2025-09-01 to 2025-10-01, ``valid_to``
            # exclusive as every claim's and the customs figures' are: trial 7's and 8's LOW-5)
            period = str(dict(qualifiers).get("period") or "")
            if re.fullmatch(r"\d{4}-\d{2}", period) and when.day == 1 \
                    and f"{when:%Y-%m}" == period:
                valid_to = date(when.year + when.month // 12, when.month % 12 + 1, 1)
            elif re.fullmatch(r"\d{4}", period) and (when.month, when.day) == (1, 1) \
                    and str(when.year) == period:
                valid_to = date(when.year + 1, 1, 1)
        event = when if when is not None else valid_to
        if self.dated_by_article and event == self.article.published \
                and not predicate.startswith("reported_"):
            qualifiers += (("dated_by", "article"),)
        key = (subject, predicate, str(obj), dict(qualifiers).get("material"),
               dict(qualifiers).get("partner"))
        by_article = ("dated_by", "article") in qualifiers
        if key in self.emitted:
            # the same fact dated by the text after a summary bullet dated by the article
            # ("MOFCOM bans dual-use exports to Japanese military end users" above "... on
            # Tuesday, January 6, prohibited exports to Japan ..."): both are kept here, and
            # the bullet's gives way (drop_article_dated_repeats)
            if by_article or key not in self.emitted_by_article:
                return
            self.emitted_by_article.discard(key)
        self.emitted.add(key)
        if by_article:
            self.emitted_by_article.add(key)
        if str(subject).startswith("control:"):
            self.control_claimed = (self.sentences, subject)
        self.claims.append(Claim(subject, predicate, obj, tuple(sorted(qualifiers)),
                                 sources=(self.source,), quote=quote, confidence="medium",
                                 valid_from=when, valid_to=valid_to,
                                 origin=f"{self.origin_file}:{self.line}"))

    def not_covered(self, text: str) -> set[str]:
        """The goods ``text`` says a measure leaves out (``goods_not_covered``)."""
        found = [Found(m, m.id, model.kind_of(m.id)) for m in
                 sorted(self.gazetteer.mentions(text), key=lambda m: m.start)]
        return goods_not_covered(text, found)

    def report_unknown(self, text: str, line: int) -> None:
        for mention in self.gazetteer.unknown_names(text):
            if re.fullmatch(r"(Limited|Ltd|Inc|Corp|Corporation|plc|PLC|AG|SA|NV|GmbH|Co)\.?",
                            mention.text) or re.match(r":\s*[A-Z]{2,5}\)", text[mention.end:]):
                continue   # "Syrah Resources Limited (ASX: SYR)": a legal form, an exchange
            if mention.text not in self.unresolved:
                self.unresolved[mention.text] = f"line {line}"

    def company(self, mention: Mention) -> str:
        """A new company node; a single word that begins one longer name the article gave
        before ("Vulcan" after "Vulcan Elements") is that company."""
        name = mention.text
        known = sorted({node for node, (text, _, _) in self.mentioned.items()
                        if text.startswith(name + " ") and model.kind_of(node) == "Company"})
        longer = sorted({n for n in self.names_seen if n.startswith(name + " ")})
        if " " not in name and len(known) == 1 and not longer:
            return known[0]
        if " " not in name and len(longer) == 1 and not known:
            name = longer[0]
        node = f"company:{slug(name)}"
        self.unresolved[mention.text] = f"line {self.line}; new {node}"
        return self.node(node, label=name)

    # ------------------------------------------------------------ roles
    @staticmethod
    def is_target(text: str, mention: Mention) -> bool:
        return bool(TARGET_BEFORE.search(text[max(0, mention.start - 20):mention.start])
                    or TARGET_AFTER.search(text[mention.end:mention.end + 25]))

    def countries(self, text: str, found: list[Found],
                  before: int | None = None) -> tuple[str | None, list[str]]:
        """The issuing country and the targets. The issuer is the first country named that
        is not a target nor a descriptor ("a U.S. magnet maker"), or with ``before`` the
        last such country named before that position (the subject of the verb)."""
        issuers, targets = [], []
        for f in found:
            if f.kind != "Country":
                continue
            if self.is_target(text, f.mention):
                if f.id not in targets:
                    targets.append(f.id)
            elif not DESCRIPTOR_BEFORE.search(text[max(0, f.mention.start - 6):f.mention.start]):
                issuers.append((f.mention.end, f.id))
        issuer = issuers[0][1] if issuers else None
        if before is not None:
            preceding = [node for end, node in issuers if end <= before]
            issuer = preceding[-1] if preceding else issuer
        return issuer, [target for target in targets if target != issuer]

    def companies(self, text: str, found: list[Found]) -> list[tuple[Mention, str]]:
        """Companies named (a facility stands for its operator), new ones minted."""
        out = []
        for f in found:
            node = coerce(f.id, ("Company",), self.known) if f.kind in ("Company",
                                                                       "Facility") else None
            if node and node not in [n for _, n in out]:
                out.append((f.mention, node))
        for mention in self.gazetteer.unknown_names(text):
            if looks_like_company(mention.text):
                out.append((mention, self.company(mention)))
        return sorted(out, key=lambda item: item[0].start)

    @staticmethod
    def items(found: list[Found]) -> list[tuple[str, str]]:
        """(id, text) of the elements and materials named, in order."""
        out, seen = [], set()
        for f in found:
            if f.kind in ("Element", "Material") and f.id not in seen:
                seen.add(f.id)
                out.append((f.id, f.mention.text))
        return out

    # ------------------------------------------------------------ export controls
    def find_control(self, text: str, issuer: str | None, items: list[str], targets: list[str],
                     event: date, status: str, rare_earth: bool = False,
                     licence_targets: list[str] | tuple = ()) -> str | None:
        """The known (or already minted) control a sentence is about, or None;
        ``rare_earth``: the article is about rare earths though the sentence does not say;
        ``licence_targets``: for a licence, the countries it is for (a control of other
        targets, or of none of the items named, cannot hold it: :meth:`control_fits`)."""
        ref = named_reference(text)
        if ref:
            number, year = ref.group(1), ref.group(2)
            same = []
            for node, info in self.controls.items():
                match = re.search(r"No\.?\s*(\d+)\D*(\d{4})?", info["reference"])
                if match and match.group(1) == number and (
                        year is None or match.group(2) in (None, year)):
                    same.append(node)
            if len(same) > 1:
                # one announcement, several controls (No. 46 [2024]: clause 1 bans dual-use
                # exports to US military users, clause 2 gallium, germanium and antimony to the
                # US): the clause the sentence speaks of, by its military end use or its items
                military = bool(MILITARY.search(text))
                same = [n for n in same if (self.controls[n].get("regime") == "end-use-denial")
                        == military] or same
                if len(same) > 1 and items:
                    same = [n for n in same if set(items) & self.controls[n]["covers"]] or same
            if same:
                return same[0]
            current = self.controls.get(self.current_control or "")
            if current is not None and not current["reference"] and current["minted"]:
                year = year or event.year
                current["reference"] = f"Announcement No. {number} [{year}]"
                self.claim(self.current_control, "reference",
                           f"{'MOFCOM ' if issuer == 'country:CN' else ''}"
                           f"{current['reference']}", quote=text)
                return self.current_control
            return None
        named = MONTH_CONTROL.search(text)
        if named and status != "announced":
            month = MONTHS[named.group("month").lower()]
            same_month = [(info["announced"], node) for node, info in self.controls.items()
                          if info["announced"] and info["announced"].month == month
                          and info["announced"] <= event
                          and (not issuer or not info["issuer"] or issuer in info["issuer"])]
            return max(same_month)[1] if same_month else None
        wanted = set(items) | (REE if RARE_EARTH.search(text) or rare_earth else set())
        if wanted or targets:
            best, best_key = None, None
            exact = []
            for node, info in self.controls.items():
                score = len(info["covers"] & wanted) + 2 * len(info["targets"] & set(targets))
                if not score or (issuer and info["issuer"] and issuer not in info["issuer"]):
                    continue
                if status == "licence" and not self.control_fits(node, licence_targets, items,
                                                                 text):
                    continue   # a Japan-targeted control holds no licence for US buyers
                announced = info["announced"]
                if status == "licence" and info.get("effective") \
                        and info["effective"] > event and not info["minted"] \
                        and not (info.get("foreign") and FOREIGN_ITEMS.search(text)):
                    # a licence falls under a control in force on its day: not one whose
                    # entry into force (or the end of its suspension) is still to come
                    # (trial 8's LOW-5: US carmakers' licences after Busan are the April
                    # control's, not the suspended October rules'), unless the sentence names
                    # it by its own words ("foreign-made magnets containing dysprosium")
                    continue
                if status == "announced" and (announced is None
                                              or abs((announced - event).days) > 14):
                    continue
                if self.stated_announcement and announced and abs(
                        (announced - self.stated_announcement).days) > 45:
                    continue
                if announced and announced > event and (announced.year, announced.month) != (
                        event.year, event.month):
                    continue   # a month-only date ("in December 2024") takes the whole month
                # a control of foreign-made items is chosen for items named only when the
                # sentence speaks of such items: the items named are exports of those items
                # ("ship dysprosium and terbium to US buyers" is the April control's, trial 7's
                # MED-3)
                key = (not (items and info.get("foreign") and not FOREIGN_ITEMS.search(text)),
                       score,
                       announced or date.min)
                if best_key is None or key > best_key:
                    best, best_key = node, key
                if len(items) > 1 and not info["minted"] and {
                        c for c in info["covers"] if c.startswith("element:")} == set(items):
                    exact.append(node)
            if len(exact) == 1 and best is not None and not FOREIGN_ITEMS.search(text) and \
                    self.controls[best]["announced"] == self.controls[exact[0]]["announced"]:
                # "five more rare earths - holmium, erbium, thulium, europium and ytterbium":
                # of one announcement's several controls, the one whose items are exactly
                # those named, not a wider one that also covers them (trial 7's HIGH-2)
                self.chosen_by_items = exact[0]
                return exact[0]
            if best is not None and not items and not targets \
                    and not self.controls[best]["minted"]:
                twins = self.announcement_twins(best, issuer)
                if len(twins) > 1:
                    # "expanded its rare earths export controls on Thursday, adding five new
                    # elements" (the five named in the next sentence): of one announcement's
                    # several known controls, found by the topic alone, the one of as many
                    # elements as the sentence counts; the rule on foreign-made items only
                    # when the sentence speaks of them; none else (trial 8's HIGH-1)
                    counted = ELEMENT_COUNT.search(text)
                    number = counted and (NUMBER_WORDS.get(counted.group("n").lower())
                                          or int(counted.group("n")))
                    foreign = bool(FOREIGN_ITEMS.search(text))
                    fit = [n for n in twins if bool(self.controls[n].get("foreign")) == foreign
                           and (foreign or number == len({c for c in self.controls[n]["covers"]
                                                          if c.startswith("element:")}))]
                    if len(fit) == 1:
                        self.chosen_by_items = fit[0]
                        if number:   # "The five new elements - holmium, ... -" may follow
                            self.counted = (fit[0], number, self.sentences)
                        return fit[0]
                    self.topic_twins = twins
                    return None
            if best or items:
                return best
        if self.current_control and ANAPHOR.search(text) and not items and not targets:
            return self.current_control   # "The ban was imposed in December 2024."
        return self.current_control if status != "announced" else None

    def announcement_twins(self, control: str, issuer: str | None) -> list[str]:
        """The known controls announced the same day as ``control`` by its issuer (itself
        included), of rare earths when it is."""
        info = self.controls[control]
        if info["announced"] is None:
            return [control]
        return sorted(node for node, other in self.controls.items()
                      if not other["minted"] and other["announced"] == info["announced"]
                      and (not issuer or not other["issuer"] or issuer in other["issuer"])
                      and (not (info["covers"] & REE) or other["covers"] & REE))

    def pair_before(self, text: str, found: list[Found]) -> list[Found]:
        """"Both metals", "the two elements": the two goods the sentence right before named,
        as found at the phrase ("Beijing introduced export licensing for both metals in
        August last year" after a sentence on gallium and germanium), or, when that sentence
        named none, the two the article named so far; none when the sentence names goods of
        its own, or the goods so taken are other than two."""
        phrase = re.search(r"\b(both|the two) (metals|elements|minerals|materials)\b", text,
                           re.I)
        number, before = self.goods_before
        pair = {f.id: f.kind for f in before} if number == self.sentences - 1 else {}
        if not pair:
            # the sentence before named none: the two goods the article named so far, when
            # it named two ("... 3,000 kilograms, roughly 62% of the total." then "... when
            # Beijing banned exports of both metals to the United States")
            pair = dict(self.article_goods)
        if phrase is None or self.items(found) or len(pair) != 2:
            return []
        return [Found(Mention(phrase.group(0), phrase.start(), phrase.end(), node), node, kind)
                for node, kind in sorted(pair.items())]

    def control_claims(self, text: str, found: list[Found], dates, event: date) -> None:
        if RELATIVE_LEAD.match(text):
            self.skipped.append((self.line, text, "not dated: 'a week later' counts from a date "
                                                  "the sentence does not give"))
            return
        found = found + self.pair_before(text, found)
        if self.event_year_only and len(dates) == 1:
            # "Last year China banned exports of antimony": a year names no month, and a
            # control's id and date need one
            self.skipped.append((self.line, text, "not dated: a year gives no month or day"))
            return
        # the issuer is the subject of the control's verb, not a speaker before it ("Japan's
        # trade ministry said that China had restricted exports ...")
        verb = min((m.start() for pattern in (ANNOUNCED, SUSPENDED, IN_FORCE, EXPORT_HALT)
                    for m in [pattern.search(text)] if m), default=None)
        said = SAID.search(text)
        issuer, targets = self.countries(text, found, verb if said and verb is not None
                                         and said.start() < verb else None)
        # "China's ban on ...": the possessor issued it; not one in an aside after the event
        # (", a response to Washington's curbs on chip sales")
        owner = POSSESSOR.search(text, 0, (ASIDE.search(text) or re.search("$", text)).start())
        if owner:
            owners = [f.id for f in found if f.kind == "Country"
                      and f.mention.start <= owner.start() < f.mention.end + 1]
            if owners:
                issuer = owners[0]
                targets = [f.id for f in found if f.kind == "Country" and f.id != issuer
                           and self.is_target(text, f.mention)]
                targets = list(dict.fromkeys(targets))
        possessor = issuer if owner and issuer in [f.id for f in found if f.kind == "Country"
                                                    and f.mention.start <= owner.start()
                                                    < f.mention.end + 1] else None
        leads = {f.id for f in found if f.kind == "Country" and re.search(
            r"(^|(,\s+(and|but|while|whereas)|;)\s+)(the\s+)?$|^(the\s+)?[\w. ]{2,30}\s+and\s+"
            r"(the\s+)?$", text[:f.mention.start], re.I) and not self.is_target(text, f.mention)}
        if len(leads) > 1:
            # "The United States and Japan imposed export controls on chipmaking equipment
            # ..., and China retaliated ... with curbs on gallium": whose control names which
            # items is a guess
            self.skipped.append((self.line, text, "ambiguous: several countries act in one "
                                                  "sentence"))
            return
        if REPLACED.search(text):
            # "will replace its cobalt export ban with quotas from October 16": one control
            # ends, another starts; which date is whose is a guess
            self.skipped.append((self.line, text, "ambiguous: a control replaced by another"))
            return
        acting = self.verb_subject(text, found)
        if acting is not None and issuer is not None and acting != issuer:
            # "the suspension of cobalt exports that the Democratic Republic of Congo announced
            # on 22 February" (China named first): the country right before the control's verb
            # and the one the rules would take disagree; which issued it is not read, skipped
            self.skipped.append((self.line, text, "no issuer: the country taken is not the "
                                                  "subject of the announcing verb"))
            return
        subject = [f for f in found if f.kind == "Country" and f.id == issuer
                   and verb is not None and f.mention.end <= verb]
        if subject and re.search(r"^\W*(s\s+)?([\w-]+\s+){0,3}?(rebels?|militias?|miners?|"
                                 r"companies|firms?|producers?|traders?|groups?|armed|armies|"
                                 r"exporters?|smelters?)\b", text[subject[-1].mention.end:verb],
                                 re.I):
            # "Myanmar's Kachin rebels banned rare earth exports": no government's control
            self.skipped.append((self.line, text, "no issuer: the ban's subject is no "
                                                  "government"))
            return
        # the article's first country stands in for a known control; a new one needs its
        # issuer named, in hand, official, or "the country" / "the government"
        guessed = not issuer and not self.issuer and not self.official_country and not \
            re.search(r"\bthe (country|government|nation|authorities)\b", text, re.I)
        named_issuer = issuer
        issuer = issuer or self.issuer or self.article_country
        aside = ASIDE.search(text)
        if aside:   # "..., in what analysts saw as retaliation against the United States"
            targets = [t for t in targets if any(f.id == t and f.mention.start < aside.start()
                                                 for f in found)]
        clause = CLAUSE_BREAK.search(text)
        # "exports of bauxite, the main ore source of aluminium, ...": an appositive names no item
        apposed = [(m.start(), m.end()) for m in re.finditer(
            r",\s+(the|a|an)\s+([\w-]+\s+){0,3}?(ore|source|form|component|ingredient|metal|"
            r"mineral|material|feedstock)s?\s+(of|for|used)\b[^,;]*(,|$)", text)]
        # "banned the export of technology to make rare earth magnets": the know-how is the
        # item, and the graph has none for it; what it makes is no item (dev 130)
        apposed += [(m.start(), m.end()) for m in re.finditer(
            r"\b(technology|technologies|know-how|equipment)\s+(to|for|used to|used for)\s+"
            r"(make|making|produce|producing|extract|extracting|process|processing|separate|"
            r"separating|refine|refining)\b[^,;]*", text, re.I)]
        # "curbs on seven rare earths ... have choked the supply of the magnets", "..., and
        # magnet shipments slumped": goods the control hit, or of a clause of their own, are
        # no items of it
        effect = re.search(r"\b(choked|choking|hit|hurt|disrupted|squeezed|crimped|slowed|"
                           r"stalled|starved|throttled|upended|roiled|snarled|strangled)\b|,\s+"
                           r"and\s+([\w-]+\s+){1,3}?(slumped|fell|dropped|plunged|slid|dried up|"
                           r"collapsed|halted|stopped|stalled)\b", text, re.I)
        named = self.items([f for f in found if (clause is None
                                                 or f.mention.start < clause.start())
                            and (effect is None or f.mention.start < effect.start())
                            and not any(a <= f.mention.start < b for a, b in apposed)])
        items = [i for i, _ in named]
        # "China restricted bismuth exports on Tuesday, and shipments to the United States had
        # already fallen", "..., hitting buyers in Germany": targets of another clause
        ends = [m.start() for m in (clause, PARTICIPLE_AFTER.search(text)) if m]
        if ends:
            targets = [t for t in targets if any(f.id == t and f.mention.start < min(ends)
                                                 for f in found)]
        statuses = []
        halt = self.government_halt(text, found)
        if halt:
            statuses.append("announced")   # a ban starts ("suspended cobalt exports")
        elif any((re.match(r"[^;]{0,70}?\b(ban|bans|controls?|restrictions?|curbs?|measures?|"
                           r"announcements?|clause|prohibition|rules|licensing|requirements?)\b",
                           text[m.end():], re.I) or re.search(
                     # "China's export ban on gallium ... was lifted"
                     r"\b(ban|bans|controls?|restrictions?|curbs?|measures?|prohibition|rules)\b"
                     r"[^;]{0,70}\b(was|were|has been|have been|had been|is|are|be|being)\s+$",
                     text[:m.start()], re.I))
                 and not re.match(r"\s+(the\s+|its\s+|their\s+|his\s+|her\s+)?([\w-]+\s+){0,3}?"
                                  r"(production|output|operations|assembly|manufacturing|work|"
                                  r"deliveries|shipments|sales|plant|line|lines|factory)\b",
                                  text[m.end():], re.I) for m in SUSPENDED.finditer(text)):
            # "Suzuki has suspended production of its Swift ... due to ... China's export
            # restrictions": a company's pause, no suspension of the control
            statuses.append("suspended")
        # "..., after a U.S. import ban took effect": an aside's measure, of another country or
        # on imports, is not the control in hand
        other = aside and (re.search(r"\bimports?\b", text[aside.start():], re.I) or any(
            f.kind == "Country" and f.id != issuer and f.mention.start > aside.start()
            for f in found))
        own_in_force = [m for m in IN_FORCE.finditer(text)
                        if not (other and m.start() > aside.start())]
        if own_in_force and not REMAINS.search(text) and not (
                "suspended" in statuses and IMMEDIATE.search(text)
                and not re.search(r"took effect|came into (force|effect)|went into", text, re.I)) \
                and not ("suspended" in statuses and re.search(
                    r"\b(suspension|suspending|pause|pausing|lifting|halt)\b[^;]{0,120}?\b(takes?|"
                    r"took|taking|comes?|came|went|goes) (effect|into (force|effect))", text,
                    re.I)):
            # "The suspension of the second clause ... takes effect from Sunday": the pause
            # starts, not the control
            statuses.append("in force")   # "suspended ... with immediate effect": the pause
        since = [when for when, start, _ in dates
                 if SINCE_CUE.search(text[max(0, start - 10):start])
                 or text[start:start + 5].lower() == "since"]
        # "in place since December 2024, remains in force": a state, no entry into force
        state = bool(since and REMAINS.search(text))
        if since and "in force" not in statuses and "suspended" not in statuses:
            statuses.append("in force")
        verbs = [m for m in ANNOUNCED.finditer(text)
                 if not (m.group(0).lower() in ("curbs", "bans", "bars", "restricts")
                         and re.search(r"\b(the|its|their|these|those|such)\s+([\w-]+\s+)?$",
                                       text[max(0, m.start() - 30):m.start()], re.I))
                 # "eased curbs", "new bans": a noun, no verb ("Beijing curbs exports" is one)
                 and not (m.group(0).lower() in ("curbs", "bans", "bars")
                          and not re.search(r"(\b[A-Z][\w.'-]*|\b(it|they|also|now))\s+$",
                                            text[max(0, m.start() - 30):m.start()]))]
        if verbs and "suspended" not in statuses and not PASSIVE.search(text):
            statuses.append("announced")
        starting = [when for when, start, _ in dates
                    if re.search(r"\b(starting|effective|from|beginning)\s+(on\s+)?$",
                                 text[max(0, start - 20):start], re.I)]
        if starting and not statuses:
            statuses.append("in force")   # "require exporters to seek a licence starting Aug. 1"
        if not statuses and self.current_control and (
                COVERS_VERB.search(text) or re.search(r"\bnot be (permitted|allowed)\b", text)):
            return self.cover_claims(text, found)
        if not statuses:
            return
        if issuer is None:
            self.skipped.append((self.line, text, "no issuer: a control event with no issuer "
                                                  "named"))
            return
        effective = announced = None
        day_precise = True
        for when, start, end in dates:
            cue = text[max(0, start - 40):start]
            if ANNOUNCED_CUE.search(cue) and not UNTIL_CUE.search(cue) and not (
                    re.search(r"\bannounc\w*\b[^,;]{0,40}$", cue, re.I)
                    and SUSPENDED.search(text, end) and not SUSPENDED.search(text[:start])) \
                    and not (SUSPENDED.search(text[:start]) and SPEAKER_ANNOUNCED.search(cue)):
                # (", its commerce ministry announced on Sunday" after "China has suspended a
                # ban ...": the speaker announces the suspension that day, not the control:
                # round 18's 375)
                # ("announced on Sunday that it has suspended a ban ...": the day of the
                # suspension, not of the control's announcement; "suspended the controls that
                # it announced on Oct. 9" is the control's)
                if announced is None:
                    announced = when
                    day_precise = bool(re.search(r"\b\d{1,2}\b|day\b", text[start:end], re.I))
            elif (SINCE_CUE.search(cue) or re.match(r"since\b", text[start:end], re.I)) \
                    and SUSPENDED.search(text):
                continue   # "lifted the ban, in place since December 2024, on Nov. 9"
            elif re.search(r"\d\s*(%|percent|per cent)[^.;,]{0,30}$", cue) \
                    and re.match(r"from\b", text[start:end], re.I):
                continue   # "rose 113% in December from November": a comparison, no date
            elif (EFFECTIVE_CUE.search(cue) and not UNTIL_CUE.search(cue)) \
                    or (re.match(r"(since|from|starting|effective)\b", text[start:end], re.I)
                        and not re.search(r"(\d%?|percent|\b(up|down|rose|fell))\s*$",
                                          text[max(0, start - 14):start])):
                effective = effective or when
        after = DAYS_AFTER.search(text)
        if after and announced is None and not self.dated_by_article:
            # "..., the ministry said on Thursday, two days after it announced the measure"
            count = NUMBER_WORDS.get(after.group("n").lower()) or int(after.group("n"))
            days = count * (7 if after.group("unit").lower().startswith("week") else 1)
            announced, day_precise = event - timedelta(days=days), True
        if effective is None and IMMEDIATE.search(text):
            effective = event
        if effective is not None and effective < (announced or event) and re.search(
                r"\b(from|starting|beginning|effective)\s+(" + "|".join(
                    m for m in MONTHS if len(m) > 3 or m == "may") + r")\b(?!\.?\s*\d)",
                text, re.I) and effective.day == 1:
            # "will ban nickel ore exports from January" (in November): the next January
            effective = date(effective.year + 1, effective.month, 1)
        if not statuses:
            return
        status = "announced" if "announced" in statuses else statuses[0]
        self.stated_announcement = announced
        self.chosen_by_items = None
        self.topic_twins = []
        control = self.find_control(text, issuer, items, targets, announced or event, status)
        if control is None and self.topic_twins:
            self.skipped.append((self.line, text, "ambiguous: a known control found by its "
                                 "topic alone, one of an announcement's several ("
                                 f"{', '.join(self.topic_twins)})"))
            self.topic_twins = []
            return
        month_only = (announced and not day_precise) or (
            not announced and not self.event_precise and not self.dated_by_article)
        if control is None and month_only and not items and not targets:
            # "introduced export controls in April", "announced restrictions on both metals
            # in July": the one control of that issuer announced that month, restated
            control = self.control_of_month(issuer, announced or event)
        if control is None and announced and day_precise and not items and not targets \
                and not named_reference(text) and status == "announced":
            # "China's Ministry of Commerce ... announced the curbs on 3 July": the one control
            # of that issuer announced that day
            control = self.control_of_month(issuer, announced, day=True)
        begun = [when for when, start, _ in dates if re.search(
            r"\b(since|imposed in|introduced in|in place since|announced in)\s+$",
            text[max(0, start - 20):start], re.I) or re.match(r"since\b", text[start:], re.I)]
        if control is not None and begun and not named_reference(text) and all(
                (b.year, b.month) != ((self.controls[control]["announced"] or b).year,
                                      (self.controls[control]["announced"] or b).month)
                for b in begun):
            # "the export ban on gallium, which had been in place since December 2024": the
            # control that began then, not another one covering gallium
            control = self.control_of_month(issuer, begun[0])
            if control is None:
                self.skipped.append((self.line, text, "ambiguous: the control the sentence "
                                                      "dates is none known"))
                return
        if control is not None and self.known is not None and control in self.known \
                and status != "announced" and control != self.current_control \
                and RARE_EARTH.search(text) and not named_reference(text) \
                and not items and not targets and not MONTH_CONTROL.search(text):
            # "lifted its ban on exports of rare earth technology": a known control found
            # by the rare-earth topic alone is a guess outside an announcement
            # the day said: of the announcement, or of a control "with immediate effect" on
            # a day the text gives ("China on Friday ... placing seven rare earths under export
            # control with immediate effect": announced and in force that day)
            said = announced if announced and day_precise else (
                effective if effective is not None and IMMEDIATE.search(text)
                and self.event_precise and not self.dated_by_article else None)
            same_day = sorted(node for node, info in self.controls.items()
                              if said and not info["minted"]
                              and info["announced"] == said
                              and (not info["issuer"] or issuer in info["issuer"])
                              and info["covers"] & REE)
            if len(same_day) == 1:
                # "would suspend the export controls on rare earths announced on 9 October
                # until ...": the one known rare-earth control of that announcement
                control = same_day[0]
            else:
                self.skipped.append((self.line, text, "ambiguous: a known control found by "
                                     "its topic alone" + (
                                         f" (the announcement of {said} made "
                                         f"{', '.join(same_day)})" if same_day else "")))
                return
        if control is not None and self.known is not None and control in self.known \
                and status != "announced" and not named_reference(text) \
                and not MONTH_CONTROL.search(text):
            covers = self.controls[control]["covers"]
            extra = sorted(set(items) - covers)
            if extra and covers and not set(items) & covers \
                    and not (set(items) <= REE and covers & REE):
                # "China has kept curbs on gallium in place since April": the known control of
                # that month covers none of the items named (nor their family): another one
                self.skipped.append((self.line, text, f"ambiguous: the known control {control} "
                                                      f"covers none of the items named"))
                return
            if extra and set(items) & covers:
                # "lifted export controls on gallium, germanium and antimony": a known
                # control that covers some of the items named and not the others is a guess
                # (an announcement, dated within days of the known one's, is no guess)
                self.skipped.append((self.line, text, "ambiguous: the known control "
                                     f"{control} covers some of the items named, not "
                                     f"{', '.join(extra)}"))
                return
        if control is not None and not items and not named_reference(text) \
                and SOME_CONTROLS.search(text):
            # "China agreed to pause some export controls following a meeting ...": some of
            # which? no control is named by them (round 18's 384: the December 2024 ban found
            # by the United States named in another clause)
            self.skipped.append((self.line, text, "ambiguous: 'some controls' name none of "
                                                  "them"))
            return
        if control is not None and named_issuer and self.controls[control]["issuer"] \
                and named_issuer not in self.controls[control]["issuer"]:
            # "The ban, which Congo first imposed in February, was extended": the control in
            # hand (or the one its items match) is another country's
            self.skipped.append((self.line, text, f"ambiguous: {control} is not "
                                                  f"{named_issuer}'s"))
            return
        minted = control is None
        if minted and issuer and not guessed and items and status != "suspended" \
                and (state or not (announced or effective)):
            # "Similar curbs on gallium and germanium have been in place since Aug. 1": a known
            # control of the issuer covering these items, in the month the sentence gives (or
            # none): what it restates is kept on the known control, never a new one
            known = {node: info for node, info in self.controls.items() if not info["minted"]}
            same = restated_match({"issuer": {issuer}, "covers": set(items),
                                   "targets": set(targets)}, [d for d, _, _ in dates], known,
                                  tuple(int(y) for y in re.findall(r"\b((?:19|20)\d\d)\b", text)))
            if same is not None:
                start = known[same]["announced"]
                self.claim(same, "ISSUED_BY", self.ensure(issuer), start, quote=text)
                for item in items:
                    self.claim(same, "COVERS", self.ensure(item), start, quote=text)
                for target in targets:
                    self.claim(same, "TARGETS", self.ensure(target), start, quote=text)
                self.skipped.append((self.line, text, f"restated: {same}'s issuer, items and "
                                     "targets kept, no date (a known control restated)"))
                return
        if minted:
            doubt = self.mint_doubt(text, named, targets, status,
                                    bool(announced and day_precise))
            months = {(when.year, when.month) for when, start, end in dates
                      if MONTH_ONLY.fullmatch(text[start:end].strip())
                      and not EFFECTIVE_CUE.search(text[max(0, start - 40):start])
                      and not UNTIL_CUE.search(text[max(0, start - 40):start])}
            if not doubt and guessed:
                doubt = ("no issuer: a new control whose issuer is only the first country the "
                         "article named")
            if not doubt and len(months) > 1:
                # "restricted exports of graphite in October 2023 and of gallium and
                # germanium in July 2023": two controls, which items go with which?
                doubt = "ambiguous: several controls or months in one sentence"
            if doubt:
                self.skipped.append((self.line, text, doubt))
                if doubt.startswith("not identified") and status == \
                        "announced":
                    self.issuer = issuer   # who acts is not in doubt: "The controls cover"
                    self.pending = (text, self.line, issuer, announced or event,
                                    bool(announced and day_precise) or (
                                        not announced and self.event_precise
                                        and not self.dated_by_article))
                return
            month = MONTH_CONTROL.search(text)
            if status != "announced" and not items and not targets \
                    and not REFERENCE.search(text) and not month:
                return
            if self.dated_by_article and not announced and not effective \
                    and not REFERENCE.search(text) and not month:
                self.skipped.append((self.line, text, "a control with no date nor number: "
                                                      "not taken for a new one"))
                return
            if status == "suspended" and not announced and not REFERENCE.search(text) \
                    and not month:
                self.skipped.append((self.line, text, "lifts or suspends a control the graph "
                                                      "does not hold: not taken for a new one"))
                if named and not targets:   # "The ban had been in place since February" may
                    self.pending_lift = (text, self.line, issuer, named,   # follow and date it
                                         effective or event, event, 3)
                return
            if month and not announced:
                number = MONTHS[month.group("month").lower()]
                announced = date(event.year - (number > event.month), number, 1)
                day_precise = False
            in_force_only = self.dated_by_article and status != "announced"
            near = sorted(node for node, info in self.controls.items()
                          if not info["minted"] and set(items) & info["covers"]
                          and (not info["issuer"] or issuer in info["issuer"])
                          and info["announced"] and abs(((announced or event)
                                                         - info["announced"]).days) <= 62)
            if near and not (announced and day_precise):
                # "after Beijing introduced licensing requirements for gallium in August 2023":
                # the known July control restated by a month near its own, not a new one
                self.skipped.append((self.line, text, "restated: a known control of those items "
                                     f"({near[0]}) was announced within two months"))
                return
            named_countries = [f.id for f in found if f.kind == "Country"]
            others = {f.id for f in found if f.kind == "Country" and f.id != issuer
                      and not self.is_target(text, f.mention)}
            agent = [f.id for f in found if f.kind == "Country" and re.search(
                r"\bby\s+(the\s+)?$", text[max(0, f.mention.start - 8):f.mention.start], re.I)]
            evidenced = issuer in (acting, possessor) or issuer in agent or (
                not named_countries and issuer in (self.issuer, self.official_country)) or (
                not named_countries and issuer == self.article_country and re.search(
                    r"\bthe (country|government|nation|authorities)\b", text, re.I)) or (
                issuer == self.official_country and not others) or (
                issuer in named_countries and not others
                # a country named only after the control's verb is no subject of it ("The
                # government announced ... to expand export controls ahead of talks between
                # President Xi and U.S. counterpart Donald Trump")
                and any(f.id == issuer and (verb is None or f.mention.start < verb)
                        for f in found if f.kind == "Country")
                and not re.search(r"\b(concern\w*|condemn\w*|criticis\w*|criticiz\w*|"
                                  r"protest\w*|seek\w*|exemptions?|hurt|affected|hit by|"
                                  r"response|respond\w*|react\w*)\b", text, re.I))
            if not evidenced:
                # "Japan said it was concerned about the new restrictions on rare earth
                # exports", "The EU condemned the ban ...": a new control's issuer must be the
                # subject of its verb, its possessor ("China's ban") or agent ("by Beijing"),
                # never a country that speaks of it or reacts to it
                self.skipped.append((self.line, text, "no issuer: a new control whose issuer "
                                                      "is not the subject of its verb"))
                return
                # "Japan said it was concerned about new restrictions on gallium exports": a
                # new control's issuer must be the subject of its verb or its possessor
                # ("China's ban"), or the official publisher's country with no other named
                self.skipped.append((self.line, text, "no issuer: a new control whose issuer "
                                                      "is not the subject of its verb"))
                return
            control = self.mint_control(text[:aside.start()] if aside else text, issuer, named,
                                        announced or (effective if in_force_only else None)
                                        or event)
        info = self.controls[control]
        if not minted and effective and info.get("effective") and "suspended" not in statuses \
                and control != self.chosen_by_items \
                and not (control == self.current_control and NEW_ANAPHOR.match(text)
                         and "in force" in statuses and not items and not targets) \
                and (effective.year, effective.month) != (info["effective"].year,
                                                          info["effective"].month):
            # "after China's new export licensing rules took effect on Oct. 9" matched to the
            # April controls (in force since April): another control's entry into force
            self.skipped.append((self.line, text, "ambiguous: the sentence dates another entry "
                                 f"into force ({effective}) than {control}'s"))
            return
        if not minted and announced and day_precise and info["announced"] \
                and announced != info["announced"] and not named_reference(text):
            # "The measure adds to the export controls Beijing announced on Oct. 9": another
            # announcement than the control in hand's
            self.skipped.append((self.line, text, "ambiguous: the sentence dates another "
                                 f"announcement ({announced}) than {control}'s"))
            return
        self.current_control, self.issuer = control, issuer
        if status == "announced" and not announced and not minted and info["announced"] \
                and self.dated_by_article and info["announced"] != event:
            # "The ministry has announced export controls on gallium and germanium" three days
            # after: a known control's announcement restated with no date is not of that day
            announced, day_precise = info["announced"], False
        elif status == "announced" and not announced and not self.event_from_effective:
            announced, day_precise = event, self.event_precise
        if announced and not day_precise and info["announced"] and \
                (info["announced"].year, info["announced"].month) == (announced.year,
                                                                      announced.month):
            announced = info["announced"]
        start = announced or info["announced"] or (
            effective if self.dated_by_article and status != "announced" else None) or event
        if announced and day_precise:
            self.claim(control, "announced_on", announced, announced, quote=text)
        # the article's date stands in for an undated entry into force only near the
        # announcement ("China's April controls came into force" in November is no news of
        # that day), and never for an undated lift
        undated = self.dated_by_article and not effective and not dates
        stale = undated and info["announced"] is not None \
            and (self.article.published - info["announced"]).days > 90
        in_force = IN_FORCE.search(text)
        if undated and in_force and re.search(
                r"\b(since|after|before|until|ahead of|once|when)\s+(the|these|those|its|their|"
                r"this)\s+([\w-]+\s+){0,3}$", text[max(0, in_force.start() - 60):in_force.start()],
                re.I):
            # "prices are down 10.5% since the rules took effect": background, no entry into
            # force of the article's day
            stale = "background"
        if (("in force" in statuses and not state) or (status == "announced" and effective)) \
                and not stale:
            self.claim(control, "effective_from", effective or event, start, quote=text)
        elif "in force" in statuses and stale:
            self.skipped.append((self.line, text, "restated: an undated entry into force in a "
                                                  "clause of background ('since the rules took "
                                                  "effect')" if stale == "background" else
                                 "restated: an undated entry into force of a control announced "
                                 "months before"))
        if "suspended" in statuses and not undated:
            self.claim(control, "effective_to", effective or event, event, quote=text)
        elif "suspended" in statuses:
            self.skipped.append((self.line, text, "not dated: a lift or suspension the text "
                                                  "gives no date for"))
            if not minted:   # "The move, announced ... on November 9, 2025, ..." may follow
                self.pending_end = (control, self.sentences)
        if minted or status == "announced" or items or targets:
            self.claim(control, "ISSUED_BY", self.ensure(issuer), start, quote=text)
            info["issuer"].add(issuer)
            for item in items:
                self.claim(control, "COVERS", self.ensure(item), start, quote=text)
                info["covers"].add(item)
            for target in targets:
                self.claim(control, "TARGETS", self.ensure(target), start, quote=text)
                info["targets"].add(target)

    @staticmethod
    def verb_subject(text: str, found: list[Found]) -> str | None:
        """The country named right before a control's verb, its subject ("that the
        Democratic Republic of Congo announced", "China's commerce ministry imposed",
        "Congo has suspended cobalt exports"); None when no verb has one, or when the verbs
        have different subjects."""
        aside = ASIDE.search(text)   # ", a day after Washington widened its curbs"
        end = aside.start() if aside else len(text)
        countries = [f for f in found if f.kind == "Country"]
        subjects = []
        for pattern in (ANNOUNCED, EXPORT_HALT):
            for match in pattern.finditer(text, 0, end):
                before = [f for f in countries if f.mention.end <= match.start()]
                if not before:
                    continue
                last = max(before, key=lambda f: f.mention.end)
                if SUBJECT_GAP.fullmatch(text[last.mention.end:match.start()]) \
                        and not DESCRIPTOR_BEFORE.search(
                            text[max(0, last.mention.start - 6):last.mention.start]) \
                        and not re.search(r"\b(after|before|since|when|as|following|because|"
                                          r"while|until|once)\s+(the\s+)?$",
                                          text[max(0, last.mention.start - 12):
                                               last.mention.start], re.I):
                    # "Beijing retaliated after Washington imposed ...": a subordinate
                    # clause's subject is not the issuer
                    subjects.append(last.id)
        subjects = list(dict.fromkeys(subjects))
        return subjects[0] if len(subjects) == 1 else None

    def clause_control_claims(self, text: str, found: list[Found], dates, event: date) -> None:
        """Control claims of the clause that holds the event: "Beijing suspended some of the
        controls it unveiled in October, but the April restrictions on seven rare earths
        remain in place" is read up to ", but" (the rest is another control, a state). The
        claims quote the whole sentence."""
        cut = re.search(r",\s+(but|while|whereas)\s+|;\s+", text)
        first = text[:cut.start()] if cut else text
        if not cut or not (SUSPENDED.search(first) or IN_FORCE.search(first)
                           or ANNOUNCED.search(first) or EXPORT_HALT.search(first)):
            return self.control_claims(text, found, dates, event)
        before = len(self.claims)
        self.control_claims(first, [f for f in found if f.mention.end <= cut.start()],
                            [d for d in dates if d[2] <= cut.start()],
                            self.event_date(first, [d for d in dates if d[2] <= cut.start()]))
        self.claims[before:] = [replace(c, quote=text) if c.quote == first else c
                                for c in self.claims[before:]]

    @staticmethod
    def modal_event(text: str) -> bool:
        """A modal governs the event verb ("said it would suspend the controls"); "announced
        that it would restrict" is an announcement in reported speech, and a sentence
        naming an announcement's number, the suspension's end ("until Nov. 27, 2026") or
        the day it takes effect ("from Dec. 1") reports a decision taken."""
        modal = MODAL_TRIGGER.search(text)
        until = re.search(r"\buntil\s+(\w+\.?\s+\d{1,2},?\s+20\d\d|\d{1,2}\s+\w+\s+20\d\d)|"
                          r"\b(from|starting|effective)\s+(\w+\.?\s+\d{1,2}\b|\d{1,2}\s+[A-Z]\w+)",
                          text)
        return bool(modal and not REFERENCE.search(text) and not until and not re.search(
            r"\b(announced|decided|declared)\s+(that\s+)?(it|they|\w+)\s+$",
            text[max(0, modal.start() - 40):modal.start()], re.I))

    def planned_control_claims(self, text: str, found: list[Found]) -> None:
        """"Malaysia will develop a policy to ban exports of rare earth raw materials, the
        prime minister said on Monday": a planned control, kept with ``modality=planned``
        on every claim and no date of its own (never a decision). Its issuer must be a
        country named before the plan, and the sentence must date the statement (a plan
        restated without a date of its own is not read)."""
        plan = PLANNED_CONTROL.search(text)
        issuers = [f for f in found if f.kind == "Country" and f.mention.end <= plan.start()
                   and not self.is_target(text, f.mention)
                   and not DESCRIPTOR_BEFORE.search(text[max(0, f.mention.start - 6):
                                                         f.mention.start])]
        dated = [when for when, start, end in find_dates(text, self.article.published)
                 if not MONTH_ONLY.fullmatch(text[start:end].strip())]
        if len({f.id for f in issuers}) != 1 or not dated:
            self.skipped.append((self.line, text, "planned, not read: no one issuer named "
                                                  "before the plan or no date of the "
                                                  "statement"))
            return
        issuer = issuers[0].id
        named = self.items([f for f in found if f.mention.start >= plan.start()])
        _, targets = self.countries(text, found)
        controls, self.controls = self.controls, self.planned
        try:
            control = self.mint_control(text, issuer, named, dated[0])
        finally:
            self.controls = controls
        self.modality = "planned"
        self.nodes[control] = [replace(c, qualifiers=tuple(sorted(c.qualifiers + (
            ("modality", "planned"),)))) if c.predicate == "regime" else replace(
            c, object=f"{c.object} (planned)") if c.predicate == "label" else c
            for c in self.nodes.get(control, [])]
        self.claim(control, "ISSUED_BY", self.ensure(issuer), None, quote=text)
        for item, _ in named:
            self.claim(control, "COVERS", self.ensure(item), None, quote=text)
        for target in targets:
            self.claim(control, "TARGETS", self.ensure(target), None, quote=text)

    def lifted_since(self, text: str) -> None:
        """"... will lift its ban on cobalt exports from October 16, the regulator said on
        Sunday" then, within three sentences, "The ban had been in place since February":
        the lifted ban is the one imposed that month (no other control in between)."""
        lift, line, issuer, named, lifted, stated, left = self.pending_lift
        since = re.match(r"(the|its|this) (export )?(ban|controls?|restrictions?|curbs?|"
                         r"suspension)\b[^.;]{0,40}?\b(since|imposed in|introduced in|"
                         r"in place from)\s+(?P<month>" + "|".join(
                             m for m in MONTHS if len(m) > 3 or m == "may") + r")\b(?!\s+\d)",
                         text, re.I)
        if not since:
            self.pending_lift = (lift, line, issuer, named, lifted, stated, left - 1) \
                if left > 1 else None
            return
        self.pending_lift = None
        number = MONTHS[since.group("month").lower()]
        month = date(stated.year - (number > stated.month), number, 1)
        here = self.line
        self.line = line
        control = self.mint_control(lift, issuer, named, month)
        self.claim(control, "effective_to", lifted, stated, quote=lift)
        self.line = here
        self.claim(control, "ISSUED_BY", self.ensure(issuer), month, quote=text)
        for item, _ in named:
            self.claim(control, "COVERS", self.ensure(item), month, quote=text)
        self.current_control, self.issuer = control, issuer

    def mint_pending(self, pending: tuple, found: list[Found]) -> None:
        """"China announced export restrictions on five metals." then "The controls ...
        cover tungsten, ...": the announcement of the sentence before, identified by the
        items this one names (its first item names the control)."""
        text, line, issuer, when, precise = pending
        here = self.line
        self.line = line
        control = self.mint_control(text, issuer, self.items(found), when)
        self.claim(control, "ISSUED_BY", self.ensure(issuer), when, quote=text)
        self.controls[control]["issuer"].add(issuer)
        if precise:
            self.claim(control, "announced_on", when, when, quote=text)
        self.line = here
        self.current_control, self.issuer = control, issuer

    def control_of_month(self, issuer: str | None, month: date,
                         day: bool = False) -> str | None:
        """The single control (known or read before) of ``issuer`` announced in the month
        of ``month`` (``day``: on that very day, and the issuer must be named), or None when
        there is none or more than one (ambiguous)."""
        if day and not issuer:
            return None
        same = sorted(node for node, info in self.controls.items()
                      if info["announced"] and (info["announced"].year,
                                                info["announced"].month) == (month.year,
                                                                             month.month)
                      and (not day or info["announced"] == month)
                      and (not issuer or not info["issuer"] or issuer in info["issuer"]))
        return same[0] if len(same) == 1 else None

    def mint_doubt(self, text: str, named: list[tuple[str, str]], targets: list[str],
                   status: str, dated: bool) -> str | None:
        """Why a control no known one matches is not taken for a new one, or None.

        The precision gate of new controls (a wrong new control brings four to nine wrong
        claims with it): a new control must be identified in its own sentence (what it
        covers, whom it targets, its number, or rare earths), must not be a restatement
        ("the ban it imposed in December", "has banned ... since 2020", "was imposed"; a
        restatement that gives the announcement's day identifies the control), and no modal
        may govern its verb ("it would suspend the controls"; "announced that it would
        restrict" is the announcement in reported speech, and an announcement's number
        names a decision taken)."""
        clause = text[:CLAUSE_BREAK.search(text).start()] if CLAUSE_BREAK.search(text) \
            else text
        if self.modal_event(text):
            return "modal: a control a modal verb governs ('would suspend') is no event"
        verbs = [m for pattern in (ANNOUNCED, IN_FORCE, SUSPENDED) for m in pattern.finditer(text)]
        background = [m for m in verbs if re.search(
            r"\b(after|since|following|before|ahead of|when|once|until)\s+"
            r"([\w.'\u2019-]+\s+){0,4}$",
            text[max(0, m.start() - 50):m.start()], re.I)]
        if verbs and len(background) == len(verbs) and not dated:
            # "..., but flows to the United States stalled after Beijing prohibited exports
            # there": every event verb stands in a clause of background, with no day of its own
            return "restated: a control in a clause of background (after, since, before) with " \
                   "no date of its own"
        extended = EXTENDED.search(text)
        if extended and re.search(r"\b((for|by)\s+(another|a further|a|an|one|two|three|four|"
                                  r"five|six|\d+)\s+([\w-]+\s+)?(days?|weeks?|months?|years?)|"
                                  r"until|till|through)\b", text[extended.end():], re.I):
            # "announced ... that it has extended its ban on cobalt exports for three months":
            # the control in place goes on, no new one starts
            return "restated: an extension of a control in place is no new control"
        if not (named or targets or REFERENCE.search(text) or RARE_EARTH.search(clause)
                or INSTRUMENT.search(clause)):
            return ("not identified: a new control that names no item, target nor number "
                    "(restated or ambiguous)")
        if not dated and (RESTATED.search(text) and status != "announced"
                          or PASSIVE_PAST.search(clause) or STATE_SINCE.search(clause)):
            return "restated: a control imposed before or a state since, not taken for a new one"
        return None

    def mint_control(self, text: str, issuer: str, named: list[tuple[str, str]],
                     when: date) -> str:
        ref = named_reference(text)
        code = issuer.partition(":")[2]
        if ref:
            tail = f"no-{ref.group(1)}"
        elif named:
            tail = slug(named[0][1])
        else:
            tail = "export-controls"
        node = f"control:{code.lower()}-{when.year}-{when.month:02d}-{tail}"
        if MILITARY.search(text):
            regime = "end-use-denial"
        elif regime_is_ban(text) or EXPORT_HALT.search(text):
            regime = "ban"
        else:
            regime = "licence-required"
        covered = ", ".join(self.label(i) for i, _ in named) or "dual-use items"
        reference = None
        if ref:
            year = ref.group(2) or when.year
            reference = f"{'MOFCOM ' if code == 'CN' else ''}Announcement No. {ref.group(1)} " \
                        f"[{year}]"
        self.node(node, label=f"{country_label(code)} export controls on {covered} "
                              f"({when:%b %Y})", regime=regime, reference=reference,
                  end_use="defence" if regime == "end-use-denial" else None)
        if node not in self.controls:
            self.controls[node] = {"issuer": set(), "covers": set(), "targets": set(),
                                   "reference": reference or "", "announced": when,
                                   "regime": regime, "minted": True}
        return node

    def cover_claims(self, text: str, found: list[Found]) -> None:
        control = self.current_control
        info = self.controls.get(control)
        # "They cover eight gallium-related items ...": right after a sentence that made a
        # claim on the control in hand, the pronoun is the control
        pronoun = bool(re.match(r"(They|These)\s+(cover|covered|include|included|apply to|"
                                r"applied to|extend to|extended to)\b", text)) \
            and self.control_claimed == (self.sentences - 1, control)
        if info is None or not (pronoun or re.search(r"\b(measures?|controls?|list|rules?|"
                                                     r"restrictions?|curbs?|exports? of)\b",
                                                     text, re.I)):
            return
        twin = self.twin_control(control, found)
        if twin is not None:
            return self.twin_cover_claims(text, twin, found)
        when = [d for d, start, end in find_dates(text, self.article.published)]
        other = re.match(r"(that|in|by|on)?\s*(" + MONTH_NAMES + r")\b", text, re.I)
        if (when and info["announced"] and all((d.year, d.month) != (info["announced"].year,
                                                                     info["announced"].month)
                                               for d in when)) \
                or (other and info["announced"] and MONTHS[other.group(2).lower()]
                    != info["announced"].month) \
                or (ANNOUNCED.search(text[:60]) and not ANAPHOR.match(text)):
            # "That October, Beijing added graphite to the list": another announcement
            self.skipped.append((self.line, text, "ambiguous: items named with another date "
                                                  f"or announcement than {control}'s"))
            return
        if re.match(r"\W*([\w'\u2019-]+\s+){0,4}?(control list|catalogu?e|list)\b", text, re.I) \
                and not ANAPHOR.match(text):
            # "China's export control list covers about 1,100 items, including ... samarium":
            # the country's whole list, not the control in hand
            self.skipped.append((self.line, text, f"ambiguous: items of a list, not of {control}"))
            return
        named = self.items(found)
        for item, _ in named:
            self.claim(control, "COVERS", self.ensure(item), info["announced"], quote=text)
            info["covers"].add(item)

    def dated_end(self, text: str, control: str) -> None:
        """"The move, announced by the Ministry of Commerce on November 9, 2025, sets aside
        the prohibition ...", right after a sentence that suspended or lifted the known
        ``control`` and gave no date (round 18's 389): the day the move was announced is the
        control's ``effective_to``. Only a day with its year or a weekday, right after
        "announced", "made" or "taken" in the move's own phrase at the sentence's start."""
        move = END_MOVE.match(text)
        if move is None:
            return
        dates = [d for d, start, end in find_dates(text, self.article.published)
                 if start == move.end() and not MONTH_ONLY.fullmatch(text[start:end].strip())]
        if not dates or dates[0] > self.article.published:
            return
        self.claim(control, "effective_to", dates[0], dates[0], quote=text)

    def counted_cover_claims(self, text: str, found: list[Found], control: str,
                             number: int) -> None:
        """"The five new elements - holmium, erbium, thulium, europium and ytterbium - join
        seven ...", right after a sentence whose known control was chosen by its count of
        elements ("adding five new elements"): the items listed right after the phrase are
        that control's, when they are as many as counted and all its own (trial 8's HIGH-1);
        other items, or a list of another length, are skipped as ambiguous."""
        phrase = COUNTED_ANAPHOR.match(text)
        if phrase is None or (NUMBER_WORDS.get(phrase.group("n").lower())
                              or int(phrase.group("n"))) != number:
            return
        listed, end = [], phrase.end()
        for f in found:
            if f.mention.start < end:
                continue
            if not re.fullmatch(r"\s*(,\s*(and\s+)?|and\s+|[-\u2013\u2014(:]\s*)",
                                text[end:f.mention.start]) or f.kind != "Element":
                break
            listed.append(f.id)
            end = f.mention.end
        covers = self.controls[control]["covers"]
        if len(listed) != number or not set(listed) <= covers:
            self.skipped.append((self.line, text, f"ambiguous: the {phrase.group('n')} "
                                 f"elements counted for {control} are not listed as its own"))
            return
        for item in listed:
            self.claim(control, "COVERS", self.ensure(item), self.controls[control]["announced"],
                       quote=text)
        self.current_control = control

    def twin_control(self, control: str, found: list[Found]) -> str | None:
        """The known control, announced the same day as ``control`` by the same issuer,
        whose items are exactly the items the sentence names, when there is one: one
        announcement can make several controls (9 October 2025: five further rare earths,
        No. 57; foreign-made items with Chinese rare earths, No. 61), and the items named
        tell which ("holmium, erbium, thulium, europium and ytterbium would be added ...,
        with the new rules taking effect on November 8" is No. 57's, trial 6's M1)."""
        info = self.controls.get(control)
        items = {i for i, _ in self.items(found)}
        if info is None or not info["announced"] or len(items) < 2:
            return None
        twins = [node for node, other in self.controls.items()
                 if not other["minted"] and other["announced"] == info["announced"]
                 and other["issuer"] == info["issuer"]
                 and {c for c in other["covers"] if c.startswith("element:")} == items]
        return twins[0] if len(twins) == 1 else None

    def twin_cover_claims(self, text: str, control: str, found: list[Found]) -> None:
        """The items of :meth:`twin_control`'s control, and the entry into force the
        sentence gives it ("taking effect on November 8"), kept as the article's claim
        beside the graph's own (a suspension may have moved it since); other dates of the
        sentence ("the seven rare earths it restricted in April") are another control's."""
        info = self.controls[control]
        self.current_control = control
        for item, _ in self.items(found):
            self.claim(control, "COVERS", self.ensure(item), info["announced"], quote=text)
        for when, start, _ in find_dates(text, self.article.published):
            if when > info["announced"] and EFFECTIVE_ON.search(text[max(0, start - 30):start]):
                self.claim(control, "effective_from", when, info["announced"], quote=text)
                break

    def label(self, node_id: str) -> str:
        if self.known is not None and node_id in self.known:
            return self.known.label(node_id)
        for claim in self.nodes.get(node_id, ()):
            if claim.predicate == "label":
                return str(claim.object)
        kind = model.kind_of(node_id)
        slug_ = node_id.partition(":")[2]
        if kind == "Element":
            return element_label(slug_)
        if kind == "Country":
            return country_label(slug_)
        return slug_

    # ------------------------------------------------------------ licences
    def licence_claims(self, text: str, found: list[Found], event: date) -> None:
        if RELATIVE_LEAD.match(text):
            self.skipped.append((self.line, text, "not dated: 'a week later' counts from a date "
                                                  "the sentence does not give"))
            return
        if re.search(r"(^\W*|[,;]\s+)(as long as|so long as|provided( that)?|whenever)\b",
                     text, re.I):
            # "As long as export licence applications ... are for civilian use, the government
            # has given timely approval": a condition describes how licensing works; no decision
            self.skipped.append((self.line, text, "background: a decision under a condition "
                                                  "describes the rules, it states no decision"))
            return
        if self.event_year_only:
            self.skipped.append((self.line, text, "not dated: a year gives no month or day"))
            return
        if self.event_week_split:
            self.skipped.append((self.line, text, "not dated: a week across two months gives "
                                                  "no month or day"))
            return
        if self.modality and event > self.article.published:
            # "China is expected to approve more licences next month": which day would a
            # forecast's licence be? (a forecast is never a decision; its date is a guess)
            self.skipped.append((self.line, text, "ambiguous: a forecast dated by the future "
                                                  "it speaks of"))
            return
        unknown_buyers = [m for m in re.finditer(
            r"\b(?!(?:The|These|Those|Its|Their|Some|Many|Most|Other|All|Foreign|Overseas|"
            r"Western|European|Asian|African)\b)([A-Z][a-z]+(?:an|ese|ish|ch|i))\s+(?="
            + BUYERS + ")", text)
            if not any(f.mention.start <= m.start() < f.mention.end for f in found)]
        if unknown_buyers:
            # "licences for the suppliers of Italian carmakers" when "Italian" names no country
            # the reader knows: the target would be lost and the id with it
            self.skipped.append((self.line, text, "ambiguous: buyers named by a word that is "
                                 f"no known country ({unknown_buyers[0].group(1)})"))
            return
        if SLOWER.search(text):
            # "licences for U.S. carmakers are likely to be approved more slowly": a slower
            # pace of approvals is no approval (trial 6, H1)
            self.skipped.append((self.line, text, "not a decision: the pace of approvals "
                                                  "(slower), not an approval"))
            return
        approved = next((m for m in APPROVED.finditer(text)
                         if text[max(0, m.start() - 1):m.start()] != "-"), None)   # "pre-approved"
        denied = DENIED.search(text)
        if approved and denied and not re.match(r"\s*(or|and)\s*$", text[
                min(approved.end(), denied.end()):max(approved.start(), denied.start())]):
            # "approved 40 licence applications from US firms but rejected those from defence
            # contractors": which decision goes to whom is a guess
            self.skipped.append((self.line, text, "ambiguous: approvals and denials in one "
                                                  "sentence"))
            return
        # "issued ... licences to three magnet makers, allowing them to accelerate shipments":
        # what the decision lets happen is not its kind
        # "general licences ..., a new type of permit meant to speed up shipments": what the
        # licence is for is not the decision either
        core = re.split(r",\s+(allowing|enabling|letting|helping|so that|which (will|would|could) "
                        r"(allow|let|help|enable)|(a|an|the)\s+[\w -]{0,40}?\b(meant|designed|"
                        r"intended|aimed) to)\b", text, maxsplit=1)[0]
        # "issued the first round of streamlined ... licences": a kind of licence, issued
        core = re.sub(r"\bstreamlined\s+(?=([\w-]+\s+){0,3}?(export\s+)?(licen[cs]es|permits)\b)",
                      lambda m: " " * len(m.group(0)), core, flags=re.I)   # offsets kept
        if DENIED.search(text):
            decision = "denied"
        elif EXPEDITED.search(core):
            decision = "expedited"
        elif APPROVED.search(text):
            decision = "approved"
        else:
            decision = "under-review"
        verb = (DENIED.search(text) or EXPEDITED.search(core) or APPROVED.search(text)
                or REVIEW.search(text) or PLANNED_CUE.search(text))
        if verb is None:
            self.skipped.append((self.line, text, "not a decision: no deciding verb outside what "
                                                  "the licences allow"))
            return
        if verb.re is PLANNED_CUE and SPENDING_PLAN.match(text, verb.end()):
            # "Lynas announced plans to spend nearly 500 million ringgit on expanding capacity,
            # and analysts said the longer licence made it more likely": a plan to spend or
            # expand is no licence decision, planned or not (round 15's 320)
            self.skipped.append((self.line, text, "not a decision: a plan to spend or expand "
                                                  "is no licence"))
            return
        if decision == "under-review" and not REVIEW.search(text):
            decision = "approved"   # a planned issue of licences
        issuer, targets = self.countries(text, found, verb.start())
        countries = [f for f in found if f.kind == "Country"]
        # "applications from Indian carmakers were rejected by Beijing": the applicants'
        # country is the licences' target, the passive's agent their issuer
        applicants = [f.id for f in countries if re.search(
            r"\b(applications?|requests?|applicants?)\s+(filed\s+)?(from|by)\s+(the\s+)?$",
            text[max(0, f.mention.start - 40):f.mention.start], re.I)]
        # "rejected licence applications for dysprosium exports from three US drone makers":
        # the buyers' country, named before the companies applying, is the target (trial 8's
        # LOW-5); not "applications for exports from China" (no buyers named after it)
        applicants += [f.id for f in countries if re.search(
            r"\b(applications?|requests?|applicants?)\s+([\w-]+\s+){0,4}?(from|by)\s+(the\s+)?"
            r"((a|one|two|three|four|five|six|seven|eight|nine|ten|several|some|\d+)\s+)?$",
            text[max(0, f.mention.start - 80):f.mention.start], re.I) and BUYERS_AFTER.match(
                text, f.mention.end) and f.id not in applicants]
        # "BASF said it had received export licences from China": the licences' issuer,
        # before any "by" (round 19's 400: "licences from China ..., in the first confirmation
        # by New Delhi": New Delhi confirms, China issues)
        agents = [f.id for f in countries if re.search(
            r"\b(licen[cs]es?|permits?|approvals?)\s+from\s+(the\s+)?$",
            text[max(0, f.mention.start - 30):f.mention.start], re.I)]
        agents += [f.id for f in countries if f.mention.start > verb.start() and re.search(
            r"\bby\s+(the\s+)?$", text[max(0, f.mention.start - 8):f.mention.start], re.I)
            and not re.search(r"\b(confirmation|statement|announcement|comments?|remarks?|visit|"
                              r"requests?|complaints?|protests?|criticism|briefing)\s+by\s+"
                              r"(the\s+)?$", text[max(0, f.mention.start - 40):f.mention.start],
                              re.I)
            and f.id not in agents]
        if applicants or agents:
            issuer = agents[0] if agents else (issuer if issuer not in applicants else None)
            targets = list(dict.fromkeys(targets + [a for a in applicants if a != issuer]))
        if issuer is None and self.current_control:
            issuers = sorted(self.controls[self.current_control]["issuer"])
            issuer = issuers[0] if issuers else None
        issuer = issuer or self.issuer
        items = [i for i, _ in self.items(found)]
        self.stated_announcement = None
        control = None
        if not items and self.current_control and not REFERENCE.search(text) and re.search(
                r"\b(under|by) (the|these) (new )?(controls|rules|measures|curbs|"
                r"restrictions)\b", text, re.I):
            # "likely to be denied under the new rules": the control the article has in hand,
            # not one found by the topic (trial 7's MED-3)
            control = self.current_control
        elif items or REFERENCE.search(text) or RARE_EARTH.search(text) \
                or self.rare_earth_topic:
            control = self.find_control(text, issuer, items, [], event, "licence",
                                        rare_earth=self.rare_earth_topic,
                                        licence_targets=[t for t in targets if t != issuer])
        if issuer is None and control is not None and self.controls[control]["issuer"]:
            issuer = sorted(self.controls[control]["issuer"])[0]
        if issuer is None:
            return
        doubt = self.licence_issuer_doubt(text, found, issuer, agents, control, verb)
        if doubt:
            self.skipped.append((self.line, text, doubt))
            return
        targets = [t for t in targets if t != issuer]
        named_grantees = self.companies(text, found)
        if [m for m, _ in named_grantees if m.end <= verb.start()]:
            # "Ningbo Yunsheng has applied for licences to ship magnets to Tesla": the
            # applicant is the grantee, the company it ships to is its customer
            named_grantees = [(m, n) for m, n in named_grantees if not re.search(
                r"\b(ship|export|sell|supply|deliver)\w*\b[^,.;]{0,40}\bto\s+(the\s+)?$",
                text[max(0, m.start - 60):m.start], re.I)]
        grantees = [node for _, node in named_grantees]
        if grantees and re.search(r"\b(ship|export|sell|supply|deliver)\w*\b[^.;]{0,60}?\b"
                                  r"(customers?|clients?|buyers?|markets?)\s+in\b", text, re.I):
            # "JL Mag obtained licences to ship products to customers in the United States,
            # Europe and Southeast Asia": a company's markets, not targets of the licences
            targets = []
        unknown = [m.text for m in self.gazetteer.unknown_names(text)
                   if m.start >= verb.start() and not looks_like_company(m.text)
                   and re.search(r"\b(to|for)\s+(the\s+)?$", text[max(0, m.start - 9):m.start])]
        # "has granted Freeport Indonesia a permit": a name as the verb's first object is the
        # grantee, resolved or not
        unknown += [m.group("name").strip() for m in re.finditer(
            r"\b(granted|gave|given|awarded|issued)\s+(?P<name>([A-Z][\w&.'-]*\s+){1,5}?)"
            r"(a|an|the|new|its)\s+([\w-]+\s+){0,5}?(licen[cs]es?|permits?|approvals?)\b", text)]
        receiving = re.search(r"\b(received|obtained|won|got|secured|been granted|been "
                              r"given)\b", text)
        if receiving and not grantees:   # "BASF said it had received export licences"
            unknown += [m.text for m in self.gazetteer.unknown_names(text[:receiving.start()])
                        if not looks_like_company(m.text)]
        if unknown and not grantees:
            # "approved licences for Volkswagen": a grantee named but not resolved would give
            # the licence a wrong id
            self.skipped.append((self.line, text, "ambiguous: the licence's grantee "
                                                  f"{unknown[0]!r} is no known name"))
            return
        control = control or self.current_control or self.control_since(text, issuer)
        if control and not self.control_fits(control, targets, items, text):
            # "denied export licences for dysprosium and terbium to several US defence
            # contractors" with the Japan-military ban in hand: a control whose targets or
            # items are not the licence's does not hold it (none rather than a wrong one)
            control = None
        code = issuer.partition(":")[2]
        if grantees:
            who = grantees[0].partition(":")[2]
            whom = ", ".join(self.label(g) for g in grantees)
        elif targets:
            who = "to-" + "-".join(t.partition(":")[2].lower() for t in targets)
            whom = "exports to " + ", ".join(self.label(t) for t in targets)
        else:
            who, whom = "exports", "exports"
        # a decision dated by its month only ("in mid-December") has no day in its id
        day = event.isoformat() if self.event_precise else f"{event:%Y-%m}"
        node = f"licence:{code.lower()}-{day}-{who}-{decision}"
        if self.modality in ("expected", "planned"):
            # a forecast or plan is no decision, and its id does not read as one in a JSON,
            # CSV, SPARQL or Cypher row ("...-to-us-denial-expected", never "...-denied";
            # trial 7's MED-3)
            node = f"licence:{code.lower()}-{day}-{who}-{DECISION_NOUN[decision]}-{self.modality}"
        same, maybe = self.known_licence(text, issuer, control, grantees, targets, decision,
                                         event)
        if same:
            node = same   # one event, several sources (trial 6, M6 and L4)
        elif maybe:
            self.possible_duplicates[node] = maybe
        self.node(node, label=f"{country_label(code)}: licences {decision} for {whom} ({day})")
        self.issuer = issuer
        self.claim(node, "decision", decision, event, quote=text)
        if self.modality is None and decision != "under-review" and self.event_precise:
            self.claim(node, "announced_on", event, event, quote=text)
        self.claim(node, "ISSUED_BY", self.ensure(issuer), event, quote=text)
        for grantee in grantees:
            self.claim(node, "GRANTED_TO", grantee, event, quote=text)
        for target in targets:
            self.claim(node, "TARGETS", self.ensure(target), event, quote=text)
        announced = self.controls.get(control, {}).get("announced") if control else None
        if control and not (announced and announced > event):   # no licence before its rule
            self.claim(node, "UNDER", control, event, quote=text)

    def known_licence(self, text: str, issuer: str, control: str | None, grantees: list[str],
                      targets: list[str], decision: str, event: date) -> tuple:
        """The known licence decision a sentence reports, and those it may repeat.

        A known decision is the one reported when it has the decision, the issuer, the
        control (when both name one), the day (or, for a decision dated by its month, the
        month), the grantees and the targets, and its label names the regions the sentence
        names ("approved export licences for rare earths to several European auto
        suppliers" is ``licence:cn-2025-06-clepa-approvals``, "Licence approvals for
        European auto suppliers (June 2025)"). Exactly one such decision is returned as the
        first item; otherwise the known decisions of the same issuer, decision and month are
        the second, for the report to name as possible duplicates. A forecast or plan matches
        none (it is no decision)."""
        if self.modality is not None:
            return None, []
        month = (event.year, event.month)
        near = [node for node, info in sorted(self.licences.items())
                if info["decision"] == decision and info["announced"]
                and (info["announced"].year, info["announced"].month) == month
                and (not info["issuer"] or issuer in info["issuer"])]
        regions = regions_named(text)
        same = [node for node in near
                if (not self.event_precise or self.licences[node]["announced"] == event)
                and (not control or not self.licences[node]["under"]
                     or control in self.licences[node]["under"])
                and self.licences[node]["grantees"] == set(grantees)
                and self.licences[node]["targets"] == set(targets)
                and self.licences[node]["regions"] == regions]
        if len(same) == 1:
            return same[0], []
        return None, near

    def licence_issuer_doubt(self, text: str, found: list[Found], issuer: str,
                             agents: list[str], control: str | None, verb) -> str | None:
        """Why a licence decision's issuer is not read, or None. The issuer is the agent
        ("by Beijing", "licences from China"), the subject of the deciding verb ("China
        approved"), or the issuer of the control the licences fall under; never the country
        of the one who received them ("Japan's Shin-Etsu said it had obtained licences",
        "Germany said its companies had been granted licences") nor a country that speaks."""
        if issuer in agents:
            return None
        countries = [f for f in found if f.kind == "Country"
                     and not self.is_target(text, f.mention)]
        receiving = re.search(r"\b(received|receive|obtained|won|got|secured)\b|\bbeen "
                              r"(granted|given|issued)\s+(\w+\s+){0,2}(licen[cs]es?|permits?|"
                              r"approvals?)", text, re.I)
        control_issuers = self.controls[control]["issuer"] if control else set()
        subject = [f for f in countries if f.mention.end <= verb.start()
                   and LICENCE_SUBJECT_GAP.fullmatch(text[f.mention.end:verb.start()])]
        if subject and subject[-1].id == issuer:
            return None   # "China approved", "China would issue", "China has issued"
        if receiving:
            if control_issuers and issuer in control_issuers and not any(
                    f.id == issuer and f.mention.start < receiving.start() for f in countries):
                return None
            return ("no issuer: licences received, with no agent or control naming who "
                    "issued them")
        if control_issuers and issuer not in control_issuers:
            return f"no issuer: {issuer} does not issue {control}"
        if countries and all(f.id == issuer for f in countries):
            return None
        if not countries and (issuer in control_issuers or issuer == self.official_country):
            return None   # "Licences were approved on Monday" under the control in hand
        return "no issuer: the licences' issuer is not the subject of the deciding verb"

    def control_fits(self, control: str, targets: list[str], items: list[str],
                     text: str) -> bool:
        """Whether a licence for ``targets`` (countries) and ``items``, read in ``text``,
        can fall under ``control``: a control with targets holds only licences for one of
        them (a ban on exports to Japanese military end users holds no denial for US
        buyers, nor an approval for buyers named only by a region, "European auto
        suppliers"), and a control covering elements only licences for one of the elements
        named ("rare earths" naming each of them; a product such as magnets is not judged
        here). A licence naming no target country, region or element is not held back on
        that count."""
        info = self.controls[control]
        if info["targets"] and targets and not info["targets"] & set(targets):
            return False
        if info["targets"] and not targets and regions_named(text):
            return False   # "to three European auto suppliers": buyers of no target of its
        elements = {i for i in items if i.startswith("element:")}
        if elements and RARE_EARTH.search(text):
            elements |= REE   # "general licences for rare earths, gallium, germanium ..."
        covered = {c for c in info["covers"] if c.startswith("element:")}
        return not (elements and covered and not elements & covered)

    def control_since(self, text: str, issuer: str) -> str | None:
        """"applications filed since April": the known control of that month and issuer
        (licences are asked for under the control that made them necessary)."""
        match = re.search(r"\bsince (early |late )?(?P<month>" + "|".join(
            m for m in MONTHS if len(m) > 3) + r")\b", text, re.I)
        if not match:
            return None
        month = MONTHS[match.group("month").lower()]
        published = self.article.published
        year = published.year - (month > published.month)
        same = sorted(node for node, info in self.controls.items()
                      if info["announced"] and (info["announced"].year,
                                                info["announced"].month) == (year, month)
                      and (not info["issuer"] or issuer in info["issuer"]))
        return same[0] if len(same) == 1 else None

    # ------------------------------------------------------------ supply relations
    def parties(self, text: str, found: list[Found]) -> list[tuple[Mention, str]]:
        """Companies and facilities named, in order (unknown company names included)."""
        out = [(f.mention, f.id) for f in found if f.kind in ("Company", "Facility")]
        out += [(m, f"company:{slug(m.text)}") for m in self.gazetteer.unknown_names(text)
                if looks_like_company(m.text)]
        return sorted(out, key=lambda item: item[0].start)

    def object_after(self, text: str, verb_end: int, parties, subject: str, word: str | None):
        """The first party after the verb that is not the subject; a possessive names the
        party after it (MP Materials' Independence facility is the facility)."""
        for index, (mention, node) in enumerate(parties):
            if mention.start < verb_end or node == subject:
                continue
            between = text[verb_end:mention.start]
            if word and not re.search(rf"\b{word}\b", between):
                continue
            if re.search(r"[,;]\s|\s(and|but|while|without)\s", between) and not re.search(
                    r",\s+(where|whose)\s+(its|their)\s+([\w-]+\s+)?(customer|buyer|client)s?"
                    r"\s+$", between):   # "to China, where its main customer Shenghe ..."
                # "supplies magnets to carmakers, and Tesla buys ...", "..., without naming JL
                # Mag": a party of another clause is no object of this verb
                return None
            following = text[mention.end:mention.end + 3]
            if following.startswith("'") and index + 1 < len(parties) \
                    and parties[index + 1][0].start - mention.end <= 4:
                return parties[index + 1]
            return mention, node
        return None

    def listed_after(self, text: str, first: tuple[Mention, str], subject: str):
        """The first object and those coordinated with it ("to Tesla, BYD and Toyota");
        unknown names in such a list are taken for companies."""
        out, end = [first], first[0].end
        candidates = [(f.mention, f.id) for f in self.gazetteer_found
                      if f.kind in ("Company", "Facility")]
        candidates += [(m, f"company:{slug(m.text)}") for m in self.gazetteer.unknown_names(text)]
        for mention, node in sorted(candidates, key=lambda item: item[0].start):
            if mention.start < end or node == subject or node in [n for _, n in out]:
                continue
            if not re.fullmatch(r"\s*(,|,?\s*and|&)\s*", text[end:mention.start]):
                break
            out.append((mention, node))
            end = mention.end
        return out

    def supply_claims(self, text: str, found: list[Found], event: date) -> None:
        self.gazetteer_found = found
        parties = self.parties(text, found)
        known_spans = [p[0] for p in parties]
        # "In April, Solvay began producing ...": the subject comes after a leading date
        lead = LEAD_DATE.match(text)
        offset = lead.end() if lead else 0
        for mention in self.gazetteer.unknown_names(text):
            if any(m.start == mention.start for m in known_spans):
                continue
            before = text[max(0, mention.start - 6):mention.start]
            after = text[mention.end:mention.end + 40]
            if re.search(r"\b(to|from)\s+$", before) or (
                    mention.start == offset and re.match(r"\s+(\w+\s+)?(" + "|".join(
                        v.pattern for v in (SUPPLY_VERB, BUY_VERB, PRODUCE_VERB)) + ")",
                        after, re.I)) or (
                    # "Belgian chemicals group Solvay has started producing ...": the subject
                    mention.start > 0 and re.match(r"\s+(has|have|had)\s+(\w+\s+)?(" +
                                                   PRODUCE_VERB.pattern + ")", after, re.I)):
                parties.append((mention, f"company:{slug(mention.text)}"))
        first = re.match(r"([A-Z][\w&'-]+)\s+(\w+\s+)?(" + "|".join(
            v.pattern for v in (SUPPLY_VERB, BUY_VERB, PRODUCE_VERB)) + ")", text[offset:], re.I)
        if first and not any(p[0].start == offset for p in parties) \
                and first.group(1)[0].isupper() and not self.gazetteer.mentions(first.group(1)) \
                and first.group(1).lower() not in STOPWORDS:
            parties.append((Mention(first.group(1), offset, offset + len(first.group(1)), None),
                            f"company:{slug(first.group(1))}"))
        parties.sort(key=lambda item: item[0].start)
        materials = [f.id for f in found if f.kind == "Material"]
        quals = (("material", materials[0]),) if materials else ()
        deal = DEAL_TO_BUY.search(text)
        if deal:   # "Apple ... a $500 million commitment with MP Materials to buy magnets"
            buyers = [p for p in parties if p[0].end <= deal.start()]
            sellers = [p for p in parties if deal.start() <= p[0].start < deal.end()]
            if buyers and sellers:
                self.claim(self.party(sellers[0]), "SUPPLIES", self.party(buyers[0]), event,
                           quals, quote=text)
                self.last_party = buyers[0][1]
                return self.make_claims(text, found, parties, event)
        stop = STOP_VERB.search(text)
        for verb, word, reverse in ((stop, "to", False), (SUPPLY_VERB.search(text), "to", False),
                                    (SUPPLY_VERB.search(text), None, False),
                                    (BUY_VERB.search(text), "from", True)):
            if verb is None:
                continue
            before = [p for p in parties if p[0].end <= verb.start()]
            if not before and self.last_party and PRONOUN_SUBJECT.match(text):
                before = [(Mention(text[:3], 0, 0, self.last_party), self.last_party)]
            if not before:
                continue
            subject = before[-1]
            obj = self.object_after(text, verb.end(), parties, subject[1], word)
            if obj is None:
                continue
            if word is None and not re.search(r"\bwith\b", text[obj[0].end:obj[0].end + 40]):
                continue
            for item in self.listed_after(text, obj, subject[1]):
                seller, buyer = (item, subject) if reverse else (subject, item)
                seller, buyer = self.party(seller), self.party(buyer)
                if verb is stop:
                    self.claim(seller, "SUPPLIES", buyer, None, quals, valid_to=event,
                               quote=text)
                else:
                    self.claim(seller, "SUPPLIES", buyer, event, quals, quote=text)
            self.last_party = subject[1]
            break
        self.make_claims(text, found, parties, event)
        if parties and not PRONOUN_SUBJECT.match(text):
            self.last_party = parties[0][1]   # the subject a later "The company" refers to

    def closure_claims(self, text, found, parties, event) -> bool:
        """"halted production of NdPr oxide at ...": the producer's output of the material
        ends on the date of the event (``valid_to``). True when a claim was made."""
        halt = CLOSE_VERB.search(text)
        if not halt:
            return False
        materials = [f for f in found if f.kind == "Material"]
        producers = [p for p in parties if p[0].end <= halt.start()]
        facilities = [p for p in parties if model.kind_of(p[1]) == "Facility"]
        if facilities:   # "halted production ... at its Kuantan plant": the plant
            producers = facilities[:1]
        if not producers and self.last_party and PRONOUN_SUBJECT.match(text):
            producers = [(Mention(text[:3], 0, 0, self.last_party), self.last_party)]
        if not materials or not producers:
            return False
        # "Tesla halted Optimus production because of the magnet shortage": the material
        # must be what stops being produced (in the halt's phrase, or "production of" it),
        # not a cause named after it
        producer = self.party(producers[-1])
        own = [f for f in materials if halt.start() <= f.mention.start <= halt.end() + 40
               and not re.search(r"\b(because|due to|amid|after|following|as|over)\b",
                                 text[halt.end():f.mention.start], re.I)]
        if self.known is not None and producer in self.known:
            own += [f for f in materials
                    if f.id in self.known.neighbours(producer, "PRODUCES") and f not in own]
        if not own or re.search(r"\b[A-Z]\w+\s+(production|output)\b", halt.group(0)[1:]):
            self.skipped.append((self.line, text, "ambiguous: a halt whose material is not "
                                                  "the one it names"))
            return True
        self.claim(producer, "PRODUCES", own[0].id, None, valid_to=event, quote=text)
        return True

    def make_claims(self, text, found, parties, event) -> None:
        if self.closure_claims(text, found, parties, event):
            return
        products = [f for f in found if f.kind == "Product"]
        make = MAKE_VERB.search(text)
        if make and products:
            makers = [p for p in parties if p[0].end <= make.start()]
            # the product the verb governs, not one of an aside ("making ... oxides, key
            # components of magnets that end up in ... EVs and F-35 fighter jets")
            made = [f for f in products if f.mention.start >= make.end()
                    and OBJECT_GAP.fullmatch(text[make.end():f.mention.start])]
            if makers and made:
                self.claim(self.party(makers[-1]), "MAKES", made[0].id, event, quote=text)
        produce = PRODUCE_VERB.search(text)
        # the material the verb governs: no comma between, no use named before it ("NdPr
        # products used in magnets for electric motors" makes no magnets)
        materials = [f for f in found if f.kind == "Material"
                     and f.mention.start >= (produce.end() if produce else 0)
                     and (produce is None
                          or (not re.search(r",\s", text[produce.end():f.mention.start])
                              and not USE_BEFORE.search(text[produce.end():f.mention.start])))]
        if produce and materials:
            makers = [p for p in parties if p[0].end <= produce.start()]
            facilities = [p for p in parties if model.kind_of(p[1]) == "Facility"]
            producer = facilities[0] if facilities else (makers[-1] if makers else None)
            if producer is None and self.last_party and PRONOUN_SUBJECT.match(text):
                producer = (Mention(text[:3], 0, 0, self.last_party), self.last_party)
            if producer:
                since = re.search(r"\bsince\s+(?:early\s+|late\s+)?(?P<year>(19|20)\d\d)\b", text)
                when = date(int(since.group("year")), 1, 1) if since else event
                if self.modality == "planned" and not since:
                    when = None   # a production planned has no date (dev 132, round 20's 427)
                output = year_output(text, self.article.published)
                quals: tuple = ()
                if output and not since and self.modality is None \
                        and output[3][0] <= materials[0].mention.start < output[3][1]:
                    # "it produced 1,300 tonnes of NdPr oxide in 2025": that year's output, dated
                    # by its year and kept with its quantity, as the curated rows are
                    year, amount, unit, _ = output
                    when = date(year, 1, 1)
                    quals = (("amount", amount), ("unit", unit), ("year", year))
                self.claim(self.party(producer), "PRODUCES", materials[0].id, when, quals,
                           quote=text)
                self.last_party = producer[1]

    def planned_plant_claims(self, text: str, found: list[Found]) -> None:
        """"MP plans to build a second magnet plant": a planned producer, kept with its
        modality (never a fact, never dated)."""
        plan = PLANNED_PLANT.search(text)
        if not plan:
            return
        words = text[plan.end():plan.end() + 60]
        materials = [f for f in found if f.kind == "Material" and f.mention.start >= plan.start()]
        if not materials:
            materials = [Found(m, m.id, model.kind_of(m.id)) for m in
                         self.gazetteer.mentions(re.sub(r"\s+(plant|facility|factory|mine|"
                                                        r"refinery)\b.*", "s", words))
                         if model.kind_of(m.id) == "Material"]
        owners = [f for f in found if f.kind == "Company" and f.mention.end <= plan.start()]
        if not owners and self.last_party and PRONOUN_SUBJECT.match(text):
            owners = [Found(Mention(text[:2], 0, 2, self.last_party), self.last_party,
                            "Company")]
        if owners and materials:
            self.modality = "planned"
            self.claim(owners[-1].id, "PRODUCES", materials[0].id, None, quote=text)
            self.modality = None

    def party(self, item: tuple[Mention, str]) -> str:
        mention, node = item
        if node.startswith("company:") and (self.known is None or node not in self.known) \
                and node not in self.nodes:
            return self.company(mention)
        return node


def regime_is_ban(text: str) -> bool:
    """A ban word of the control's own clause that governs exports: not a word of a title
    ("... Prohibited or Restricted"), not an import ban ("a U.S. law that bars imports", "an
    import ban"), not one of a phrase set aside (", retaliating against ..."), and no
    exception under licence in the sentence ("exports may still go ahead under licence").

    >>> regime_is_ban("Russia banned exports of enriched uranium to the United States.")
    True
    >>> regime_is_ban("Russia restricted exports of uranium, retaliating against a U.S. law "
    ...               "that bars imports of Russian fuel.")
    False
    >>> regime_is_ban("The ban allows shipments only under one-time licences.")
    False
    """
    if LICENSED_EXCEPTION.search(text):
        return False
    aside = ASIDE.search(text)
    for match in BAN.finditer(text):
        if not (match.group(0)[0].islower() or match.start() == 0):
            continue   # a word of a title
        if aside and match.start() > aside.start():
            continue
        if re.match(r"\s+([\w'-]+\s+){0,3}?imports?\b", text[match.end():match.end() + 50],
                    re.I) or re.search(r"\bimports?\s+(\w+\s+)?$",
                                       text[max(0, match.start() - 25):match.start()], re.I):
            continue   # "bars imports", "an import ban": no ban of exports
        return True
    return False


def quoted_event(text: str) -> bool:
    """Every event verb of the sentence stands inside quotation marks (a quotation is no
    report: 'the minister said: "We will ban exports of nickel matte from June"').

    >>> quoted_event('He said: "We will ban exports of nickel ore from June."')
    True
    >>> quoted_event('Indonesia banned exports, calling it "a historic step".')
    False
    """
    spans = [m.span() for m in re.finditer(r"[\"\u201c][^\"\u201c\u201d]{3,}[\"\u201d]", text)]
    if not spans:
        return False
    verbs = [m.start() for pattern in (ANNOUNCED, SUSPENDED, IN_FORCE, EXPORT_HALT, APPROVED,
                                       DENIED, EXPEDITED, PLANNED_CONTROL)
             for m in pattern.finditer(text)]
    return bool(verbs) and all(any(a <= v < b for a, b in spans) for v in verbs)


def clause_bounds(text: str, position: int) -> tuple[int, int]:
    """Start and end of the clause of ``text`` that holds ``position`` (a clause ends at
    ", and", ", while", ", but", ", whereas" or ";").

    >>> text = "Exports to Germany rose 5%, while South Korea took 854 tons."
    >>> text[slice(*clause_bounds(text, 0))]
    'Exports to Germany rose 5%, while '
    """
    bounds = [0] + [m.end() for m in re.finditer(r",\s+(and|while|but|whereas)\s|;\s",
                                                 text)] + [len(text) + 1]
    return (max(b for b in bounds if b <= position),
            min(b for b in bounds if b > position))


def generic_after_element(found: list[Found], text: str) -> list[Found]:
    """A material named by a generic word of a mined form right after an element ("lithium
    concentrate", "germanium concentrate") is that element's, not the graph's material of
    that word ("neodymium magnets" stay magnets)."""
    out = []
    for index, f in enumerate(found):
        previous = found[index - 1] if index else None
        if f.kind == "Material" and re.fullmatch(r"(concentrates?|ores?)", f.mention.text.strip(),
                                                 re.I) and previous \
                and previous.kind == "Element" \
                and re.fullmatch(r"[\s-]*", text[previous.mention.end:f.mention.start]):
            continue
        out.append(f)
    return out


def modifier_materials(found: list[Found], text: str) -> list[Found]:
    """A material named right before another, as its modifier ("natural graphite active
    anode material" is anode material, the head of the compound), is not named itself."""
    out = []
    for index, f in enumerate(found):
        following = found[index + 1] if index + 1 < len(found) else None
        if f.kind == "Material" and following is not None and following.kind == "Material" \
                and following.id != f.id and re.fullmatch(
                    r"[\s-]*([a-z]+[\s-]+)?", text[f.mention.end:following.mention.start]) \
                and not re.search(r"\b(and|or|to|from|into|for|of|with|in)\b",
                                  text[f.mention.end:following.mention.start]):
            continue
        out.append(f)
    return out


def named_reference(text: str) -> re.Match | None:
    """The announcement a sentence is about: the one suspended when a suspension names
    two ("issued Announcement No. 70, suspending Announcement No. 57" -> No. 57).

    >>> named_reference("It issued Announcement No. 70, suspending Announcement No. 57.").group(1)
    '57'
    """
    suspended = re.search(r"\b(suspend\w*|lift\w*|revok\w*|withdr\w*)\b[^.;]{0,80}?"
                          r"(?=Announcement No)", text, re.I)
    if suspended:
        return REFERENCE.search(text, suspended.end())
    return REFERENCE.search(text)


#: A caveat of the speaker closing a sentence (", though it warned that the approvals covered
#: only a fraction of applications"): a statement of scope, no hedge of the event before it.
CAVEAT = re.compile(r",\s+(?:though|although|but)\s+(?:it|they|he|she|the\s+[\w-]+|[A-Z][\w.&-]*)"
                    r"\s+(?:also\s+)?(?:warned|cautioned)\s+(?:that\s+)?(?P<rest>[^,;]+)[.!]?\s*$")


#: The noun of a licence decision, for the id of a forecast or plan of one.
DECISION_NOUN = {"approved": "approval", "denied": "denial", "expedited": "expediting",
                 "under-review": "review"}


#: A closing clause in which the speaker withholds details: ", though it gave no figure for
#: the approvals and would not say whether ...", ", but declined to name the companies",
#: ", without giving details".
WITHHELD_DETAIL = re.compile(
    r",\s+(?:(?:though|although|but|while)\s+(?:(?:it|they|he|she|the\s+[\w-]+|officials?|"
    r"[A-Z][\w.&-]*)\s+)?(?:also\s+)?(?:(?:gave|provided|offered)\s+no\s+(?:figures?|details?|"
    r"numbers?|breakdown|names?|further\s+details?)|(?:did|would|could)\s+not\s+(?:say|give|"
    r"disclose|name|specify|elaborate|comment|identify)|declined\s+to\s+(?:say|give|disclose|"
    r"name|specify|elaborate|comment|identify))|without\s+(?:giving|naming|saying|disclosing|"
    r"specifying|elaborating|identifying))\b[^;]*$", re.I)


def detail_withheld_cut(text: str) -> str:
    """``text`` without a closing clause in which the speaker withholds details (the number,
    the names, whether any went to a country): it states nothing, so no word of it (a
    "whether", a country) is read as part of the event.

    >>> detail_withheld_cut("China has approved a number of applications, the ministry said "
    ...                     "on Thursday, though it gave no figure and would not say whether "
    ...                     "any had gone to US buyers.")
    'China has approved a number of applications, the ministry said on Thursday'
    >>> detail_withheld_cut("The ministry approved licences, without naming the companies.")
    'The ministry approved licences'
    >>> detail_withheld_cut("China approved licences, though it warned they could be revoked.")
    'China approved licences, though it warned they could be revoked.'
    """
    cut = WITHHELD_DETAIL.search(text)
    if cut is None or cut.start() == 0:
        return text
    return text[:cut.start()].rstrip()   # the article's own words, for the claims' quote


def caveat_cut(text: str) -> str:
    """``text`` without a closing caveat in the past tense whose own words hedge nothing
    (trial 7's MED-1); the text as it was otherwise.

    >>> caveat_cut("China has approved licences to European suppliers, CLEPA said on "
    ...            "Friday, though it warned that the approvals covered only a fraction.")
    'China has approved licences to European suppliers, CLEPA said on Friday'
    >>> caveat_cut("It had approved applications, though it warned that licensing would "
    ...            "remain strict for military end users.")
    'It had approved applications'
    >>> caveat_cut("It had approved applications, though it warned that licences would be "
    ...            "revoked.")
    'It had approved applications, though it warned that licences would be revoked.'
    >>> caveat_cut("China approved licences, though it warned that it could revoke them.")
    'China approved licences, though it warned that it could revoke them.'
    >>> caveat_cut("China warned that it could ban exports.")
    'China warned that it could ban exports.'
    """
    cut = CAVEAT.search(text)
    if cut is None:
        return text
    # "though it warned that licensing would remain strict for military end users": a rule
    # that stays as it is hedges no decision taken (trial 8's MED-1)
    rest = re.sub(r"\b(will|would|shall) (remain|stay|continue to be)\b", "",
                  cut.group("rest"), flags=re.I)
    if any(p.search(rest) for p in (HEDGE, EXPECTED_CUE, PLANNED_CUE, SPECULATIVE_CUE)) \
            or QUESTION.search(rest) or re.search(r"\b(will|would|shall)\b", rest, re.I):
        return text
    return text[:cut.start()]


def factual_part(text: str) -> str | None:
    """The clause of a sentence before a hedged one ("It halted production on Thursday,
    and expected to restart soon" -> "It halted production on Thursday"), or None.

    >>> factual_part("Lynas halted output on Monday, and expected to restart it soon.")
    'Lynas halted output on Monday'
    >>> factual_part("Lynas could halt output.") is None
    True
    """
    if QUESTION.search(text):
        return None
    cues = [m.start() for p in (HEDGE, EXPECTED_CUE, PLANNED_CUE, SPECULATIVE_CUE)
            for m in [p.search(text)] if m]
    if not cues:
        return None
    first = min(cues)
    bounds = [m.start() for m in re.finditer(r",\s+(and|but|while)\s|;\s", text[:first])]
    return text[:bounds[-1]] if bounds else None


def modality_of(text: str) -> str:
    """The modality of a hedged sentence: expected (a forecast), planned, or speculative.

    >>> modality_of("Permits are likely to be approved more easily, two sources said.")
    'expected'
    >>> modality_of("China is drafting a system that would bar defence firms.")
    'planned'
    >>> modality_of("Officials could ease the review.")
    'speculative'
    """
    if HEDGE.search(re.sub(r"\b(expected to|plans? to|planning to)\b", "", text, flags=re.I)) \
            or SPECULATIVE_CUE.search(text):
        return "speculative"
    if PLANNED_CUE.search(text):
        return "planned"
    return "expected"


def element_label(symbol: str) -> str:
    """The English name of an element symbol the news loader knows (C is carbon)."""
    if symbol == "C":
        return "Carbon"
    return next((n for n, s in ELEMENTS.items() if s == symbol), symbol).capitalize()


#: a later clause that doubts the first one's event ("; the ministry has not confirmed it", "a
#: move that has not taken effect"): the negation is of the event, the sentence stays whole
UNCONFIRMED = re.compile(r"\b(confirm\w*|verif\w*|official\w*|announc\w*|true|happen\w*|"
                         r"effect|in force|final\w*|approv\w*|publish\w*|comment\w*|said so|"
                         r"say so|says so)\b", re.I)


#: ", and it denied a licence ...": a clause after a negated one whose subject (a pronoun
#: or the deciding body) takes a decision of its own, in the past
LATER_DECISION = re.compile(r",\s+(and|but)\s+(?=(it|they|the (commerce )?ministry|beijing|"
                            r"the government|mofcom)\s+(also\s+|then\s+)?(" + DECISION_VERBS
                            + r"|banned|imposed)\b)", re.I)


#: Before a list of goods, words that say the goods are left out of a measure: "excluding",
#: "but not", "did not cover", "with the exception of"
NOT_COVERED_BEFORE = re.compile(
    r"\b(?:excluding|except(?:\s+for)?|but\s+not|other\s+than|not\s+including|with\s+the\s+"
    r"exception\s+of|exempting|sparing|leaving\s+out|(?:does|do|did|would|will)\s+not\s+"
    r"(?:cover|include|apply\s+to|extend\s+to|ban|restrict|affect|name|list)|(?:doesn't|don't|"
    r"didn't|won't)\s+(?:cover|include|apply\s+to|extend\s+to|ban|restrict|affect|name|list)|"
    r"no\s+(?:ban|curbs?|restrictions?|controls?)\s+(?:on|of))\s+(?:the\s+|any\s+)?$", re.I)
#: After a list of goods, words that say the goods are not covered: "itself was not banned",
#: "are not covered", "was exempted", "remain unrestricted"
NOT_COVERED_AFTER = re.compile(
    r"^(?:\s+(?:itself|themselves|as\s+such|products|items|exports|shipments))?,?\s+"
    r"(?:(?:was|were|is|are|has\s+been|have\s+been|had\s+been|remains?|remained|stays?|"
    r"stayed|will\s+be|would\s+be)\s+(?:still\s+|also\s+|left\s+)?(?:(?:not|never)\s+"
    r"(?:\w+\s+)?(?:banned|covered|included|listed|restricted|controlled|affected|subject|"
    r"targeted|named|part|among)|exempt(?:ed)?|excluded|spared|left\s+(?:out|off)|"
    r"unaffected|unrestricted|uncontrolled|outside)|(?:isn't|aren't|wasn't|weren't)\s+"
    r"(?:\w+\s+)?(?:banned|covered|included|listed|restricted|controlled|affected|subject|"
    r"targeted|named|part|among))\b", re.I)
#: What joins the goods of one list: ", ", " and ", " or ", " nor "
GOODS_JOINT = re.compile(r"^\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or|nor)\s+)$", re.I)


def goods_not_covered(text: str, found: list) -> set[str]:
    """The elements and materials a sentence says a measure leaves out ("graphite itself was
    not banned", "excluding gallium and germanium", "the rule does not cover tungsten"): a
    negated covering is no covering. A list of goods shares its cue ("gallium and germanium
    are not covered": both).

    ``found`` are the sentence's resolved mentions (``Found``, in order).

    >>> from types import SimpleNamespace as N
    >>> def f(id, start, end):
    ...     return N(id=id, kind="Element", mention=N(start=start, end=end))
    >>> text = "It covers gallium and germanium, though graphite itself was not banned."
    >>> sorted(goods_not_covered(text, [f("element:Ga", 10, 17), f("element:Ge", 22, 31),
    ...                                 f("element:C", 40, 48)]))
    ['element:C']
    >>> text = "The ban covers antimony, excluding gallium and germanium."
    >>> sorted(goods_not_covered(text, [f("element:Sb", 15, 23), f("element:Ga", 35, 42),
    ...                                 f("element:Ge", 47, 56)]))
    ['element:Ga', 'element:Ge']
    """
    goods = [f for f in found if f.kind in ("Element", "Material")]
    out: set[str] = set()
    runs: list[list] = []
    for f in goods:   # lists of goods: mentions joined by a comma, "and", "or"
        if runs and GOODS_JOINT.match(text[runs[-1][-1].mention.end:f.mention.start]):
            runs[-1].append(f)
        else:
            runs.append([f])
    for run in runs:
        if NOT_COVERED_BEFORE.search(text[:run[0].mention.start]) \
                or NOT_COVERED_AFTER.match(text[run[-1].mention.end:]):
            out |= {f.id for f in run}
    return out


#: "last year" that is no figure's own year: the base of a comparison ("than last year",
#: "from last year", "compared with last year") or a month's ("in March last year")
_BASE_BEFORE = re.compile(r"\b(than|from|compared\s+(with|to)|versus|against|on|over|since|"
                          r"of|until|before|after|same\s+(month|period|time)|at\s+(least|"
                          r"most))\s+$|"
                          r"\b(" + "|".join(MONTHS) + r")\.?\s+$", re.I)


def own_last_year(text: str, figure) -> bool:
    """True when "last year" in the figure's clause gives the figure's own year ("China
    exported 62,585 tons of rare earths last year, up 12.9% on 2024"), not a comparison's
    base ("up 12% from last year") nor a month's ("in March last year"); the clause names no
    month or year of its own.

    >>> from types import SimpleNamespace as F
    >>> text = "China exported 62,585 tons of rare earths last year, up 12.9% on 2024."
    >>> own_last_year(text, F(start=15, end=25))
    True
    >>> own_last_year("Exports were 5,000 tons, up 12% from last year.", F(start=13, end=22))
    False
    >>> own_last_year("Exports rose to 5,000 tons in March last year.", F(start=16, end=26))
    False
    """
    start, end = clause_bounds(text, figure.start)
    aside = re.search(r"\s[\u2013\u2014-]{1,2}\s", text[figure.end:end])
    clause = text[start:figure.end + aside.start() if aside else end]   # "— even after ..."
    found = [m for m in re.finditer(r"\blast year\b", clause, re.I)
             if not _BASE_BEFORE.search(clause[:m.start()])]
    if len(found) != 1:
        return False
    # a year or month of the clause's own (not a comparison's base) dates the figure instead
    return not any(not _BASE_BEFORE.search(clause[:m.start()]) for m in re.finditer(
        r"\b(20\d\d|" + "|".join(m for m in MONTHS if len(m) > 3) + r")\b", clause, re.I))


def negated_clause_apart(sentences: list[str]) -> list[str]:
    """Each sentence, with a negated clause after a semicolon set apart as a sentence of its
    own: "On Dec. 3, 2024, China banned exports of gallium ... to the United States;
    despite repeated speculation that it would follow against Japan, Beijing has not done so"
    states the ban in its first clause and negates only the second; so does an apposition or a
    relative clause ("..., a step that did not cover rare earths", "..., which has not been
    lifted"). A negation before the cut, or on both sides of it, leaves the sentence whole.

    >>> negated_clause_apart(["China banned exports of gallium; Beijing has not done so since."])
    ['China banned exports of gallium;', 'Beijing has not done so since.']
    >>> negated_clause_apart(["China has not banned gallium; it restricts it."])
    ['China has not banned gallium; it restricts it.']
    >>> negated_clause_apart(["It has not approved US firms, and it denied a licence to X."])
    ['It has not approved US firms.', 'It denied a licence to X.']
    """
    out = []
    for sentence in sentences:
        cut = re.search(r";\s+|,\s+(?=(a|an|the)\s+(step|move|measure|decision|rule|curb|"
                        r"restriction|ban)s?\s+(that|which)\b|which\b)", sentence)
        first, rest = (sentence[:cut.start()], sentence[cut.end():]) if cut else (sentence, "")
        if cut and cut.group(0).startswith(",") and "," in rest:
            rest = ""   # "Exports of X, which the curbs do not cover, fell": an inner clause
        if rest and NEGATED.search(rest) and not NEGATED.search(first) \
                and not QUESTION.search(sentence) and not UNCONFIRMED.search(rest):
            out += [first + sentence[cut.start()], rest]
            continue
        # "The ministry has not yet approved applications from U.S. defence contractors, and
        # it denied a licence for a drone maker last week": the negation is the first
        # clause's; the second states a decision of its own (trial 6, L4)
        later = LATER_DECISION.search(sentence)
        if later and NEGATED.search(sentence[:later.start()]) \
                and not NEGATED.search(sentence[later.end():]) \
                and not QUESTION.search(sentence) \
                and not UNCONFIRMED.search(sentence[later.end():]):
            rest = sentence[later.end():]
            out += [sentence[:later.start()] + ".", rest[:1].upper() + rest[1:]]
        else:
            out.append(sentence)
    return out


def load_news(path: Path, context: LoadContext | None = None) -> LoadResult:
    """Claims of one news article (see the module docstring for what is read).

    Parameters
    ----------
    path : Path
        A ``.txt``, ``.md`` or ``.html`` article.
    context : LoadContext, optional
        ``known`` resolves names to ids; ``options["article_date"]`` dates an article
        that gives no date.

    Raises
    ------
    InputError
        When the article has no date and none was given (``file:line: date: ...``).
    """
    return NewsReader(Path(path), context or LoadContext()).read()


def looks_like_news(path: Path) -> bool:
    """A ``.txt``, ``.md`` or ``.html`` file."""
    return path.is_file() and path.suffix.lower() in SUFFIXES


register(Loader("news", "news article (text, Markdown or HTML) on export controls, "
                "licences and supply relations", looks_like_news, load_news))

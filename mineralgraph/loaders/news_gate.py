"""The last check every event claim of a news article passes before it is kept (issue 15).

The rules of :mod:`mineralgraph.loaders.news` find candidates; this module decides, for each
kind of claim, whether its sentence states it plainly enough to be kept. Each check is
conservative by construction: it names what the sentence must show, and the claim is
dropped (with the reason recorded in the article's report) when the sentence does not show
it. The checks look only at the claim's own sentence and at the known graph, never at a
particular article, so what they keep on unseen text is what they keep on the sets.

- **a licence decision** needs a deciding verb used as a verb (``approved``, ``granted``,
  ``denied``, ...; not "approved end uses"), after an auxiliary or a subject, in a sentence
  that is no explainer of how licensing works ("A general licence works like ...",
  "Reports that Beijing has started issuing ...");
- **a new control** (no known node) is dropped when a known control of the same issuer
  covers its items and the sentence gives no announcement date of its own, or the one it
  gives is the known control's ("Similar curbs on gallium and germanium have been in place
  since Aug. 1" is the July 2023 control, not one of October);

>>> decision_doubt("China approved export licences for gallium to two chipmakers on Tuesday.")
>>> decision_doubt("A general licence covers approved end uses and a group of customers.")
'not a decision: no deciding verb with its subject or auxiliary'
>>> decision_doubt("Reports that Beijing has granted general licences have been read as a sign.")
'background: the sentence explains or reports talk of licensing, it states no decision'
"""

from __future__ import annotations

import re

from mineralgraph.loaders.news_words import DECISION_VERBS, MONTH_NAMES_NOT_MAY

#: A deciding verb in a finite (past, perfect, passive or announced future) form.
DECIDING = re.compile(r"\b(" + DECISION_VERBS + r"|turned down|"
                      r"received|obtained|won|secured|cleared|given|gave|sped up|speed up|"
                      r"expedited|fast-tracked|accelerated|approve|grant|issue|deny|reject|"
                      r"signed off on)\b",
                      re.I)
#: What stands right before a deciding verb used as a verb: an auxiliary, a pronoun or a
#: subject's name ("China approved", "had been refused", "it had received", "will issue").
VERBAL_BEFORE = re.compile(r"(\b(has|have|had|been|be|was|were|will|would|is|are|to|and|it|"
                           r"they|he|she|we|who|which|that|china|beijing|authorities|ministry|"
                           r"government|officials|mofcom)|[A-Z][\w.'\u2019-]*|\))\s+"
                           r"((also|now|quietly|formally|officially|only|first|already|since|"
                           r"reportedly|recently|just|finally|so far|still|reviewed and|"
                           r"agreed to)\s+)*$")
#: An explainer or a report of talk: how licensing works, what a licence is, myths.
BACKGROUND = re.compile(r"\b(works? like|is like|means that|for example|e\.g\.|in general|"
                        r"myth|reality|reports? (that|of)|rumou?rs?|a sign that|"
                        r"read (by many )?as|what (a|an|the) [\w -]{0,30}(is|means)|"
                        # how applications are handled: "will review the documents and make a
                        # decision to approve or disapproval", "whether to approve"
                        r"(approve|grant|issue)\s+or\s+(not|den\w*|reject\w*|refus\w*|disapprov\w*)|"
                        r"whether to|will (review|consider|examine|process)|"
                        r"make (a|its) decisions?|"
                        # a call for a decision: "urged Beijing to speed up approvals"
                        r"(urg\w+|ask(s|ed|ing)?|call(s|ed|ing)? on|press(es|ed|ing)?|request\w*|"
                        r"demand\w*|lobb\w+|want(s|ed)?|appeal\w*)\s+([\w.'\u2019-]+\s+){0,4}?to)\b",
                        re.I)
#: A clause of background a deciding verb stands in: "..., before the first approvals were
#: granted in late September".
SUBORDINATE = re.compile(r"\b(before|after|since|until|when|once|as|while)\s+"
                         r"([\w.'\u2019-]+\s+){0,6}$",
                         re.I)


#: Talk of an event, not the event: rumours and reports of it, fears and beliefs that it will
#: happen, a counterfactual ("Had China approved the licences in May, ...").
HEARSAY = re.compile(r"\b(reports?|rumou?rs?|speculation|claims?|suggestions?) (that|of)\b|"
                     r"\b(fear(s|ed|ing)?|worr(y|ies|ied)|believes?|believed|suspects?|"
                     r"suspected|doubts?|doubted|assum(e|es|ed)|imagine)\b(?! (of|about) )|"
                     r"^\W*(had|were|should)\s+[\w.'\u2019 -]{1,40}?\s+(approved|granted|"
                     r"denied|banned|restricted|imposed|lifted|suspended)\b|\bwould have\b",
                     re.I)


def event_doubt(text: str) -> str | None:
    """Why ``text`` states no event (a control's or a licence's), or None.

    >>> event_doubt("Rumours that China had halted all magnet exports sent prices higher.")
    'hearsay: a rumour, fear or counterfactual of an event is no event'
    >>> event_doubt("Had China approved the licences in May, the plant would not have closed.")
    'hearsay: a rumour, fear or counterfactual of an event is no event'
    >>> event_doubt("China approved the licences in May, the ministry said.") is None
    True
    """
    if HEARSAY.search(text):
        return "hearsay: a rumour, fear or counterfactual of an event is no event"
    return None


#: A clause that leads the sentence and sets it in its background ("While Chinese authorities
#: have recently issued a limited number of export licenses, the supply remains constrained").
LEADING_CLAUSE = re.compile(r"^\W*(while|although|though|even though|whereas|as|since|because|"
                            r"given that|now that)\b[^,]*,", re.I)
#: A month named in a sentence: "During a July summit".
MONTH_NAME = re.compile(r"\b(" + MONTH_NAMES_NOT_MAY + r")\b")
#: A time no day can be read from: "recently", "in recent weeks", "so far".
VAGUE_TIME = re.compile(r"\b(recently|lately|in recent (days|weeks|months)|so far|to date|"
                        r"over the (past|last) (few )?(days|weeks|months))\b", re.I)


def decision_doubt(text: str, dated_by_article: bool = False,
                   unread_month: bool = False) -> str | None:
    """Why ``text`` states no licence decision, or None when it does; ``dated_by_article``:
    the sentence gives no date of its own; ``unread_month``: it names a month no date read in
    it takes ("During a July summit").

    >>> decision_doubt("While China has recently issued some licences, supply is tight.")
    'background: the decision stands in a clause that leads the sentence (while, although, as)'
    >>> decision_doubt("China has recently issued some licences.", dated_by_article=True)
    "not dated: 'recently', 'so far' give no day, and the article's date is no decision's"
    """
    if BACKGROUND.search(text):
        return "background: the sentence explains or reports talk of licensing, it states no " \
               "decision"
    lead = LEADING_CLAUSE.match(text)
    if lead and DECIDING.search(lead.group(0)) and not DECIDING.search(text[lead.end():]):
        return "background: the decision stands in a clause that leads the sentence (while, " \
               "although, as)"
    if dated_by_article and VAGUE_TIME.search(text):
        return "not dated: 'recently', 'so far' give no day, and the article's date is no " \
               "decision's"
    if dated_by_article and unread_month:
        # "During a July summit ..., China agreed to fast-track licences": the sentence names
        # a month its date did not take; the article's day is a guess
        return "not dated: the sentence names a month the decision's date does not take"
    # "China, which restricted exports in April, approved licences": the aside set apart
    text = re.sub(r",\s+(which|who|whose)\b[^,]*,", "", text)
    background = False
    for verb in DECIDING.finditer(text):
        if text[max(0, verb.start() - 1):verb.start()] == "-":   # "pre-approved"
            continue
        if not VERBAL_BEFORE.search(text[max(0, verb.start() - 60):verb.start()]):
            continue
        clause = re.split(r"[,;]", text[:verb.start()])[-1]
        if SUBORDINATE.search(clause):
            background = True   # "..., before the first approvals were granted in ..."
            continue
        return None
    if background:
        return "background: the decision stands in a clause of background (before, after, " \
               "since)"
    return "not a decision: no deciding verb with its subject or auxiliary"


def restated_doubt(control: dict, sentence_dates: list, known: dict[str, dict]) -> str | None:
    """Why a control no known node matched is a known one restated, or None.

    ``control``: the new control's ``issuer``, ``covers`` and ``targets`` (sets of ids);
    ``sentence_dates``: the dates its sentences give; ``known``: the known controls by id
    (the same keys, with ``announced`` and ``effective``). A new control is a restatement
    when a known control of its issuer covers every item it covers, targets every country it
    targets, and the sentence gives no date or one in the known control's month of
    announcement or entry into force.

    >>> from datetime import date
    >>> july = {"issuer": {"country:CN"}, "covers": {"element:Ga", "element:Ge"},
    ...         "targets": set(), "announced": date(2023, 7, 3),
    ...         "effective": date(2023, 8, 1), "minted": False}
    >>> new = {"issuer": {"country:CN"}, "covers": {"element:Ga"}, "targets": set()}
    >>> restated_doubt(new, [date(2023, 8, 1)], {"control:cn-2023-07": july})  # doctest: +ELLIPSIS
    'restated: control:cn-2023-07 of the same issuer covers these items, in the month ...'
    >>> restated_doubt(new, [date(2024, 12, 3)], {"control:cn-2023-07": july}) is None
    True
    """
    node = restated_match(control, sentence_dates, known)
    if node is None:
        return None
    if not sentence_dates:
        return f"restated: {node} of the same issuer covers these items; the sentence " \
               "gives no date of another announcement"
    return f"restated: {node} of the same issuer covers these items, in the month the " \
           "sentence gives"


def restated_match(control: dict, sentence_dates: list, known: dict[str, dict],
                   years: tuple[int, ...] = ()) -> str | None:
    """The known control a new one restates (see :func:`restated_doubt`), or None; ``years``:
    years the sentence names, of which one must be the known control's ("since 2010" is not
    the July 2023 control)."""
    if not control["covers"]:
        return None
    for node, info in sorted(known.items()):
        if info.get("minted") or not control["issuer"] & info["issuer"] \
                or not control["covers"] <= info["covers"] \
                or not control["targets"] <= info["targets"]:
            continue
        months = {(d.year, d.month) for d in (info["announced"], info["effective"]) if d}
        if years and not {y for y, _ in months} & set(years):
            continue
        if not sentence_dates or any((d.year, d.month) in months for d in sentence_dates):
            return node
    return None


#: A supply promised for later: "will supply", "agreed to supply", "is to deliver", "signed a
#: deal on Tuesday to supply", "a commitment ... to buy".
FUTURE_SUPPLY = re.compile(r"\b(will|shall|would|is to|are to|(has |have )?agreed to|agrees to|"
                           r"(has |have )?committed to|commits to|to)\s+(also\s+|initially\s+|"
                           r"eventually\s+|jointly\s+|begin to\s+|start to\s+)?(supply|deliver|"
                           r"provide|sell|ship|buy|purchase|source|procure)\b", re.I)
#: A production to come: "where it will make sintered neodymium magnets" (goods after the verb,
#: not "the deal will make it a bigger supplier")
FUTURE_PRODUCTION = re.compile(r"\b(will|shall|is to|are to)\s+(also\s+|initially\s+|"
                               r"eventually\s+)?(make|produce|manufacture)\s+"
                               r"(?!(it|them|this|that|us|him|her|"
                               r"a|an|sure|up|way|money|progress|sense)\b)", re.I)
#: A supply to begin: "will begin supplying", "is to start deliveries", "set to start shipping".
SUPPLY_TO_BEGIN = re.compile(r"\b(will|shall|would|is to|are to|(is|are) set to|(is|are) due to|"
                             r"plans? to|expects? to)\s+(begin|start|commence)\s+(supplying|"
                             r"delivering|shipping|selling|providing|deliveries|shipments|"
                             r"supplies)\b", re.I)
#: The instrument a supply is promised under: a contract, memorandum, agreement, offtake, deal.
AGREEMENT = re.compile(r"\b(contracts?|memorand(um|a)|MOUs?|MoUs?|agreements?|offtakes?|"
                       r"off-takes?|deals?|partnerships?|letters? of intent|LOIs?|term sheets?|"
                       r"commitments?|pacts?)\b")
#: Deliveries stated as begun: "began supplying", "first shipments", "deliveries have started".
UNDER_WAY = re.compile(r"\b(began|begun|begins|started|starts|commenced|has been (supplying|"
                       r"shipping|delivering)|have been (supplying|shipping|delivering)|already "
                       r"(supplies|supplying|ships|shipping|delivers|delivering|sells)|first "
                       r"(deliveries|delivery|shipments?|cargo(es)?|batch)|deliveries (have|has) "
                       r"(begun|started)|(is|are) now (supplying|shipping|delivering))\b", re.I)


def supply_plan(text: str) -> str | None:
    """Why a supply the sentence states is a plan, not a supply under way, or None.

    A supply promised under a contract, memorandum, agreement or offtake ("will supply",
    "agreed to supply", "a deal to buy") with no statement that deliveries have begun is
    planned (``modality=planned``), never a supply fact (the lead's ruling, issue 15).

    >>> supply_plan("Energy Fuels and POSCO signed a memorandum of understanding on Monday "
    ...             "under which Energy Fuels will supply NdPr oxide to POSCO.")
    'planned: a supply promised under an agreement, with no delivery said to have begun'
    >>> supply_plan("Under the 2023 offtake, Lynas began supplying oxide to Noveon, which "
    ...             "will supply magnets to carmakers.") is None
    True
    >>> supply_plan("Lynas supplies NdPr oxide to Noveon.") is None
    True
    >>> supply_plan("Lynas will supply NdPr oxide to Noveon.")
    'planned: a supply in the future tense, with no delivery said to have begun'
    >>> supply_plan("Lynas will begin supplying NdPr oxide to Noveon next year.")
    'planned: a supply said to begin later'
    >>> supply_plan("The plant, where it will make sintered magnets, opens in March.")
    'planned: a production in the future tense'
    >>> supply_plan("The deal will make it a bigger supplier of magnets.") is None
    True
    """
    future = FUTURE_SUPPLY.search(text)
    if future and AGREEMENT.search(text) and not UNDER_WAY.search(text):
        return "planned: a supply promised under an agreement, with no delivery said to have " \
               "begun"
    if future and future.group(1).lower() != "to" and not UNDER_WAY.search(text):
        # "Lynas will supply NdPr oxide to Noveon": a supply in the future tense is a plan
        # whether or not the sentence names the agreement (issue 15, modality)
        return "planned: a supply in the future tense, with no delivery said to have begun"
    if SUPPLY_TO_BEGIN.search(text):
        # "Lynas will begin supplying NdPr oxide to Noveon next year": deliveries to come
        return "planned: a supply said to begin later"
    if FUTURE_PRODUCTION.search(text) and not UNDER_WAY.search(text):
        # "its magnet plant, where it will make sintered neodymium magnets": a production in
        # the future tense is a plan, as a planned plant is (round 21's case 11)
        return "planned: a production in the future tense"
    return None

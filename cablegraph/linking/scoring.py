"""Score a candidate for a person mention, and decide among candidates.

Pure functions. A score is a weighted sum of four parts, each in 0..1, with
the reasons kept for the report:

- name (0.5): :func:`cablegraph.linking.names.best_name` over the candidate's names;
- post (0.2): a post the candidate held agrees with a title in the cable (and,
  where the post has dates, was held on the cable's date);
- state (0.15): the candidate belongs to the state the cable ties the person to;
- dates (0.15): the candidate was alive and active on the cable's date.

Unknown parts count 0.5. A candidate dead before the cable, born too late
for office, or whose surname does not agree is rejected whatever the rest.
:func:`decide` accepts the best candidate at or over the accept threshold
unless a rival is within the margin, in which case both go to review.
"""
from __future__ import annotations

from cablegraph.linking.model import Candidate, Decision, Mention, Position, Thresholds
from cablegraph.linking.names import ascii_upper, best_name

WEIGHTS = {"name": 0.5, "post": 0.2, "state": 0.15, "dates": 0.15}

# words of titles and posts that say what the office is; other words (of, the, state names) are ignored
_SYNONYMS = {
    "DEFENCE": "DEFENSE", "FM": "FOREIGN MINISTER", "PM": "PRIME MINISTER", "DFM": "DEPUTY FOREIGN MINISTER",
    "DPM": "DEPUTY PRIME MINISTER", "MFA": "FOREIGN MINISTER", "MOD": "DEFENSE MINISTER", "MOI": "INTERIOR MINISTER",
    "MINISTRY": "MINISTER", "PRESIDENCY": "PRESIDENT", "CHAIR": "CHAIRMAN", "CHAIRPERSON": "CHAIRMAN",
    "PREMIER": "PRIME MINISTER", "AMB": "AMBASSADOR", "EXTERNAL": "FOREIGN", "HOME": "INTERIOR",
    "INTERNAL": "INTERIOR", "ECONOMIC": "ECONOMY", "FINANCIAL": "FINANCE", "MONARCH": "KING", "SULTAN": "KING",
    "EMIR": "KING", "AMIR": "KING", "SHAH": "KING", "ADVISER": "ADVISOR",
}
OFFICE_WORDS = frozenset(
    """PRESIDENT PRIME MINISTER FOREIGN DEFENSE INTERIOR FINANCE ECONOMY JUSTICE ENERGY TRADE AGRICULTURE
    HEALTH EDUCATION KING QUEEN AMBASSADOR CHAIRMAN SPEAKER PARLIAMENT GOVERNOR MAYOR GENERAL CHIEF STAFF
    SECRETARY ADVISOR SECURITY INTELLIGENCE POLICE COMMANDER PROSECUTOR JUDGE DIRECTOR HEAD LEADER
    CHANCELLOR TRANSPORT INDUSTRY OIL LABOR CULTURE EMERGENCY""".split()
)
_RANK_WORDS = frozenset({"DEPUTY", "VICE", "FIRST", "ASSISTANT", "ACTING", "FORMER"})


def office_words(title: str) -> frozenset[str]:
    """``Deputy Minister of Foreign Affairs`` -> {DEPUTY, MINISTER, FOREIGN}."""
    words: list[str] = []
    for word in ascii_upper(title).split():
        words.extend(_SYNONYMS.get(word, word).split())
    return frozenset(w for w in words if w in OFFICE_WORDS or w in _RANK_WORDS - {"FORMER", "ACTING"})


def title_fits(title: str, post: str) -> bool:
    """A cable's title fits a post when the post has every office word of the
    title and both are deputies (or neither is)."""
    t, p = office_words(title), office_words(post)
    t_office, p_office = t & OFFICE_WORDS, p & OFFICE_WORDS
    if not t_office or not p_office:
        return False
    return t_office <= p_office and bool(t & {"DEPUTY", "VICE"}) == bool(p & {"DEPUTY", "VICE"})


def _year(value: str | None) -> int | None:
    if not value:
        return None
    digits = value.lstrip("+-")[:4]
    return int(digits) if digits.isdigit() else None


def _within(date: str, start: str | None, end: str | None) -> bool:
    day = date[:10]
    if start and day < start[:10]:
        return False
    if end:
        end = end[:10]
        if day > end + "-99-99"[len(end) - 4:]:  # "2006" ends on 2006-99-99, "2006-07" on 2006-07-99
            return False
    return True


def post_part(mention: Mention, candidate: Candidate) -> tuple[float, str]:
    titles = [t for t in mention.titles if office_words(t) & OFFICE_WORDS]
    posts = [p.label for p in candidate.positions] + list(candidate.roles)
    if not titles:
        return 0.5, "no title in the cable"
    if not posts:
        return 0.5, "no post known"
    fitting = [p for p in candidate.positions if any(title_fits(t, p.label) for t in titles)]
    for position in fitting:
        if position.state and mention.state and position.state != mention.state:
            continue
        if mention.date and (position.start or position.end):
            if _within(mention.date, position.start, position.end):
                return 1.0, f"held '{position.label}' on {mention.date[:10]}"
            continue
        return 0.9, f"held '{position.label}' (dates unknown)"
    roles = [r for r in candidate.roles if any(title_fits(t, r) for t in titles)]
    if roles:
        return 0.9, f"role '{roles[0][:60]}'"
    if fitting:
        return 0.3, f"held '{fitting[0].label}' but not then or not there"
    return 0.0, f"no post fits '{titles[0]}'"


def state_part(mention: Mention, candidate: Candidate) -> tuple[float, str]:
    if not mention.state:
        return 0.5, "no state in the cable"
    if not candidate.states:
        return 0.5, "no state known"
    if mention.state in candidate.states:
        return 1.0, f"state {mention.state} agrees"
    return 0.0, f"state {mention.state} not among {'/'.join(candidate.states[:4])}"


def dates_part(mention: Mention, candidate: Candidate) -> tuple[float, str]:
    """(part, why); part 0 vetoes the candidate."""
    year = _year(mention.date)
    if year is None:
        return 0.5, "cable undated"
    death, birth = _year(candidate.death), _year(candidate.birth)
    if death is not None and death < year:
        return 0.0, f"died {death}, before the cable ({year})"
    if birth is not None and birth > year - 18:
        return 0.0, f"born {birth}, too young in {year}"
    if candidate.active:
        first, last = _year(candidate.active[0]), _year(candidate.active[1])
        if first is not None and last is not None:
            if first - 10 <= year <= last + 10:
                return 1.0, f"active {first}-{last}"
            return 0.3, f"active {first}-{last}, far from {year}"
    if any(p.start or p.end for p in candidate.positions):
        if any(_within(mention.date, p.start, p.end) for p in candidate.positions if p.start or p.end):
            return 1.0, "in a post on the cable's date"
        return 0.5, "in no dated post on the cable's date"
    if birth is not None:
        return 0.7, f"born {birth}, alive then"
    return 0.5, "dates unknown"


def score(mention: Mention, candidate: Candidate) -> tuple[float, list[str]]:
    """Weighted score of a candidate (0..1) and the reasons, first the name's."""
    name, matched, why = best_name(mention.name, candidate.names or (candidate.label,))
    reasons = [f"name {name:.2f} ({why}: '{matched}')"]
    post, post_why = post_part(mention, candidate)
    state, state_why = state_part(mention, candidate)
    dates, dates_why = dates_part(mention, candidate)
    reasons += [f"post {post:.1f} ({post_why})", f"state {state:.1f} ({state_why})", f"dates {dates:.1f} ({dates_why})"]
    total = (
        WEIGHTS["name"] * name + WEIGHTS["post"] * post + WEIGHTS["state"] * state + WEIGHTS["dates"] * dates
    )
    if name < 0.6:
        reasons.append("rejected: name does not agree")
        total = min(total, 0.3)
    elif dates == 0.0:
        reasons.append("rejected: dates incompatible")
        total = min(total, 0.3)
    return round(total, 3), reasons


def decide(mention: Mention, candidates: list[Candidate], thresholds: Thresholds = Thresholds()) -> list[Decision]:
    """Score every candidate; the best at or over ``accept`` is accepted unless a
    rival scores within ``margin`` of it (then both are to review); those at or
    over ``review`` are to review; the rest rejected. Best first."""
    decisions = []
    for candidate in candidates:
        total, reasons = score(mention, candidate)
        decisions.append(Decision(mention, candidate, total, reasons))
    decisions.sort(key=lambda d: (-d.score, d.candidate.source, d.candidate.id))
    for rank, decision in enumerate(decisions):
        if decision.score >= thresholds.accept and rank == 0:
            rival = decisions[1] if len(decisions) > 1 else None
            if rival is not None and rival.score >= decision.score - thresholds.margin:
                decision.verdict = "review"
                decision.reasons.append(f"ambiguous: {rival.candidate.id} scores {rival.score:.2f}")
            else:
                decision.verdict = "accept"
        elif decision.score >= thresholds.review:
            decision.verdict = "review"
    return decisions

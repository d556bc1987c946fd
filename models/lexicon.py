"""Codebook cues for the rule component, written from ``../shared/codebook.md``.

Each cue is a phrase in a tiny token pattern language compiled to spaCy
``Matcher`` patterns: tokens separated by spaces, each a regular
expression that must match one whole lower-cased token (no spaces inside
a token); a token in square brackets (``[the]``) is optional. Tokens follow
spaCy's English tokenizer: "doesn't" is ``does n't``, "micro-manage" is
``micro - manage``.

The kind says how polarity is decided (see :mod:`models.rules`):

* ``pos``: a strength as stated ("listens"); negated ("never listens") or
  hedged ("could listen more") it is a coaching need.
* ``neg``: a coaching need as stated ("micromanages"); negated ("never
  micromanages") it is a weak strength.
* ``topic``: neutral ("communication"); polarity comes from evaluative
  words nearby, or failing that from the question it answers.
"""

from __future__ import annotations

from typing import Final, Literal

CueKind = Literal["pos", "neg", "topic"]

_DEG = r"(is|s|'s|very|so|really|always|extremely|incredibly|super|been|was|are)"

CUES: Final[dict[str, dict[CueKind, tuple[str, ...]]]] = {
    "listening": {
        "pos": (
            r"listen(s|ed|ing)?",
            r"(open|receptive) to [new] (ideas|suggestions|feedback|views|change|input)",
            r"open - minded",
            r"consult(s|ed|ing)?",
            r"involv(e|es|ed|ing) (us|staff|everyone|the|me|people)",
            r"value(s|d)? (our|my|staff|everyone|people) ['s] (opinions?|views|input|ideas)",
            r"acts? on [our|my|staff] feedback",
            r"(hears|heard)",
            r"asks? [for] (our|my|staff) (views|opinions?|input|ideas)",
        ),
        "neg": (
            r"talks? (too|over)",
            r"talk(s|ed|ing)? (over|down)",
            r"interrupt(s|ed|ing)?",
            r"(ignores?|ignored|ignoring|dismiss(es|ed)?|disregard(s|ed)?) [our|my|staff|any|all|the"
            r"|their|your] (ideas|suggestions|views|concerns|input|feedback|opinions?|staff|us|me)",
            r"dismissive",
            r"deaf ears",
            r"decisions? [are|is|get|were] (made|taken) (without|behind|above)",
            r"know - it - alls?",
            r"way or the highway",
            r"(top|top-down) - down",
        ),
        "topic": (r"listening", r"consultation"),
    },
    "clarity": {
        "pos": (
            r"(clear|clearly) (expectations|direction|goals|objectives|priorities|about|instructions)",
            r"makes? (expectations|things|it|everything|priorities) clear",
            r"(keeps?|kept) (us|the|everyone|me|staff) [team] (informed|updated|posted)",
            r"in the loop",
            r"up to date",
            r"transparent",
            r"explains? (things|why|decisions|everything|the)",
            r"communicat(e|es|ed|ing) (well|clearly|openly|effectively)",
            r"(good|great|excellent|clear) communicat(or|ion)",
            r"(tells?|told|telling|explains?|explained) (us|me|the|everyone|staff) [team] (what|why|how|about|everything|anything|where)",
        ),
        "neg": (
            r"(unclear|vague|confusing|mixed|conflicting|contradictory) (expectations|direction|goals"
            r"|messages?|instructions|priorities|objectives|communication|information)",
            r"moving [the] (goal|goalposts|goal-posts)",
            r"goal (posts|post)",
            r"goalposts",
            r"chang(e|es|ing) (their|his|her|the) (minds?|priorities)",
            r"(constantly|always|keep|keeps) chang(ing|e)",
            r"in the dark",
            r"out of the loop",
            r"no (idea|clue) what",
            r"secretive",
            r"(rumou?rs?|grapevine)",
            r"u - turns?",
            r"without [any|an] (explanation|reason|warning|notice|consultation)",
            r"no (explanation|reason) [given|why]",
            r"chang(e|es|ed|ing) (direction|course|tack)",
            r"(criteria|expectations|targets|rules|objectives) (are|is|were) (never|not) (written|explained|clear|shared|set)",
            r"(nobody|noone) (tells|told|explains|explained|informs|informed)",
            r"no one (tells|told|explains|explained|informs|informed)",
            r"(nobody|noone) (knows|knew) what",
            r"no one (knows|knew) what",
            r"(n't|dont|never) know what (is|'s|was) (going|expected|happening)",
            r"flip - flop(s|ping|ped)?",
            r"flip flop(s|ping|ped)?",
            r"(trickle|filter|cascade|cascades|trickles) down",
            r"disorgani[sz]ed",
            r"(no|zero|lack) [of] (clear|proper) (goals|direction|plan|vision|objectives|expectations|guidance)",
            r"(moving|moved|shifting) (targets|goalposts|priorities)",
            r"new (policy|policies|rules|process|processes) every (week|month|day)",
            r"(conflicting|contradicting|contradictory) (instructions|information|messages|orders)",
        ),
        "topic": (
            r"communication",
            r"communicat(e|es|ed|ing)",
            r"comms",
            r"transparency",
            r"clarity",
            r"direction",
        ),
    },
    "pressure": {
        "pos": (
            r"realistic (expectations|targets|deadlines|workload|goals)",
            rf"{_DEG} patient",
            r"protects? (us|the|our|me)",
            r"push(es)? back",
            r"shields? (us|the|me)",
        ),
        "neg": (
            r"(unrealistic|impossible|ridiculous|unachievable|crazy|insane|unreasonable) (targets|"
            r"deadlines|expectations|demands|workloads?|timescales|kpis)",
            r"demanding",
            r"impatient",
            r"pressur(e|es|ed|ise|ised|ize|izes|ized|ising|izing)",
            r"push(es|ed|ing)? (us|staff|people|the|me|everyone) [team] [too] (hard|harder)",
            r"breathing down",
            r"(chas(es|ed|ing)|hound(s|ed|ing)|nag(s|ged|ging)) (us|me|staff|people)",
            r"targets? (driven|culture|obsessed|obsession)",
            r"more with less",
            r"bark(s|ed|ing)? orders",
            r"(rush|rushes|rushed|rushing) (us|me|staff|people|everyone)",
            r"(high|constant|immense|huge|intense|unbearable) pressure (from|to|by) (management|managers|above|the)",
            r"pressure to (meet|hit|sell|perform|work|do|get)",
            r"(quotas|metrics) (are|were|is) (unrealistic|impossible|ridiculous|insane|crazy)",
            r"(work|works|worked|working|run|runs|ran|running) (you|us|people|staff) (into|to) (the|death) [ground|bone]",
            r"(work|works|worked|working|run|runs|ran|running) (you|us|people|staff) ragged",
            r"(burn|burns|burned|burning|burnt) (people|staff|you|us|everyone) out",
            r"(expect|expects|expected|expecting) (you|us|staff|employees|people) to (do|work|be|stay|cover|answer)",
            r"unrealistic",
            r"(piled|piles|pile|piling|heaped|heaps) on",
            r"(dump|dumps|dumped|dumping) (it|work|everything|things|tasks|more|jobs) on (us|me|staff|the)",
            r"last - minute (requests|demands|deadlines|changes|work)",
            r"(expect|expects|expected|expecting) (answers|replies|responses|it|them) (by|within|at|overnight|immediately)",
            r"(emails|texts|calls|messages) (at|after) (night|midnight|weekends|10pm|11pm|9pm|hours)",
            r"(kill|killing) ourselves",
            r"(chase|chasing|chased) (numbers|targets|stats|kpis)",
        ),
        "topic": (),
    },
    "autonomy": {
        "pos": (
            r"trust(s|ed|ing)? (us|me|staff|the|people|you|everyone|her|him|them|our)",
            r"autonomy",
            r"empower(s|ed|ing|ment)?",
            r"(lets|let|allows|allowed) (us|me|staff|people) (to)? (get|make|decide|manage|work|"
            r"do|run)",
            r"freedom",
            r"hands - off",
            r"hands off",
        ),
        "neg": (
            r"micro",
            r"micromanag(e|es|ed|er|ers|ing|ement|ment)",
            r"controlling",
            r"control freak",
            r"(checks?|checking) up on",
            r"treat(s|ed)? (us|staff|people|me) like (children|kids|robots|school)",
            r"every little (thing|detail)",
            r"(hover|hovers|hovering|hovered)",
            r"(watch|watched|watches|watching) (us|me|you|staff|everyone) like (a|hawks?)",
            r"(babysit|babysits|babysitting|babysat)",
            r"(no|zero|little|lack) [of] (autonomy|freedom|discretion|independence)",
            r"(everything|anything) (needs|has|requires) [to] [be] (approval|approved|signed)",
            r"(not|never) (allowed|trusted|permitted) to (make|decide|use|think)",
            r"(monitor|monitors|monitored|monitoring|track|tracks|tracked|tracking) (us|me|our|my|every|everything|staff|everyone)",
            r"(approve|approves|approval|sign|signs) [off] (everything|every)",
            r"(everything|all) (is|gets) (dictated|decided|micromanaged)",
            r"dictated (from|by|to)",
            r"(question|questions|questioned|questioning) (every|all|each) (decision|move|thing|call)",
            r"second - guess(es|ed|ing)?",
            r"(checks|checking|checked) (my|our|his|her) (diary|calendar|emails|status|timesheets?)",
        ),
        "topic": (r"trust",),
    },
    "recognition": {
        "pos": (
            r"(recognis|recogniz)(e|es|ed|ing)",
            r"appreciat(e|es|ed|ive|ion)",
            r"prais(e|es|ed|ing)",
            r"thank(s|ed|ing)? (us|me|everyone|the|staff|people|you)",
            r"thank - you",
            r"says? thank you",
            r"valued",
            r"(celebrates?|celebrated) (success|achievements|wins|our)",
            r"well done",
            r"credit",
            r"(says?|said|saying) (good|great) job",
            r"(says?|said|saying) well done",
            r"(says?|said|saying) thanks",
            r"(acknowledge|acknowledges|acknowledged|acknowledgement|acknowledgment)",
            r"(notice|notices|noticed) (the|our|my|extra|hard|when)",
            r"positive feedback",
        ),
        "neg": (
            r"undervalued",
            r"unappreciated",
            r"unrecognised",
            r"take(s)? [the] credit",
            r"took [the] credit",
            r"taken for granted",
            r"(under|un) - appreciated",
            r"underappreciated",
            r"(goes|go|went) (unnoticed|unrewarded|unrecognised|unrecognized|unacknowledged)",
            r"(expendable|replaceable|disposable|dispensable)",
            r"feel(s)? (invisible|unseen|unnoticed|ignored|worthless)",
            r"thankless",
            r"(no|never|zero|little|without) (appreciation|recognition|thanks|praise|acknowledg(e)?ment|credit)",
            r"feel(s)? (like)? (a|just) (number|cog)",
            r"(only|just) (hear|get) (about)? [it] (when|about) [we|something|things|it|you]"
            r" (mistakes|wrong|goes)",
        ),
        "topic": (r"recognition", r"appreciation", r"praise"),
    },
    "fairness": {
        "pos": (
            r"(treats?|treated) (everyone|us|all|staff|people) (fairly|equally|the|same)",
            rf"{_DEG} (fair|consistent|impartial)",
            r"even - handed",
            r"fair and consistent",
            r"no favou?ritism",
            r"no favou?rites",
        ),
        "neg": (
            r"favou?rit(ism|es)",
            r"favou?red",
            r"(unfair|unfairly|unequal|unequally|inconsistent|inconsistently)",
            r"one rule for",
            r"(inner|golden) circle",
            r"jobs for the boys",
            r"who you know",
            r"cliques?",
            r"cliquey",
            r"blue - eyed",
            r"nepotism",
            r"double standards?",
            r"same (people|faces|few)",
            r"(kiss|kissing|kisses|suck|sucking|sucks) - (up|ass|arse)",
            r"(kiss|suck|sucking|kissing) up",
            r"brown - nos(e|er|ers|ing)",
            r"(bias|biased|partial|partiality)",
            r"popularity contest",
            r"(friends|mates|buddies|pals) (with|of) (the|management|managers|their|his|her)",
            r"(promote|promotes|promoted|hire|hires|hired) (their|his|her) (friends|mates|buddies|favou?rites|family)",
            r"(get|gets|got) away with",
            r"(rules|policies) (n't|dont|never) apply",
            r"(rules|policies) do n't apply",
            r"(treat|treats|treated) (some|certain) (people|staff|employees|workers)",
            r"(some|certain) (people|staff|employees) (get|are) (treated|favoured|favored)",
            r"(pets|pet)",
            r"buddy - buddy",
        ),
        "topic": (r"fairness", r"consistency", r"equality"),
    },
    "support": {
        "pos": (
            r"supportive",
            r"support(s|ed|ing)? (me|us|the|staff|my|our|everyone|people)",
            r"approachable",
            r"helpful",
            r"(caring|cares)",
            r"care about",
            r"always (there|available|on)",
            r"(develop|develops|developed|developing|mentor(s|ed|ing)?|coach(es|ed|ing)?|nurtur(e|es|ed|ing)) (me|us"
            r"|staff|people|the|their|my|our)",
            r"flexib(le|ility)",
            rf"{_DEG} (understanding|kind|helpful|considerate|compassionate)",
            r"above and beyond",
            r"extra mile",
            r"backs? (us|me) up",
            r"door is always open",
            r"help(s|ed|ing)? (us|me|out|staff|you|everyone)",
            r"(got|has|have) my back",
            r"check(s|ed)? [in] on (me|us|our|my) (wellbeing|welfare)",
        ),
        "neg": (
            r"unsupportive",
            r"(no|zero|little|lack|never|without) [of] [any|real|proper] (support|help|guidance|"
            r"training|feedback|development|supervision|coaching|1:1s|121s|backing)",
            r"(unavailable|absent|unapproachable|aloof|uncaring)",
            r"(did|do|does|done|doing) nothing",
            r"(did|do|does) n't (do|act|help)",
            r"nothing (was|has|is|got|ever) [been] (done|happened)",
            r"no action",
            r"swept under",
            r"(left|leave|leaves) (us|me|staff) to (it|sink|struggle|get|fend)",
            r"deep end",
            r"hung out to dry",
            r"(never|rarely|hardly) (see|seen|hear) (my|our|the|a|from) [manager|boss|supervisor"
            r"|managers|them]",
            r"fobbed off",
            r"blind eye",
            r"look(s|ed)? the other way",
            r"(never|rarely|hardly|not) [ever] on the (floor|ward|wards|shop|site)",
            r"out of (your|their|the|his|her) (offices?|ivory)",
            r"show (your|their) faces?",
            r"hid(e|es|ing) in (their|his|her|the) offices?",
            r"(never|rarely|hardly) [ever] (around|there|available|in)",
            r"did n't want to know",
            r"(not|never) interested in (us|staff|our|my|the)",
            r"sid(e|ed|es|ing) with (the|him|her|management|managers)",
            r"under the bus",
            r"(nobody|noone) (to|you) [can] (talk|turn|go) to",
            r"no one to (talk|turn|go) to",
            r"fend for (ourselves|yourself|myself|themselves)",
            r"(left|leave|leaves) (us|me|you|staff) (alone|stranded|hanging|high)",
            r"(do|does|did) n't (care|give)",
            r"(dont|doesnt|didnt) (care|give)",
            r"(nobody|noone) (does|did|has|do) [done|ever] (anything|nothing|something)",
            r"no one (does|did|has|do) [done|ever] (anything|nothing|something)",
            r"nothing (happens|happened|changes|changed|ever)",
            r"part of the job",
            r"(just|only) a number",
            r"brushed (off|aside)",
        ),
        "topic": (r"support", r"training", r"development", r"supervision", r"wellbeing"),
    },
    "conduct": {
        "pos": (
            r"respectful",
            r"(treats?|treated) (us|me|everyone|staff|people) with (respect|dignity|courtesy)",
            r"(courteous|polite)",
            r"dignity",
            r"respect(s)? (us|me|staff|everyone|people)",
        ),
        "neg": (
            r"bull(y|ies|ied|ying)",
            r"harass(ed|es|ing|ment)?",
            r"intimidat(e|es|ed|ing|ion)",
            r"(shout|shouts|shouted|shouting|scream(s|ed|ing)?|yell(s|ed|ing)?)",
            r"(swear|swears|swore|swearing) at",
            r"belittl(e|es|ed|ing)",
            r"humiliat(e|es|ed|ing|ion)",
            r"threat(en|ens|ened|ening|s)?",
            r"(rude|rudeness|disrespect(s|ed|ful|fully|ing)?|condescending|patroni[sz](e|es|ed|ing)|demean(s|ed|ing)?|degrading)",
            r"(racist|sexist|homophobic|transphobic|misogyn(y|ist|istic)|racial|sexual|racially|sexually)",
            r"(comments?|remarks?) about (my|her|his|their) (body|appearance|looks|weight|accent|religion|skin|hair)",
            r"inappropriate (comments?|remarks?|touching|behaviou?r|messages|jokes?)",
            r"toxic",
            r"(put|puts|putting) (me|us|people|staff) down",
            r"(made|makes|make) (me|us|her|him|staff) (cry|feel)",
            r"aggressive",
            r"(picked|picks|picking) on",
            r"singl(ed|ing) (me|her|him|them|out)",
            r"in front of (the|colleagues|customers|everyone|others|other)",
            r"mock(s|ed|ing)?",
            r"victimi[sz](e|es|ed|ing|ation)",
            r"undermin(e|es|ed|ing)",
            r"ridicul(e|es|ed|ing)",
            r"(snide|nasty|vindictive|abusive|unprofessional|hostile)",
            r"(racism|sexism|homophobia|misogyny|discrimination)",
            r"(treat|treats|treated|treating) (us|me|staff|people|everyone|them|her|him) like "
            r"(dirt|rubbish|crap|shit|garbage|slaves|idiots|children|dogs)",
            r"gaslight(s|ed|ing)?",
            r"(frozen|froze|freeze|freezes) [me|her|him|them] out",
            r"ostraci[sz](e|es|ed|ing)",
            r"(lost|loses|loose) (his|her|their) temper",
            r"talk(s|ed|ing)? down (to|at)",
            r"(curse|curses|cursed|cursing|cuss|cusses|cussed|cussing) (at|out)",
            r"berat(e|es|ed|ing)",
            r"insult(s|ed|ing)?",
            r"power (trip|tripping|hungry|mad)",
            r"(arrogant|arrogance|egotistical|belligerent)",
            r"(culture|atmosphere|environment|climate) of (fear|intimidation|bullying|blame)",
            r"(afraid|scared|terrified|frightened) of (my|the|our|their|her|his) (manager|boss|supervisor|managers|bosses|supervisors|line|team)",
            r"(creepy|grop(e|ed|es|ing)|leer(s|ed|ing)?)",
            r"touch(ed|ing|es)? (me|her|him|staff|women|us) [inappropriately]",
            r"name - calling",
            r"name calling",
            r"call(s|ed|ing)? (me|us|her|him|them|people|staff) (names|stupid|lazy|useless|idiots?|incompetent|thick)",
            r"snap(s|ped|ping)? at",
            r"backstab(bing|bers?|bed|s)?",
            r"abus(e|es|ed|ing|ive)",
            r"(treat|treats|treated|treating) (us|me|staff|people|employees|everyone) (badly|horribly|terribly|appallingly|poorly|awfully)",
            r"(horrible|terrible|awful|vile|nasty|mean) (to|towards) (staff|us|me|employees|people|everyone|workers)",
            r"mean (to|towards)",
            r"assault(s|ed|ing)?",
            r"(molest|molested|molesting|molestation|raped|rape)",
            r"unwanted (advances|attention|touching|comments|contact|messages|texts)",
            r"(hit|hits|hitting) on (me|her|him|us|women|staff)",
            r"propositioned",
            r"(stalk|stalks|stalked|stalking)",
            r"gang(s|ed|ing)? up (on|against)",
            r"(ostraci[sz]ed|excluded|isolated) (me|her|him|them)?",
            r"discriminat(e|es|ed|ing|ion|ory)",
            r"slurs?",
            r"(spread|spreading|spreads) (rumou?rs|lies|gossip)",
            r"(mobbing|hazing)",
        ),
        "topic": (r"bullying", r"harassment", r"respect"),
    },
    "overall": {
        "pos": (),
        "neg": (
            r"(poorly|badly|terribly|appallingly) (managed|run|led|organised|organized)",
            r"only cares? about (numbers|money|profit|profits|targets|figures|stats|the)",
            r"(have|has|had) no (idea|clue) what (they|they're|he|she|he's|she's)",
            r"(top|senior|upper) brass",
            r"(lack|lacks|lacking|no|zero|absence) [of] (leadership|management)",
        ),
        "topic": (),
    },
}
"""Cues per aspect and kind."""

MANAGEMENT: Final[str] = (
    r"(manager|managers|management|managment|mgmt|supervisor|supervisors|boss|bosses|leadership"
    r"|leaders|slt|smt|directors?|hos|seniors?|hr|lm|tl|tls|leader)"
)
"""One token naming management (the codebook's scope)."""

OUT_OF_SCOPE: Final[str] = (
    r"(customers?|public|residents?|clients?|users?|patients?|callers?|tenants?|visitors?"
    r"|parents?|families|shoppers|guests?|students?|pupils?|man|woman|drunk|drunks|guy)"
)
"""One token naming people outside the organisation."""

NEG_VERDICT: Final[frozenset[str]] = frozenset(
    "poor bad terrible awful appalling shocking rubbish useless incompetent clueless dreadful "
    "horrible weak worst abysmal disgraceful crap pathetic inept toxic joke lacking shambles "
    "shambolic hopeless atrocious horrendous mess nightmare disaster sucks suck incompetence "
    "failing dire idiots clowns circus awful poorly badly worse laughable amateur amateurish "
    "better improvement improve improved improving overhaul questionable unorganized "
    "ineffective disorganised disorganized out-of-touch".split()
)
"""Words that make a judgement of management negative (no hedges: "more managers" is no verdict)."""

NEG_EVAL: Final[frozenset[str]] = frozenset(
    "poor bad terrible awful appalling shocking rubbish useless incompetent clueless dreadful "
    "horrible weak lacking non-existent nonexistent inconsistent lack worst abysmal disgraceful "
    "crap pathetic questionable inept toxic could should needs need more better improve "
    "improved improvement improving lax ineffective disorganised disorganized bloated "
    "out-of-touch detached".split()
)
"""Words that make a neutral topic or a management judgement negative."""

POS_EVAL: Final[frozenset[str]] = frozenset(
    "good great excellent brilliant amazing fantastic outstanding superb strong lovely wonderful "
    "fab best decent nice awesome solid exceptional effective inspiring inspirational "
    "superb approachable competent".split()
)
"""Words that make a neutral topic or a management judgement positive."""

HEDGES: Final[frozenset[str]] = frozenset(
    "could should need needs needed must more better try learn start improve wish would please "
    "want lack less".split()
)
"""Words that turn a stated strength into a request for it (a coaching need)."""

NEGATIONS: Final[frozenset[str]] = frozenset(
    "not n't nt no never nobody nothing none neither nor without lack lacks lacking hardly "
    "rarely seldom cannot zero dont doesnt didnt cant wont isnt arent wasnt werent wouldnt "
    "couldnt havent hasnt hadnt shouldnt".split()
)
"""Negation cues; their scope runs to the next clause boundary."""

CLAUSE_BREAKS: Final[frozenset[str]] = frozenset(
    [*". , ; : ! ? but however although though whereas while yet -".split(), "\n"]
)
"""Tokens that end a negation's scope."""

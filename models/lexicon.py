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
            r"acts? on (any|it|them|anything|what|suggestions|concerns|ideas|our|the)",
            r"(hears|heard)",
            r"asks? [for] (our|my|staff) (views|opinions?|input|ideas)",
            r"(want|wants|wanted) to hear (our|my|staff|your|from|about|ideas|views|feedback|concerns|it|how|what)",
            r"hear(s)? (people|us|me|staff|them|everyone|others|you) out",
            r"(take|takes|took|taken|taking) [it|this|that|things|what|our|my|any|feedback|views|ideas|suggestions|everything] on board",
            r"(take|takes|took|taken|taking) (our|my|staff|the|any|people|their) ['s] (feedback|views|suggestions|ideas|opinions|input) (seriously|into)",
            r"interested in (what|hearing|our|my|staff) (we|views|ideas|opinions|input|feedback|suggestions|say|think|have|people)",
            r"(ask|asks|asked|asking|consult|consults|consulted) [the|your|their] (us|staff|team|people|frontline|employees|workers|teachers|nurses|engineers|drivers|officers|agents|carers|doctors) (first|before)",
            r"(ask|asks|asked|asking) (what|how) [the] (we|staff|people|they|you|team) (think|feel)",
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
            # talking at people, shutting them down
            r"(talks?|talking|talked) at (us|me|people|staff|them|the|everyone)",
            r"(shut|shuts|shutting|shot|shoots|shoot|shooting) (people|us|me|them|staff|ideas|everyone|suggestions|everything|questions?) down",
            r"(shot|shoots|shooting) down",
            r"(cut|cuts|cutting) (me|people|you|staff|them|her|him|others) off",
            # raising concerns is unwelcome, so people stop
            r"(labelled|labeled|branded|seen|called|viewed|treated) (as)? [a] (difficult|negative|troublemaker|troublemakers|moaner|whinger|awkward|disruptive)",
            r"stop (moaning|complaining|whinging|whining)",
            r"stop being (negative|difficult)",
            r"(stopped|stop|given|give) [up] (offering|suggesting|raising|speaking|sharing|bothering|voicing) [up|ideas|suggestions|them|feedback|concerns|any|our|my]",
            r"(hates?|hated|dislikes?|disliked) [being] (challenged|questioned|criticised|criticized|contradicted|told)",
            r"(ca|can|could|cannot|wo|will) n't (take|handle|accept) (criticism|feedback|being|challenge|any|no)",
            # nobody asks or consults before deciding
            r"without (asking|consulting|involving|checking|speaking|talking|listening) [to|with] (us|anyone|anybody|staff|the|a|those|people|frontline|employees|workers|them)",
            r"(nobody|noone|never|no) [one] (asks|asked|ask|consults|consulted) (us|me|staff|for|our|the|what|anyone|people|frontline)",
            r"(never|n't|not) (bother|bothers|bothered) (to|asking|consulting|listening) [ask|consult|listen|check|hear]",
            r"(opinions?|views|input|voice|ideas|suggestions|feedback|concerns|thoughts) (does|do|did|is|are|was|were) (n't|not|never) (matter|count|matters|wanted|welcome|valued|welcomed|heard|listened)",
            r"(no|zero|little|without) (say|voice) (in|on|over|about)",
            r"more (say|voice) (in|on|for|over|about)",
            r"(handed|handing|imposed|dictated) down",
            r"(closed|locked) (room|rooms|doors)",
            # consultation for show
            r"lip service",
            r"(feedback|ideas|suggestions|concerns|input|views|opinions) (is|are|was|were|gets|get|got|go|goes|went) [always|often|just|simply|completely|routinely|usually] (ignored|dismissed|disregarded|overlooked|unheard)",
            r"(ignore|ignores|ignored|ignoring) (every|all|any) [single] (piece|bit|suggestion|idea|concern|comment|survey|feedback|one)",
            r"(get|gets|got|are|is|be|'re|being|were|was) (shut|shot) down",
            r"(nobody|noone|no) [one] (wants|wanted|want) to (know|hear|listen)",
            r"without [any|a|an] (discussion|conversation|dialogue|involvement|input)",
            r"(discouraged|deterred) (from|to) (raising|raise|speak|speaking|voice|voicing|question|questioning|challenge|challenging)",
            r"(surveys?|feedback|suggestions|consultations?) (never|rarely) (change|changes|changed|lead|leads|goes|go|result|results|makes|make)",
            r"(surveys?|feedback|suggestions|consultations?) (go|goes|went|gone|disappear|disappears) (nowhere|into)",
        ),
        "topic": (r"listening", r"consultation"),
    },
    "clarity": {
        "pos": (
            r"(clear|clearly) (expectations|direction|goals|objectives|priorities|about|instructions)",
            r"makes? (expectations|things|it|everything|priorities) clear",
            r"(keeps?|kept) (us|the|everyone|me|staff) [team] (informed|updated|posted)",
            r"in the loop",
            r"kept (informed|updated|posted)",
            r"on the same page",
            r"up to date",
            r"transparent",
            r"explains? (things|why|decisions|everything|the)",
            r"communicat(e|es|ed|ing) (well|clearly|openly|effectively)",
            r"(good|great|excellent|clear) communicat(or|ion)",
            r"(tells?|told|telling|explains?|explained) (us|me|the|everyone|staff) [team] (what|why|how|about|everything|anything|where)",
            r"(stick|sticks|stuck|sticking) to (a|the|their|his|her|any) (decision|decisions|plan|word)",
            r"(tells?|told|telling|explains?|explained) (us|me|everyone|staff) what ('s|is|was|are|were) expected",
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
            # finding out second-hand or last
            r"(find|finds|found|finding) out (about|from|on|via|through|when|after|second|last)",
            r"(hear|heard|hearing|learn|learned|learnt|learning|read|reading) (about|of) [the] (it|changes|things|this|decisions|news|them) (from|on|through|via|in)",
            r"(first|last) to (know|find|hear)",
            r"(no|never|n't|cannot|not) (get|gets|got|getting|give|gives|gave) [a|any] (straight|clear|direct) answers?",
            # not told, explained or published
            r"(n't|not|never|nobody|noone) [been|ever|properly|clearly|actually|even] (explained|communicated|published|cascaded|announced)",
            r"(n't|not|never) [ever|properly|clearly|actually] (told|informed|consulted|warned) (about|of|what|why|when|that|until)",
            r"(nobody|noone|no) [one] [ever|actually|even] (tells|told|explains|explained|informs|informed|bothered|bothers)",
            r"(no|zero|without|little|lack) [of] [any] (context|notice|warning|updates?|info|information|vision|plan|strategy|criteria|rationale)",
            r"(no|zero|without) [a|any] heads [-] up",
            r"(no|without|never) [a|any] [clear|proper|written|updated] job (description|spec|specification)",
            r"(nobody|noone|no) [one] (knows|knew|know) (what|who) ('s|is) (going|happening|expected|in|doing)",
            r"(contradict|contradicts|contradicted|contradicting) (themselves|himself|herself|each|itself|one)",
            r"(lie|lies|lied|lying) to (us|me|staff|everyone|people|the|our)",
            r"stop lying",
            r"(liar|liars|dishonest|dishonesty|deceitful|misled|misleading)",
            r"behind closed doors",
            r"mushroom",
            # plans and priorities that will not hold still
            r"(priorities|goalposts|plans?|rules|processes|process|procedures|policies|policy|instructions|direction|decisions|targets|expectations|strategy|mind) (change|changes|changed|changing|shift|shifts) (every|daily|weekly|hourly|constantly|overnight|again|all)",
            r"(made|make|makes) and (unmade|unmake|remade|reversed|changed)",
            r"last minute (changes|notice|decisions|u|announcements)",
        ),
        "topic": (
            r"communication",
            r"communicat(e|es|ed|ing)",
            r"comms",
            r"transparency",
            r"clarity",
            r"direction",
            r"criteria",
        ),
    },
    "pressure": {
        "pos": (
            r"realistic (expectations|targets|deadlines|workload|goals)",
            rf"{_DEG} patient",
            r"protects? (us|the|our|me)",
            r"push(es)? back",
            r"shields? (us|the|me)",
            r"patient (with|when|and)",
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
            r"(expect|expects|expected|expecting) (you|us|staff|employees|people|me|everyone) to (do|work|be|stay|cover|answer|hit|meet|reach|sell|finish|close|respond|reply)",
            r"unrealistic",
            r"(piled|piles|pile|piling|heaped|heaps) on",
            r"(dump|dumps|dumped|dumping) (it|work|everything|things|tasks|more|jobs) on (us|me|staff|the)",
            r"last - minute (requests|demands|deadlines|changes|work)",
            r"(expect|expects|expected|expecting) (answers|replies|responses|it|them) (by|within|at|overnight|immediately)",
            r"(emails|texts|calls|messages) (at|after) (night|midnight|weekends|10pm|11pm|9pm|hours)",
            r"(kill|killing) ourselves",
            r"(chase|chasing|chased) (numbers|targets|stats|kpis)",
            # targets and deadlines that cannot be met
            r"(targets?|deadlines?|quotas?|goals|timescales|kpis|expectations|demands) (are|were|is|r|seem|seems|being|get|getting|that|which) [are|r|is|were|just|literally|simply|completely|totally|often|always|so] (impossible|unachievable|ridiculous|insane|crazy|unreasonable|unattainable|unmanageable|absurd)",
            r"(targets?|deadlines?|quotas?|goals|timescales|kpis) [that|which] (ca|can|could|cannot|wo) [n't|not] [physically|possibly|realistically] be (met|achieved|hit|reached)",
            r"(set|sets|setting) (me|us|people|staff|them|you|him|her|everyone|teams?) up to fail",
            r"set up to fail",
            r"(push|pushes|pushed|pushing|force|forces|forced|forcing) (targets|deadlines|quotas|numbers|sales|kpis|upsells?|metrics)",
            r"(push|pushes|pushed|pushing) (the|more|their|call|sales|pick|daily|weekly|monthly) (targets|deadlines|quotas|numbers|rates)",
            r"(push|pushes|pushed|pushing) (us|me|staff|people|everyone|them|teams?) to (close|hit|sell|meet|finish|rush)",
            r"(keep|keeps|kept|keeping) (adding|raising|increasing|upping|piling|pushing) (to|more|the|our|targets|work)",
            r"(targets?|deadlines?|quotas?|goals|timescales|kpis) (that|which) (are|were|r|is) (just|literally|simply|completely|totally|often|always|so) (impossible|unachievable|ridiculous|insane|crazy|unreasonable|unattainable|unrealistic)",
            r"(threaten|threatens|threatened|threatening) (people|us|staff|me|her|him|them|everyone) with [the|a] (capability|disciplinary|disciplinaries|dismissal|sack|sacking|write)",
            r"(job|jobs) (are|is|were|was) at risk if",
            r"(publicly|openly) (shamed|named)",
            r"(targets?|quotas?|goals|rates?|kpis) (raised|increased|upped|doubled|go|went|keep|keeps) [up|going|increasing|rising|weekly|monthly|again]",
            r"(raise|raises|raised|raising|increase|increases|increased|up|ups|upped) the (targets?|quotas?|bar|rates?|kpis)",
            r"(set|sets|setting|impose|imposes|imposed|imposing) [sales|daily|weekly|monthly|new|individual|arbitrary] (targets|deadlines|quotas|kpis) (without|nobody|no)",
            # more and more work piled on
            r"(push|pushes|pushed|pushing|pile|piles|piled|piling|heap|heaps|heaped|heaping|load|loads|loaded|loading|dump|dumps|dumped|dumping|throw|throws|throwing|keep|keeps|kept|add|adds|added|adding) (more|extra|additional|further) [and] [more] [work|tasks|jobs|projects|cases|visits|calls|stuff] (on|onto)",
            r"(dropped|dumped|landed|piled|offloaded) on (us|me|staff|our|my|people|everyone)",
            r"(adding|add|adds|added) (visits|work|tasks|cases|calls|jobs|projects|targets|patients) (to|on|onto) (our|my|us|the|people|staff)",
            # everything urgent, nothing ever enough
            r"everything (is|'s|was) [always] [a|top] (urgent|priority|asap|needed|wanted|due)",
            r"(needed|wanted|due|want|wants|need|demands|demand|demanded|expects|expect|expected) [it|this|them|everything] yesterday",
            r"(expects|expect|expected|expecting|wants|want|wanted|demands|demand|demanded) (everything|it|things|results|work|answers|replies) (instantly|immediately|now|asap|overnight)",
            r"(expect|expects|expected|expecting|want|wants|wanted|demand|demands|demanded) [the] (impossible|miracles|perfection)",
            r"(expect|expects|expected|expecting) the same (output|results|numbers|productivity|figures)",
            r"(expect|expects|expected|expecting|asks|asking|ask|asked) (way|far) too much",
            r"slave [-] drivers?",
            r"(crack|cracks|cracked|cracking) the whip",
            r"pushy",
            r"absorb (more|extra)",
            r"(never|nothing) [is|'s|was] [ever] good enough",
            r"(not|never|n't) (doing|done|working|do|work) [hard|fast|quick] enough",
            r"(to|us|me) (work|go|move|be) (faster|quicker)",
            r"relentless (pressure|demands|chasing|targets|push|pushing)",
            r"crunch",
            r"(ease|eases|easing) (up|off)",
            r"(no|zero|little|lack|lacks|without) [of] patience",
            r"more patient",
            # chased and contacted out of hours
            r"(always|constantly|forever|permanently) on (my|our|your|us|me|at|people) ['s] (back|backs|case)",
            r"on (my|our|your) case",
            r"(stop|constant|endless|relentless|constantly) (chasing|chased|hassling|hassled|badgering|pestering|hounding)",
            r"(chase|chasing|chased|chases) (for|up) (stats|numbers|figures|targets|updates|results)",
            r"(ring|rings|rang|call|calls|called|phone|phones|phoned|text|texts|texted|email|emails|emailed|message|messages|messaged|contacted) (you|me|us|staff|her|him|them) (on|during) (my|our|your|their|her|his) (rest|day|days|holiday|holidays|annual|leave|weekend|sick)",
            r"(ring|rings|rang|call|calls|called|phone|phones|phoned|text|texts|texted|email|emails|emailed|message|messages|messaged|contacted) (you|me|us|staff|her|him|them) (at|over) [the] (weekend|weekends|night|midnight)",
            r"(answer|answering|respond|responding|reply|replying|reachable|contactable) [emails|calls|messages|texts|phones|slack] (at|on|over|during|outside) [the|my|our|your|annual] (weekends?|night|nights|holidays?|evenings?|leave|days)",
            r"(work|emails|calls|demands|tasks|requests|texts|messages) outside [of] (working|work|office|normal|contracted|our) hours",
            # guilt, shaming and league tables
            r"(bully|bullies|bullied|bullying|guilt|guilted|guilts|force|forced|forces|forcing|pressured|pressures|coerced|coerce|push|pushes|pushed|pushing) (people|staff|us|me|them|you|everyone|him|her|teams?|leaders|managers|agents|workers|nurses|employees) into (doing|working|taking|staying|coming|covering|hitting|extra|overtime|more)",
            r"guilt (trip|trips|tripped|tripping|tripping)",
            r"guilt - (trip|trips|tripped|tripping)",
            r"(name|naming|named) and (shame|shaming|shamed)",
            r"(lowest|bottom|worst) (performers|performer|performing)",
            r"league tables?",
            r"leaderboards?",
        ),
        "topic": (r"patience",),
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
            r"(same|equal) (rules|standards|treatment|opportunities|chances) (for|to|as) (everyone|all|us|everybody)",
            r"the same for (everyone|everybody|all)",
            r"(treats?|treated|treating) (everyone|us|all|staff|people|everybody) [the] (equally|fairly|same)",
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
            # it depends on who the manager likes
            r"(on|whether|who|if|whoever) (the|your|my|their) (manager|boss|supervisor|line|team|area|store|shift|ward|duty) [manager|leader|lead] (likes|like|liked|favours|favors|prefers|fancies|picks|chooses)",
            r"(on|whether|who|if|whoever) (management|he|she|they|managers|bosses) (likes|like|liked|favours|favors|prefers|fancies|picks|chooses)",
            r"(depending|depends|depend|dependent) on (which|what) (manager|supervisor|boss|team|line)",
            r"(your|their|his|her) face (fits|fit|fitted)",
            r"(to|for) (her|his|their|the|management|managers|manager) ['s] (mates|friends|buddies|pals|favou?rites|cronies|family|relatives|drinking|golf)",
            r"(cronies|cronyism|favouritsm)",
            r"(has|have|had|got|with|her|his|their) (a|their|his|her|clear|obvious) [clear|obvious] favou?rite",
            r"(manager|supervisor|boss|lead|leader|tl|gm) ['s] [best|close|old] (buddy|buddies|mate|mates|friend|friends|pal|pals|favou?rites?)",
            r"(himself|herself|themselves) and (his|her|their) [two|three|best|close] (friends|mates|buddies|pals|favou?rites)",
            r"(close|best) (friend|friends|mate|mates) (of|with)",
            r"(socialise|socialises|socialize|socializes|drinks|drink|drinking|plays|golf) with (the|their|his|her|management|managers)",
            r"close ranks",
            r"(without|no) (consequence|consequences)",
            r"rules for (thee|them|some)",
            r"friends? (of|with) (the|a|their|his|her) (manager|boss|supervisor|managers|owner|gm|director|bosses|supervisors)",
            r"in with (the|management|managers) [right] (manager|boss|bosses|management|supervisor|crowd)",
            r"golden (boy|girl|child|boys|girls|children)",
            r"same (two|three|four|five|2|3|4|5|handful|group|couple|select|small|few) [of] (people|staff|lads|girls|guys|colleagues|members|individuals|operatives|names|crew|ones|favou?rites)",
            # promotion and pay not on merit
            r"passed over",
            r"overlooked for (promotion|promotions|the|a|training|progression|opportunities|development)",
            r"not (on|based|by|because|due) [on|of] (merit|ability|performance|skill|competence)",
            r"(ability|merit|performance|competence) [,] not (popularity|friendship|who|favou?ritism|connections|looks)",
            r"(popularity|connections|friendship|favou?ritism|politics|looks) (not|rather|over) [than] (merit|ability|performance)",
            r"rigged",
            r"stitch(ed)? [-] up",
            r"(preferred|preselected|chosen) candidates?",
            r"pre - selected",
            r"(already|been) (earmarked|picked|chosen|decided) (for|before)",
            r"(already|been) lined up for",
            r"(office|internal|workplace|company) politics",
            r"(hand|cherry) - (pick|picks|picked|picking)",
            r"(handpick|handpicks|handpicked|handpicking|cherrypick|cherrypicks|cherrypicked)",
            r"(jobs|posts|roles|vacancies|opportunities|positions|promotions) (are|were|is|get|never|n't) [n't|not|never] advertised",
            r"without (an|any) (interview|advert|process|application)",
            # rules, shifts and work handed out unevenly
            r"(some|certain) (people|staff|employees|colleagues|individuals|teams|managers) (and|but) not (others|the|everyone)",
            r"(treated|treat|treats|treating) (as|like) (second|2nd)",
            r"only (for|to) (certain|some|select|the) (people|staff|few|favou?rites|ones)",
            r"(different|two) (rules|standards|sets) (for|of)",
            r"(treat|treats|treated|treating) [me|us|her|him|them|people|staff|some|others|everyone] (differently|unequally)",
            r"less favou?rably",
            r"(give|gives|gave|given|giving|get|gets|got|hand|hands|handed|stuck|schedule|schedules|scheduled) (me|us|her|him|them|themselves|all|every|the) [the] (worst|rubbish|crap|shit|dirty|good|best|easy|easiest|cushy) (shifts|jobs|sections|rounds|routes|tasks|hours|patches|overtime|job)",
            r"(the|all) (best|good|easy|easiest|cushy|nice|plum) (shifts|hours|rounds|routes|sections|jobs|overtime|days|patches) (go|goes|went|always|to)",
            r"(complains|shouts|moans|screams|whinges|complain|shout|moan) (the)? loudest",
            r"(kiss|kisses|kissing|kissed|suck|sucks|sucked|sucking|crawl|crawls|crawling) up to",
            r"(arse|ass) - (kissers?|lickers?|licking|kissing|kissed)",
            r"(arse|ass) (kissers?|lickers?|licking|kissing)",
            r"yes [-] men",
            # punished for speaking up
            r"retaliat(e|es|ed|ing|ion|ory)",
            r"(as|a) punishment",
            r"(punish|punished|punishes|punishing) (me|us|her|him|them|people|staff|anyone|for|after)",
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
            r"(got|has|have|had) (my|our|your|their) backs?",
            r"check(s|ed)? [in] on (me|us|our|my) (wellbeing|welfare)",
            r"check(s|ed|ing)? in (on|with) (me|us|staff|people|the|her|him|everyone|everybody|you)",
            r"(ask|asks|asked|asking) (how|if|whether) (i|we|you|they|he|she|people|staff|everyone) (was|were|'m|am|are|'re|is|'s|felt|feel|feels|doing|coping|getting)",
            r"(seem|seems|seemed|appear|appears) to care",
            r"(ask|asks|asked|asking) after (me|us|my|our|staff|her|him|people)",
            r"cared (about|for)",
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
            # complaints raised, nothing done, nobody told
            r"(no|never|without) [any|a|got|received|heard|had] [any|a|an] (response|reply|outcome|acknowledg(e)?ment|followup|debrief|counselling|contact)",
            r"no follow - up",
            r"heard nothing [back|since|more]",
            r"still nothing",
            r"black hole",
            r"(never|not|n't) (told|informed|updated) [of|about|on] the (outcome|result|progress)",
            r"(failed|fails|fail|failing) to (act|investigate|respond|deal|address|support|protect|intervene|follow|take)",
            r"(not|n't|never) [been|properly|actually] (intervened|intervene|intervenes|investigated|investigate|acted|responded|addressed|actioned|escalated|dealt)",
            r"(not|n't|never) [been] looked into",
            r"(not|n't|never) [being|been] believed",
            r"(not|n't|never) [being|been] taken seriously",
            r"(ignored|ignores|ignore|ignoring) (my|our|her|his|the|their|all|any|repeated) (requests?|emails?|complaints?|grievance|grievances|reports?|calls|messages|pleas|texts)",
            r"(n't|not|never|rarely) (answer|answers|answered|reply|replies|replied|respond|responds|responded|return|returns|returned) [to] (my|our|emails|calls|messages|texts|any|the|her|his)",
            r"(go|goes|went|sit|sits|left|remain|remains|were|are|got|get|gone) unanswered",
            # management shrugging off abuse or distress
            r"(toughen|man|harden|buck) up",
            r"(get|got|getting) over it",
            r"(suck|sucked) it up",
            r"just [the] (how|way) (he|she|they) (is|are|talks|talk|speaks|speak)",
            r"n't mean (anything|harm|it|any)",
            r"(be|been|feel) flattered",
            r"(sort|sorted) it out between",
            r"(hr|management|managers|company) [just|only|always] (protects?|protected|protecting|backs?|backed|sides?|sided) (her|him|them|managers|management|the|their)",
            r"(no|zero|little|without|lack|lacks|lacking) [of] (empathy|compassion|sympathy|humanity|duty)",
            r"(heartless|callous|unsympathetic|unhelpful|uncaring)",
            r"(could|couldnt) [n't] care less",
            # nobody there, nobody to ask
            r"(nobody|noone|no) [one] (to|you) [can] ask",
            r"(management|managers|leadership|he|she|directors|bosses|seniors|slt|smt|leaders|you) (is|are|'re|was|were|seem|remain|remains) (invisible|mia|awol)",
            r"nowhere to be (seen|found)",
            r"(never|rarely|hardly) [ever] (see|seen|visit|visits|visited|comes|come|came) (them|him|her|anyone|us|anybody)",
            r"(n't|not|never) been seen",
            r"(n't|cannot|never|impossible) [to] [ever] get hold of",
            r"on the (floor|ward|wards|ground|shop) more",
            # no training, figure it out alone
            r"(no|zero|little|lack|never|without) [of] [any|real|proper] (onboarding|induction|handover|shadowing|mentoring|mentor|appraisal|appraisals|supervisions)",
            r"(figure|figured|work|worked|learn|learnt|learned) (it|things|everything|stuff) [out] (on|by) (my|our|your|their) (own|self)",
            r"(taught|teach|teaching) (myself|ourselves|themselves|yourself)",
            r"sink or swim",
            r"(nobody|noone|no) [one] (trained|showed|taught|helped|supported|inducted) (me|us|them|her|him)",
            r"(not|n't|never) [properly|been|even|ever] (trained|shown|taught|inducted)",
            # concerns raised and waved away
            r"nothing (gets|get|got|ever|was|is) [ever|really|actually] (done|dealt|sorted|resolved|actioned|fixed)",
            r"told [me|us|her|him|them] to (ignore|calm|toughen|pick|let)",
            r"(put|putting) up with it",
            r"let it go",
            r"(pick|picking) (my|your|our|her|his|their) battles",
            r"what did (you|i|she|he|we|they) expect",
            r"keep an eye on it",
            r"make a note",
            r"not a work (issue|matter|problem)",
            r"(personal|private) matter",
            r"(dragged|drags|dragging) (it|on|out)",
            r"(let|lets|letting) (us|me|her|him|staff) down",
        ),
        "topic": (
            r"support",
            r"training",
            r"development",
            r"supervision",
            r"wellbeing",
            r"(1:1|1:1s|121|121s)",
            r"one - (to|on) - ones?",
            r"(visible|visibility)",
        ),
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
            # shouting, swearing, temper
            r"sworn at by (my|the|a|our|his|her|their) [assistant|deputy|area|shift|duty|line|store|team|senior|general] (manager|supervisor|boss|leader|lead|colleague|coworker|director|head)",
            r"(screamer|shouter|yeller)",
            r"(slam|slams|slammed|slamming|bang|bangs|banged|banging|thump|thumps|thumped|thumping) (his|her|their|a|the) (fist|fists|hand|hands|desk|table|door|phone)",
            r"(slam|slams|slammed|slamming|bang|bangs|banged|banging|thump|thumps|thumped|thumping) on (the|my|his|her) (desk|table|door)",
            r"(bad|short|foul|explosive|vile|nasty|terrible|violent|volatile|awful) temper",
            r"(tantrum|tantrums)",
            r"(short|hot) - (tempered|headed)",
            r"(dressing|dressed) [-] down",
            r"(bollocking|bollocked)",
            r"(tore|tears|tearing|ripped|rips|ripping|laid|lays|laying) into (me|us|her|him|them|people|staff|everyone)",
            r"(had|has|have|having) a go at (me|us|her|him|them|people|staff|everyone)",
            r"public (criticism|humiliation|shaming|reprimand|telling)",
            r"(publicly|openly) (criticised|criticized|humiliated|shamed|berated|reprimanded)",
            r"(told|tells|telling|tell|said) (me|us|her|him|them|staff|people|everyone|someone|an|a|the) [agent|colleague|nurse|member] to (shut|grow|piss|fuck|sod) (up|off)",
            r"stop crying",
            # belittling remarks and jokes at someone's expense
            r"(called|calls|calling|call) (me|us|her|him|them|people|staff|everyone|colleagues) [a|an] [\"|'] (idiot|idiots|stupid|thick|dopey|dumb|dumbo|useless|lazy|pathetic|retard|moron|morons|muppet|muppets|clown|slow|brainless|worthless|fat|ugly|incompetent|names|cow|bitch|slag|slut|whore|terrorist|immigrant|darling|sweetheart|babe|sweetie|snowflake|dyke|liar|failure|joke|waste)",
            r"(talks?|talked|talking|spoke|speaks|speak|spoken) to (us|me|people|staff|them|her|him|everyone) like (dirt|rubbish|crap|shit|garbage|trash|children|kids|idiots|dogs|that|animals|slaves)",
            r"(sly|little|personal|sarcastic|snarky|cutting|barbed|backhanded|constant|snide|nasty|spiteful) (comments?|remarks?|digs|jibes?|quips?)",
            r"(comments?|remarks?|digs|jokes?|jibes?) (about|on) (me|her|him|them|women|being|the|female|male) [bodies|body|age|appearance]",
            r"(about|because|for|on) [of] (my|her|his|their) (age|race|gender|religion|disability|sexuality|pregnancy|ethnicity|colour|color|nationality|faith|transition|heritage)",
            r"sarcastic",
            r"passive - aggressive",
            r"go back [to] where (you|i|he|she|they|we) (came|come)",
            r"go back to (your|their|his|her|my) [own] country",
            r"hung up on (me|her|him|us)",
            r"(short|curt|snappy|sharp|abrupt|brusque) (with|to|towards) (people|me|us|staff|everyone|them|her|him|colleagues)",
            r"(took|takes|taking|take|sharing|shared|share|shares|sent|sending|posted) (photos|pictures|videos|pics|images) of (me|her|him|us|staff|colleagues|women|female)",
            r"(porn|pornography|pornographic|tits|boobs)",
            r"(makes?|made|making) [a] (jokes?|fun|digs) (about|of|at)",
            r"(poke|pokes|poked|poking) fun",
            r"(laugh|laughs|laughed|laughing|sniggered|sneered|sneers|smirks|smirked) at (me|us|her|him|them|people|staff|my|our|her|his)",
            r"two - faced",
            r"behind (my|our|their|his|her|people|staff|everyone) ['s] backs?",
            r"(gossip|gossips|gossiping|gossiped|bitch|bitches|bitching|bitched|slag|slags|slagging|slagged) (about|off) (staff|us|me|people|colleagues|other|her|him|them|the)",
            r"confront(s|ed|ing)? (her|me|him|them|us)",
            r"(second|2nd) [-] class (citizens?|staff|employees|workers|members)",
            r"(treated|treat|treats|treating) (as|like) (second|2nd)",
            r"(vile|nasty|horrible|rude|mean|cruel|awful) (to|towards) (them|her|him|agency|new|junior|the|younger|colleagues|others|everyone)",
            r"(mistreat|mistreated|mistreatment|mistreating|mistreats)",
            r"ill - (treated|treatment|treat)",
            r"(make|made|makes|reduced|reduce|reduces|left|leave|leaves|left) (me|her|him|them|people|staff|us|colleagues|someone) (in|to) tears",
            r"(left|leave|leaves|went|go|goes|sent) [me|her|him|us|people|staff|home] (crying|sobbing)",
            r"(walk|walking|walked) on (eggshells|egg)",
            r"(fear|blame) culture",
            r"(scared|afraid|terrified|frightened|dread|dreading|dreaded) (to|of) (come|coming|go|going|walk|walking) (into|to|in) work",
            # sexual and identity-based harassment
            r"(comments?|remarks?|jokes?|banter|innuendo|digs) about (my|her|his|their|our) (body|appearance|looks|weight|accent|religion|skin|hair|clothes|clothing|outfit|figure|breasts|chest|bum|legs|sexuality|race|colour|color|age|disability|pregnancy|gender|ethnicity|culture|faith|bust|boobs)",
            r"(comments?|remarks?|jokes?) about (women|gay|black|muslims?|asians?|immigrants|foreigners|disabled|trans|lesbians?|jews|jewish|girls|females?)",
            r"(suggestive|lewd|crude|vulgar|explicit|obscene|offensive|derogatory|disparaging|demeaning|crass|sleazy|flirty) (comments?|remarks?|jokes?|messages?|texts?|photos?|pictures?|images?|language|gestures?|emails?|questions?)",
            r"(asked|asking|asks|ask|pressured|pressuring|pressures|keeps|kept) (me|her|him|them) out",
            r"(keeps|kept|keep) (asking|texting|messaging|touching|staring|calling) (me|her|him|them)",
            r"(stare|stares|stared|staring|leering|ogling|ogles|ogled) at (my|her|me|women|the|girls)",
            r"(deadname|deadnames|deadnamed|deadnaming)",
            r"dead name",
            r"misgender(s|ed|ing)?",
            r"(touched|touching|touches|grabbed|grabbing|grabs|stroked|stroking|rubbed|rubbing|pinched|pinching|slapped|fondled|fondling) (my|her|his|their|our) (hair|bum|bottom|back|leg|legs|knee|thigh|waist|shoulder|shoulders|arm|breast|breasts|chest|arse|ass|face|neck|lower|backside)",
            r"unwanted (physical|sexual|verbal) (advances|attention|touching|comments|contact|messages|texts)",
            r"(being|been|was|is|getting|got|gets|very|really) inappropriate",
            r"inappropriate(ly)? (with|towards|to|around)",
            r"(shoved|shoves|shoving|slapped|slaps|slapping) (me|her|him|us)",
            r"(grabbed|grabs|grabbing) (me|her|my|him|his)",
            r"(creep|creeps|sleazy|sleaze|pervert|perv|pervy)",
            r"(faggot|poof|paki|pakis|wog|chink|gypo|tranny|spastic|spaz)",
            r"n - word",
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
            r"(out|over) of (their|his|her|its|our) depth",
            r"out of touch",
            r"worst (managed|run|led)",
            r"(could|couldnt) [n't] (organise|organize|run|manage) a",
            r"(fire|sack|replace|clear|sacked|fired|replaced|overhaul|rid) [out] [half] [of] [the|all|your] (management|managers|leadership|supervisors|slt|smt|directors|bosses)",
            r"(fire|sack|replace|clear|sacked|fired|replaced|overhaul|rid) [out] [half] [of] [the|all|your] (upper|senior|middle|top) (management|managers|leadership|team)",
            r"(fire|sack|replace|sacked|fired|replaced|rid) [of] [the|your|our|that|this] (regional|area|store|general|site|branch|ward|district|deputy|assistant|operations|ops|night|shift|home|duty|department|dept) (manager|managers|supervisor|supervisors|director|directors|lead|leads|boss)",
            r"lost (the|their|our|all|any) (trust|respect|confidence)",
            r"n't know what (they|he|she|management|managers) ['re|are|is|'s] doing",
            r"revolving door",
            r"(not|n't) fit to (manage|lead|run)",
            r"(n't|not|no|never) (know|knows|knew|idea) how to (manage|lead|run)",
            r"only (care|cares|cared|concerned|interested|focused|focussed|worried|bothered) (about|with|in)",
            r"(management|managers|leadership|mgmt|bosses|they|corporate|supervisors) [here|there] [really|just|simply|clearly|honestly] (have|has|had) no (idea|clue|understanding)",
        ),
        "topic": (
            r"senior (team|leaders|leadership|managers|management|staff)",
            r"(higher|high|top) - ups",
            r"(higher|high) ups",
            r"head office",
            r"(execs|executives|exec)",
            r"c - suite",
            r"(owner|owners)",
            r"the powers that be",
            r"(people|those|person|ones) in charge",
            r"(people|those|person|ones) running (this|the|it|things)",
        ),
    },
}
"""Cues per aspect and kind."""

MANAGEMENT: Final[str] = (
    r"(manager|managers|management|managment|mgmt|supervisor|supervisors|boss|bosses|leadership"
    r"|leaders|slt|smt|directors?|hos|seniors?|hr|lm|tl|tls|leader|leads|manger|mangers|mgr|mgrs"
    r"|mngmt|mgt|ceo|gm|gms|asm|dm|corporate|owners?|execs?|executives|gaffer|foreman|foremen)"
)
"""One token naming management (the codebook's scope)."""

OUT_OF_SCOPE: Final[str] = (
    r"(customers?|public|residents?|clients?|users?|patients?|callers?|tenants?|visitors?"
    r"|parents?|families|shoppers|guests?|students?|pupils?|man|woman|drunk|drunks|guy"
    r"|passengers?|punters?|diners?|motorists?|kids|youths?|offenders?|prisoners?|inmates?)"
)
"""One token naming people outside the organisation."""

NOT_MANAGEMENT_AFTER: Final[frozenset[str]] = frozenset(
    "system systems software tool tools platform app database course courses qualification "
    "qualifications degree module modules plan plans information accounts".split()
)
"""Words that, right after "management", name a thing, not the managers ("case management system")."""

NEG_VERDICT: Final[frozenset[str]] = frozenset(
    "poor bad terrible awful appalling shocking rubbish useless incompetent clueless dreadful "
    "horrible weak worst abysmal disgraceful crap pathetic inept toxic joke lacking shambles "
    "shambolic hopeless atrocious horrendous mess nightmare disaster sucks suck incompetence "
    "failing dire idiots clowns circus awful poorly badly worse laughable amateur amateurish "
    "better improvement improve improved improving overhaul questionable unorganized "
    "ineffective disorganised disorganized out-of-touch disgrace clue lousy mediocre subpar "
    "garbage trash horrid lazy greedy unqualified inexperienced incapable unfit chaotic "
    "dysfunctional lacklustre lackluster ruined ruining replacing rethink shake disconnected "
    "detached oblivious untrained underqualified morons moron idiot fools dishonest liars "
    "hypocritical hypocrites unprofessional meh".split()
)
"""Words that make a judgement of management negative (no hedges: "more managers" is no verdict)."""

NEG_EVAL: Final[frozenset[str]] = frozenset(
    "poor bad terrible awful appalling shocking rubbish useless incompetent clueless dreadful "
    "horrible weak lacking non-existent nonexistent inconsistent lack worst abysmal disgraceful "
    "cancelled canceled joke shambles shambolic nightmare disaster sucks atrocious dire horrendous "
    "laughable patchy sporadic minimal "
    "crap pathetic questionable inept toxic could should needs need more better improve "
    "improved improvement improving lax ineffective disorganised disorganized bloated "
    "out-of-touch detached rare scarce limited nil missing absent".split()
)
"""Words that make a neutral topic or a management judgement negative."""

POS_EVAL: Final[frozenset[str]] = frozenset(
    "good great excellent brilliant amazing fantastic outstanding superb strong lovely wonderful "
    "fab best decent nice awesome solid exceptional effective inspiring inspirational "
    "superb approachable competent organised organized professional knowledgeable capable".split()
)
"""Words that make a neutral topic or a management judgement positive."""

COPULAS: Final[frozenset[str]] = frozenset("is are was were 's been be seems seem feels".split())
"""Verbs after which a verdict on the subject follows ("communication ... is poor")."""

MUST: Final[frozenset[str]] = frozenset("need needs needed should must ought".split())
"""Right after a management word, a judgement that something is missing ("management needs to
get a grip"): a need, unless a specific behaviour in the comment says which."""

BARE_MANAGEMENT: Final[frozenset[str]] = frozenset(
    "the our my your all of just upper senior middle top local store site branch line "
    "ward department team general regional area and & as always usually again honestly "
    "mainly especially really".split()
)
"""Words that may stand beside a management word in a clause that only names it
("Management, as always", "Upper management."): a bare topic, as an answer."""

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

"""Line patterns for text captures: boilerplate, timestamps, comment headers, credits.

Each pattern matches a *whole line* (after stripping), so a comment that merely
contains the words "Read more" or "Reply" is never taken for page furniture.
"""

from __future__ import annotations

import re

__all__ = [
    "ACTION",
    "BIO",
    "BOILERPLATE",
    "BYLINE",
    "CAPTION",
    "BARE_CREDIT",
    "CAPTION_CREDIT",
    "COMMENTS_MARKER",
    "CORRECTION_NOTE",
    "END_OF_ARTICLE",
    "HEADER_INLINE",
    "POSTED_BY",
    "REPLIED_TO",
    "BADGE",
    "LIST_HEADER",
    "TIMESTAMP",
    "is_credit_line",
    "is_name_like",
]

_I = re.IGNORECASE

_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
    r"|janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre"
    r"|januar|februar|märz|juni|juli|oktober|dezember|enero|febrero|marzo|abril|mayo|junio|julio|agosto"
    r"|septiembre|octubre|noviembre|diciembre)\.?"
)
_DAYS = r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?"
_CLOCK = r"\d{1,2}(?:[:.]|\s?h\s?)\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?"
_UNIT = (
    r"(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?|"
    r"mo|mos|months?|y|yrs?|years?)"
)
_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?"
_RELATIVE = (
    rf"(?:(?:(?:\d+\s*|(?:an?|one|two|three|(?:a\s+)?(?:few|couple(?:\s+of)?)|several)\s+){_UNIT}(?:\s+ago)?|just now|moments? ago|now)"
    rf"|(?:yesterday|today)(?:,?\s*(?:at|@)?\s*{_CLOCK})?"
    rf"|{_WEEKDAY},?\s*(?:at|@)?\s*{_CLOCK})"  # "Monday 11:42", "Tue at 9.05pm"
)
_DATE = (
    rf"(?:{_DAYS}\s*)?(?:"
    rf"\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS},?\s+\d{{2,4}}"  # 12 March 2025
    rf"|{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{2,4}}"  # March 12, 2025
    rf"|{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?"  # March 12
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS}"  # 12 March
    r"|\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"  # ISO
    r"|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}"  # 12/03/2025
    r")"
)
_TIME_EXPR = (
    rf"(?:(?:posted|published|updated|edited|last updated|commented|on|at)\s*:?\s+)?"
    rf"(?:{_RELATIVE}|{_DATE}(?:,?\s*(?:at|@|-|–|—|·|•|\||à|um|a las|alle)?\s*{_CLOCK})?|{_CLOCK}(?:,?\s*(?:on\s+)?{_DATE})?)"
    r"(?:\s*\((?:edited|updated)\))?"
)

#: A line that is nothing but a timestamp ("2 hours ago", "12 March 2025 at 10:14 am").
TIMESTAMP = re.compile(rf"^\s*[\[(]?{_TIME_EXPR}[\])]?\s*(?:[|•·]\s*(?:edited|reply|permalink))?\s*$", _I)

_TIME_TAIL = re.compile(rf"(?:\s*[|•·,–—-]\s*|\s+)(?:on\s+)?({_TIME_EXPR})\s*$", _I)

#: Words and phrases of the action bars under comments ("Reply · Report", "Like (14)").
_ACTION_WORDS = (
    r"reply|replies|respond|like|likes|liked|unlike|share|report|flag|flagged|upvote|downvote|"
    r"recommend(?:ed)?|vote|permalink|link|copy link|quote|edit|edited|delete|hide|collapse|expand|"
    r"show (?:more )?repl(?:y|ies)|view (?:all )?(?:\d+ )?(?:more )?repl(?:y|ies)|hide repl(?:y|ies)|"
    r"load (?:\d+ )?(?:more )?repl(?:y|ies)|report abuse|report comment|report this( comment)?|"
    r"reply to this( comment)?|reply to [\w .'-]{1,30}|flag as inappropriate|mark as spam|"
    r"show more|see more|thumbs up|thumbs down|helpful|not helpful|agree|disagree|follow|block( user)?|"
    r"vote up|vote down|up ?vote|down ?vote|mute|award|save|give award|more options|options|translate|see translation|pick|staff pick|"
    r"\d+\s*(?:likes?|points?|upvotes?|votes?|recommends?|recommendations?|repl(?:y|ies)|reactions?)"
)
_ACTION_TOKEN = re.compile(
    rf"^(?:(?:{_ACTION_WORDS})\s*(?:\(\d+\)|\d+)?\s*[›»>→▸▾▴+↓↑]?"
    r"|[↑↓▲▼△▽👍👎♥❤+−-]?\s*\d*\s*[↑↓▲▼△▽👍👎♥❤]|[↑↓▲▼△▽👍👎♥❤]\s*\d+"
    r"|\d+|\d{1,2}\s*(?:s|m|h|d|w|y|mo|min|mins|hr|hrs)|[↑↓▲▼△▽👍👎♥❤]+)$",
    _I,
)
_ACTION_SPLIT = re.compile(r"\s*[|•·∙/]\s*|\s{2,}|\t")


class _ActionMatcher:
    """Matches lines made only of action-bar tokens ("Like · Reply · 42 · 3h", "▲ 24 ▼ | Reply")."""

    def match(self, line: str) -> bool:
        t = line.strip()
        if not t or len(t) > 80:
            return False
        tokens = [tok for tok in _ACTION_SPLIT.split(t) if tok]
        if not tokens:
            return False
        if all(_ACTION_TOKEN.match(tok) for tok in tokens):
            # A lone number is a vote count only next to something else.
            return not (len(tokens) == 1 and tokens[0].isdigit())
        # "▲ 31 ▼" style with single spaces: try splitting on spaces as well.
        words = t.split()
        return all(_ACTION_TOKEN.match(w) for w in words) and not all(w.isdigit() for w in words)


#: Action lines under a comment: "Reply", "Like (14)", "Share ›", "12 likes", "↑ 3 ↓".
ACTION = _ActionMatcher()

#: Badge lines under a commenter's name ("Top fan", "Subscriber", "Works at NHS England").
BADGE = re.compile(
    r"^\s*(?:top fan|top commenter|top contributor|subscriber|verified(?: (?:buyer|commenter|account))?|"
    r"moderator|staff|editor|author|admin|premium member|member|supporter|founding member|"
    r"community (?:member|moderator)|editor'?s pick|guardian pick|nyt pick|featured(?: comment)?|"
    r"most helpful|pinned(?: comment)?|highlighted|trusted commenter|original poster|op|"
    r"(?:works|worked|lives|lived|studied|studies|went) (?:at|in) .{2,50})\s*$",
    _I,
)

_BOILER_WORDS = [
    r"advertisement",
    r"advertising",
    r"sponsored( content)?",
    r"paid (post|content)",
    r"ad",
    r"(story|article) continues (below|after)( this)?( advertisement| ad)?",
    r"continue reading( below)?",
    r"more:.{0,200}",
    r"(also|further) on .{1,40}:.{0,160}",
    r"scroll (down )?to continue( reading)?",
    r"read more:?.*",
    r"read more",
    r"related:.*",
    r"see also:.*",
    r"more on this( story)?:?.*",
    r"also read:?.*",
    r"recommended( for you| reading| stories)?:?",
    r"most (read|popular|viewed)",
    r"related (articles|stories|content|posts|coverage|topics)\s*:?",
    r"you (may|might) (also )?like:?",
    r"trending( now)?",
    r"top stories",
    r"latest (news|stories)",
    r"more from .{1,40}",
    r"(sign up|subscribe|register)( now| today| here)?( (to|for) .{0,80})?",
    r"(sign up|subscribe|register|get|receive|join)\b.{0,60}\b(newsletters?|inbox|alerts|briefing)\b.{0,80}",
    r".{0,40}\bnewsletters?\b.{0,40}",
    r"(never miss|don'?t miss|stay (informed|up to date)|get (the|our)).{0,80}\bnewsletters?\b.{0,80}",
    r"(share|tweet|email|print|copy link|save)( (this|the) (article|story|page))?( on .{1,30})?",
    r"share (on|via) .{1,30}",
    # Share bars with a label: "Share this article: Facebook · X · WhatsApp · Email".
    r"(share|tweet|send|email)( (this|the) (article|story|page|post|piece))?\s*[:·|–—-]\s*"
    r"(facebook|twitter|x|whatsapp|linkedin|reddit|email|e-mail|pinterest|telegram|bluesky|threads|messenger|"
    r"print|copy link)( ?[|•·,/] ?(facebook|twitter|x|whatsapp|linkedin|reddit|email|e-mail|pinterest|telegram|"
    r"bluesky|threads|messenger|print|copy link))*",
    r"(facebook|twitter|x|whatsapp|linkedin|reddit|email|pinterest|telegram)"
    r"( ?[|•·,/] ?(facebook|twitter|x|whatsapp|linkedin|reddit|email|pinterest|telegram|copy link))*",
    r"follow us( on .{1,40})?",
    r"follow us on [\w .&+-]{1,40}( for (more|the latest|updates|news)\b.{0,60})?",
    r"join us on .{1,40}",
    r".{0,120}\b(use|uses|using) cookies\b.{0,300}",
    r".{0,100}\bcookies?\b.{0,100}\b(accept|consent|preferences|settings|policy)\b.{0,200}",
    r"accept( all| and close| and continue)?( cookies)?(\s*[|•·]\s*(manage|cookie) (settings|preferences|options))?",
    r"(manage|cookie) (settings|preferences|options)",
    r"(manage|cookie) (settings|preferences|policy)",
    r"privacy policy",
    r"terms (of (use|service)|and conditions)",
    r"(©|copyright|\(c\)).{0,120}",
    r"all rights reserved\.?",
    r"back to top",
    r"skip to (main )?content",
    r"home(\s*[›»>/|]\s*[\w&' -]{1,30}){1,6}",
    r"[\w&'’-]+( [\w&'’-]+){0,2}(\s+[›»>/]\s+[\w&'’-]+( [\w&'’-]+){0,3}){2,6}",
    r"(news|home|top|sections?)(\s+[›»>/]\s+[\w&'’-]+( [\w&'’-]+){0,3}){1,6}",
    r"you are here:.*",
    r"(load|show|view|see) (more|all|older|newer|previous)( \d+)? comments",
    r"sort(ed)?( comments)? by:?.{0,30}",
    r"order(ed)? by:?.{0,30}",
    r"(newest|oldest|best|top|most liked|popular)( first)?",
    r"((newest|oldest|best|top|most liked|most popular|popular|most recent|recommended|most voted|most replies|"
    r"most reactions|highest rated|lowest rated|controversial|trending)( first)?\s*[|•·/]?\s*){2,6}",
    r"(our |the )?(comment(ing)?|community|discussion|house) (policy|guidelines|rules|standards)",
    r"comments? (are|have been) (closed|disabled|turned off).{0,80}",
    r"log ?in( to (comment|reply))?.{0,60}",
    r"(leave|post|add|write) (a|an|your) (comment|reply|response)",
    r"(join|start) the (discussion|conversation|debate).{0,80}",
    r"comments? (are|is) (moderated|pre-?moderated|reviewed|open|now closed).{0,120}",
    r"the comments to this (entry|post|article) are closed\.?",
    r"comments? (closed|disabled|off)\.?",
    r"(sign|log) ?in( or (register|sign up|create (an|your) account))?( to .{0,80})?",
    r"(register|create (an|your) account) to .{0,80}",
    r"(you must|please) (be )?(logged|signed|log|sign) ?in.{0,80}",
    r"showing \d+ of \d+ (comments?|replies|responses).{0,80}",
    r"(load|show|view|see|read) (\d+ )?(more|all|older|newer|previous)( \d+)?( comments?| replies| responses)?",
    r"\d[\d,]* comments?\s*[·•|]\s*sort(ed)? by.{0,30}",
    r"comments?\s*[·•|:]\s*\d[\d,]*",
    r"sort:?.{0,60}",
    r"(your )?(email|e-mail) address will not be published.{0,120}",
    r"required fields are marked.{0,20}",
    r"(name|email|e-mail|website|comment|message)\s*\*?",
    r"(post|submit|send|publish) (comment|reply|response)",
    r"save my name.{0,160}",
    r"notify me of .{0,120}",
    r"(pingback|trackback):.{0,300}",
    r"(facebook|disqus|viafoura|coral|openweb) comments( plugin)?.{0,40}",
    r"powered by (disqus|coral|viafoura|openweb).{0,40}",
    r"what (readers|people|our readers) are saying.{0,40}",
    r"reader (reactions|views|responses)",
    r"explore more on (these|this) topics?",
    r"reuse this content",
    r"(per page|display threads|threaded|unthreaded|expanded|collapsed|flat)( \w+)?",
    r"this discussion is (now )?closed.{0,200}",
    r"thanks for reading .{1,80}subscribe.{0,160}",
    r"\d+\s*restacks?",
    r"restacks?",
    r"discussion about this (post|article|story)",
    r"(featured|pinned|highlighted)( comments?)?",
    r"read (less|also|next)(:.{0,160})?",
    r"readers like you .{0,200}",
    r".{0,80}\b(supporting contributions|keep paywalls away|support (our|independent) journalism)\b.{0,200}",
    r"support us( today)?",
    r"(become|be) a (member|supporter|subscriber).{0,80}",
    r"characters remaining:?\s*\d*",
    r"\d+ characters remaining",
    r"continue (without|with) (login|logging in|an account|google|facebook|apple|email)",
    r"or",
    r"and",
    r"(share|like|love) this:?",
    r"like loading\.*",
    r"loading\.*",
    r"(←|«)?\s*(previous|next|older|newer) (post|article|story|page)\s*(→|»)?",
    r"(\d+|one|two) responses? to .{1,200}",
    r"(or )?sign (up|in) with (disqus|google|facebook|apple|email).{0,20}",
    r"(name|email|e-mail|url|website)( address)?\s*(\(required\)|\*)?",
    r"advertisement\s*[·•|-]?\s*(scroll to continue|continue reading|ends|end)",
    r"(end of )?advertisement ends?",
    r">>\s*.{1,200}",
    r"a\s*a\s*a?",
    r"(font size|text size)\s*[:+-]?.{0,20}",
    r"your (name|email|e-mail|comment|message|reply)\s*\*?",
    r"(submit|send|post)( comment| reply)?",
    r"cancel( reply)?",
    r"(leave a reply|reply) cancel reply",
    r"your comment is awaiting moderation\.?",
    r"(this )?comment (is|was) awaiting (moderation|approval)\.?",
    r".{0,60}\b(comments?|views?|opinions?) (posted|expressed) .{0,120}(do not|does not|don't) (necessarily )?(reflect|represent).{0,120}",
    r"[\W_]{1,6}",
    r"\(\d+\)",
    r"\d{1,3}",
    r"(normal|larger|smaller|large|small|default|increase|decrease) (text|font)( size)?",
    r"ad feedback",
    r"skip (this )?(ad|advert|advertisement)s?( in \d+)?",
    r"report (this )?ad",
    r"scroll (down )?to continue.{0,40}",
    r"threads?:\s*\w+",
    r"(was|is) this (article|story|page|answer)? ?(helpful|useful)\??.{0,30}",
    r"(read|lire|leer|lesen|leggi|ler) (this )?(in|en|auf|em) \w+",
    r"(english|français|español|deutsch|italiano|português)( version| edition)?",
    r"loading( comments| replies| more)?.{0,20}",
    r"add (a |your )?comment",
    r"(listen|watch) (to )?(this|the|our) (article|story|podcast|episode|video).{0,60}",
    r".{0,60}\b(download|get) (our|the|a|your) free .{1,120}",
    r"never miss a story.{0,120}",
    r"what do you think\??.{0,80}",
    r"be the first to comment\.?",
    r"(community|comment(ing)?|discussion) (guidelines|rules|policy).{0,80}",
    r"this (article|story) (was|is|has been) (republished|originally published|first published|updated).{0,200}",
    r"(originally|first) (published|appeared) (on|in|at) .{1,200}",
    r"read the original article\.?",
    r"click here.{0,100}",
    r"tap here.{0,100}",
    r"watch:? .{1,80}\(video\)",
    r"(video|audio|photo|gallery):?",
    r"listen to (this|the) (article|story).{0,40}",
    r"(topics|tags|filed under|categories|category|keywords):.{0,200}",
    r"(image|photo|picture)s? (credit|source)s?:? .{0,80}",
    r"(get|download) (the|our) app.{0,80}",
    r"open in app",
    r"print this (page|article)",
    r"please enable javascript.{0,120}",
    r"loading\.*",
    r"report (an? )?(error|typo|correction).{0,60}",
    # Ad slots named in the page ("Mid-article advertisement", "Sponsored content slot", "Ad break").
    r"((mid|in|inline|top|bottom|side|end)[- ]?(article|page|bar|content|text|story|of[- ]article)?[- ]"
    r"|(sponsored|native|partner|paid|promoted|video|display|banner) )?"
    r"(advertisement|advert|adverts|ad|ads|advertising)"
    r"( (slot|break|space|unit|placement|banner|feature|content|panel|below|above|here|continues?|ends?|starts?|begins?))?",
    # Links to live pages and blogs ("Live: Ukraine war latest", "LIVE | Election results as they come in").
    r"(live|live updates|live blog|watch live)\s*[:|–—•·]\s*.{3,100}",
    # Tag rows without a colon ("Tagged NATO, Defence spending", "Filed under Politics | Europe").
    r"(tagged|tagged with|filed under|posted in)\s*:?\s+[\w&'’-]+( [\w&'’-]+){0,3}"
    r"(\s*[,|·•/;]\s*[\w&'’-]+( [\w&'’-]+){0,3}){0,12}",
    r"(topics|tags|categories|related topics|keywords|subjects)\s+[\w&'’-]+( [\w&'’-]+){0,3}"
    r"(\s*[,|·•/;]\s*[\w&'’-]+( [\w&'’-]+){0,3}){1,12}",
    # Patronage and donation appeals.
    r"(please )?(support|back|fund|sponsor|tip|help fund|help keep) (this|our|my) (blog|site|newsletter|work|"
    r"writing|journalism|reporting|podcast|channel|project|publication|column|page)\b.{0,200}",
    r".{0,60}\b(support|back|fund|join|tip|become a patron|subscribe)\b.{0,60}\b(on|via|through|at) "
    r"(patreon|ko-?fi|buy me a coffee|liberapay|paypal)\b.{0,120}",
    r".{0,120}\bevery (pound|dollar|euro|donation|contribution|penny|cent|gift|subscription|supporter|subscriber)"
    r"( you give)? (helps|counts|matters|makes a difference|keeps)\b.{0,160}",
    r"(become a (patron|sponsor|paying (member|subscriber))|buy me a coffee).{0,160}",
    r"(donate|give|contribute|chip in) (now|today|here|monthly)\s*[›»→]?",
    # "Donate to Mountain Rescue: every team is run by volunteers."
    r"(donate|give|contribute|chip in) (to|towards) [\w '’&.-]{2,60}\s*[:–—]\s*.{0,160}",
    r"make a (one-off |monthly |regular |small )?(donation|contribution)( today| now| here)?\s*[›»→]?",
    # Newsletter promos ending in their cadence ("The Morning Brief – the news you need. Every weekday.").
    r".{3,160}[.–—:-]\s*(every|each) (monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekday|weekend|"
    r"morning|evening)( morning| evening| at \d.{0,12})?",
    r".{0,120}\b(delivered|sent|straight|directly|direct) (to|in|into) your inbox\b.{0,120}",
    # Audio players ("Listen · 5:12", "Listen to this story 4 min").
    r"(listen|play|audio)( now| to this( article| story)?)?\s*[·•|:–-]?\s*\d{1,2}(:\d{2}| ?min(ute)?s?)",
    # Site footers, login and gift prompts, moderation notices.
    r"privacy( policy| notice| settings| centre| center| choices)?",
    r"do not sell( or share)? my (personal )?(data|information|info)",
    r"(you are )?(logged|signed) in as .{1,60}",
    r"gift (this|the) (article|story|piece).{0,120}",
    r"comments? (on|to|under|below) (this|the) (piece|article|story|post|page|thread|column) "
    r"(are|is|will be|may be) (pre-?moderated|moderated|reviewed|checked|vetted|closed|held|open).{0,160}",
    # Letters and reader-response appeals.
    r"(do you have|have you got|got) (an opinion|a view|views|something to say|thoughts|a response) (on|about) .{0,240}",
    r".{0,120}\b(if you would like to|if you'd like to|if you wish to|would you like to) "
    r"(submit|send|write) (us )?(a|your) (letter|response|reply|view|article)s?\b.{0,240}",
    r".{0,80}\bletters? (to the editor|for publication|page)\b.{0,160}",
    r".{0,60}\bthe (views|opinions) expressed (here |in this .{1,20} )?are (those of )?the (author|writer)s?['’]?s?( own)?.{0,100}",
    # Editorial disclaimers: "Opinion pieces reflect the views of the author, not of the paper."
    r".{0,60}\b(reflects?|represents?|are|is) (solely |only |entirely )?(the )?(personal )?(views?|opinions?) of (the|its|their) "
    r"(authors?|writers?|contributors?)\b.{0,140}",
    # Podcast and audio promos: "Inside Business podcast: … Listen now", "Podcast: … – listen on all platforms".
    r"((?-i:[A-Z])[\w'’&-]*\s+){0,4}(podcast|audio (edition|briefing|version|documentary))s?\s*[:|–—-]\s*.{3,200}",
    r".{3,180}(\s[–—|-]|[.?!:])\s*(listen|tune in|play|watch)( (now|here|live|free|again|today)| on .{1,40}"
    r"| wherever you get your podcasts)",
    # Links to live pages: "LIVE Russia-Ukraine war: latest updates".
    r"(?-i:LIVE)\b(?=[^.!?]*(?-i:[a-z]))[^.!?]{3,100}",
    r"[^.!?]{3,100}[:–—|-]\s*(the )?(latest|live) (updates|news|coverage)( as (they|it) happens?)?",
    r"(live|latest) (updates|coverage)\s*[:–—|-]\s*[^.!?]{3,100}",
    # Blog and article navigation: "Older post: …", "Next article →".
    r"(←|→|<|«)?\s*(older|newer|next|previous|prev)\s+(post|article|story|entry|page|episode)\s*(:\s*.{1,120}?)?\s*(←|→|>|»)?",
    # Media promos labelled by their kind: "Watch: the moment …", "GALLERY: …", "Catch up: …".
    r"(?!.*[.!?]\s*$)(watch|video|videos|gallery|in pictures|photos|pictures|audio|hear more|catch up|quiz|interactive)\s*:"
    r"\s*[^.!?]{3,120}(\([^()]{1,40}\))?",
    r".{0,100}[–—:|-]\s*(follow|find) us on [\w ]{2,30}",
    # Invitations: "Pray with us: daily evensong is streamed live at 5.15pm", "Walk with us – …".
    r"(?-i:[A-Z])\w+( \w+)? with us\s*[:–—-]\s*.{3,160}",  # Support and helpline notices after sensitive stories: "If you have been affected by any of the
    # issues raised in this article, contact …", "Samaritans can be contacted on 116 123.",
    # "Help is available from Mind on 0300 123 3393.".
    r"(if|where) you('ve| have)? (been|are|feel|were) (affected|struggling|worried|upset|concerned|impacted)"
    r"\b.{0,120}\b(contact|call|ring|speak|talk|visit|help|support|available|advice|email|write|reach)\b.{0,200}",
    r"(if you( or someone you know)?|anyone) (need|needs|are|is) (support|help|struggling|in crisis|"
    r"affected|having suicidal thoughts)\b.{0,240}",
    r"(the )?(samaritans|childline|mind|shelter|refuge|papyrus|calm|lifeline|beyond blue|crisis text line)"
    r" (can be|may be|is|are) (contacted|reached|available)\b.{0,160}",
    r"(free(, confidential)? )?(help|support|advice) (and (support|advice|information) )?(is|are) available"
    r" (from|through|via|24 hours|free|on|at)\b.{0,200}",
    r"(for (confidential )?(help|support|advice)|in the (uk|us|u\.s\.|ireland|australia),?)"
    r"[^.!?]{0,80}\b(call|contact|text|ring|phone)\b.{0,160}",
    # The promo family in any wording: "Don't miss a story: …", "Never miss an update …",
    # "Get the headlines delivered to your phone", "… – sign up free", "Want more? Subscribe …",
    # app and notification prompts ("Download the Ledger app", "Turn on breaking-news alerts").
    r"(don['’]?t|do not|never) miss out\s*[:!–—-].{0,160}",
    r"(don['’]?t|do not|never|so you never|so you don['’]?t) miss (out( on)?|a|an|another|any|the|our|a single|"
    r"a thing|a beat|a word)\b ?(\w+ ){0,2}?(story|stories|thing|beat|update|updates|headline|headlines|issue|"
    r"edition|episode|moment|word|post|dispatch|newsletter|briefing|bulletin|alert|alerts|deal|deals)\b.{0,160}",
    r".{0,60}\b(delivered|sent|straight|directly|direct|pushed) (to|into|in|on|onto) your (inbox|phone|device|"
    r"email|mailbox|mobile|feed|lock ?screen|notifications|tablet|smartphone)\b.{0,120}",
    r".{0,80}([:.!?–—|]|\s-)\s*(sign up|sign me up|subscribe)\b.{0,60}\b(newsletters?|briefings?|bulletins?|"
    r"digest|alerts?|updates|emails?|inbox|for free|free|today|now|here)\b.{0,80}",
    r"(want|like|liked|enjoy|enjoyed|love|loved|found) (this|more|the latest|stories like this|what you('ve)? read|"
    r"reading this)\b.{0,80}\b(sign up|subscribe|newsletters?|follow us|briefings?|app|inbox|alerts)\b.{0,80}",
    r"(download|install|get|try|open|use) (the|our) (free |new |official )?(['’\w-]+ ){0,3}app\b.{0,120}",
    r".{0,60}\b(available|download it|get it) (now )?(on|from|in) (the )?(app store|google play|play store|"
    r"ios and android|android and ios|iphone and android)\b.{0,80}",
    r"(turn on|enable|allow|switch on|activate|set up|get) (our |the )?(push |breaking[- ]news |news |email |app )?"
    r"(notifications|alerts)\b.{0,120}",
    r"join (\d[\d,.]*\s*(k|m)?|thousands|millions|tens of thousands|hundreds of thousands|over|more than|our)\b.{0,60}"
    r"\b(readers|subscribers|members)\b.{0,120}",
    # Metered paywalls: "You have 2 free articles left this month.", "You have read 4 of 5 free articles …".
    r"you('ve| have) (read |used |viewed |opened )?(\d+|one|two|three|four|five|no) (of (your )?(\d+|one|two|three|four|"
    r"five) )?(free (articles?|stories|reads|pieces)|(articles?|stories|reads|pieces) (left|remaining|this (month|week)|"
    r"for free))\b.{0,160}",
    r"(only )?(\d+|one|two|three|four|five) free (articles?|stories|reads|pieces) (left|remaining)\b.{0,160}",
    r"(this is|you['’]re reading) your (last|final|first) free (article|story|read)\b.{0,160}",
    # Donation asks: "If you value local reporting, please consider making a contribution."
    r".{0,120}\bplease consider (making a |a |becoming a )?(contribution|donation|donating|contributing|supporting us|"
    r"subscribing|a subscription|member|supporter|subscriber)\b.{0,200}",
    # A podcast or audio promo behind a label: "🎧 Listen: On the Water, our weekly podcast …".
    r"[^\w\s]{0,3}\s*(listen|listen now|hear|podcast)\s*:\s*.{0,120}\b(podcasts?|episodes?|series)\b.{0,160}",
    # A lone related link behind an arrow: "› Art detectives: the people who track down stolen treasures".
    r"[›»▸]\s*(?-i:[A-Z0-9“‘\"'])[^\n]{2,160}",
    r"(our |the |a )?(free )?(morning|evening|daily|weekly|weekend|lunchtime|breaking[- ]news|daily news) "
    r"(briefing|bulletin|digest|email|round-?up|newsletter)s?(\s*[:|–—-]\s*.{0,100})?",
]

#: Page furniture that is never article text: ads, prompts, navigation, cookie banners.
#: Decorations around the words ("- Advertisement -", "** Read more **") do not matter.
_BOILER_WRAP = r"^[\s\-–—*•·=_~#|]*(?:{})[\s.!:|›»>\-–—*•·=_~#]*$"
#: Alternatives that may start anywhere in the line (".{0,120}\bcookies…") are slow to try on
#: every line, so they are only tried when one of their key words occurs.
_FLOATING = [w for w in _BOILER_WORDS if w.startswith(".{")]
_FLOATING_KEYS = re.compile(
    r"newsletter|cookie|contribution|paywall|journalism|posted|expressed|free|patreon|ko-?fi|coffee|liberapay|"
    r"paypal|every|each|inbox|letter|like to|wish to|views? of|opinions? of|podcast|audio|listen|tune in|play|watch|"
    r"live|updates|coverage|with us|follow us|find us|delivered|sent|straight|direct|pushed|sign|subscribe|join|"
    r"available|download|get it|consider",
    _I,
)


class _BoilerplateMatcher:
    """Whole-line furniture patterns; ``match`` says whether a line is page furniture."""

    def __init__(self) -> None:
        anchored = [w for w in _BOILER_WORDS if not w.startswith(".{")]
        self._anchored = re.compile(_BOILER_WRAP.format("|".join(anchored)), _I)
        self._floating = re.compile(_BOILER_WRAP.format("|".join(_FLOATING)), _I)

    def match(self, line: str) -> bool:
        if self._anchored.match(line) or (bool(_FLOATING_KEYS.search(line)) and bool(self._floating.match(line))):
            return not _prose_after_label(line)
        return False


#: "Related: the council will hold …": a label followed by a lower-case clause.
_LOWER_AFTER_LABEL = re.compile(r"^[^:]{1,40}:\s+(?-i:[a-z])")
#: "… Hamid Rousse said the squad …", "… the mayor has said she will …": reported speech.
_REPORTED = re.compile(r"\b(?:said|says|told|tells|added|explained)\b", re.IGNORECASE)


#: Words that keep a long labelled line furniture ("Sign up to our newsletter: one email every Friday.").
_STRONG_FURNITURE = re.compile(
    r"\b(?:newsletters?|sign up|subscribe|unsubscribe|inbox|cookies?|donat\w*|letters? to the editor|"
    r"max \d+ words|app|log ?in|sign in|register|terms|privacy)\b",
    re.IGNORECASE,
)


def _prose_after_label(line: str) -> bool:
    """A line that opens like furniture ("Related: …", "Read more …", "Comments are open …") but goes on
    as a sentence of the article or a comment: twelve words or more, a closing full stop, and either a
    lower-case clause after the label's colon or reported speech."""
    s = line.strip()
    if len(s.split()) < 12 or not s.endswith((".", "!", "?", "”", '"')):
        return False
    if _STRONG_FURNITURE.search(s):
        return False
    return bool(_LOWER_AFTER_LABEL.match(s) or _REPORTED.search(s))


BOILERPLATE = _BoilerplateMatcher()

#: Headers of link lists ("Related articles", "Most read"): the headlines under them are furniture too.
LIST_HEADER = re.compile(
    r"^\s*(?:related(?: articles| stories| content| posts| coverage| topics| links| reading)?|more (?:on this|from|stories|news|like this)\b.{0,40}"
    r"|most (?:read|popular|viewed|shared|commented)|recommended(?: for you| reading| stories| articles)?|you (?:may|might) (?:also )?(?:like|enjoy|be interested in)"
    r"|trending(?: now| stories)?|top stories|latest(?: news| stories| headlines)?|read (?:more|next)|see also|also read|editor'?s picks|popular (?:now|stories)|in (?:other|case you missed)\b.{0,30}"
    r"|don'?t miss|what to read next|further reading|also in .{1,30}|topics|tags|more in .{1,30}|more about .{1,40})\s*[:.›»>]*\s*$",
    _I,
)

#: Lines that open a comment section: "87 comments", "Comments (87)", "Reader comments".
COMMENTS_MARKER = re.compile(
    r"^\s*(?:(?:(?:showing|show|all|view)\s+(?:all\s+)?)?(?:\d[\d,.]*k?\s+)?(?:reader |user |most recent |latest |top )?(?:comments?|responses|replies|reactions|discussion)"
    r"(?:\s*\(\d[\d,.]*\)|\s*:\s*\d[\d,.]*)?|(?:show|view|see|read|load)\s+(?:all\s+)?(?:\d+\s+)?comments?"
    r"|(?:join|start) the (?:discussion|conversation|debate)|(?:leave|post|add|write) a (?:comment|reply|response)"
    r"|what do you think\??.{0,80}|conversation|discuss(?:ion)?(?:\s*\(\d+\))?|be the first to comment\.?"
    r"|(?:\d[\d,]*|one|two|three) (?:thoughts?|comments?|responses?|repl(?:y|ies)) (?:on|to) .{1,200}"
    r"|(?:leave|post) a (?:comment|reply) .{0,80}|have your say.{0,60}"
    r"|(?:\d[\d,]* )?comments?\s*[·•|:]\s*(?:\d[\d,]*|sort.{0,30})|showing \d+ of \d+ comments?.{0,80}"
    r"|what (?:readers|people|our readers) are saying.{0,40}|reader (?:reactions|views|responses)|add your comment"
    r"|comments?\s+\d[\d,.]*|conversation\s*\(\d[\d,.]*\)|what are your thoughts\??|"
    r"(?:\d[\d,.]*\s+)?comments?\s*[·•|]\s*(?:newest|oldest|best|top|most \w+)(?: first)?"
    r"|top comments|most (?:recent|liked|popular) comments|(?:all )?comments \(\d[\d,]*\)|(?:join|start) the (?:discussion|conversation).{0,80})"
    r"\s*[.:!›»>]*\s*$",
    _I,
)

_CORRECTION = (
    r"(?:correction|clarification)\s*:(?=.{0,120}?\b(?:(?:an?|the) (?:earlier|previous|original|older|print) version|"
    r"this (?:article|story|piece|report|column|post|headline|caption)|(?:we|it) (?:wrongly|incorrectly|mistakenly)|"
    r"previously (?:said|stated|gave|reported|described|named|misspelled)|(?:has|have) been (?:amended|corrected|updated)))"
    r"|this (?:article|story) has been (?:amended|corrected)"
)

#: Lines that close an article: republication notices, "Read the original", copyright.
END_OF_ARTICLE = re.compile(
    r"^\s*(?:this (?:article|story|piece|post|column|essay|interview) (?:\w+ ){0,3}?(?:republished|published|appeared|"
    r"adapted|updated|amended|corrected|produced|syndicated)"
    r"|(?:originally|first) (?:published|appeared)|read the original (?:article|piece|story|post)|(?:©|copyright|\(c\))"
    r"|(?:republished|reproduced|reprinted) (?:under|with|from|by|courtesy|here)|.{0,60}\bcreative commons\b"
    r"|.{10,200}?[.!?]\s+this (?:article|story|piece|post|analysis) (?:is|was|has been) (?:republished|reproduced|"
    r"reprinted|syndicated|(?:first |originally )published)\b"
    r"|all rights reserved|(?:topics|tags|filed (?:under|in)|posted (?:under|in))\s*:|additional reporting by|"
    r"a version of this (?:article|story|piece) (?:\w+ ){0,2}?(?:appeared|published)|"
    r"this (?:article|story|piece) is part of (?:our|a|the) .{1,100}|"
    r"(?:the )?(?:views|opinions) expressed (?:in this (?:article|piece|column|post) |here )?are (?:those of )?the (?:author|writer)|"
    + _CORRECTION
    + r")",
    _I,
)

#: A correction or clarification note about the article itself ("Correction: an earlier version of
#: this article said …", "This article was amended on 14 November 2026 …"), not a reader's
#: "Correction: it's not a tax cut …".
CORRECTION_NOTE = re.compile(
    r"^\s*(?:" + _CORRECTION + r"|this (?:article|story|piece|report) (?:was|has been) "
    r"(?:amended|corrected|updated to correct))",
    _I,
)

_PROFESSION = (
    r"(?:professor|lecturer|reader|fellow|member|director|editor|correspondent|writer|author|journalist|"
    r"researcher|reporter|columnist|analyst|contributor|chair(?:man|woman|person)?|head|founder|co-?founder|"
    r"student|candidate|economist|historian|scientist|associate|lawyer|scholar|expert|producer|"
    r"commentator|broadcaster|novelist|former|retired|senior|chief|president|partner|specialist|"
    r"consultant|adviser|advisor|ph\.?d|doctoral|visiting|adjunct|assistant|research|political|"
    r"international|foreign|defence|defense|diplomatic|security|staff|freelance|regular|contributing|"
    r"teacher|headteacher|principal|doctor|nurse|engineer|farmer|officer|diplomat|ambassador|minister|"
    r"councillor|activist|campaigner|volunteer|pastor|priest|physician|surgeon|architect|planner|"
    r"curator|librarian|translator|poet|filmmaker|photographer|designer|developer|entrepreneur|"
    r"executive|manager|coordinator|organiser|organizer|trustee|governor|officer|lead|leads|runs|"
    r"(?!(?:first|list|exist|assist|insist|resist|consist|persist|twist|wrist|mist|fist|gist|christian|median|guardian|"
    r"civilian|pedestrian|ruffian)\b)\w+(?:ologist|ographer|onomist|ician|ist|ian))"
)
_PARTICLE = r"(?:de|da|di|du|del|della|der|den|van|von|le|la|bin|binti|al|el|ibn|y|dos|das|ter|ten|mac|st\.?)"
_NAME = rf"(?:(?:[A-Z][\w'’.-]+|{_PARTICLE})\s+){{0,4}}[A-Z][\w'’-]+"

#: Author bio lines: "Stefan Wolff is a professor of international security, University of Birmingham."
BIO = re.compile(
    rf"^\s*(?:(?:about the author|the author|the writer|about)\s*[:—–-]?\s*)?"
    rf"(?!(?:It|This|That|There|Here|What|Which|One|Each|Every|Such|Another|The)\b)(?:{_NAME}|(?:he|she|they))"
    rf"(?:\s*(?:,|and)\s*{_NAME})?\s+(?:(?:is|has been)\s+(?:(?:also|currently|now)\s+)?(?:a|an|the)\s+"
    rf"(?:[\w'’-]+\s+){{0,4}}?{_PROFESSION}\b"
    # "… is leader of the district council", "… is professor of cultural policy at …"
    rf"|(?:is|has been)\s+(?:(?:also|currently|now)\s+)?(?:[\w'’-]+\s+){{0,2}}?(?:{_PROFESSION}|leader)\s+(?:of|at)\b"
    rf"|are\s+(?:(?:also|both|currently)\s+)?(?:[\w'’-]+\s+){{0,3}}?{_PROFESSION}(?:s|es)?\b"
    r"|(?:writes|teaches|works|lectures|reports|blogs)\s+(?:(?:here|regularly|mainly)\s+)?(?:about|at|for|on|in)\b)"
    r".{0,400}$"
    r"|^\s*(?:about the author|the author|the writer)\b.{0,400}$"
    r"|^\s*the views expressed (?:in this (?:article|piece|column) )?are (?:those of )?the author.{0,200}$"
    r"|^\s*(?:follow|contact) [A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3} (?:on|at|via) .{1,60}$",
)

#: Bylines: "By Jane Doe", "Written by …", "Jane Doe, Political Correspondent", "Reporting by …".
BYLINE = re.compile(
    rf"^\s*(?:(?:by|written by|words by|reporting by|story by|author:?|words:?)\s+{_NAME}"
    rf"(?:\s*(?:,|and|&)\s*{_NAME})*(?:\s*[,|•·–—-]\s*.{{0,80}})?"
    rf"|{_NAME}\s*[,|•·–—-]\s*(?:the\s+)?(?:[\w'’-]+\s+){{0,4}}?"
    r"(?:correspondent|editor|reporter|writer|columnist|journalist|contributor|staff|analyst)\b.{0,60}"
    r"|(?:published|updated|last updated|posted|first published)\s*(?:on|at)?\s*:?\s+.{3,80}"
    rf"|{_TIME_EXPR}(?:\s*[·|•,–—-]\s*\d+\s*min(?:ute)?s?\s*read)?"
    r"|\d+\s*min(?:ute)?s?\s*read|(?:estimated\s+)?reading\s+time\s*:?\s*(?:about\s+)?\d+\s*(?:min(?:ute)?s?|m)\.?)\s*$",
    _I,
)

#: Picture credits without a "Photo:" label: "Photo by Ann Lee / Northland Daily",
#: "Derek Coffin/Staff Photographer", "REUTERS/Jo Bloggs", "Star Photo / Ann Lee".
_PHOTO_CREDIT = (
    r"(?:photo(?:graph)?s?|pictures?|images?) by (?-i:[A-Z])[\w'’.-]+(?: (?-i:[A-Z])[\w'’.-]+){0,3}(?:\s*[/|,]\s*[\w'’&. -]{2,40})?"
    r"|(?-i:[A-Z])[\w'’.-]+(?: (?-i:[A-Z])[\w'’.-]+){0,3}\s*/\s*(?:staff |freelance |contributing )?(?:photographer|photo|pool|file|handout)"
    r"|(?:reuters|ap|afp|epa|getty images|pa|anadolu|xinhua|tass|shutterstock)\s*/\s*(?-i:[A-Z])[\w'’.-]+(?: (?-i:[A-Z])[\w'’.-]+){0,3}"
    r"|(?-i:[A-Z])[\w'’.-]+(?: (?-i:[A-Z])[\w'’.-]+){0,2} photo\s*/\s*(?-i:[A-Z])[\w'’.-]+(?: (?-i:[A-Z])[\w'’.-]+){0,3}"
    # "Keystone/Jean-Christophe Bott", "Xinhua/Li Wei": an agency and a photographer's full name.
    r"|(?-i:[A-Z])[\w&.-]+(?: (?-i:[A-Z])[\w&.-]+)?/(?-i:[A-Z])[\w'’.-]+(?: (?-i:[A-Z])[\w'’.-]+){1,3}"
)

#: Caption and picture-credit lines.
CAPTION = re.compile(
    r"^\s*(?:(?:photo(?:graph)?|image|picture|pic|illustration|credit|file photo|main image|top image|"
    r"pictured|above|left|right|below)\s*:.{0,300}"
    r"|.{0,300}\((?:photo|image|picture|credit|pic|file)s?\b[^)]{0,80}\)"
    # "… in September. (Herald file photo)", "… at Halhjem. (NTB)": a credit in brackets after the sentence.
    r"|.{10,300}[.!?]\s*\([^()]{0,40}\b(?:photo(?:graph)?|image|picture|pic|file|handout|pool)s?\)"
    r"|.{10,180}[.!?]\s*\((?-i:[A-Z][A-Z/&-]{1,12}(?: [A-Z][A-Z/&-]{1,12})?)\)"
    # "… on Tuesday. Jane Doe/Gallo Images": a "Name/Agency" credit after the sentence.
    r"|.{10,300}[.!?]\s+(?-i:[A-Z])[\w'’.-]+(?:\s+(?-i:[A-Z])[\w'’.-]+){0,3}\s*/\s*(?-i:[A-Z])[\w'’&.-]+(?:\s+[\w'’&.-]+){0,3}"
    r"|.{10,300}[.!?]\s+(?:[|/–—-]\s*)?(?:photo(?:graph)?|picture|image|pic|credit|illustration|foto)s?\s*[:©]\s*[^.!?]{2,80}"
    r"|.{10,300}[.!?]\s+(?:(?:image|photo|photograph|picture)s? )?courtesy (?:of|by) [^.!?]{2,60}\.?"
    r"|.{10,300}[.!?]\s+\(?(?:stock|file|handout) (?:image|photo|picture)s?\)?\.?"
    r"|(?:image|photo|picture) (?:source|caption|credit)s?\s*[,:].{1,300}"
    rf"|{_PHOTO_CREDIT}"
    r"|.{0,300}(?:\bgetty images?|\breuters|\bap photo|\bafp(?: via getty images)?|\bshutterstock|\balamy|"
    r"\bepa(?:-efe)?|\bpa (?:wire|media|images)|\bbloomberg via getty images|\banadolu)\s*\)?\.?)\s*$",
    _I,
)

#: Lines that are only a picture credit in a form no prose line takes: "(Foto: Jens Albers)",
#: "Photo © Owen Gethin", "© Jo Bloggs", "Stock image", "Handout", "Image courtesy of a reader".
_BARE_CREDIT = (
    r"^\s*[(\[]?(?:foto|bild|photo|image|picture)s?\s*[:©]\s*.{1,60}[)\]]?\s*$"
    r"|^\s*[(\[]?(?:©|\(c\)|copyright)\s*(?-i:[A-Z]).{1,60}[)\]]?\s*$"
    r"|^\s*[(\[]?(?:stock|file|library|archive|handout|supplied|submitted|pool) (?:image|photo|photograph|picture|pic)s?"
    r"[)\]]?\.?\s*$|^\s*[(\[]?(?:handout|supplied|submitted)[)\]]?\.?\s*$"
    r"|^\s*[(\[]?(?:(?:image|photo|photograph|picture)s? )?(?:courtesy|supplied) (?:of|by) .{2,60}[)\]]?\.?\s*$"
    r"|^\s*\((?:photo(?:graph)?|image|picture)s? by [^()]{2,60}\)\s*$"
)
BARE_CREDIT = re.compile(_BARE_CREDIT, _I)

#: Bare picture credits ("Credit: AFP via Getty Images", "Photograph: Reuters"), which caption the line above.
CAPTION_CREDIT = re.compile(
    r"^\s*[(\[]?(?:photo(?:graph)?s?|images?|pictures?|pic|credit|source|illustration|file photo)\s*(?:credit)?\s*[:/|-]\s*.{1,80}[)\]]?\s*$"
    r"|^\s*[(\[]?(?:getty images?|reuters|ap(?: photo)?|afp(?: via getty images)?|shutterstock|alamy|epa(?:-efe)?|pa(?: wire| media)?|bloomberg|anadolu)\b.{0,60}[)\]]?\s*$"
    rf"|{_BARE_CREDIT}"
    rf"|^\s*(?:{_PHOTO_CREDIT})\s*$",
    _I,
)

#: "Posted by Name on 24 June 2025, 17:10" headers, and "Posted by: Name | April 6, 2025 at 06:12 PM" footers.
POSTED_BY = re.compile(
    rf"^\s*(?:posted|submitted|written|comment(?:ed)?|added|sent) by:?\s+(?P<name>[^|•·]{{1,48}}?)"
    rf"(?:\s*(?:\bon\b|\bat\b|[|•·,–—-])\s*(?P<time>{_TIME_EXPR}))?\s*$",
    _I,
)

#: "Julia Markham replied to Pete Sandford [on 13 March 2025]", "Ann › Bob", "Ann ▸ Bob · 2h".
REPLIED_TO = re.compile(
    rf"^\s*(?P<name>[^\n›▸»→]{{1,48}}?)\s+(?:replied to|replying to|in reply to|responded to|›|▸|»|→|↳)\s+@?"
    rf"(?P<parent>[^\n|•·]{{1,48}}?)(?:\s*(?:\bon\b|\bat\b|[|•·,–—-])\s*(?P<time>{_TIME_EXPR}))?\s*$",
    _I,
)

#: Inline comment headers: "Name says:", "Name • 3 days ago", "Name | 12 March 2025".
HEADER_INLINE = re.compile(
    rf"^\s*(?:[@→↳>]\s*)?(?P<name>[^\n]{{1,48}}?)\s+(?:says|said|wrote|writes|commented|replied)\s*:?"
    rf"(?:\s*(?P<time>{_TIME_EXPR}))?\s*$",
    _I,
)

_NAME_CHARS = re.compile(r"^[\w@][\w .'’_@-]*[\w.]$|^[\w@]$", re.UNICODE)
_NOT_NAMES = {
    "reply",
    "share",
    "report",
    "like",
    "comments",
    "comment",
    "advertisement",
    "related",
    "newest",
    "oldest",
    "best",
    "top",
    "sort",
    "menu",
    "home",
    "loading",
    "edited",
    "deleted",
    "anonymous user",
    "the",
    "and",
    "but",
    "yes",
    "no",
    "ok",
    "thanks",
    "lol",
    "agreed",
    "exactly",
    "indeed",
    "true",
    "wrong",
    "nonsense",
    "rubbish",
    "correct",
    "well said",
    "hear hear",
    "same",
    "this",
    "what",
    "why",
    "how",
    "who",
    "where",
    "when",
    "update",
    "updated",
    "more",
    "read more",
}


_DELETED_AUTHOR = re.compile(r"^[\[(](?:deleted|removed|anonymous|user deleted|account deleted)[\])]$", re.IGNORECASE)


def is_name_like(line: str) -> bool:
    """True when a short line could be a commenter's display name or handle."""
    s = line.strip()
    if _DELETED_AUTHOR.match(s):
        return True
    if not s or len(s) > 40 or s.lower().strip(".:!? ") in _NOT_NAMES:
        return False
    words = s.split()
    if len(words) > 4 or s[-1] in ",;:!?" or (s.endswith(".") and not re.search(r"\b[A-Z]\.$", s)):
        return False
    if not _NAME_CHARS.match(s):
        return False
    if TIMESTAMP.match(s) or ACTION.match(s) or BOILERPLATE.match(s):
        return False
    # Display names are capitalised words, or one handle-like token ("truthseeker_77").
    if len(words) == 1:
        return True
    caps = sum(w[0].isupper() or w[0].isdigit() or w[0] == "@" for w in words)
    return caps >= len(words) - 1 and caps >= 1


_TAIL_FLAGS = re.compile(
    r"(?:\s*[|•·∙,–—-]\s*(?:edited|updated|pinned|author|op|moderator|staff|verified|subscriber|top fan|"
    r"featured|editor'?s pick|reply|report|flag))+\s*$",
    re.IGNORECASE,
)


_CREDIT_BY = re.compile(
    rf"^(?:by|written by|words(?: by)?:?|report(?:ed|ing)? by|filed by|story by|photos? by|pictures? by|"
    rf"interview by|analysis by|text:?|author:?|photography(?: by)?:?|illustrations?(?: by)?:?|"
    rf"(?:medically |fact[- ]checked (?:and )?)?reviewed by:?|fact[- ]checked by:?|edited by:?|additional reporting(?: by)?:?)\s+{_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*(?:\s+(?:at|in|from)\s+.{{1,60}})?"
    r"(?:\s*,\s*(?:the\s+)?(?-i:[a-z])[\w'’ -]{2,50})?$",
    _I,
)
_CREDIT_DATE = re.compile(
    rf"^(?:(?:published|updated|last updated|posted|first published|modified)\s*(?:on|at)?\s*:?\s*)?{_TIME_EXPR}"
    r"(?:\s*[A-Z]{2,4})?$",
    _I,
)
_FULL_NAME = r"[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,2}"
_AUTHORS = re.compile(rf"^{_FULL_NAME}(?:\s*(?:,|and|&)\s*{_FULL_NAME})+$")
_PLACE = r"[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?"
#: A name (or names) and a dateline: "Marta Lindqvist, Brussels", "Ana Ruiz and Tom Bell, Madrid and Lisbon".
_NAME_PLACE = re.compile(rf"^{_FULL_NAME}(?:\s*(?:,|and|&)\s*{_FULL_NAME})*,\s+{_PLACE}(?:\s*(?:and|&|/)\s*{_PLACE})?$")
_PAREN = re.compile(r"\s*\([^()]{1,12}\)\s*")
_SECTION = re.compile(r"^[A-Z][\w'’]*(?:\s+(?:&|and|[A-Z][\w'’]*|blog|news)){0,3}$")
_CREDIT_SEP = re.compile(r"\s+[|·•–—]\s+")
_CORRESPONDENT = re.compile(
    r"^(?:from )?(?:our|the) (?:\w+ )?(?:correspondent|reporter|staff|team|bureau|desk)\b.{0,60}$"
    r"|^[A-Z][\w'’ ]{1,30} (?:bureau|desk|correspondent|newsroom|staff)$"
    r"|^\d+\s*min(?:ute)?s?\s*read$",
    _I,
)


def is_credit_line(line: str) -> bool:
    """Bylines and datelines, including compound ones: "Motorsport | 16 March 2025 | By Ellie Brannigan".

    Each part separated by " | ", " · ", " – " must be a byline, a date, a list of
    names or a short section label, and at least one must be a byline or a date.
    """
    t = _PAREN.sub(" ", line).strip()  # "by Col. (ret.) Jo Bloggs"
    if not t or len(t) > 160:
        return False
    if _CORRESPONDENT.match(t) or _CREDIT_BY.match(t) or _AUTHORS.match(t) or _NAME_PLACE.match(t):
        return True
    parts = [p.strip() for p in _CREDIT_SEP.split(t) if p.strip()]
    strong = 0
    for part in parts:
        if _CREDIT_BY.match(part) or _CREDIT_DATE.match(part) or _CORRESPONDENT.match(part):
            strong += 1
        elif not (_AUTHORS.match(part) or _SECTION.match(part) or is_name_like(part)):
            return False
    return strong >= 1 and (len(parts) > 1 or bool(_CREDIT_DATE.match(t)))


def is_loose_name(line: str) -> bool:
    """True when a short line could be a display name in any case ("retired engineer", "Seren Ddu
    fan club"): up to five words and 40 characters, no sentence punctuation, not furniture.

    Only for places where the layout already says a name stands there (over a timestamp, in a
    document whose other comments have such headers).
    """
    s = line.strip()
    if not s or len(s) > 40 or len(s.split()) > 5 or s[-1] in ",;:!?." or not _NAME_CHARS.match(s):
        return False
    if s.lower().strip(".:!? ") in _NOT_NAMES:
        return False
    return not (TIMESTAMP.match(s) or ACTION.match(s) or BOILERPLATE.match(s))


def split_time_tail(line: str, *, loose: bool = False) -> tuple[str, str] | None:
    """Split "Name • 3 days ago" / "Name | 12 March 2025" into (name, time), if it is one.

    With ``loose`` the name may be any short label (:func:`is_loose_name`).
    """
    line = _TAIL_FLAGS.sub("", line)
    m = _TIME_TAIL.search(line)
    if not m or m.start() == 0:
        return None
    name = line[: m.start()].strip().rstrip("|•·,–—-").strip()
    if not name or not (is_loose_name(name) if loose else is_name_like(name)):
        return None
    sep = line[len(name) : m.start(1)]
    if not re.search(r"[|•·∙,–—-]", sep) and not re.search(r"\d", m.group(1)):
        # "What I do now", "Life today": a word-only time after a plain space is prose, not a header.
        return None
    return name, m.group(1).strip()

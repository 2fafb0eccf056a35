"""Behaviour of the text segmenter on the layouts it must handle, and its invariants."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from belowtheline.segment import segment_text

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_seed_000(seed_000: str) -> None:
    r = segment_text(seed_000)
    a = r.article
    assert len(a.paragraphs) == 23
    assert [p.text for p in a.paragraphs if p.kind == "subheading"] == [
        "Coalition confusion",
        "Europe needs to step up – fast",
    ]
    assert a.credits == [next(line for line in seed_000.splitlines() if line.startswith("Richard Whitman"))]
    assert any(b.startswith("This article is republished") for b in a.boilerplate)
    assert len(r.comments) == 28
    assert all(c.author is None for c in r.comments)


def test_seed_004(seed_004: str) -> None:
    r = segment_text(seed_004)
    assert r.article.captions == [seed_004.splitlines()[0][: len(seed_004.splitlines()[0]) // 2]]
    assert r.comments == []
    assert not any("Emmanuel Macron" in p.text and "Britain's Prime Minister" in p.text for p in r.article.paragraphs)


def test_blocks_layout() -> None:
    r = segment_text((EXAMPLES / "city_bus_lanes_blocks.txt").read_text())
    assert r.article.title.startswith("Council approves")
    assert [c.author for c in r.comments] == ["Dave_R", "Margaret Ellis", "citycyclist", "Tom Bradley"]
    assert r.comments[3].timestamp == "12 March 2025 at 10:14 am"
    body = r.article.body
    for furniture in ("Advertisement", "Read more:", "64 comments", "Sort by", "Share this", "Reply", "Like ("):
        assert furniture not in body
        assert all(furniture not in c.text for c in r.comments)


def test_says_layout_with_indented_replies() -> None:
    r = segment_text((EXAMPLES / "school_meals_says.txt").read_text())
    assert [(c.author, c.reply_to) for c in r.comments] == [
        ("Sarah K", None),
        ("John Price", "c1"),
        ("Sarah K", "c2"),
        ("Helen W", None),
    ]
    assert r.comments[2].depth == 2


def test_bullet_layout_with_arrow_and_at_replies() -> None:
    r = segment_text((EXAMPLES / "heatwave_bullet.txt").read_text())
    by_author = {c.author: c for c in r.comments}
    assert by_author["Bob T"].reply_to == by_author["Lucy Martin"].id
    assert by_author["Wrex"].reply_to == by_author["oldgardener"].id
    assert r.article.captions and "fountain" in r.article.captions[0]


def test_opinion_with_formal_first_comment() -> None:
    r = segment_text((EXAMPLES / "opinion_bare.txt").read_text())
    assert r.article.credits[0].startswith("Anna Lindqvist is a senior fellow")
    assert len(r.comments) == 4
    assert r.comments[0].text.startswith("The argument presented here")


def test_article_without_comments_keeps_every_paragraph() -> None:
    text = "A headline\n\n" + "\n\n".join(
        f"Paragraph {i} says that the council will meet again on Tuesday to discuss the budget." for i in range(6)
    )
    r = segment_text(text)
    assert r.article.title == "A headline"
    assert len(r.article.paragraphs) == 6 and r.comments == []


lines = st.lists(
    st.one_of(
        st.text(st.characters(codec="utf-8", exclude_characters="\r"), max_size=80),
        st.sampled_from(
            [
                "",
                "Reply",
                "2 hours ago",
                "Jo Bloggs",
                "87 comments",
                "Advertisement",
                "Ann says:",
                "Bob • 3 days ago",
                "    indented reply",
                "→ Jo Bloggs",
                "The minister said the plan would cost £4bn over ten years, officials said.",
            ]
        ),
    ),
    max_size=40,
)


@settings(max_examples=200, deadline=None)
@given(lines)
def test_segments_cover_the_text_exactly_once(parts: list[str]) -> None:
    text = "\n".join(parts)
    r = segment_text(text)
    pos = 0
    for seg in r.segments:
        assert seg.start == pos and seg.end > seg.start
        pos = seg.end
    assert pos == len(text)
    for c in r.comments:
        assert c.text.strip()
        assert c.reply_to is None or c.reply_to in {x.id for x in r.comments}


def test_an_expert_introduced_mid_story_does_not_end_the_article() -> None:
    text = (
        "Experts warn of long war\n"
        "Keir Giles said the war would last years, according to a report published on Monday by the institute.\n"
        "Keir Giles is a senior consulting fellow at Chatham House.\n"
        "He said European governments had been too slow to respond to the threat posed by Russian drones.\n"
        "The report was published on Tuesday and has been widely cited by officials in European capitals.\n"
    )
    r = segment_text(text)
    assert r.comments == []
    assert r.article.paragraphs[-1].text.startswith("The report was published")


def test_bio_found_by_the_byline_name_and_menus_are_furniture() -> None:
    text = (
        "Stop paying farmers by the hectare\n\nBy Aoife Brennan\n\n"
        "de | fr | it | en\n\n"
        "Ireland's farmers received more than 1.2 billion euro in direct payments from the policy last year.\n\n"
        "That system was designed to keep food production going after the war, and it still mostly does that.\n\n"
        "Aoife Brennan farms 60 acres of suckler cattle in Co Clare and writes about rural policy.\n\n"
        "As a retired official of the department, I find much to agree with in this thoughtful and careful piece.\n\n"
        "Another townie telling farmers what to do\n"
    )
    r = segment_text(text)
    assert r.article.credits[-1].startswith("Aoife Brennan farms")
    assert "de | fr | it | en" in r.article.boilerplate
    assert len(r.comments) == 2


def test_bare_byline_name_and_formal_first_comment_after_bio() -> None:
    """A bio naming the writer of the bare byline ends the article even when the first
    comment is long and formal (the byline name is not "named in the story")."""
    text = (
        "Section | Work\n"
        "Why we gave up on the open-plan office\n"
        "Imogen Trask\n"
        "3 March 2025\n\n"
        "When our firm moved into a single open room in 2019, I expected more talk and better ideas.\n\n"
        "What we got instead was headphones, a booking system for the quiet booth, and endless chat messages.\n\n"
        "We have now gone back to small rooms with doors, and the work is calmer and, I think, better.\n\n"
        "Imogen Trask runs an architecture practice in Leeds and is a trustee of a housing charity.\n\n"
        "The writer's experience is instructive, but one firm of a dozen people is a thin basis for a general "
        "conclusion, and the evidence from larger studies points in several directions at once.\n\n"
        "Doors. Who knew.\n\n"
        "We tried the same and went back within a year.\n"
    )
    r = segment_text(text)
    assert r.article.credits[-1].startswith("Imogen Trask runs")
    assert len(r.comments) == 3
    assert r.comments[0].text.startswith("The writer's experience")


def test_general_furniture_wordings() -> None:
    text = (
        "Harbour dredging to resume in spring\n\nBy Tom Alder\n\n"
        "Dredging of the harbour mouth will resume in March after the council approved a new contract worth £4m.\n\n"
        "Inline advertisement\n\n"
        "The work had stopped in October when the previous contractor went into administration.\n\n"
        "LIVE | Storm warnings across the west coast\n\n"
        "Fishing crews say silt has narrowed the channel so much that larger boats wait for high tide.\n\n"
        "The Harbour Letter – what changed on the waterfront this week. Every Thursday.\n\n"
        "Back this site on Patreon and keep local news free to read.\n\n"
        "The council expects the work to take six weeks, weather permitting.\n\n"
        "Tagged Harbour, Council, Fishing\n"
    )
    r = segment_text(text)
    body = "\n".join(p.text for p in r.article.paragraphs)
    for furniture in ("Inline advertisement", "LIVE |", "Every Thursday", "Patreon", "Tagged"):
        assert furniture not in body, furniture
    assert len(r.article.paragraphs) == 4


def test_ad_is_not_a_timestamp_and_lone_sign_off_is_no_comment() -> None:
    text = (
        "Hospital waiting lists fall for third month\n\n"
        "Waiting lists in England fell for the third month in a row, according to figures published on Thursday.\n\n"
        "AD\n\n"
        "The number of patients waiting more than a year dropped below 200,000 for the first time since 2021.\n\n"
        "Health Editor Jo Marsh, 25 July 2025, 6:02am\n\n"
        "Topics: Health | NHS\n"
    )
    r = segment_text(text)
    assert r.comments == []
    assert "AD" in r.article.boilerplate
    assert r.article.credits == ["Health Editor Jo Marsh, 25 July 2025, 6:02am"]


def test_reader_talking_about_the_piece_starts_the_comments_without_a_bio() -> None:
    text = (
        "I stopped driving to work. Here is what changed\n"
        "Imogen Trask\n\n"
        "Selling the car in 2022 was meant to be a short experiment, and the first winter was hard.\n\n"
        "The bus is slower, but the time on it is free for reading, and the walk from the stop is pleasant.\n\n"
        "Not everyone can do this. Rural routes are thin, and shift workers have few options at night.\n\n"
        "The author's experience is interesting, but a city centre flat with a frequent bus route is hardly "
        "typical of the places where most commuters actually live.\n\n"
        "Must be nice.\n\n"
        "Try that in a village with two buses a day!\n"
    )
    r = segment_text(text)
    assert len(r.comments) == 3
    assert r.comments[0].text.startswith("The author's experience")


def test_posted_by_byline_and_unlabelled_photo_credits() -> None:
    text = (
        "Ferry timetable cut for the winter\n"
        "Posted by Ann Lowther on 3 March 2025\n\n"
        "The island ferry will run twice a day instead of four times from November, the operator said on Monday.\n\n"
        "Passengers wait on the slipway at Portnahaven on Saturday.\n"
        "Marek Dolan/Staff Photographer\n\n"
        "Islanders say the cut will make hospital appointments on the mainland almost impossible to reach.\n\n"
        "The operator blamed the cost of fuel and a shortage of qualified crew for the change.\n"
    )
    r = segment_text(text)
    assert r.article.credits == ["Posted by Ann Lowther on 3 March 2025"]
    assert r.article.captions == [
        "Passengers wait on the slipway at Portnahaven on Saturday.",
        "Marek Dolan/Staff Photographer",
    ]
    assert len(r.article.paragraphs) == 3
    assert [s.label for s in r.segments if s.label != "blank"][2] == "paragraph"  # not "subheading"


# -- cues added after unseen6 (new wordings, not copied from any fixture) ----------------------

LEAD_CAPTION = """\
News › Environment › Rivers
Otters return to the upper Wensum after forty years
By Imogen Tarrant
Environment Reporter
Published 4 May 2026
A young otter rests on a fallen alder near Lyng weir.
Otters have been recorded breeding on the upper reaches of the River Wensum for the first time since the 1980s, the county wildlife trust said on Monday.
Listen to this article
5 min
Volunteers spent three winters planting reeds and removing a concrete weir that had blocked fish passage.
The Wild Rivers podcast: can beavers fix our floods? Listen now
"We expected to wait a decade," said the trust's river officer.
Live: Norfolk floods – road closures and latest updates
Anglers have welcomed the news, though some worry about stocks of brown trout.
"""


def test_unlabelled_lead_caption_breadcrumb_job_title_and_audio_furniture() -> None:
    a = segment_text(LEAD_CAPTION).article
    assert a.title == "Otters return to the upper Wensum after forty years"
    assert a.captions == ["A young otter rests on a fallen alder near Lyng weir."]
    assert "Environment Reporter" in a.credits and "By Imogen Tarrant" in a.credits
    body = " ".join(p.text for p in a.paragraphs)
    for furniture in ("5 min", "podcast", "latest updates", "Rivers"):
        assert furniture not in body
    assert len(a.paragraphs) == 4


@pytest.mark.parametrize(
    "lede",
    [
        "The trust has spent £2m on the river.",
        "Anglers counted nine otters last summer.",
        "The survey began at dawn on Sunday.",
        "Nobody expected them back so soon.",
    ],
)
def test_short_lede_stays_body(lede: str) -> None:
    a = segment_text(LEAD_CAPTION.replace("A young otter rests on a fallen alder near Lyng weir.", lede)).article
    assert a.captions == []
    assert a.paragraphs[0].text == lede


def test_bracketed_photo_credit_tail_is_a_caption() -> None:
    text = LEAD_CAPTION.replace(
        "A young otter rests on a fallen alder near Lyng weir.",
        "Volunteers clear reeds at Lyng in March. (Trust archive photo)",
    )
    assert segment_text(text).article.captions == ["Volunteers clear reeds at Lyng in March. (Trust archive photo)"]


FIRST_PERSON = """\
Why I gave up my car (and what I use now)
Posted on 9 June 2025 by Ravi Menon
For fifteen years I drove to work every day, forty minutes each way, alone, with the radio on.
Then the clutch went, and the garage quoted me more than the car was worth. I did not replace it.
How I get around now
I cycle to the station, take the train, and walk the last mile. It takes ten minutes longer.
I have lost weight. I read two books a month on the train. I do not miss the traffic.
Filed under: Transport, Life

Ann Lowe says:
10 June 2025 at 8:14 am
Good for you. Not everyone has a station nearby though.
Reply
    Ravi Menon says:
    10 June 2025 at 9:02 am
    True, Ann. I was lucky with where I live.
"""


def test_first_person_subheading_is_not_a_comment_header() -> None:
    r = segment_text(FIRST_PERSON)
    assert [p.text for p in r.article.paragraphs if p.kind == "subheading"] == ["How I get around now"]
    assert len(r.article.paragraphs) == 5
    assert [c.author for c in r.comments] == ["Ann Lowe", "Ravi Menon"]
    assert r.comments[1].reply_to == "c1"


OPINION_HONORIFIC = """\
OPINION
Our village school closed. The bus that replaced it is a disgrace
Mrs. Gwen Harcourt
12 March 2026
When the council closed the school in Aldwick two years ago, it promised a safe and reliable bus for every child.
Some mornings the bus does not come at all. Parents find out from a text message sent at 8.05am.
Other mornings it comes early and leaves before the younger children have reached the stop.
Gwen Harcourt is chair of the Aldwick parents' association.
Opinion articles represent the views of their authors only.

The council's transport budget is fixed by statute and the contract was let after a competitive tender; the difficulty lies with the operator rather than the council.

Same in our village. Nobody listens.

Drive them yourself then.
"""


def test_bio_after_an_honorific_byline_ends_the_article() -> None:
    r = segment_text(OPINION_HONORIFIC)
    assert r.article.credits[-1] == "Gwen Harcourt is chair of the Aldwick parents' association."
    assert "Opinion articles represent the views of their authors only." in r.article.boilerplate
    assert len(r.comments) == 3
    assert len(r.article.paragraphs) == 3


def test_a_line_introducing_a_quote_is_not_a_says_header() -> None:
    text = (
        "Pool to close for a year of repairs\nBy Dev Patel\n"
        "The town's only public swimming pool will close in September for a year while the roof is replaced.\n"
        "Swimming clubs will move to the leisure centre in the next town, a twenty-minute bus ride away.\n"
        "This is what the head of the swimming club says:\n"
        "“Our younger members will simply stop coming. That is the real cost.”\n"
        "The council said the repairs could not be put off any longer after an inspection in the spring.\n\n"
        "Mo Hart says:\n4 July 2025 at 8:00 am\nAbout time. The roof has leaked for years.\n"
    )
    r = segment_text(text)
    assert [c.author for c in r.comments] == ["Mo Hart"]
    assert len(r.article.paragraphs) == 5

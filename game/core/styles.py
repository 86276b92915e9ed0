"""Your own style: a ten-question self-check, what each style is like, and a
flex tip for every pairing of your style with a customer's (16 in all).

The four styles are the contract's: direct (quick, results first),
analytical (facts, detail, care), steady (warm, patient, loyal) and
expressive (lively, stories, feelings). Each question offers four answers,
one per style, in an order that differs from question to question so that
the position of an answer says nothing about its style. The style is the
one picked most often; a tie goes to the tied style picked on the last
question (which asks outright), and failing that to the first tied style in
the order above. No pygame, no storage: the window, the terminal and the
scoreboard all use this.
"""
from __future__ import annotations

from game.core.frozen import Frozen, frozen, set_field
from game.core.model import STYLES

STYLE_NAMES = {"direct": "Direct", "analytical": "Analytical", "steady": "Steady", "expressive": "Expressive"}

STYLE_PORTRAITS = {
    "direct": "You like to get to the point, decide and move on. People trust you to make things happen; "
              "some find you abrupt when they wanted to be heard first.",
    "analytical": "You like to understand before you act: facts, steps, the reasons behind them. People trust "
                  "your care; some find you slow when they wanted a quick answer.",
    "steady": "You put people at ease and keep your promises. People trust your patience; some find you "
              "hesitant when they wanted a firm decision.",
    "expressive": "You bring energy, stories and warmth to a conversation. People enjoy your company; some "
                  "find you scattered when they wanted the details straight.",
}

# The most unlike pairs: a quick, decisive style against a patient, warm one;
# a precise, reserved style against a lively, open one.
OPPOSITE = {"direct": "steady", "steady": "direct", "analytical": "expressive", "expressive": "analytical"}


@frozen
class Question(Frozen):
    """(A frozen record as game.core.frozen writes them: `scoreboard --by-style` starts without dataclasses.)"""
    prompt: str
    answers: tuple[tuple[str, str], ...]  # (style, text), in the order shown

    def __init__(self, prompt, answers):
        set_field(self, "prompt", prompt)
        set_field(self, "answers", answers)


QUESTIONS: tuple[Question, ...] = (
    Question("A colleague drops a problem on your desk at four o'clock. What do you do first?", (
        ("steady", "Ask how they are coping, and say you'll help them through it."),
        ("direct", "Ask what they need by when, and decide who does what."),
        ("expressive", "Talk it through with them out loud until an idea sparks."),
        ("analytical", "Ask for the details and anything written down, then think."),
    )),
    Question("In a meeting, you are most likely to be the one who…", (
        ("analytical", "asks the question nobody checked the numbers on."),
        ("expressive", "gets the room laughing and the ideas flowing."),
        ("direct", "steers everyone to a decision before the hour is up."),
        ("steady", "notices the quiet person and brings them in."),
    )),
    Question("You are choosing a new phone. You…", (
        ("direct", "pick the one that does the job and buy it the same day."),
        ("steady", "ask friends what they use and trust them."),
        ("analytical", "compare specifications and read reviews for a week."),
        ("expressive", "go for the one that excites you in the shop."),
    )),
    Question("The e-mail you would rather receive is…", (
        ("expressive", "friendly, with a bit of the story behind it."),
        ("analytical", "complete, with the figures attached."),
        ("steady", "kind, and clear about what happens next."),
        ("direct", "three lines: the point, the ask, the deadline."),
    )),
    Question("Plans change at the last minute. Your first reaction is…", (
        ("steady", "to worry about who this leaves in the lurch."),
        ("direct", "fine: what is the new plan, and who owns it?"),
        ("analytical", "to want to know why, and what else it affects."),
        ("expressive", "a shrug and a new idea: this could be fun."),
    )),
    Question("When a deadline is close and pressure is high, you tend to…", (
        ("direct", "take charge and cut whatever isn't essential."),
        ("expressive", "rally people and keep spirits up."),
        ("steady", "keep going quietly and help whoever is struggling."),
        ("analytical", "double-check the work so nothing slips through."),
    )),
    Question("What pleases you most about a job well done?", (
        ("analytical", "That it was right, down to the last detail."),
        ("steady", "That everyone came through it together."),
        ("expressive", "That people noticed and enjoyed it."),
        ("direct", "That it got done, on time, and made a difference."),
    )),
    Question("Someone disagrees with you in front of others. You…", (
        ("expressive", "argue your case with feeling and a good example."),
        ("direct", "say plainly where you stand and move to a decision."),
        ("analytical", "ask what their evidence is and compare it with yours."),
        ("steady", "look for the common ground and keep the peace."),
    )),
    Question("At a team lunch you are usually…", (
        ("steady", "listening, and remembering what people told you last time."),
        ("analytical", "in one good conversation about something you know well."),
        ("direct", "there for half an hour, then back to work."),
        ("expressive", "telling the story everyone asks you to tell again."),
    )),
    Question("Which sounds most like you?", (
        ("direct", "\u201cTell me what you need and I'll make it happen.\u201d"),
        ("analytical", "\u201cLet me look into it properly before I answer.\u201d"),
        ("expressive", "\u201cYou'll never guess what happened \u2014 listen to this!\u201d"),
        ("steady", "\u201cTake your time. I'm not going anywhere.\u201d"),
    )),
)


@frozen
class StyleResult(Frozen):
    style: str
    counts: dict[str, int]  # style -> answers picked, in STYLES order
    answers: tuple[int, ...]  # the answer picked per question, 1-based as shown

    def __init__(self, style, counts, answers):
        set_field(self, "style", style)
        set_field(self, "counts", counts)
        set_field(self, "answers", answers)

    def to_dict(self) -> dict:
        return {"style": self.style, "counts": dict(self.counts), "answers": list(self.answers)}


def score_answers(answers) -> StyleResult:
    """The style from one answer per question (1-based positions as shown).
    Raises ValueError naming the question when an answer is missing or out of range."""
    answers = tuple(answers)
    if len(answers) != len(QUESTIONS):
        raise ValueError(f"the self-check has {len(QUESTIONS)} questions; {len(answers)} answers were given")
    counts = {style: 0 for style in STYLES}
    picked = []
    for number, (question, answer) in enumerate(zip(QUESTIONS, answers), 1):
        if type(answer) is not int or not 1 <= answer <= len(question.answers):
            raise ValueError(f"question {number} has answers 1 to {len(question.answers)}, not {answer!r}")
        style = question.answers[answer - 1][0]
        counts[style] += 1
        picked.append(style)
    top = max(counts.values())
    tied = [s for s in STYLES if counts[s] == top]
    style = picked[-1] if picked[-1] in tied else tied[0]
    return StyleResult(style, counts, answers)


def flex_tip(own: str, customer: str) -> str:
    """One concrete tip for a trainee of style `own` talking to a customer of style `customer`."""
    return FLEX_TIPS[(own, customer)]


def unlike(own: str) -> tuple[str, ...]:
    """The customer styles to practise with, most unlike first: the opposite
    style, then the other two."""
    return (OPPOSITE[own], *(s for s in STYLES if s not in (own, OPPOSITE[own])))


def unlike_customers(scenarios, own: str) -> list[tuple[object, str]]:
    """(scenario, persona id) pairs to practise with: every persona whose
    style differs from `own`, those of the opposite style first."""
    order = unlike(own)
    pairs = [(scenario, pid, order.index(p.style)) for scenario in scenarios
             for pid, p in scenario.personas.items() if p.style in order]
    best = min((rank for _, _, rank in pairs), default=None)
    return [(scenario, pid) for scenario, pid, rank in pairs if rank == best]


FLEX_TIPS: dict[tuple[str, str], str] = {
    ("direct", "direct"): "You both want the point. Lead with the answer and a date, keep it short, and let them "
                          "choose between two options: two deciders clash when one of them is told.",
    ("direct", "analytical"): "Slow down by one gear. Give the reasons and the steps before the conclusion, put "
                              "the figures in writing, and give them time to check; a quick yes from you sounds "
                              "like a guess to them.",
    ("direct", "steady"): "Your speed can feel like pressure. Ask how they are and listen to the answer, explain "
                          "what happens next and who will look after them, and don't push for a decision on the "
                          "spot.",
    ("direct", "expressive"): "Let them tell the story before you fix it. Show some feeling back, say what "
                              "excites you about the solution, and put the details in a follow-up rather than "
                              "the conversation.",
    ("analytical", "direct"): "Start with the conclusion, not the method. One line of answer, one line of "
                              "reason, then ask if they want the detail; most of the time they won't.",
    ("analytical", "analytical"): "You speak the same language: be precise, cite your source, admit what you "
                                  "don't know yet. Watch that two careful people still agree a next step and a "
                                  "date.",
    ("analytical", "steady"): "Facts alone can sound cold to them. Open with a personal word, say what you will "
                              "do for them in plain terms, and check they are comfortable before moving on.",
    ("analytical", "expressive"): "Match some of their energy: smile, react to their story, share one of your "
                                  "own. Save the spreadsheet for the e-mail and give them the headline and the "
                                  "feeling now.",
    ("steady", "direct"): "Get to the point sooner than feels polite: the answer first, the warmth after. Be "
                          "decisive about what you can do; hesitation sounds like a no to them.",
    ("steady", "analytical"): "Your warmth helps, but they also need proof. Bring the facts, explain the process "
                              "step by step, and promise only what you can show them you will do.",
    ("steady", "steady"): "You will get on well, so make sure it leads somewhere: name the next step, who owns "
                          "it and when, so two patient people don't leave the problem where it was.",
    ("steady", "expressive"): "Let their enthusiasm in and answer it with a little of your own. Compliment "
                              "their ideas sincerely, keep the pace up, and gently steer back to what you agreed.",
    ("expressive", "direct"): "Trim the story. Say the result first, in one sentence, and keep the enthusiasm "
                              "for the outcome; they hear chattiness as time wasted.",
    ("expressive", "analytical"): "Lower the volume and raise the detail. Be exact, follow through in writing, "
                                  "and don't oversell: one unsupported claim costs you their trust.",
    ("expressive", "steady"): "Give them room to speak; your energy can crowd them. Ask one question and wait, "
                              "be reassuring rather than exciting, and keep every small promise.",
    ("expressive", "expressive"): "Enjoy the rapport, then make sure someone writes down what was agreed. Two "
                                  "storytellers can leave a call feeling great with nothing decided.",
}

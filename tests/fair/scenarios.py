"""Small scenarios for the fair-test features, written out in full."""

PERSONAS = """\
format: 1
id: two-faces
title: Two faces
summary: The same customer, brisk or hurt.
customer: {name: Dana, mood: upset}
briefing: Dana has called about a refund.
personas:
  brisk:
    label: Brisk and to the point
    style: direct
    customer: {mood: uneasy}
    briefing: Dana is between meetings.
  hurt:
    label: Hurt and wants to be heard
    style: expressive
start: opening
on_walkout: gone
nodes:
  opening:
    text: "Where is my refund?"
    variants:
      - if: "persona == 'brisk'"
        text: "Refund. Date. Now."
    venting: true
    choices:
      - text: "Tell me what happened."
        goto: fix
        listens: true
        levers: {connect: 2}
        mood: soothe
        personas:
          brisk: {levers: {connect: -1}, mood: steady, feedback: She wanted the date first., listens: false}
      - text: "It goes out Friday."
        goto: fix
        levers: {solve_problems: 2}
        feedback: Straight to the fix.
        personas:
          hurt: {levers: {solve_problems: 1}, breaks: dont_make_it_worse}
  fix:
    text: "And?"
    choices:
      - text: "I'll call you Friday to confirm."
        goto: kept
        levers: {build_trust: 2}
      - text: "Policy is policy."
        goto: kept
        mood: escalate
endings:
  kept:
    outcome: retained
    text: Dana is satisfied.
    variants:
      - if: "breaches >= 2"
        outcome: at_risk
        text: Dana hangs up unconvinced.
      - if: "mood == angry"
        outcome: lost
        coaching: She left angry.
  gone: {outcome: lost, text: Gone.}
"""

SHUFFLED = """\
format: 1
id: shuffled
title: Shuffled
summary: Replies in a seeded order.
customer: {name: Sam}
shuffle: true
start: a
nodes:
  a:
    text: Pick one.
    choices:
      - {text: One, goto: b}
      - {text: Two, goto: b}
      - {text: Three, goto: b}
      - {text: Four, goto: b}
  b:
    text: Again, in order.
    shuffle: false
    choices:
      - {text: First, goto: end}
      - {text: Second, goto: end}
endings:
  end: {outcome: retained, text: Bye}
"""

BEHAVIOUR = """\
format: 1
id: behaviour
title: Behaviour
summary: Conditions read how the conversation has gone.
customer: {name: Sam}
start: a
nodes:
  a:
    text: Hello.
    choices:
      - {text: Nice, goto: b, levers: {connect: 2}}
      - {text: Rude, goto: b, breaks: [dont_upset], levers: {connect: -1}}
  b:
    text: "Hm."
    variants:
      - {if: "dont_upset >= 1", text: "That was rude."}
      - {if: "connect >= 2", text: "You seem kind."}
    choices:
      - {text: "Tell me more", goto: secret, if: "connect >= 2"}
      - {text: "Carry on", goto: end}
      - {text: "Still rude", goto: end, if: "breaches > 0 and persona == ''"}
  secret:
    text: "Since you ask: my birthday is Friday."
    choices:
      - {text: Noted, goto: end, levers: {positive_emotions: 1}}
endings:
  end: {outcome: retained, text: Bye}
"""

"""The starter scenario `python main.py new ID` writes: valid as it stands,
with comments that teach the format."""
from __future__ import annotations

STARTER = """\
# yaml-language-server: $schema={schema}
# A Five Levers scenario. The line above gives editors with the YAML
# extension (yaml-language-server) autocompletion and inline errors.
# Check it fully with:   python main.py validate {file}
# Play it:               python main.py play {file} --text
# See it as a graph:     python main.py graph {file} --out {id}.png
# Analyse it:            python main.py analyze {file}

format: 1                 # always 1
id: {id}                  # unique: lower-case letters, digits and '-'
version: 1                # raise it whenever you change the conversation
title: {title}
summary: One line for the scenario card. Who calls, and why.
difficulty: 2             # 1 (gentle) to 5 (hard)
tags: [retail, phone]     # industry, channel, style
estimated_minutes: 5
customer:
  name: Sam Carter
  role: Customer
  mood: upset             # calm, uneasy, upset or angry at the start
briefing: |
  What the trainee reads first: who the customer is and what has
  happened so far.
start: opening            # the first node
on_walkout: walked        # the ending if the customer walks out
shuffle: true             # show replies in an order fixed by each playthrough's seed,
                          # so where the best reply sits tells the player nothing

nodes:
  opening:
    # `venting: true`: only replies with `listens: true` keep the rule
    # "shut up and listen"; any other reply here breaks it.
    venting: true
    text: "I've called three times about this order and nobody has called me back."
    choices:
      - text: "(Let them finish.) That's three calls with no answer. I'm sorry. What happened?"
        goto: story
        listens: true
        mood: soothe          # soothe, steady (the default) or escalate
        levers: {{connect: 2, customers_first: 1}}   # each lever -3..3
        feedback: "You let them finish and named what went wrong. Listening first is how you connect."
      - text: "Can I take your order number?"
        goto: story
        levers: {{customers_first: -1}}
        feedback: "A fair question, but it talks over someone who is venting: shut up and listen first."
      - text: "You'll need to calm down before I can help."
        goto: story
        mood: escalate        # escalating an upset customer breaks "don't make it worse"
        breaks: [dont_make_it_worse]   # a rule broken whatever the mood
        feedback: "Telling someone to calm down makes it worse, every time."

  story:
    text: "It's a birthday present for my daughter. Her party is on Saturday."
    choices:
      - text: "Then Saturday is what matters. Let me check where it is right now."
        goto: fix
        set: {{heard_birthday: true}}   # a flag, tested by an `if:` later
        levers: {{solve_problems: 2}}
        feedback: "You heard the real need (Saturday) before solving anything."
      - text: "Orders usually arrive within five working days."
        goto: fix
        levers: {{solve_problems: -1}}
        mood: escalate        # an angry customer pushed again walks out (see on_walkout)
        feedback: "A policy answer to a personal deadline makes it worse. Ask what matters to them."

  fix:
    speaker: narrator        # a narrator line, styled apart from the customer
    text: "The parcel is at the depot. You can have it couriered tomorrow."
    choices:
      - text: "Book the courier, and add a card wishing their daughter a happy birthday."
        if: heard_birthday     # shown only when the condition is true
        goto: delighted
        levers: {{positive_emotions: 2, build_trust: 1}}
        feedback: "A small, personal touch from something they told you. That's what people remember."
      - text: "Book the courier and tell them the time."
        goto: fine
        levers: {{build_trust: 1}}
        feedback: "Solid and reliable. There was room to make it personal."

endings:
  delighted:
    outcome: retained        # retained, at_risk or lost
    text: "Sam thanks you twice and says they'll order from you again."
    coaching: "You listened, found the real deadline and added a personal touch."
  fine:
    outcome: at_risk
    text: "Sam is relieved, but still remembers the three unanswered calls."
    coaching: "Fixed, but forgettable. Personal details are chances to delight."
  walked:
    outcome: lost
    text: "Sam hangs up and cancels the order."
    coaching: "An upset customer pushed further walks away. Listen first."
"""


def starter_text(scenario_id: str, file: str, schema_path: str) -> str:
    title = " ".join(part.capitalize() for part in scenario_id.split("-") if part) or scenario_id
    return STARTER.format(id=scenario_id, file=file, schema=schema_path, title=title)

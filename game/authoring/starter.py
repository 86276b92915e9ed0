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
      - text: "Three calls and no answer. I'm sorry. What happened?"
        goto: story
        listens: true
        mood: soothe          # soothe, steady (the default) or escalate
        levers: {{connect: 2, customers_first: 2}}   # each lever -3..3
        feedback: "You let them finish and named what went wrong. Listening first is how you connect."
      - text: "Can I take your order number? I'll need to go through a couple of security questions before I can look into anything for you."
        goto: story
        levers: {{customers_first: -1}}
        feedback: "A fair process, but it talks over someone who is venting: shut up and listen first."
      - text: "You'll need to calm down before I can help."
        goto: story
        mood: escalate        # escalating an upset customer breaks "don't make it worse"
        breaks: [dont_make_it_worse]   # a rule broken whatever the mood
        feedback: "Telling someone to calm down makes it worse, every time."

  story:
    text: "It's a birthday present for my daughter. Her party is on Saturday."
    choices:
      - text: "Then Saturday is what matters. Let me find it."
        goto: fix
        set: {{heard_birthday: true}}   # a flag, tested by an `if:` later
        levers: {{solve_problems: 2, customers_first: 2, connect: 2, positive_emotions: 1}}
        feedback: "You heard the real need (Saturday) before solving anything."
      - text: "Orders usually arrive within five working days, so it should be with you soon; the couriers are sometimes a little behind."
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
        levers: {{positive_emotions: 3, solve_problems: 2}}
        feedback: "A small, personal touch from something they told you. That's what people remember."
      - text: "Book the courier and read out the time slot, the tracking number and the depot's opening hours, in case anything else goes wrong."
        goto: fine
        levers: {{solve_problems: 2}}
        feedback: "Solid and reliable: the problem is solved. There was room to make it personal (positive emotions)."

endings:
  delighted:
    outcome: retained        # retained, at_risk or lost
    text: "Sam thanks you twice and says they'll order from you again."
    coaching: "You listened, found the real deadline and added a personal touch."
    # outcomes follow behaviour: the first variant whose `if` holds replaces
    # the outcome, text or coaching (`breaches` counts every rule broken)
    variants:
      - if: "mood == angry"
        outcome: lost
        text: "The parcel arrives, but Sam has already ordered the present elsewhere."
        coaching: "Fixed, but too late: the customer was still angry when the call ended."
      - if: "breaches >= 2"
        outcome: at_risk
        text: "Sam takes the courier slot but sounds unconvinced."
        coaching: "You got there in the end, but broke the rules on the way."
      # an ending tells the truth: a retained customer only when the
      # conversation earned it (`analyze` finds a weak playthrough that
      # still ends retained: the outcome-contradicts-grade finding)
      - if: "connect < 2"
        outcome: at_risk
        text: "The present arrives on time, but Sam tells a friend the call felt like a form."
        coaching: "The parcel was saved; Sam never felt heard. Listen before you process."
  fine:
    outcome: at_risk
    text: "Sam is relieved, but still remembers the three unanswered calls."
    coaching: "Fixed, but forgettable. Personal details are chances to delight."
  walked:
    outcome: lost
    text: "Sam hangs up and cancels the order."
    coaching: "An upset customer pushed further walks away. Listen first."
"""


STARTER_PERSONAS = """\
# yaml-language-server: $schema={schema}
# A Five Levers scenario with two personas: the same situation and the same
# facts, met with two customers of different temperaments. One reply lands
# well with one and badly with the other, so the trainee must read the cues
# in the briefing and the customer's lines (never a label) before answering.
# Check it fully with:   python main.py validate {file}
# Play one persona:      python main.py play {file} --text --persona rushed
# Compare the personas:  python main.py analyze {file}

format: 1
id: {id}
version: 1
title: {title}
summary: A late birthday present, and a customer you must read before you answer.
difficulty: 2
tags: [retail, phone, personas]
estimated_minutes: 5
customer:
  name: Sam Carter
  role: Customer
  mood: upset
briefing: |
  Sam Carter ordered a present that was due on Tuesday. It is Thursday.
# Each playthrough draws one persona (at random in the game; the first one
# in scripted play unless --persona says otherwise). A persona can change
# the customer's fields and the briefing: put the cues there.
personas:
  rushed:
    label: In a hurry and wants a date     # shown in the debrief, never before
    style: direct                          # direct, analytical, steady or expressive
    customer: {{mood: uneasy}}
    briefing: |
      Sam Carter ordered a present that was due on Tuesday. It is Thursday,
      and Sam is calling from a car park between two meetings.
  let_down:
    label: Let down and wants to be heard
    style: steady
    briefing: |
      Sam Carter ordered a present that was due on Tuesday. It is Thursday,
      and this is Sam's third call; nobody has rung back.
start: opening
on_walkout: walked
shuffle: true             # replies in an order fixed by each playthrough's seed

nodes:
  opening:
    text: "My parcel was due on Tuesday. Where is it?"
    # `variants`: the first whose `if` holds replaces `text`. Cues, not labels.
    variants:
      - if: "persona == 'rushed'"
        text: "Parcel, due Tuesday, not here. I've got five minutes. Where is it?"
      - if: "persona == 'let_down'"
        text: "This is my third call. Nobody rang back. My parcel was due on Tuesday."
    choices:
      - text: "It's at our depot. I can have it with you tomorrow morning."
        goto: story
        levers: {{solve_problems: 2, customers_first: 2}}
        feedback: "The answer first: a place and a time. Exactly what a hurried caller needs."
        # `personas`: how this reply lands with a given persona (levers, mood,
        # breaks, listens, feedback). The facts stay the same; the value changes.
        personas:
          let_down:
            levers: {{connect: -1}}
            feedback: "The right fix, but Sam had just told you about three unanswered calls and you stepped over it."
      - text: "Three calls and no answer. I'm sorry. Tell me what happened."
        goto: story
        levers: {{connect: 3, customers_first: 2}}
        mood: soothe
        feedback: "You named what went wrong and let Sam tell it. A let-down customer wants to be heard first."
        personas:
          rushed:
            levers: {{connect: -1}}
            mood: steady
            feedback: "Kind, but Sam had five minutes and asked where the parcel is. Sympathy before a date felt slow."
      - text: "I do apologise for any inconvenience caused. Deliveries are running slower than usual everywhere this month because of the volumes we're seeing."
        goto: story
        levers: {{build_trust: -1}}
        mood: escalate
        feedback: "An excuse about everyone else tells Sam the problem is not yours to own."

  story:
    text: "It's a present for my daughter. Her party is on Saturday."
    choices:
      - text: "Then Saturday's the date. A courier tomorrow; I'll text you the slot."
        goto: close
        set: {{heard_party: true}}
        levers: {{solve_problems: 2, build_trust: 2, positive_emotions: 1}}
        feedback: "You heard the real deadline and made a promise you can keep: that solves the problem and builds trust."
        personas:
          rushed:
            levers: {{solve_problems: 2, build_trust: 2}}
      - text: "I completely understand your frustration. Just so you're aware, our terms say five working days, so technically it isn't late yet, but I've made a note on your account."
        goto: close
        levers: {{build_trust: -1}}
        mood: escalate
        feedback: "A policy answer to a personal deadline. True or not, it makes it worse."
      - text: "Oh, lovely! How old will she be?"
        goto: close
        feedback: "Warm, but Sam still doesn't know when the parcel comes. Fix it first (solve problems); the chat can follow."
        personas:
          rushed:
            levers: {{connect: -1}}
            feedback: "Friendly, but Sam is in a hurry and still has no date. Save the chat for when it's fixed."

  close:
    speaker: narrator
    text: "The courier is booked for tomorrow morning."
    choices:
      - text: "Text Sam the slot, and add a card wishing her a happy birthday, on us."
        if: heard_party
        goto: delighted
        levers: {{positive_emotions: 3, connect: 1, build_trust: 2, customers_first: 2, solve_problems: 2}}
        feedback: "A promise kept in writing, and a small personal touch from something Sam told you: positive emotions."
        personas:
          rushed:
            levers: {{build_trust: 1}}
            feedback: "Kind, but Sam is between meetings: the slot was what mattered, and it builds trust; the card could wait."
      - text: "Text Sam the slot and close the call."
        goto: delighted
        levers: {{build_trust: 2, customers_first: 2}}
        feedback: "Reliable and quick: what a hurried caller wants. It builds trust and puts Sam's time first."
        personas:
          let_down:
            levers: {{build_trust: 1, solve_problems: 2}}
            feedback: "Reliable (build trust). After three unanswered calls, a personal touch would have gone further."
      - text: "Tell Sam you'll ring tomorrow once it's delivered, to make sure everything arrived safely and there's nothing else you can help with."
        goto: delighted
        levers: {{build_trust: 1, connect: 1}}
        feedback: "A call back is a promise that rebuilds trust after three unanswered calls."
        personas:
          rushed:
            levers: {{}}
            feedback: "Sam wanted it sorted, not another call to take."

endings:
  delighted:
    outcome: retained
    text: "Sam thanks you and says the party is saved."
    coaching: "You read Sam, answered what mattered and kept your promise."
    # outcomes follow behaviour: an angry customer, or a rule broken,
    # is not a happy ending however the conversation ended
    variants:
      - if: "mood == angry"
        outcome: lost
        text: "The parcel arrives, but Sam has already ordered elsewhere."
        coaching: "Fixed too late: the customer left angry."
      - if: "breaches >= 1"
        outcome: at_risk
        text: "Sam takes the slot, but sounds unconvinced."
        coaching: "You fixed it, but made it worse on the way."
      # the ending tells the truth about what was done: no party saved
      # unless Saturday was heard, no warm goodbye from a customer who was
      # handled rather than served
      - if: "not heard_party"
        outcome: at_risk
        text: "The parcel arrives, but nobody asked why it mattered, and Sam says so in a review."
        coaching: "You never found out about Saturday. Ask what the date means before you fix."
      - if: "customers_first < 2"
        outcome: at_risk
        text: "Sam takes the slot, but rings off feeling processed."
        coaching: "The fix was right; what Sam needed first (a date, or to be heard) came second."
  walked:
    outcome: lost
    text: "Sam hangs up and cancels the order."
    coaching: "An upset customer pushed further walks away. Listen first."
"""


def starter_text(scenario_id: str, file: str, schema_path: str, personas: bool = False) -> str:
    title = " ".join(part.capitalize() for part in scenario_id.split("-") if part) or scenario_id
    template = STARTER_PERSONAS if personas else STARTER
    return template.format(id=scenario_id, file=file, schema=schema_path, title=title)

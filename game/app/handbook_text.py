"""The handbook: the five levers and the three rules, in our own words."""

TOPICS = [
    ("customers_first", "Put customers first",
     "Putting customers first is a habit of mind, not a slogan. Left alone, we all drift toward what is easiest "
     "for us: the quick answer, the standard process, the reply that closes the ticket. This lever pulls the other "
     "way, toward what the conversation feels like from the customer's side.\n\n"
     "The gap between what you want (to finish, to be right, to follow the script) and what the customer wants "
     "(to be helped, to be taken seriously) is where experiences go wrong. Close it on purpose: ask what they hope "
     "the outcome will be, whether working with you is easy, and what would make it better.\n\n"
     "In the game: replies that acknowledge the customer's situation, make things easy for them, or ask what they "
     "want to experience earn points here."),
    ("connect", "Connect",
     "People share their real problems with people they feel connected to. Connection starts with being likeable: "
     "adapting your style to theirs (brisk with the brisk, patient with the chatty), staying calm so they mirror "
     "your calm, being genuine rather than performing, saying please and thank you, being kind, and noticing "
     "something worth a sincere compliment.\n\n"
     "Most of all, connection comes from listening. Show you are listening by summarising what you heard, by "
     "small encouragements that keep them talking, and by listening past the words to the tone and pace, where the "
     "emotional cues are.\n\n"
     "In the game: replies that invite the customer's story, reflect what they said, or match their style earn "
     "points here."),
    ("solve_problems", "Solve problems",
     "Underneath every kind word, a customer called because something needs fixing, and the fixing starts "
     "with what you ask. Customers rarely reveal their real problem until they feel connected. Start with easy "
     "questions to get them talking. Let them tell it as a story: the clues are buried in it. Follow the emotional cues to "
     "the real issue. And never assume you already know the answer: jumping to a conclusion tells the customer "
     "you were not listening.\n\n"
     "The best problem solvers ask good questions while staying warm and connected at the same time, and when "
     "they propose a fix they explain how it helps the customer, not just what it is.\n\n"
     "In the game: good questions, fixes that address the real need, and clear next steps earn points here."),
    ("build_trust", "Build trust",
     "A customer who relies on you is exposed: their money, their time, sometimes their job depend on you keeping "
     "your word. Trust is built in small, steady ways. Go the extra mile when nobody is checking. Behave the same "
     "way every time. Sweat the small stuff: a missed call-back or a wrong date on its own is forgivable, but "
     "together they say you cannot be relied on. Bring in the right colleagues, and let the customer see you can "
     "get things done through them.\n\n"
     "Admitting a mistake and apologising sincerely builds trust rather than losing it. Blaming a faceless 'they' "
     "(the system, the warehouse, head office) does the opposite: own the problem.\n\n"
     "In the game: honesty, owning mistakes, firm commitments you can keep, and following through earn points here."),
    ("positive_emotions", "Create positive emotional experiences",
     "Products and prices can be copied; how you make people feel cannot. When you give something of value "
     "without asking for anything back, people want to return the favour: that is reciprocity, and it only works "
     "when it is sincere.\n\n"
     "Listen for what people tell you about themselves: a birthday, an anniversary, a child's graduation, a big "
     "launch. Note it (a line in the CRM is enough) and remember it. Small, personal gestures, such as a "
     "handwritten card, an article they would enjoy, a thoughtful thank-you, often mean more than expensive gifts.\n\n"
     "In the game: gratitude, thoughtful gestures and remembering what matters to the customer earn points here."),
    ("dont_upset", "Rule 1: Don't upset them in the first place",
     "A customer with a complaint is not yet an angry customer; they need help. Many angry customers are made "
     "angry by the response: being hard to reach, slow, argumentative or unreliable.\n\n"
     "In the game: escalating a customer who is still calm or uneasy breaks this rule."),
    ("dont_make_it_worse", "Rule 2: Don't make it worse",
     "When someone is already upset, stay calm and respectful however they speak to you. Never tell them to calm "
     "down, never get defensive, never say there is nothing you can do, and never blame someone else.\n\n"
     "In the game: escalating a customer who is upset or angry breaks this rule, and so do replies that tell a "
     "customer to calm down or blame 'them'."),
    ("shut_up_and_listen", "Rule 3: Shut up and listen",
     "An angry customer often arrives ready for a fight. Let them say their piece without interrupting. Listening "
     "respectfully, and admitting fault where there is fault, takes the wind out of their sails; they calm down "
     "and feel respected.\n\n"
     "In the game: when a customer is venting (telling their story), any reply that is not a listening reply "
     "interrupts them and breaks this rule."),
    ("scoring", "How scoring works",
     "Each reply can earn or lose points on the five levers. A scenario's ceiling for a lever is the most points "
     "any way through it can earn; your percent is your points out of that ceiling. A lever the scenario does not "
     "test is shown as not assessed, never as zero.\n\n"
     "Your score is the average of the assessed levers' percents, minus 10 for every rule broken. Grades: "
     "Legendary 90 and above, Strong 75, Developing 50, otherwise Needs work.\n\n"
     "In coach mode you see the coaching after each reply; in assessment mode only in the debrief."),
    ("source", "Where these ideas come from",
     "The five levers and the three rules for upset customers come from Jeb Blount's book People Love You: The "
     "Real Secret to Delivering Legendary Customer Experiences (Wiley, 2013), from interviews with account "
     "managers whose customers loved working with them. Every line in this game is our own; the ideas are his.\n\n"
     "Where the game departs from the book: the book's third rule says to admit fault no matter what. The game "
     "asks you to own your part honestly: apologise sincerely for what went wrong on your side, and never blame "
     "a faceless 'they', but do not confess to what did not happen. A customer can tell a scripted apology from "
     "a sincere one."),
]

TOPIC_IDS = [t[0] for t in TOPICS]

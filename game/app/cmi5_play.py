"""A cmi5 launch in the browser, when nothing is kept in memory between
requests: the AU session (game.app.cmi5_session) is kept as plain data in
the trainee's session cookie, and the conversation as the trainee's save,
as for any browser conversation (game.app.trainee_play).

`launch` checks the launch (and that the endpoint and fetch URL are on an
LMS host FIVE_LEVERS_CMI5_LMS names: with none named, no launch), fetches
the token once, reads LMS.LaunchData, queues `initialized` and starts the
scenario for the LMS's learner; `after_reply` queues the reply's
`answered` statement and, when the conversation has ended, completed,
passed/failed and terminated; `leave` ends the AU session (terminated, if
not ended already) and gives the LMS's return URL. The campaign AU has
its own module (game.app.cmi5_campaign); `after_reply` and `leave` hand a
campaign's AU session to it. Every function may block
(HTTP to the LMS, the store): a server runs them off its event loop.
"""
from __future__ import annotations

from game.app import cmi5_campaign
from game.app.cmi5_session import AuSession, trainee_for
from game.app.session import abandon_saved
from game.app.trainee_play import Trainee, current, start
from game.delivery.cmi5 import LaunchError


def launch(library, board, query, scenario_id: str) -> tuple[Trainee, dict, str | None]:
    """(the trainee, the AU session as plain data, a note) for a launch;
    raises LaunchError (plain words) when it cannot go on."""
    entry = library.find(scenario_id)
    if entry is None:
        raise LaunchError(f"this server has no scenario '{scenario_id}': the course package is older or newer "
                          "than the server")
    au = AuSession.launch_from(query, entry.scenario, board)
    trainee = trainee_for(au)
    session, note = start(library, board, trainee, scenario_id)
    if session is None:
        raise LaunchError(f"the scenario '{scenario_id}' could not be started")
    return trainee, au.to_dict(), note


def after_reply(library, board, trainee: Trainee, kept: dict, choice) -> dict:
    """The statements for a reply just made (`choice` from trainee_play.choose); the AU session again."""
    session = choice.session
    if session is None or choice.stale:
        return kept
    if cmi5_campaign.is_campaign(kept):
        return cmi5_campaign.after_reply(board, trainee, kept, choice)
    au = AuSession.from_dict(kept, session.scenario, board)
    run = session.run
    au.reply(run.steps[-1], len(run.choices))
    if run.finished:
        au.finish(run, record=False)  # the browser records the attempt itself
    return au.to_dict()


def leave(library, board, trainee: Trainee, kept: dict) -> str | None:
    """Leave the AU: terminated (when the conversation did not end, the saved
    one is recorded as abandoned, as starting another would); the return URL."""
    if cmi5_campaign.is_campaign(kept):
        return cmi5_campaign.leave(board, kept)
    session, _ = current(library, board, trainee)
    scenario = session.scenario if session is not None else None
    au = AuSession.from_dict(kept, scenario, board)
    if not au.ended:
        au.leave(record=False)
        if session is not None and not session.run.finished:
            abandon_saved(trainee.player, board)
    return au.data.return_url

"""Navigation by name: a scene asks for the next screen by its name, with
that screen's data (`self.app.go("debrief", session=…)`), and never imports
another scene. `SCREENS` is the one place that knows every scene class."""
from __future__ import annotations

from game.shells.window.scenes.briefing import BriefingScene
from game.shells.window.scenes.confirm import ConfirmScene
from game.shells.window.scenes.debrief import DebriefScene
from game.shells.window.scenes.dialogue import DialogueScene
from game.shells.window.scenes.handbook import HandbookScene
from game.shells.window.scenes.learner import LearnerScene, TextEntryScene
from game.shells.window.scenes.path import PathScene
from game.shells.window.scenes.pause import PauseScene
from game.shells.window.scenes.portfolio import PortfolioScene
from game.shells.window.scenes.scoreboard import ScoreboardScene
from game.shells.window.scenes.select import SelectScene
from game.shells.window.scenes.selfcheck import SelfCheckScene
from game.shells.window.scenes.settings import LRSScene, SettingsScene
from game.shells.window.scenes.title import TitleScene

SCREENS = {
    "title": TitleScene, "select": SelectScene, "briefing": BriefingScene, "dialogue": DialogueScene,
    "pause": PauseScene, "debrief": DebriefScene, "scoreboard": ScoreboardScene, "selfcheck": SelfCheckScene,
    "settings": SettingsScene, "lrs-settings": LRSScene, "learner": LearnerScene, "text-entry": TextEntryScene,
    "handbook": HandbookScene, "portfolio": PortfolioScene, "confirm": ConfirmScene,
    "path": PathScene,
}


class Navigator:
    """What the window's App offers its scenes for moving between screens."""

    def scene_for(self, name: str, *args, **data):
        """A new scene for the screen called `name`, made with its data."""
        if name not in SCREENS:
            raise KeyError(f"no screen called '{name}' (known: {', '.join(sorted(SCREENS))})")
        return SCREENS[name](self, *args, **data)

    def go(self, name: str, *args, **data):
        """Open the screen called `name` on top of this one; returns it."""
        scene = self.scene_for(name, *args, **data)
        self.push(scene)
        return scene

    def go_instead(self, name: str, *args, **data):
        """Open the screen called `name` in place of the top one; returns it."""
        scene = self.scene_for(name, *args, **data)
        self.replace(scene)
        return scene

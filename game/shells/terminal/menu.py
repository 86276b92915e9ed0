"""The whole terminal game from one menu: the scenarios (with difficulty,
time and the player's best so far), the portfolio campaign, the self-check,
the player's history and the leaderboards. After a debrief, a quarter or a
self-check the menu comes back; Quit (or q, Ctrl-D, SIGTERM) leaves.

What the screens say comes from game.app (scoreboard reads and rows, the
briefing's minutes); recording goes through the hooks the command line hands
in (`Hooks`), since the terminal imports no command-line module.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from game.app.briefing import minutes_words
from game.app.scoreboard_reads import HISTORY_PAGE, LEADERS, gather, history_list
from game.app.scoreboard_rows import NO_LEADERS, history_rows, leader_rows, no_history
from game.core import loader
from game.shells.terminal.self_check import run_self_check
from game.shells.terminal.play import (_Quit, _ask, _reader, _wrap, fitting, leave_on_sigterm, numbered,
                                       play_scenario, read_answer, terminated)
from game.storage.files import StorageError

QUIT_WORDS = "Goodbye."


@dataclass(frozen=True)
class Hooks:
    """What the command line hands the menu."""
    scenarios_dir: Path
    portfolios_dir: Path
    recorder: Callable[[str], Callable]  # mode -> on_finish(run) for one playthrough (prints a note)
    record_quarter: Callable | None = None  # (result, player, started_at) -> a note
    linked_scenario: Callable | None = None  # scenario id -> Scenario (a quarter's conversations)
    courses_dir: Path | None = None  # the learning paths (courses/<id>.yaml)


class _Board:
    """The scoreboard, opened for one question and closed again; a board
    that cannot be opened gives `None` (and says why once)."""

    def __init__(self, write):
        self.write = write

    def ask(self, question, default=None):
        from game.storage.scoreboard import open_scoreboard
        try:
            board = open_scoreboard()
            try:
                return question(board)
            finally:
                board.close()
        except StorageError as exc:
            self.write(_wrap(f"The scoreboard cannot be read now: {exc}") + "\n")
            return default


class Menu:
    def __init__(self, player: str, mode: str, hooks: Hooks, stdin=None, stdout=None):
        self.player, self.mode, self.hooks = player, mode, hooks
        self.stdin, self.stdout = stdin, stdout or sys.stdout
        self.read = _reader(stdin) if stdin is not None else input
        self.write = fitting(self.stdout)
        self.board = _Board(self.write)
        self.code = 0

    # -- the menu ------------------------------------------------------------------
    def entries(self) -> list[tuple[str, Callable]]:
        other = "assessment" if self.mode == "coach" else "coach"
        path = [("Your learning path: the course, your progress and what is left for each certificate",
                 self.learning_path)] if self.hooks.courses_dir else []
        return [("Play a scenario", self.scenarios), *path,
                ("Protect your turf: an account manager's quarter (the portfolio campaign)", self.portfolio),
                ("Your style: the ten-question self-check", self.self_check),
                ("Your history: every conversation you finished", self.history),
                ("Leaderboards: each scenario's best players", self.leaderboards),
                (f"Switch to {other} mode", self.switch_mode),
                ("Quit", None)]

    def run(self) -> int:
        with leave_on_sigterm():
            try:
                while not terminated():
                    entries = self.entries()
                    self.write(f"\nFive Levers: main menu ({self.player}, {self.mode} mode)\n")
                    for number, (label, _) in enumerate(entries, 1):
                        self.write(numbered(number, label) + "\n")
                    pick = _ask(f"Choose (1-{len(entries)}): ", len(entries), self.read, self.write)
                    action = entries[pick - 1][1]
                    if action is None:
                        break
                    action()
            except _Quit:
                pass
        self.write(f"\n{QUIT_WORDS}\n")
        return self.code

    def _back(self) -> None:
        """After a debrief: the menu, when the trainee has read it."""
        if not terminated():
            read_answer("\nPress Enter for the menu: ", self.read, self.write)

    # -- scenarios -------------------------------------------------------------------
    def library(self):
        results, _ = loader.check_library([self.hooks.scenarios_dir])
        playable = sorted((r for r in results if r.ok), key=lambda r: (r.scenario.difficulty, r.scenario.title))
        return playable, [r for r in results if not r.ok]

    def scenario_lines(self, playable, bests: dict) -> list[str]:
        lines = []
        for number, checked in enumerate(playable, 1):
            s = checked.scenario
            best = bests.get(s.id)
            facts = (f"difficulty {s.difficulty} of 5 · {minutes_words(s)} · "
                     + (f"your best {best[0]} ({best[1]})" if best else "not played yet"))
            lines.append(numbered(number, f"{s.title}: {s.summary}"))
            lines.append(_wrap(facts, " " * (len(str(number)) + 4)))
        return lines

    def scenarios(self) -> None:
        playable, broken = self.library()
        self.write("\nChoose a customer\n")
        for entry in broken:
            first = (entry.errors or entry.diagnostics)[0]  # the file's name: a long folder is not a word to break
            self.write(_wrap(f"(cannot be played) {Path(first.file).name}:{first.line}:{first.column}: "
                             f"{first.severity}: {first.message}", "  ") + "\n")
        if not playable:
            self.write(f"No playable scenarios in {self.hooks.scenarios_dir}.\n")
            self.code = 1
            return
        bests = self.board.ask(lambda board: board.bests(self.player), {}) if self.player else {}
        self.write("\n".join(self.scenario_lines(playable, bests)) + "\n")
        pick = _ask(f"Pick a scenario (1-{len(playable)}, 0 for the menu): ", len(playable), self.read, self.write,
                    low=0)
        if pick == 0:
            return
        style = self.board.ask(lambda board: (board.player_style(self.player) or {}).get("style", ""), "")
        code = play_scenario(playable[pick - 1].scenario, coach=self.mode == "coach", stdin=self.stdin,
                             stdout=self.stdout, on_finish=self.hooks.recorder(self.mode), player_style=style)
        if code:
            self.code = code
        self._back()

    # -- the portfolio campaign ----------------------------------------------------------
    def portfolio(self) -> None:
        from game.core.portfolio.load import check_file, library_files
        from game.shells.terminal import portfolio as campaign
        library = library_files(self.hooks.scenarios_dir)
        found = [c.portfolio for c in (check_file(p, library) for p in sorted(self.hooks.portfolios_dir.glob("*.yaml")))
                 if c.ok]
        if not found or self.hooks.linked_scenario is None:
            self.write("No portfolio can be played here.\n")
            return
        while True:  # after a quarter, the list again: another portfolio, or 0 for the menu
            self.write("\nProtect your turf: choose a portfolio\n")
            for number, p in enumerate(found, 1):
                self.write(numbered(number, f"{p.title} ({len(p.accounts)} accounts)") + "\n")
            pick = _ask(f"Pick a portfolio (1-{len(found)}, 0 for the menu): ", len(found), self.read, self.write,
                        low=0)
            if pick == 0:
                return
            code = campaign.play(found[pick - 1], self.hooks.linked_scenario, player=self.player,
                                 record=self.hooks.record_quarter, stdin=self.stdin, stdout=self.stdout,
                                 coach=self.mode == "coach")
            if code:
                self.code = code
            if terminated() or read_answer("\nPress Enter for the list of portfolios (m for the menu): ",
                                           self.read, self.write).lower() == "m":
                return

    # -- the self-check --------------------------------------------------------------------
    def self_check(self) -> None:
        saved = self.board.ask(lambda board: board.player_style(self.player), None)
        run_self_check(stdin=self.stdin, stdout=self.stdout, saved=saved, on_finish=self._save_style)
        self._back()

    def _save_style(self, result) -> None:
        from game.storage.attempts import now_iso
        self.board.ask(lambda board: board.save_style(self.player, result.style, result.counts,
                                                      list(result.answers), now_iso()))

    # -- the scoreboard -----------------------------------------------------------------------
    def _titles_and_labels(self):
        playable, _ = self.library()
        titles = {c.scenario.id: c.scenario.title for c in playable}
        labels = {(c.scenario.id, key): p.label for c in playable for key, p in c.scenario.personas.items()}
        return titles, (lambda scenario, persona: labels.get((scenario, persona), persona))

    def history(self) -> None:
        """The newest HISTORY_PAGE attempts, then as many older ones at a time while the trainee asks for
        them (read a page at a time, as the window's list: not every attempt at once)."""
        titles, label = self._titles_and_labels()
        shown, listed = HISTORY_PAGE, 0
        while True:
            found = self.board.ask(lambda board: history_list(board, self.player, titles, shown))
            if found is None:
                return
            rows = history_rows(found["attempts"], found["titles"], label)  # newest first
            if listed == 0:
                self.write(f"\nYour history ({self.player}), newest first\n")
                if not rows:
                    self.write(_wrap(no_history(self.player, False)) + "\n")
            for row in rows[listed:]:
                self.write(_wrap(row.label, "  ") + "\n" + "".join(_wrap(part, "      ") + "\n"
                                                                  for part in row.detail.split("\n")))
            listed = len(rows)
            hidden = found["total"] - listed
            if hidden <= 0 or terminated():
                break
            more = min(HISTORY_PAGE, hidden)
            self.write(f"\n{hidden:,} older attempt{'s' if hidden != 1 else ''} not listed yet.\n")
            answer = read_answer(f"Press Enter for {more:,} more (m for the menu): ", self.read, self.write)
            if answer:
                return
            shown += HISTORY_PAGE
        self._back()

    def learning_path(self) -> None:
        from game.app.course_view import NO_COURSE, course_view, find_course, read_progress
        from game.core.portfolio.load import check_file, library_files
        playable, _ = self.library()
        titles = {c.scenario.id: c.scenario.title for c in playable}
        portfolios = library_files(self.hooks.portfolios_dir)
        course = find_course(self.hooks.courses_dir, set(titles), set(portfolios)) if self.hooks.courses_dir else None
        if course is None:
            self.write("\n" + _wrap(NO_COURSE) + "\n")
            self._back()
            return
        progress = self.board.ask(lambda board: read_progress(board, self.player, course))
        if progress is None:
            return
        self.write("\n")
        campaigns = {b.campaign: check_file(portfolios[b.campaign]).portfolio for b in course.blocks if b.campaign}
        campaign_titles = {pid: p.title for pid, p in campaigns.items() if p is not None}
        for line in course_view(course, progress, titles, campaign_titles).lines():
            indent = "      " if line.startswith("   ") else ""
            self.write((_wrap(line.strip(), indent) if line else "") + "\n")
        self._back()

    def leaderboards(self) -> None:
        titles, _ = self._titles_and_labels()
        first = self.board.ask(lambda board: gather(board, {"view": LEADERS, "player": self.player,
                                                            "titles": titles, "index": 0, "filter": None}))
        if first is None:
            return
        ids = first["ids"]
        if not ids:
            self.write("\n" + _wrap(NO_LEADERS) + "\n")
            self._back()
            return
        self.write("\nLeaderboards: choose a scenario\n")
        for number, sid in enumerate(ids, 1):
            self.write(numbered(number, first['titles'].get(sid, sid)) + "\n")
        pick = _ask(f"Pick a scenario (1-{len(ids)}, 0 for the menu): ", len(ids), self.read, self.write, low=0)
        if pick == 0:
            return
        ask = {"view": LEADERS, "player": self.player, "titles": titles, "index": pick - 1, "filter": None}
        found = self.board.ask(lambda board: gather(board, ask))
        if found is None:
            return
        self.write(f"\n{found['titles'].get(ids[pick - 1], ids[pick - 1])}: the best of each player\n")
        for row in leader_rows(found["leaders"], self.player):
            self.write(_wrap(row.label, "  ") + "\n" + _wrap(row.detail, "      ") + "\n")
        self._back()

    # -- settings ---------------------------------------------------------------------------
    def switch_mode(self) -> None:
        from game.storage.saves import load_settings, save_settings
        self.mode = "assessment" if self.mode == "coach" else "coach"
        settings, _ = load_settings()
        settings.mode = self.mode
        try:
            save_settings(settings)
        except StorageError as exc:
            self.write(_wrap(f"note: the mode applies now but could not be remembered: {exc}") + "\n")
        self.write(f"Now in {self.mode} mode.\n")


def run_menu(player: str, mode: str, hooks: Hooks, stdin=None, stdout=None) -> int:
    """The terminal game's main menu, until Quit."""
    return Menu(player, mode, hooks, stdin, stdout).run()

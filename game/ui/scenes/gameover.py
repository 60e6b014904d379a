"""GameOverScene: the end of a game is its debrief (game/ui/scenes/debrief.py) - outcome and ranking first - with the
way back to the main menu and to the last turn's report."""
from __future__ import annotations

from typing import TYPE_CHECKING

from game.app.session import GameSession

from .debrief import DebriefScene

if TYPE_CHECKING:
    from ..app import App


class GameOverScene(DebriefScene):
    name = "gameover"
    KEYS = tuple(k for k in DebriefScene.KEYS if k[0] != "Esc") + (("Enter", "main menu"), ("Esc", "main menu"))
    final = True

    def __init__(self, app: App, session: GameSession) -> None:
        super().__init__(app, session)

    def to_menu(self) -> None:
        self.app.reset(self.app.make("menu"))

    def last_turn(self) -> None:
        last = self.session.view.last_report
        if last:
            self.app.open("resolution", self.session, last, review=True)

    def on_back(self) -> bool:
        self.to_menu()
        return True

    def on_confirm(self) -> bool:
        self.to_menu()
        return True

    def title(self) -> str:
        return "Game over: debrief"

    def bar_specs(self) -> list[tuple]:
        return [("Export (E)", self.export, {}),
                ("Last turn", self.last_turn, {"enabled": self.session.view.last_report is not None}),
                ("Main menu (Enter)", self.to_menu, {"style": "primary"})]

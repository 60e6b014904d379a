"""GameOverScene: the end of a game is its debrief (game/ui/scenes/debrief.py) - outcome and ranking first - with the
way back to the main menu and to the last turn's report."""
from __future__ import annotations

from game.app.session import GameSession

from .debrief import TAB_KEYS, DebriefScene


class GameOverScene(DebriefScene):
    name = "gameover"
    KEYS = ((f"1-{len(TAB_KEYS)}", "section"), ("Left/Right", "section"), ("Up/Down", "choose"), ("L", "why-ledger at the turning point"), ("R", "run the what-if"), ("E", "export"), ("Enter", "main menu"), ("Esc", "main menu"))
    final = True

    def __init__(self, app, session: GameSession) -> None:
        super().__init__(app, session)

    def to_menu(self) -> None:
        from .menu import MainMenu

        self.app.reset(MainMenu(self.app))

    def last_turn(self) -> None:
        from .resolution import ResolutionScene

        if self.session.last_report:
            self.app.push(ResolutionScene(self.app, self.session, self.session.last_report, review=True))

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
                ("Last turn", self.last_turn, {"enabled": self.session.last_report is not None}),
                ("Main menu (Enter)", self.to_menu, {"style": "primary"})]

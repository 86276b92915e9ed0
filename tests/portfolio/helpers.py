"""Shared by the portfolio tests: the bundled portfolios and a small one."""
from dataclasses import replace
from pathlib import Path

from game.core.portfolio import load

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = sorted((ROOT / "portfolios").glob("*.yaml"))
LIBRARY = set(load.library_files(ROOT / "scenarios"))
SHOP = ROOT / "portfolios" / "shop-systems.yaml"


def bundled(path=SHOP):
    return load.load_file(path, LIBRARY)


def small(accounts=3, budget_hours=1.5):
    """The shop portfolio cut down to a few accounts (for brute force)."""
    p = bundled()
    return replace(p, accounts=p.accounts[:accounts], budget_hours=budget_hours)

"""Every command and report field a user relies on is documented in the README."""

from pathlib import Path

import typer.main

from threadline.cli import app

README = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")


def _commands(group: typer.Typer, prefix: str = "") -> list[str]:
    click_group = typer.main.get_command(group)
    names = []
    for name, cmd in click_group.commands.items():  # type: ignore[attr-defined]
        full = f"{prefix}{name}"
        sub = getattr(cmd, "commands", None)
        if sub:
            names += [f"{full} {s}" for s in sub]
        names.append(full)
    return names


def test_every_command_is_in_the_readme():
    missing = [c for c in _commands(app) if f"threadline {c}" not in README]
    assert not missing, f"undocumented commands: {missing}"


def test_report_fields_are_documented():
    for field in ("potential_victims", "potential_exploiters", "usernames", "urls", "phones",
                  "potential_minors", "watchlist_matches", "watchlist_candidates", "minor_risk",
                  "flagged", "indicators", "ties", "roles"):
        assert f"`{field}`" in README, field


def test_quick_start_commands_exist():
    makefile = (Path(__file__).parents[1] / "Makefile").read_text(encoding="utf-8")
    assert "make demo" in README and "make test" in README
    assert "\ndemo:" in makefile and "\ntest:" in makefile
    assert "make test" in (Path(__file__).parents[1] / ".ci" / "run").read_text(encoding="utf-8")

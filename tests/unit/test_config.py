"""Every setting is documented in the README, with its real default."""
from pathlib import Path

from indexer.config import SETTINGS, get

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_in_the_readme_table():
    for setting in SETTINGS:
        assert f"| `{setting.env}` | `{setting.default}` |" in README, setting.env


def test_environment_overrides_default(monkeypatch):
    monkeypatch.setenv("VRAAGBAAK_BOOST_TITLE", "5")
    assert get("boost_title") == 5.0
    monkeypatch.delenv("VRAAGBAAK_BOOST_TITLE")
    assert get("boost_title") == 3.0

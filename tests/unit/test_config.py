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


import pytest


@pytest.mark.parametrize("env, value", [
    ("VRAAGBAAK_PAGE_SIZE", "0"), ("VRAAGBAAK_PAGE_SIZE", "-3"), ("VRAAGBAAK_PAGE_SIZE", "tien"),
    ("VRAAGBAAK_STEMMER", "english"), ("VRAAGBAAK_PORT", "70000"), ("VRAAGBAAK_BOOST_TITLE", "-1"),
])
def test_invalid_values_stop_with_a_message_naming_the_variable(monkeypatch, env, value):
    monkeypatch.setenv(env, value)
    name = env.removeprefix("VRAAGBAAK_").lower()
    with pytest.raises(SystemExit, match=env):
        get(name)

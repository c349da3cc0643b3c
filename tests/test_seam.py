"""The platform seam (design.md §6): the core names no platform; the registry lists them."""

import ast
from pathlib import Path

import pytest

from auditor.platforms import Platform, get_platform, names, platforms

PACKAGE = Path(__file__).resolve().parents[1] / "auditor"
# Words only a platform package may hold: its URLs and its own names for its things.
PLATFORM_WORDS = ("x.com/", "reddit.com", "grok", "tweet", "subreddit", "x's ", "x and xai")


def _core_files():
    for path in sorted(PACKAGE.rglob("*.py")):
        if "platforms" not in path.relative_to(PACKAGE).parts:
            yield path


def _docstrings(tree) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


@pytest.mark.parametrize("path", list(_core_files()), ids=lambda p: p.name)
def test_the_core_never_names_a_platform(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = _docstrings(tree)
    known = set(names())
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            for side in (node.left, *node.comparators):
                if isinstance(side, ast.Constant) and side.value in known:
                    pytest.fail(f"{path.name}:{node.lineno} compares with {side.value!r}")
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if id(node) in docstrings:
                continue
            lowered = node.value.lower()
            for word in PLATFORM_WORDS:
                assert word not in lowered, f"{path.name}:{node.lineno} says {word!r}"


def test_the_template_gets_platform_words_only_from_the_vocabulary():
    template = (PACKAGE.parent / "templates" / "report.html.j2").read_text(encoding="utf-8")
    for word in ("Grok", "x.com", "Reddit", "X's", "X archive", "tweet"):
        assert word not in template, word


def test_every_registered_platform_keeps_the_protocol():
    assert names()[:2] == ("x", "reddit")
    for platform in platforms():
        assert isinstance(platform, Platform)
        vocabulary = platform.vocabulary
        assert vocabulary.platform == platform.name
        rule_categories = set(vocabulary.category_ids)
        for setting in vocabulary.settings:
            assert setting.purpose in vocabulary.purpose_ids
        assert rule_categories
    with pytest.raises(KeyError):
        get_platform("myspace")


def test_platforms_command_lists_what_each_reads_and_its_rule_versions(run):
    result = run("platforms")
    assert result.exit_code == 0, result.output
    assert (
        "x-pp-2023-09-29" in result.stdout and "reddit-user-agreement-2024-09-16" in result.stdout
    )
    assert "--grok-opt-out" in result.stdout


@pytest.mark.parametrize("name", ["linkedin", "facebook"])  # each has its own; taken away here
def test_a_platform_without_a_narrative_gets_the_generic_one(run, tmp_path, monkeypatch, name):
    """Adding a platform is adding a package: no core change, the report still renders."""
    import dataclasses

    import auditor.cli
    import auditor.platforms as registry
    from auditor.platforms import SampleRequest

    def bare(platform):
        if platform.name != name:
            return platform
        vocabulary = dataclasses.replace(platform.vocabulary, narrative=None)
        return dataclasses.replace(platform, vocabulary=vocabulary)

    listed = tuple(bare(p) for p in registry.platforms())
    monkeypatch.setattr(registry, "platforms", lambda: listed)
    monkeypatch.setattr(auditor.cli, "known_platforms", lambda: listed)

    path = tmp_path / f"{name}.zip"
    get_platform(name).build_sample(path, SampleRequest(region="GB"))
    out = tmp_path / "r.html"
    result = run("report", path, "-f", "html", "--lang", "en", "-o", out, "-q")
    assert result.exit_code in (0, 7), result.output
    html = out.read_text()
    assert "Your posts and AI training" in html and "Grok" not in html

"""docs/rules.md names, for every article of the bureau's rules, the code that applies
it and the tests that prove it. Every name must exist: a module (or a class or
function in it) that can be imported, a test function in a test file. A rename or a
deletion without updating the page fails here."""

import ast
import importlib
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "docs" / "rules.md"
README = ROOT / "README.md"

_TEST_REF = re.compile(r"`(tests/[\w/]+\.py)::(\w+)`")
_CODE_LINE = re.compile(r"^- \*\*Code\*\*:(.*?)(?=^- \*\*Tests\*\*|\Z)", flags=re.S | re.M)
_DOTTED = re.compile(r"`([a-z_]+(?:\.[A-Za-z_]\w*)+)`")


def cited_tests() -> list[tuple[str, str]]:
    text = RULES.read_text(encoding="utf-8")
    return _TEST_REF.findall(text)


def code_references() -> list[str]:
    text = RULES.read_text(encoding="utf-8")
    return [name for block in _CODE_LINE.findall(text) for name in _DOTTED.findall(block)]


def _articles(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"^## Art\. (\d+) ", text, flags=re.M)]


def _resolve(dotted: str) -> object:
    """Import the longest importable module prefix, then follow attributes."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:cut]))
        except ModuleNotFoundError:
            continue
        for attribute in parts[cut:]:
            obj = getattr(obj, attribute)  # AttributeError: a stale name
        return obj
    raise ModuleNotFoundError(dotted)


def _test_functions(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        node.name
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.name.startswith("test_")
    }


def test_every_article_of_the_rules_has_its_section():
    assert _articles(RULES.read_text(encoding="utf-8")) == list(range(1, 11))


def test_the_page_names_code_and_tests():
    assert len(code_references()) >= 40
    assert len(cited_tests()) >= 60


@pytest.mark.parametrize("dotted", sorted(set(code_references())))
def test_every_module_named_exists(dotted):
    _resolve(dotted)


@pytest.mark.parametrize(
    ("path", "name"), sorted(set(cited_tests())), ids=lambda v: str(v).rsplit("/", 1)[-1]
)
def test_every_test_named_exists(path, name):
    file = ROOT / path
    assert file.is_file(), f"docs/rules.md names {path}, which does not exist"
    assert name in _test_functions(file), (
        f"docs/rules.md names {path}::{name}, which does not exist"
    )


def test_the_reader_catches_a_stale_name(tmp_path):
    with pytest.raises(AttributeError):
        _resolve("review.checks.no_such_check")
    with pytest.raises(ModuleNotFoundError):
        _resolve("no_such_app.services")
    stale = tmp_path / "test_x.py"
    stale.write_text("def test_kept():\n    assert True\n", encoding="utf-8")
    assert _test_functions(stale) == {"test_kept"}


def test_the_readme_links_the_rules_and_points_nowhere_outside_the_repo():
    text = README.read_text(encoding="utf-8")
    assert "docs/rules.md" in text
    assert "shared/seed" not in text
    for target in re.findall(r"\]\(([^)#]+)\)", text):
        if "://" not in target:
            assert not target.startswith(("/", "..")), target  # inside the repository
            assert (ROOT / target).exists(), target

"""The import contract and the size rule (docs/architecture.md, "Layers").

The code is read with `ast`, not imported: the test needs no database and fails
with the file and line of the offending import or call. Checked:

- layers: an app imports only from its own layer or the layers below it
  (`common` → `accounts`/`audit` → `workcalendar` → `disclosure` → the workflows →
  the office's tools → `portal`); every import counts, those inside functions too;
- no circle of modules importing each other (again every import counts, so a cycle
  cannot hide behind a function-level import);
- one home per rule: an app never writes another app's models directly
  (`Model.objects.create/update/...` or `Model(...)` on a model imported from another
  app's `models`); it calls that app's services;
- no Python module outside migrations is longer than 400 lines.
"""

import ast
import pathlib
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent

# Bottom to top. An app may import its own layer and the ones below.
LAYERS: list[tuple[str, ...]] = [
    ("common",),  # helpers importing no app
    ("accounts", "audit"),  # who acts and the record of what they did
    ("workcalendar",),  # working days (F2)
    ("disclosure",),  # the catalogue (F1)
    ("review", "requests_app", "consultations", "enquiries"),  # the workflows on the catalogue
    ("inspection", "reports"),  # the office's tools, reading every workflow
    ("portal",),  # the project shell
]
LAYER_OF = {app: level for level, apps in enumerate(LAYERS) for app in apps}
PACKAGES = tuple(LAYER_OF)
# Project code outside the layers: the benchmarks sit on top, like portal.
EXTRA = ("benchmarks",)

WRITE_METHODS = frozenset(
    {
        "create",
        "bulk_create",
        "get_or_create",
        "update_or_create",
        "update",
        "bulk_update",
        "delete",
    }
)
MAX_LINES = 400


@dataclass(frozen=True)
class Import:
    module: str  # the importing module
    target: str  # what it imports (module or module.name)
    path: pathlib.Path
    line: int


def _module_name(path: pathlib.Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _source_files(packages=PACKAGES + EXTRA, *, with_tests=False) -> Iterator[pathlib.Path]:
    roots = [ROOT / p for p in packages] + ([ROOT / "tests"] if with_tests else [])
    for root in roots:
        for path in sorted(root.rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def _trees() -> dict[pathlib.Path, ast.Module]:
    return {path: ast.parse(path.read_text(encoding="utf-8")) for path in _source_files()}


def _imports(path: pathlib.Path, tree: ast.Module) -> Iterator[Import]:
    module = _module_name(path)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(module, alias.name, path, node.lineno)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                yield Import(module, f"{node.module}.{alias.name}", path, node.lineno)


def _where(imp: Import) -> str:
    return f"{imp.path.relative_to(ROOT)}:{imp.line}"


def layer_violations(trees: dict[pathlib.Path, ast.Module]) -> list[str]:
    found = []
    for path, tree in trees.items():
        for imp in _imports(path, tree):
            src, dst = imp.module.split(".")[0], imp.target.split(".")[0]
            if src in EXTRA or dst not in LAYER_OF or src == dst:
                continue
            if LAYER_OF[dst] > LAYER_OF[src]:
                found.append(f"{_where(imp)}: {src} imports {imp.target} from a higher layer")
    return found


def import_cycles(trees: dict[pathlib.Path, ast.Module]) -> list[list[str]]:
    modules = {_module_name(path) for path in trees}

    def resolve(target: str) -> str | None:
        parts = target.split(".")
        for end in range(len(parts), 0, -1):
            if ".".join(parts[:end]) in modules:
                return ".".join(parts[:end])
        return None

    graph: dict[str, set[str]] = {m: set() for m in modules}
    for path, tree in trees.items():
        for imp in _imports(path, tree):
            target = resolve(imp.target)
            if target is not None and target != imp.module:
                graph[imp.module].add(target)
    # Tarjan's strongly connected components, iteratively.
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    cycles.append(sorted(component))
    return cycles


def _root_name(node: ast.expr) -> str | None:
    while isinstance(node, ast.Attribute | ast.Call):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else None


def _attribute_chain(node: ast.expr) -> list[str]:
    names = []
    while isinstance(node, ast.Attribute | ast.Call):
        if isinstance(node, ast.Attribute):
            names.append(node.attr)
            node = node.value
        else:
            node = node.func
    return names[::-1]


def foreign_writes(trees: dict[pathlib.Path, ast.Module]) -> list[str]:
    found = []
    for path, tree in trees.items():
        app = _module_name(path).split(".")[0]
        if app not in LAYER_OF or app == "portal":
            continue
        foreign: dict[str, str] = {}  # local name -> "app.models.Name"
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                owner = node.module.split(".")[0]
                is_models = node.module.split(".")[1:2] == ["models"]
                if owner in LAYER_OF and owner != app and is_models:
                    for alias in node.names:
                        foreign[alias.asname or alias.name] = f"{node.module}.{alias.name}"
        if not foreign:
            continue
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            func = node.func
            if isinstance(func, ast.Name) and func.id in foreign and func.id[:1].isupper():
                if not _is_choices(func.id):
                    found.append(f"{where}: {app} builds a {foreign[func.id]} row")
                continue
            root = _root_name(func)
            chain = _attribute_chain(func)
            if root in foreign and "objects" in chain and chain[-1] in WRITE_METHODS:
                found.append(f"{where}: {app} writes {foreign[root]} ({'.'.join(chain)})")
    return found


def _is_choices(name: str) -> bool:
    # TextChoices are called to convert a value (`Status(value)`), not to build a row.
    return name.endswith(("Status", "Kind", "Action", "Stage", "Choices"))


@pytest.fixture(scope="module")
def trees():
    return _trees()


def test_no_import_runs_up_the_layers(trees):
    assert layer_violations(trees) == []


def test_no_modules_import_each_other_in_a_circle(trees):
    assert import_cycles(trees) == []


def test_no_app_writes_another_apps_models(trees):
    assert foreign_writes(trees) == []


def test_no_module_is_longer_than_400_lines():
    too_long = [
        f"{path.relative_to(ROOT)}: {n} lines"
        for path in _source_files(with_tests=True)
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    ]
    assert too_long == []


# The checks themselves, on small made-up modules: each must catch what it is for.


def _fake(sources: dict[str, str]) -> dict[pathlib.Path, ast.Module]:
    return {ROOT / name: ast.parse(text) for name, text in sources.items()}


def test_the_layer_check_catches_an_upward_import_even_inside_a_function():
    trees = _fake(
        {
            "disclosure/fake.py": "def f():\n    from portal import views\n",
            "common/fake.py": "from disclosure.models import Item\n",
            "review/fake.py": "from disclosure.models import Item\nfrom common import errors\n",
        }
    )
    assert layer_violations(trees) == [
        "disclosure/fake.py:2: disclosure imports portal.views from a higher layer",
        "common/fake.py:1: common imports disclosure.models.Item from a higher layer",
    ]


def test_the_cycle_check_catches_a_circle_through_a_lazy_import():
    trees = _fake(
        {
            "inspection/fake_a.py": "from inspection.fake_b import x\n",
            "inspection/fake_b.py": "def f():\n    from inspection.fake_a import y\n",
            "inspection/fake_c.py": "from inspection.fake_a import x\n",
        }
    )
    assert import_cycles(trees) == [["inspection.fake_a", "inspection.fake_b"]]


def test_the_write_check_catches_creating_updating_and_building_foreign_rows():
    trees = _fake(
        {
            "consultations/fake.py": (
                "from disclosure.models import Attachment, Item, ItemStatus\n"
                "Item.objects.create(title='x')\n"
                "Item.objects.filter(pk=1).update(title='y')\n"
                "Attachment(item=None)\n"
                "Item.objects.filter(status=ItemStatus('draft')).count()\n"
                "ItemStatus('draft')\n"
            ),
            "disclosure/fake.py": "from disclosure.models import Item\nItem.objects.create()\n",
        }
    )
    assert foreign_writes(trees) == [
        "consultations/fake.py:2: consultations writes disclosure.models.Item (objects.create)",
        "consultations/fake.py:3: consultations writes disclosure.models.Item (objects.filter.update)",
        "consultations/fake.py:4: consultations builds a disclosure.models.Attachment row",
    ]

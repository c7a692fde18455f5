"""Active content in a PDF: JavaScript, an action run when the file opens
(OpenAction, document-level additional actions) and Launch actions (start another
program). Read from the catalog, the name tree, the pages' annotations and the form
fields with pypdf; nothing is executed. An OpenAction that is only a destination (open
at page N) is not active content."""

from __future__ import annotations

JAVASCRIPT = "JavaScript"
OPEN_ACTION = "OpenAction"
LAUNCH = "Launch"
ADDITIONAL_ACTIONS = "AA"

LABELS = {
    JAVASCRIPT: "JavaScript 脚本",
    OPEN_ACTION: "打开文件时自动执行的动作（OpenAction）",
    LAUNCH: "启动外部程序的动作（Launch）",
    ADDITIONAL_ACTIONS: "自动触发的附加动作（AA）",
}

_MAX_NODES = 5000  # a bound on the walk: a hostile file cannot make it endless


def active_content(reader) -> list[str]:
    """The kinds of active content in the PDF read by `reader` (pypdf.PdfReader), in
    a fixed order, each once."""
    found: set[str] = set()
    catalog = _resolve(reader.trailer.get("/Root"))
    if not isinstance(catalog, dict):
        return []
    seen: set[int] = set()
    budget = [_MAX_NODES]
    open_action = _resolve(catalog.get("/OpenAction"))
    if isinstance(open_action, dict):
        found.add(OPEN_ACTION)
        _action(open_action, found, seen, budget)
    if "/AA" in catalog:
        found.add(ADDITIONAL_ACTIONS)
        _walk(catalog.get("/AA"), found, seen, budget)
    names = _resolve(catalog.get("/Names"))
    if isinstance(names, dict) and "/JavaScript" in names:
        found.add(JAVASCRIPT)
    _walk(catalog.get("/AcroForm"), found, seen, budget)
    for page in reader.pages:
        _walk(page.get("/Annots"), found, seen, budget)
        if "/AA" in page:
            found.add(ADDITIONAL_ACTIONS)
            _walk(page.get("/AA"), found, seen, budget)
        if budget[0] <= 0:
            break
    return [kind for kind in (JAVASCRIPT, OPEN_ACTION, LAUNCH, ADDITIONAL_ACTIONS) if kind in found]


def _resolve(obj):
    try:
        return obj.get_object() if obj is not None and hasattr(obj, "get_object") else obj
    except Exception:  # noqa: BLE001 - a broken reference in a hostile file: nothing to follow
        return None


def _action(action: dict, found: set[str], seen: set[int], budget: list[int]) -> None:
    kind = action.get("/S")
    if kind == "/JavaScript" or "/JS" in action:
        found.add(JAVASCRIPT)
    if kind == "/Launch":
        found.add(LAUNCH)
    _walk(action.get("/Next"), found, seen, budget)


def _walk(obj, found: set[str], seen: set[int], budget: list[int]) -> None:
    """Follow dictionaries and arrays below `obj` looking for actions."""
    stack = [obj]
    while stack and budget[0] > 0:
        budget[0] -= 1
        node = stack.pop()
        ref = getattr(node, "idnum", None)
        if ref is not None:
            if ref in seen:
                continue
            seen.add(ref)
        node = _resolve(node)
        if isinstance(node, dict):
            if "/S" in node or "/JS" in node:
                _action(node, found, seen, budget)
            if "/AA" in node:
                found.add(ADDITIONAL_ACTIONS)
            for key, value in node.items():
                if key not in ("/Parent", "/P", "/Contents", "/Resources"):
                    stack.append(value)
        elif isinstance(node, list):
            stack.extend(node)

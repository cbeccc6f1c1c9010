"""docs/api.md documents every public name of ``impactchain`` (its ``__all__``) with its
signature and result type, as ``inspect.signature`` gives them today, so the page cannot
drift from the code. A failing test prints the block the page should hold."""

from __future__ import annotations

import inspect
import re
import types
from pathlib import Path
from typing import Any

import impactchain as ic

API = Path(__file__).resolve().parents[2] / "docs" / "api.md"
WIDTH = 100  #: a longer signature is written one parameter a line


class _Bare:
    """An annotation written as text (``from __future__ import annotations``), shown without quotes."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text


def _bare(annotation: Any) -> Any:
    return _Bare(annotation) if isinstance(annotation, str) else annotation


def signature_text(name: str, obj: Any) -> str:
    """The signature of a public function or class as docs/api.md writes it; the first line of
    the docstring for a compiled (pybind11) function, which has no inspectable signature."""
    try:
        sig = inspect.signature(obj)
    except (TypeError, ValueError):
        return (obj.__doc__ or "").splitlines()[0]
    params = [p.replace(annotation=_bare(p.annotation)) for p in sig.parameters.values()]
    returns = inspect.Signature.empty if isinstance(obj, type) else _bare(sig.return_annotation)
    sig = sig.replace(parameters=params, return_annotation=returns)
    one = f"{name}{sig}"
    if len(one) <= WIDTH:
        return one
    lines, star = [], False
    for i, p in enumerate(params):
        if p.kind is p.VAR_POSITIONAL:
            star = True
        if p.kind is p.KEYWORD_ONLY and not star:
            lines.append("*")
            star = True
        lines.append(str(p))
        if p.kind is p.POSITIONAL_ONLY and (i + 1 == len(params) or params[i + 1].kind is not p.POSITIONAL_ONLY):
            lines.append("/")
    tail = "" if returns is inspect.Signature.empty else f" -> {inspect.formatannotation(returns)}"
    return f"{name}(\n" + "".join(f"    {line},\n" for line in lines) + f"){tail}"


def expected_block(name: str) -> str | None:
    """The code block docs/api.md holds under the heading of ``name`` (None: a heading only,
    for a compiled class, whose constructors the page describes in words)."""
    obj = getattr(ic, name)
    if name == "__version__":
        return "__version__: str"
    if name == "DEFAULTS":
        return "DEFAULTS: Defaults"
    if isinstance(obj, type) and obj.__module__ == "impactchain._core":
        return None
    return signature_text(name, obj)


def _page() -> str:
    return API.read_text(encoding="utf-8")


def test_all_lists_every_public_name_once():
    assert len(ic.__all__) == len(set(ic.__all__))
    public = {  # dir(): the names imported with the package and those imported on first use
        n
        for n in dir(ic)
        if not n.startswith("_") and n != "annotations" and not isinstance(getattr(ic, n), types.ModuleType)
    }
    assert set(ic.__all__) - {"__version__"} == public, "add the new public name to impactchain.__all__"
    for name in ic.__all__:
        assert getattr(ic, name) is not None


def test_api_page_documents_every_public_name_with_its_signature():
    page = _page()
    missing = [name for name in ic.__all__ if f"### `{name}`" not in page]
    assert not missing, f"docs/api.md has no heading for {missing}"
    wrong = {}
    for name in ic.__all__:
        block = expected_block(name)
        if block is not None and f"```python\n{block}\n```" not in page:
            wrong[name] = block
    assert not wrong, "docs/api.md should hold these signatures:\n\n" + "\n\n".join(
        f"### `{n}`\n\n```python\n{b}\n```" for n, b in wrong.items()
    )


def test_api_page_names_nothing_that_is_not_public():
    listed = re.findall(r"^### `([^`]+)`", _page(), flags=re.MULTILINE)
    assert len(listed) == len(set(listed)), "a name has two headings"
    assert not set(listed) - set(ic.__all__), (
        f"docs/api.md documents names that are not public: {set(listed) - set(ic.__all__)}"
    )


def test_signature_text_writes_long_signatures_one_parameter_a_line():
    def f(a: int, b: str = "x", *, c: float = 1.0) -> None: ...

    assert signature_text("f", f) == "f(a: int, b: str = 'x', *, c: float = 1.0) -> None"
    long = signature_text("bootstrap_mean", ic.bootstrap_mean)
    assert long.startswith("bootstrap_mean(\n    x: ArrayLike,\n    *,\n    seed: Optional[int] = None,\n")
    assert long.endswith("\n) -> BootstrapCI")
    assert signature_text("builtin_scale", ic.builtin_scale) == (
        "builtin_scale(name: str) -> impactchain._core.ScaleDefinition"
    )

"""The rows of a Value Map sheet read into the parts of a model (docs/valuemap.md): each row an
input (an investment of its kind), an outcome (its chain node, the edge from the activity of its
Outputs, its outcome with the cell of every value as a comment) or both; each stakeholder named
once, every id unique."""

from __future__ import annotations

from typing import Any, Optional

from impactchain._valuemap_cells import _number, _share
from impactchain._valuemap_parties import (
    INPUT_KEYS,
    Cell,
    Value,
    read_beneficiaries,
    read_investment,
    stakeholder_as_shares,
    tried,
)
from impactchain.valuemap import COLUMNS, NO_OUTPUTS, SHEET, _flow, _slug, _y


def _header(key: str) -> str:
    return next(h for h, k, _ in COLUMNS if k == key)


#: The cells an outcome row needs, and how its other cells are read (each raising ValueMapError).
_NEEDED = ("outcome", "quantity", "proxy_value")
_NUMBERS = ("quantity", "proxy_value", "duration")
_SHARES = ("deadweight", "displacement", "attribution", "leakage", "drop_off")
#: The cells that make two outcome rows the same outcome (one a copy of the other, most likely).
_SAME = ("outcome", "stakeholder", "beneficiaries", "indicator", "proxy", "proxy_value")


class SheetRows:
    """What the rows read so far give: stakeholders, chain nodes and edges, investments and
    outcomes as model-file YAML lines; ``readings`` gets how each value was read."""

    def __init__(
        self, currency: str, price_year: Optional[int], readings: list[str], percent: Optional[set[str]] = None
    ) -> None:
        self.currency, self.price_year, self.readings = currency, price_year, readings
        self.percent = percent or set()  # the cells formatted as a percentage, by name
        self.used_ids: set[str] = set()
        self.stakeholders: dict[str, tuple[str, str]] = {}  # name -> (id, cell)
        self.activities: dict[str, tuple[str, str]] = {}  # Outputs text -> (node id, cell)
        self.nodes: list[str] = []
        self.edges: list[str] = []
        self.investments: list[str] = []
        self.outcomes: list[str] = []
        self.rows_of: dict[tuple[str, ...], int] = {}  # an outcome row's _SAME cells -> its first sheet line

    def party(self, name: str, where: str) -> str:
        """The id of the stakeholder called ``name`` (first named at ``where``)."""
        if name not in self.stakeholders:
            self.stakeholders[name] = (_slug(name, self.used_ids, "stakeholder"), where)
        return self.stakeholders[name][0]

    def add(self, line: int, val: Value, cell: Cell) -> list[str]:
        """The row on sheet line ``line``: its cells by column key (``val``) and their names
        (``cell``). Returns the row's problems, every cell that does not fit as one each (its
        input's and its outcome's together); a row with problems adds no investment or outcome."""
        problems: list[str] = []
        is_input = any(val(k) is not None for k in INPUT_KEYS)
        shared = val("beneficiaries") is not None
        if shared and val("stakeholder") is not None and not is_input:
            problems.append(
                f"{cell('stakeholder')}, {cell('beneficiaries')}: an outcome goes to one Stakeholder or is "
                "split among its Beneficiaries, not both; keep the Beneficiaries (and empty the Stakeholder) to "
                "split its value, or the Stakeholder alone for one beneficiary"
            )
        elif val("stakeholder") is not None and not is_input and not shared:
            tried(problems, stakeholder_as_shares, str(val("stakeholder")), cell("stakeholder"))
        is_outcome = any(val(k) is not None for k in ("outcome", "quantity", "proxy_value"))
        if shared and not is_outcome:
            problems.append(
                f"{cell('beneficiaries')}: Beneficiaries belong to an outcome row (Outcome, Quantity and Proxy value)"
            )
        named = val("stakeholder") is not None
        sid = self.party(str(val("stakeholder")).strip(), cell("stakeholder")) if named else None
        investment = read_investment(val, cell, sid, self.readings, problems)
        shares = None
        if is_outcome:
            problems += self._cell_problems(val, cell)
            if shared:
                read = (val("beneficiaries"), cell("beneficiaries"), self.party, self.readings)
                shares = tried(problems, read_beneficiaries, *read)
        if problems:
            return problems  # the import stops, so the stakeholders it named do not matter
        if val("stakeholder") is None and not is_input and not shared:
            self.readings.append(f"{cell('stakeholder')}: no stakeholder for this outcome")
        if investment is not None:
            self.investments.append(investment)
        if not is_outcome:
            if not is_input:
                self.readings.append(f"{SHEET} row {line}: a stakeholder without inputs or outcome")
        else:
            self._outcome(val, cell, sid, shares, self._repeats(line, val))
        return []

    def _share(self, val: Value, cell: Cell, k: str) -> tuple[float, Optional[str]]:
        """The percentage of column ``k``: a cell formatted as a percentage holds the share it shows."""
        return _share(val(k), cell(k), _header(k).lower() if cell(k) in self.percent else "")

    def _cell_problems(self, val: Value, cell: Cell) -> list[str]:
        """Every cell of an outcome row that does not fit: the three it needs, its numbers, its
        percentages and when it starts (read again, and kept, when the row is built)."""
        out = [f"{cell(k)}: an outcome row needs its {_header(k)}" for k in _NEEDED if val(k) is None]
        for k in _NUMBERS:
            if val(k) is not None:
                tried(out, _number, val(k), cell(k))
        for k in _SHARES:
            if val(k) is not None:
                tried(out, self._share, val, cell, k)
        if val("start") is not None and str(val("start")).strip().lower() not in ("during", "after"):
            out.append(
                f"{cell('start')}: Outcome starts must be 'during' or 'after', got {str(val('start')).strip().lower()!r}"
            )
        return out

    def _repeats(self, line: int, val: Value) -> Optional[str]:
        """What to say of the outcome row on sheet line ``line`` when an earlier row has the same
        outcome, stakeholder (or beneficiaries), indicator and proxy: most likely a copy, which
        would count the value twice (said in the readings and above the outcome; still imported,
        as two groups may share an outcome)."""
        key = tuple("" if val(k) is None else str(val(k)).strip() for k in _SAME)
        first = self.rows_of.setdefault(key, line)
        if first == line:
            return None
        said = (
            f"{SHEET} row {line} repeats row {first}: same outcome, stakeholder, indicator and proxy; imported as a "
            "second outcome — delete one if it is a copy"
        )
        self.readings.append(said)
        return said

    def _outcome(
        self, val: Value, cell: Cell, sid: Optional[str], shares: Optional[tuple[dict, str]], said: Optional[str]
    ) -> None:
        """The outcome of a row whose cells fit, to ``sid`` or split by ``shares`` (the
        Beneficiaries read, and how); ``said``: a warning written above it as a comment."""
        oname = str(val("outcome")).strip()
        oid = _slug(oname, self.used_ids, "outcome")
        output = str(val("outputs")).strip() if val("outputs") is not None else ""
        output = "" if output == NO_OUTPUTS else output  # the node an import made for rows without Outputs
        akey = output or "(activities)"
        if akey not in self.activities:
            aid = _slug(output or "activities", self.used_ids, "activity")
            self.activities[akey] = (aid, cell("outputs") if output else "no Outputs given")
            name_text = output or NO_OUTPUTS
            self.nodes.append(
                f"    - {{id: {aid}, level: activity, name: {_y(name_text)}}}  # {self.activities[akey][1]}"
            )
        node: dict[str, Any] = {
            "id": oid,
            "level": "outcome",
            "name": oname,
            "quantity": _number(val("quantity"), cell("quantity")),
        }
        if val("indicator") is not None:  # what the quantity counts: the outcome node's unit
            unit = str(val("indicator")).strip()
            if val("indicator_source") is not None:
                unit += f" (source: {str(val('indicator_source')).strip()})"
            node["unit"] = unit
        where = ", ".join(
            cell(k) for k in ("outcome", "quantity", "indicator", "indicator_source") if val(k) is not None
        )
        self.nodes.append(f"    - {_flow(node)}  # {where}")
        self.edges.append(f"    - {{from: {self.activities[akey][0]}, to: {oid}}}")
        proxy: dict[str, Any] = {"value": _number(val("proxy_value"), cell("proxy_value")), "currency": self.currency}
        if self.price_year is not None:
            proxy["price_year"] = self.price_year
        src = " / ".join(str(val(k)).strip() for k in ("proxy", "proxy_source") if val(k) is not None)
        if src:
            proxy["source"] = src
        block = [
            f"  - id: {oid}",
            f"    name: {_y(oname)}  # {cell('outcome')}",
            f"    node: {oid}",
            f"    proxy: {_flow(proxy)}  # {cell('proxy_value')}",
        ]
        if shares is not None:
            block.insert(3, f"    beneficiaries: {_flow(shares[0])}  # {shares[1]}")
        elif sid is not None:
            block.insert(3, f"    stakeholder: {sid}  # {cell('stakeholder')}")
        for k in ("deadweight", "displacement", "attribution", "leakage", "drop_off"):
            if val(k) is not None:
                x, how = self._share(val, cell, k)
                if how is not None:
                    self.readings.append(how)
                block.append(f"    {k}: {_y(x)}  # {how or cell(k)}")
        if val("duration") is not None:
            block.append(f"    duration: {_y(_number(val('duration'), cell('duration')))}  # {cell('duration')}")
        if val("start") is not None:  # 'during' or 'after' (_cell_problems)
            block.append(f"    start: {str(val('start')).strip().lower()}  # {cell('start')}")
        self.outcomes += [f"  # {said}"] * (said is not None) + block

    def yaml_lines(self) -> list[str]:
        """The stakeholders, the chain, the investments and the outcomes, as model-file YAML."""
        lines = []
        if self.stakeholders:
            lines.append("stakeholders:")
            lines += [f"  - {{id: {sid}, name: {_y(n)}}}  # {c}" for n, (sid, c) in self.stakeholders.items()]
        lines += ["chain:", *self._list("  nodes", self.nodes), *self._list("  edges", self.edges)]
        if self.investments:
            lines += ["investments:", *self.investments]
        return lines + self._list("outcomes", self.outcomes)

    @staticmethod
    def _list(key: str, items: list[str]) -> list[str]:
        """``key:`` and its items, or ``key: []`` when there are none (YAML would read null)."""
        return [f"{key}:", *items] if items else [f"{key}: []"]

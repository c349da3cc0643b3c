"""Which items each purpose's terms reached: rule data × item table → one status per item."""

from importlib import import_module

from .rules import STATUSES, Rule, load_rules, rule_by_id

# The engine and the item table need pandas (0.3 s to import). Checking an opt-out date needs
# only the rule data, and `auditor report` checks it before it starts the PDF renderer: loaded
# on first use, they no longer hold that start back.
_LATER = {
    "SCENARIOS": "engine",
    "Context": "engine",
    "Exposure": "engine",
    "evaluate": "engine",
    "what_if": "engine",
    "item_table": "items",
}


def __getattr__(name: str):
    if name not in _LATER:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{_LATER[name]}", __name__), name)
    globals()[name] = value
    return value


__all__ = [
    "STATUSES",
    "Context",
    "Exposure",
    "Rule",
    "SCENARIOS",
    "what_if",
    "evaluate",
    "item_table",
    "load_rules",
    "rule_by_id",
]

"""Which items each purpose's terms reached: rule data × item table → one status per item."""

from .engine import SCENARIOS, Context, Exposure, evaluate, what_if
from .items import item_table
from .rules import STATUSES, Rule, load_rules, rule_by_id

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

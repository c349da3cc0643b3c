"""Which items each purpose's terms reached: rule data × item table → one status per item."""

from .engine import Context, Exposure, evaluate
from .items import item_table
from .rules import CATEGORIES, PURPOSES, STATUSES, Rule, load_rules, rule_by_id

__all__ = [
    "CATEGORIES",
    "PURPOSES",
    "STATUSES",
    "Context",
    "Exposure",
    "Rule",
    "evaluate",
    "item_table",
    "load_rules",
    "rule_by_id",
]

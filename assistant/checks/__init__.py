"""The draft checker: a registry of tone, completeness, relevance and privacy rules."""
from .checker import Checker, CheckResult
from .model import Example, Flag, Hit, Rule
from .registry import default_rules
from .resources import Resources

__all__ = ["Checker", "CheckResult", "Example", "Flag", "Hit", "Rule", "Resources", "default_rules"]

"""Meta-tests over the rule registry: unique ids, contract codes, and every rule's own examples."""
import pytest

from assistant.checks import default_rules
from assistant.checks.model import SEVERITIES
from assistant.drafts import CODES

RULES = default_rules()


def test_ids_are_unique_and_path_like():
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))
    assert all(r.id.split(".")[0] == r.code for r in RULES)


def test_every_contract_code_has_a_rule():
    assert {r.code for r in RULES} == set(CODES)


def test_rules_are_documented():
    for r in RULES:
        assert r.severity in SEVERITIES
        assert r.message and any("а" <= ch <= "я" for ch in r.message.lower())
        assert r.fires, f"{r.id} has no example that must fire"
        assert r.passes, f"{r.id} has no example that must not fire"


def _cases(kind):
    return [pytest.param(r, e, id=f"{r.id}:{i}") for r in RULES for i, e in enumerate(getattr(r, kind))]


@pytest.mark.parametrize("rule, example", _cases("fires"))
def test_example_fires(checker, rule, example):
    result = checker.check(example.draft, example.message)
    assert any(f.rule == rule.id for f in result.flags), [f.as_dict() for f in result.flags]


@pytest.mark.parametrize("rule, example", _cases("passes"))
def test_example_passes(checker, rule, example):
    result = checker.check(example.draft, example.message)
    assert not any(f.rule == rule.id for f in result.flags), [f.as_dict() for f in result.flags]


def test_registry_is_built_fresh():
    assert default_rules() is not default_rules()
    assert [r.id for r in default_rules()] == [r.id for r in RULES]

"""Property-based fuzzing of every endpoint from the generated OpenAPI document (schemathesis + hypothesis)."""
from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

PER_OPERATION_AND_MODE = 60  # 11 operations × 2 modes × 60 ≈ 1,300 requests


@pytest.fixture
def fuzz_app(make_app, tmp_path):
    return make_app(f"sqlite:///{tmp_path / 'fuzz.db'}", ADMIN_TOKENS="fuzz-admin")


def test_no_generated_request_gets_a_server_error(fuzz_app):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", fuzz_app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 10
    sent: list[int] = []

    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            @settings(max_examples=PER_OPERATION_AND_MODE, deadline=None, database=None,
                      suppress_health_check=list(HealthCheck))
            @given(case=operation.as_strategy(generation_mode=mode))
            def run(case):
                response = case.call(headers={"Authorization": "Bearer fuzz-admin"})
                sent.append(response.status_code)
                assert response.status_code < 500, (case.method, case.path, case.body, response.text[:300])
                if response.status_code >= 400:
                    body = response.json()
                    assert set(body) == {"error"} and {"code", "message"} <= set(body["error"])

            try:
                run()
            except Unsatisfiable:
                # An operation with nothing to break (no body, no parameters) has no invalid requests.
                assert mode is GenerationMode.NEGATIVE, (operation.method, operation.path)
    assert len(sent) >= 1000
    assert any(s < 300 for s in sent) and any(400 <= s < 500 for s in sent)

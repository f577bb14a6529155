"""Schemathesis against the OpenAPI schema, in process (ASGI): generated
requests to every operation, valid (positive) and invalid (negative), and
not one may get a 5xx.

Bounded to fit ``make test``: 25 examples per operation and mode, POST
bodies capped at 4 kB by the server, so generated texts stay small. (The
operations are driven with their Hypothesis strategies: schemathesis's lazy
pytest fixture does not run under pytest 9.)"""

from __future__ import annotations

import shutil

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error, response_schema_conformance

from detente.analysis import Options

EXAMPLES = 50


@pytest.fixture(scope="module")
def api_schema(built_store, tmp_path_factory):
    from detente.api import create_app

    path = tmp_path_factory.mktemp("fuzz") / "fuzz.duckdb"
    shutil.copy(built_store, path)
    app = create_app(str(path), max_body=4_000, analyze_slots=2, options=Options(max_chars=2_000))
    return schemathesis.openapi.from_asgi("/openapi.json", app)


def run_operation(operation, mode: GenerationMode, calls: list) -> None:
    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def check(case):
        response = case.call_and_validate(checks=[not_a_server_error, response_schema_conformance])
        calls.append((operation.method.upper(), operation.path, response.status_code))

    try:
        check()
    except Unsatisfiable:
        # Nothing to make invalid (no parameter can be wrong in a way the
        # schema forbids, e.g. only free-text options): positive mode covers it.
        assert mode is GenerationMode.NEGATIVE, operation.path


def test_no_server_error(api_schema):
    calls: list[tuple[str, str, int]] = []
    operations = [result.ok() for result in api_schema.get_all_operations()]
    for operation in operations:
        for mode in GenerationMode:
            run_operation(operation, mode, calls)
    exercised = {(method, path) for method, path, _ in calls}
    assert exercised == {(o.method.upper(), o.path) for o in operations}
    assert {("GET", "/events"), ("GET", "/articles/{key}"), ("POST", "/analyze"), ("GET", "/relations")} <= exercised
    assert all(status < 500 for _, _, status in calls)
    print(f"\nschemathesis: {len(calls)} requests to {len(exercised)} operations, "
          f"{sum(200 <= s < 300 for _, _, s in calls)} answered 2xx, none 5xx")

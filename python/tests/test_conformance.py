"""Every case of every vector file through the core's conformance runner."""

import pytest

import exectable
from conftest import VECTOR_FILES


def test_there_are_vector_files():
    assert len(VECTOR_FILES) >= 4


@pytest.mark.parametrize("path", VECTOR_FILES, ids=lambda p: p.name)
def test_vector_file(path):
    passed, failed, kinds = exectable.run_conformance(path.read_bytes())
    failures = {k: v["failures"] for k, v in kinds.items() if v["failed"]}
    assert failed == 0, failures
    assert passed > 0
    assert passed == sum(v["passed"] for v in kinds.values())
    for kind, count in kinds.items():
        assert count["passed"] + count["failed"] > 0, f"kind {kind} ran no case"


def test_conformance_counts_a_failure():
    # A wrong expected hash must be reported as a failure, not pass.
    text = (
        '{"cases":[{"id":"x","kind":"crossChainCallHash","inputs":{"targetRollupId":"0x0",'
        '"targetAddress":"0x0000000000000000000000000000000000000000","value":"0x0","data":"0x",'
        '"sourceAddress":"0x0000000000000000000000000000000000000000","sourceRollupId":"0x0"},'
        '"expected":{"crossChainCallHash":"0x' + "00" * 32 + '"}}]}'
    )
    passed, failed, kinds = exectable.run_conformance(text)
    assert (passed, failed) == (0, 1)
    assert kinds["crossChainCallHash"]["failures"][0][0] == "x"


def test_conformance_rejects_non_vector_json():
    with pytest.raises(exectable.JsonError) as e:
        exectable.run_conformance(b'{"nocases": 1}')
    assert e.value.path == "cases"

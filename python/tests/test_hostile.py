"""The hostile-input corpus (vectors/exectable-hostile.json, kind hostileInput, docs/RELIABILITY.md).

Every case goes through the Python API's own function for its form and must raise the family
exception with exactly the expected ``code`` -- and ``path`` / ``offset`` when the case gives
them. Truncation cases run every prefix length of their range. Forms (or inputs) the API has no
function for run one case at a time through ``run_conformance`` and are counted apart.
"""

import collections
import json

import pytest

import exectable
from exectable import ExectableError, commit, events, membership, ocp, proof_inputs
from conftest import VECTOR_DIR

CORPUS = json.loads((VECTOR_DIR / "exectable-hostile.json").read_text())
HEADER = CORPUS["header"]
SOURCES = {name: bytes.fromhex(h[2:]) for name, h in HEADER["sources"].items()}
CASES = CORPUS["cases"]

FAMILIES = {1: exectable.AbiError, 2: exectable.JsonError, 3: exectable.ArgumentError, 4: exectable.ProofError,
            5: exectable.OcpError, 6: exectable.MembershipError}
VERDICTS = {"notIncluded": exectable.NotIncludedError, "cannotDecide": exectable.CannotDecideError}
ZERO32 = b"\x00" * 32


def case_bytes(inputs):
    """The case's bytes: ``hex``, or ``source`` with ``patch`` and ``append`` applied."""
    if "hex" in inputs:
        return bytes.fromhex(inputs["hex"][2:])
    data = bytearray(SOURCES[inputs["source"]])
    for patch in inputs.get("patch", []):
        new = bytes.fromhex(patch["hex"][2:])
        assert patch["at"] + len(new) <= len(data)
        data[patch["at"]:patch["at"] + len(new)] = new
    data += bytes.fromhex(inputs.get("append", "0x")[2:])
    return bytes(data)


def topics(inputs):
    return [bytes.fromhex(t[2:]) for t in inputs["topics"]]


def is_record(text):
    return text.lstrip().startswith("{")


# form -> function of (inputs, bytes or text); None: no function of the API (run_conformance).
RUNNERS = {
    "abi": lambda i, b: exectable.abi_decode(i["type"], b),
    # calldata / batchCalldata: the strict decoder's codes; the *Evm forms: the contract's decoder's.
    "calldata": lambda i, b: exectable.decode_calldata(b, mode="strict"),
    "calldataEvm": lambda i, b: exectable.decode_calldata(b, mode="evm"),
    "batchCalldata": None,  # the API decodes any manager call (ManagerCall); the batch-only decoder is core's
    "batchCalldataEvm": None,
    "l1Log": lambda i, b: events.decode_log(topics(i), b, layer="l1"),
    "l2Log": lambda i, b: events.decode_log(topics(i), b, layer="l2"),
    "revert": lambda i, b: events.decode_revert(b),
    "proofBinary": lambda i, b: commit.InclusionProof.from_bytes(b),
    "proofVerify": lambda i, b: commit.verify(
        b, bytes.fromhex(i["commitment"][2:]), [bytes.fromhex(h[2:]) for h in i["itemHashes"]]
    ),
    "json": lambda i, t: exectable.struct_class(i["type"]).from_json(t),
    "proofJson": lambda i, t: commit.InclusionProof.from_json(t),
    # A record as JSON text; a bare digest is a hex string to the API, not JSON (run_conformance).
    "commitmentJson": lambda i, t: commit.TableCommitment.from_json(t),
    "ocpArtifact": lambda i, t: ocp.OcpArtifact.from_json(t),
    "receipt": lambda i, t: membership.verify_posting(SOURCES["demoCalldata"], t, b"\x00" * 20),
    "proofInputDocument": lambda i, t: proof_inputs.verify_document(t),
}


def direct(inputs):
    form = inputs["form"]
    if RUNNERS[form] is None:
        return False
    if form == "commitmentJson":
        return is_record(inputs["text"])
    return True


def expect(call, expected, at=""):
    with pytest.raises(ExectableError) as e:
        call()
    err = e.value
    assert err.code == expected["code"], f"{at}{err} (code {err.code})"
    assert isinstance(err, FAMILIES[err.code // 100]), f"{at}{type(err).__name__} for code {err.code}"
    assert isinstance(err, ValueError)
    assert isinstance(err, VERDICTS[err.verdict]), f"{at}{type(err).__mro__} for verdict {err.verdict}"
    if "path" in expected:
        assert err.path == expected["path"], f"{at}{err} (path {err.path!r})"
    if "offset" in expected:
        assert err.offset == expected["offset"], f"{at}{err} (offset {err.offset!r})"


COUNTS = collections.defaultdict(collections.Counter)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_hostile_case(case):
    assert case["kind"] == "hostileInput"
    inputs, expected = case["inputs"], case["expected"]
    form = inputs["form"]
    assert form in RUNNERS, form
    if not direct(inputs):
        passed, failed, kinds = exectable.run_conformance(json.dumps({"header": HEADER, "cases": [case]}))
        assert (passed, failed) == (1, 0), kinds
        COUNTS[form]["run_conformance"] += 1
        return
    run = RUNNERS[form]
    if "text" in inputs:
        expect(lambda: run(inputs, inputs["text"]), expected)
        COUNTS[form]["checks"] += 1
    elif "prefixFrom" in inputs:
        data = case_bytes(inputs)
        lo, hi = inputs["prefixFrom"], inputs["prefixTo"]
        assert lo < hi <= len(data)
        for n in range(lo, hi):
            expect(lambda: run(inputs, data[:n]), expected, f"prefix {n}: ")
        COUNTS[form]["checks"] += hi - lo
    else:
        expect(lambda: run(inputs, case_bytes(inputs)), expected)
        COUNTS[form]["checks"] += 1
    COUNTS[form]["cases"] += 1


def test_every_form_ran():
    # Runs after the cases (pytest keeps file order): every form of the corpus is known here, and
    # every form the API expresses ran through it.
    forms = collections.Counter(c["inputs"]["form"] for c in CASES)
    assert set(forms) <= set(RUNNERS), forms
    for form, n in sorted(forms.items()):
        got = COUNTS[form]
        print(f"{form:20} {n:5} cases: {got['cases']:5} Python API ({got['checks']} checks), "
              f"{got['run_conformance']:3} run_conformance")
        assert got["cases"] + got["run_conformance"] == n, (form, got)
        if RUNNERS[form] is not None:
            assert got["cases"] > 0 and got["checks"] > 0, form

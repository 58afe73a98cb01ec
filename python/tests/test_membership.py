"""Batch membership through ``exectable.membership``: every case of
vectors/exectable-membership.json (valid and must-fail), the typed results, and bad arguments."""

import collections
import json

import pytest
from conftest import VECTOR_DIR

from exectable import Layout, l1, membership
from exectable.errors import (
    AbiError,
    ArgumentError,
    CannotDecideError,
    ExectableError,
    JsonError,
    MembershipError,
    NotIncludedError,
)

DATA = json.loads((VECTOR_DIR / "exectable-membership.json").read_text())
CASES = DATA["cases"]
COUNTS = collections.Counter()

# The keyword of each query form.
KEYWORDS = {
    "entry": "entry",
    "lookupCall": "lookup_call",
    "entryHash": "entry_hash",
    "lookupCallHash": "lookup_call_hash",
    "proxyEntryHash": "proxy_entry_hash",
    "crossChainCallHash": "cross_chain_call_hash",
}


def h(text):
    """0x-hex text to bytes."""
    return bytes.fromhex(text[2:])


def n(text):
    """0x-hex (or decimal) text to int."""
    return int(text, 16) if text.startswith("0x") else int(text)


def cases(kind, error):
    return [c for c in CASES if c["kind"] == kind and ("error" in c["expected"]) == error]


def options(inputs):
    """The optional keywords of a case, as Python values."""
    out = {}
    if "txHash" in inputs:
        out["tx_hash"] = h(inputs["txHash"])
    if "blobHashes" in inputs:
        out["blob_hashes"] = [h(x) for x in inputs["blobHashes"]]
    if "blobVersionedHashes" in inputs:
        out["blob_versioned_hashes"] = [h(x) for x in inputs["blobVersionedHashes"]]
    return out


def query_keyword(query):
    """{"entryHash": "0x…"} -> {"entry_hash": bytes}; full items as struct objects."""
    ((form, value),) = query.items()
    if form == "entry":
        value = l1.ExecutionEntry.from_dict(value)
    elif form == "lookupCall":
        value = l1.LookupCall.from_dict(value)
    else:
        value = h(value)
    return {KEYWORDS[form]: value}


def placement(p):
    """Placement JSON -> the dict form (ints)."""
    ((where, fields),) = p.items()
    return {where: {k: n(v) for k, v in fields.items()}}


def without_evidence(m):
    return {k: v for k, v in m.items() if k != "evidence"}


def family(code):
    return {1: AbiError, 2: JsonError, 3: ArgumentError, 6: MembershipError}[code // 100]


VERDICT_CLASSES = {"notIncluded": NotIncludedError, "cannotDecide": CannotDecideError}


def check_verdict(error, want):
    """The error's verdict is the case's, and the error is an instance of that verdict's class only."""
    assert error.verdict == want == membership.verdict(error), str(error)
    assert isinstance(error, VERDICT_CLASSES[want])
    assert not isinstance(error, VERDICT_CLASSES["cannotDecide" if want == "notIncluded" else "notIncluded"])


@pytest.mark.parametrize("case", cases("batchMembership", False), ids=lambda c: c["id"])
def test_batch_membership(case):
    inputs, expected = case["inputs"], case["expected"]
    later = inputs.get("laterReceipts")
    report = membership.verify_membership(
        inputs["txInput"],
        inputs["receipt"],
        inputs["manager"],
        later_receipts=later,
        **query_keyword(inputs["query"]),
        **options(inputs),
    )
    assert report.valid and report
    assert report.verdict == "included" == membership.verdict(report)
    got = json.loads(report.to_json())
    assert got["valid"] is True and got["verdict"] == "included"
    # The layout of the transaction input: canonical, or accepted by the contract as laid out.
    assert got["batch"]["layout"] == expected["layout"]
    layout = report.batch.layout
    assert layout == Layout.from_json(expected["layout"]) == Layout.from_json(json.dumps(expected["layout"]))
    assert layout.canonical is expected["layout"]["canonical"] and (layout.deviation is None) is layout.canonical
    if layout.deviation is not None:
        want = expected["layout"]["deviation"]
        d = layout.deviation
        assert (d.path, d.offset, d.kind, d.message) == (want["path"], n(want["offset"]), want["kind"], want["message"])
    assert report.to_dict()["batch"]["layout"] == layout.to_dict()
    assert report.to_dict()["verdict"] == "included"
    for name in ("rollupCount", "entryHashes", "lookupCallHashes", "sharedPublicInput"):
        assert got["batch"][name] == expected[name], name
    assert [without_evidence(m) for m in got["matches"]] == expected["matches"]
    assert got["query"] == inputs["query"]
    # Typed: bytes and ints equal to the expected values.
    posted = report.batch
    assert posted.manager == h(inputs["manager"])
    assert posted.rollupCount == n(expected["rollupCount"]) == len(posted.rollupIds)
    assert posted.entryHashes == [h(x) for x in expected["entryHashes"]]
    assert posted.lookupCallHashes == [h(x) for x in expected["lookupCallHashes"]]
    assert posted.entryHashes == posted.batch.entry_hashes()
    shared = expected["sharedPublicInput"]
    if shared["computed"]:
        assert posted.sharedPublicInput == report.sharedPublicInput == h(shared["value"])
        assert posted.blobHashes == [h(x) for x in shared["blobHashes"]]
        assert posted.sharedPublicInputReason is None
    else:
        assert posted.sharedPublicInput is None and report.sharedPublicInput is None
        assert posted.blobHashes is None
        assert posted.sharedPublicInputReason == shared["reason"]
    assert json.loads(posted.to_json()) == got["batch"]
    plain = posted.to_dict()
    assert plain["entryHashes"] == posted.entryHashes and plain["rollupCount"] == posted.rollupCount
    matches = report.matches
    assert len(matches) == len(expected["matches"]) > 0
    for m, want in zip(matches, expected["matches"]):
        assert json.loads(m.to_json()) == want
        assert (m.kind, m.index, m.hash) == (want["kind"], n(want["index"]), h(want["hash"]))
        assert m.destinationRollupId == n(want["destinationRollupId"])
        assert m.placement == placement(want["placement"])
        assert m.immediate is want["immediate"]
        if m.kind == "entry":
            assert m.proxyEntryHash == h(want["proxyEntryHash"]) and m.crossChainCallHash is None
            assert m.evidence is not None and m.evidence.index == m.index and m.evidence.hash == m.hash
            assert m.evidence.fate in ("consumed", "skipped", "noEvidence")
        else:
            assert m.crossChainCallHash == h(want["crossChainCallHash"]) and m.proxyEntryHash is None
            assert m.evidence is None
        assert m.to_dict()["hash"] == m.hash
    plain = report.to_dict()
    assert plain["valid"] is True and plain["batch"]["entryHashes"] == posted.entryHashes
    assert [without_evidence(m) for m in plain["matches"]] == [m.to_dict() for m in matches]
    assert "VALID" not in report.to_text() and "query:" in report.to_text()
    # The query in its JSON form (text or dict), the input as bytes, the receipt as text.
    again = membership.verify_membership(
        bytes.fromhex(inputs["txInput"][2:]),
        json.dumps(inputs["receipt"]),
        h(inputs["manager"]),
        query=json.dumps(inputs["query"]),
        later_receipts=[json.dumps(r) for r in later] if later else None,
        **options(inputs),
    )
    assert again.to_json() == report.to_json()
    assert membership.verify_membership(
        inputs["txInput"], inputs["receipt"], inputs["manager"], query=inputs["query"], later_receipts=later,
        **options(inputs)
    ).to_json() == report.to_json()
    COUNTS["batchMembership"] += 1


@pytest.mark.parametrize("case", cases("batchMembership", True), ids=lambda c: c["id"])
def test_batch_membership_rejected(case):
    inputs, expected = case["inputs"], case["expected"]
    code = expected["error"]["code"]
    with pytest.raises(ExectableError) as e:
        membership.verify_membership(
            inputs["txInput"],
            inputs["receipt"],
            inputs["manager"],
            later_receipts=inputs.get("laterReceipts"),
            **query_keyword(inputs["query"]),
            **options(inputs),
        )
    assert e.value.code == code, str(e.value)
    assert isinstance(e.value, family(code)) and isinstance(e.value, ValueError)
    check_verdict(e.value, expected["verdict"])
    COUNTS["batchMembership-error"] += 1


@pytest.mark.parametrize("case", cases("consumptionEvidence", False), ids=lambda c: c["id"])
def test_consumption_evidence(case):
    inputs, expected = case["inputs"], case["expected"]
    later = inputs.get("laterReceipts")
    report = membership.consumption_evidence(
        inputs["txInput"], inputs["receipt"], inputs["manager"], later, **options(inputs)
    )
    got = json.loads(report.to_json())
    assert got["entries"] == expected["entries"]
    assert [u["at"] for u in got["unattributed"]] == expected["unattributed"]
    assert got["supersededAt"] == expected["supersededAt"]
    assert report.laterReceipts == len(later or [])
    # Typed.
    entries = report.entries
    assert len(entries) == len(expected["entries"])
    for e, want in zip(entries, expected["entries"]):
        assert json.loads(e.to_json()) == want
        assert (e.index, e.hash, e.fate, e.immediate) == (n(want["index"]), h(want["hash"]), want["fate"], want["immediate"])
        assert e.placement == placement(want["placement"])
        assert report.entry(e.index).to_json() == e.to_json()
        if e.fate == "consumed":
            c, wc = e.consumption, want["consumption"]
            assert c["via"] == wc["via"] and c["index"] == n(wc["index"])
            assert c["rollingHash"] == h(wc["rollingHash"])
            assert c["executedAt"] == {"receipt": wc["executedAt"]["receipt"], "log": n(wc["executedAt"]["log"])}
            assert [(u["rollupId"], u["newState"]) for u in c["stateUpdates"]] == [
                (n(u["rollupId"]), h(u["newState"])) for u in wc["stateUpdates"]
            ]
            assert e.skip is None and e.note is None
        elif e.fate == "skipped":
            s, ws = e.skip, want["skip"]
            assert s["transientIndex"] == n(ws["transientIndex"]) and s["revertData"] == h(ws["revertData"])
            assert s["errorName"] == ws["errorName"] and s["error"] == ws["error"]
            assert e.consumption is None and e.note is None
        else:
            assert e.consumption is None and e.skip is None and e.note
        assert e.to_dict()["hash"] == e.hash
    assert [u["at"] for u in report.unattributed] == [
        {"receipt": at["receipt"], "log": n(at["log"])} for at in expected["unattributed"]
    ]
    superseded = expected["supersededAt"]
    assert report.supersededAt == (None if superseded is None else {"receipt": superseded["receipt"], "log": n(superseded["log"])})
    assert report.to_dict()["entries"] == [e.to_dict() for e in entries]
    # The same evidence through verify_membership, entry by entry.
    for want in expected["entries"]:
        r = membership.verify_membership(
            inputs["txInput"], inputs["receipt"], inputs["manager"], entry_hash=want["hash"], later_receipts=later,
            **options(inputs)
        )
        m = next(m for m in r.matches if m.index == n(want["index"]))
        assert json.loads(m.evidence.to_json()) == want
    COUNTS["consumptionEvidence"] += 1


@pytest.mark.parametrize("case", cases("consumptionEvidence", True), ids=lambda c: c["id"])
def test_consumption_evidence_rejected(case):
    inputs, expected = case["inputs"], case["expected"]
    code = expected["error"]["code"]
    with pytest.raises(ExectableError) as e:
        membership.consumption_evidence(
            inputs["txInput"], inputs["receipt"], inputs["manager"], inputs.get("laterReceipts"), **options(inputs)
        )
    assert e.value.code == code, str(e.value)
    assert isinstance(e.value, family(code))
    if "verdict" in expected:
        check_verdict(e.value, expected["verdict"])
    COUNTS["consumptionEvidence-error"] += 1


def test_every_case_ran():
    """Runs after the case tests of this file: every vector case went through the Python API."""
    expected = collections.Counter(c["kind"] + ("-error" if "error" in c["expected"] else "") for c in CASES)
    assert COUNTS == expected
    assert all(count > 0 for count in COUNTS.values())
    assert sum(COUNTS.values()) == len(CASES) > 0


# --- the posting alone, and bad arguments ---------------------------------------------------

VALID = cases("batchMembership", False)[0]["inputs"]


def test_verify_posting():
    posted = membership.verify_posting(VALID["txInput"], VALID["receipt"], VALID["manager"], **options(VALID))
    report = membership.verify_membership(
        VALID["txInput"], VALID["receipt"], VALID["manager"], query=VALID["query"], **options(VALID)
    )
    assert posted.to_json() == report.batch.to_json()
    assert posted.layout == report.batch.layout
    assert posted.batch == report.batch.batch
    assert isinstance(posted.batch, l1.ProofSystemBatchPerVerificationEntries)
    assert posted.callDataHash == report.batch.to_dict()["callDataHash"]
    assert "PostedBatch(" in repr(posted) and "MembershipReport(" in repr(report)


def raises(cls, code, path, fn, *args, **kwargs):
    with pytest.raises(cls) as e:
        fn(*args, **kwargs)
    assert isinstance(e.value, ValueError)
    assert e.value.code == code, str(e.value)
    if path is not None:
        assert e.value.path == path, str(e.value)
    return e.value


def test_bad_arguments():
    v = VALID
    args = (v["txInput"], v["receipt"], v["manager"])
    q = query_keyword(v["query"])
    raises(ArgumentError, 301, "query", membership.verify_membership, *args)
    raises(ArgumentError, 301, "query", membership.verify_membership, *args, entry_hash=b"\x00" * 32, lookup_call_hash=b"\x00" * 32)
    raises(ArgumentError, 301, "entryHash", membership.verify_membership, *args, entry_hash=b"\x00" * 31)
    raises(JsonError, 203, "entryHash", membership.verify_membership, *args, entry_hash="0xzz")
    raises(ArgumentError, 301, "manager", membership.verify_membership, v["txInput"], v["receipt"], b"\x01" * 19, **q)
    raises(ArgumentError, 301, "txInput", membership.verify_membership, 12, v["receipt"], v["manager"], **q)
    raises(JsonError, 203, "txInput", membership.verify_membership, "0xabc", v["receipt"], v["manager"], **q)
    raises(JsonError, 201, None, membership.verify_membership, v["txInput"], "{", v["manager"], **q)
    raises(MembershipError, 606, None, membership.verify_membership, v["txInput"], {"status": "maybe"}, v["manager"], **q)
    raises(ArgumentError, 301, "txHash", membership.verify_membership, *args, tx_hash=b"\x00", **q)
    raises(ArgumentError, 301, "laterReceipts", membership.verify_membership, *args, later_receipts=v["receipt"], **q)
    raises(ArgumentError, 301, "blobHashes", membership.verify_membership, *args, blob_hashes=[], blob_versioned_hashes=[], **q)
    raises(JsonError, 202, "query.x", membership.verify_membership, *args, query={"entryHash": "0x" + "00" * 32, "x": 1})
    check_verdict(raises(MembershipError, 604, None, membership.verify_membership, *args, entry_hash=b"\x00" * 32), "notIncluded")
    check_verdict(raises(MembershipError, 601, None, membership.verify_membership, "0x", v["receipt"], v["manager"], **q), "cannotDecide")
    check_verdict(raises(JsonError, 201, None, membership.verify_membership, v["txInput"], "{", v["manager"], **q), "cannotDecide")


def test_verdict_of_outcomes():
    assert membership.verdict(None) == "included"
    for bad in (ValueError("x"), 42, "included"):
        with pytest.raises(TypeError):
            membership.verdict(bad)
    # Except by verdict: a 604 is a MembershipError and a NotIncludedError.
    with pytest.raises(NotIncludedError):
        membership.verify_membership(VALID["txInput"], VALID["receipt"], VALID["manager"], entry_hash=b"\x00" * 32)
    with pytest.raises(CannotDecideError):
        membership.verify_membership(b"\x8b\x1a\x09\x5a", VALID["receipt"], VALID["manager"], entry_hash=b"\x00" * 32)


def test_accepted_non_canonical_postings_are_included():
    # The contract's decoder accepts re-encoded copies of a batch: the vectors hold such postings,
    # and the report is 'included' with the input's first deviation (test_batch_membership checks each).
    non_canonical = [c for c in cases("batchMembership", False) if not c["expected"]["layout"]["canonical"]]
    assert non_canonical
    for case in non_canonical:
        inputs = case["inputs"]
        report = membership.verify_membership(
            inputs["txInput"], inputs["receipt"], inputs["manager"], query=inputs["query"],
            later_receipts=inputs.get("laterReceipts"), **options(inputs)
        )
        assert report.verdict == "included" and report.batch.layout.canonical is False
        assert report.batch.layout.deviation.kind in ("offset", "length", "word", "dirtyPadding", "shortInput", "trailingBytes")
        assert "non-canonical" in report.to_text()

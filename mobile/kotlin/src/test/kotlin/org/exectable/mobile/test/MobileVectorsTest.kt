package org.exectable.mobile.test

import org.exectable.mobile.*
import org.json.JSONObject
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Assertions.fail
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.DynamicTest.dynamicTest
import org.junit.jupiter.api.TestFactory
import org.junit.jupiter.api.assertThrows

/**
 * Runs the shared vectors that the mobile API covers through the generated Kotlin bindings (JNA,
 * the cdylib they were generated from), one dynamic test per case, and counts cases per kind.
 * Every failure case asserts the exception's variant, code and name; the texts users see are
 * asserted in full for representative cases (EXACT_TEXTS) and for argument errors (errorText).
 */
class MobileVectorsTest {
    companion object {
        const val PUBLIC = "eez-v1-public.json"
        const val COMMITMENTS = "exectable-commitments.json"
        const val OCP = "exectable-ocp.json"
        const val MEMBERSHIP = "exectable-membership.json"

        val KINDS = listOf(
            "crossChainCallHash", "proxyAddress", "l1EntryEncoding", "l1LookupCallEncoding",
            "inclusionProof/single", "inclusionProof/multi", "inclusionProofTampered",
            "ocpArtifact/valid", "ocpArtifact/rejected", "batchMembership/valid", "batchMembership/nonCanonical",
            "batchMembership/rejected",
            "errorText",
        )

        init {
            Tally.expect(KINDS)
        }

        /** The full message users see for representative rejections from the vectors. */
        val EXACT_TEXTS = mapOf(
            "inclusionProofTampered-401-entry-at-lookup-leaf" to
                "items[0] is an entry, but leaf 10 holds l1ToL2lookupCalls[1] (the table has 9 entries)",
            "inclusionProofTampered-402-counts-shifted" to
                "the proof is for 10 entries and 3 lookup calls, the commitment has 9 and 4",
            "inclusionProofTampered-403-item-field-changed" to
                "the items and siblings give root 0xe15364fd30449d93d534e03ce459c8f9e763afacae914f98ad80c201f3663ca9, the commitment's root is 0xc4f4b0236c05021eca633c95d3c69b82fc50ed60ed31cb0875b0965656338bf4: a sibling or an item differs",
            "inclusionProofTampered-404-other-table-digest" to
                "the proof belongs to table commitment 0x1356d7725e2b682672152c2694052c1a64337599d78f58c2e6a844ae4405f988, not 0xeb3b7b41f545560fece24890827e4989a80df7e245712778c0abb46dfeee5b50",
            "inclusionProofTampered-405-sibling-missing" to
                "the proof has 3 siblings; leaf 5 of a table of 13 leaves need 4",
            "inclusionProofTampered-407-leaf-node-as-item" to
                "the values given are leaf nodes keccak256(0x00 ‖ itemHash), not item hashes",
            "inclusionProofTampered-408-multi-duplicate-middle" to
                "leaf index 4 is named twice (indices[1] and indices[2])",
            "inclusionProofTampered-409-json-format" to
                "proof.format: \"exectable-inclusion-proof/v0\" is not \"exectable-inclusion-proof/v1\"",
            "membership-fail-wrong-selector" to
                "the transaction input has selector 0x8a1a095a, not postAndVerifyBatch 0x8b1a095a",
            "membership-fail-truncated" to
                "batch: the contract's ABI decoder reverts at offset 4: the struct's 352-byte head at 36 does not fit the calldata",
            "membership-fail-lookup-hash-as-entry-hash" to
                "no entry of the batch matches the entryHash 0xa4a4f5ffdd48df58f6f114c15353af6ad2fd9017ffb43189f5b471142d6a1452 (1 entries, 1 lookup calls)",
            "membership-fail-tx-hash" to
                "the receipt is for transaction 0xe0293f42b16422e14504ca045943ffbe94e615eb63288f8bbde2a1babec5d8e3, not 0x6ad618d72bf6540e70ecc7d020961ae9785688c0148d9d95d9cacdc3c6915a0f",
            "membership-fail-BatchPosted-other-address" to
                "the receipt has no BatchPosted log emitted by the manager 0x959922bE3CAee4b8Cd9a407cc3ac1C251C2007B1 (BatchPosted from 0x68B1D87F95878fE05B998F19b66F4baba5De1aed does not count: only the manager's own logs do)",
            "ocpArtifact-010-observation-bit-flip" to
                "hash mismatch: SHA-256 of the observation is 0x77f8d688f411ca3d2944c9cd5be501e0dc3a8ea98ddfcaa24eee5c0260543d65, the artifact's digest is 0x14cca453684a18c1ef3e1c0b9a7744cfa06942660719bba373ef5fc36208bf73",
            "ocpArtifact-019-receipt-log-from-another-contract" to
                "digest 0x14cca453684a18c1ef3e1c0b9a7744cfa06942660719bba373ef5fc36208bf73 was recorded by 0x00000000000000000000000000000000000000c2, not by 0x0963Fd33DF80c94360F2DC22e5c09517AeE7ED5c",
            "ocpArtifact-020-receipt-digest-absent" to
                "digest 0x14cca453684a18c1ef3e1c0b9a7744cfa06942660719bba373ef5fc36208bf73 is not among the 1 digest(s) the receipt's Recorded logs carry",
            "ocpArtifact-031-schema-3-hash" to
                "ocp-1 proof file violates its schema: hash: \"0x14CCA453684A18C1EF3E1C0B9A7744CFA06942660719BBA373EF5FC36208BF73\" does not match ^0x[a-f0-9]{64}\$",
            "ocpArtifact-027-receipt-malformed-status" to
                "receipt.status: status 2 is neither 0 nor 1",
        )

        @JvmStatic
        @AfterAll
        fun report() {
            val problems = Tally.report()
            if (problems.isNotEmpty()) fail<Unit>(problems.joinToString("\n"))
        }
    }

    /** A dynamic test that counts its outcome under `kind`. */
    private fun case(kind: String, id: String, body: () -> Unit): DynamicTest = dynamicTest("$kind $id") {
        try {
            body()
            Tally.pass(kind)
        } catch (t: Throwable) {
            Tally.fail(kind, id, t)
            throw t
        }
    }

    /**
     * Runs `block`, which must throw an [ExectableException] with `expected.code` (and
     * `expected.name`), of the variant of the code's family, whose Display is its reason, and
     * whose `verdict` is core's for the code ([verdictOf]).
     */
    private fun rejects(id: String, expected: JSONObject, block: () -> Unit): ExectableException {
        val e = assertThrows<ExectableException>("$id must be rejected") { block() }
        assertEquals(expected.getInt("code").toUInt(), e.code, "$id: code (${e.reason})")
        if (expected.has("name")) assertEquals(expected.getString("name"), e.codeName, "$id: name")
        assertEquals(familyOf(e.code), e::class.simpleName, "$id: variant")
        assertEquals(verdictOf(e.code), e.verdict, "$id: verdict")
        assertTrue(e.reason.isNotEmpty(), "$id: empty reason")
        assertEquals(e.reason, e.toString(), "$id: toString is the Rust Display")
        assertTrue(e.message!!.contains("reason=${e.reason}"), "$id: message lists the fields")
        EXACT_TEXTS[id]?.let { assertEquals(it, e.reason, "$id: the text users see") }
        return e
    }

    @TestFactory
    fun crossChainCallHash() = Vectors.cases(PUBLIC, "crossChainCallHash").map { c ->
        case(c.kind, c.id) {
            val i = c.inputs
            val input = CrossChainCallHashInput(
                targetRollupId = i.getString("targetRollupId"),
                targetAddress = i.getString("targetAddress"),
                value = i.getString("value"),
                data = hex(i.getString("data")),
                sourceAddress = i.getString("sourceAddress"),
                sourceRollupId = i.getString("sourceRollupId"),
            )
            assertEquals(c.expected.getString("crossChainCallHash"), crossChainCallHash(input))
        }
    }

    @TestFactory
    fun proxyAddress(): List<DynamicTest> {
        val reference = proxyCreationCode("reference")
        val header = Vectors.file(PUBLIC).getJSONObject("header").getJSONObject("crossChainProxy")
        // The reference build by either name is the creation code the vectors were made with.
        assertArrayEquals(hex(header.getString("creationCode")), reference)
        assertArrayEquals(reference, proxyCreationCode(referenceBuildName()))
        return Vectors.cases(PUBLIC, "proxyAddress").map { c ->
            case(c.kind, c.id) {
                val i = c.inputs
                val got = proxyAddress(
                    i.getString("manager"), i.getString("originalAddress"), i.getString("originalRollupId"), reference,
                )
                assertEquals(c.expected.getString("salt"), got.salt)
                assertEquals(c.expected.getString("initCodeHash"), got.initCodeHash)
                assertEquals(c.expected.getString("proxyAddress"), got.proxyAddress)
            }
        }
    }

    @TestFactory
    fun l1EntryEncoding() = Vectors.cases(PUBLIC, "l1EntryEncoding").map { c ->
        case(c.kind, c.id) {
            val json = c.inputs.getJSONObject("entry")
            val fromJson = decodeEntryJson(json.toString())
            val abi = hex(c.expected.getString("abiEncoded"))
            assertEquals(c.expected.getString("hash"), fromJson.entryHash)
            assertArrayEquals(abi, fromJson.abiEncoded)
            assertTrue(JSONObject(fromJson.json).similar(json), "canonical JSON")
            val fromAbi = decodeEntryAbi(abi)
            assertEquals(fromJson.json, fromAbi.json)
            assertEquals(fromJson.entryHash, fromAbi.entryHash)
            assertEquals(fromJson.entry.proxyEntryHash, json.getString("proxyEntryHash"))
            assertEquals(fromJson.entry.stateDeltas.size, json.getJSONArray("stateDeltas").length())
            assertEquals(c.expected.getString("hash"), entryHash(fromAbi.entry))
        }
    }

    @TestFactory
    fun l1LookupCallEncoding() = Vectors.cases(PUBLIC, "l1LookupCallEncoding").map { c ->
        case(c.kind, c.id) {
            val json = c.inputs.getJSONObject("lookupCall")
            val fromJson = decodeLookupCallJson(json.toString())
            val abi = hex(c.expected.getString("abiEncoded"))
            assertEquals(c.expected.getString("hash"), fromJson.lookupCallHash)
            assertArrayEquals(abi, fromJson.abiEncoded)
            assertTrue(JSONObject(fromJson.json).similar(json), "canonical JSON")
            val fromAbi = decodeLookupCallAbi(abi)
            assertEquals(fromJson.json, fromAbi.json)
            assertEquals(fromJson.lookupCall.crossChainCallHash, json.getString("crossChainCallHash"))
            assertEquals(c.expected.getString("hash"), lookupCallHash(fromAbi.lookupCall))
        }
    }

    /** A tagged item of the vectors (`{"entry": {…}}`, `{"itemHash": "0x…"}`, …) as a [ProofItem]. */
    private fun proofItem(tagged: JSONObject): ProofItem {
        val tag = tagged.keys().asSequence().single()
        return when (tag) {
            "entry" -> ProofItem.Entry(decodeEntryJson(tagged.getJSONObject(tag).toString()).entry)
            "lookupCall" -> ProofItem.LookupCall(decodeLookupCallJson(tagged.getJSONObject(tag).toString()).lookupCall)
            "entryHash" -> ProofItem.EntryHash(tagged.getString(tag))
            "lookupCallHash" -> ProofItem.LookupCallHash(tagged.getString(tag))
            "itemHash" -> ProofItem.ItemHash(tagged.getString(tag))
            else -> error("unknown item tag $tag")
        }
    }

    private fun tableCommitment(o: JSONObject) = TableCommitment(
        commitment = o.getString("commitment"),
        entryCount = u64(o.getString("entryCount")),
        lookupCount = u64(o.getString("lookupCount")),
        sharedPublicInput = o.getString("sharedPublicInput"),
        root = o.getString("root"),
    )

    private fun expectedCommitment(value: Any): ExpectedCommitment = when (value) {
        is String -> ExpectedCommitment.Digest(value)
        is JSONObject -> ExpectedCommitment.Record(tableCommitment(value))
        else -> error("commitment is neither a digest nor a record: $value")
    }

    @TestFactory
    fun inclusionProof() = Vectors.cases(COMMITMENTS, "inclusionProof").map { c ->
        val leaves = c.inputs.getJSONArray("leaves").objects()
        val kind = if (leaves.size == 1) "inclusionProof/single" else "inclusionProof/multi"
        case(kind, c.id) {
            val record = tableCommitment(c.expected.getJSONObject("tableCommitment"))
            val proof = hex(c.expected.getString("proof"))
            val proofJson = c.expected.getJSONObject("proofJson")
            val items = c.inputs.getJSONArray("items").objects().map(::proofItem)
            val hashes = c.expected.getJSONArray("itemHashes").strings().map { ProofItem.ItemHash(it) }
            // The leaves a valid proof reports: entries by index, then lookup calls by index.
            val want = leaves.map { leaf ->
                val tag = leaf.keys().asSequence().single()
                val index = u64(leaf.getString(tag))
                if (tag == "entry") Leaf.Entry(index) else Leaf.LookupCall(index)
            }.sortedWith(compareBy({ it is Leaf.LookupCall }, { (it as? Leaf.Entry)?.index ?: (it as Leaf.LookupCall).index }))

            val inspected = decodeInclusionProof(proof)
            assertEquals(record, inspected.tableCommitment)
            assertEquals(proofJson.getJSONArray("indices").strings().map(::u64), inspected.indices)
            assertEquals(proofJson.getJSONArray("siblings").strings(), inspected.siblings)
            assertEquals(inspected, decodeInclusionProofJson(proofJson.toString()))

            for (expected in listOf(ExpectedCommitment.Digest(record.commitment), ExpectedCommitment.Record(record))) {
                for (given in listOf(items, hashes)) {
                    val verified = verifyInclusionProof(proof, expected, given)
                    assertEquals(record.commitment, verified.commitment)
                    assertEquals(want, verified.leaves)
                    assertEquals(verified, verifyInclusionProofJson(proofJson.toString(), expected, given))
                }
            }
        }
    }

    @TestFactory
    fun inclusionProofTampered() = Vectors.cases(COMMITMENTS, "inclusionProofTampered").map { c ->
        case(c.kind, c.id) {
            val commitment = expectedCommitment(c.inputs.get("commitment"))
            val items = c.inputs.getJSONArray("items").objects().map(::proofItem)
            val e = rejects(c.id, c.expected.getJSONObject("error")) {
                when (val proof = c.inputs.get("proof")) {
                    is String -> verifyInclusionProof(hex(proof), commitment, items)
                    else -> verifyInclusionProofJson(jsonText(proof), commitment, items)
                }
            }
            assertTrue(e is ExectableException.Proof, "${c.id}: a Proof error")
        }
    }

    /** The observation bytes of an OCP case: `{"utf8": …}`, `{"hex": …}` or `{"table": …}`. */
    private fun observation(o: JSONObject): ByteArray = when {
        o.has("utf8") -> o.getString("utf8").toByteArray(Charsets.UTF_8)
        o.has("hex") -> hex(o.getString("hex"))
        o.has("table") -> executionTableObservation(o.getJSONObject("table").toString())
        else -> error("unknown observation form $o")
    }

    @TestFactory
    fun ocpArtifact() = Vectors.cases(OCP, "ocpArtifact").map { c ->
        val error = c.expected.optJSONObject("error")
        case(if (error == null) "ocpArtifact/valid" else "ocpArtifact/rejected", c.id) {
            val artifact = jsonText(c.inputs.get("artifact"))
            val observation = observation(c.inputs.getJSONObject("observation"))
            val receipt = c.inputs.opt("receipt")?.let(::jsonText)
            if (error != null) {
                rejects(c.id, error) { verifyOcpArtifact(artifact, observation, receipt) }
                return@case
            }
            val report = verifyOcpArtifact(artifact, observation, receipt)
            assertTrue(c.expected.getBoolean("valid"))
            assertEquals("ok", c.expected.getString("hash"))
            assertEquals(c.expected.getString("digest"), report.digest)
            val inclusion = when (report.inclusion) {
                is OcpInclusion.Confirmed -> "confirmed"
                is OcpInclusion.NotChecked -> "notChecked"
            }
            assertEquals(c.expected.getString("inclusion"), inclusion)
            assertEquals(receipt != null, report.inclusion is OcpInclusion.Confirmed)
            assertEquals(c.expected.getBoolean("schemaComplete"), report.schemaComplete)
            assertEquals(report.schemaComplete, report.missingMembers.isEmpty())
            assertTrue(JSONObject(report.json).getBoolean("valid"))
        }
    }

    /** A call whose arguments are wrong: the variant, code, path and the full text a user sees. */
    private class ArgumentCase(
        val id: String,
        val variant: String,
        val code: UInt,
        val path: String?,
        val text: String,
        val call: () -> Unit,
    )

    private val someCall = CrossChainCallHashInput(
        targetRollupId = "1",
        targetAddress = "0x00000000000000000000000000000000000000aa",
        value = "0",
        data = byteArrayOf(0xd0.toByte(), 0x9d.toByte()),
        sourceAddress = "0x00000000000000000000000000000000000000bb",
        sourceRollupId = "0",
    )

    @TestFactory
    fun errorText(): List<DynamicTest> {
        val entry = decodeEntryJson(Vectors.cases(PUBLIC, "l1EntryEncoding")[3].inputs.getJSONObject("entry").toString())
        val proofCase = Vectors.cases(COMMITMENTS, "inclusionProof").first()
        val cases = listOf(
            ArgumentCase(
                "short address", "Json", 203u, "targetAddress",
                "targetAddress: an address has 20 bytes, found 2",
            ) { crossChainCallHash(someCall.copy(targetAddress = "0x1234")) },
            ArgumentCase(
                "negative uint256", "Json", 204u, "value",
                "value: \"-1\" is not a 0x-hex or decimal integer",
            ) { crossChainCallHash(someCall.copy(value = "-1")) },
            ArgumentCase(
                "unknown proxy build", "Argument", 301u, "buildName",
                "buildName: unknown proxy build \"v2\" (known: \"reference\", \"${referenceBuildName()}\")",
            ) { proxyCreationCode("v2") },
            ArgumentCase(
                "nested record field", "Json", 203u, "entry.l2ToL1Calls[0].sourceAddress",
                "entry.l2ToL1Calls[0].sourceAddress: an address has 20 bytes, found 0",
            ) {
                val call = entry.entry.l2ToL1Calls[0].copy(sourceAddress = "0x")
                entryHash(entry.entry.copy(l2ToL1Calls = listOf(call)))
            },
            ArgumentCase(
                "entry JSON missing field", "Json", 202u, "stateDeltas",
                "stateDeltas: missing field",
            ) { decodeEntryJson("{}") },
            ArgumentCase("not JSON", "Json", 201u, null, "invalid JSON: EOF while parsing an object at line 1 column 1") {
                decodeLookupCallJson("{")
            },
            ArgumentCase(
                "truncated ABI", "Abi", 101u, "\$",
                "\$: truncated: 32 bytes needed at offset 0, input has 8",
            ) { decodeEntryAbi(ByteArray(8)) },
            ArgumentCase(
                "proof item hash", "Json", 203u, "items[0].itemHash",
                "items[0].itemHash: a bytes32 has 32 bytes, found 1",
            ) {
                val record = tableCommitment(proofCase.expected.getJSONObject("tableCommitment"))
                verifyInclusionProof(
                    hex(proofCase.expected.getString("proof")), ExpectedCommitment.Record(record),
                    listOf(ProofItem.ItemHash("0x12")),
                )
            },
            ArgumentCase(
                "verdict of no error code", "Argument", 301u, "code",
                "code: 999 is not an exectable error code",
            ) { verdictOf(999u) },
            ArgumentCase(
                "membership manager", "Json", 203u, "manager",
                "manager: invalid hex (invalid character 'z' at position 0)",
            ) {
                verifyBatchMembership(byteArrayOf(), "{}", "0xzz", ItemQuery.EntryHash("0x00"), MembershipOptions())
            },
        )
        return cases.map { a ->
            case("errorText", a.id) {
                val e = assertThrows<ExectableException> { a.call() }
                assertEquals(a.variant, e::class.simpleName, "${a.id}: variant")
                assertEquals(a.code, e.code, "${a.id}: code")
                assertEquals(a.text, e.reason, "${a.id}: the text users see")
                assertEquals(a.text, e.toString())
                val path = when (e) {
                    is ExectableException.Abi -> e.path
                    is ExectableException.Json -> e.path
                    is ExectableException.Argument -> e.path
                    else -> null
                }
                assertEquals(a.path, path, "${a.id}: path")
            }
        }
    }

    private fun itemQuery(o: JSONObject): ItemQuery {
        val form = o.keys().asSequence().single()
        return when (form) {
            "entry" -> ItemQuery.Entry(decodeEntryJson(o.getJSONObject(form).toString()).entry)
            "lookupCall" -> ItemQuery.LookupCall(decodeLookupCallJson(o.getJSONObject(form).toString()).lookupCall)
            "entryHash" -> ItemQuery.EntryHash(o.getString(form))
            "lookupCallHash" -> ItemQuery.LookupCallHash(o.getString(form))
            "proxyEntryHash" -> ItemQuery.ProxyEntryHash(o.getString(form))
            "crossChainCallHash" -> ItemQuery.CrossChainCallHash(o.getString(form))
            else -> error("unknown query form $form")
        }
    }

    private fun placement(o: JSONObject): Placement = when {
        o.has("transient") -> Placement.Transient(u64(o.getJSONObject("transient").getString("index")))
        o.has("queued") -> o.getJSONObject("queued").let {
            Placement.Queued(it.getString("rollupId"), u64(it.getString("queueIndex")))
        }
        else -> error("unknown placement $o")
    }

    @TestFactory
    fun batchMembership() = Vectors.cases(MEMBERSHIP, "batchMembership").map { c ->
        val error = c.expected.optJSONObject("error")
        val kind = when {
            error != null -> "batchMembership/rejected"
            c.expected.getJSONObject("layout").getBoolean("canonical") -> "batchMembership/valid"
            else -> "batchMembership/nonCanonical"
        }
        case(kind, c.id) {
            val i = c.inputs
            val options = MembershipOptions(
                txHash = i.optString("txHash", null),
                blobs = i.optJSONArray("blobHashes")?.let { BlobHashes.Resolved(it.strings()) },
            )
            val run = {
                verifyBatchMembership(
                    hex(i.getString("txInput")), jsonText(i.get("receipt")), i.getString("manager"),
                    itemQuery(i.getJSONObject("query")), options,
                )
            }
            if (error != null) {
                val e = rejects(c.id, error) { run() }
                assertEquals(verdict(c.expected.getString("verdict")), e.verdict, "${c.id}: verdict")
                return@case
            }
            val report = run()
            val e = c.expected
            assertEquals(Verdict.INCLUDED, report.verdict)
            assertEquals(layout(e.getJSONObject("layout")), report.layout, "${c.id}: layout")
            assertEquals(u64(e.getString("rollupCount")), report.rollupCount)
            assertEquals(e.getJSONArray("entryHashes").strings(), report.entryHashes)
            assertEquals(e.getJSONArray("lookupCallHashes").strings(), report.lookupCallHashes)
            val shared = e.getJSONObject("sharedPublicInput")
            if (shared.getBoolean("computed")) {
                assertEquals(shared.getString("value"), report.sharedPublicInput)
            } else {
                assertNull(report.sharedPublicInput)
            }
            val matches = e.getJSONArray("matches").objects()
            assertEquals(matches.size, report.matches.size, "number of matches")
            for ((want, got) in matches.zip(report.matches)) {
                val known = setOf(
                    "kind", "index", "hash", "proxyEntryHash", "crossChainCallHash", "destinationRollupId",
                    "placement", "immediate",
                )
                assertTrue(known.containsAll(want.keySet()), "unexpected match fields ${want.keySet()}")
                val isEntry = want.getString("kind") == "entry"
                assertEquals(if (isEntry) ItemKind.ENTRY else ItemKind.LOOKUP_CALL, got.kind)
                assertEquals(u64(want.getString("index")), got.index)
                assertEquals(want.getString("hash"), got.hash)
                assertEquals(want.optString("proxyEntryHash", null), got.proxyEntryHash)
                assertEquals(want.optString("crossChainCallHash", null), got.crossChainCallHash)
                assertEquals(want.getString("destinationRollupId"), got.destinationRollupId)
                assertEquals(placement(want.getJSONObject("placement")), got.placement)
                assertEquals(want.getBoolean("immediate"), got.immediate)
                assertEquals(isEntry, got.fate != null, "entries carry their fate, lookup calls none")
            }
            val json = JSONObject(report.json)
            assertTrue(json.getBoolean("valid"))
            assertEquals("included", json.getString("verdict"))
            assertTrue(e.getJSONObject("layout").similar(json.getJSONObject("batch").getJSONObject("layout")))
        }
    }

    /** A vector's `verdict` name (`notIncluded`) as the enum. */
    private fun verdict(name: String): Verdict = when (name) {
        "included" -> Verdict.INCLUDED
        "notIncluded" -> Verdict.NOT_INCLUDED
        "cannotDecide" -> Verdict.CANNOT_DECIDE
        else -> error("unknown verdict $name")
    }

    /** A vector's `layout` JSON (`{"canonical": false, "deviation": {…, "offset": "0x…"}}`) as the record. */
    private fun layout(o: JSONObject): CalldataLayout = CalldataLayout(
        o.getBoolean("canonical"),
        o.optJSONObject("deviation")?.let {
            CalldataDeviation(it.getString("path"), u64(it.getString("offset")), it.getString("kind"), it.getString("message"))
        },
    )
}

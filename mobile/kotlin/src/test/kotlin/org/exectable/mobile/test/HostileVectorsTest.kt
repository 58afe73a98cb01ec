package org.exectable.mobile.test

import org.exectable.mobile.*
import org.json.JSONObject
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.fail
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.DynamicTest.dynamicTest
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestFactory

/**
 * The hostile-input corpus (`vectors/exectable-hostile.json`, kind `hostileInput`, case format in
 * core/src/conformance/hostile.rs) through the mobile API: every case whose form the API can
 * express must throw the [ExectableException] variant of its code's family with exactly the
 * expected `code`, and the `name`, `path` and `offset` when the case gives them and the variant
 * carries them. `prefixFrom`/`prefixTo` cases are expanded like core does: each prefix is one
 * check. Forms the API has no entry point for are counted and listed, not run; a mapped form with
 * no check fails the run, and so does a form core does not know.
 *
 * Strict calldata (`calldata`, `batchCalldata`) is the exception: the corpus gives the codes of
 * core's strict decoder, and the wallet API has none — `verifyBatchMembership` reads its `txInput`
 * as the contract's own ABI decoder does, which accepts some layouts the strict decoder refuses. So
 * that `postAndVerifyBatch` calldata only has to be rejected through membership (paired with a
 * posting receipt of another batch, it can never be shown included), with a well-formed exception:
 * the variant of its code's family and core's verdict for that code; `runConformance` checks its
 * exact strict codes. Calldata the corpus gives with the contract decoder's codes (`calldataEvm`,
 * `batchCalldataEvm`) must fail membership with exactly those. A mapped form the corpus has no
 * case of is listed, not failed.
 */
class HostileVectorsTest {
    companion object {
        const val HOSTILE = "exectable-hostile.json"
        const val MEMBERSHIP = "exectable-membership.json"
        const val OCP = "exectable-ocp.json"

        /** Every form core knows (`HOSTILE_FORMS`), and those that take `text` (`HOSTILE_TEXT_FORMS`). */
        val FORMS = setOf(
            "abi", "calldata", "batchCalldata", "calldataEvm", "batchCalldataEvm", "l1Log", "l2Log", "revert",
            "proofBinary", "proofVerify", "json", "proofJson", "commitmentJson", "ocpArtifact", "receipt",
            "proofInputDocument",
        )
        val TEXT_FORMS = setOf("json", "proofJson", "commitmentJson", "ocpArtifact", "receipt", "proofInputDocument")

        /** The rows that run through the mobile API, with the calls each check makes; each must run > 0 checks. */
        val MAPPED = linkedMapOf(
            "abi/l1.ExecutionEntry" to "decodeEntryAbi",
            "abi/l1.LookupCall" to "decodeLookupCallAbi",
            "json/l1.ExecutionEntry" to "decodeEntryJson",
            "json/l1.LookupCall" to "decodeLookupCallJson",
            "proofBinary" to "decodeInclusionProof + verifyInclusionProof",
            "proofJson" to "decodeInclusionProofJson + verifyInclusionProofJson",
            "proofVerify" to "verifyInclusionProof(digest, ItemHash items)",
            "ocpArtifact" to "verifyOcpArtifact",
            "receipt" to "verifyBatchMembership + verifyOcpArtifact",
            "batchCalldata" to "verifyBatchMembership(txInput): rejected (evm decode; strict codes via runConformance)",
            "calldata" to "verifyBatchMembership(txInput): rejected (evm decode; strict codes via runConformance)",
            "batchCalldataEvm" to "verifyBatchMembership(txInput)",
            "calldataEvm" to "verifyBatchMembership(txInput)",
        )

        /** `postAndVerifyBatch`'s selector: membership checks it before it decodes the calldata. */
        val POST_AND_VERIFY_BATCH = hex("0x8b1a095a")
        const val NOT_A_BATCH =
            "another selector or < 4 bytes: verifyBatchMembership answers MembershipNotABatch (601) before decoding"
        const val OTHER_STRUCT = "other structs than l1.ExecutionEntry / l1.LookupCall: no decoder in the mobile API"

        private val passed = LinkedHashMap<String, Int>().apply { MAPPED.keys.forEach { put(it, 0) } }
        private val failed = LinkedHashMap<String, Int>()
        /** Per form not exposed: checks, why, and the struct types seen (abi/json). */
        private class Skipped(var checks: Int, val why: String, val types: MutableSet<String>)
        private val notExposed = LinkedHashMap<String, Skipped>()

        @Synchronized
        private fun count(row: String, ok: Boolean) {
            val map = if (ok) passed else failed
            map[row] = (map[row] ?: 0) + 1
        }

        @Synchronized
        private fun skip(form: String, why: String, type: String? = null) {
            val s = notExposed.getOrPut(form) { Skipped(0, why, LinkedHashSet()) }
            s.checks += 1
            if (type != null) s.types += type
        }

        @JvmStatic
        @AfterAll
        fun report() {
            val problems = ArrayList<String>()
            val present = Vectors.file(HOSTILE).getJSONArray("cases").objects()
                .map { it.getJSONObject("inputs").getString("form") }.toSet()
            println("Kotlin suite, hostile inputs ($HOSTILE), checks per form (each prefix is one check):")
            for (row in (passed.keys + failed.keys).distinct()) {
                val p = passed[row] ?: 0
                val f = failed[row] ?: 0
                if (row.substringBefore('/') !in present) {
                    println("  %-24s no case in the corpus   (%s)".format("$row:", MAPPED[row] ?: "not a mapped form"))
                    continue
                }
                println("  %-24s %5d passed, %d failed   (%s)".format("$row:", p, f, MAPPED[row] ?: "not a mapped form"))
                if (p + f == 0) problems += "$row: no check ran"
                if (f > 0) problems += "$row: $f failed"
            }
            println("  not exposed by the wallet API (run through runConformance instead, see everyCaseThroughRunConformance):")
            for ((form, s) in notExposed) {
                val types = if (s.types.isEmpty()) "" else " (${s.types.size} struct types)"
                println("    %-22s %5d   %s".format("$form:", s.checks, s.why + types))
            }
            println(
                "hostile: ${passed.values.sum()} passed, ${failed.values.sum()} failed, " +
                    "${notExposed.values.sumOf { it.checks }} not exposed by the mobile API",
            )
            if (problems.isNotEmpty()) fail<Unit>(problems.joinToString("\n"))
        }
    }

    private val sources: JSONObject by lazy { Vectors.file(HOSTILE).getJSONObject("header").getJSONObject("sources") }
    private val sourceBytes = HashMap<String, ByteArray>()

    private fun source(name: String): ByteArray = sourceBytes.getOrPut(name) {
        require(sources.has(name)) { "source \"$name\" is not in header.sources" }
        hex(sources.getString(name))
    }

    /** A posting the membership vectors accept: its calldata, receipt, manager and an entry it holds. */
    private class Posting(val txInput: ByteArray, val receipt: String, val manager: String, val query: ItemQuery)

    private val posting: Posting by lazy {
        val c = Vectors.cases(MEMBERSHIP, "batchMembership").first {
            !it.expected.has("error") && !it.inputs.has("txHash") && !it.inputs.has("blobHashes")
        }
        Posting(
            hex(c.inputs.getString("txInput")), jsonText(c.inputs.get("receipt")), c.inputs.getString("manager"),
            ItemQuery.EntryHash(c.expected.getJSONArray("entryHashes").getString(0)),
        )
    }

    private fun membership(txInput: ByteArray = posting.txInput, receipt: String = posting.receipt) =
        verifyBatchMembership(txInput, receipt, posting.manager, posting.query, MembershipOptions())

    /** An OCP artifact with its observation and receipt that the OCP vectors accept. */
    private class OcpCase(val artifact: String, val observation: ByteArray, val receipt: String)

    private val ocp: OcpCase by lazy {
        val c = Vectors.cases(OCP, "ocpArtifact").first {
            !it.expected.has("error") && it.inputs.has("receipt") && it.inputs.getJSONObject("observation").has("utf8")
        }
        OcpCase(
            jsonText(c.inputs.get("artifact")),
            c.inputs.getJSONObject("observation").getString("utf8").toByteArray(Charsets.UTF_8),
            jsonText(c.inputs.get("receipt")),
        )
    }

    /** A well-formed digest: the proof is decoded after it is read, so it never decides the outcome. */
    private val anyDigest = ExpectedCommitment.Digest("0x" + "00".repeat(32))

    /**
     * Every case of the corpus — the forms the wallet API cannot express included — through core's
     * vector runner over uniffi (`runConformance`): each must fail with exactly its expected code.
     */
    @Test
    fun everyCaseThroughRunConformance() {
        val text = java.io.File(System.getProperty("exectable.vectors"), HOSTILE).readText()
        val cases = Vectors.file(HOSTILE).getJSONArray("cases").length()
        val report = runConformance(text)
        val kind = report.kinds.single()
        println("hostile via runConformance: ${kind.kind} ${kind.passed} passed, ${kind.failed} failed (of $cases cases)")
        assertEquals("hostileInput", kind.kind)
        assertEquals(emptyList<String>(), kind.failures)
        assertEquals(cases.toULong(), kind.passed)
        assertEquals(0UL, report.failed)
    }

    /** The inputs the hostile cases mutate, and the postings they are paired with, are accepted. */
    @Test
    fun baselines() {
        assertEquals(1, membership().matches.size)
        verifyOcpArtifact(ocp.artifact, ocp.observation, ocp.receipt)
        decodeEntryAbi(source("demoEntry"))
        decodeLookupCallAbi(source("demoLookupCall"))
        decodeInclusionProof(source("demoProof"))
    }

    /** What a case expects of the exception. */
    private class Expected(o: JSONObject) {
        val code = o.getInt("code").toUInt()
        val name: String? = o.optString("name", null)
        val path: String? = o.optString("path", null)
        val offset: Long? = if (o.has("offset")) o.getLong("offset") else null
    }

    /**
     * `call` must throw the variant of `want.code`'s family with that code, name, path and offset.
     * `rootedAt` is the name of the argument the API roots JSON field paths at, when it is not the
     * document itself (`proof` for the proof JSON): core's `x.y` is then `proof.x.y`.
     */
    private fun expectRejection(api: String, want: Expected, rootedAt: String? = null, call: () -> Unit) {
        val e = try {
            call()
            throw AssertionError("$api accepted the input; expected code ${want.code}")
        } catch (e: ExectableException) {
            e
        }
        val at = "$api: ${e.codeName} ${e.code} (${e.reason})"
        if (e.code != want.code) throw AssertionError("$at; expected code ${want.code}")
        if (familyOf(e.code) != e::class.simpleName) throw AssertionError("$at is variant ${e::class.simpleName}")
        if (want.name != null && want.name != e.codeName) throw AssertionError("$at; expected name ${want.name}")
        if (e.verdict != verdictOf(e.code)) throw AssertionError("$at: verdict ${e.verdict}, core says ${verdictOf(e.code)}")
        if (e.toString() != e.reason) throw AssertionError("$at: toString is not the reason")
        val path = when (e) {
            is ExectableException.Abi -> e.path
            is ExectableException.Json -> e.path
            is ExectableException.Argument -> e.path
            else -> null
        }
        val carriesPath = e is ExectableException.Abi || e is ExectableException.Json || e is ExectableException.Argument
        if (want.path != null && carriesPath) {
            val rootIt = rootedAt != null && e is ExectableException.Json
            val wantPath = if (rootIt) rooted(rootedAt!!, want.path) else want.path
            if (path != wantPath) throw AssertionError("$at: path $path, expected $wantPath")
        }
        if (want.offset != null && e is ExectableException.Abi && e.offset?.toLong() != want.offset) {
            throw AssertionError("$at: offset ${e.offset}, expected ${want.offset}")
        }
    }

    /**
     * `call` must throw an [ExectableException] of the variant of its own code's family, carrying
     * core's verdict for that code: what a rejection with no exact code to compare must satisfy.
     */
    private fun expectSomeRejection(api: String, call: () -> Unit) {
        val e = try {
            call()
            throw AssertionError("$api accepted the input; expected a rejection")
        } catch (e: ExectableException) {
            e
        }
        val at = "$api: ${e.codeName} ${e.code} (${e.reason})"
        if (familyOf(e.code) != e::class.simpleName) throw AssertionError("$at is variant ${e::class.simpleName}")
        if (e.verdict != verdictOf(e.code)) throw AssertionError("$at: verdict ${e.verdict}")
        if (e.verdict == Verdict.INCLUDED) throw AssertionError("$at: an error cannot be INCLUDED")
    }

    /** Core's path of a field of the document (`$`, `$[0]`, `a.b`) rooted at the argument `root`. */
    private fun rooted(root: String, path: String): String = when {
        path == "$" -> root
        path.startsWith("$") -> root + path.substring(1)
        else -> "$root.$path"
    }

    /** One check: the row it counts under and the calls that must each reject. */
    private class Check(val row: String, val run: (Expected) -> Unit)

    /** The check of a byte form on `bytes`, or null (after counting it) when the API cannot express it. */
    private fun byteCheck(form: String, type: String?, inputs: JSONObject, bytes: ByteArray): Check? = when (form) {
        "abi" -> when (type) {
            "l1.ExecutionEntry" -> Check("abi/$type") { w ->
                expectRejection("decodeEntryAbi", w) { decodeEntryAbi(bytes) }
            }
            "l1.LookupCall" -> Check("abi/$type") { w ->
                expectRejection("decodeLookupCallAbi", w) { decodeLookupCallAbi(bytes) }
            }
            else -> null.also { skip("abi", OTHER_STRUCT, type) }
        }
        "proofBinary" -> Check(form) { w ->
            expectRejection("decodeInclusionProof", w) { decodeInclusionProof(bytes) }
            expectRejection("verifyInclusionProof", w) { verifyInclusionProof(bytes, anyDigest, emptyList()) }
        }
        "proofVerify" -> {
            val commitment = ExpectedCommitment.Digest(inputs.getString("commitment"))
            val items = inputs.getJSONArray("itemHashes").strings().map { ProofItem.ItemHash(it) }
            Check(form) { w ->
                expectRejection("verifyInclusionProof", w) { verifyInclusionProof(bytes, commitment, items) }
            }
        }
        "batchCalldata", "calldata", "batchCalldataEvm", "calldataEvm" ->
            if (bytes.size >= 4 && bytes.copyOf(4).contentEquals(POST_AND_VERIFY_BATCH)) {
                if (form.endsWith("Evm")) {
                    Check(form) { w -> expectRejection("verifyBatchMembership", w) { membership(txInput = bytes) } }
                } else {
                    Check(form) { _ -> expectSomeRejection("verifyBatchMembership") { membership(txInput = bytes) } }
                }
            } else {
                null.also { skip(form, NOT_A_BATCH) }
            }
        "l1Log", "l2Log" -> null.also { skip(form, "the mobile API decodes no event logs") }
        "revert" -> null.also { skip(form, "the mobile API decodes no revert data") }
        else -> error("form $form takes text, not bytes")
    }

    /** The check of a text form, or null (after counting it) when the API cannot express it. */
    private fun textCheck(form: String, type: String?, text: String): Check? = when (form) {
        "json" -> when (type) {
            "l1.ExecutionEntry" -> Check("json/$type") { w ->
                expectRejection("decodeEntryJson", w) { decodeEntryJson(text) }
            }
            "l1.LookupCall" -> Check("json/$type") { w ->
                expectRejection("decodeLookupCallJson", w) { decodeLookupCallJson(text) }
            }
            else -> null.also { skip("json", OTHER_STRUCT, type) }
        }
        "proofJson" -> Check(form) { w ->
            expectRejection("decodeInclusionProofJson", w, rootedAt = "proof") { decodeInclusionProofJson(text) }
            expectRejection("verifyInclusionProofJson", w, rootedAt = "proof") {
                verifyInclusionProofJson(text, anyDigest, emptyList())
            }
        }
        // The artifact is read before the observation or a receipt is looked at.
        "ocpArtifact" -> Check(form) { w ->
            expectRejection("verifyOcpArtifact", w) { verifyOcpArtifact(text, ByteArray(0), null) }
        }
        // Both read the receipt before anything else can fail (the other arguments are valid).
        "receipt" -> Check(form) { w ->
            expectRejection("verifyBatchMembership", w) { membership(receipt = text) }
            expectRejection("verifyOcpArtifact", w) { verifyOcpArtifact(ocp.artifact, ocp.observation, text) }
        }
        "commitmentJson" -> null.also {
            skip(form, "the API takes a commitment as an ExpectedCommitment (digest text or record), not JSON text")
        }
        "proofInputDocument" -> null.also { skip(form, "proof-input documents are prover-side, not exported") }
        else -> error("form $form takes bytes, not text")
    }

    /** The case's bytes: `hex`, or `source` with `patch` (in order) and `append` applied. */
    private fun caseBytes(inputs: JSONObject): ByteArray {
        if (inputs.has("hex")) return hex(inputs.getString("hex"))
        val bytes = source(inputs.getString("source")).copyOf()
        inputs.optJSONArray("patch")?.objects()?.forEachIndexed { i, p ->
            val at = p.getInt("at")
            val new = hex(p.getString("hex"))
            require(at >= 0 && at + new.size <= bytes.size) { "patch[$i] goes beyond the ${bytes.size} bytes" }
            new.copyInto(bytes, at)
        }
        return if (inputs.has("append")) bytes + hex(inputs.getString("append")) else bytes
    }

    @TestFactory
    fun hostileInput(): List<DynamicTest> {
        val all = Vectors.file(HOSTILE).getJSONArray("cases").objects()
        val cases = Vectors.cases(HOSTILE, "hostileInput")
        assertEquals(all.size, cases.size, "$HOSTILE holds only hostileInput cases")
        return cases.map { c -> dynamicTest("hostileInput ${c.id}") { runCase(c) } }
    }

    private fun runCase(c: Case) {
        val inputs = c.inputs
        val form = inputs.getString("form")
        require(form in FORMS) { "${c.id}: unknown form $form" }
        val type = inputs.optString("type", null)
        val want = Expected(c.expected)
        // (label, check) per check: one, or one per prefix length.
        val checks: List<Pair<String, Check?>> = if (form in TEXT_FORMS) {
            listOf("" to textCheck(form, type, inputs.getString("text")))
        } else {
            val bytes = caseBytes(inputs)
            val lengths = when {
                inputs.has("prefixFrom") && inputs.has("prefixTo") -> {
                    val from = inputs.getInt("prefixFrom")
                    val to = inputs.getInt("prefixTo")
                    require(from in 0 until to && to <= bytes.size) {
                        "${c.id}: prefix range $from..$to is empty or beyond the ${bytes.size} bytes"
                    }
                    (from until to).toList()
                }
                inputs.has("prefixFrom") || inputs.has("prefixTo") ->
                    error("${c.id}: prefixFrom and prefixTo go together")
                else -> null
            }
            lengths?.map { n -> "prefix $n: " to byteCheck(form, type, inputs, bytes.copyOf(n)) }
                ?: listOf("" to byteCheck(form, type, inputs, bytes))
        }
        val failures = ArrayList<String>()
        for ((label, check) in checks) {
            if (check == null) continue
            try {
                check.run(want)
                count(check.row, true)
            } catch (t: Throwable) {
                count(check.row, false)
                failures += "$label${t.message ?: t}"
            }
        }
        if (failures.isNotEmpty()) {
            val shown = failures.take(5).joinToString("\n")
            fail<Unit>("${c.id}: ${failures.size} of ${checks.size} checks failed (first 5):\n$shown")
        }
    }
}

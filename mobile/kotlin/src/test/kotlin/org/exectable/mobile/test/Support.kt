package org.exectable.mobile.test

import org.exectable.mobile.ExectableException
import org.exectable.mobile.Verdict
import org.json.JSONArray
import org.json.JSONObject
import java.io.File

/** `0x`-hex text to bytes (the vectors' form of every byte string). */
fun hex(text: String): ByteArray {
    require(text.startsWith("0x")) { "not 0x-hex: $text" }
    val digits = text.substring(2)
    require(digits.length % 2 == 0) { "odd hex length: $text" }
    return ByteArray(digits.length / 2) { i -> digits.substring(2 * i, 2 * i + 2).toInt(16).toByte() }
}

/** Bytes as lowercase `0x`-hex. */
fun ByteArray.toHex(): String = "0x" + joinToString("") { "%02x".format(it) }

/** A uint64 written as `0x`-hex or decimal text. */
fun u64(text: String): ULong = if (text.startsWith("0x")) text.substring(2).toULong(16) else text.toULong()

/** The JSON text of any value org.json produced (objects, arrays, strings, numbers, null). */
fun jsonText(value: Any): String = when (value) {
    is JSONObject, is JSONArray -> value.toString()
    is String -> JSONObject.quote(value)
    else -> value.toString()
}

fun JSONArray.strings(): List<String> = (0 until length()).map { getString(it) }

fun JSONArray.objects(): List<JSONObject> = (0 until length()).map { getJSONObject(it) }

/** One case of a vector file. */
class Case(val id: String, val kind: String, val inputs: JSONObject, val expected: JSONObject)

/** The vector files under the directory named by the `exectable.vectors` system property. */
object Vectors {
    private val dir: File by lazy {
        val path = System.getProperty("exectable.vectors") ?: error("system property exectable.vectors is not set")
        File(path).also { require(it.isDirectory) { "exectable.vectors=$path is not a directory" } }
    }
    private val files = HashMap<String, JSONObject>()

    fun file(name: String): JSONObject = files.getOrPut(name) { JSONObject(File(dir, name).readText()) }

    fun cases(name: String, kind: String): List<Case> =
        file(name).getJSONArray("cases").objects()
            .filter { it.getString("kind") == kind }
            .map { Case(it.getString("id"), kind, it.getJSONObject("inputs"), it.getJSONObject("expected")) }
}

/** Pass/fail counts per kind, printed at the end of the run; a kind with no case fails the run. */
object Tally {
    private val passed = LinkedHashMap<String, Int>()
    private val failed = LinkedHashMap<String, Int>()
    private val failures = ArrayList<String>()

    @Synchronized
    fun expect(kinds: List<String>) = kinds.forEach { passed.putIfAbsent(it, 0); failed.putIfAbsent(it, 0) }

    @Synchronized
    fun pass(kind: String) {
        passed[kind] = (passed[kind] ?: 0) + 1
    }

    @Synchronized
    fun fail(kind: String, id: String, reason: Throwable) {
        failed[kind] = (failed[kind] ?: 0) + 1
        failures += "$kind $id: $reason"
    }

    /** Prints one line per kind and the total; returns the problems (failures, empty kinds). */
    @Synchronized
    fun report(): List<String> {
        val problems = ArrayList(failures)
        println("Kotlin suite of the mobile bindings, cases per kind:")
        for (kind in passed.keys) {
            val p = passed[kind] ?: 0
            val f = failed[kind] ?: 0
            println("  %-30s %4d passed, %d failed".format(kind, p, f))
            if (p + f == 0) problems += "$kind: no case ran"
        }
        println("kotlin: ${passed.values.sum()} passed, ${failed.values.sum()} failed")
        return problems
    }
}

/** The fields every variant of the error carries. */
val ExectableException.code: UInt
    get() = when (this) {
        is ExectableException.Abi -> code
        is ExectableException.Json -> code
        is ExectableException.Argument -> code
        is ExectableException.Proof -> code
        is ExectableException.Ocp -> code
        is ExectableException.Membership -> code
    }

val ExectableException.codeName: String
    get() = when (this) {
        is ExectableException.Abi -> name
        is ExectableException.Json -> name
        is ExectableException.Argument -> name
        is ExectableException.Proof -> name
        is ExectableException.Ocp -> name
        is ExectableException.Membership -> name
    }

val ExectableException.reason: String
    get() = when (this) {
        is ExectableException.Abi -> reason
        is ExectableException.Json -> reason
        is ExectableException.Argument -> reason
        is ExectableException.Proof -> reason
        is ExectableException.Ocp -> reason
        is ExectableException.Membership -> reason
    }

/** What the error means for the item a verification is about (core's verdict, carried by every variant). */
val ExectableException.verdict: Verdict
    get() = when (this) {
        is ExectableException.Abi -> verdict
        is ExectableException.Json -> verdict
        is ExectableException.Argument -> verdict
        is ExectableException.Proof -> verdict
        is ExectableException.Ocp -> verdict
        is ExectableException.Membership -> verdict
    }

/** The variant a code belongs to: its hundreds digit names the family. */
fun familyOf(code: UInt): String = when (code / 100u) {
    1u -> "Abi"
    2u -> "Json"
    3u -> "Argument"
    4u -> "Proof"
    5u -> "Ocp"
    6u -> "Membership"
    else -> "?"
}

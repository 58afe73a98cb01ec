package exectable

// The cgo preamble: the header from ffi-c/include and the static library libexectable_c.a (its
// directory comes from link_debug.go or link_release.go), plus what a Rust static library needs
// from libc on Linux (`rustc --print native-static-libs`). keccak-asm's object has no
// .note.GNU-stack section, so the link asks for a non-executable stack explicitly.
//
// `noescape`: no et_ function keeps a pointer it was given after it returns (exectable.h, "nothing
// keeps a pointer the caller passed in"), so Go memory passed in may stay on the stack.
// `nocallback`: the library never calls back into Go.

/*
#cgo CFLAGS: -I${SRCDIR}/../ffi-c/include
#cgo LDFLAGS: -l:libexectable_c.a -Wl,-z,noexecstack -lgcc_s -lutil -lrt -lpthread -lm -ldl -lc
#cgo noescape et_last_error_message
#cgo nocallback et_last_error_message
#cgo noescape et_last_error_length
#cgo nocallback et_last_error_length
#cgo noescape et_result_name
#cgo nocallback et_result_name
#cgo noescape et_bytes_free
#cgo nocallback et_bytes_free
#cgo noescape et_struct_decode
#cgo nocallback et_struct_decode
#cgo noescape et_struct_encode
#cgo nocallback et_struct_encode
#cgo noescape et_struct_names
#cgo nocallback et_struct_names
#cgo noescape et_calldata_decode
#cgo nocallback et_calldata_decode
#cgo noescape et_calldata_encode
#cgo nocallback et_calldata_encode
#cgo noescape et_keccak256
#cgo nocallback et_keccak256
#cgo noescape et_version
#cgo nocallback et_version
#cgo noescape et_live_handle_count
#cgo nocallback et_live_handle_count
#cgo noescape et_test_panic
#cgo nocallback et_test_panic
#cgo noescape et_conformance_run
#cgo nocallback et_conformance_run
#cgo noescape et_cross_chain_call_hash
#cgo nocallback et_cross_chain_call_hash
#cgo noescape et_cross_chain_call_preimage
#cgo nocallback et_cross_chain_call_preimage
#cgo noescape et_entry_from_json
#cgo nocallback et_entry_from_json
#cgo noescape et_entry_decode
#cgo nocallback et_entry_decode
#cgo noescape et_entry_hash
#cgo nocallback et_entry_hash
#cgo noescape et_entry_encode
#cgo nocallback et_entry_encode
#cgo noescape et_entry_to_json
#cgo nocallback et_entry_to_json
#cgo noescape et_entry_free
#cgo nocallback et_entry_free
#cgo noescape et_lookup_call_hash_json
#cgo nocallback et_lookup_call_hash_json
#cgo noescape et_lookup_call_hash_abi
#cgo nocallback et_lookup_call_hash_abi
#cgo noescape et_rolling_hash_new
#cgo nocallback et_rolling_hash_new
#cgo noescape et_rolling_hash_resume
#cgo nocallback et_rolling_hash_resume
#cgo noescape et_rolling_hash_call_begin
#cgo nocallback et_rolling_hash_call_begin
#cgo noescape et_rolling_hash_call_end
#cgo nocallback et_rolling_hash_call_end
#cgo noescape et_rolling_hash_nested_begin
#cgo nocallback et_rolling_hash_nested_begin
#cgo noescape et_rolling_hash_nested_end
#cgo nocallback et_rolling_hash_nested_end
#cgo noescape et_rolling_hash_value
#cgo nocallback et_rolling_hash_value
#cgo noescape et_rolling_hash_free
#cgo nocallback et_rolling_hash_free
#cgo noescape et_static_lookup_hash_fold
#cgo nocallback et_static_lookup_hash_fold
#cgo noescape et_proxy_address
#cgo nocallback et_proxy_address
#cgo noescape et_reference_proxy_creation_code
#cgo nocallback et_reference_proxy_creation_code
#cgo noescape et_batch_from_calldata
#cgo nocallback et_batch_from_calldata
#cgo noescape et_batch_from_json
#cgo nocallback et_batch_from_json
#cgo noescape et_batch_free
#cgo nocallback et_batch_free
#cgo noescape et_batch_counts
#cgo nocallback et_batch_counts
#cgo noescape et_batch_entry_hash
#cgo nocallback et_batch_entry_hash
#cgo noescape et_batch_lookup_call_hash
#cgo nocallback et_batch_lookup_call_hash
#cgo noescape et_batch_entry_hashes
#cgo nocallback et_batch_entry_hashes
#cgo noescape et_batch_lookup_call_hashes
#cgo nocallback et_batch_lookup_call_hashes
#cgo noescape et_batch_entry_json
#cgo nocallback et_batch_entry_json
#cgo noescape et_batch_lookup_call_json
#cgo nocallback et_batch_lookup_call_json
#cgo noescape et_batch_entry
#cgo nocallback et_batch_entry
#cgo noescape et_batch_to_json
#cgo nocallback et_batch_to_json
#cgo noescape et_batch_encode_calldata
#cgo nocallback et_batch_encode_calldata
#cgo noescape et_batch_encode
#cgo nocallback et_batch_encode
#cgo noescape et_validate_batch
#cgo nocallback et_validate_batch
#cgo noescape et_validate_l2_calldata
#cgo nocallback et_validate_l2_calldata
#cgo noescape et_batch_public_inputs_hashes
#cgo nocallback et_batch_public_inputs_hashes
#cgo noescape et_public_inputs_hashes
#cgo nocallback et_public_inputs_hashes
#cgo noescape et_proof_inputs_document
#cgo nocallback et_proof_inputs_document
#cgo noescape et_proof_inputs_verify
#cgo nocallback et_proof_inputs_verify
#cgo noescape et_commitment_from_batch
#cgo nocallback et_commitment_from_batch
#cgo noescape et_commitment_from_hashes
#cgo nocallback et_commitment_from_hashes
#cgo noescape et_commitment_free
#cgo nocallback et_commitment_free
#cgo noescape et_commitment_digest
#cgo nocallback et_commitment_digest
#cgo noescape et_commitment_to_json
#cgo nocallback et_commitment_to_json
#cgo noescape et_commitment_item_hash
#cgo nocallback et_commitment_item_hash
#cgo noescape et_commitment_prove
#cgo nocallback et_commitment_prove
#cgo noescape et_batch_check_commitment
#cgo nocallback et_batch_check_commitment
#cgo noescape et_proof_decode
#cgo nocallback et_proof_decode
#cgo noescape et_proof_from_json
#cgo nocallback et_proof_from_json
#cgo noescape et_proof_free
#cgo nocallback et_proof_free
#cgo noescape et_proof_encode
#cgo nocallback et_proof_encode
#cgo noescape et_proof_to_json
#cgo nocallback et_proof_to_json
#cgo noescape et_proof_verify
#cgo nocallback et_proof_verify
#cgo noescape et_inclusion_verify
#cgo nocallback et_inclusion_verify
#cgo noescape et_proof_verify_json
#cgo nocallback et_proof_verify_json
#cgo noescape et_verify_membership
#cgo nocallback et_verify_membership
#cgo noescape et_ocp_verify
#cgo nocallback et_ocp_verify
#cgo noescape et_ocp_table_observation
#cgo nocallback et_ocp_table_observation
#include <exectable.h>
*/
import "C"

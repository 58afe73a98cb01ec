package exectable

// #include <exectable.h>
import "C"

import (
	"runtime"
	"sync"
	"unsafe"
)

// call runs one et_ function and turns a non-OK result into an *Error carrying the library's
// message. The last-error message is per OS thread, so the goroutine is locked to its thread
// from the call until the message has been read.
func call(op string, f func() C.et_result) error {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	if rc := f(); rc != C.ET_RESULT_OK {
		return lastError(op, rc)
	}
	return nil
}

// callBytes runs an et_ function with an et_bytes out-parameter and returns the buffer copied
// into Go memory. This is the one place a Rust buffer is read and freed (et_bytes_free right
// after the copy); nothing the library allocated survives the call.
func callBytes(op string, f func(out *C.et_bytes) C.et_result) ([]byte, error) {
	var out C.et_bytes
	if err := call(op, func() C.et_result { return f(&out) }); err != nil {
		return nil, err
	}
	var b []byte
	if out.len > 0 {
		b = make([]byte, int(out.len))
		copy(b, unsafe.Slice((*byte)(unsafe.Pointer(out.ptr)), int(out.len)))
	} else {
		b = []byte{}
	}
	if err := call("et_bytes_free", func() C.et_result { return C.et_bytes_free(&out) }); err != nil {
		// Only a library bug gets here (the struct is the one the library just filled).
		return nil, err
	}
	return b, nil
}

// in returns the (ptr, len) pair for a borrowed input: (NULL, 0) for an empty slice. The pointer
// is a Go pointer to memory without Go pointers, valid for the call (cgo pointer rules).
func in(b []byte) (*C.uint8_t, C.size_t) {
	if len(b) == 0 {
		return nil, 0
	}
	return (*C.uint8_t)(unsafe.Pointer(&b[0])), C.size_t(len(b))
}

// hashesIn is in for consecutive 32-byte words.
func hashesIn(h []Hash) (*C.uint8_t, C.size_t) {
	if len(h) == 0 {
		return nil, 0
	}
	return (*C.uint8_t)(unsafe.Pointer(&h[0])), C.size_t(len(h))
}

// p32 and p20 point at fixed-size values (inputs or caller-owned outputs).
func p32(b *[32]byte) *C.uint8_t { return (*C.uint8_t)(unsafe.Pointer(&b[0])) }
func p20(b *[20]byte) *C.uint8_t { return (*C.uint8_t)(unsafe.Pointer(&b[0])) }

// handle owns one library handle (P is its C pointer type, e.g. *C.et_batch). Methods of the
// public types run their C call inside use (a read lock: any number at once, as the library
// allows for immutable handles); close takes the write lock, so a handle is never freed while a
// call of this package is using it, and a closed handle gives ErrClosed instead of reaching the
// library. A cleanup registered on the owning Go value frees the handle if that value becomes
// unreachable without Close.
type handle[P comparable] struct {
	mu      sync.RWMutex
	ptr     P
	live    bool
	free    func(P) C.et_result
	freeOp  string
	cleanup runtime.Cleanup
}

// setHandle gives h ownership of ptr on behalf of owner (the public value that embeds h).
func setHandle[O any, P comparable](owner *O, h *handle[P], ptr P, freeOp string, free func(P) C.et_result) {
	h.ptr, h.live, h.free, h.freeOp = ptr, true, free, freeOp
	h.cleanup = runtime.AddCleanup(owner, func(p P) { free(p) }, ptr)
}

// use runs f with the live pointer, under the read lock.
func (h *handle[P]) use(f func(p P) error) error {
	h.mu.RLock()
	defer h.mu.RUnlock()
	if !h.live {
		return ErrClosed
	}
	return f(h.ptr)
}

// close frees the handle once; later calls do nothing and return nil.
func (h *handle[P]) close() error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if !h.live {
		return nil
	}
	h.cleanup.Stop()
	p := h.ptr
	var zero P
	h.ptr, h.live = zero, false
	return call(h.freeOp, func() C.et_result { return h.free(p) })
}

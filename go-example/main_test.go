package exectable

import (
	"fmt"
	"os"
	"testing"
)

// TestMain checks, after every test, that the tests closed every handle they created: the
// library's live-handle count must be back to zero.
func TestMain(m *testing.M) {
	code := m.Run()
	if code == 0 {
		n, err := LiveHandleCount()
		if err != nil || n != 0 {
			fmt.Fprintf(os.Stderr, "FAIL: %d library handles still alive after the tests (%v)\n", n, err)
			code = 1
		}
	}
	os.Exit(code)
}

package exectable

import (
	"os"
	"testing"
)

// Set by checks_race_test.go and checks_cgocheck2_test.go when the build has them.
var raceEnabled, cgocheck2Enabled bool

// With EXECTABLE_REQUIRE_CHECKS=1 (make test-go sets it) the suite must run under the race
// detector and cgocheck2 — so a change to the make target cannot silently drop them.
func TestRequiredChecks(t *testing.T) {
	t.Logf("race detector: %v, GOEXPERIMENT=cgocheck2: %v", raceEnabled, cgocheck2Enabled)
	if os.Getenv("EXECTABLE_REQUIRE_CHECKS") == "1" && (!raceEnabled || !cgocheck2Enabled) {
		t.Fatalf("EXECTABLE_REQUIRE_CHECKS=1 but race=%v cgocheck2=%v", raceEnabled, cgocheck2Enabled)
	}
}

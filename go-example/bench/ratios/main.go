// Command ratios reads `go test -bench` output of the bench module on stdin and prints the
// comparison table recorded in docs/PERFORMANCE.md: the mean ns/op of each benchmark over its
// runs, and for each pair the reference's time divided by exectable's (> 1: exectable faster).
package main

import (
	"bufio"
	"fmt"
	"os"
	"regexp"
	"strconv"
)

// pairs are (exectable benchmark, reference benchmark), names without the -GOMAXPROCS suffix.
var pairs = [][2]string{
	{"EntryHashes1000/exectable/from-calldata", "EntryHashes1000/geth/from-calldata"},
	{"EntryHashes1000/exectable/entry-handles", "EntryHashes1000/geth/from-structs"},
	{"PublicInputs1000/exectable/from-calldata", "PublicInputs1000/geth/from-calldata"},
	{"PublicInputs1000/exectable/from-calldata", "PublicInputs1000/geth/from-structs"},
	{"PublicInputs1000/exectable/from-json", "PublicInputs1000/geth/from-structs"},
	{"SingleCall/crossChainCallHash/exectable", "SingleCall/crossChainCallHash/geth-abi"},
	{"SingleCall/crossChainCallHash/exectable", "SingleCall/crossChainCallHash/go-manual"},
	{"SingleCall/keccak256-32B/exectable", "SingleCall/keccak256-32B/geth"},
}

var line = regexp.MustCompile(`^Benchmark(\S+?)(?:-\d+)?\s+\d+\s+([\d.]+) ns/op(?:\s+(\d+) B/op\s+(\d+) allocs/op)?`)

type stat struct {
	sum    float64
	n      int
	allocs string
}

func main() {
	stats := map[string]*stat{}
	scanner := bufio.NewScanner(os.Stdin)
	for scanner.Scan() {
		m := line.FindStringSubmatch(scanner.Text())
		if m == nil {
			continue
		}
		ns, err := strconv.ParseFloat(m[2], 64)
		if err != nil {
			continue
		}
		s := stats[m[1]]
		if s == nil {
			s = &stat{}
			stats[m[1]] = s
		}
		s.sum += ns
		s.n++
		s.allocs = m[4]
	}
	mean := func(name string) (float64, bool) {
		s, ok := stats[name]
		if !ok || s.n == 0 {
			return 0, false
		}
		return s.sum / float64(s.n), true
	}
	fmt.Println("| exectable | mean | allocs/op | reference | mean | allocs/op | reference ÷ exectable |")
	fmt.Println("|---|---|---|---|---|---|---|")
	missing := false
	for _, p := range pairs {
		e, ok1 := mean(p[0])
		r, ok2 := mean(p[1])
		if !ok1 || !ok2 {
			fmt.Fprintf(os.Stderr, "ratios: no result for %s or %s\n", p[0], p[1])
			missing = true
			continue
		}
		fmt.Printf("| %s | %s | %s | %s | %s | %s | %.2f× |\n", p[0], human(e), stats[p[0]].allocs, p[1], human(r),
			stats[p[1]].allocs, r/e)
	}
	if e, ok := mean("SingleCall/keccak256-32B/exectable"); ok {
		if r, ok := mean("SingleCall/keccak256-32B/geth"); ok {
			fmt.Printf("\nPer-call overhead (exectable keccak256 of 32 bytes minus go-ethereum's): %.0f ns\n", e-r)
		}
	}
	if missing {
		os.Exit(1)
	}
}

func human(ns float64) string {
	switch {
	case ns >= 1e6:
		return fmt.Sprintf("%.2f ms", ns/1e6)
	case ns >= 1e3:
		return fmt.Sprintf("%.1f µs", ns/1e3)
	}
	return fmt.Sprintf("%.0f ns", ns)
}

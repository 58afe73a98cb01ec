//go:build race

package exectable

func init() { raceEnabled = true }

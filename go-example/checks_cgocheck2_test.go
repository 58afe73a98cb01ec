//go:build goexperiment.cgocheck2

package exectable

func init() { cgocheck2Enabled = true }

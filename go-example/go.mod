module github.com/exectable/exectable-go

go 1.24

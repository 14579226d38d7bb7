module litmus.local/replay

go 1.18

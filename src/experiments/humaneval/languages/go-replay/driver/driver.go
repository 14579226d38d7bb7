// Package driver runs the benchmark's test in the trusted driver program, which holds no sample
// code: the test's calls of the entry point get, in order, the values the sample's program
// reported (package trace). Stdin is the per-run secret's line, then those records. The secret is
// printed only when every test passed and every reported value was used.
package driver

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"testing"

	"litmus.local/replay"
)

const maxInput = 64 << 20

var (
	secret  []byte
	decoder *replay.Decoder
)

// Main is the driver's TestMain.
func Main(m *testing.M) {
	input, err := io.ReadAll(io.LimitReader(os.Stdin, maxInput))
	if err != nil {
		fail(fmt.Sprintf("cannot read stdin: %v", err))
	}
	line := bytes.IndexByte(input, '\n')
	if line < 0 {
		fail("stdin holds no secret line")
	}
	secret, decoder = input[:line], replay.NewDecoder(input[line+1:])
	code := m.Run()
	if code != 0 {
		os.Exit(code)
	}
	if left := decoder.Remaining(); left > 0 {
		fail(fmt.Sprintf("%d bytes after value %d: the sample's program reported more values than the test made calls", left, decoder.Records))
	}
	os.Stdout.Write(append(secret, '\n'))
	os.Exit(0)
}

// Next stores in *p the next value the sample's program reported; a missing or malformed value
// ends the driver with a failure.
func Next(p interface{}) {
	if err := decoder.Next(p); err != nil {
		fail(err.Error())
	}
}

func fail(why string) {
	fmt.Fprintf(os.Stderr, "litmus replay error: %s\n", why)
	os.Exit(1)
}

package replay

import (
	"math"
	"reflect"
	"strings"
	"testing"
)

func roundTrip[T any](t *testing.T, value T) T {
	t.Helper()
	record, err := Append(nil, &value)
	if err != nil {
		t.Fatalf("Append(%#v): %v", value, err)
	}
	var back T
	d := NewDecoder(record)
	if err := d.Next(&back); err != nil {
		t.Fatalf("Next(%#v): %v", value, err)
	}
	if d.Remaining() != 0 {
		t.Fatalf("%d bytes left after %#v", d.Remaining(), value)
	}
	return back
}

func same[T any](t *testing.T, value T) {
	t.Helper()
	if back := roundTrip(t, value); !reflect.DeepEqual(back, value) {
		t.Errorf("round trip: got %#v, want %#v", back, value)
	}
}

// Every return type of the benchmark's Go entry points, with the values that tell types apart.
func TestRoundTripsTheBenchmarkTypes(t *testing.T) {
	same(t, 0)
	same(t, math.MinInt64)
	same(t, true)
	same(t, "héllo\x00\xff")
	same(t, "")
	same(t, []int{})
	same(t, []int(nil))
	same(t, []int{1, -2, 3})
	same(t, []string{"a", ""})
	same(t, [2]int{4, -5})
	same(t, []float64{1.5, math.Inf(-1)})
	same(t, [2]float64{0.1, 0.2})
	same(t, [][2]int{{1, 2}, {3, 4}})
	same(t, [][2]int{})
	same(t, map[rune]int{'a': 1, 'é': 2})
	same(t, map[rune]int{})
	same(t, map[rune]int(nil))
	same(t, interface{}(nil))
	same(t, interface{}(2))
	same(t, interface{}(int64(2)))
	same(t, interface{}(2.5))
	same(t, interface{}("0b11"))
	same(t, interface{}([]string{"Hello", "world!"}))
	same(t, [2]interface{}{nil, 1})
	same(t, [2]interface{}{"bcd", false})
	same(t, interface{}([]interface{}{[]int(nil), []int{}, map[string]bool{}}))
	same(t, interface{}(float32(1.25)))
}

func TestKeepsTypesAndBits(t *testing.T) {
	if back := roundTrip(t, interface{}(int64(2))); reflect.DeepEqual(back, interface{}(2)) {
		t.Error("an int64 came back equal to an int")
	}
	if back := roundTrip(t, []int{}); back == nil {
		t.Error("an empty slice came back nil")
	}
	if back := roundTrip(t, math.Copysign(0, -1)); !math.Signbit(back) {
		t.Error("-0 lost its sign")
	}
	nan := math.Float64frombits(0x7ff8000000000abc)
	if back := roundTrip(t, nan); math.Float64bits(back) != 0x7ff8000000000abc {
		t.Errorf("NaN payload lost: %x", math.Float64bits(back))
	}
}

type named int
type point struct{ X int }

func TestRefusesValuesTheDriverCouldNotRebuild(t *testing.T) {
	for _, value := range []interface{}{named(1), point{1}, &point{1}, []named{1}, func() {}} {
		v := value
		if _, err := Append(nil, &v); err == nil {
			t.Errorf("Append accepted %#v (%T)", value, value)
		}
	}
}

func record(t *testing.T, value interface{}) []byte {
	t.Helper()
	out, err := Append(nil, value)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// Streams a sample's program could forge: each must be an error, never a value.
func TestRejectsForgedStreams(t *testing.T) {
	good := record(t, &[]string{"abc", "de"})
	cases := map[string]struct {
		data []byte
		want string
	}{
		"empty":           {nil, "missing"},
		"truncated":       {good[:len(good)-1], "stream"},
		"wrong type":      {record(t, &[]int{1, 2}), "reported a []int"},
		"huge length":     {append([]byte{tSlice, tString, 1}, 0xff, 0xff, 0xff, 0xff, 0x0f), "longer than the stream"},
		"unknown type":    {[]byte{200}, "unknown type code"},
		"bad nil flag":    {[]byte{tSlice, tString, 7}, "nil flag"},
		"deep type":       {append([]byte(strings.Repeat(string(rune(tSlice)), 100)), tString), "nested too deeply"},
		"string too long": {[]byte{tSlice, tString, 1, 1, 50, 'a'}, "longer than the stream"},
	}
	for name, c := range cases {
		var target []string
		err := NewDecoder(c.data).Next(&target)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want an error with %q", name, err, c.want)
		}
	}
	var flag bool
	if err := NewDecoder([]byte{tBool, 2}).Next(&flag); err == nil {
		t.Error("a bool of 2 decoded")
	}
	var any interface{}
	if err := NewDecoder([]byte{tInterface, 1, tInterface}).Next(&any); err == nil {
		t.Error("an interface{} holding an interface{} decoded")
	}
	if err := NewDecoder([]byte{tInterface, 1, tArray, 0xff, 0xff, 0xff, 0x7f, tInt}).Next(&any); err == nil {
		t.Error("an array longer than the stream decoded")
	}
	if err := NewDecoder([]byte{tInterface, 1, tMap, tSlice, tInt, tInt, 1, 0}).Next(&any); err == nil {
		t.Error("a map keyed by slices decoded")
	}
	var small [2]interface{}
	if err := NewDecoder(record(t, &[2]int{1, 2})).Next(&small); err == nil {
		t.Error("a [2]int decoded as a [2]interface{}")
	}
}

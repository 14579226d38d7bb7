package replay

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"reflect"
)

// Decoder reads records from a stream written by Append. It trusts nothing in the stream: every
// length is checked against the bytes left, types are built only from the built-in kinds, nesting
// is bounded, and a record whose type is not the target's is an error.
type Decoder struct {
	data []byte
	pos  int
	// Records counts the records decoded so far.
	Records int
}

func NewDecoder(data []byte) *Decoder { return &Decoder{data: data} }

// Remaining is the number of bytes not decoded yet.
func (d *Decoder) Remaining() int { return len(d.data) - d.pos }

// Next decodes the next record into *p (p a pointer to the entry point's declared return type).
func (d *Decoder) Next(p interface{}) (err error) {
	target := reflect.ValueOf(p)
	if target.Kind() != reflect.Ptr || target.IsNil() {
		return errors.New("replay: Next needs a non-nil pointer")
	}
	want, err := appendType(nil, target.Elem().Type(), 0)
	if err != nil {
		return err
	}
	record := d.Records + 1
	if d.Remaining() == 0 {
		return fmt.Errorf("value %d missing: the sample's program reported only %d values", record, d.Records)
	}
	defer func() {
		// reflect panics on what no check above foresaw (say, a map key type that is not comparable).
		if r := recover(); r != nil {
			err = fmt.Errorf("value %d: %v", record, r)
		}
	}()
	got, err := d.readType(0)
	if err != nil {
		return fmt.Errorf("value %d: %w", record, err)
	}
	if gotCode, _ := appendType(nil, got, 0); string(gotCode) != string(want) {
		return fmt.Errorf("value %d: the sample's program reported a %s, the entry point returns %s", record, got, target.Elem().Type())
	}
	if err := d.fits(got); err != nil {
		return fmt.Errorf("value %d: %w", record, err)
	}
	v := reflect.New(got).Elem()
	if err := d.readValue(v, 0); err != nil {
		return fmt.Errorf("value %d: %w", record, err)
	}
	target.Elem().Set(v)
	d.Records++
	return nil
}

var errShort = errors.New("the stream ends inside a value")

func (d *Decoder) byte() (byte, error) {
	if d.pos >= len(d.data) {
		return 0, errShort
	}
	d.pos++
	return d.data[d.pos-1], nil
}

// length reads a count of things each at least `unit` bytes long; it cannot exceed what is left.
func (d *Decoder) length(unit int) (int, error) {
	n, size := binary.Uvarint(d.data[d.pos:])
	if size <= 0 {
		return 0, errShort
	}
	d.pos += size
	if unit < 1 {
		unit = 1
	}
	if n > uint64(d.Remaining()/unit) {
		return 0, fmt.Errorf("a length of %d is longer than the stream", n)
	}
	return int(n), nil
}

func (d *Decoder) fixed(size int) ([]byte, error) {
	if d.Remaining() < size {
		return nil, errShort
	}
	d.pos += size
	return d.data[d.pos-size : d.pos], nil
}

func (d *Decoder) readType(depth int) (reflect.Type, error) {
	if depth > maxDepth {
		return nil, errors.New("type nested too deeply")
	}
	code, err := d.byte()
	if err != nil {
		return nil, err
	}
	if t, ok := scalarTypes[code]; ok {
		return t, nil
	}
	switch code {
	case tInterface:
		return emptyInterface, nil
	case tSlice:
		elem, err := d.readType(depth + 1)
		if err != nil {
			return nil, err
		}
		return reflect.SliceOf(elem), nil
	case tArray:
		n, err := d.length(1)
		if err != nil {
			return nil, err
		}
		elem, err := d.readType(depth + 1)
		if err != nil {
			return nil, err
		}
		// An array of empty things would cost loops, not bytes. Whether an array's elements fit in
		// the stream is checked when a value of it is made (an empty slice of long arrays is fine).
		if n > 0 && minSize(elem) == 0 {
			return nil, fmt.Errorf("an array of %d empty elements", n)
		}
		return reflect.ArrayOf(n, elem), nil
	case tMap:
		key, err := d.readType(depth + 1)
		if err != nil {
			return nil, err
		}
		if !key.Comparable() || key.Kind() == reflect.Interface {
			return nil, fmt.Errorf("a map key of type %s", key)
		}
		elem, err := d.readType(depth + 1)
		if err != nil {
			return nil, err
		}
		return reflect.MapOf(key, elem), nil
	}
	return nil, fmt.Errorf("unknown type code %d", code)
}

// minSize is the fewest bytes a value of type t takes in the stream (at most math.MaxInt32).
func minSize(t reflect.Type) int {
	switch t.Kind() {
	case reflect.Bool, reflect.String, reflect.Slice, reflect.Map, reflect.Interface:
		return 1
	case reflect.Float32:
		return 4
	case reflect.Array:
		size := int64(t.Len()) * int64(minSize(t.Elem()))
		if size > math.MaxInt32 {
			return math.MaxInt32
		}
		return int(size)
	}
	return 8
}

// fits says whether a value of type t can be in what is left of the stream: checked before
// the value is allocated, so a forged array type cannot make the driver allocate more than it reads.
func (d *Decoder) fits(t reflect.Type) error {
	if minSize(t) > d.Remaining() {
		return fmt.Errorf("a %s is longer than the stream", t)
	}
	return nil
}

func (d *Decoder) readValue(v reflect.Value, depth int) error {
	if depth > maxDepth {
		return errors.New("value nested too deeply")
	}
	switch v.Kind() {
	case reflect.Bool:
		b, err := d.byte()
		if err != nil {
			return err
		}
		if b > 1 {
			return fmt.Errorf("a bool of %d", b)
		}
		v.SetBool(b == 1)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		b, err := d.fixed(8)
		if err != nil {
			return err
		}
		x := int64(binary.LittleEndian.Uint64(b))
		if v.OverflowInt(x) {
			return fmt.Errorf("%d overflows %s", x, v.Type())
		}
		v.SetInt(x)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		b, err := d.fixed(8)
		if err != nil {
			return err
		}
		x := binary.LittleEndian.Uint64(b)
		if v.OverflowUint(x) {
			return fmt.Errorf("%d overflows %s", x, v.Type())
		}
		v.SetUint(x)
	case reflect.Float32:
		b, err := d.fixed(4)
		if err != nil {
			return err
		}
		// Through reflect.Value.SetFloat a float32 keeps its bits (NaN payloads included).
		v.Set(reflect.ValueOf(math.Float32frombits(binary.LittleEndian.Uint32(b))))
	case reflect.Float64:
		b, err := d.fixed(8)
		if err != nil {
			return err
		}
		v.SetFloat(math.Float64frombits(binary.LittleEndian.Uint64(b)))
	case reflect.String:
		n, err := d.length(1)
		if err != nil {
			return err
		}
		b, _ := d.fixed(n)
		v.SetString(string(b))
	case reflect.Slice, reflect.Map:
		present, err := d.byte()
		if err != nil {
			return err
		}
		if present > 1 {
			return fmt.Errorf("a nil flag of %d", present)
		}
		if present == 0 {
			return nil // the zero value: a nil slice or map
		}
		if v.Kind() == reflect.Map {
			n, err := d.length(minSize(v.Type().Key()) + minSize(v.Type().Elem()))
			if err != nil {
				return err
			}
			m := reflect.MakeMapWithSize(v.Type(), n)
			for i := 0; i < n; i++ {
				key := reflect.New(v.Type().Key()).Elem()
				value := reflect.New(v.Type().Elem()).Elem()
				if err := d.readValue(key, depth+1); err != nil {
					return err
				}
				if err := d.readValue(value, depth+1); err != nil {
					return err
				}
				m.SetMapIndex(key, value)
			}
			v.Set(m)
			return nil
		}
		n, err := d.length(minSize(v.Type().Elem()))
		if err != nil {
			return err
		}
		v.Set(reflect.MakeSlice(v.Type(), n, n))
		for i := 0; i < n; i++ {
			if err := d.readValue(v.Index(i), depth+1); err != nil {
				return err
			}
		}
	case reflect.Array:
		for i := 0; i < v.Len(); i++ {
			if err := d.readValue(v.Index(i), depth+1); err != nil {
				return err
			}
		}
	case reflect.Interface:
		present, err := d.byte()
		if err != nil {
			return err
		}
		if present > 1 {
			return fmt.Errorf("a nil flag of %d", present)
		}
		if present == 0 {
			return nil
		}
		t, err := d.readType(depth + 1)
		if err != nil {
			return err
		}
		if t.Kind() == reflect.Interface {
			return errors.New("an interface{} holding an interface{}")
		}
		if err := d.fits(t); err != nil {
			return err
		}
		inner := reflect.New(t).Elem()
		if err := d.readValue(inner, depth+1); err != nil {
			return err
		}
		v.Set(inner)
	default:
		return fmt.Errorf("cannot decode a %s", v.Type())
	}
	return nil
}

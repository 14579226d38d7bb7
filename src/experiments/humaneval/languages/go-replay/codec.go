// Package replay is the wire format of the HumanEval-X Go harness' lockstep replay: the sample's
// program reports each value its entry point returned to the test (package trace, fd 3), and the
// trusted driver — the same test against a stub — hands those values back to the test (package
// driver). A record is the static type's descriptor, then the value. Only unnamed built-in types
// are supported (bool, integers, floats, string, slices, arrays, maps, interface{}), so decoding
// builds nothing but plain data; a dynamic type inside an interface{} travels with its descriptor,
// so an int64 or a []interface{} comes back as exactly that type and reflect.DeepEqual in the
// test's assertions sees what it would have seen in the sample's process. nil and empty slices and
// maps stay apart, floats keep their bits (NaN, ±Inf, -0).
package replay

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"reflect"
)

const maxDepth = 32

const (
	tBool = iota + 1
	tInt
	tInt8
	tInt16
	tInt32
	tInt64
	tUint
	tUint8
	tUint16
	tUint32
	tUint64
	tUintptr
	tFloat32
	tFloat64
	tString
	tSlice
	tArray
	tMap
	tInterface
)

var scalars = map[reflect.Kind]byte{
	reflect.Bool: tBool, reflect.Int: tInt, reflect.Int8: tInt8, reflect.Int16: tInt16, reflect.Int32: tInt32,
	reflect.Int64: tInt64, reflect.Uint: tUint, reflect.Uint8: tUint8, reflect.Uint16: tUint16,
	reflect.Uint32: tUint32, reflect.Uint64: tUint64, reflect.Uintptr: tUintptr, reflect.Float32: tFloat32,
	reflect.Float64: tFloat64, reflect.String: tString,
}

var scalarTypes = map[byte]reflect.Type{
	tBool: reflect.TypeOf(false), tInt: reflect.TypeOf(int(0)), tInt8: reflect.TypeOf(int8(0)),
	tInt16: reflect.TypeOf(int16(0)), tInt32: reflect.TypeOf(int32(0)), tInt64: reflect.TypeOf(int64(0)),
	tUint: reflect.TypeOf(uint(0)), tUint8: reflect.TypeOf(uint8(0)), tUint16: reflect.TypeOf(uint16(0)),
	tUint32: reflect.TypeOf(uint32(0)), tUint64: reflect.TypeOf(uint64(0)), tUintptr: reflect.TypeOf(uintptr(0)),
	tFloat32: reflect.TypeOf(float32(0)), tFloat64: reflect.TypeOf(float64(0)), tString: reflect.TypeOf(""),
}

var emptyInterface = reflect.TypeOf((*interface{})(nil)).Elem()

// Append encodes *p (p is a pointer to the entry point's declared return type) as one record.
func Append(out []byte, p interface{}) ([]byte, error) {
	v := reflect.ValueOf(p)
	if v.Kind() != reflect.Ptr || v.IsNil() {
		return nil, errors.New("replay: Append needs a non-nil pointer")
	}
	out, err := appendType(out, v.Elem().Type(), 0)
	if err != nil {
		return nil, err
	}
	return appendValue(out, v.Elem(), 0)
}

func appendType(out []byte, t reflect.Type, depth int) ([]byte, error) {
	if depth > maxDepth {
		return nil, errors.New("replay: type nested too deeply")
	}
	if code, ok := scalars[t.Kind()]; ok {
		if t != scalarTypes[code] {
			return nil, fmt.Errorf("replay: cannot report a value of the named type %s", t)
		}
		return append(out, code), nil
	}
	if t.Name() != "" {
		return nil, fmt.Errorf("replay: cannot report a value of the named type %s", t)
	}
	switch t.Kind() {
	case reflect.Slice:
		return appendType(append(out, tSlice), t.Elem(), depth+1)
	case reflect.Array:
		out = appendUvarint(append(out, tArray), uint64(t.Len()))
		return appendType(out, t.Elem(), depth+1)
	case reflect.Map:
		out, err := appendType(append(out, tMap), t.Key(), depth+1)
		if err != nil {
			return nil, err
		}
		return appendType(out, t.Elem(), depth+1)
	case reflect.Interface:
		if t != emptyInterface {
			return nil, fmt.Errorf("replay: cannot report a value of type %s", t)
		}
		return append(out, tInterface), nil
	}
	return nil, fmt.Errorf("replay: cannot report a value of type %s", t)
}

func appendValue(out []byte, v reflect.Value, depth int) ([]byte, error) {
	if depth > maxDepth {
		return nil, errors.New("replay: value nested too deeply")
	}
	var err error
	switch v.Kind() {
	case reflect.Bool:
		if v.Bool() {
			return append(out, 1), nil
		}
		return append(out, 0), nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return appendUint64(out, uint64(v.Int())), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return appendUint64(out, v.Uint()), nil
	case reflect.Float32:
		return appendUint32(out, math.Float32bits(float32(v.Float()))), nil
	case reflect.Float64:
		return appendUint64(out, math.Float64bits(v.Float())), nil
	case reflect.String:
		return append(appendUvarint(out, uint64(v.Len())), v.String()...), nil
	case reflect.Slice, reflect.Map:
		if v.IsNil() {
			return append(out, 0), nil
		}
		out = appendUvarint(append(out, 1), uint64(v.Len()))
		if v.Kind() == reflect.Map {
			for it := v.MapRange(); it.Next() && err == nil; {
				if out, err = appendValue(out, it.Key(), depth+1); err == nil {
					out, err = appendValue(out, it.Value(), depth+1)
				}
			}
			return out, err
		}
		fallthrough
	case reflect.Array:
		for i := 0; i < v.Len() && err == nil; i++ {
			out, err = appendValue(out, v.Index(i), depth+1)
		}
		return out, err
	case reflect.Interface:
		if v.IsNil() {
			return append(out, 0), nil
		}
		if out, err = appendType(append(out, 1), v.Elem().Type(), depth+1); err != nil {
			return nil, err
		}
		return appendValue(out, v.Elem(), depth+1)
	}
	return nil, fmt.Errorf("replay: cannot report a value of type %s", v.Type())
}

// Go 1.18 has no binary.Append*: the harness supports the go 1.18 the benchmark names.
func appendUvarint(out []byte, x uint64) []byte {
	var b [binary.MaxVarintLen64]byte
	return append(out, b[:binary.PutUvarint(b[:], x)]...)
}

func appendUint64(out []byte, x uint64) []byte {
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], x)
	return append(out, b[:]...)
}

func appendUint32(out []byte, x uint32) []byte {
	var b [4]byte
	binary.LittleEndian.PutUint32(b[:], x)
	return append(out, b[:]...)
}

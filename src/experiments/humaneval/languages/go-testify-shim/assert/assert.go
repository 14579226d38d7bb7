// Package assert is a minimal stand-in for github.com/stretchr/testify/assert, used by the
// HumanEval-X Go harness when testify cannot be downloaded (offline). The benchmark's tests only
// call assert.New(t) and Equal; equality follows testify's ObjectsAreEqual: []byte compared with
// bytes.Equal, everything else with reflect.DeepEqual, function values rejected.
package assert

import (
	"bytes"
	"fmt"
	"reflect"
)

// TestingT is the part of *testing.T the assertions use.
type TestingT interface {
	Errorf(format string, args ...interface{})
}

type Assertions struct{ t TestingT }

func New(t TestingT) *Assertions { return &Assertions{t: t} }

func ObjectsAreEqual(expected, actual interface{}) bool {
	if expected == nil || actual == nil {
		return expected == actual
	}
	exp, ok := expected.([]byte)
	if !ok {
		return reflect.DeepEqual(expected, actual)
	}
	act, ok := actual.([]byte)
	if !ok {
		return false
	}
	if exp == nil || act == nil {
		return exp == nil && act == nil
	}
	return bytes.Equal(exp, act)
}

func isFunction(v interface{}) bool {
	return v != nil && reflect.TypeOf(v).Kind() == reflect.Func
}

func Equal(t TestingT, expected, actual interface{}, msgAndArgs ...interface{}) bool {
	if isFunction(expected) || isFunction(actual) {
		t.Errorf("Invalid operation: Equal(%#v, %#v) (cannot take func type as argument)", expected, actual)
		return false
	}
	if !ObjectsAreEqual(expected, actual) {
		t.Errorf("Not equal:\nexpected: %#v\nactual  : %#v%s", expected, actual, message(msgAndArgs))
		return false
	}
	return true
}

func NotEqual(t TestingT, expected, actual interface{}, msgAndArgs ...interface{}) bool {
	if ObjectsAreEqual(expected, actual) {
		t.Errorf("Should not be: %#v%s", actual, message(msgAndArgs))
		return false
	}
	return true
}

func True(t TestingT, value bool, msgAndArgs ...interface{}) bool {
	if !value {
		t.Errorf("Should be true%s", message(msgAndArgs))
	}
	return value
}

func False(t TestingT, value bool, msgAndArgs ...interface{}) bool {
	if value {
		t.Errorf("Should be false%s", message(msgAndArgs))
	}
	return !value
}

func (a *Assertions) Equal(expected, actual interface{}, msgAndArgs ...interface{}) bool {
	return Equal(a.t, expected, actual, msgAndArgs...)
}

func (a *Assertions) NotEqual(expected, actual interface{}, msgAndArgs ...interface{}) bool {
	return NotEqual(a.t, expected, actual, msgAndArgs...)
}

func (a *Assertions) True(value bool, msgAndArgs ...interface{}) bool { return True(a.t, value, msgAndArgs...) }

func (a *Assertions) False(value bool, msgAndArgs ...interface{}) bool { return False(a.t, value, msgAndArgs...) }

func message(msgAndArgs []interface{}) string {
	if len(msgAndArgs) == 0 {
		return ""
	}
	if format, ok := msgAndArgs[0].(string); ok && len(msgAndArgs) > 1 {
		return "\n" + fmt.Sprintf(format, msgAndArgs[1:]...)
	}
	return "\n" + fmt.Sprint(msgAndArgs...)
}

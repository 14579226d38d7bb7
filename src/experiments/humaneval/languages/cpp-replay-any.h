// boost::any on the replay wire (cpp-replay.h), for the tasks whose entry point returns one
// (CPP/137): the value's own type travels with it, among the plain types the benchmark's tests
// cast to; any other held type fails in the driver (the test could not have cast it either).
#ifndef LITMUS_CPP_REPLAY_ANY_H
#define LITMUS_CPP_REPLAY_ANY_H
#include <boost/any.hpp>
#include "cpp-replay.h"

namespace litmus {

template <> struct codec<boost::any> {
  template <class T> static bool put_as(std::string& o, const boost::any& v, char kind) {
    const T* held = boost::any_cast<T>(&v);
    if (!held) return false;
    o += kind;
    codec<T>::put(o, *held);
    return true;
  }
  static void put(std::string& o, const boost::any& v) {
    o += 'a';
    if (v.empty()) {
      o += 'n';
      return;
    }
    if (put_as<int>(o, v, 'i') || put_as<long>(o, v, 'l') || put_as<long long>(o, v, 'L') ||
        put_as<double>(o, v, 'd') || put_as<float>(o, v, 'f') || put_as<bool>(o, v, 'b') ||
        put_as<char>(o, v, 'c') || put_as<std::string>(o, v, 's'))
      return;
    const char* const* text = boost::any_cast<const char*>(&v);
    if (text && *text) {
      o += 'z';
      codec<std::string>::put(o, std::string(*text));
      return;
    }
    o += '?';
  }
  static boost::any get(Reader& r) {
    expect_tag(r, 'a');
    switch (get_byte(r)) {
      case 'n': return boost::any();
      case 'i': return boost::any(codec<int>::get(r));
      case 'l': return boost::any(codec<long>::get(r));
      case 'L': return boost::any(codec<long long>::get(r));
      case 'd': return boost::any(codec<double>::get(r));
      case 'f': return boost::any(codec<float>::get(r));
      case 'b': return boost::any(codec<bool>::get(r));
      case 'c': return boost::any(codec<char>::get(r));
      case 's': return boost::any(codec<std::string>::get(r));
      case 'z': {
        // A C string held by the any: the driver keeps its copy alive to the end of the run.
        std::string* kept = new std::string(codec<std::string>::get(r));
        return boost::any((const char*)kept->c_str());
      }
      default: fail("a boost::any holding a type the replay does not carry");
    }
  }
};

}  // namespace litmus

#endif

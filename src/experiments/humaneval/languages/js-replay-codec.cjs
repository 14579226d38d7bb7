'use strict';
// Wire format of the HumanEval-X JavaScript harness' lockstep replay (js-replay.ts): one line per
// value the entry point returned, JSON with tags for what JSON cannot say. A bare JSON string,
// boolean, null or number is itself; every other value is an object with exactly one key:
//   {"n":"NaN"|"Infinity"|"-Infinity"|"-0"}  {"u":1} undefined  {"b":"-123"} BigInt
//   {"a":[…]} array  {"o":[[key,value],…]} plain object (own enumerable string keys, in order)
//   {"m":[[key,value],…]} Map  {"s":[…]} Set  {"x":"what"} a value that cannot be replayed.
// A record may instead be {"t":[name, message]}: the call threw (the replayer throws the same).
// encode runs inside the SAMPLE's program (untrusted: whatever it writes is only what the sample
// claims it returned). decodeStream runs inside the trusted driver and is the security boundary: it
// accepts exactly this grammar — bounded depth and sizes, only plain data of the driver's own realm
// (arrays, objects with the standard prototype, Map, Set), no functions, no prototypes set, no
// getters — and throws on anything else. This file is inlined into both programs as the body of a
// function (no require), so keep it self-contained.

const MAX_DEPTH = 256;
const MAX_BIGINT_DIGITS = 100_000;

const isPlainObject = (value) => {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};

function toTagged(value, depth) {
  if (depth > MAX_DEPTH) throw new RangeError('returned value nested too deep to replay');
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'undefined':
      return { u: 1 };
    case 'bigint':
      return { b: value.toString() };
    case 'number':
      if (Number.isNaN(value)) return { n: 'NaN' };
      if (value === Number.POSITIVE_INFINITY) return { n: 'Infinity' };
      if (value === Number.NEGATIVE_INFINITY) return { n: '-Infinity' };
      if (Object.is(value, -0)) return { n: '-0' };
      return value;
    case 'object': {
      if (value === null) return null;
      const d = depth + 1;
      if (Array.isArray(value)) {
        const items = [];
        for (let i = 0; i < value.length; i++) items.push(toTagged(value[i], d));
        return { a: items };
      }
      if (value instanceof Map) return { m: [...value].map(([k, v]) => [toTagged(k, d), toTagged(v, d)]) };
      if (value instanceof Set) return { s: [...value].map((v) => toTagged(v, d)) };
      if (isPlainObject(value)) return { o: Object.keys(value).map((k) => [k, toTagged(value[k], d)]) };
      return { x: Object.prototype.toString.call(value) };
    }
    default:
      return { x: typeof value };
  }
}

/** One record: the value's tagged JSON and a newline (JSON never holds a raw newline). */
function encode(value) {
  return `${JSON.stringify(toTagged(value, 0))}\n`;
}

/** The record of a call that threw instead of returning: {"t":[name, message]} (top level only). */
function encodeThrown(error) {
  let name = 'Error';
  let message = '';
  try {
    name = String(error.name);
    message = String(error.message);
  } catch {
    // a thrown value without a readable name or message
  }
  return `${JSON.stringify({ t: [name.slice(0, 100), message.slice(0, 1000)] })}\n`;
}

/** What the replayer throws for a call whose record says it threw. */
class Thrown {
  constructor(name, message) {
    this.name = name;
    this.message = message;
  }
}

const NUMBER_TAGS = {
  NaN: Number.NaN,
  Infinity: Number.POSITIVE_INFINITY,
  '-Infinity': Number.NEGATIVE_INFINITY,
  '-0': -0,
};

function fail(why) {
  throw new TypeError(`malformed value from the sample: ${why}`);
}

function fromTagged(node, depth) {
  if (depth > MAX_DEPTH) fail('nested too deep');
  if (node === null || typeof node === 'string' || typeof node === 'boolean' || typeof node === 'number') return node;
  if (typeof node !== 'object' || Array.isArray(node)) fail('bare array');
  const keys = Object.keys(node);
  if (keys.length !== 1) fail('a tag object has exactly one key');
  const tag = keys[0];
  const body = node[tag];
  const d = depth + 1;
  const list = (what) => {
    if (!Array.isArray(body)) fail(`${what} needs a list`);
    return body;
  };
  const pairs = (what) =>
    list(what).map((pair) => {
      if (!Array.isArray(pair) || pair.length !== 2) fail(`${what} entries are [key, value]`);
      return pair;
    });
  switch (tag) {
    case 'n':
      if (typeof body !== 'string' || !Object.hasOwn(NUMBER_TAGS, body)) fail('unknown number tag');
      return NUMBER_TAGS[body];
    case 'u':
      if (body !== 1) fail('undefined is {"u":1}');
      return undefined;
    case 'b':
      if (typeof body !== 'string' || body.length > MAX_BIGINT_DIGITS || !/^-?\d+$/.test(body)) fail('bad BigInt');
      return BigInt(body);
    case 'a':
      return list('an array').map((item) => fromTagged(item, d));
    case 'o': {
      const object = {};
      for (const [key, value] of pairs('an object')) {
        if (typeof key !== 'string') fail('object keys are strings');
        // defineProperty: a "__proto__" key is an own property, never the object's prototype.
        Object.defineProperty(object, key, {
          value: fromTagged(value, d),
          writable: true,
          enumerable: true,
          configurable: true,
        });
      }
      return object;
    }
    case 'm':
      return new Map(pairs('a Map').map(([k, v]) => [fromTagged(k, d), fromTagged(v, d)]));
    case 's':
      return new Set(list('a Set').map((item) => fromTagged(item, d)));
    case 'x':
      throw new TypeError(
        `the entry point returned ${typeof body === 'string' ? body.slice(0, 60) : 'a value'}, which cannot be replayed`,
      );
    default:
      fail('unknown tag');
  }
}

/** Every record of a results stream, in order; throws on a malformed, truncated or foreign record. */
function decodeStream(text) {
  if (typeof text !== 'string') fail('not text');
  if (text === '') return [];
  if (!text.endsWith('\n')) fail('the last record is cut short');
  const lines = text.slice(0, -1).split('\n');
  return lines.map((line, i) => {
    let node;
    try {
      node = JSON.parse(line);
    } catch {
      fail(`record ${i + 1} is not JSON`);
    }
    if (node !== null && typeof node === 'object' && Object.hasOwn(node, 't')) {
      const body = node.t;
      const ok = Object.keys(node).length === 1 && Array.isArray(body) && body.length === 2;
      if (
        !ok ||
        typeof body[0] !== 'string' ||
        typeof body[1] !== 'string' ||
        body[0].length > 100 ||
        body[1].length > 1000
      )
        fail('a thrown record is {"t":[name, message]}');
      return new Thrown(body[0], body[1]);
    }
    return fromTagged(node, 0);
  });
}

module.exports = { encode, encodeThrown, decodeStream, Thrown };
